"""A viewer's API figures are exactly the viewer's page figures, disclosure control included.

The pages' own exports are the reference: the figures table's CSV
(/caseload/figures/?_export=csv) and each activity's records CSV. The API is
read page by page as a client would, as CSV; every cell must show the same
thing: the same number, or the same '<10' / 'x'. The derived numbers equal
what /caseload/?area= computes for the same reader.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings

from monitoring.models import CaseloadFigure
from tests.helpers import client_for, export_records

INDICATOR_COLUMNS = {
    "caseload": "Bijstandsuitkeringen",
    "inflow": "Instroom",
    "outflow": "Uitstroom",
    "outflow_to_work": "Uitstroom naar werk",
}
SLUGS = [
    a["slug"] for a in json.loads((Path(settings.BASE_DIR) / "fixtures" / "activities.json").read_text())["activities"]
]


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def api_csv(client, url: str) -> list[dict]:
    """Return every row of a list as CSV, following the pages as a client would."""
    rows, page = [], 1
    while True:
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}format=csv&page_size=1000&page={page}")
        rows += csv_rows(response)
        if 'rel="next"' not in response.get("Link", ""):
            return rows
        page += 1


def shown(row: dict) -> str:
    """Return what an API CSV row shows for its value: the marker when withheld, else the number."""
    return row["withheld"] or row["value"]


@pytest.fixture
def small_counts(db):
    # Heijplaat's inflow in October 2026 becomes 3: hidden as <10, with a complement hidden as x.
    CaseloadFigure.objects.filter(area__code="BU05991593", indicator="inflow", month="2026-10-01").update(value=3)


def page_caseload_cells(client) -> dict[tuple, str]:
    cells = {}
    for row in export_records(client.get("/caseload/figures/?_export=csv")):
        for indicator, column in INDICATOR_COLUMNS.items():
            if row[column] != "":
                cells[(row["Gebiedscode"], row["Maand"], indicator)] = row[column]
    return cells


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_the_caseload_figures_equal_the_figures_table(request, small_counts, role):
    page = page_caseload_cells(request.getfixturevalue(f"{role}_client"))
    rows = api_csv(request.getfixturevalue(f"{role}_api"), "/api/v1/caseload-figures/")
    api = {(r["area_code"], r["month"], r["indicator"]): shown(r) for r in rows}
    assert api == page
    hidden = {key: value for key, value in api.items() if value in ("<10", "x")}
    if role == "viewer":
        assert api[("BU05991593", "2026-10", "inflow")] == "<10"
        assert "x" in hidden.values() and len(hidden) > 10
    else:
        assert hidden == {} and api[("BU05991593", "2026-10", "inflow")] == "3"


def test_a_filter_does_not_change_what_is_hidden(viewer_api, small_counts):
    everything = {
        (r["area_code"], r["month"], r["indicator"]): shown(r)
        for r in api_csv(viewer_api, "/api/v1/caseload-figures/?start=2026-10&end=2026-10")
    }
    one_area = api_csv(viewer_api, "/api/v1/caseload-figures/?area=BU05991593&start=2026-10&end=2026-10")
    assert {(r["area_code"], r["month"], r["indicator"]): shown(r) for r in one_area}.items() <= everything.items()
    assert {shown(r) for r in one_area if r["indicator"] == "inflow"} == {"<10"}


def page_record_cells(client, slug: str) -> dict[tuple, str]:
    return {
        (row["Maat"], row["Gebied"], row["Maand"]): row["Waarde"]
        for row in export_records(client.get(f"/activities/{slug}/?_export=csv"))
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_the_activity_records_equal_the_records_table(viewer, viewer_api, editor, editor_api, slug):
    for page_client, api_client in ((client_for(viewer), viewer_api), (client_for(editor), editor_api)):
        page = page_record_cells(page_client, slug)
        rows = api_csv(api_client, f"/api/v1/activity-records/?activity={slug}")
        assert {(r["measure_name"], r["area_name"], r["month"]): shown(r) for r in rows} == page


def test_the_records_tables_hide_small_counts_for_viewers_only(viewer_api, editor_api):
    viewer_rows = api_csv(viewer_api, "/api/v1/activity-records/?activity=wijkwerktafels")
    editor_rows = api_csv(editor_api, "/api/v1/activity-records/?activity=wijkwerktafels")
    assert {r["withheld"] for r in viewer_rows} >= {"<10"}
    assert all(r["value"] == "" for r in viewer_rows if r["withheld"])
    assert {r["withheld"] for r in editor_rows} == {""}


@pytest.mark.parametrize("area", ["NPRZ", "BU05991593", "WK059915"])
def test_the_derived_pace_and_glide_path_equal_the_caseload_page(viewer_client, viewer_api, small_counts, area):
    progress = viewer_client.get(f"/caseload/?area={area}").context["progress"]
    pace = viewer_api.get(f"/api/v1/derived/caseload-pace/?area={area}").json()
    assert pace["derived"] is True
    assert pace["actual_pace"] == progress.actual_pace
    assert pace["required_pace"] == progress.required_pace
    assert pace["status"] == progress.status
    assert pace["as_of"] == (progress.latest.key if progress.latest else None)
    glide = viewer_api.get(f"/api/v1/derived/glide-path/?area={area}&page_size=1000").json()["results"]
    assert {row["month"]: row["value"] for row in glide} == {m.key: v for m, v in progress.glide.items()}
    assert all(row["derived"] is True for row in glide)
