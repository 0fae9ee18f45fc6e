"""The sections of a quarterly report: caseload, flows, comparison, neighbourhoods and the data status.

Each section function is pure: it takes the quarter and the live data and
returns JSON-ready rows, charts and the figures a correction is checked against.
Disclosure control (docs/domain.md, "Disclosure control") is applied here, once, to
everything a report shows: the same snapshot feeds the page, its print view and
the PDF.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from benchmarks.summary import yardstick
from monitoring.caseload import analytics, charts, prognosis
from monitoring.caseload.progress import Progress, progress_at, published_milestones
from monitoring.caseload.selectors import DEMO_STATUS, MonthlyFigures
from monitoring.models import (
    FLOW_INDICATORS,
    INDICATOR_KIND,
    INDICATOR_NAMES,
    AreaLevel,
    CaseloadIndicator,
    FigureStatus,
    Target,
)
from nprz_dashboard import disclosure
from nprz_dashboard.charts import show_window
from nprz_dashboard.formatting import EMPTY, format_date, format_number, format_signed
from nprz_dashboard.judgement import Verdict, unpublished_stretches, yardstick_for_year
from nprz_dashboard.periods import Month, Quarter, month_range

from .live import LiveData, figures_within


def official_note(source: str, note: str | None) -> str:
    """Return how an official figure is marked: ◆, its source and its note (e.g. an assumed month)."""
    return f"◆ officieel cijfer ({source}{f'; {note}' if note else ''})"


def caseload_progress(quarter: Quarter, figures: MonthlyFigures, targets: list[Target]) -> Progress:
    """Return the caseload's progress at the end of the quarter, against that year's target.

    `progress_at` takes the year of the month after its reference month;
    for a fourth quarter that is the next year, so the quarter's own year is
    put back (the deadline has then arrived: met or not, no pace to go).
    The verdicts are those of `verdict.judge` on the quarter's last month,
    as the overview and /targets/ give them on that month.
    """
    caseload = figures.series(CaseloadIndicator.CASELOAD)
    progress = progress_at(
        caseload,
        targets,
        quarter.last_month,
        figures.statuses,
        figures.official,
        notes=figures.notes,
        demo=figures.demo_months(),
    )
    headline = report_verdict(quarter, progress)
    progress = dataclasses.replace(progress, status=headline.key if headline else None)
    if progress.year == quarter.year:
        return progress
    milestones = published_milestones(targets)
    target = yardstick_for_year(quarter.year, milestones, progress.glide)
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
        projection={},
    )


def report_verdict(quarter: Quarter, progress: Progress) -> Verdict | None:
    """Return the verdict a quarter's report leads with: the first published target due at or after its end."""
    return next((v for v in progress.verdicts if v.deadline >= quarter.last_month), None)


def period_values(quarter: Quarter, values: dict[str, dict[Month, int]]) -> dict[str, int | None]:
    """Return the caseload at the quarter's end and each flow summed over its months (None when a month misses)."""
    return {
        indicator.value: analytics.complete_value(values[indicator], quarter.months, INDICATOR_KIND[indicator])
        for indicator in [CaseloadIndicator.CASELOAD, *FLOW_INDICATORS]
    }


def _until_values(values, end: Month):
    return {i: {m: v for m, v in s.items() if m <= end} for i, s in values.items()}


def _difference(a, b):
    return a - b if a is not None and b is not None else None


def figure_entry(label: str, value, display: str) -> dict:
    """Return one figure of the report as a correction check compares it: label, value and display.

    Where the display is a disclosure marker ("<10", "x") the value is left out
    (disclosure.figure): the snapshot holds what the council saw, nothing behind it.
    """
    return disclosure.figure(label, value, display)


