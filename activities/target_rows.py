"""Activity targets on the targets page: the rows in force with their originals, and their status at NPRZ level."""

from monitoring.models import AreaLevel, TargetKind
from monitoring.targets.selectors import status_cell, target_table, verdict
from nprz_dashboard.formatting import format_value
from nprz_dashboard.periods import STOCK, Month

from . import analytics, selectors
from .models import ActivityTarget


def activity_rows(latest: Month) -> tuple[list[dict], list[dict]]:
    """Return the activity targets in force (with originals and NPRZ status) and the split checks (3 queries)."""
    targets = list(
        ActivityTarget.objects.select_related("area__parent", "source", "measure__activity").order_by(
            "measure__activity__sort_order", "measure__sort_order", "area__tree_order", "period_end", "created_at", "pk"
        )
    )
    current, checks = target_table(
        targets,
        TargetKind.ACTIVITY,
        subject=lambda t: f"{t.measure.activity.name}: {t.measure.name}",
        unit=lambda t: t.measure.unit,
        subject_key=lambda t: t.measure_id,
    )
    measures = {r["target"].measure_id: r["target"].measure for r in current}
    ids = selectors.measure_ids_with_parts(measures.values())
    series, demo = selectors.programme_series_with_origin(ids) if ids else ({}, {})
    published = selectors.published_by_measure(ids) if ids else {}
    for row in current:
        target = row["target"]
        if target.area.level != AreaLevel.PROGRAMME:
            row["status"] = status_cell(None, "stand per gebied: zie de activiteitpagina")
            continue
        measure = target.measure
        year = min(target.end_month.year, latest.year)
        if target.start_month > latest:
            row["status"] = status_cell(None, "periode nog niet begonnen")
            continue
        progress = analytics.measure_progress(
            kind=measure.kind, unit=measure.unit, direction=measure.direction,
            series=selectors.measure_series(measure, series), targets=[target], year=year,
            latest=latest, published=published.get(measure.id),
        )  # fmt: skip
        if progress.value is None:
            row["status"] = status_cell(None, "nog geen cijfers")
            continue
        detail = f"t/m {progress.as_of.label}: {format_value(progress.value, measure.unit)}"
        # A verdict on demo values says "(demo)": it must never be quoted as a real result.
        is_demo = analytics.uses_demo(progress, selectors.synthetic_months_of(measure, demo))
        if progress.as_of == target.end_month:
            row["status"] = verdict(progress.value, target, detail, is_demo)
            continue
        if progress.due is not None and progress.kind == STOCK:
            detail += f" tegen een doel van {format_value(progress.due, measure.unit)}"
        elif progress.due is not None:
            detail += f" van {format_value(progress.due, measure.unit)} naar rato"
        row["status"] = status_cell(progress.status, detail, is_demo)
    return current, checks
