"""Everything one activity page shows for a year: per measure its series, target and breakdowns."""

from __future__ import annotations

from monitoring.targets.notes import measure_notes
from nprz_dashboard.periods import Month

from . import analytics
from .by_area import (
    area_values,
    outcome_rows,
    outflow_to_work_by_neighbourhood,
    protect_area_rows,
    protect_outcome_rows,
)
from .models import Activity, Measure
from .selectors import (
    measure_ids_with_parts,
    measure_series,
    programme_series_with_origin,
    progress_of,
    progress_summary,
    published_by_measure,
    revised_targets_by_measure,
    revisions_of,
    status_text,
    synthetic_months_of,
    target_facts,
    targets_by_measure,
)
from .year_results import year_results


def detail_of(
    activity: Activity,
    year: int,
    latest: Month,
    measures=None,
    protect: bool = False,
    shields=None,
    years=(),
    neighbourhoods=(None, 0),
) -> dict:
    """Return everything the page of one activity shows for `year` (7 queries, 9 when recorded per area).

    Keys: measures (one block per measure), outcomes, years, year, as_of,
    shows_synthetic. Queries: measures, monthly totals, targets, revised targets,
    published totals, chart notes; for measures recorded per neighbourhood also the area totals and
    the outflow to work per neighbourhood. With `protect` (a reader outside
    the team) small counts per neighbourhood are masked (see `protect_column`). `years` are the
    years the page's year table shows per measure (no extra query). `neighbourhoods` is what
    selectors.neighbourhoods_shown returned: the ids of the neighbourhoods shown (None: every
    one) and how many there are; only their records are read.
    """
    area_ids, hood_count = neighbourhoods
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
        by_area_values, area_ends, area_synthetic = area_values(by_area, year_start, as_of, area_ids)
        # A reader's outflow column is protected as one group of every neighbourhood (they add up to
        # NPRZ's total), so it is read whole; the page then shows the rows of the neighbourhoods shown.
        outflow_ids = None if protect else area_ids
        outflow, outflow_synthetic = outflow_to_work_by_neighbourhood(year_start, as_of, outflow_ids)
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
                "area_partial": (len(area_ids), hood_count) if area_ids is not None else None,
                "status_text": status_text(progress),
                "summary": progress_summary(progress),
                "year_results": year_results(
                    measure, series, targets, published, synthetic_months, list(years), latest, shield
                ),
            }
        )
    key = next((m for m in by_area if m.is_key), by_area[0] if by_area else None)
    rows = outcome_rows(by_area, by_area_values, outflow) if by_area else []
    legend = protect_outcome_rows(rows, by_area, protect, [shields.get(m.id) for m in by_area], year_start, as_of)
    if area_ids is not None:
        shown = set(area_ids)
        rows = [row for row in rows if row["area_id"] in shown]
        legend = legend if any(row["outflow_hidden"] or any(row["hidden"]) for row in rows) else ""
    outcomes = {
        "available": bool(by_area and as_of),
        "start": year_start,
        "end": as_of,
        "measures": by_area,
        "key_index": by_area.index(key) if key else 0,
        "rows": rows,
        "legend": legend,
        # Some neighbourhoods only (selectors.neighbourhoods_shown): (shown, of how many), else None.
        "partial": (len(area_ids), hood_count) if area_ids is not None else None,
    }
    shows_synthetic = synthetic or any(b["target"]["is_synthetic"] for b in blocks)
    return {
        "measures": blocks,
        "outcomes": outcomes,
        "year": year,
        "as_of": as_of,
        "shows_synthetic": shows_synthetic,
    }
