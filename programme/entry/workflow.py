"""A month's workflow: an editor submits it, a manager approves and locks it, or reopens it with a reason.

Each step locks the month's period row and is recorded as a ChangeEvent.
Approval pins the revision the manager reviewed, so nothing is locked unseen.
"""

from __future__ import annotations

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from monitoring.models import CaseloadFigure, ChangeEvent, ChangeKind, FigureStatus, Origin, PeriodState
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR, MANAGER

from . import reminders
from .errors import InvalidTransition, ServiceError, StaleApproval
from .locking import lock_periods, move_period, require
from .selectors import month_values, record_model


def submit_period(month: Month, user) -> ChangeEvent:
    """Mark a month as complete and ready for approval (editor)."""
    require(user, EDITOR)
    with transaction.atomic():
        period = lock_periods([month])[month]
        if period.state == PeriodState.SUBMITTED:
            raise InvalidTransition(f"{month.label} is al ingediend.")
        if not month_values(month):
            raise InvalidTransition(f"{month.label} heeft nog geen cijfers; vul eerst de maand in.")
        return move_period(period, PeriodState.SUBMITTED, user, ChangeKind.SUBMIT, reason="", summary="Ter goedkeuring")


def approve_period(
    month: Month, user, *, revision: int, final_caseload: bool = True, final_activities: bool = True
) -> ChangeEvent:
    """Approve and lock a submitted month at the revision the manager reviewed.

    Its figures become definitief unless the manager keeps them provisional. A month
    changed since the manager loaded it (another revision) is refused.
    """
    ActivityRecord = record_model()

    require(user, MANAGER)
    with transaction.atomic():
        period = lock_periods([month], allow_locked=True)[month]
        if period.state != PeriodState.SUBMITTED:
            raise InvalidTransition(
                f"Alleen een ingediende maand kan worden goedgekeurd; {month.label} is {period.get_state_display()}."
            )
        if period.revision != revision:
            raise StaleApproval(month)
        made_final = 0
        # Official figures keep the status their source gave them.
        for model, wanted in ((CaseloadFigure, final_caseload), (ActivityRecord, final_activities)):
            if not wanted:
                continue
            objs = list(
                model.objects.filter(month=month.first_day)
                .exclude(status=FigureStatus.FINAL)
                .exclude(origin=Origin.OFFICIAL)
            )
            for obj in objs:
                obj.status = FigureStatus.FINAL
            bulk_update_with_history(
                objs, model, ["status"], default_user=user, default_change_reason="Definitief bij goedkeuring"
            )
            made_final += len(objs)
        kept = [
            name for name, wanted in (("bijstand", final_caseload), ("activiteiten", final_activities)) if not wanted
        ]
        summary = f"{made_final} cijfers definitief gemaakt" + (
            f"; voorlopig gehouden: {', '.join(kept)}" if kept else ""
        )
        return move_period(period, PeriodState.APPROVED, user, ChangeKind.APPROVE, reason="", summary=summary)


def reopen_period(month: Month, user, reason: str) -> ChangeEvent:
    """Reopen an approved (or send back a submitted) month, with a reason (manager)."""
    require(user, MANAGER)
    reason = reason.strip()
    if not reason:
        raise ServiceError("Geef een reden om de maand te heropenen.")
    with transaction.atomic():
        period = lock_periods([month], allow_locked=True)[month]
        if period.state not in (PeriodState.APPROVED, PeriodState.SUBMITTED):
            raise InvalidTransition(f"{month.label} is niet ingediend of goedgekeurd en hoeft niet heropend te worden.")
        return move_period(period, PeriodState.REOPENED, user, ChangeKind.REOPEN, reason=reason, summary="Heropend")


def send_back(month: Month, user, reason: str) -> ChangeEvent:
    """Send a submitted month back to its editor with a reason (manager); the editor is told by e-mail.

    The month waits for its editor again (teruggestuurd); the mail goes out once the step is stored.
    """
    require(user, MANAGER)
    reason = reason.strip()
    if not reason:
        raise ServiceError("Geef een reden: de invoerder moet weten wat er nog moet gebeuren.")
    with transaction.atomic():
        period = lock_periods([month], allow_locked=True)[month]
        if period.state != PeriodState.SUBMITTED:
            raise InvalidTransition(f"Alleen een ingediende maand kan worden teruggestuurd; {month.label} is dat niet.")
        submitted = ChangeEvent.objects.filter(month=month.first_day, kind=ChangeKind.SUBMIT).order_by("-id").first()
        event = move_period(
            period, PeriodState.RETURNED, user, ChangeKind.SEND_BACK, reason=reason, summary="Teruggestuurd"
        )
        editor = submitted.user if submitted else None
        transaction.on_commit(lambda: reminders.tell_sent_back(month, event, editor))
    return event
