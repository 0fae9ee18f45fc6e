"""The quarterly report's content, built as a plain JSON-ready snapshot.

`load_live()` fetches everything the reports need in a fixed number of
queries, whatever the number of quarters; `build()` turns it into the report
of one quarter (numbers, charts, tables, the data-status note) and
`report_figures()` into the flat list of figures a published version is later
compared with. Both are pure. Publishing stores `build()`'s result as it is,
so a published page renders only from what was frozen, never from live data.

Disclosure control (domain.md §8) is applied here, once, to everything a
report shows: the same snapshot feeds the page, its print view and the PDF.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from nprz_dashboard import disclosure
from nprz_dashboard.charts import Chart
from nprz_dashboard.formatting import (
    EMPTY,
    format_date,
    format_number,
    format_percent,
    format_signed,
    format_value,
)
from nprz_dashboard.periods import (
    FLOW,
    OFF_TRACK,
    ON_TRACK,
    STATUS_LABELS,
    STOCK,
    Month,
    Quarter,
    glide_path,
    last_complete_month,
    month_range,
)

from . import analytics, charts
from .models import Area, AreaLevel, CaseloadFigure, CaseloadIndicator, FigureStatus, Origin, ReportSection, Target
from .selectors import MonthlyFigures, current_targets, monthly_figures, programme_area

# Bump when the snapshot's shape changes; templates read older shapes as they were stored.
SCHEMA = 1
FLOWS = [CaseloadIndicator.INFLOW, CaseloadIndicator.OUTFLOW, CaseloadIndicator.OUTFLOW_TO_WORK]
INDICATOR_LABELS = {
    CaseloadIndicator.CASELOAD: "Stand aan het eind",
    CaseloadIndicator.INFLOW: "Instroom",
    CaseloadIndicator.OUTFLOW: "Uitstroom",
    CaseloadIndicator.OUTFLOW_TO_WORK: "Uitstroom naar werk",
}
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
        activities=_load_activities(today),
    )


def _load_activities(today: dt.date) -> dict:
    """Load the activities' key measures with what their progress and its disclosure control need (6 queries)."""
    from activities import selectors as activity_selectors
    from activities.models import Activity, Measure

    activities = list(Activity.objects.select_related("project").order_by("sort_order", "name"))
    measures = {m.activity_id: m for m in Measure.objects.key().order_by("sort_order")}
    ids = activity_selectors.measure_ids_with_parts(measures.values())
    series, synthetic = activity_selectors.programme_series(ids)
    targets = activity_selectors.targets_by_measure(ids)
    # The same cells as on the activity pages (up to the last complete month), so a
    # report never shows a count those pages withhold, nor one they could be combined with.
    shields = activity_selectors.key_measure_shields(measures.values(), series, targets, last_complete_month(today))
    return {
        "activities": activities,
        "measures": measures,
        "series": series,
        "targets": targets,
        "published": activity_selectors.published_by_measure(ids),
        "shields": shields,
        "synthetic": synthetic,
    }


# --- pieces -----------------------------------------------------------------------


def quarter_info(quarter: Quarter) -> dict:
    return {
        "year": quarter.year,
        "number": quarter.number,
        "key": quarter.key,
        "label": quarter.long_label,
        "short": quarter.label,
        "end": quarter.last_month.label,
    }


def official_note(source: str, note: str | None) -> str:
    """Return how an official figure is marked: ◆, its source and its note (e.g. an assumed month)."""
    return f"◆ officieel cijfer ({source}{f'; {note}' if note else ''})"


def _until(figures: MonthlyFigures, end: Month, start: Month | None = None) -> MonthlyFigures:
    """Return the figures cut to the months start..end, as the report of a quarter sees them."""

    def keep(month: Month) -> bool:
        return month <= end and (start is None or month >= start)

    return MonthlyFigures(
        values={i: {m: v for m, v in s.items() if keep(m)} for i, s in figures.values.items()},
        official={k: v for k, v in figures.official.items() if keep(k[1])},
        statuses={m: s for m, s in figures.statuses.items() if keep(m)},
        synthetic=figures.synthetic,
        notes={k: v for k, v in figures.notes.items() if keep(k[1])},
    )


