"""The one audited write path for figures: the entry form, an import and the admin all end here.

`write_figures` locks the months' period rows, adds the district and NPRZ totals
that the written neighbourhoods make (totals.py), creates or corrects the figures
(keeping simple-history's trail), records one ChangeEvent with a ValueChange per
changed value (who, when, old, new, reason, file name) and the explanations of
official totals that differ from their parts, sends a submitted month whose
figures change back to open, and raises each month's revision for the conflict
check. Callers run it inside their transaction; the summary tables of the months
written (NPRZ activity totals, figure counts) are recomputed in it by the models'
bulk writes (`MonthlyValue.months_written`, docs/performance.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from monitoring.models import (
    Area,
    CaseloadFigure,
    CaseloadIndicator,
    ChangeEvent,
    ChangeKind,
    FigureStatus,
    GapExplanation,
    Origin,
    PeriodState,
    ReportingPeriod,
    ValueChange,
    WarningOverride,
)
from nprz_dashboard.bulk import add_rows, next_ids
from nprz_dashboard.periods import Month

from . import rules, totals
from .catalogue import Catalogue, Slot, caseload_slot
from .errors import PublishedMonthChange, RulesBroken, ServiceError, WarningsNotOverridden
from .locking import lock_periods, move_period, short
from .selectors import published_versions, record_model, value_series

BATCH = 2_000  # rows per INSERT or UPDATE: a history import writes hundreds of thousands
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
    figure: object | None  # the stored figure; None for a new one (written by _create)
    old: Decimal | None  # None for a new figure

    @property
    def value_changed(self) -> bool:
        return self.old is None or self.old != self.write.value


def stored_figures(months) -> dict[tuple, object]:
    """Return the months' stored figures by (month, indicator or measure id, area id)."""
    days = [m.first_day for m in months]
    stored = {(Month.of(f.month), f.indicator, f.area_id): f for f in CaseloadFigure.objects.filter(month__in=days)}
    records = record_model().objects.filter(month__in=days)
    stored.update({(Month.of(r.month), r.measure_id, r.area_id): r for r in records})
    return stored


def _value(write: FigureWrite):
    return int(write.value) if write.slot.is_caseload else write.value


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


def caseload_slots() -> list[Slot]:
    """Return the caseload slot of every area and indicator (1 query)."""
    return [caseload_slot(i, a) for a in Area.objects.in_tree_order() for i in CaseloadIndicator.values]


def official_keys(slots, stored_for) -> set[str]:
    """Return the keys of the totals that come from their own source (official figures)."""
    return {s.key for s in slots if s.is_total and (f := stored_for(s)) is not None and f.origin == Origin.OFFICIAL}


def with_totals(writes: list[FigureWrite], stored: dict) -> list[FigureWrite]:
    """Return the writes with the district and NPRZ totals their caseload parts make.

    A written total must equal the sum of its parts when they are complete (else
    a Dutch ServiceError); an official total is never replaced.
    """
    months = sorted({w.month for w in writes if w.slot.is_caseload})
    if not months:
        return writes
    slots = caseload_slots()
    parts = totals.parts_of(slots)
    by_key = {s.key: s for s in slots}
    added = []
    for month in months:

        def stored_for(slot, month=month):
            return stored.get((month, slot.indicator, slot.area_id))

        values = {s.key: Decimal(f.value) for s in slots if (f := stored_for(s)) is not None}
        written = {w.slot.key: w for w in writes if w.month == month and w.slot.is_caseload}
        values.update({key: w.value for key, w in written.items()})
        derived = totals.derive(parts, values, official_keys(slots, stored_for))
        for key, value in derived.values.items():
            if key in written:
                if written[key].value != value:
                    raise TotalMismatch(by_key[key], month, written[key].value, value)
                continue
            current = stored_for(by_key[key])
            if current is None or Decimal(current.value) != value:
                added.append(FigureWrite(month, by_key[key], value))
    return writes + added


class TotalMismatch(ServiceError):
    def __init__(self, slot: Slot, month: Month, written: Decimal, summed: Decimal):
        from nprz_dashboard.formatting import format_number

        super().__init__(
            f"{slot.label}, {month.label}: {format_number(written)} klopt niet met de som van de onderliggende "
            f"gebieden ({format_number(summed)}). Een totaal wordt berekend uit zijn delen; "
            "laat het totaal leeg of verbeter de delen. Er is niets opgeslagen."
        )


def _plan(writes: list[FigureWrite], user, stored: dict) -> list[_Change]:
    now = timezone.now()
    changes = []
    for write in writes:
        slot = write.slot
        figure = stored.get((write.month, slot.indicator or slot.measure_id, slot.area_id))
        if figure is None:
            changes.append(_Change(write, None, None))
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
    now = timezone.now()
    new, updated = defaultdict(list), defaultdict(list)
    for change in changes:
        if change.old is None:
            new[CaseloadFigure if change.write.slot.is_caseload else record_model()].append(change.write)
        else:
            updated[type(change.figure)].append(change.figure)
    for model, writes in new.items():
        _create(model, writes, user, now, history_reason)
    for model, figures in updated.items():
        bulk_update_with_history(
            figures, model, FIELDS, batch_size=BATCH, default_user=user, default_change_reason=history_reason
        )


