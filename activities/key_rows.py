"""The activities list and the overview: one row per activity with its key measure against its target."""

from __future__ import annotations

from django.db.models import Q

from monitoring.models import Provenance
from nprz_dashboard.formatting import format_value
from nprz_dashboard.judgement import last_month_with_value
from nprz_dashboard.periods import Month, month_range

from . import analytics
from .models import Activity, Measure
from .reader_protection import key_measure_shields
from .selectors import (
    SPARKLINE_MONTHS,
    measure_ids_with_parts,
    measure_series,
    programme_series_with_origin,
    progress_of,
    progress_summary,
    published_by_measure,
    status_text,
    target_facts,
    targets_by_measure,
    year_choices,
)


def key_measure_rows(year: int, latest: Month, protect: bool = False) -> dict:
    """Return one row per activity with its key measure's progress in `year` (5 queries; 6 with `protect`).

    Keys: rows, work, letter, years, shows_synthetic. Queries: activities with
    project, key measures and those that count people going to work, monthly
    totals, targets, published totals; for a reader (`protect`) also the key
    measures' records per neighbourhood, so values, shares and trend lines
    withhold small counts as the activity pages do.
    """
    activities = list(Activity.objects.select_related("project").order_by("sort_order", "name"))
    loaded = list(Measure.objects.filter(Q(is_key=True) | Q(counts_work=True)).order_by("sort_order"))
    measures = {m.activity_id: m for m in loaded if m.is_key}
    ids = measure_ids_with_parts(loaded)
    series, demo_months = programme_series_with_origin(ids)
    synthetic = any(demo_months.values())
    targets = targets_by_measure(ids)
    published = published_by_measure(ids)
    # The year and the twelve months of a sparkline before its end (in the year): both years at most.
    span = (Month(year - 1, 1), Month(year, 12))
    shields = key_measure_shields(loaded, series, targets, latest, span) if protect else {}
    names = {a.pk: a for a in activities}
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
                # A value computed from demo months says so: it must not pass for a letter figure.
                "is_demo": bool(progress and analytics.uses_demo(progress, demo_months.get(measure.id, set()))),
            }
        )
    shows_synthetic = synthetic or any(r["target"]["is_synthetic"] for r in rows)
    return {
        "rows": rows,
        "work": work_rows([m for m in loaded if m.counts_work], names, series, demo_months, shields, year, latest),
        "letter": letter_rows(loaded, names, targets, published),
        "years": year_choices(activities, latest),
        "shows_synthetic": shows_synthetic,
    }


def work_rows(measures, activities, series, demo_months, shields, year: int, latest: Month) -> list[dict]:
    """Return each measure that counts people going to work with its total from January to its last month.

    Keys: activity, measure, url, start, end, value (None without figures), shown (withheld counts as
    '<10' or 'x' for readers), is_demo.
    """
    as_of = analytics.year_as_of(year, latest)
    rows = []
    for measure in measures:
        values = series.get(measure.id, {})
        start = Month(year, 1)
        end = last_month_with_value(values, start, as_of) if as_of else None
        value = analytics.period_sum(values, start, end) if end else None
        shield = shields.get(measure.id)
        marker = shield.running(start, end) if shield is not None and end else None
        activity = activities[measure.activity_id]
        rows.append(
            {
                "activity": activity.name,
                "measure": measure.name,
                "url": activity.get_absolute_url(),
                "start": start,
                "end": end,
                "value": value,
                "shown": marker or format_value(value, measure.unit),
                "is_demo": bool(end) and any(m in demo_months.get(measure.id, set()) for m in month_range(start, end)),
            }
        )
    return rows


def letter_rows(measures, activities, targets, published) -> list[dict]:
    """Return the published activity targets, each with the published result of its year where there is one.

    Keys: activity, measure, unit, year, target, target_source, result (None without a published total),
    result_source, share (result as a percentage of the target). Only published figures: never demo data.
    """
    rows = []
    for measure in measures:
        for target in targets.get(measure.id, []):
            if target.provenance != Provenance.PUBLISHED or target.start_month.year != target.end_month.year:
                continue
            year = target.end_month.year
            result = published.get(measure.id, {}).get(year)
            rows.append(
                {
                    "activity": activities[measure.activity_id].name,
                    "measure": measure.name,
                    "unit": measure.unit,
                    "year": year,
                    "target": float(target.value),
                    "target_source": str(target.source) if target.source else "",
                    "result": result[0] if result else None,
                    "result_source": result[1] if result else "",
                    "share": analytics.percent(result[0], target.value) if result else None,
                }
            )
    return rows


def overview(year: int, until: Month, protect: bool = False) -> dict:
    """Return what the overview shows of the activities (`protect`: for a reader); see `overview_rows`.

    Keys: rows (overview_rows), work (work_rows), letter (letter_rows).
    """
    data = key_measure_rows(year, until, protect)
    return {"rows": _overview_rows(data["rows"]), "work": data["work"], "letter": data["letter"]}


def overview_rows(year: int, until: Month, protect: bool = False) -> list[dict]:
    """Return one row per activity with its key measure's status for the overview (`protect`: for a reader).

    Keys per row: activity, measure, status, status_label, label, summary, url, target_is_published,
    target_is_synthetic, target_label (the target's provenance in words), is_demo.
    """
    return _overview_rows(key_measure_rows(year, until, protect)["rows"])


def _overview_rows(rows: list[dict]) -> list[dict]:
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
            "is_demo": row["is_demo"],
        }
        for row in rows
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
