"""Synthetic areas and caseload figures at programme scale, for `manage.py bench` and tests at size.

Deterministic (fixed seed) and marked synthetic. Rows are loaded with the
kernel's bulk loader, without history: this is not an audited write. The
summary table of figure counts is recomputed for the months loaded.
"""

# ruff: noqa: S311 (deterministic synthetic numbers, not secrets)
import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from monitoring.models import Area, AreaLevel, CaseloadFigure, CaseloadIndicator, Origin, refresh_caseload_counts
from nprz_dashboard.bulk import insert_rows
from nprz_dashboard.periods import Month, month_range

from .demo import figure_status

SEED = 20260101
# Plain strings and dates as keys: hashing an enum member or a Month runs Python code, a million times here.
CASELOAD, INFLOW = CaseloadIndicator.CASELOAD.value, CaseloadIndicator.INFLOW.value
OUTFLOW, OUTFLOW_TO_WORK = CaseloadIndicator.OUTFLOW.value, CaseloadIndicator.OUTFLOW_TO_WORK.value


def add_neighbourhoods(total_areas: int) -> int:
    """Add synthetic neighbourhoods under the districts until there are `total_areas` areas; return how many."""
    districts = list(Area.objects.districts().order_by("tree_order"))
    missing = total_areas - Area.objects.count()
    if missing <= 0 or not districts:
        return 0
    order = Area.objects.order_by("-tree_order").values_list("tree_order", flat=True).first() or 0
    Area.objects.bulk_create(
        Area(
            code=f"BENCH{i:05d}",
            name=f"Testbuurt {i:03d}",
            level=AreaLevel.NEIGHBOURHOOD,
            parent=districts[i % len(districts)],
            population=random.Random(i).randint(800, 9000),
            tree_order=order + i + 1,
        )
        for i in range(missing)
    )
    return missing


def generate_caseload(first: Month, last: Month) -> int:
    """Store synthetic figures for every area, indicator and month from first to last that are missing.

    Neighbourhood stocks follow a slow decline with noise; their flows close the
    stock-flow identity up to a small pension-age outflow; districts and NPRZ
    are the sums of their neighbourhoods, as in the real data. Returns the number stored.
    """
    months = month_range(first, last)
    values = _caseload_values([month.first_day for month in months])
    existing = set(
        CaseloadFigure.objects.filter(month__gte=first.first_day, month__lte=last.first_day).values_list(
            "indicator", "area_id", "month"
        )
    )
    statuses = {month.first_day: figure_status(month, last).value for month in months}
    rows = (  # month by month, as figures arrive in production: the physical order plans depend on
        (indicator, area_id, day, value, statuses[day])
        for (indicator, area_id, day), value in sorted(values.items(), key=lambda item: item[0][2])
        if (indicator, area_id, day) not in existing
    )
    columns = ["indicator", "area_id", "month", "value", "status"]
    shared = {"origin": Origin.SYNTHETIC, "note": "", "updated_at": timezone.now()}
    with transaction.atomic():
        stored = insert_rows(CaseloadFigure, columns, rows, shared)
        refresh_caseload_counts(list(statuses))  # the loader skips the models, so their summary too
    return stored


def _caseload_values(days: list[dt.date]) -> dict[tuple[str, int, dt.date], int]:
    """Return every value by (indicator, area id, first day of the month): neighbourhoods and the sums above them."""
    rng = random.Random(SEED)
    areas = list(Area.objects.all())
    parent_of = {a.id: a.parent_id for a in areas}
    values: dict[tuple[str, int, dt.date], int] = {}
    for hood in (a for a in areas if a.level == AreaLevel.NEIGHBOURHOOD):
        level = (hood.population or 2000) * rng.uniform(0.04, 0.08)
        previous = round(level)
        for day in days:
            level = max(5.0, level * (1 - rng.uniform(0.0, 0.004)))
            stock = round(level)
            outflow = round(stock * rng.uniform(0.016, 0.019))
            pension = rng.randint(0, max(1, stock // 900))
            inflow = max(0, stock - previous + outflow + pension)
            for indicator, value in (
                (CASELOAD, stock),
                (INFLOW, inflow),
                (OUTFLOW, outflow),
                (OUTFLOW_TO_WORK, round(outflow * rng.uniform(0.45, 0.51))),
            ):
                area_id = hood.id
                while area_id is not None:  # the neighbourhood, its district and NPRZ
                    key = (indicator, area_id, day)
                    values[key] = values.get(key, 0) + value
                    area_id = parent_of[area_id]
            previous = stock
    return values