def caseload_progress(quarter: Quarter, figures: MonthlyFigures, targets: list[Target]) -> analytics.Progress:
    """Return the caseload's progress at the end of the quarter, against that year's target.

    `analytics.progress` takes the year of the month after its reference month;
    for a fourth quarter that is the next year, so the quarter's own year is
    put back (the deadline has then arrived: met or not, no pace to go).
    """
    caseload = figures.series(CaseloadIndicator.CASELOAD)
    progress = analytics.progress(
        caseload, targets, quarter.last_month, figures.statuses, figures.official, notes=figures.notes
    )
    if progress.year == quarter.year:
        return progress
    milestones = analytics.published_milestones(targets)
    target = analytics.target_for_year(quarter.year, milestones, progress.glide)
    start = Month(quarter.year - 1, 12)
    value = progress.latest_value
    known = target is not None and value is not None
    return dataclasses.replace(
        progress,
        year=quarter.year,
        start_of_year=start,
        start_value=caseload.get(start),
        change_since_start=value - caseload[start] if value is not None and start in caseload else None,
        year_target=target,
        distance_to_year_target=value - target.value if known else None,
        months_remaining=0,
        required_pace=None,
        status=(ON_TRACK if value <= target.value else OFF_TRACK) if known else None,
        projection={},
    )


def period_values(quarter: Quarter, values: dict[str, dict[Month, int]]) -> dict[str, int | None]:
    """Return the caseload at the quarter's end and each flow summed over its months (None when a month misses)."""
    return {
        indicator.value: analytics.complete_value(values[indicator], quarter.months, _kind(indicator))
        for indicator in [CaseloadIndicator.CASELOAD, *FLOWS]
    }


def _kind(indicator: str) -> str:
    return STOCK if indicator == CaseloadIndicator.CASELOAD else FLOW


def _until_values(values, end: Month):
    return {i: {m: v for m, v in s.items() if m <= end} for i, s in values.items()}


def _difference(a, b):
    return a - b if a is not None and b is not None else None


def _figure(label: str, value, display: str) -> dict:
    return {"label": label, "value": value, "display": display}


# --- sections -----------------------------------------------------------------------


def caseload_section(quarter: Quarter, live: LiveData, with_charts: bool = True) -> dict:
    """Return the caseload at the quarter's end against the year target and the derived path to it."""
    figures = _until(live.figures, quarter.last_month)
    caseload = figures.series(CaseloadIndicator.CASELOAD)
    progress = caseload_progress(quarter, live.figures, live.targets)
    end = quarter.last_month
    value = caseload.get(end)
    previous_end = quarter.previous().last_month
    start = Month(quarter.year - 1, 12)
    target = progress.year_target
    # The path to the year target is derived: a straight line from last December to the target.
    path: dict[Month, float] = {}
    if target is not None and start in caseload:
        path = glide_path([(start, caseload[start]), (target.month, target.value)])
    path_value = round(path[end]) if end in path else None
    source = figures.official.get((CaseloadIndicator.CASELOAD, end))
    change_quarter = _difference(value, caseload.get(previous_end))
    change_year = _difference(value, caseload.get(start))
    target_kind = "gepubliceerd" if target and target.is_published else "afgeleid, geen gepubliceerd doel"
    facts = [
        {
            "label": f"Stand eind {end.label}",
            "value": format_number(value),
            "note": official_note(source, figures.notes.get((CaseloadIndicator.CASELOAD, end)))
            if source is not None
            else figures.statuses.get(end, ""),
        },
        {
            "label": f"Jaardoel eind {quarter.year} (hoogstens)",
            "value": format_number(target.value) if target else EMPTY,
            "note": target_kind if target else "geen doel vastgelegd",
        },
        {
            "label": "Verschil met het jaardoel",
            "value": format_signed(_difference(value, target.value if target else None)),
            "note": "positief: boven het doel",
        },
        {
            "label": f"Afgeleid pad naar het jaardoel, eind {end.label}",
            "value": format_number(path_value),
            "note": f"afgeleid: rechte lijn van eind december {quarter.year - 1} naar het jaardoel",
        },
        {
            "label": "Verschil met het afgeleide pad",
            "value": format_signed(_difference(value, path_value)),
            "note": "positief: boven het pad",
        },
        {
            "label": f"Verandering in het kwartaal (sinds eind {previous_end.label})",
            "value": format_signed(change_quarter),
            "note": "",
        },
        {
            "label": f"Verandering sinds het begin van het jaar (eind december {quarter.year - 1})",
            "value": format_signed(change_year),
            "note": "",
        },
        {"label": "Status", "value": STATUS_LABELS.get(progress.status, "onbekend"), "note": ""},
    ]
    trend = None
    if with_charts:
        # The report's chart shows the in-year path, not the long path to 2031 the caseload page shows.
        trend = charts.trend_chart("rapport-trend", live.area_name, figures, dataclasses.replace(progress, glide=path))
        if path:  # trend_chart's first note explains the glide path; say what this one is
            trend.notes[0] = (
                f"Het afgeleide pad is een rechte lijn van {format_number(caseload[start])} eind december "
                f"{quarter.year - 1} naar het jaardoel van {format_number(target.value)} eind {quarter.year}: "
                "geen gepubliceerd doel, wel waar de stand bij een gelijkmatige daling zou staan."
            )
    return {
        "value": value,
        "facts": facts,
        "status": progress.status,
        "status_label": STATUS_LABELS.get(progress.status, "onbekend"),
        "charts": [chart_data(trend, f"bijstand-{quarter.key.lower()}")] if with_charts else [],
        "figures": {
            "caseload.end": _figure(f"Stand eind {end.label}", value, format_number(value)),
            "caseload.change_quarter": _figure(
                "Verandering in het kwartaal", change_quarter, format_signed(change_quarter)
            ),
            "caseload.change_year": _figure(
                "Verandering sinds het begin van het jaar", change_year, format_signed(change_year)
            ),
            "caseload.path": _figure("Afgeleid pad naar het jaardoel", path_value, format_number(path_value)),
        },
    }


