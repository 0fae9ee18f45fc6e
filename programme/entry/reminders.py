"""E-mail reminders: a month due soon or late (editors), waiting for approval (managers), a report published (viewers).

`due_reminders(today)` works out which messages are due; `send(reminders)` sends
each at most once. A message is claimed in the sent-log (SentReminder, unique per
kind, subject and user) before it goes out, so a second run, even one that
overlaps, skips it; a message the mail server refused gives its claim back, and
the next run tries again. Users who switched reminders off on their profile, and
users without an e-mail address, get nothing. `manage.py send_reminders` runs this daily.

No message carries a figure, so disclosure control has nothing to mask here: editors
and managers read how many of a month's slots are filled, viewers that a report
version was published and where to read it (its page applies the rule).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Preference
from monitoring.models import PeriodState, ReminderKind, ReportVersion, SentReminder
from nprz_dashboard.formatting import format_date, format_number
from nprz_dashboard.periods import Quarter
from nprz_dashboard.roles import EDITOR, MANAGER, VIEWER

from .selectors import month_rows, user_name

log = logging.getLogger(__name__)
# A report version published longer ago than this is old news (and never mailed on a first run).
PUBLISHED_WITHIN = dt.timedelta(days=14)
WAITING = (PeriodState.OPEN, PeriodState.REOPENED, PeriodState.RETURNED)


@dataclass(frozen=True)
class Reminder:
    """One message to one user about one thing."""

    kind: str
    subject_key: str
    user: object
    subject: str
    body: str


def recipients(role: str) -> list:
    """Return the active users of a role group with an e-mail address who did not switch reminders off."""
    switched_off = Preference.objects.filter(reminders=False).values("user_id")
    users = (
        get_user_model()
        .objects.filter(groups__name=role, is_active=True)
        .exclude(email="")
        .exclude(id__in=switched_off)
        .order_by("id")
        .distinct()
    )
    return list(users)


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def body(user, lines: list[str]) -> str:
    """Return a message's text: greeting, the lines, and how to switch reminders off."""
    return "\n\n".join(
        [
            f"Beste {user_name(user)},",
            *lines,
            f"Je krijgt dit bericht omdat je herinneringen per e-mail aan hebt staan. "
            f"Uitzetten kan op je profiel: {link(reverse('profile'))}",
            "NPRZ Werkmonitor (Samen voor Zuid)",
        ]
    )


def due_reminders(today: dt.date) -> list[Reminder]:
    """Return every reminder that is due today, sent or not (send() skips what was sent)."""
    rows = month_rows(today)
    reminders = []
    editors, managers = recipients(EDITOR), recipients(MANAGER)
    for row in rows:
        month, url = row["month"], link(reverse("entry-month", args=[row["month"].key]))
        progress = f"Nu zijn {format_number(row['filled'])} van {format_number(row['expected'])} cijfers ingevuld."
        days_left = (row["due_date"] - today).days
        if row["state"] in WAITING and 0 < days_left <= settings.ENTRY_REMINDER_DAYS:
            for user in editors:
                reminders.append(
                    Reminder(
                        ReminderKind.DUE_SOON,
                        month.key,
                        user,
                        f"Over {days_left} dag{'en' if days_left != 1 else ''}: cijfers van {month.label} "
                        f"uiterlijk {format_date(row['due_date'])}",
                        body(
                            user,
                            [
                                f"De cijfers van {month.label} moeten uiterlijk {format_date(row['due_date'])} "
                                f"zijn ingevuld en ingediend. {progress}",
                                f"Vul de maand in en dien haar in: {url}",
                            ],
                        ),
                    )
                )
        if row["state"] in WAITING and row["is_late"]:
            for user in editors:
                reminders.append(
                    Reminder(
                        ReminderKind.LATE,
                        month.key,
                        user,
                        f"Te laat: cijfers van {month.label} (uiterlijk {format_date(row['due_date'])})",
                        body(
                            user,
                            [
                                f"De cijfers van {month.label} hadden uiterlijk {format_date(row['due_date'])} "
                                f"ingevuld moeten zijn. {progress}",
                                f"Vul de ontbrekende cijfers in en dien de maand in: {url}",
                            ],
                        ),
                    )
                )
        if row["state"] == PeriodState.SUBMITTED:
            submitted = timezone.localtime(row["changed_at"]) if row["changed_at"] else None
            key = f"{month.key}@{submitted:%Y%m%d%H%M%S}" if submitted else month.key
            for user in managers:
                reminders.append(
                    Reminder(
                        ReminderKind.AWAITING_APPROVAL,
                        key,
                        user,
                        f"{month.label.capitalize()} wacht op je goedkeuring",
                        body(
                            user,
                            [
                                f"{row['changed_by'] or 'Een beheerder'} heeft de cijfers van {month.label} "
                                f"ingediend{f' op {format_date(submitted)}' if submitted else ''}. {progress}",
                                f"Bekijk de maand en keur haar goed, of heropen haar met een reden: {url}",
                            ],
                        ),
                    )
                )
    reminders.extend(_published(today))
    return reminders


