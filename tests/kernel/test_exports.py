"""Exports speak Dutch Excel, never carry a formula, and say what they are, how recent, from where, and "demo"."""

import io
from decimal import Decimal

import openpyxl

from monitoring.models import CaseloadFigure, Origin
from nprz_dashboard.exports import csv_response, dutch_csv, xlsx_cell
from nprz_dashboard.marks import DEMO_STATUS, DEMO_TEXT, SOURCE
from nprz_dashboard.periods import Month
from programme.targets import services as target_services
from tests.helpers import export_csv, export_records, text_of


def test_csv_uses_semicolons_and_decimal_commas():
    text = dutch_csv(["gebied", "waarde"], [["Bloemhof", Decimal("1086.50")], ["Tarwewijk", 12794]])
    assert text == "gebied;waarde\r\nBloemhof;1086,50\r\nTarwewijk;12794\r\n"


def test_cells_that_look_like_formulas_are_neutralised():
    text = dutch_csv(["opmerking"], [['=HYPERLINK("x")'], ["+1"], ["-2"], ["@SUM(A1)"]])
    assert text.splitlines()[1:] == ['"\'=HYPERLINK(""x"")"', "'+1", "'-2", "'@SUM(A1)"]


def test_the_download_starts_with_a_byte_order_mark():
    response = csv_response("cijfers.csv", ["a"], [[1]])
    assert response.content.startswith("\ufeff".encode())
    assert response["Content-Disposition"] == 'attachment; filename="cijfers.csv"'


def test_xlsx_cells_that_look_like_formulas_are_text_and_numbers_stay_numbers():
    assert [xlsx_cell(v) for v in ["=1+1", "+31", "-", "@A1", "Bloemhof", 12794, Decimal("-3.5"), None]] == [
        "'=1+1",
        "'+31",
        "'-",
        "'@A1",
        "Bloemhof",
        12794,
        Decimal("-3.5"),
        None,
    ]


def test_an_annotation_starting_with_an_equals_sign_is_no_live_formula_in_the_xlsx_export(viewer_client, manager):
    target_services.add_annotation(month=Month(2024, 12), text='=HYPERLINK("http://x","klik")', user=manager)
    response = viewer_client.get("/caseload/figures/?area=NPRZ&start=2024-12&end=2024-12&_export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = [c.value for c in sheet[1]], list(sheet[2])
    cells = [c for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [(c.value, c.data_type) for c in cells] == [('\'=HYPERLINK("http://x","klik")', "s")]
    assert row[header.index("Bijstandsuitkeringen")].value == 12794  # still a number


def test_a_figures_export_says_on_its_first_line_what_it_is_how_recent_where_from_and_that_it_is_a_demo(
    viewer_client,
):
    marks, rows = export_csv(viewer_client.get("/caseload/figures/?area=NPRZ&start=2024-12&end=2025-02&_export=csv"))
    assert marks == (
        "Bijstandscijfers per gebied en maand · cijfers t/m februari 2025; gemaakt op 27-11-2026 · "
        f"Bron: {SOURCE} · {DEMO_TEXT}"
    )
    assert rows[0][:3] == ["Gebied", "Gebiedscode", "Maand"]  # the header follows the marks
    assert [row[2] for row in rows[1:]] == ["2025-02", "2025-01", "2024-12"]


def test_an_export_without_demo_values_does_not_say_demo(viewer_client):
    CaseloadFigure.objects.filter(area__code="NPRZ", month="2024-12-01").update(origin=Origin.REGISTERED)
    marks, rows = export_csv(viewer_client.get("/caseload/figures/?area=NPRZ&start=2024-12&end=2024-12&_export=csv"))
    assert marks.startswith("Bijstandscijfers per gebied en maand · cijfers t/m december 2024")
    assert "DEMO" not in marks and "demo" not in " ".join(rows[1])


def test_an_activity_export_in_excel_keeps_its_data_sheet_clean_and_its_marks_on_a_second_sheet(viewer_client):
    response = viewer_client.get("/activities/bufferbudget/?_export=xlsx&start=2026-09&end=2026-10")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data, note = book.worksheets
    assert [c.value for c in data[1]][:4] == ["Maand", "Maat", "Gebied", "Waarde"]  # header in row 1: Power BI reads it
    assert (data.title, note.title) == ("Activiteitcijfers", "Toelichting")
    assert [row[0] for row in note.iter_rows(values_only=True)] == [
        "Maandcijfers van Bufferbudget",
        "cijfers t/m oktober 2026; gemaakt op 27-11-2026",
        f"Bron: {SOURCE}",
        DEMO_TEXT,
    ]
    assert book.properties.title == "Maandcijfers van Bufferbudget"
    assert DEMO_TEXT in book.properties.description


def test_a_demo_record_is_never_called_definitief_or_voorlopig(viewer_client):
    rows = export_records(viewer_client.get("/activities/bufferbudget/?_export=csv&start=2026-10&end=2026-10"))
    assert rows and {r["Herkomst"] for r in rows} == {"synthetisch (demo)"}
    assert {r["Status"] for r in rows} == {DEMO_STATUS}
    html = text_of(viewer_client.get("/activities/bufferbudget/?start=2026-10&end=2026-10"))
    records = html.split("Maandcijfers van Bufferbudget", 1)[1]
    assert "definitief" not in records and "voorlopig" not in records
