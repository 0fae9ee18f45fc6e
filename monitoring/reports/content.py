"""The quarterly report as a whole: built as a plain JSON-ready snapshot, and compared with a newer build.

`live.load_live()` fetches everything the reports need in a fixed number of
queries, whatever the number of quarters; `build()` turns it into the report of
one quarter and `report_figures()` into the flat list of figures a published
version is later compared with. Both are pure. Publishing stores `build()`'s
result as it is, so a published page renders only from what was frozen, never
from live data.
"""

from __future__ import annotations

from monitoring.models import ReportSection
from nprz_dashboard.formatting import EMPTY, format_number
from nprz_dashboard.periods import Quarter

from . import sections
from .live import LiveData

# Bump when the snapshot's shape changes; templates read older shapes as they were stored.
SCHEMA = 1


def quarter_info(quarter: Quarter) -> dict:
    return {
        "year": quarter.year,
        "number": quarter.number,
        "key": quarter.key,
        "label": quarter.long_label,
        "short": quarter.label,
        "end": quarter.last_month.label,
    }


def report_figures(quarter: Quarter, live: LiveData) -> dict[str, dict]:
    """Return the report's figures as {key: {label, value, display}}: what a correction is checked against."""
    return build(quarter, live, with_charts=False)["figures"]


def build(quarter: Quarter, live: LiveData, narratives: dict[str, str] | None = None, with_charts=True) -> dict:
    """Return the complete report of a quarter as JSON-ready data (the snapshot a version freezes)."""
    from activities import public as activities

    parts = {
        "caseload": sections.caseload_section(quarter, live, with_charts),
        "flows": sections.flows_section(quarter, live, with_charts),
        "comparison": sections.comparison_section(quarter, live, with_charts),
        "activities": activities.report_section(quarter, live.activities, with_charts),
        "neighbourhoods": sections.neighbourhoods_section(quarter, live),
    }
    figures = {}
    for part in parts.values():
        figures.update(part.pop("figures"))
    caseload = parts["caseload"]
    return {
        "schema": SCHEMA,
        "quarter": quarter_info(quarter),
        "area": live.area_name,
        "headline": headline(quarter, caseload),
        "sections": parts,
        "section_titles": {s.value: s.label for s in ReportSection},
        "narratives": {s.value: (narratives or {}).get(s.value, "") for s in ReportSection},
        "data_status": sections.data_status(quarter, live),
        "figures": figures,
        "synthetic": live.figures.synthetic or live.area_synthetic or live.activities["synthetic"],
    }


def headline(quarter: Quarter, caseload: dict) -> str:
    """Return the report's conclusion in one sentence."""
    if caseload["value"] is None:
        return f"Voor het {quarter.long_label} zijn nog geen cijfers bekend."
    return (
        f"Eind {quarter.last_month.label} waren er {format_number(caseload['value'])} bijstandsuitkeringen "
        f"in het NPRZ-gebied; het oordeel over {caseload['status_target']} is: {caseload['status_label']}."
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