def _caseload_facts(quarter: Quarter, figures: MonthlyFigures, progress, path: dict[Month, float]) -> list[dict]:
    """Return the caseload's key facts at the quarter's end: stand, verdicts, year target, derived path, change.

    Each fact has a key, so the first page picks its figures by name. A fact's
    `note` is short and stands in the table; a long explanation (an official
    figure's source) is its `footnote`, printed as a numbered note under the
    table so the table never grows wider than the page.
    """
    caseload = figures.series(CaseloadIndicator.CASELOAD)
    end, previous_end, start = quarter.last_month, quarter.previous().last_month, Month(quarter.year - 1, 12)
    value, yardstick = caseload.get(end), progress.year_target
    path_value = round(path[end]) if end in path else None
    source = figures.official.get((CaseloadIndicator.CASELOAD, end))

    def fact(key: str, label: str, shown: str, note: str = "", footnote: str = "") -> dict:
        return {"key": key, "label": label, "value": shown, "note": note, "footnote": footnote}

    # "voorlopig", "definitief", or "demowaarde" for demo data; an official figure names its source under the table.
    stand = fact("stand", f"Stand eind {end.label}", format_number(value), figures.statuses.get(end, ""))
    if source is not None:
        stand |= {"value": f"{format_number(value)} ◆", "note": "officieel cijfer"}
        stand["footnote"] = official_note(source, figures.notes.get((CaseloadIndicator.CASELOAD, end)))
    verdicts = [
        fact(
            f"verdict_{v.deadline.year}",
            f"Oordeel doel eind {v.deadline.year} (hoogstens {format_number(v.target)}, gepubliceerd)",
            v.shown_label,
            v.sentence if v.is_final else v.pace or (f"stand {v.result}" if v.value is not None else ""),
        )
        for v in progress.verdicts
        if v.deadline.year >= quarter.year
    ]
    # Q1 measures the change since the start of the year, which is the change in the quarter: one row, not two.
    change_rows = [
        fact(
            "change_year",
            f"Verandering sinds het begin van het jaar (eind december {quarter.year - 1})",
            format_signed(_difference(value, caseload.get(start))),
        )
    ]
    if quarter.number != 1:
        change_rows.insert(
            0,
            fact(
                "change_quarter",
                f"Verandering in het kwartaal (sinds eind {previous_end.label})",
                format_signed(_difference(value, caseload.get(previous_end))),
            ),
        )
    facts = [
        stand,
        *verdicts,
        *_yardstick_facts(quarter, value, yardstick, path_value, progress.targets, fact),
        *change_rows,
    ]
    return number_footnotes(facts)


def _yardstick_facts(quarter: Quarter, value, yardstick, path_value, milestones, fact) -> list[dict]:
    """Return the year's yardstick: its published target, or else the derived path (named so, never a target)."""
    end = quarter.last_month
    if yardstick is not None and yardstick.is_published:
        rows = [
            fact(
                "year_target",
                f"Doel eind {quarter.year} (hoogstens, gepubliceerd)",
                format_number(yardstick.value),
                "gepubliceerd doel",
            ),
            fact(
                "year_target_distance",
                f"Verschil met het doel eind {quarter.year}",
                format_signed(_difference(value, yardstick.value)),
                "positief: boven het doel",
            ),
        ]
    else:
        rows = [fact("year_target", f"Doel eind {quarter.year}", EMPTY, "geen gepubliceerd doel voor dit jaar")]
    on_milestone = any(m.month == end for m in milestones)  # where a published target stands, the path adds nothing
    if path_value is not None and not on_milestone:
        stretch = next(((a, b) for a, b in unpublished_stretches(milestones) if a.month <= end <= b.month), None)
        between = (
            f"Afgeleid pad: de rechte lijn tussen de gepubliceerde doelen van {format_number(stretch[0].value)} "
            f"eind {stretch[0].month.year} en {format_number(stretch[1].value)} eind {stretch[1].month.year}; "
            "geen gepubliceerd doel, wel waar de stand bij een gelijkmatige daling zou staan."
            if stretch
            else ""
        )
        rows += [
            fact("path", f"Afgeleid pad eind {end.label}", format_number(path_value), "afgeleid, geen doel", between),
            fact(
                "path_distance",
                "Verschil met het afgeleide pad",
                format_signed(_difference(value, path_value)),
                "positief: boven het pad",
            ),
        ]
    return rows


def number_footnotes(rows: list[dict]) -> list[dict]:
    """Give each row with a footnote its note's number (`ref`, from 1; the same text keeps one number)."""
    numbers: dict[str, int] = {}
    for row in rows:
        if row.get("footnote"):
            row["ref"] = numbers.setdefault(row["footnote"], len(numbers) + 1)
    return rows


def footnotes(rows: list[dict]) -> list[str]:
    """Return the footnotes of numbered rows in their numbers' order."""
    return list(dict.fromkeys(row["footnote"] for row in rows if row.get("ref")))


def published_targets(
    quarter: Quarter, caseload: dict[Month, int], targets: list[Target], demo: Collection[Month] = ()
) -> list[dict]:
    """Return every published caseload target with its deadline and how far the stand is from it.

    `demo` holds the months whose stand is demo data: such a stand is marked, never shown
    bare beside an official target.

    A deadline within the quarter's reach is compared with the stand at that
    deadline; a later one with the stand at the quarter's end. The wording
    stays factual ("boven", "onder"): the verdict is the overview's.
    """
    rows = []
    for milestone in published_milestones(targets):
        reached = milestone.month <= quarter.last_month
        at = milestone.month if reached else quarter.last_month
        stand = caseload.get(at)
        distance = _difference(stand, round(milestone.value))
        rows.append(
            {
                "deadline": f"eind {milestone.month.label}",
                "value": f"hoogstens {format_number(milestone.value)}",
                "stand": f"{format_number(stand)} (eind {at.label})",
                "stand_is_demo": at in demo,
                "distance": format_signed(distance),
                "past": reached,
                "source": milestone.source,
            }
        )
    return rows


