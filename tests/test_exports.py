"""CSV exports speak Dutch Excel and never carry a formula."""

from decimal import Decimal

from nprz_dashboard.exports import csv_response, dutch_csv


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
