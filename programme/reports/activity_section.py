"""The activities section of the quarterly report: each key measure year to date against its target.

monitoring's report reaches this through activities.public; what it returns is
JSON-ready and goes into the report's frozen snapshot as it is.
"""

import datetime as dt

from activities import analytics, charts, selectors
from activities.models import Activity, Measure
from activities.reader_protection import key_measure_shields
from monitoring.models import Provenance
from nprz_dashboard import disclosure
from nprz_dashboard.formatting import EMPTY, format_percent, format_value
from nprz_dashboard.periods import Month, Quarter, last_complete_month


def report_data(today: dt.date, years: list[int] | None = None) -> dict:
    """Load the activities' key measures with what their progress and its disclosure control need (6 queries).

    `years` are the years of the quarters reported on; disclosure control reads only
    the records decided together with them (None: every year).
    """
    activities = list(Activity.objects.select_related("project").order_by("sort_order", "name"))
    measures = {m.activity_id: m for m in Measure.objects.key().order_by("sort_order")}
    ids = selectors.measure_ids_with_parts(measures.values())
    series, demo_months = selectors.programme_series_with_origin(ids)
    targets = selectors.targets_by_measure(ids)
    # The same cells as on the activity pages (up to the last complete month), so a
    # report never shows a count those pages withhold, nor one they could be combined with.
    span = (Month(min(years), 1), Month(max(years), 12)) if years else None
    shields = key_measure_shields(measures.values(), series, targets, last_complete_month(today), span)
    return {
        "activities": activities,
        "measures": measures,
        "series": series,
        "targets": targets,
        "published": selectors.published_by_measure(ids),
        "shields": shields,
        "demo_months": demo_months,
        "synthetic": any(demo_months.values()),
    }


def _protected_value(progress, shield) -> tuple[str, bool]:
    """Return how an activity value is published, and whether disclosure control withholds it."""
    shown = shield.progress(progress).value if shield is not None else progress.value
    if isinstance(shown, disclosure.Withheld):
        return shown.marker, True
    return (EMPTY if shown is None else format_value(shown, progress.unit)), False


def report_section(quarter: Quarter, data: dict, with_charts: bool = True) -> dict:
    """Return each activity's key measure year-to-date against its target, with its status."""
    rows, chart_rows, figures = [], [], {}
    for activity in data["activities"]:
        measure = data["measures"].get(activity.pk)
        if measure is None:
            continue
        progress = selectors.progress_of(
            measure, data["series"], data["targets"], data["published"], quarter.year, quarter.last_month
        )
        shown, hidden = _protected_value(progress, data["shields"].get(measure.id))
        target = progress.target
        # A status computed from demo values says "(demo)": the report must never pass it off as a result.
        demo = analytics.uses_demo(progress, selectors.synthetic_months_of(measure, data.get("demo_months", {})))
        status_label = f"{progress.status_label} (demo)" if demo and progress.status else progress.status_label
        rows.append(
            {
                "activity": activity.name,
                "measure": measure.name,
                "value": shown,
                "target": EMPTY if target is None else format_value(target.value, measure.unit),
                "due": EMPTY if progress.due is None else format_value(progress.due, measure.unit),
                "share": "afgeschermd" if hidden else format_percent(progress.share_of_due),
                "status": progress.status,
                "status_label": status_label,
                "is_demo": demo,
                "official": progress.official_source if progress.is_official else "",
                "synthetic_target": bool(target is not None and target.provenance == Provenance.SYNTHETIC),
            }
        )
        # Every row of the table: the chart's sentence counts them all; a hidden count gets no bar (it would
        # give the value away).
        chart_rows.append(
            {
                "activity": activity.name,
                "measure": measure.name,
                "progress": progress,
                "status": progress.status,
                "status_label": progress.status_label,
                "is_demo": demo,
                "hidden": hidden,
            }
        )
        figures[f"activity.{activity.slug}"] = disclosure.figure(
            f"{activity.name}: {measure.name[:1].lower()}{measure.name[1:]} t/m {quarter.last_month.label}",
            None if progress.value is None else round(float(progress.value), 4),
            shown,
        )
    shown = []
    if with_charts:
        chart = charts.progress_chart(chart_rows, quarter.year)
        chart.id = "rapport-activiteiten"
        shown = [chart.snapshot(f"activiteiten-{quarter.key.lower()}")]
    return {
        "rows": rows,
        "charts": shown,
        "figures": figures,
        "rule": analytics.status_rule_texts()[0][1],
    }
