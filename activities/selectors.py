"""Data out of the activity models, as plain rows with fixed keys.

Every function aggregates in SQL with a fixed number of queries, whatever
the number of months, areas or records; the progress rule lives in
analytics.py.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Sum

from monitoring.models import Area, CaseloadFigure, CaseloadIndicator, Origin, Provenance
from monitoring.targets.notes import measure_notes
from nprz_dashboard import clock, disclosure
from nprz_dashboard.formatting import format_percent, format_value
from nprz_dashboard.periods import FLOW, RATIO, STOCK, Month, last_complete_month, month_range, period_value

from . import analytics, protection
from .models import Activity, ActivityRecord, ActivityTarget, Measure, PublishedTotal, Unit

SPARKLINE_MONTHS = 12

# Disclosure control protects counts of people and events, not euros or percentages.
COUNT_UNITS = protection.COUNT_UNITS


def latest_month() -> Month:
    """Return the last complete month on the reference day: the month pages report up to."""
    return last_complete_month(clock.today())


def year_choices(activities, latest: Month) -> list[int]:
    """Return the years from the first activity start to the reference year, newest first."""
    starts = [a.starts_on.year for a in activities if a.starts_on]
    first = min(starts, default=latest.year)
    return list(range(latest.year, min(first, latest.year) - 1, -1))


# --- loading ------------------------------------------------------------------


def programme_series(measure_ids) -> tuple[dict[int, dict[Month, float]], bool]:
    """Return each measure's NPRZ value by month, and whether any of it is demo data (one query)."""
    series, synthetic_months = programme_series_with_origin(measure_ids)
    return series, any(synthetic_months.values())


def programme_series_with_origin(measure_ids) -> tuple[dict[int, dict[Month, float]], dict[int, set[Month]]]:
    """Return each measure's NPRZ value by month, and per measure the months holding demo data (one query)."""
    series: dict[int, dict[Month, float]] = defaultdict(dict)
    synthetic: dict[int, set[Month]] = defaultdict(set)
    rows = ActivityRecord.objects.for_measures(measure_ids).making_up_programme_total().monthly_totals()
    for row in rows:
        month = Month.of(row["month"])
        series[row["measure_id"]][month] = float(row["total"])
        if row["synthetic"]:
            synthetic[row["measure_id"]].add(month)
    return series, synthetic


def synthetic_months_of(measure: Measure, synthetic: dict[int, set[Month]]) -> set[Month]:
    """Return the months of a measure that hold demo data; a ratio inherits them from its parts."""
    if measure.kind == RATIO:
        return synthetic.get(measure.numerator_id, set()) | synthetic.get(measure.denominator_id, set())
    return synthetic.get(measure.id, set())


def targets_by_measure(measure_ids) -> dict[int, list[ActivityTarget]]:
    """Return the targets in force for NPRZ per measure, by deadline (one query)."""
    targets = defaultdict(list)
    query = (
        ActivityTarget.objects.current()
        .for_measures(measure_ids)
        .filter(area__in=Area.objects.programme())
        .select_related("source")
        .order_by("period_end", "period_start")
    )
    for target in query:
        targets[target.measure_id].append(target)
    return targets


def revised_targets_by_measure(measure_ids) -> dict[int, list[ActivityTarget]]:
    """Return the revised (superseded) NPRZ targets per measure, with their revision (one query)."""
    originals = defaultdict(list)
    query = (
        ActivityTarget.objects.for_measures(measure_ids)
        .filter(revised_by__isnull=False, area__in=Area.objects.programme())
        .select_related("revised_by__source")
        .order_by("period_end", "created_at")
    )
    for target in query:
        originals[target.measure_id].append(target)
    return originals


def revisions_of(target, originals: list[ActivityTarget]) -> list[ActivityTarget]:
    """Return the originals that `target` (the one in force) replaced, directly or in a chain."""
    if target is None:
        return []
    by_revision = {original.revised_by.pk: original for original in originals}
    chain, current = [], target.pk
    while current in by_revision:
        chain.append(by_revision[current])
        current = by_revision[current].pk
    return chain


def published_by_measure(measure_ids) -> dict[int, dict[int, tuple[float, str]]]:
    """Return the published yearly totals per measure: year → (value, source title) (one query)."""
    totals = defaultdict(dict)
    for total in PublishedTotal.objects.filter(measure__in=measure_ids).select_related("source"):
        totals[total.measure_id][total.year] = (float(total.value), str(total.source))
    return totals


