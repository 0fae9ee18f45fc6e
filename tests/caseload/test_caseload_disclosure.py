"""A reader of a neighbourhood's caseload page sees small counts withheld, consistently with the figures table."""

import re

from monitoring.models import CaseloadFigure
from tests.helpers import text_of

HEIJPLAAT = "BU05991593"


def set_inflow(month, value):
    CaseloadFigure.objects.filter(area__code=HEIJPLAAT, indicator="inflow", month=month).update(value=value)


def test_a_small_monthly_inflow_shows_as_under_10_for_a_reader(viewer_client):
    set_inflow("2026-08-01", 3)
    text = text_of(viewer_client.get(f"/caseload/?area={HEIJPLAAT}"))
    assert re.search(r"augustus 2026 <10", text)
    assert "Kleine aantallen zijn afgeschermd" in text


def test_the_quarter_and_year_holding_it_are_withheld_too(viewer_client):
    set_inflow("2026-08-01", 3)
    response = viewer_client.get(f"/caseload/?area={HEIJPLAAT}")
    quarter = next(row for row in response.context["quarters"] if row.label.startswith("kw. 3 2026"))
    assert quarter.inflow is None
    assert quarter.flows[0].hidden
    assert "afgeschermd" in text_of(response)


def test_the_chart_leaves_the_withheld_month_out(viewer_client):
    set_inflow("2026-08-01", 3)
    response = viewer_client.get(f"/caseload/?area={HEIJPLAAT}")
    figure = response.context["flows"].figure
    inflow = next(trace for trace in figure["data"] if trace["name"] == "Instroom")
    august = inflow["x"].index("2026-08-01") if "2026-08-01" in inflow["x"] else None
    assert august is not None and inflow["y"][august] is None


def test_an_editor_sees_the_exact_value(editor_client):
    set_inflow("2026-08-01", 3)
    response = editor_client.get(f"/caseload/?area={HEIJPLAAT}")
    assert not response.context["quarters"][-1].hidden
    assert re.search(r"augustus 2026 3 ", text_of(response))


def test_the_page_withholds_the_same_cells_as_the_figures_table(viewer_client):
    from monitoring.caseload.protection import hidden_cells
    from monitoring.models import Area

    set_inflow("2026-08-01", 3)
    months = set(CaseloadFigure.objects.filter(area__code=HEIJPLAAT).values_list("month", flat=True))
    everywhere = {key: reason for key, reason in hidden_cells(months).items() if key[1] == HEIJPLAAT}
    for_page = {
        key: reason
        for key, reason in hidden_cells(months, family=Area.objects.get(code=HEIJPLAAT)).items()
        if key[1] == HEIJPLAAT
    }
    assert everywhere and for_page == everywhere


def test_the_chart_sentences_say_withheld_instead_of_a_misleading_number(viewer_client):
    set_inflow("2026-10-01", 3)
    response = viewer_client.get(f"/caseload/?area={HEIJPLAAT}")
    assert "in oktober 2026 zijn kleine aantallen en daarom afgeschermd" in response.context["flows"].sentence
    assert "evenveel uitkeringen in als uit" not in response.context["flows"].sentence


def test_a_neighbourhood_with_a_small_caseload_gets_no_bar_and_shows_under_10_in_the_comparison(viewer_client, editor):
    CaseloadFigure.objects.filter(area__code=HEIJPLAAT, indicator="caseload", month__gte="2025-12-01").update(value=8)
    response = viewer_client.get("/caseload/")
    chart = response.context["neighbourhoods"]
    assert all("Heijplaat" not in name for trace in chart.figure["data"] for name in trace["y"])
    row = next(row for row in chart.rows if row[0] == "Heijplaat")
    assert row[2:5] == ["<10", "<10", "–"]  # no stands, no change: it would give them away
    viewer_client.force_login(editor)
    editor_rows = viewer_client.get("/caseload/").context["neighbourhoods"].rows
    editor_row = next(row for row in editor_rows if row[0] == "Heijplaat")
    assert editor_row[3] == "8"