def _create(model, writes: list[FigureWrite], user, now, history_reason: str) -> None:
    """Create the figures and their simple-history rows ('+') as plain rows: a history file has 500.000."""
    ids = next_ids(model, len(writes))
    about = "indicator" if model is CaseloadFigure else "measure_id"
    columns = ["id", "month", "area_id", "value", "status", "note", about]
    rows = [
        (
            pk,
            w.month.first_day,
            w.slot.area_id,
            _value(w),
            w.status or FigureStatus.PROVISIONAL,
            w.note or "",
            w.slot.indicator if w.slot.is_caseload else w.slot.measure_id,
        )
        for pk, w in zip(ids, writes, strict=True)
    ]
    shared = {"origin": Origin.REGISTERED, "updated_at": now, "updated_by_id": user.pk}
    model.objects.create_rows(columns, rows, shared)
    history = {"history_date": now, "history_change_reason": history_reason, "history_type": "+"}
    add_rows(model.history.model, columns, rows, shared | history | {"history_user_id": user.pk})


def write_figures(
    writes: list[FigureWrite],
    *,
    user,
    kind: str,
    reason: str,
    month: Month | None,
    file_name: str = "",
    explanations: dict | None = None,
    overrides=None,
) -> ChangeEvent | None:
    """Create or correct figures, and the totals they make, as one audited change.

    `explanations` maps (month, total slot) to why an official total differs from
    its parts: (official, summed, text). The consistency rules (rules.py) run on
    every month written: an error refuses the write (RulesBroken); each warning
    needs its reason in `overrides` (finding id: reason), else WarningsNotOverridden.
    Return the event, or None when nothing changed.
    """
    periods = lock_periods({w.month for w in writes})
    stored = stored_figures({w.month for w in writes})
    changes = _plan(with_totals(writes, stored), user, stored)
    if not changes:
        return None
    if not reason.strip() and (published := published_versions({c.write.month for c in changes if c.value_changed})):
        raise PublishedMonthChange(published)
    findings = check_rules(changes, stored)
    if any(f.is_error for f in findings):
        raise RulesBroken([f for f in findings if f.is_error])
    overrides = {} if overrides is None else overrides  # SameReason is an empty dict: not `or`
    if unreasoned := rules.missing_reasons(findings, overrides):
        raise WarningsNotOverridden(unreasoned)
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
    revision = {month: period.revision + 1 for month, period in periods.items()}
    add_rows(
        ValueChange,
        ["month", "area_id", "indicator", "measure_id", "label", "unit", "old_value", "new_value", "revision"],
        [
            (
                c.write.month.first_day,
                c.write.slot.area_id,
                c.write.slot.indicator,
                c.write.slot.measure_id,
                c.write.slot.label,
                c.write.slot.unit,
                c.old,
                c.write.value,
                revision[c.write.month],
            )
            for c in changes
            if c.value_changed
        ],
        {"event_id": event.pk},
    )
    GapExplanation.objects.bulk_create(
        (
            GapExplanation(
                event=event,
                month=gap_month.first_day,
                area_id=slot.area_id,
                indicator=slot.indicator,
                official_value=official,
                parts_sum=summed,
                text=text,
            )
            for (gap_month, slot), (official, summed, text) in (explanations or {}).items()
        ),
        batch_size=BATCH,
    )
    add_rows(
        WarningOverride,
        ["month", "rule", "field_key", "message", "reason"],
        [(f.month.first_day, f.rule, f.keys[0], f.message, str(overrides.get(f.id)).strip()[:1000]) for f in findings],
        {"event_id": event.pk},
    )
    raise_revisions(periods.values())
    return event


def check_rules(changes: list[_Change], stored: dict) -> list[rules.Finding]:
    """Return the rules' findings about the changed values of each month written (catalogue 2, history 2)."""
    changed_by_month: dict[Month, dict[str, Decimal]] = defaultdict(dict)
    for change in changes:
        if change.value_changed:
            changed_by_month[change.write.month][change.write.slot.key] = change.write.value
    if not changed_by_month:
        return []
    return month_findings(changed_by_month, stored)


def month_findings(changed_by_month: dict[Month, dict[str, Decimal]], stored: dict) -> list[rules.Finding]:
    """Run the rules on each month as it would be with the changed values (by slot key) over the stored ones."""
    catalogue = Catalogue.load()
    months = sorted(changed_by_month)
    history = value_series(months[0] - 12, months[-1] - 1)
    for month, changed in changed_by_month.items():  # a file of several months checks each against the one before
        for key, value in changed.items():
            history.setdefault(key, {})[month] = value
    findings = []
    for month in months:
        slots = catalogue.slots(month)
        values = {}
        for slot in slots:
            figure = stored.get((month, slot.indicator or slot.measure_id, slot.area_id))
            if figure is not None:
                values[slot.key] = Decimal(figure.value)
        values.update(changed_by_month[month])
        facts = rules.MonthFacts(month, slots, values, history)
        findings.extend(rules.check_month(facts, set(changed_by_month[month])))
    return findings


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