def measure_series(measure: Measure, series: dict[int, dict[Month, float]]) -> dict[Month, float]:
    """Return a measure's NPRZ series; a ratio is computed from its numerator and denominator."""
    if measure.kind == RATIO:
        return analytics.ratio_series(series.get(measure.numerator_id, {}), series.get(measure.denominator_id, {}))
    return series.get(measure.id, {})


def measure_ids_with_parts(measures) -> list[int]:
    """Return the ids of measures plus the numerators and denominators their ratios need."""
    ids = {m.id for m in measures}
    ids |= {m.numerator_id for m in measures if m.numerator_id}
    ids |= {m.denominator_id for m in measures if m.denominator_id}
    return sorted(ids)


def progress_of(measure, series, targets, published, year: int, latest: Month) -> analytics.Progress:
    """Return the progress of one measure in a year from loaded data."""
    return analytics.measure_progress(
        kind=measure.kind,
        unit=measure.unit,
        direction=measure.direction,
        series=measure_series(measure, series),
        targets=targets.get(measure.id, []),
        year=year,
        latest=latest,
        published=published.get(measure.id),
    )


def target_facts(target) -> dict:
    """Return what a page says about a target: value, provenance, source, note."""
    if target is None:
        return {"exists": False, "is_published": False, "is_synthetic": False, "source": "", "note": "", "label": ""}
    return {
        "exists": True,
        "is_published": target.provenance == Provenance.PUBLISHED,
        "is_synthetic": target.provenance == Provenance.SYNTHETIC,
        "source": str(target.source) if target.source else "",
        "note": target.note,
        "label": target.get_provenance_display(),
        "comparator": target.get_comparator_display(),
        "period_kind": target.get_period_kind_display(),
        "start": target.start_month,
        "end": target.end_month,
    }


def progress_summary(progress: analytics.Progress) -> str:
    """Return the value against what was due in a few Dutch words, without the status."""
    if progress.value is None:
        return "nog geen cijfers"
    value = format_value(progress.value, progress.unit)
    if progress.due is None:
        return value
    due = format_value(progress.due, progress.unit)
    what = "naar rato" if progress.is_pro_rata else "doel"
    if progress.share_of_due is None:  # a value withheld from readers gets no share that gives it away
        return f"{value} tegen {due} {what}"
    return f"{value} tegen {due} {what} ({format_percent(progress.share_of_due)})"


def status_text(progress: analytics.Progress) -> str:
    """Return a short Dutch line: the status and the value against what was due."""
    if progress.value is None:
        return "nog geen cijfers"
    return f"{progress.status_label}: {progress_summary(progress)}"


# --- the list of activities -----------------------------------------------------


def key_measure_rows(year: int, latest: Month, protect: bool = False) -> dict:
    """Return one row per activity with its key measure's progress in `year` (5 queries; 6 with `protect`).

    Keys: rows, years, shows_synthetic. Queries: activities with project,
    key measures, monthly totals, targets, published totals; for a reader
    (`protect`) also the key measures' records per neighbourhood, so values,
    shares and trend lines withhold small counts as the activity pages do.
    """
    activities = list(Activity.objects.select_related("project").order_by("sort_order", "name"))
    measures = {m.activity_id: m for m in Measure.objects.key().order_by("sort_order")}
    ids = measure_ids_with_parts(measures.values())
    series, synthetic = programme_series(ids)
    targets = targets_by_measure(ids)
    published = published_by_measure(ids)
    shields = key_measure_shields(measures.values(), series, targets, latest) if protect else {}
    rows = []
    for activity in activities:
        measure = measures.get(activity.pk)
        shield = shields.get(measure.id) if measure else None
        progress = progress_of(measure, series, targets, published, year, latest) if measure else None
        if progress is not None and shield is not None:
            progress = shield.progress(progress)
        target = target_facts(progress.target if progress else None)
        values = measure_series(measure, series) if measure else {}
        if shield is not None:
            values = {m: v for m, v in values.items() if not shield.month(m)}
        spark_end = progress.as_of if progress and progress.as_of else analytics.year_as_of(year, latest)
        spark_months = month_range(spark_end - (SPARKLINE_MONTHS - 1), spark_end) if spark_end else []
        rows.append(
            {
                "activity": activity.name,
                "slug": activity.slug,
                "url": activity.get_absolute_url(),
                "project": activity.project.name if activity.project else "",
                "project_slug": activity.project.slug if activity.project else "",
                "measure": measure.name if measure else "",
                "unit": measure.unit if measure else "",
                "kind": measure.kind if measure else "",
                "progress": progress,
                "status": progress.status if progress else None,
                "status_label": progress.status_label if progress else analytics.NO_STATUS_LABEL,
                "label": status_text(progress) if progress else "geen kernmaat",
                "summary": progress_summary(progress) if progress else "geen kernmaat",
                "target": target,
                "starts_on": activity.starts_on,
                "not_started": bool(activity.starts_on and activity.starts_on.year > year),
                "sparkline": [values.get(m) for m in spark_months],
                "sparkline_months": spark_months,
            }
        )
    shows_synthetic = synthetic or any(r["target"]["is_synthetic"] for r in rows)
    return {"rows": rows, "years": year_choices(activities, latest), "shows_synthetic": shows_synthetic}


