"""A history file (many months at once): its preview counted per month, for /entry/import/history/.

The file is read and checked by importing.build_plan(bulk=True), the same checks as
a monthly import within larger bounds (importing.bulk_limits); it is confirmed by
services.apply_import in one transaction with one reason for all its warnings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from nprz_dashboard.periods import Month

from .importing import Plan, RowState


@dataclass(frozen=True)
class MonthCount:
    """What confirming would do in one month of the file."""

    month: Month
    new: int
    changed: int
    unchanged: int
    skipped: int
    refused: int
    warnings: int
    locked: str  # the month's one lock message ('' when it is open)


def month_counts(plan: Plan) -> list[MonthCount]:
    """Return one MonthCount per month of the file, in month order (rows without a month are not counted)."""
    counts: Counter = Counter((row.month, row.state) for row in plan.rows if row.month is not None)
    warnings = Counter(w.month for w in plan.warnings)
    months = sorted({month for month, _ in counts})
    return [
        MonthCount(
            month=month,
            new=counts[(month, RowState.NEW)],
            changed=counts[(month, RowState.CHANGED)],
            unchanged=counts[(month, RowState.UNCHANGED)],
            skipped=counts[(month, RowState.SKIPPED)],
            refused=counts[(month, RowState.ERROR)] + counts[(month, RowState.LOCKED)],
            warnings=warnings[month],
            locked=plan.locked.get(month, ""),
        )
        for month in months
    ]
