"""/caseload/figures/: one row per area and month; filter, sort and export every filtered row."""

import io
import re

import openpyxl

from monitoring.models import Area, CaseloadFigure
from monitoring.setup.scale_data import generate_caseload
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Month
from tests.helpers import WARM_PAGE_QUERIES, export_csv, text_of


def body_rows(response) -> list[str]:
    tbody = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in tbody.split("</tr>")[:-1]]


def csv_lines(response) -> list[list[str]]:
    return export_csv(response)[1]


def test_it_pivots_the_four_indicators_into_one_row_per_area_and_month(viewer_client):
    rows = body_rows(viewer_client.get("/caseload/figures/?area=WK059915&start=2026-09&end=2026-09"))
    values = [
        format_number(CaseloadFigure.objects.get(area__code="WK059915", indicator=i, month="2026-09-01").value)
        for i in ("caseload", "inflow", "outflow", "outflow_to_work")
    ]
    # A row of demo values has no CBS status (issue 13): it says "demowaarde", never "voorlopig".
    assert rows == [f"Charlois september 2026 {' '.join(values)} demowaarde synthetisch (demo)"]


def test_official_values_carry_a_diamond_with_their_source(viewer_client):
    response = viewer_client.get("/caseload/figures/?area=NPRZ&start=2024-12&end=2024-12")
    html = response.content.decode()
    assert "12.794" in html
    assert 'class="official-marker" tabindex="0" title="Officieel cijfer, bron: Brief wethouder' in html
    assert "officieel cijfer, bron: Brief wethouder" in text_of(response)
    assert "officieel + synthetisch (demo)" in text_of(response)


def test_it_filters_by_period_and_status_and_demo_values_have_no_status(viewer_client):
    # Only real figures have a status: the letter's 12.947 is provisional, its two year-end stands final.
    rows = body_rows(viewer_client.get("/caseload/figures/?area=NPRZ&start=2025-01&status=voorlopig"))
    assert [r.split(" ")[1:3] for r in rows] == [["februari", "2025"]]
    assert "12.947" in rows[0] and "voorlopig" in rows[0]
    rows = body_rows(viewer_client.get("/caseload/figures/?area=NPRZ&status=definitief"))
    assert [r.split(" ")[1:3] for r in rows] == [["december", "2024"], ["december", "2023"]]
    every = body_rows(viewer_client.get("/caseload/figures/?area=NPRZ&start=2026-01"))
    assert every and all(" demowaarde " in r and "definitief" not in r for r in every)


def test_a_backwards_period_gets_a_dutch_message_and_no_rows(viewer_client):
    response = viewer_client.get("/caseload/figures/?start=2026-01&end=2025-01")
    assert "Deze maand ligt voor de eerste maand; kies een latere maand." in text_of(response)
    assert "Geen cijfers voor deze selectie." in text_of(response)


def test_a_malformed_month_gets_a_dutch_message(viewer_client):
    response = viewer_client.get("/caseload/figures/?start=januari")
    assert "Vul een maand in als jjjj-mm, bijvoorbeeld 2025-03; ‘januari’ is dat niet." in text_of(response)


def test_it_sorts_by_caseload(viewer_client):
    rows = body_rows(viewer_client.get("/caseload/figures/?start=2026-10&end=2026-10&sort=caseload"))
    smallest = CaseloadFigure.objects.caseload().filter(month="2026-10-01").order_by("value").first()
    assert rows[0].startswith(f"{smallest.area.name} oktober 2026 {format_number(smallest.value)}")
    assert 'aria-sort="ascending"' in viewer_client.get("/caseload/figures/?sort=caseload").content.decode()