def overview_rows(year: int, until: Month, protect: bool = False) -> list[dict]:
    """Return one row per activity with its key measure's status for the overview (`protect`: for a reader).

    Keys per row: activity, measure, status, status_label, label, summary, url, target_is_published,
    target_is_synthetic, target_label (the target's provenance in words).
    """
    return [
        {
            "activity": row["activity"],
            "measure": row["measure"],
            "status": row["status"],
            "status_label": row["status_label"],
            "label": row["label"],
            "summary": row["summary"],
            "url": row["url"],
            "target_is_published": row["target"]["is_published"],
            "target_is_synthetic": row["target"]["is_synthetic"],
            "target_label": row["target"]["label"],
        }
        for row in key_measure_rows(year, until, protect)["rows"]
    ]


def select_rows(rows: list[dict], project: str = "", status: str = "", sort: str | None = None) -> list[dict]:
    """Return the activity rows of one project and/or status, sorted ('volgorde', 'status', 'voortgang', 'naam')."""
    chosen = list(rows)
    if project == "geen":
        chosen = [r for r in chosen if not r["project_slug"]]
    elif project:
        chosen = [r for r in chosen if r["project_slug"] == project]
    if status == "geen":
        chosen = [r for r in chosen if r["status"] is None]
    elif status:
        chosen = [r for r in chosen if r["status"] == status]
    if sort == "status":
        chosen.sort(key=lambda r: analytics.STATUS_ORDER.get(r["status"], 3))
    elif sort == "voortgang":
        chosen.sort(
            key=lambda r: (
                r["progress"] is None or r["progress"].share_of_due is None,
                r["progress"].share_of_due if r["progress"] else 0,
            )
        )
    elif sort == "naam":
        chosen.sort(key=lambda r: r["activity"].lower())
    return chosen


# --- disclosure control (what leaves the team) --------------------------------------


def is_protected_unit(unit: str) -> bool:
    return unit in COUNT_UNITS


def reader_protection(measures, latest: Month) -> protection.Protection:
    """Return what a reader may not see of the measures' figures (two queries: their records and targets).

    Computed over every record of the measures, so a filter, a page of the records
    table, a year or an export never changes what is hidden.
    """
    protected = [m for m in measures if protection.is_protected(m)]
    if not protected:
        return protection.Protection({}, {})
    records = (
        ActivityRecord.objects.for_measures(protected)
        .order_by()
        .values_list("id", "measure_id", "area_id", "area__level", "month", "value")
    )
    return protection.protect(protected, records, targets_by_measure([m.id for m in protected]), latest)


def key_measure_shields(measures, series, targets, latest: Month) -> dict[int, protection.Shield]:
    """Return the shields of key measures from their loaded NPRZ series (one query for those recorded per area)."""
    protected = [m for m in measures if protection.is_protected(m)]
    by_area = [m for m in protected if m.by_area]
    records = []
    if by_area:
        records = list(
            ActivityRecord.objects.for_measures(by_area)
            .in_neighbourhoods()
            .order_by()
            .values_list("id", "measure_id", "area_id", "area__level", "month", "value")
        )
    for measure in protected:
        if not measure.by_area:  # the NPRZ series, as records of NPRZ as a whole
            records += [(None, measure.id, None, "programme", m.first_day, v) for m, v in series[measure.id].items()]
    return protection.protect(protected, records, targets, latest).shields


def protect_column(values: list[float | None], unit: str, protect: bool) -> tuple[list[str], list[bool]]:
    """Return how each value of a column of neighbourhoods is shown, and which are hidden.

    The neighbourhoods add up to the NPRZ total, so they form one group for
    complementary suppression. Editors (protect=False) and non-counts get the
    exact values.
    """

    def shown(value):
        return "–" if value is None else format_value(value, unit)

    if not protect or not is_protected_unit(unit):
        return [shown(v) for v in values], [False] * len(values)
    cells = dict(enumerate(values))
    hidden = disclosure.suppress(cells, [disclosure.Group(list(cells))])
    return (
        [disclosure.display(v, hidden.get(i), shown) for i, v in cells.items()],
        [i in hidden for i in cells],
    )


