"""Data out of the benchmark tables and the monitor's own NPRZ caseload, in two queries."""

from __future__ import annotations

from dataclasses import replace

from monitoring.models import AreaLevel, CaseloadFigure, Origin
from nprz_dashboard.periods import Month

from .analytics import NPRZ, Comparison, Value, compare
from .models import BenchmarkOrigin, BenchmarkValue, Measure


def nprz_benefits() -> dict[Month, Value]:
    """Return Zuid's benefits by month: the monitor's own NPRZ caseload (1 query)."""
    rows = (
        CaseloadFigure.objects.caseload()
        .filter(area__level=AreaLevel.PROGRAMME)
        .order_by()
        .values_list("month", "value", "status", "origin")
    )
    return {
        Month.of(month): Value(value=value, status=status, demo=origin == Origin.SYNTHETIC)
        for month, value, status, origin in rows
    }


def comparison(until: Month) -> Comparison:
    """Return every series' benefits per 1.000 inhabitants up to `until` (2 queries)."""
    benefits: dict[str, dict[Month, Value]] = {NPRZ: {m: v for m, v in nprz_benefits().items() if m <= until}}
    populations: dict[str, dict[Month, Value]] = {}
    rows = (
        BenchmarkValue.objects.filter(month__lte=until.first_day)
        .order_by()
        .values_list("region", "measure", "month", "value", "status", "origin", "table_id", "denominator", "updated_at")
    )
    updated = None
    for region, measure, month, value, status, origin, table_id, denominator, updated_at in rows:
        updated = updated_at if updated is None else max(updated, updated_at)
        target = benefits if measure == Measure.BENEFITS else populations
        target.setdefault(region, {})[Month.of(month)] = Value(
            value=value,
            status=status,
            demo=origin == BenchmarkOrigin.DEMO,
            table_id=table_id,
            denominator=denominator,
            origin=origin,
        )
    return replace(compare(benefits, populations), updated_at=updated)
