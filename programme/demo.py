"""Demo data on a database: whether demo values may be added, and taking them all out again.

A database is a demo when `seed_demo` marked it so (nprz_dashboard.models.DemoState).
`seed_demo` refuses a database that is not a demo and holds the municipality's
own figures (entered, imported or corrected: origin "registered"), because demo
values would then stand between real ones. `purge` removes every demo value,
demo target and report version published on demo values, audited, and leaves
official and registered figures as they are.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from activities.models import ActivityRecord, ActivityTarget
from benchmarks.models import BenchmarkOrigin, BenchmarkValue
from monitoring.models import (
    CaseloadFigure,
    ChangeEvent,
    ChangeKind,
    PeriodState,
    Provenance,
    ReportVersion,
    Target,
)
from nprz_dashboard.formatting import format_number
from nprz_dashboard.models import DemoState
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR, MANAGER, VIEWER

from .entry.locking import lock_periods, move_period, short
from .entry.writes import raise_revisions
from .reports import pdf

# The demo's shared logins: switched off by `purge` (no shared accounts outside a demo).
DEMO_USERS = [
    ("wethouder", VIEWER, "Wethouder (lezer)"),
    ("beheerder", EDITOR, "Gegevensbeheerder"),
    ("programmamanager", MANAGER, "Programmamanager"),
]
PURGE_REASON = "Demodata verwijderd met manage.py purge_demo"


class RealDataPresent(Exception):
    """The database holds the municipality's own figures and is not a demo; the message is Dutch."""


def refuse_real_data() -> None:
    """Raise RealDataPresent when demo values would be mixed into real ones."""
    if DemoState.is_set():
        return  # figures entered on a demo (the open month) are part of the demo
    caseload = CaseloadFigure.objects.registered().count()
    records = ActivityRecord.objects.registered().count()
    if caseload or records:
        raise RealDataPresent(
            f"Deze database is geen demodatabase en bevat ingevoerde of geïmporteerde cijfers "
            f"({_count(caseload, 'bijstandscijfer')}, {_count(records, 'activiteitcijfer')}). "
            "Demodata zou daartussen komen te staan; er is niets veranderd. "
            "Gebruik een lege database voor een demo, of geef --force-on-real-data als u dit echt wilt."
        )


def _count(number: int, noun: str) -> str:
    return f"{format_number(number)} {noun}" + ("" if number == 1 else "s")


@dataclass(frozen=True)
class Purged:
    caseload: int
    records: int
    targets: int
    versions: int
    reopened: list[Month]
    users: int
    benchmarks: int = 0

    @property
    def summary(self) -> str:
        return (
            f"{format_number(self.caseload)} bijstandscijfers, {format_number(self.records)} activiteitcijfers, "
            f"{format_number(self.benchmarks)} G4-vergelijkingscijfers, {self.targets} demodoelen en "
            f"{self.versions} rapportversies met demowaarden verwijderd"
        )


def synthetic_counts() -> dict[str, int]:
    """Return how many demo values, demo targets and report versions on demo values there are."""
    return {
        "caseload": CaseloadFigure.objects.synthetic().count(),
        "records": ActivityRecord.objects.synthetic().count(),
        "targets": Target.objects.filter(provenance=Provenance.SYNTHETIC).count()
        + ActivityTarget.objects.filter(provenance=Provenance.SYNTHETIC).count(),
        "versions": ReportVersion.objects.filter(snapshot__synthetic=True).count(),
        "benchmarks": BenchmarkValue.objects.filter(origin=BenchmarkOrigin.DEMO).count(),
    }