def protect_area_rows(rows: list[dict], unit: str, shield, start: Month, end: Month | None) -> str:
    """Add 'shown' and 'hidden' to each neighbourhood row from the measure's shield; return the legend if needed."""
    for row in rows:
        marker = shield.area_total(row["area_id"], start, end) if shield is not None and end else None
        row["shown"], row["hidden"] = marker or format_value(row["value"], unit), bool(marker)
    return disclosure.legend() if any(row["hidden"] for row in rows) else ""


def protect_outcome_rows(rows: list[dict], measures, protect: bool, shields, start: Month, end: Month | None) -> str:
    """Add 'shown', 'hidden', 'outflow_shown' and 'outflow_hidden' to each outcome row; return the legend if needed.

    The activity's columns follow their measures' shields (the same cells as the
    chart per neighbourhood); the outflow to work is a caseload figure, protected
    as one column of neighbourhoods.
    """
    outflow = protect_column([r["outflow_to_work"] for r in rows], Unit.COUNT, protect)
    anything = any(outflow[1])
    for index, row in enumerate(rows):
        shown, hidden = [], []
        for value, measure, shield in zip(row["values"], measures, shields, strict=True):
            marker = shield.area_total(row["area_id"], start, end) if shield is not None and end else None
            shown.append(marker or format_value(value, measure.unit))
            hidden.append(bool(marker))
        row["shown"], row["hidden"] = shown, hidden
        row["outflow_shown"], row["outflow_hidden"] = outflow[0][index], outflow[1][index]
        anything = anything or any(hidden)
    return disclosure.legend() if anything else ""


# --- one activity -----------------------------------------------------------------


def area_values(measures, start: Month, end: Month) -> tuple[dict[int, list[dict]], dict[int, Month], bool]:
    """Return per measure each neighbourhood's value over start..end, the month it ends, and whether any is demo.

    The period rule of `periods.period_value`: a flow is summed over its
    months; a stock takes its value at the period's last month with figures
    (never a sum over months, and never an earlier month standing in for a
    neighbourhood missing that month). One query: the monthly records, at
    most months × neighbourhoods rows per measure.
    """
    kinds = {m.id: m.kind for m in measures}
    rows = (
        ActivityRecord.objects.for_measures(list(kinds))
        .in_neighbourhoods()
        .in_months(start, end)
        .order_by("measure_id", "area__tree_order", "month")
        .values("measure_id", "area_id", "area__name", "area__is_focus", "area__tree_order", "month", "value", "origin")
    )
    series: dict[tuple[int, int], dict[Month, float]] = defaultdict(dict)
    areas: dict[int, dict] = {}
    synthetic = False
    for row in rows:
        series[(row["measure_id"], row["area_id"])][Month.of(row["month"])] = float(row["value"])
        areas[row["area_id"]] = {
            "area_id": row["area_id"],
            "area": row["area__name"],
            "is_focus": row["area__is_focus"],
            "order": row["area__tree_order"],
        }
        synthetic = synthetic or row["origin"] == Origin.SYNTHETIC
    ends = {}
    for measure_id, kind in kinds.items():
        reported = [max(values) for (m_id, _), values in series.items() if m_id == measure_id]
        ends[measure_id] = max(reported) if kind == STOCK and reported else end
    by_measure = defaultdict(list)
    for (measure_id, area_id), values in series.items():
        months = month_range(start, ends[measure_id])
        value = period_value(values, months, STOCK if kinds[measure_id] == STOCK else FLOW)
        if value is not None:
            by_measure[measure_id].append({**areas[area_id], "value": float(value)})
    return by_measure, ends, synthetic


def outflow_to_work_by_neighbourhood(start: Month, end: Month) -> tuple[list[dict], bool]:
    """Return each neighbourhood's outflow to work summed over start..end (one query)."""
    rows = (
        CaseloadFigure.objects.indicator(CaseloadIndicator.OUTFLOW_TO_WORK)
        .filter(area__in=Area.objects.neighbourhoods())
        .in_months(start, end)
        .order_by()
        .values("area_id", "area__name", "area__is_focus", "area__tree_order")
        .annotate(total=Sum("value"), synthetic=Count("id", filter=Q(origin=Origin.SYNTHETIC)))
        .order_by("area__tree_order")
    )
    result = [
        {
            "area_id": r["area_id"],
            "area": r["area__name"],
            "is_focus": r["area__is_focus"],
            "order": r["area__tree_order"],
            "value": float(r["total"]),
        }
        for r in rows
    ]
    return result, any(r["synthetic"] for r in rows)


