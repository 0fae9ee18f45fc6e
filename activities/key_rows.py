"""The activities list and the overview: one row per activity with its key measure against its target."""

from __future__ import annotations

from nprz_dashboard.periods import Month, month_range

from . import analytics
from .models import Activity, Measure
from .reader_protection import key_measure_shields
from .selectors import (
    SPARKLINE_MONTHS,
    measure_ids_with_parts,
    measure_series,
    programme_series,
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
    # The year and the twelve months of a sparkline before its end (in the year): both years at most.
    span = (Month(year - 1, 1), Month(year, 12))
    shields = key_measure_shields(measures.values(), series, targets, latest, span) if protect else {}
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