@transaction.atomic
def purge(user=None) -> Purged:
    """Remove every demo value, audited; leave official and registered figures alone; clear the demo mark.

    Months approved while they held demo values are reopened (the approval was of
    demo values); every removed figure keeps a history row with its last value.
    """
    actor = user.get_username() if user else f"systeemgebruiker {getpass.getuser()}"
    reason = f"{PURGE_REASON} (door {actor})"
    months = {
        Month.of(day)
        for model in (CaseloadFigure, ActivityRecord)
        for day in model.objects.synthetic().order_by().values_list("month", flat=True).distinct()
    }
    periods = lock_periods(months, allow_locked=True)
    reopened = []
    for month, period in periods.items():
        if period.state == PeriodState.APPROVED:
            move_period(
                period,
                PeriodState.REOPENED,
                user,
                ChangeKind.REOPEN,
                reason=f"{reason}: de goedkeuring gold demowaarden",
                summary=f"{month.label} heropend: de demowaarden zijn verwijderd",
            )
            reopened.append(month)
    now = timezone.now()
    caseload = _remove_values(CaseloadFigure, user, reason, now)
    records = _remove_values(ActivityRecord, user, reason, now)
    raise_revisions(periods.values())
    targets = _remove_targets(Target, reason) + _remove_targets(ActivityTarget, reason)
    versions = _remove_versions()
    users = _switch_off_demo_users()
    # The G4 comparison's demo values go too; each deletion leaves its history row (django-simple-history).
    benchmarks, _ = BenchmarkValue.objects.filter(origin=BenchmarkOrigin.DEMO).delete()
    purged = Purged(caseload, records, targets, versions, reopened, users, benchmarks)
    ChangeEvent.objects.create(kind=ChangeKind.ADMIN, user=user, reason=reason, summary=purged.summary)
    DemoState.mark(False)
    return purged


def _remove_values(model, user, reason: str, when) -> int:
    """Delete a model's demo values, writing their deletion into its history in bulk; return how many."""
    history = model.history.model
    fields = [field.attname for field in history.tracked_fields]
    removed = 0
    for day in model.objects.synthetic().order_by("month").values_list("month", flat=True).distinct():
        values = model.objects.synthetic().filter(month=day)
        history.objects.bulk_create(
            [
                history(
                    history_date=when,
                    history_user=user,
                    history_change_reason=short(reason),
                    history_type="-",
                    **{name: getattr(value, name) for name in fields},
                )
                for value in values
            ],
            batch_size=1000,
        )
        # The public delete() sends a signal per row, and simple-history would write its row one
        # INSERT at a time; the rows' history is written above in bulk instead. The month is reopened
        # (purge) and its summaries are recomputed here, as every other write path does.
        removed += values._raw_delete(values.db)
        model.months_written({day})
    return removed


def _remove_targets(model, reason: str) -> int:
    """Delete the demo targets; a revision that is not a demo target itself stays, standing on its own."""
    removed = 0
    demo = list(model.objects.filter(provenance=Provenance.SYNTHETIC).order_by("-created_at", "-id"))
    for target in demo:
        for revision in model.objects.filter(revises=target).exclude(provenance=Provenance.SYNTHETIC):
            revision.revises = None
            revision._change_reason = short(f"{reason}: het herziene demodoel is verwijderd")
            revision.save(update_fields=["revises"])
        target._change_reason = short(reason)
        target.delete()
        removed += 1
    return removed


def _remove_versions() -> int:
    """Delete the report versions published on demo values, with their kept PDFs."""
    versions = list(ReportVersion.objects.filter(snapshot__synthetic=True).values_list("pk", flat=True))
    ReportVersion.objects.filter(pk__in=versions).delete()
    for pk in versions:
        pdf.forget(f"versie-{pk}")
    return len(versions)


def _switch_off_demo_users() -> int:
    """Deactivate the demo's shared logins that are still active; return how many."""
    users = get_user_model().objects.filter(username__in=[name for name, _, _ in DEMO_USERS], is_active=True)
    switched = 0
    for demo_user in users:
        demo_user.is_active = False
        demo_user.set_unusable_password()
        demo_user.save(update_fields=["is_active", "password"])
        switched += 1
    return switched
