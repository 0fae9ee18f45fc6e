"""Benefits per 1.000 inhabitants, month by month, for Zuid, the rest of Rotterdam, the G4 and its average.

Pure functions on plain rows (selectors.py fetches them). The rules:

- A rate is benefits at the end of the month ÷ inhabitants × 1.000. The
  inhabitants are the region's population on 1 January of the month's year, or
  the latest published before it (CBS publishes populations once a year).
- The rest of Rotterdam is Rotterdam minus Zuid, for benefits and inhabitants.
- The G4 average is the four cities' benefits summed ÷ their inhabitants summed
  (a weighted average: a benefit counts the same in every city), never the mean
  of four rates; it exists only in a month with all four cities.
- A derived point (rest of Rotterdam, G4) is as final as its least final part,
  and demo when any part is demo.
- The yardstick is Zuid's rate minus the G4 average: NPRZ's aim is to reach it.
- The series start with Zuid's first month (when Zuid has one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from monitoring.models import FigureStatus
from nprz_dashboard.periods import Month

from .models import G4, Region

NPRZ = Region.NPRZ.value
REST = "rest"
G4_AVERAGE = "G4"
# The lines drawn, in legend order, with their Dutch names.
SERIES = {
    NPRZ: "Zuid (NPRZ)",
    REST: "Rest van Rotterdam",
    Region.AMSTERDAM.value: "Amsterdam",
    Region.DEN_HAAG.value: "Den Haag",
    Region.UTRECHT.value: "Utrecht",
    G4_AVERAGE: "G4-gemiddelde",
}
STATUS_RANK = {FigureStatus.PROVISIONAL: 0, FigureStatus.FURTHER_PROVISIONAL: 1, FigureStatus.FINAL: 2}


@dataclass(frozen=True)
class Value:
    """A stored count: benefits at a month's end, or inhabitants on 1 January."""

    value: int
    status: str
    demo: bool
    table_id: str = ""
    denominator: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Point:
    """One series' rate in one month, with the counts behind it."""

    benefits: int
    population: int
    status: str  # the least final status of the counts behind it
    demo: bool

    @property
    def rate(self) -> float:
        return self.benefits / self.population * 1000


@dataclass(frozen=True)
class Comparison:
    """Every series by month, the denominators used, and the yardstick at the latest shared month."""

    months: list[Month]
    series: dict[str, dict[Month, Point]]  # series key (SERIES) -> month -> point
    denominators: dict[str, tuple[Month, Value]]  # region -> the latest population (its month: January) and value
    demo: bool  # any value shown is demo data
    updated_at: dt.datetime | None = None  # the latest write of a benchmark value (a sync that found news)

    @property
    def latest(self) -> Month | None:
        """Return the latest month with both Zuid and the G4 average."""
        shared = set(self.series[NPRZ]) & set(self.series[G4_AVERAGE])
        return max(shared) if shared else None

    @property
    def gap(self) -> float | None:
        """Return Zuid's rate minus the G4 average at the latest shared month (positive: Zuid is above)."""
        month = self.latest
        if month is None:
            return None
        return self.series[NPRZ][month].rate - self.series[G4_AVERAGE][month].rate

    def gap_at(self, month: Month) -> float | None:
        nprz, g4 = self.series[NPRZ].get(month), self.series[G4_AVERAGE].get(month)
        return None if nprz is None or g4 is None else nprz.rate - g4.rate


def population_at(populations: dict[Month, Value], month: Month) -> Value | None:
    """Return the population in force in a month: the latest on or before it."""
    known = [m for m in populations if m <= month]
    return populations[max(known)] if known else None


def _least_final(*statuses: str) -> str:
    return min(statuses, key=lambda s: STATUS_RANK.get(s, 0))


def _point(benefits: Value, population: Value) -> Point | None:
    if population.value <= 0:
        return None
    return Point(
        benefits=benefits.value,
        population=population.value,
        status=_least_final(benefits.status, population.status),
        demo=benefits.demo or population.demo,
    )


def _combined(parts: list[Point | None], sign: list[int]) -> Point | None:
    """Return the point of a sum (or difference, by sign) of other points; None when a part is missing."""
    if any(p is None for p in parts):
        return None
    benefits = sum(s * p.benefits for s, p in zip(sign, parts, strict=True))
    population = sum(s * p.population for s, p in zip(sign, parts, strict=True))
    if population <= 0 or benefits < 0:
        return None
    return Point(
        benefits=benefits,
        population=population,
        status=_least_final(*(p.status for p in parts)),
        demo=any(p.demo for p in parts),
    )


def compare(benefits: dict[str, dict[Month, Value]], populations: dict[str, dict[Month, Value]]) -> Comparison:
    """Return the rates of every series, month by month, from benefits and populations by region."""
    months = sorted({m for by_month in benefits.values() for m in by_month})
    regional: dict[str, dict[Month, Point]] = {}
    for region in [NPRZ, *(r.value for r in G4)]:
        points = {}
        for month, counted in benefits.get(region, {}).items():
            population = population_at(populations.get(region, {}), month)
            if population is not None and (point := _point(counted, population)) is not None:
                points[month] = point
        regional[region] = points
    series: dict[str, dict[Month, Point]] = {key: {} for key in SERIES}
    for month in months:
        for region in (NPRZ, Region.AMSTERDAM, Region.DEN_HAAG, Region.UTRECHT):
            if (point := regional[region].get(month)) is not None:
                series[region][month] = point
        rest = _combined([regional[Region.ROTTERDAM].get(month), regional[NPRZ].get(month)], [1, -1])
        if rest is not None:
            series[REST][month] = rest
        g4 = _combined([regional[r.value].get(month) for r in G4], [1, 1, 1, 1])
        if g4 is not None:
            series[G4_AVERAGE][month] = g4
    if series[NPRZ]:  # the comparison starts with Zuid's first month: CBS's years before it only squeeze the chart
        start = min(series[NPRZ])
        series = {key: {m: p for m, p in points.items() if m >= start} for key, points in series.items()}
    shown = sorted({m for points in series.values() for m in points})
    denominators = {region: max(by_month.items()) for region, by_month in populations.items() if by_month}
    demo = any(p.demo for points in series.values() for p in points.values())
    return Comparison(months=shown, series=series, denominators=denominators, demo=demo)