def outcome_rows(by_area_measures, values_by_measure: dict[int, list[dict]], outflow: list[dict]) -> list[dict]:
    """Return per neighbourhood each by-area measure beside its outflow to work.

    Keys: area_id, area, is_focus, values (one per measure, in order), outflow_to_work.
    """
    areas: dict[int, dict] = {}
    for row in outflow:
        areas[row["area_id"]] = {"area": row["area"], "is_focus": row["is_focus"], "order": row["order"]}
    for rows in values_by_measure.values():
        for row in rows:
            areas.setdefault(row["area_id"], {"area": row["area"], "is_focus": row["is_focus"], "order": row["order"]})
    outflow_by_area = {r["area_id"]: r["value"] for r in outflow}
    value_by = {(m_id, r["area_id"]): r["value"] for m_id, rows in values_by_measure.items() for r in rows}
    return [
        {
            "area_id": area_id,
            "area": info["area"],
            "is_focus": info["is_focus"],
            "values": [value_by.get((m.id, area_id), 0.0) for m in by_area_measures],
            "outflow_to_work": outflow_by_area.get(area_id),
        }
        for area_id, info in sorted(areas.items(), key=lambda item: item[1]["order"])
    ]


def activity_detail(
    activity: Activity, year: int, latest: Month, measures=None, protect: bool = False, shields=None
) -> dict:
    """Return everything the page of one activity shows for `year` (7 queries, 9 when recorded per area).

    Keys: measures (one block per measure), outcomes, years, year, as_of,
    shows_synthetic. Queries: measures, monthly totals, targets, revised targets,
    published totals, chart notes; for measures recorded per neighbourhood also the area totals and
    the outflow to work per neighbourhood. With `protect` (a reader outside
    the team) small counts per neighbourhood are masked (see `protect_column`).
    """
    measures = list(Measure.objects.for_activity(activity)) if measures is None else measures
    ids = measure_ids_with_parts(measures)
    series, synthetic_months = programme_series_with_origin(ids)
    synthetic = any(synthetic_months.values())
    targets = targets_by_measure(ids)
    originals = revised_targets_by_measure(ids)
    published = published_by_measure(ids)
    notes = measure_notes(ids)
    as_of = analytics.year_as_of(year, latest)
    year_start = Month(year, 1)
    by_area = [m for m in measures if m.by_area]
    by_area_values, area_ends, outflow = {}, {}, []
    if by_area and as_of:
        by_area_values, area_ends, area_synthetic = area_values(by_area, year_start, as_of)
        outflow, outflow_synthetic = outflow_to_work_by_neighbourhood(year_start, as_of)
        synthetic = synthetic or area_synthetic or outflow_synthetic

    shields = shields if protect else {}
    blocks = []
    for measure in measures:
        values = measure_series(measure, series)
        area_rows = by_area_values.get(measure.id, [])
        shield = shields.get(measure.id)
        progress = progress_of(measure, series, targets, published, year, latest)
        previous = progress_of(measure, series, targets, published, year - 1, latest)
        if shield is not None:
            progress, previous = shield.progress(progress), shield.progress(previous)
        blocks.append(
            {
                "measure": measure,
                "progress": progress,
                "previous": previous,
                "target": target_facts(progress.target),
                "series": values,
                "synthetic_months": synthetic_months_of(measure, synthetic_months),
                "targets": targets.get(measure.id, []),
                "revised": revisions_of(progress.target, originals.get(measure.id, [])),
                "notes": notes.get(measure.id, []),
                "area_rows": area_rows,
                "area_legend": protect_area_rows(
                    area_rows, measure.unit, shield, year_start, area_ends.get(measure.id, as_of)
                ),
                "shield": shield,
                "area_end": area_ends.get(measure.id, as_of),
                "status_text": status_text(progress),
                "summary": progress_summary(progress),
            }
        )
    key = next((m for m in by_area if m.is_key), by_area[0] if by_area else None)
    rows = outcome_rows(by_area, by_area_values, outflow) if by_area else []
    outcomes = {
        "available": bool(by_area and as_of),
        "start": year_start,
        "end": as_of,
        "measures": by_area,
        "key_index": by_area.index(key) if key else 0,
        "rows": rows,
        "legend": protect_outcome_rows(rows, by_area, protect, [shields.get(m.id) for m in by_area], year_start, as_of),
    }
    shows_synthetic = synthetic or any(b["target"]["is_synthetic"] for b in blocks)
    return {
        "measures": blocks,
        "outcomes": outcomes,
        "year": year,
        "as_of": as_of,
        "shows_synthetic": shows_synthetic,
    }
