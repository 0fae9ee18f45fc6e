"""An address with an impossible month (month 00 or 13, a year outside 2000–2100) is a Dutch 404, never a 500."""

import pytest
from django.urls import reverse

from nprz_dashboard.converters import MonthConverter
from nprz_dashboard.periods import Month

IMPOSSIBLE = ["9999-12", "2025-00", "2025-13", "2025-99", "0000-01", "1999-12", "2101-01"]


@pytest.mark.parametrize("month", IMPOSSIBLE)
@pytest.mark.parametrize("page", ["/entry/{}/", "/entry/{}/history/"])
def test_an_impossible_month_is_a_404(editor_client, page, month):
    response = editor_client.get(page.format(month))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.parametrize("month", IMPOSSIBLE)
def test_posting_to_an_impossible_month_is_a_404_too(editor_client, month):
    assert editor_client.post(f"/entry/{month}/", {}).status_code == 404


def test_the_last_possible_year_still_says_when_the_month_opens(editor_client):
    response = editor_client.get("/entry/2100-12/")
    assert response.status_code == 200
    assert "december 2100 is nog niet open" in response.content.decode()


def test_an_open_month_still_shows_its_form(editor_client):
    assert editor_client.get("/entry/2026-10/").status_code == 200
    assert reverse("entry-month", kwargs={"month": Month(2026, 10)}) == "/entry/2026-10/"


@pytest.mark.parametrize("text", ["2000-01", "2026-10", "2100-12"])
def test_the_converter_passes_a_possible_month_on_as_its_text(text):
    assert MonthConverter().to_python(text) == text


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_the_converter_refuses_an_impossible_month(text):
    with pytest.raises(ValueError):
        MonthConverter().to_python(text)
