"""Readers see small counts in the figures table protected; editors see exact values."""

from monitoring.models import CaseloadFigure
from tests.helpers import export_csv

MONTH = "2026-10-01"


def set_value(code, indicator, value):
    CaseloadFigure.objects.filter(area__code=code, indicator=indicator, month=MONTH).update(value=value)


def heijplaat_row(response):
    rows = export_csv(response)[1]
    header = rows[0]
    row = next(
        r for r in rows[1:] if r[header.index("Gebied")] == "Heijplaat" and r[header.index("Maand")] == "2026-10"
    )
    return dict(zip(header, row, strict=True))


def test_a_reader_sees_a_small_count_as_under_10_and_a_second_cell_hidden(viewer_client):
    set_value("BU05991593", "inflow", 3)  # Heijplaat
    response = viewer_client.get("/caseload/figures/?area=BU05991593&start=2026-10&end=2026-10")
    html = response.content.decode()
    assert '<span class="hidden-count">&lt;10</span>' in html
    assert "Kleine aantallen zijn afgeschermd" in html


def test_no_district_group_is_left_with_one_hidden_cell(viewer_client):
    from monitoring.caseload.protection import hidden_cells

    set_value("BU05991593", "inflow", 3)
    hidden = hidden_cells({CaseloadFigure.objects.filter(month=MONTH).first().month})
    in_charlois = [key for key in hidden if key[2] == "inflow" and key[1].startswith("BU059915")]
    assert len(in_charlois) >= 2  # Heijplaat plus a complement, so Charlois − the rest doesn't give it away


def test_the_csv_export_of_a_reader_is_protected_too(viewer_client):
    set_value("BU05991593", "inflow", 3)
    row = heijplaat_row(viewer_client.get("/caseload/figures/?start=2026-10&end=2026-10&_export=csv"))
    assert row["Instroom"] == "<10"


def test_an_editor_sees_and_exports_the_exact_value(editor_client):
    set_value("BU05991593", "inflow", 3)
    html = editor_client.get("/caseload/figures/?area=BU05991593&start=2026-10&end=2026-10").content.decode()
    assert "hidden-count" not in html
    row = heijplaat_row(editor_client.get("/caseload/figures/?start=2026-10&end=2026-10&_export=csv"))
    assert row["Instroom"] == "3"
