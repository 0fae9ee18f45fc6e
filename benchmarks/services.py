"""The one write path for benchmark values: CBS sync, an import and the demo seed end here.

`store_values` compares each incoming value with the stored one in one
transaction: new values are created, revised ones (value, status, table or
denominator changed) are updated, and unchanged ones are left untouched, so
their history shows only real revisions. simple-history records both writes
with the reason given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from nprz_dashboard.periods import Month

from .models import BenchmarkValue

COMPARED = ("value", "status", "origin", "table_id", "denominator")


@dataclass(frozen=True)
class Incoming:
    """One value as a source delivers it."""

    region: str
    measure: str
    month: Month
    value: int
    status: str
    origin: str
    table_id: str = ""
    denominator: str = ""

    @property
    def key(self) -> tuple[str, str, Month]:
        return (self.region, self.measure, self.month)


@dataclass
class StoreResult:
    """What a write did: counts of new, changed and unchanged values, and the changes in words."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    kept: int = 0  # stored values of an origin the caller may not replace
    changes: list[str] = field(default_factory=list)


def store_values(values: list[Incoming], reason: str, keep: tuple[str, ...] = ()) -> StoreResult:
    """Create new values, update revised ones with their history, leave unchanged ones as they are.

    A stored value whose origin is in `keep` stays as it is: CBS never replaces
    an operator's import, demo data never replaces CBS or an import.
    """
    result = StoreResult()
    if not values:
        return result
    with transaction.atomic():
        regions = {v.region for v in values}
        days = {v.month.first_day for v in values}
        stored = {
            (row.region, row.measure, Month.of(row.month)): row
            for row in BenchmarkValue.objects.select_for_update().filter(region__in=regions, month__in=days)
        }
        now = timezone.now()
        new, changed = [], []
        for incoming in {v.key: v for v in values}.values():  # the last of duplicates wins
            row = stored.get(incoming.key)
            if row is None:
                new.append(_new_row(incoming, now))
                continue
            if row.origin in keep and row.origin != incoming.origin:
                result.kept += 1
                continue
            old = f"{row.value} ({row.get_status_display()})"
            if _revise(row, incoming, now):
                changed.append(row)
                what = f"{row.get_measure_display()} {row.get_region_display()} {incoming.month.label}"
                result.changes.append(f"{what}: {old} → {row.value} ({row.get_status_display()})")
            else:
                result.unchanged += 1
        if new:
            bulk_create_with_history(new, BenchmarkValue, default_change_reason=reason)
        if changed:
            bulk_update_with_history(changed, BenchmarkValue, [*COMPARED, "updated_at"], default_change_reason=reason)
        result.new, result.changed = len(new), len(changed)
    return result


def _new_row(incoming: Incoming, now) -> BenchmarkValue:
    return BenchmarkValue(
        region=incoming.region,
        measure=incoming.measure,
        month=incoming.month.first_day,
        value=incoming.value,
        status=incoming.status,
        origin=incoming.origin,
        table_id=incoming.table_id,
        denominator=incoming.denominator,
        updated_at=now,
    )


def _revise(row: BenchmarkValue, incoming: Incoming, now) -> bool:
    """Apply the incoming value to the stored row; return whether anything changed."""
    if all(getattr(row, name) == getattr(incoming, name) for name in COMPARED):
        return False
    for name in COMPARED:
        setattr(row, name, getattr(incoming, name))
    row.updated_at = now
    return True
