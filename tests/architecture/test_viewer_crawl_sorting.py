"""The viewer crawl, continued (issue 19, item 3): sorted tables tell nothing about a withheld cell.

/caseload/figures/?sort=outflow sorted on the exact values before masking them,
so a hidden cell landed among the neighbours its value belonged with. Now a
viewer sorts on what is shown: the figures table and an activity's records
table are read sorted on every sortable column, both ways, as the CSV export
(every row, in the table's order) and as the pages a viewer clicks through.
In each: no small count is written out; the withheld cells of the sorted column
stand together after the shown values, in the table's own order (month, area);
and giving the withheld cells other small values changes nothing a viewer gets.
"""

from __future__ import annotations

import re

import pytest

from monitoring.models import CaseloadFigure
from tests.architecture.test_viewer_crawl import protected_measures, small
from tests.helpers import export_records

MARKERS = ("<10", "x")
VALUE_COLUMNS = {
    "caseload": "Bijstandsuitkeringen",
    "inflow": "Instroom",
    "outflow": "Uitstroom",
    "outflow_to_work": "Uitstroom naar werk",
}
FIGURE_SORTS = ["area", "month", *VALUE_COLUMNS, "status"]
# Heijplaat (BU05991593) and Wielewaal (BU05991575): small counts in several months and indicators.
SMALL = [
    ("BU05991593", "inflow", "2026-10-01", 3),
    ("BU05991593", "outflow", "2026-10-01", 7),
    ("BU05991593", "outflow", "2026-08-01", 2),
    ("BU05991575", "outflow", "2026-09-01", 5),
    ("BU05991575", "outflow_to_work", "2026-10-01", 1),
]
FIGURES = "/caseload/figures/?start=2026-06"


@pytest.fixture
def small_counts(db):
    for code, indicator, month, value in SMALL:
        CaseloadFigure.objects.filter(area__code=code, indicator=indicator, month=month).update(value=value)


def export(client, url: str) -> list[dict]:
    return export_records(client.get(url + "&_export=csv"))


def number(text: str):
    return float(text.replace(",", ".")) if re.fullmatch(r"-?\d+(,\d+)?", text or "") else None


def order_leaks(rows: list[dict], column: str, descending: bool, key, unsorted: list[dict]) -> list[str]:
    """Return what is wrong with a column sorted for a viewer: shown values first and in order, markers together."""
    cells = [row[column] for row in rows]
    kinds = ["shown" if number(c) is not None else "withheld" if c in MARKERS else "empty" for c in cells]
    leaks = []
    if kinds != sorted(kinds, key=["shown", "withheld", "empty"].index):
        leaks.append(f"{column}: shown, withheld and empty cells are mixed")
    shown = [number(c) for c in cells if number(c) is not None]
    if shown != sorted(shown, reverse=descending):
        leaks.append(f"{column}: shown values out of order")
    withheld = [key(row) for row in rows if row[column] in MARKERS]
    if withheld != [key(row) for row in unsorted if row[column] in MARKERS]:
        leaks.append(f"{column}: withheld cells not in the table's own order")
    return leaks


def figure_key(row: dict) -> tuple:
    return row["Gebiedscode"], row["Maand"]


def test_the_figures_table_sorted_on_any_column_either_way_betrays_no_withheld_cell(viewer_client, small_counts):
    unsorted = export(viewer_client, FIGURES)
    hidden = sum(row[c] in MARKERS for row in unsorted for c in VALUE_COLUMNS.values())
    assert hidden >= 2 * len(SMALL)  # each small count and a complement
    leaks, seen = [], {}
    for name in FIGURE_SORTS:
        for sort in (name, f"-{name}"):
            rows = export(viewer_client, f"{FIGURES}&sort={sort}")
            assert sorted(map(figure_key, rows)) == sorted(map(figure_key, unsorted))
            leaks += [f"{sort}: {r['Gebied']} {r['Maand']}" for r in rows for c in VALUE_COLUMNS.values()
                      if small(number(r[c]))]  # fmt: skip
            if name in VALUE_COLUMNS:
                leaks += [f"{sort}: {x}" for x in order_leaks(rows, VALUE_COLUMNS[name], sort[0] == "-", figure_key,
                                                              unsorted)]  # fmt: skip
            seen[sort] = rows
    assert not leaks, "\n".join(leaks[:40])

    # The pages a viewer clicks through hold the export's rows, in its order.
    for sort in ("outflow", "-outflow"):
        paged, page = [], 1
        while True:
            html = viewer_client.get(f"{FIGURES}&sort={sort}&page={page}").content.decode()
            tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
            paged += [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in tbody.split("</tr>")[:-1]]
            if f"page={page + 1}" not in html:
                break
            page += 1
        names = [f"{r['Gebied']} " for r in seen[sort]]
        assert [p[: len(n)] for p, n in zip(paged, names, strict=True)] == names

    # Other small values behind the same markers: a viewer gets exactly the same rows, in the same order.
    for code, indicator, month, value in SMALL:
        CaseloadFigure.objects.filter(area__code=code, indicator=indicator, month=month).update(value=value % 9 + 1)
    for sort, rows in seen.items():
        assert export(viewer_client, f"{FIGURES}&sort={sort}") == rows, sort


@pytest.mark.parametrize("slug", ["kind-en-werkgeluk", "wijkwerktafels"])
def test_an_activity_records_table_sorted_on_its_value_betrays_no_withheld_record(viewer_client, slug):
    base = f"/activities/{slug}/?year=2026"
    unsorted = export(viewer_client, base)
    assert any(row["Waarde"] in MARKERS for row in unsorted)
    html = viewer_client.get(base).content.decode()
    assert "sort=value" in html  # a viewer may sort on the value, as an editor may

    def key(row):
        return row["Maand"], row["Maat"], row["Gebied"]

    protected = protected_measures()[slug]
    for sort in ("value", "-value", "month", "-month", "measure", "-measure", "area", "-area"):
        rows = export(viewer_client, f"{base}&sort={sort}")
        assert sorted(map(key, rows)) == sorted(map(key, unsorted))
        leaks = [f"{r['Maat']} {r['Gebied']} {r['Maand']}: {r['Waarde']}" for r in rows
                 if r["Maat"] in protected and small(number(r["Waarde"]))]  # fmt: skip
        if sort.lstrip("-") == "value":
            leaks += order_leaks(rows, "Waarde", sort[0] == "-", key, unsorted)
        assert not leaks, (sort, leaks[:20])
