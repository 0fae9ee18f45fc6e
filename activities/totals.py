"""The NPRZ total of each measure and month (MonthTotal), kept equal to the records that make it up.

Every write of activity records ends in `ActivityRecord.months_written`, which
recomputes the months it touched here, in the write's transaction; a change of
what makes up a total (a measure recorded per neighbourhood or not, an area's
level) recomputes what it affects (signals.py). docs/performance.md explains
the choice.
"""

from __future__ import annotations

from .models import ActivityRecord, MonthTotal


def month_totals(months=None, measure_ids=None) -> list[dict]:
    """Return the totals recomputed from the records: measure_id, month, total, records, synthetic.

    `months` (first days) and `measure_ids` narrow it; None means all.
    """
    records = ActivityRecord.objects.making_up_programme_total()
    if months is not None:
        records = records.filter(month__in=months)
    if measure_ids is not None:
        records = records.filter(measure_id__in=measure_ids)
    return list(records.monthly_totals())


def refresh_month_totals(months=None, measure_ids=None) -> None:
    """Recompute the stored totals of the months and measures (None: all) from the records (3 queries)."""
    if months is not None:
        months = list({m for m in months if m is not None})
        if not months:
            return
    stale = MonthTotal.objects.all()
    if months is not None:
        stale = stale.filter(month__in=months)
    if measure_ids is not None:
        stale = stale.filter(measure_id__in=measure_ids)
    stale.delete()
    MonthTotal.objects.bulk_create(MonthTotal(**row) for row in month_totals(months, measure_ids))