def _published(today: dt.date) -> list[Reminder]:
    """Return a message to each viewer about each report version published recently."""
    since = timezone.now() - PUBLISHED_WITHIN
    versions = ReportVersion.objects.filter(published_at__gte=since).select_related("report").order_by("id")
    viewers = recipients(VIEWER) if versions else []
    reminders = []
    for version in versions:
        quarter = Quarter(version.report.year, version.report.quarter)
        url = link(reverse("report-detail", args=[quarter.year, quarter.number]))
        what = f"De rapportage over het {quarter.long_label}"
        for user in viewers:
            reminders.append(
                Reminder(
                    ReminderKind.PUBLISHED,
                    f"v{version.id}",
                    user,
                    f"Gepubliceerd: kwartaalrapportage {quarter.label}"
                    + (f" (versie {version.number})" if version.number > 1 else ""),
                    body(
                        user,
                        [
                            f"{what} is gepubliceerd op {format_date(timezone.localtime(version.published_at))}"
                            + (f", versie {version.number}: {version.note}" if version.number > 1 else "")
                            + ".",
                            f"Lees haar hier, met de PDF: {url}",
                        ],
                    ),
                )
            )
    return reminders


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0  # sent before, or being sent by another run
    failed: int = 0


def send(reminders: list[Reminder], *, dry_run: bool = False) -> Outcome:
    """Send each reminder once; return how many were sent, skipped and failed."""
    outcome = Outcome()
    logged = set(SentReminder.objects.values_list("kind", "subject_key", "user_id"))
    todo = [r for r in reminders if (r.kind, r.subject_key, r.user.id) not in logged]
    outcome.skipped = len(reminders) - len(todo)
    if dry_run or not todo:
        return outcome
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:  # no mail server now: nothing claimed, the next run tries again
        log.warning("reminders not sent: mail server unreachable error=%s", error)
        outcome.failed = len(todo)
        return outcome
    with connection:
        for reminder in todo:
            claim = _claim(reminder)
            if claim is None:
                outcome.skipped += 1
                continue
            message = EmailMessage(reminder.subject, reminder.body, to=[reminder.user.email], connection=connection)
            try:
                message.send()
            except (OSError, smtplib.SMTPException) as error:  # refused or away: the next run tries again
                log.warning("reminder not sent kind=%s to=%s error=%s", reminder.kind, reminder.user.id, error)
                claim.delete()
                outcome.failed += 1
                continue
            claim.sent_at = timezone.now()
            claim.save(update_fields=["sent_at"])
            outcome.sent += 1
    return outcome


def _claim(reminder: Reminder) -> SentReminder | None:
    """Claim a reminder in the sent-log; None when another run holds (or sent) it."""
    try:
        with transaction.atomic():
            return SentReminder.objects.create(
                kind=reminder.kind, subject_key=reminder.subject_key, user=reminder.user, address=reminder.user.email
            )
    except IntegrityError:
        return None


def tell_sent_back(month, event, editor) -> Outcome:
    """E-mail the editor who submitted a month that a manager sent it back, with the reason (once per step)."""
    if editor is None or not editor.email or Preference.objects.filter(user=editor, reminders=False).exists():
        return Outcome()
    lines = [
        f"{user_name(event.user)} heeft {month.label} teruggestuurd. Reden: {event.reason}",
        f"Pas de maand aan en dien haar opnieuw in: {link(reverse('entry-month', args=[month.key]))}",
    ]
    reminder = Reminder(
        ReminderKind.SENT_BACK,
        f"{month.key}-{event.id}",
        editor,
        f"{month.label} is teruggestuurd: {event.reason}"[:150],
        body(editor, lines),
    )
    return send([reminder])
