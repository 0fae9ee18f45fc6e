"""The months' period rows: locked for the length of a write, and moved between workflow states.

Every write of figures and every workflow step locks the months it touches
(select_for_update, in month order against deadlocks); a locked (approved) month
refuses writes here, and the models refuse them too, so no path slips past.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from monitoring.models import ChangeEvent, ChangeKind, PeriodLocked, ReportingPeriod
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import has_role

HISTORY_REASON_LENGTH = 100  # simple-history's change-reason column


def require(user, role: str) -> None:
    """Refuse a user without the role (views check it too; services never trust them)."""
    if not has_role(user, role):
        raise PermissionDenied("Je hebt geen toegang tot deze handeling.")


def short(text: str) -> str:
    """Return a text cut to fit simple-history's change reason."""
    return text if len(text) <= HISTORY_REASON_LENGTH else text[: HISTORY_REASON_LENGTH - 1] + "…"


def lock_periods(months, *, allow_locked: bool = False) -> dict[Month, ReportingPeriod]:
    """Lock the months' period rows for this transaction (in month order, against deadlocks)."""
    periods = {}
    for month in sorted(set(months)):
        ReportingPeriod.objects.get_or_create(month=month.first_day)
        periods[month] = ReportingPeriod.objects.select_for_update().get(month=month.first_day)
    if not allow_locked:
        for period in periods.values():
            if period.is_locked:
                raise PeriodLocked(ReportingPeriod.objects.select_related("changed_by").get(pk=period.pk))
    return periods


def move_period(period: ReportingPeriod, state: str, user, kind: str, *, reason: str, summary: str) -> ChangeEvent:
    """Move a locked period row to a workflow state and record the step."""
    period.state = state
    period.changed_by = user
    period.changed_at = timezone.now()
    period.reason = reason
    period._change_reason = short(f"{ChangeKind(kind).label}: {reason}" if reason else ChangeKind(kind).label)
    period._history_user = user
    period.save()
    return ChangeEvent.objects.create(kind=kind, user=user, month=period.month, reason=reason, summary=summary)