def caseload_section(quarter: Quarter, live: LiveData, with_charts: bool = True) -> dict:
    """Return the caseload at the quarter's end against the year target and the derived path to it."""
    figures = figures_within(live.figures, quarter.last_month)
    caseload = figures.series(CaseloadIndicator.CASELOAD)
    progress = caseload_progress(quarter, live.figures, live.targets)
    window_start = Month(quarter.year - 2, 12)  # the chart looks back two years, from the last year-end but one
    end, start = quarter.last_month, Month(quarter.year - 1, 12)
    value = caseload.get(end)
    path = progress.glide  # the one derived path, between published targets (judgement.derived_path)
    path_value = round(path[end]) if end in path else None
    change_quarter = _difference(value, caseload.get(quarter.previous().last_month))
    change_year = _difference(value, caseload.get(start))
    shown = []
    if with_charts:
        # The report's chart shows the in-year path, not the long path to 2031 the caseload page shows.
        trend = charts.trend_chart(
            "rapport-trend",
            live.area_name,
            figures_within(live.figures, quarter.last_month, start=window_start),
            progress,
        )
        # The report looks at this year: two years of stand up to the year-end target, not the path to 2031.
        show_window(trend.figure, window_start.first_day.isoformat(), Month(quarter.year + 1, 1).first_day.isoformat())
        # The table's numbered notes carry each official figure's source and note; the chart repeats none of them.
        trend.notes = {key: text for key, text in trend.notes.items() if not key.startswith("official-")}
        shown = [trend.snapshot(f"bijstand-{quarter.key.lower()}")]
    headline = report_verdict(quarter, progress)
    facts = _caseload_facts(quarter, figures, progress, path)
    outlook = _outlook(quarter, figures, live.targets) if with_charts else {"chances": [], "benchmark": ""}
    return {
        "value": value,
        "facts": facts,
        "footnotes": footnotes(facts),
        "targets": published_targets(quarter, caseload, live.targets, live.figures.demo_months()),
        "status": headline.key if headline else None,
        "status_label": headline.shown_label if headline else "nog niet bekend",
        "status_sentence": headline.sentence if headline and headline.is_final else "",
        "status_target": (
            f"het doel voor eind {headline.deadline.year} (hoogstens {format_number(headline.target)})"
            if headline
            else "het doel"
        ),
        "charts": shown,
        "outlook": outlook,
        "figures": {
            "caseload.end": figure_entry(f"Stand eind {end.label}", value, format_number(value)),
            "caseload.change_quarter": figure_entry(
                "Verandering in het kwartaal", change_quarter, format_signed(change_quarter)
            ),
            "caseload.change_year": figure_entry(
                "Verandering sinds het begin van het jaar", change_year, format_signed(change_year)
            ),
            "caseload.path": figure_entry("Afgeleid pad", path_value, format_number(path_value)),
        },
    }


def _outlook(quarter: Quarter, figures: MonthlyFigures, targets: list[Target]) -> dict:
    """Return what the report freezes beside the verdicts: each coming target's chance, and Zuid against the G4.

    The chance comes from the forecast on the figures up to the quarter's end (monitoring/caseload/prognosis.py),
    never in place of the verdict; the G4 line is the benchmark's own sentence (benchmarks/summary.py).
    """
    coming = [(m.month, m.value) for m in published_milestones(targets) if m.month > quarter.last_month]
    chances = prognosis.chances_from(figures.series(CaseloadIndicator.CASELOAD), coming, figures.demo_months())
    line = yardstick(quarter.last_month)
    return {"chances": [chance.sentence for chance in chances], "benchmark": line["sentence"] if line else ""}


def flows_section(quarter: Quarter, live: LiveData, with_charts: bool = True) -> dict:
    """Return inflow, outflow and outflow to work in the quarter (summed) beside the stock at its end."""
    values = period_values(quarter, live.figures.values)
    first = quarter.last_month - 11
    rows = [
        {"key": i.value, "label": f"{INDICATOR_NAMES[i]} in het kwartaal", "value": format_number(values[i.value])}
        for i in FLOW_INDICATORS
    ]
    stand = format_number(values["caseload"])
    rows.append({"key": "caseload", "label": f"Stand eind {quarter.last_month.label}", "value": stand})
    figures = {
        f"flows.{i.value}": figure_entry(
            f"{INDICATOR_NAMES[i]} {quarter.long_label}", values[i.value], format_number(values[i.value])
        )
        for i in FLOW_INDICATORS
    }
    shown = []
    if with_charts:
        monthly = figures_within(live.figures, quarter.last_month, start=first)
        shown = [
            charts.flows_chart("rapport-stromen", live.area_name, monthly).snapshot(f"stromen-{quarter.key.lower()}")
        ]
    return {"rows": rows, "charts": shown, "figures": figures}


