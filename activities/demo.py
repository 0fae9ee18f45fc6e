"""Synthetic monthly records for every activity measure, marked as such.

Deterministic (fixed seed). Where a yearly total is published (1.086 home
visits in 2024), that year's demo months are scaled to add up to it exactly.
"""

import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from monitoring.models import Area, CaseloadFigure, Origin
from monitoring.setup.demo import CHANGE_REASON, DEMO_NOTE, figure_status, split_exactly
from monitoring.setup.official import read_fixture
from nprz_dashboard.periods import Month, month_range

from .models import Activity, ActivityRecord, Measure

SEED = 20250202
FIRST_MONTH = Month(2024, 1)


def _flow(spec: dict, months: list[Month], rng: random.Random, scale: float = 1.0) -> dict[Month, int]:
    low, high = spec["demo_monthly"]
    values = {}
    for month in months:
        growth = 1 + 0.08 * (month.year - 2024)  # activities scale up a little each year
        summer = 0.8 if month.month in (7, 8) else 1.0
        values[month] = max(0, round(rng.uniform(low, high) * growth * summer * scale))
    return values


def _stock(spec: dict, months: list[Month], rng: random.Random) -> dict[Month, int]:
    low, high = spec["demo_stock"]
    values, level = {}, float(low)
    for month in months:
        level = min(high, max(low, level + rng.uniform(-2, 6)))
        values[month] = round(level)
    return values


def _match_published(measure: Measure, values: dict[Month, int]) -> dict[Month, int]:
    """Scale a year's demo months so they add up to its published total exactly."""
    for total in measure.published_totals.all():
        months = [m for m in sorted(values) if m.year == total.year]
        if len(months) == 12:
            for month, part in zip(months, split_exactly(int(total.value), [values[m] for m in months]), strict=True):
                values[month] = part
    return values


def _caseload_at(month: Month) -> int:
    nprz = Area.objects.programme().get()
    return CaseloadFigure.objects.caseload().for_area(nprz).get(month=month.first_day).value


def build_records(until: Month) -> dict[tuple[int, str, Month], int]:
    """Return every demo value by (measure id, area code, month)."""
    rng = random.Random(SEED)
    specs = {
        (item["slug"], spec["slug"]): spec
        for item in read_fixture("activities.json")["activities"]
        for spec in item["measures"]
    }
    nprz = Area.objects.programme().get()
    hoods = list(Area.objects.neighbourhoods())
    values: dict[tuple[int, str, Month], int] = {}
    for activity in Activity.objects.prefetch_related("measures__published_totals"):
        start = max(FIRST_MONTH, Month.of(activity.starts_on) if activity.starts_on else FIRST_MONTH)
        months = month_range(start, until)
        by_slug: dict[str, dict[Month, int]] = {}
        for measure in activity.measures.recorded().order_by("sort_order"):
            spec = specs.get((activity.slug, measure.slug), {})
            if "demo_monthly" in spec and measure.by_area:
                for hood in hoods:
                    series = _flow(spec, months, rng, scale=1.5 if hood.is_focus else 1.0)
                    values.update({(measure.id, hood.code, m): v for m, v in series.items()})
                continue
            if "demo_monthly" in spec:
                series = _match_published(measure, _flow(spec, months, rng))
            elif "demo_stock" in spec:
                series = _stock(spec, months, rng)
            elif "demo_share_of_caseload" in spec:
                fixed_from = Month.parse(spec["demo_fixed_from"])
                group = round(_caseload_at(fixed_from - 1) * spec["demo_share_of_caseload"])
                series = dict.fromkeys(months, group)
            elif "demo_cumulative_of" in spec:
                running, series = 0, {}
                for month, count in sorted(by_slug[spec["demo_cumulative_of"]].items()):
                    running += count
                    series[month] = round(running * spec["demo_share"])
            else:
                continue
            by_slug[measure.slug] = series
            values.update({(measure.id, nprz.code, m): v for m, v in series.items()})
    return values


def seed_activities(until: Month) -> int:
    """Store the demo records that are not there yet; return how many rows."""
    areas = {a.code: a for a in Area.objects.all()}
    measures = {m.id: m for m in Measure.objects.all()}
    existing = set(ActivityRecord.objects.values_list("measure_id", "area__code", "month"))
    new = [
        ActivityRecord(
            measure=measures[measure_id],
            area=areas[code],
            month=month.first_day,
            value=Decimal(value),
            status=figure_status(month, until),
            origin=Origin.SYNTHETIC,
            note=DEMO_NOTE,
        )
        for (measure_id, code, month), value in build_records(until).items()
        if (measure_id, code, month.first_day) not in existing
    ]
    bulk_create_with_history(new, ActivityRecord, batch_size=1000, default_change_reason=CHANGE_REASON)
    return len(new)
