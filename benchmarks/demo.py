"""Synthetic benchmark values for the demo, marked origin=demo on every value and page.

Plausible magnitudes (estimates, never CBS figures): benefits per 1.000
inhabitants of about 60 in Rotterdam, 45 in Amsterdam, 50 in Den Haag and 30 in
Utrecht, slowly falling; populations on 1 January growing about 0,8% a year.
Zuid's benefits are the monitor's own NPRZ caseload, so only its population is
seeded here. Deterministic (a fixed seed per region) and idempotent; a value
that came from CBS or an import is never replaced by a demo value.
"""

from __future__ import annotations

import random

from monitoring.models import FigureStatus
from nprz_dashboard.periods import Month, month_range

from .models import BenchmarkOrigin, Denominator, Measure, Region
from .services import Incoming, StoreResult, store_values

SEED = 20261207
FIRST_MONTH = Month(2023, 12)  # the month the monitor's demo caseload starts
# Inhabitants on 1 January 2023 (rounded, demo) and benefits per 1.000 inhabitants at the start.
POPULATION_2023 = {
    Region.AMSTERDAM: 918_000,
    Region.ROTTERDAM: 655_000,
    Region.DEN_HAAG: 553_000,
    Region.UTRECHT: 365_000,
    Region.NPRZ: 198_000,
}
RATE_2023 = {Region.AMSTERDAM: 45.5, Region.ROTTERDAM: 61.0, Region.DEN_HAAG: 50.5, Region.UTRECHT: 30.5}
YEARLY_GROWTH = 0.008
MONTHLY_DECLINE = 0.0012  # the rate falls about 1,4% a year
PROVISIONAL_MONTHS = 3  # as at CBS, the last three months are provisional
REASON = "Demodata geladen (benchmarks.demo)"


def population(region: str, year: int) -> int:
    """Return the demo population of a region on 1 January of a year."""
    return round(POPULATION_2023[region] * (1 + YEARLY_GROWTH) ** (year - FIRST_MONTH.year))


def _status(month: Month, until: Month) -> str:
    return FigureStatus.PROVISIONAL if until - month < PROVISIONAL_MONTHS else FigureStatus.FINAL


def demo_values(until: Month) -> list[Incoming]:
    """Return every demo value up to `until`: monthly benefits of the four cities, yearly populations."""
    values = []
    for year in range(FIRST_MONTH.year, until.year + 1):
        for region in POPULATION_2023:
            values.append(
                Incoming(
                    region=region,
                    measure=Measure.POPULATION,
                    month=Month(year, 1),
                    value=population(region, year),
                    status=FigureStatus.FINAL,
                    origin=BenchmarkOrigin.DEMO,
                    denominator=Denominator.NEIGHBOURHOODS if region == Region.NPRZ else Denominator.MUNICIPAL,
                )
            )
    for index, (region, rate) in enumerate(RATE_2023.items()):
        rng = random.Random(SEED + index)
        for step, month in enumerate(month_range(FIRST_MONTH, until)):
            seasonal = 0.004 if month.month == 1 else (-0.003 if month.month in (7, 8) else 0.0)
            level = rate * (1 - MONTHLY_DECLINE * step) * (1 + seasonal + rng.uniform(-0.002, 0.002))
            values.append(
                Incoming(
                    region=region,
                    measure=Measure.BENEFITS,
                    month=month,
                    value=round(level * population(region, month.year) / 1000),
                    status=_status(month, until),
                    origin=BenchmarkOrigin.DEMO,
                )
            )
    return values


def seed(until: Month) -> StoreResult:
    """Store the demo values up to `until`, leaving values from CBS or an import as they are."""
    return store_values(demo_values(until), REASON, keep=(BenchmarkOrigin.CBS, BenchmarkOrigin.IMPORTED))
