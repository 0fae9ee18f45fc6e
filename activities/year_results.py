"""An activity's results year by year: what was done, against which target, how much of it, and from where.

The table an activity page opens with, so the letter's 2024 result (1.086 home
visits against 700: 155% ◆) is there without choosing a year.
"""

from __future__ import annotations

from nprz_dashboard.formatting import format_percent, format_value
from nprz_dashboard.periods import FLOW, Month

from . import analytics
from .selectors import progress_of, synthetic_months_of, target_facts


def _origin(progress, is_demo: bool) -> str:
    if progress.is_official:
        return f"officieel ({progress.official_source})"
    if progress.value is None:
        return ""
    return "demowaarde" if is_demo else "registratie"


def year_results(measure, series, targets, published, demo_months, years: list[int], latest: Month, shield=None):
    """Return one row per year (oldest first) for a measure with a target or a published total in any year.

    Keys: year, as_of, is_complete (the year is over), value (formatted; a withheld count shows
    its marker), is_official, source, is_demo, target (formatted, '' without one), target_facts,
    share (the value as a percentage of the full target), origin (in words). [] when the measure
    has neither a target nor a published total.
    """
    if not targets.get(measure.id) and not published.get(measure.id):
        return []
    rows = []
    demo = synthetic_months_of(measure, demo_months)
    for year in sorted(years):
        progress = progress_of(measure, series, targets, published, year, latest)
        if shield is not None:
            progress = shield.progress(progress)
        is_demo = analytics.uses_demo(progress, demo)
        target = progress.target
        rows.append(
            {
                "year": year,
                "as_of": progress.as_of,
                "is_complete": progress.as_of is not None and progress.as_of >= Month(year, 12),
                "is_flow": measure.kind == FLOW,
                "value": format_value(progress.value, measure.unit) if progress.value is not None else "–",
                "is_official": progress.is_official,
                "source": progress.official_source,
                "is_demo": is_demo,
                "target": format_value(target.value, measure.unit) if target is not None else "",
                "target_facts": target_facts(target),
                "share": format_percent(progress.share_of_target) if progress.share_of_target is not None else "–",
                "origin": _origin(progress, is_demo),
            }
        )
    return rows
