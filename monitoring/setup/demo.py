"""Synthetic caseload series for demonstration, marked as such.

The NPRZ total passes exactly through the letter's official points; flows are
tuned so that stock(t) = stock(t-1) + inflow - outflow - pension-age outflow;
neighbourhoods split the total by weight and add up to it exactly; districts
are the sum of their neighbourhoods. Everything is deterministic (fixed seed).

The last month is left open and partly filled, as a data administrator finds it
mid-month: its outflow to work is registered late, so those figures are left for
the user to enter, submit and have approved (a new user's first month).
"""

import random
from collections.abc import Sequence
from itertools import pairwise

from simple_history.utils import bulk_create_with_history

from monitoring.models import Area, CaseloadFigure, CaseloadIndicator, FigureStatus, Origin, ReportingPeriod
from nprz_dashboard.periods import Month

SEED = 20250101
FIRST_MONTH = Month(2023, 12)

# Demo anchors after the last official point: the demo story misses 12.400 at
# the end of 2025 and keeps falling in 2026. Synthetic, never shown as official.
DEMO_ANCHORS = {Month(2025, 12): 12_540, Month(2026, 12): 12_090}

# Neighbourhoods with mostly offices, new-build or few residents on welfare.
LOW_DENSITY = {"BU05991017", "BU05991079", "BU05991088", "BU05991085", "BU05991593", "BU05991578", "BU05991576"}

DEMO_NOTE = "Synthetische demowaarde"
# Left out of the open (last) month: registered late, entered by the user.
LEFT_OPEN = (CaseloadIndicator.OUTFLOW_TO_WORK,)
CHANGE_REASON = "Demodata geladen (seed_demo)"


