"""?format=csv: the Dutch Excel dialect of the exports, with the JSON fields as columns."""

import csv
import io

from activities.models import ActivityRecord
from monitoring.models import Area


def test_it_is_semicolon_separated_utf8_with_a_bom_and_the_json_fields_as_columns(viewer_api):
    response = viewer_api.get("/api/v1/caseload-figures/?format=csv&page_size=5")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bijstandscijfers.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    fields = list(viewer_api.get("/api/v1/caseload-figures/?page_size=5").json()["results"][0])
    source = ["source.title", "source.reference", "source.published_on", "source.author", "source.url"]
    assert header == [*fields[:-1], *source]
    assert len(rows) == 6
    first = dict(zip(header, rows[1], strict=True))
    assert first["origin"] == "official" and first["source.title"].startswith("Brief wethouder")
    assert response["X-Total-Count"] == str(viewer_api.get("/api/v1/caseload-figures/").json()["count"])
    assert 'rel="next"' in response["Link"] and "format=csv" in response["Link"]


def test_decimals_have_a_comma_and_whole_numbers_none(manager_api):
    record = ActivityRecord.objects.filter(measure__unit="euro").order_by("id").first()
    ActivityRecord.objects.filter(pk=record.pk).update(value="1234.50")
    url = f"/api/v1/activity-records/?measure={record.measure_id}&area={record.area.code}&format=csv&page_size=1000"
    text = manager_api.get(url).content.decode("utf-8-sig")
    assert f";{record.period.key};1234,50;;" in text  # as the records export writes it
    json_row = next(
        r for r in manager_api.get(url.replace("&format=csv", "")).json()["results"] if r["month"] == record.period.key
    )
    assert json_row["value"] == 1234.5
    whole = manager_api.get("/api/v1/published-totals/?format=csv").content.decode("utf-8-sig")
    assert ";2024;1086;official;" in whole


def test_a_cell_that_looks_like_a_formula_is_neutralised(manager_api):
    Area.objects.filter(code="BU05991593").update(name='=HYPERLINK("http://x")')
    text = manager_api.get("/api/v1/areas/?format=csv").content.decode("utf-8-sig")
    assert ';"\'=HYPERLINK(""http://x"")";' in text
    assert "\n=HYPERLINK" not in text and ";=HYPERLINK" not in text


def test_an_error_is_one_detail_row(viewer_api):
    response = viewer_api.get("/api/v1/caseload-figures/?format=csv&start=2025-13")
    assert response.status_code == 400
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["detail", "errors"]
    assert "2025-13" in rows[1][1]


def test_an_empty_page_still_has_its_columns(viewer_api):
    text = viewer_api.get("/api/v1/caseload-figures/?format=csv&area=GEEN").content.decode("utf-8-sig")
    assert text.startswith("area_code;area_name;area_level;month;indicator;value;withheld;status;origin;source.title")
    assert text.count("\r\n") == 1


def test_a_nul_character_in_a_parameter_is_a_400_not_a_database_error(viewer_api):
    for url in ("/api/v1/caseload-figures/?area=a%00b", "/api/v1/derived/caseload-pace/?area=%00", "/api/v1/?x=%00"):
        response = viewer_api.get(url)
        assert response.status_code == 400, url
        assert "NUL-teken" in str(response.json()["errors"])


def test_a_parameter_given_twice_or_empty_is_a_400(viewer_api):
    twice = viewer_api.get("/api/v1/areas/?page=1&page=2")
    assert twice.status_code == 400 and twice.json()["errors"] == {"page": ["Geef ‘page’ één keer."]}
    empty = viewer_api.get("/api/v1/caseload-figures/?start=")
    assert empty.status_code == 400
    assert empty.json()["errors"] == {"start": ["Laat ‘start’ weg of geef een waarde; leeg kan niet."]}


def test_a_code_that_cannot_be_one_is_a_400(viewer_api):
    for url in ("/api/v1/caseload-figures/?area=a%20b", "/api/v1/derived/glide-path/?area=%C3%A9%00"):
        response = viewer_api.get(url)
        assert response.status_code == 400, url
    assert viewer_api.get("/api/v1/caseload-figures/?area=ONBEKEND").json()["count"] == 0
    assert viewer_api.get("/api/v1/derived/caseload-pace/?area=ONBEKEND").status_code == 404


def test_an_end_before_the_start_is_a_dutch_400_that_the_schema_cannot_express(viewer_api):
    response = viewer_api.get("/api/v1/caseload-figures/?start=2025-03&end=2025-01")
    assert response.status_code == 400
    assert response.json()["errors"]["end"] == ["De maand ‘end’ ligt vóór de maand ‘start’; kies een latere maand."]


def test_a_month_outside_the_years_the_app_knows_is_refused(viewer_api):
    for month in ("0000-01", "1999-12", "2101-01"):
        assert viewer_api.get(f"/api/v1/caseload-figures/?start={month}").status_code == 400, month


def test_the_unfiltered_total_is_the_summary_tables_and_equals_every_figure_also_after_a_write(viewer_api):
    from monitoring.models import CaseloadFigure

    def total():
        return viewer_api.get("/api/v1/caseload-figures/?page_size=1").json()["count"]

    assert total() == CaseloadFigure.objects.count()
    nprz = Area.objects.get(code="NPRZ")
    CaseloadFigure.objects.create(area=nprz, indicator="caseload", month="1999-01-01", value=1, status="final")
    assert total() == CaseloadFigure.objects.count()
    filtered = viewer_api.get("/api/v1/caseload-figures/?area=NPRZ&page_size=1").json()["count"]
    assert filtered == CaseloadFigure.objects.filter(area=nprz).count()