def comparison_section(quarter: Quarter, live: LiveData, with_charts: bool = True) -> dict:
    """Return this quarter beside the previous one and the same quarter a year earlier."""
    periods = [quarter, quarter.previous(), quarter.year_earlier()]
    values = [period_values(q, live.figures.values) for q in periods]
    rows = []
    figures = {}
    for indicator in [CaseloadIndicator.CASELOAD, *FLOW_INDICATORS]:
        now, before, year_ago = (v[indicator.value] for v in values)
        rows.append(
            {
                "label": INDICATOR_NAMES[indicator],
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
            figures[f"{name}.{indicator.value}"] = figure_entry(
                f"{INDICATOR_NAMES[indicator]} {period.long_label}", value, format_number(value)
            )
    shown = []
    if with_charts:
        quarters = analytics.quarter_rows(_until_values(live.figures.values, quarter.last_month))
        recent = [q for q in quarters if q.key >= quarter.year_earlier().key]
        bars = charts.quarter_flows_chart("rapport-kwartalen", live.area_name, recent)
        shown = [bars.snapshot(f"kwartalen-{quarter.key.lower()}")]
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


def neighbourhoods_section(quarter: Quarter, live: LiveData) -> dict:
    """Return each district and neighbourhood in the quarter, with small counts protected (<10, x)."""
    indicators = [CaseloadIndicator.CASELOAD, *FLOW_INDICATORS]
    months = quarter.months
    values: dict[tuple[str, str], int | None] = {}
    for area in live.areas:
        for indicator in indicators:
            key = (indicator, area["code"])
            monthly = {m: live.area_values[(*key, m)] for m in months if (*key, m) in live.area_values}
            values[key] = analytics.complete_value(monthly, months, INDICATOR_KIND[indicator])
    totals = period_values(quarter, live.figures.values)
    for indicator in indicators:
        values[(indicator, "NPRZ")] = totals[indicator.value]
    districts = [a for a in live.areas if a["level"] == AreaLevel.DISTRICT]
    groups = []
    for indicator in indicators:
        groups.append(disclosure.Group([(indicator, d["code"]) for d in districts], (indicator, "NPRZ")))
        for district in districts:
            parts = [(indicator, a["code"]) for a in live.areas if a["parent"] == district["code"]]
            # A district adds up from the rows shown only when all its neighbourhoods are shown; with
            # some left out, a hidden one cannot be worked out from this table, so it needs no partner.
            if len(parts) == live.neighbourhoods_of.get(district["code"], len(parts)):
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
                figures[f"area.{area['code']}.{indicator.value}"] = figure_entry(
                    f"{INDICATOR_NAMES[indicator]} {area['name']}, {quarter.label}", values.get(key), shown
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
        "left_out": live.neighbourhoods_left_out,
    }


def data_status(quarter: Quarter, live: LiveData) -> dict:
    """Return which months of the year up to the quarter's end are provisional, and the reference date."""
    months = month_range(Month(quarter.year, 1), quarter.last_month)
    statuses = live.figures.statuses
    # Demo values have no CBS status: they are named as demo, never as provisional or final.
    demo = [m for m in months if statuses.get(m) == DEMO_STATUS]
    real = [m for m in months if m in statuses and m not in demo]
    provisional = [f"{m.label} ({statuses[m]})" for m in real if statuses[m] != FigureStatus.FINAL.label]
    missing = [m.label for m in months if m not in statuses]
    missing_flows = {
        INDICATOR_NAMES[i]: [m.label for m in months if m not in live.figures.values[i.value]] for i in FLOW_INDICATORS
    }
    if provisional:
        text = "Nog niet definitief: " + ", ".join(provisional) + ". Deze cijfers kunnen nog worden herzien."
    elif real:
        text = f"Alle echte cijfers van januari tot en met {quarter.last_month.label} zijn definitief."
    else:
        text = ""
    if demo:
        span = demo[0].label if len(demo) == 1 else f"{demo[0].label} tot en met {demo[-1].label}"
        text = (
            f"{text} De stand van {span} is een demowaarde (synthetisch): geen echt cijfer, dus ook niet "
            "voorlopig of definitief."
        ).strip()
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
