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
from nprz_dashboard import disclosure, marks
from nprz_dashboard.formatting import EMPTY, format_number
from nprz_dashboard.periods import Quarter

from . import activity_section, sections
from .live import LiveData

# Bump when the snapshot's shape changes; templates read older shapes as they were stored.
# 2: key figures, the published targets, facts with keys and numbered footnotes, chart footnotes.
# 3: a withheld figure ("<10", "x") keeps no value in `figures`.
SCHEMA = 3


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
    parts = {
        "caseload": sections.caseload_section(quarter, live, with_charts),
        "flows": sections.flows_section(quarter, live, with_charts),
        "comparison": sections.comparison_section(quarter, live, with_charts),
        "activities": activity_section.report_section(quarter, live.activities, with_charts),
        "neighbourhoods": sections.neighbourhoods_section(quarter, live),
    }
    activity_rows = parts["activities"]["rows"]
    for row in activity_rows:
        row["footnote"] = f"◆ officieel cijfer ({row['official']})" if row.get("official") else ""
    parts["activities"]["footnotes"] = sections.footnotes(sections.number_footnotes(activity_rows))
    for chart in parts["activities"]["charts"]:
        # Its numbers (share of the pro-rata target, status) are the activities table's; on paper once is enough.
        chart["table_elsewhere"] = "de tabel met de activiteiten hierboven"
    figures = {}
    for part in parts.values():
        figures.update(part.pop("figures"))
    caseload = parts["caseload"]
    synthetic = live.figures.synthetic or live.area_synthetic or live.activities["synthetic"]
    return {
        "schema": SCHEMA,
        "key_figures": key_figures(quarter, parts),
        "quarter": quarter_info(quarter),
        "area": live.area_name,
        "headline": headline(quarter, caseload),
        "sections": parts,
        "section_titles": {s.value: s.label for s in ReportSection},
        "narratives": {s.value: (narratives or {}).get(s.value, "") for s in ReportSection},
        "data_status": sections.data_status(quarter, live),
        "figures": figures,
        "synthetic": synthetic,
    }


def key_figures(quarter: Quarter, parts: dict) -> list[dict]:
    """Return the figures the first page leads with, picked from the sections by key (never by position)."""
    caseload = parts["caseload"]
    facts = {fact["key"]: fact for fact in caseload["facts"]}
    flows = {row["key"]: row for row in parts["flows"]["rows"]}
    change = facts.get("change_quarter") or facts["change_year"]  # a first quarter's change is the year's

    def figure(label: str, value: str, note: str = "") -> dict:
        return {"label": label, "value": value, "note": note}

    stand = facts["stand"]
    # The year's yardstick: its published target, else the derived path (named so: never a target).
    if "year_target_distance" in facts:
        yardstick = [facts["year_target"], facts["year_target_distance"]]
    elif "path" in facts:
        yardstick = [facts["path"], facts["path_distance"]]
    else:
        yardstick = [facts["year_target"]]
    # A demo stand says so on the first page too, never bare beside a published target.
    demo = f" ({marks.DEMO_STATUS})" if stand["note"] == marks.DEMO_STATUS else ""
    return [
        figure(stand["label"], stand["value"], f"bijstandsuitkeringen in het NPRZ-gebied{demo}"),
        *(figure(fact["label"], fact["value"], fact["note"]) for fact in yardstick),
        figure(f"Verandering in het {quarter.label}", change["value"]),
        figure(f"Uitstroom naar werk in het {quarter.label}", flows["outflow_to_work"]["value"], "opgeteld, 3 maanden"),
        figure(f"Oordeel over {caseload['status_target']}", caseload["status_label"]),
    ]


def headline(quarter: Quarter, caseload: dict) -> str:
    """Return the report's conclusion in one sentence."""
    if caseload["value"] is None:
        return f"Voor het {quarter.long_label} zijn nog geen cijfers bekend."
    if caseload.get("status_sentence"):  # the target's deadline has come: met or missed, in one sentence
        return caseload["status_sentence"]
    return (
        f"Eind {quarter.last_month.label} waren er {format_number(caseload['value'])} bijstandsuitkeringen "
        f"in het NPRZ-gebied; het oordeel over {caseload['status_target']} is: {caseload['status_label']}."
    )


def changes(published: dict[str, dict], live: dict[str, dict]) -> list[dict]:
    """Return the figures that differ between a published snapshot and a fresh build: label, old, new.

    A withheld figure differs when what readers see of it differs (disclosure.same_as_published).
    """
    result = []
    for key in [*published, *(k for k in live if k not in published)]:
        old, new = published.get(key), live.get(key)
        if disclosure.same_as_published(old, new):
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