def split_exactly(total: int, weights: Sequence[float]) -> list[int]:
    """Split an integer total by weights so the parts add up exactly (largest remainder)."""
    weight_sum = sum(weights)
    if total == 0 or weight_sum == 0:
        return [0] * len(weights)
    raw = [total * w / weight_sum for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def bridge(start_value: int, end_value: int, months: int, rng: random.Random, start: Month) -> list[int]:
    """Return monthly values after start up to and including end_value, landing on it exactly."""
    linear = (end_value - start_value) / months
    steps = []
    for i in range(1, months + 1):
        month = start + i
        seasonal = 45 if month.month == 1 else (12 if month.month in (7, 8) else 0)
        steps.append(linear + seasonal + rng.uniform(-18, 18))
    correction = (end_value - start_value - sum(steps)) / months
    values, level = [], float(start_value)
    for step in steps:
        level += step + correction
        values.append(round(level))
    values[-1] = end_value
    return values


def nprz_caseload(until: Month, anchors: dict[Month, int], rng: random.Random) -> dict[Month, int]:
    """Return the NPRZ stock from December 2023 to `until`, through every anchor."""
    demo = dict(DEMO_ANCHORS)
    for year in range(2027, until.year + 1):  # beyond the story: about −380 a year
        demo[Month(year, 12)] = demo[Month(year - 1, 12)] - 380
    points = dict(sorted({**demo, **anchors}.items()))
    months = sorted(points)
    series = {months[0]: points[months[0]]}
    for start, end in pairwise(months):
        for offset, value in enumerate(bridge(points[start], points[end], end - start, rng, start), start=1):
            series[start + offset] = value
    return {m: v for m, v in series.items() if m <= until}


def nprz_flows(stock: dict[Month, int], rng: random.Random) -> dict[Month, dict[str, int]]:
    """Return inflow, outflow and outflow to work that close the stock identity."""
    flows = {}
    for month in sorted(stock)[1:]:
        previous = stock[month - 1]
        rate = rng.uniform(0.0165, 0.0185) * (0.9 if month.month in (7, 8) else 1.0)
        outflow = round(previous * rate)
        pension_age = rng.randint(10, 20)  # CBS flows leave out people reaching AOW age
        inflow = stock[month] - previous + outflow + pension_age
        flows[month] = {
            CaseloadIndicator.INFLOW: inflow,
            CaseloadIndicator.OUTFLOW: outflow,
            CaseloadIndicator.OUTFLOW_TO_WORK: round(outflow * rng.uniform(0.45, 0.51)),
        }
    return flows


def neighbourhood_weights(hoods: list[Area], rng: random.Random) -> dict[str, tuple[float, float]]:
    """Return each neighbourhood's base weight and its drift over three years."""
    weights = {}
    for hood in hoods:
        density = 1.7 if hood.is_focus else (0.45 if hood.code in LOW_DENSITY else 1.0)
        weights[hood.code] = ((hood.population or 1000) * density, rng.uniform(-0.06, 0.06))
    return weights


def figure_status(month: Month, until: Month) -> str:
    """CBS practice: the last three months are provisional, the three before further provisional."""
    age = until - month
    if age < 3:
        return FigureStatus.PROVISIONAL
    return FigureStatus.FURTHER_PROVISIONAL if age < 6 else FigureStatus.FINAL


def build_series(until: Month) -> dict[tuple[str, str, Month], int]:
    """Return every synthetic value by (indicator, area code, month), official points included."""
    rng = random.Random(SEED)
    nprz = Area.objects.programme().get()
    official = {
        Month.of(f.month): f.value
        for f in CaseloadFigure.objects.official().caseload().for_area(nprz).filter(month__gte=FIRST_MONTH.first_day)
    }
    stock = nprz_caseload(until, official, rng)
    flows = nprz_flows(stock, rng)
    hoods = list(Area.objects.neighbourhoods().select_related("parent"))
    weights = neighbourhood_weights(hoods, rng)

    values: dict[tuple[str, str, Month], int] = {}

    def spread(indicator: str, month: Month, total: int):
        drift = (month - FIRST_MONTH) / 36
        parts = split_exactly(total, [weights[h.code][0] * (1 + weights[h.code][1] * drift) for h in hoods])
        values[(indicator, nprz.code, month)] = total
        for hood, part in zip(hoods, parts, strict=True):
            values[(indicator, hood.code, month)] = part
            key = (indicator, hood.parent.code, month)
            values[key] = values.get(key, 0) + part

    for month, total in stock.items():
        spread(CaseloadIndicator.CASELOAD, month, total)
    for month, by_indicator in flows.items():
        for indicator, total in by_indicator.items():
            spread(indicator, month, total)
    return values


def locked_months() -> set:
    """Return the first days of the approved months: the seed never writes into them."""
    return set(ReportingPeriod.objects.locked().values_list("month", flat=True))


def left_open(indicator: str, month: Month, until: Month) -> bool:
    """Return whether the seed leaves this figure for the user: part of the open last month."""
    return month == until and indicator in LEFT_OPEN


def seed_caseload(until: Month) -> int:
    """Store the synthetic caseload series that is not there yet; return how many rows.

    The last month is left partly filled (LEFT_OPEN) and approved months are never written.
    """
    if until < FIRST_MONTH + 3:
        raise ValueError("demo data needs at least the months up to February 2025's official point")
    areas = {a.code: a for a in Area.objects.all()}
    existing = set(
        CaseloadFigure.objects.filter(month__lte=until.first_day).values_list("indicator", "area__code", "month")
    )
    locked = locked_months()
    new = [
        CaseloadFigure(
            indicator=indicator,
            area=areas[code],
            month=month.first_day,
            value=value,
            status=figure_status(month, until),
            origin=Origin.SYNTHETIC,
            note=DEMO_NOTE,
        )
        for (indicator, code, month), value in build_series(until).items()
        if (indicator, code, month.first_day) not in existing
        and month.first_day not in locked
        and not left_open(indicator, month, until)
    ]
    bulk_create_with_history(new, CaseloadFigure, batch_size=1000, default_change_reason=CHANGE_REASON)
    return len(new)
