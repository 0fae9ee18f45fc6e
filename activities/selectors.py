"""Data out of the activity models, as plain rows with fixed keys.

Every function aggregates in SQL with a fixed number of queries, whatever
the number of months, areas or records; the progress rule lives in
analytics.py.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Window

from monitoring.models import Area, Provenance
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_percent, format_value
from nprz_dashboard.periods import RATIO, Month, last_complete_month

from . import analytics
from .models import ActivityTarget, Measure, MonthTotal, PublishedTotal

SPARKLINE_MONTHS = 12


def latest_month() -> Month:
    """Return the last complete month on the reference day: the month pages report up to."""
    return last_complete_month(clock.today())


def year_choices(activities, latest: Month) -> list[int]:
    """Return the years from the first activity start to the reference year, newest first."""
    starts = [a.starts_on.year for a in activities if a.starts_on]
    first = min(starts, default=latest.year)
    return list(range(latest.year, min(first, latest.year) - 1, -1))


# --- loading ------------------------------------------------------------------


def neighbourhoods_shown(limit: int) -> tuple[list[int] | None, int]:
    """Return the ids of the neighbourhoods a page per neighbourhood shows, and how many there are (one query).

    Up to `limit` neighbourhoods: None (every one, no filter). Beyond: the focus
    neighbourhoods, then the others in tree order, `limit` in all, so the page
    reads the records of those alone (a query that returns what the page shows).
    """
    rows = list(
        Area.objects.neighbourhoods()
        .annotate(total=Window(Count("id")))
        .order_by("-is_focus", "tree_order")
        .values_list("id", "total")[: limit + 1]
    )
    total = rows[0][1] if rows else 0
    return (None if total <= limit else [area_id for area_id, _ in rows[:limit]]), total


def programme_series(measure_ids) -> tuple[dict[int, dict[Month, float]], bool]:
    """Return each measure's NPRZ value by month, and whether any of it is demo data (one query)."""
    series, synthetic_months = programme_series_with_origin(measure_ids)
    return series, any(synthetic_months.values())


def programme_series_with_origin(measure_ids) -> tuple[dict[int, dict[Month, float]], dict[int, set[Month]]]:
    """Return each measure's NPRZ value by month, and per measure the months holding demo data (one query)."""
    series: dict[int, dict[Month, float]] = defaultdict(dict)
    synthetic: dict[int, set[Month]] = defaultdict(set)
    # The summary table of the records' NPRZ totals: one row per month, not every neighbourhood's record.
    rows = (
        MonthTotal.objects.filter(measure__in=measure_ids)
        .order_by("measure_id", "month")
        .values("measure_id", "month", "total", "synthetic")
    )
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


# --- disclosure control (what leaves the team) --------------------------------------


# --- one activity -----------------------------------------------------------------
