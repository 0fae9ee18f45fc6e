"""The one audited write path for figures: the entry form, an import and the admin all end here.

`write_figures` locks the months' period rows, creates or corrects the figures
(keeping simple-history's trail), records one ChangeEvent with a ValueChange per
changed value (who, when, old, new, reason, file name), sends a submitted month
whose figures change back to open, and raises each month's revision for the
conflict check. Callers run it inside their transaction; the summary tables of
the months written (NPRZ activity totals, figure counts) are recomputed in it by
the models' bulk writes (`MonthlyValue.months_written`, docs/performance.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from monitoring.models import (
    CaseloadFigure,
    ChangeEvent,
    ChangeKind,
    FigureStatus,
    Origin,
    PeriodState,
    ReportingPeriod,
    ValueChange,
)
from nprz_dashboard.periods import Month

from .catalogue import Slot
from .locking import lock_periods, move_period, short
from .selectors import record_model

FIELDS = ["value", "status", "origin", "source", "note", "updated_by", "updated_at"]


@dataclass(frozen=True)
class FigureWrite:
    """One figure to create or correct: its month, slot and value; the admin may also set status and note."""

    month: Month
    slot: Slot
    value: Decimal
    status: str | None = None  # None: a new figure is voorlopig, a stored one keeps its status
    note: str | None = None  # None: keep the note (a corrected official or demo value loses it)


@dataclass
class _Change:
    write: FigureWrite
    figure: object
    old: Decimal | None  # None for a new figure

    @property
    def value_changed(self) -> bool:
        return self.old is None or self.old != self.write.value


def _stored(months) -> dict[tuple, object]:
    days = [m.first_day for m in months]
    stored = {(Month.of(f.month), f.indicator, f.area_id): f for f in CaseloadFigure.objects.filter(month__in=days)}
    records = record_model().objects.filter(month__in=days)
    stored.update({(Month.of(r.month), r.measure_id, r.area_id): r for r in records})
    return stored


def _value(write: FigureWrite):
    return int(write.value) if write.slot.is_caseload else write.value


def _new_figure(write: FigureWrite, user):
    slot = write.slot
    model = CaseloadFigure if slot.is_caseload else record_model()
    about = {"indicator": slot.indicator} if slot.is_caseload else {"measure_id": slot.measure_id}
    return model(
        month=write.month.first_day,
        area_id=slot.area_id,
        value=_value(write),
        status=write.status or FigureStatus.PROVISIONAL,
        origin=Origin.REGISTERED,
        note=write.note or "",
        updated_by=user,
        **about,
    )


def _correct(figure, write: FigureWrite, user, now) -> bool:
    """Apply a write to a stored figure; return whether anything changed.

    A corrected official or demo value is no longer what its publication or the
    demo generator said: it becomes a registered value, without the source and
    the note that described the old one (a note written with the correction stays).
    """
    old = (Decimal(figure.value), figure.status, figure.note)
    if Decimal(figure.value) != write.value:
        if figure.origin != Origin.REGISTERED:
            figure.origin, figure.source = Origin.REGISTERED, None
            figure.note = write.note if write.note not in (None, figure.note) else ""
        elif write.note is not None:
            figure.note = write.note
        figure.value = _value(write)
    elif write.note is not None:
        figure.note = write.note
    if write.status is not None:
        figure.status = write.status
    figure.updated_by, figure.updated_at = user, now
    return (Decimal(figure.value), figure.status, figure.note) != old


def _plan(writes: list[FigureWrite], user) -> list[_Change]:
    stored = _stored({w.month for w in writes})
    now = timezone.now()
    changes = []
    for write in writes:
        slot = write.slot
        figure = stored.get((write.month, slot.indicator or slot.measure_id, slot.area_id))
        if figure is None:
            changes.append(_Change(write, _new_figure(write, user), None))
        else:
            old = Decimal(figure.value)
            if _correct(figure, write, user, now):
                changes.append(_Change(write, figure, old))
    return changes


def _summary(changes: list[_Change]) -> str:
    created = sum(1 for c in changes if c.old is None)
    corrected = sum(1 for c in changes if c.old is not None and c.value_changed)
    summary = f"{created} nieuw, {corrected} gecorrigeerd"
    updated = len(changes) - created - corrected
    return summary + (f", {updated} bijgewerkt zonder andere waarde" if updated else "")


def _save(changes: list[_Change], user, history_reason: str) -> None:
    new, updated = defaultdict(list), defaultdict(list)
    for change in changes:
        (new if change.old is None else updated)[type(change.figure)].append(change.figure)
    for model, figures in new.items():
        bulk_create_with_history(figures, model, default_user=user, default_change_reason=history_reason)
    for model, figures in updated.items():
        bulk_update_with_history(figures, model, FIELDS, default_user=user, default_change_reason=history_reason)


def write_figures(
    writes: list[FigureWrite], *, user, kind: str, reason: str, month: Month | None, file_name: str = ""
) -> ChangeEvent | None:
    """Create or correct figures as one audited change; return its event, or None when nothing changed."""
    periods = lock_periods({w.month for w in writes})
    changes = _plan(writes, user)
    if not changes:
        return None
    back_to_open({c.write.month: periods[c.write.month] for c in changes if c.value_changed}, user, reason)
    event = ChangeEvent.objects.create(
        kind=kind,
        user=user,
        month=month.first_day if month else None,
        reason=reason,
        file_name=file_name,
        summary=_summary(changes),
    )
    label = ChangeKind(kind).label
    source = f"{label} {file_name}" if file_name else label
    _save(changes, user, short(f"{source}: {reason}" if reason else source))
    ValueChange.objects.bulk_create(
        ValueChange(
            event=event,
            month=c.write.month.first_day,
            area_id=c.write.slot.area_id,
            indicator=c.write.slot.indicator,
            measure_id=c.write.slot.measure_id,
            label=c.write.slot.label,
            unit=c.write.slot.unit,
            old_value=c.old,
            new_value=c.write.value,
            revision=periods[c.write.month].revision + 1,
        )
        for c in changes
        if c.value_changed
    )
    raise_revisions(periods.values())
    return event


def raise_revisions(periods) -> None:
    """Raise the months' revisions: a form loaded before this write now conflicts instead of overwriting."""
    ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods]).update(revision=F("revision") + 1)


def back_to_open(periods: dict[Month, ReportingPeriod], user, reason: str) -> None:
    """Return submitted months whose figures change to open, so they are checked and submitted again."""
    for month, period in periods.items():
        if period.state == PeriodState.SUBMITTED:
            move_period(
                period,
                PeriodState.OPEN,
                user,
                ChangeKind.REOPEN,
                reason=f"Cijfers gewijzigd na indienen: {reason}" if reason else "Cijfers gewijzigd na indienen",
                summary=f"Terug naar open: cijfers van {month.label} gewijzigd na indienen; dien de maand opnieuw in",
            )
