"""CSV exports speak Dutch Excel and never carry a formula."""

import io
from decimal import Decimal

import openpyxl

from nprz_dashboard.exports import csv_response, dutch_csv, xlsx_cell
from nprz_dashboard.periods import Month
from programme.targets import services as target_services


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