def test_it_pages_the_table_but_exports_every_filtered_row_as_dutch_csv(viewer_client):
    page = body_rows(viewer_client.get("/caseload/figures/"))
    assert len(page) == 50
    lines = csv_lines(viewer_client.get("/caseload/figures/?start=2025-01&_export=csv"))
    assert lines[0] == [
        "Gebied", "Gebiedscode", "Maand", "Bijstandsuitkeringen", "Instroom", "Uitstroom",
        "Uitstroom naar werk", "Status", "Herkomst", "Bron officiële waarden", "Notitie",
    ]  # fmt: skip
    expected = Area.objects.count() * 22  # every area, January 2025 to October 2026
    assert len(lines) - 1 == expected
    nprz_feb = next(line for line in lines if line[1] == "NPRZ" and line[2] == "2025-02")
    assert nprz_feb[3] == "12947"  # raw number, no thousands separator
    assert nprz_feb[9].startswith("Brief wethouder")


def test_the_xlsx_export_holds_raw_numbers(viewer_client):
    response = viewer_client.get("/caseload/figures/?area=NPRZ&start=2024-12&end=2024-12&_export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert row[header.index("Bijstandsuitkeringen")] == 12794
    assert row[header.index("Maand")] == "2024-12"


def test_it_is_linked_from_the_caseload_page(viewer_client):
    assert 'href="/caseload/figures/"' in viewer_client.get("/caseload/").content.decode()


def test_a_user_without_a_role_gets_403(client, outsider):
    client.force_login(outsider)
    assert client.get("/caseload/figures/").status_code == 403
    assert client.get("/caseload/figures/?_export=csv").status_code == 403


def test_it_uses_ten_queries_also_when_the_data_grows_tenfold(viewer_client, django_assert_num_queries):
    # 1 session, 2 user, 3 role groups, 4 the data version (the page cache's key), 5 the page's area
    # × month keys and one more (no count of every row: the pager says whether another page follows),
    # 6 the pivot of just those rows (which also says whether a shown row is demo: the banner), 7 and
    # 8 disclosure control for a reader (the page months' figures of every area, the area tree), 9
    # every chart note by area and month (the "Notitie" column), 10 the data stamp (newest
    # audit-trail row of the page's data, one query; kept with the page). The area filter is a
    # search field, not a select of every area: no query.
    with django_assert_num_queries(10):
        viewer_client.get("/caseload/figures/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/caseload/figures/")
    before = CaseloadFigure.objects.count()
    generate_caseload(Month(1995, 1), Month(2023, 11))
    assert CaseloadFigure.objects.count() >= 10 * before
    with django_assert_num_queries(10):
        response = viewer_client.get("/caseload/figures/")
    assert len(body_rows(response)) == 50
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/caseload/figures/")


def test_a_field_with_an_error_points_at_its_message_and_is_marked_invalid(viewer_client):
    html = viewer_client.get("/caseload/figures/?start=januari").content.decode()
    field = re.search(r'<input[^>]*name="start"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    described = re.search(r'aria-describedby="([^"]+)"', field).group(1).split()
    for ref in described:
        assert f'id="{ref}"' in html
    message = re.search(rf'id="{described[-1]}"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "Vul een maand in als jjjj-mm" in message


def test_the_area_filter_is_a_labelled_search_by_code_or_part_of_a_name(viewer_client):
    response = viewer_client.get("/caseload/figures/?area=bloem&start=2026-10&end=2026-10")
    html = response.content.decode()
    field = re.search(r'<input[^>]*name="area"[^>]*>', html).group(0)
    assert 'type="search"' in field and 'value="bloem"' in field
    label = re.search(r'<label[^>]*for="id_area"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert text_of(label) == "Gebied"
    assert "Naam of CBS-code, bijvoorbeeld Bloemhof" in text_of(html)
    assert [row.split(" oktober")[0] for row in body_rows(response)] == ["Bloemhof"]
    assert len(body_rows(viewer_client.get("/caseload/figures/?area=bu05991081&start=2026-10&end=2026-10"))) == 1
    assert "<select" not in html.split('name="area"')[0].rsplit("<label", 1)[-1]


def test_the_pager_says_which_page_without_counting_every_row(viewer_client):
    text = text_of(viewer_client.get("/caseload/figures/"))
    assert "Pagina 1" in text and "Pagina 1 van" not in text and "Volgende pagina" in text
    last = text_of(viewer_client.get("/caseload/figures/?area=NPRZ&start=2026-01&end=2026-10"))
    assert "Volgende pagina" not in last
