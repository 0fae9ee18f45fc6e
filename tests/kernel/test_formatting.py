"""Dutch number and date formatting."""

import datetime as dt

import pytest

from nprz_dashboard import formatting as f


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(12794, 0, "12.794"), (1086, 0, "1.086"), (-271, 0, "−271"), (-22.58, 1, "−22,6"), (0, 0, "0"), (999, 0, "999")],
)
def test_numbers_use_dots_for_thousands_and_commas_for_decimals(value, decimals, expected):
    assert f.format_number(value, decimals) == expected


def test_years_are_not_grouped_when_printed_plainly():
    assert f.format_month(dt.date(2025, 1, 1)) == "januari 2025"


def test_percentages_euros_and_signs():
    assert f.format_percent(5.3, 1) == "5,3%"
    assert f.format_percent(155.14) == "155%"
    assert f.format_euro(1250) == "€ 1.250"
    assert f.format_signed(44) == "+44"
    assert f.format_signed(-271) == "−271"


def test_dates_are_day_month_year_without_leading_zeros():
    assert f.format_date(dt.date(2025, 1, 1)) == "1-1-2025"


def test_missing_values_show_a_dash():
    assert f.format_number(None) == "–"
