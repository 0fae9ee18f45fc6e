"""The live data a quarterly report is built from, loaded once for any number of quarters."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from monitoring.caseload.selectors import MonthlyFigures, current_targets, monthly_figures, programme_area
from monitoring.models import Area, AreaLevel, CaseloadFigure, Origin, Target
from nprz_dashboard import shortlist
from nprz_dashboard.periods import Month, Quarter, last_complete_month, month_range

from . import activity_section

FIRST_QUARTER = Quarter(2024, 1)


@dataclass(frozen=True)
class LiveData:
    """Everything the reports of some quarters are built from, loaded once."""

    today: dt.date
    area_name: str
    figures: MonthlyFigures  # NPRZ, every indicator by month
    targets: list[Target]
    areas: list[dict]  # the districts and neighbourhoods the report shows, in tree order: code, name, level, parent
    area_values: dict[tuple[str, str, Month], int]  # (indicator, area code, month) -> value, of the areas shown
    area_synthetic: bool
    activities: dict  # activities, key measures and their loaded series, targets and published totals
    # Each district's number of neighbourhoods, shown or not: a district adds up from the rows shown only when all are.
    neighbourhoods_of: dict[str, int] = dataclasses.field(default_factory=dict)
    neighbourhoods_left_out: int = 0  # neighbourhoods the report does not list (beyond shortlist.NEIGHBOURHOODS_SHOWN)


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
    every = [
        {"id": pk, "code": code, "name": name, "level": level, "parent": parent, "is_focus": is_focus}
        for pk, code, name, level, parent, is_focus in Area.objects.exclude(level=AreaLevel.PROGRAMME)
        .in_tree_order()
        .values_list("id", "code", "name", "level", "parent__code", "is_focus")
    ]
    areas = areas_listed(every)
    neighbourhoods = [a for a in every if a["level"] == AreaLevel.NEIGHBOURHOOD]
    months = sorted({m for q in quarters for m in q.months})
    area_values: dict[tuple[str, str, Month], int] = {}
    area_synthetic = False
    if months:
        rows = (
            CaseloadFigure.objects.filter(area_id__in=[a["id"] for a in areas])
            .in_months(months[0], months[-1])
            .order_by()  # into a dict: sorting thousands of figures would be wasted
            .values_list("indicator", "area_id", "month", "value", "origin")
        )
        code_of = {a["id"]: a["code"] for a in areas}
        month_of = {m.first_day: m for m in month_range(months[0], months[-1])}
        for indicator, area_id, day, value, origin in rows:
            area_values[(indicator, code_of[area_id], month_of[day])] = value
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
        neighbourhoods_of={
            d["code"]: sum(a["parent"] == d["code"] for a in neighbourhoods)
            for d in every
            if d["level"] == AreaLevel.DISTRICT
        },
        neighbourhoods_left_out=len(neighbourhoods) - sum(a["level"] == AreaLevel.NEIGHBOURHOOD for a in areas),
    )


def areas_listed(every: list[dict]) -> list[dict]:
    """Return the areas a report lists: every district, and every neighbourhood up to
    shortlist.NEIGHBOURHOODS_SHOWN of them; beyond that the focus neighbourhoods only.

    A report for the council lists its headline areas, not hundreds of rows; the
    figures table holds every neighbourhood. The districts' totals are stored figures.
    """
    neighbourhoods = [a for a in every if a["level"] == AreaLevel.NEIGHBOURHOOD]
    if len(neighbourhoods) <= shortlist.NEIGHBOURHOODS_SHOWN:
        return every
    return [a for a in every if a["level"] != AreaLevel.NEIGHBOURHOOD or a["is_focus"]]


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