def flows_section(quarter: Quarter, live: LiveData, with_charts: bool = True) -> dict:
    """Return inflow, outflow and outflow to work in the quarter (summed) beside the stock at its end."""
    values = period_values(quarter, live.figures.values)
    first = quarter.last_month - 11
    rows = [{"label": f"{INDICATOR_LABELS[i]} in het kwartaal", "value": format_number(values[i.value])} for i in FLOWS]
    rows.append({"label": f"Stand eind {quarter.last_month.label}", "value": format_number(values["caseload"])})
    figures = {
        f"flows.{i.value}": _figure(
            f"{INDICATOR_LABELS[i]} {quarter.long_label}", values[i.value], format_number(values[i.value])
        )
        for i in FLOWS
    }
    shown = []
    if with_charts:
        monthly = _until(live.figures, quarter.last_month, start=first)
        shown = [
            chart_data(charts.flows_chart("rapport-stromen", live.area_name, monthly), f"stromen-{quarter.key.lower()}")
        ]
    return {"rows": rows, "charts": shown, "figures": figures}


def comparison_section(quarter: Quarter, live: LiveData, with_charts: bool = True) -> dict:
    """Return this quarter beside the previous one and the same quarter a year earlier."""
    periods = [quarter, quarter.previous(), quarter.year_earlier()]
    values = [period_values(q, live.figures.values) for q in periods]
    rows = []
    figures = {}
    for indicator in [CaseloadIndicator.CASELOAD, *FLOWS]:
        now, before, year_ago = (v[indicator.value] for v in values)
        rows.append(
            {
                "label": INDICATOR_LABELS[indicator],
                "cells": [
                    format_number(now),
                    format_number(before),
                    format_number(year_ago),
                    format_signed(_difference(now, before)),
                    format_signed(_difference(now, year_ago)),
                ],
            }
        )
        for name, period, value in (("prev", periods[1], before), ("yearago", periods[2], year_ago)):
            figures[f"{name}.{indicator.value}"] = _figure(
                f"{INDICATOR_LABELS[indicator]} {period.long_label}", value, format_number(value)
            )
    shown = []
    if with_charts:
        quarters = analytics.quarter_rows(_until_values(live.figures.values, quarter.last_month))
        recent = [q for q in quarters if q.key >= quarter.year_earlier().key]
        bars = charts.quarter_flows_chart("rapport-kwartalen", live.area_name, recent)
        shown = [chart_data(bars, f"kwartalen-{quarter.key.lower()}")]
    return {
        "columns": [
            quarter.label,
            periods[1].label,
            periods[2].label,
            f"Verschil met {periods[1].label}",
            f"Verschil met {periods[2].label}",
        ],
        "rows": rows,
        "charts": shown,
        "figures": figures,
    }


def _protected_value(progress, shield) -> tuple[str, bool]:
    """Return how an activity value is published, and whether disclosure control withholds it."""
    shown = shield.progress(progress).value if shield is not None else progress.value
    if isinstance(shown, disclosure.Withheld):
        return shown.marker, True
    return (EMPTY if shown is None else format_value(shown, progress.unit)), False


