"""The live data a quarterly report is built from, loaded once for any number of quarters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from monitoring.caseload.selectors import MonthlyFigures, current_targets, monthly_figures, programme_area
from monitoring.models import Area, AreaLevel, CaseloadFigure, Origin, Target
from nprz_dashboard.periods import Month, Quarter, last_complete_month

from . import activity_section

FIRST_QUARTER = Quarter(2024, 1)


@dataclass(frozen=True)
class LiveData:
    """Everything the reports of some quarters are built from, loaded once."""

    today: dt.date
    area_name: str
    figures: MonthlyFigures  # NPRZ, every indicator by month
    targets: list[Target]
    areas: list[dict]  # districts and neighbourhoods in tree order: code, name, level, parent
    area_values: dict[tuple[str, str, Month], int]  # (indicator, area code, month) -> value
    area_synthetic: bool
    activities: dict  # activities, key measures and their loaded series, targets and published totals


def reportable_quarters(today: dt.date) -> list[Quarter]:
    """Return every complete quarter from the first one with data up to today, newest first."""
    last = Quarter.of(last_complete_month(today) + 1)
    quarters, quarter = [], last.previous()
    while quarter >= FIRST_QUARTER:
        quarters.append(quarter)
        quarter = quarter.previous()
    return quarters


def load_live(quarters: list[Quarter], today: dt.date) -> LiveData:
    """Load the live data for the given quarters (10 queries, however many quarters or months).

    Queries: NPRZ area, its four indicators, its targets with sources, the
    districts and neighbourhoods, their figures in the quarters' months, and
    six for the activities (activities, key measures, monthly totals, targets,
    published totals, and the records per neighbourhood of key measures recorded
    so, for disclosure control).
    """
    area = programme_area()
    areas = [
        {"code": a.code, "name": a.name, "level": a.level, "parent": a.parent.code if a.parent else None}
        for a in Area.objects.exclude(level=AreaLevel.PROGRAMME).select_related("parent").in_tree_order()
    ]
    months = sorted({m for q in quarters for m in q.months})
    area_values: dict[tuple[str, str, Month], int] = {}
    area_synthetic = False
    if months:
        rows = (
            CaseloadFigure.objects.exclude(area__level=AreaLevel.PROGRAMME)
            .in_months(months[0], months[-1])
            .order_by()  # into a dict: sorting thousands of figures would be wasted
            .values_list("indicator", "area__code", "month", "value", "origin")
        )
        for indicator, code, month, value, origin in rows:
            area_values[(indicator, code, Month.of(month))] = value
            area_synthetic = area_synthetic or origin == Origin.SYNTHETIC
    return LiveData(
        today=today,
        area_name=area.name,
        figures=monthly_figures(area),
        targets=current_targets(area),
        areas=areas,
        area_values=area_values,
        area_synthetic=area_synthetic,
        activities=activity_section.report_data(today, sorted({q.year for q in quarters})),
    )


def figures_within(figures: MonthlyFigures, end: Month, start: Month | None = None) -> MonthlyFigures:
    """Return the figures cut to the months start..end, as the report of a quarter sees them."""

    def keep(month: Month) -> bool:
        return month <= end and (start is None or month >= start)

    return MonthlyFigures(
        values={i: {m: v for m, v in s.items() if keep(m)} for i, s in figures.values.items()},
        official={k: v for k, v in figures.official.items() if keep(k[1])},
        statuses={m: s for m, s in figures.statuses.items() if keep(m)},
        synthetic=figures.synthetic,
        notes={k: v for k, v in figures.notes.items() if keep(k[1])},
        demo=frozenset(k for k in figures.demo if keep(k[1])),
    )
