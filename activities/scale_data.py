"""Synthetic activity records at programme scale, for `manage.py bench` and tests at size.

Deterministic (fixed seed) and marked synthetic. Rows are loaded with the
kernel's bulk loader, without history: this is not an audited write. The
summary table of NPRZ totals is recomputed for the months loaded.
"""

# ruff: noqa: S311 (deterministic synthetic numbers, not secrets)
import random

from django.db import transaction
from django.utils import timezone

from monitoring.models import Area, Origin
from monitoring.setup.demo import figure_status
from nprz_dashboard.bulk import insert_rows
from nprz_dashboard.periods import Month, month_range

from .models import ActivityRecord, Measure
from .totals import refresh_month_totals

SEED = 20260102


def generate_activity_records(first: Month, last: Month) -> int:
    """Store a synthetic value for every recorded measure, area and month from first to last that is missing."""
    rng = random.Random(SEED)
    area_ids = list(Area.objects.values_list("id", flat=True))
    measure_ids = list(Measure.objects.recorded().values_list("id", flat=True))
    existing = set(
        ActivityRecord.objects.filter(month__gte=first.first_day, month__lte=last.first_day).values_list(
            "measure_id", "area_id", "month"
        )
    )
    months = [(month.first_day, figure_status(month, last).value) for month in month_range(first, last)]
    rows = (  # month by month, as records arrive in production: the physical order plans depend on
        (measure_id, area_id, day, rng.randint(0, 60), status)
        for day, status in months
        for measure_id in measure_ids
        for area_id in area_ids
        if (measure_id, area_id, day) not in existing
    )
    columns = ["measure_id", "area_id", "month", "value", "status"]
    shared = {"origin": Origin.SYNTHETIC, "note": "", "updated_at": timezone.now()}
    with transaction.atomic():
        stored = insert_rows(ActivityRecord, columns, rows, shared)
        refresh_month_totals([day for day, _ in months])  # the loader skips the models, so their summary too
    return stored