def activities_section(quarter: Quarter, live: LiveData, with_charts: bool = True) -> dict:
    """Return each activity's key measure year-to-date against its target, with its status."""
    from activities import analytics as activity_analytics
    from activities import charts as activity_charts
    from activities import selectors as activity_selectors

    data = live.activities
    rows, chart_rows, figures = [], [], {}
    for activity in data["activities"]:
        measure = data["measures"].get(activity.pk)
        if measure is None:
            continue
        progress = activity_selectors.progress_of(
            measure, data["series"], data["targets"], data["published"], quarter.year, quarter.last_month
        )
        shown, hidden = _protected_value(progress, data["shields"].get(measure.id))
        target = progress.target
        rows.append(
            {
                "activity": activity.name,
                "measure": measure.name,
                "value": shown,
                "target": EMPTY if target is None else format_value(target.value, measure.unit),
                "due": EMPTY if progress.due is None else format_value(progress.due, measure.unit),
                "share": "afgeschermd" if hidden else format_percent(progress.share_of_due),
                "status": progress.status,
                "status_label": progress.status_label,
                "official": progress.official_source if progress.is_official else "",
                "synthetic_target": bool(target is not None and target.provenance == "synthetic"),
            }
        )
        if not hidden:  # a hidden count stays out of the chart too: a bar would give it away
            chart_rows.append(
                {
                    "activity": activity.name,
                    "measure": measure.name,
                    "progress": progress,
                    "status": progress.status,
                    "status_label": progress.status_label,
                }
            )
        figures[f"activity.{activity.slug}"] = _figure(
            f"{activity.name}: {measure.name[:1].lower()}{measure.name[1:]} t/m {quarter.last_month.label}",
            None if progress.value is None else round(float(progress.value), 4),
            shown,
        )
    shown = []
    if with_charts:
        chart = activity_charts.progress_chart(chart_rows, quarter.year)
        chart.id = "rapport-activiteiten"
        shown = [chart_data(chart, f"activiteiten-{quarter.key.lower()}")]
    return {
        "rows": rows,
        "charts": shown,
        "figures": figures,
        "rule": activity_analytics.status_rule_texts()[0][1],
    }


def neighbourhoods_section(quarter: Quarter, live: LiveData) -> dict:
    """Return each district and neighbourhood in the quarter, with small counts protected (<10, x)."""
    indicators = [CaseloadIndicator.CASELOAD, *FLOWS]
    months = quarter.months
    values: dict[tuple[str, str], int | None] = {}
    for area in live.areas:
        for indicator in indicators:
            key = (indicator, area["code"])
            monthly = {m: live.area_values[(*key, m)] for m in months if (*key, m) in live.area_values}
            values[key] = analytics.complete_value(monthly, months, _kind(indicator))
    totals = period_values(quarter, live.figures.values)
    for indicator in indicators:
        values[(indicator, "NPRZ")] = totals[indicator.value]
    districts = [a for a in live.areas if a["level"] == AreaLevel.DISTRICT]
    groups = []
    for indicator in indicators:
        groups.append(disclosure.Group([(indicator, d["code"]) for d in districts], (indicator, "NPRZ")))
        for district in districts:
            parts = [(indicator, a["code"]) for a in live.areas if a["parent"] == district["code"]]
            groups.append(disclosure.Group(parts, (indicator, district["code"])))
    hidden = disclosure.suppress(values, groups)
    rows, figures = [], {}
    ordered = [
        *live.areas,
        {"code": "NPRZ", "name": live.area_name, "level": AreaLevel.PROGRAMME.value, "parent": None},
    ]
    for area in ordered:
        cells = []
        for indicator in indicators:
            key = (indicator, area["code"])
            shown = disclosure.display(values.get(key), hidden.get(key), format_number)
            cells.append(shown)
            if area["level"] != AreaLevel.PROGRAMME:
                figures[f"area.{area['code']}.{indicator.value}"] = _figure(
                    f"{INDICATOR_LABELS[indicator]} {area['name']}, {quarter.label}", values.get(key), shown
                )
        rows.append({"name": area["name"], "level": area["level"], "cells": cells})
    return {
        "columns": [
            f"Stand eind {quarter.last_month.label}",
            "Instroom in het kwartaal",
            "Uitstroom in het kwartaal",
            "Uitstroom naar werk in het kwartaal",
        ],
        "rows": rows,
        "legend": disclosure.legend(),
        "hidden": len(hidden),
        "figures": figures,
    }


def data_status(quarter: Quarter, live: LiveData) -> dict:
    """Return which months of the year up to the quarter's end are provisional, and the reference date."""
    months = month_range(Month(quarter.year, 1), quarter.last_month)
    statuses = live.figures.statuses
    provisional = [
        f"{m.label} ({statuses[m]})" for m in months if m in statuses and statuses[m] != FigureStatus.FINAL.label
    ]
    missing = [m.label for m in months if m not in statuses]
    missing_flows = {
        INDICATOR_LABELS[i]: [m.label for m in months if m not in live.figures.values[i.value]] for i in FLOWS
    }
    if provisional:
        text = "Nog niet definitief: " + ", ".join(provisional) + ". Deze cijfers kunnen nog worden herzien."
    else:
        text = f"Alle cijfers van januari tot en met {quarter.last_month.label} zijn definitief."
    gaps = [f"stand {', '.join(missing)}"] if missing else []
    gaps += [f"{label.lower()} {', '.join(labels)}" for label, labels in missing_flows.items() if labels]
    if gaps:
        text += (
            " Nog niet binnen: " + "; ".join(gaps) + ". Een kwartaal of jaar waarin een maand ontbreekt, "
            "heeft voor dat cijfer nog geen totaal."
        )
    return {
        "reference_date": live.today.isoformat(),
        "reference_label": format_date(live.today),
        "provisional": provisional,
        "missing": missing,
        "missing_flows": missing_flows,
        "text": text,
    }


# --- the whole report -----------------------------------------------------------------


def chart_data(chart: Chart, filename: str) -> dict:
    """Return a chart as plain data for the snapshot (what partials/chart.html reads, plus a file name)."""
    data = dataclasses.asdict(chart)
    data["data_id"] = chart.data_id
    data["filename"] = filename
    return data


def report_figures(quarter: Quarter, live: LiveData) -> dict[str, dict]:
    """Return the report's figures as {key: {label, value, display}}: what a correction is checked against."""
    return build(quarter, live, with_charts=False)["figures"]


def build(quarter: Quarter, live: LiveData, narratives: dict[str, str] | None = None, with_charts=True) -> dict:
    """Return the complete report of a quarter as JSON-ready data (the snapshot a version freezes)."""
    sections = {
        "caseload": caseload_section(quarter, live, with_charts),
        "flows": flows_section(quarter, live, with_charts),
        "comparison": comparison_section(quarter, live, with_charts),
        "activities": activities_section(quarter, live, with_charts),
        "neighbourhoods": neighbourhoods_section(quarter, live),
    }
    figures = {}
    for section in sections.values():
        figures.update(section.pop("figures"))
    caseload = sections["caseload"]
    return {
        "schema": SCHEMA,
        "quarter": quarter_info(quarter),
        "area": live.area_name,
        "headline": headline(quarter, caseload),
        "sections": sections,
        "section_titles": {s.value: s.label for s in ReportSection},
        "narratives": {s.value: (narratives or {}).get(s.value, "") for s in ReportSection},
        "data_status": data_status(quarter, live),
        "figures": figures,
        "synthetic": live.figures.synthetic or live.area_synthetic or live.activities["synthetic"],
    }


def headline(quarter: Quarter, caseload: dict) -> str:
    """Return the report's conclusion in one sentence."""
    if caseload["value"] is None:
        return f"Voor het {quarter.long_label} zijn nog geen cijfers bekend."
    return (
        f"Eind {quarter.last_month.label} waren er {format_number(caseload['value'])} bijstandsuitkeringen "
        f"in het NPRZ-gebied; de status ten opzichte van het jaardoel is: {caseload['status_label']}."
    )


def changes(published: dict[str, dict], live: dict[str, dict]) -> list[dict]:
    """Return the figures that differ between a published snapshot and a fresh build: label, old, new."""
    result = []
    for key in [*published, *(k for k in live if k not in published)]:
        old, new = published.get(key), live.get(key)
        if (old or {}).get("value") == (new or {}).get("value"):
            continue
        result.append(
            {
                "key": key,
                "label": (new or old)["label"],
                "old": old["display"] if old else EMPTY,
                "new": new["display"] if new else EMPTY,
            }
        )
    return result
