"""Period arithmetic on the letter's own numbers."""

import pytest

from nprz_dashboard import judgement, periods
from nprz_dashboard.periods import FLOW, STOCK, Month, Quarter

CASELOAD = {Month(2023, 12): 13065, Month(2024, 6): 12914, Month(2024, 12): 12794}


def test_2024_change_is_minus_271():
    assert periods.year_change(CASELOAD, 2024) == -271


def test_2024_change_is_about_minus_22_6_a_month():
    assert round(periods.year_change(CASELOAD, 2024) / 12, 1) == -22.6


def test_end_2024_target_is_missed_by_44():
    assert CASELOAD[Month(2024, 12)] - 12750 == 44


def test_home_visits_2024_are_155_percent_of_target():
    assert round(100 * periods.ratio(1086, 700)) == 155


def test_a_quarter_of_a_stock_is_its_last_month():
    series = {Month(2025, 1): 12889, Month(2025, 2): 12947, Month(2025, 3): 12895}
    assert periods.quarter_values(series, STOCK) == {Quarter(2025, 1): 12895}


def test_a_quarter_of_a_flow_is_the_sum_of_its_months():
    series = {Month(2025, 1): 325, Month(2025, 2): 294, Month(2025, 3): 198}
    assert periods.quarter_values(series, FLOW) == {Quarter(2025, 1): 817}


def test_a_stock_period_without_its_last_month_has_no_value():
    series = {Month(2025, 1): 12889, Month(2025, 2): 12947}
    assert periods.quarter_values(series, STOCK) == {Quarter(2025, 1): None}


def test_a_year_of_a_stock_is_december_and_of_a_flow_the_sum():
    stock = {Month(2024, m): 13000 - m for m in range(1, 13)}
    flow = {Month(2024, m): 10 for m in range(1, 13)}
    assert periods.year_values(stock, STOCK) == {2024: 12988}
    assert periods.year_values(flow, FLOW) == {2024: 120}


def test_ratios_are_not_aggregated():
    with pytest.raises(ValueError):
        periods.aggregate([1, 2], periods.RATIO)


def test_pro_rata_target_is_straight_line_by_default():
    assert judgement.pro_rata_target(1200, 3) == 300


def test_pro_rata_target_follows_a_seasonal_profile():
    profile = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]  # busy January, quiet December
    assert judgement.pro_rata_target(1200, 1, profile) == 200
    assert judgement.pro_rata_target(1200, 12, profile) == 1200


def test_a_bad_profile_is_refused():
    with pytest.raises(ValueError):
        judgement.pro_rata_share(3, [1, 2, 3])


def test_required_pace_from_12947_to_12400_in_10_months_is_minus_54_7():
    assert round(judgement.required_pace(12400, 12947, Month(2025, 12) - Month(2025, 2)), 1) == -54.7


def test_required_pace_is_undefined_after_the_deadline():
    assert judgement.required_pace(12400, 12500, 0) is None


def test_actual_pace_is_the_average_change_over_12_months():
    assert round(judgement.actual_pace(CASELOAD, Month(2024, 12)), 2) == round(-271 / 12, 2)


def test_glide_path_from_12400_to_10000_falls_400_a_year():
    path = judgement.glide_path([(Month(2025, 12), 12400), (Month(2031, 12), 10000)])
    assert path[Month(2025, 12)] == 12400
    assert path[Month(2026, 12)] == pytest.approx(12000)
    assert path[Month(2031, 12)] == 10000
    assert len(path) == 73


def test_projection_continues_the_pace():
    projection = judgement.project(12947, Month(2025, 2), -20, Month(2025, 12))
    assert projection[Month(2025, 12)] == 12747


def test_month_arithmetic_crosses_years():
    assert Month(2024, 12) + 1 == Month(2025, 1)
    assert Month(2025, 1) - Month(2023, 12) == 13
    assert Month.parse("2025-02").label == "februari 2025"


@pytest.mark.parametrize("text", ["2025-13", "2025-2", "25-02", "februari", ""])
def test_month_parse_refuses_bad_input(text):
    with pytest.raises(ValueError):
        Month.parse(text)


def test_quarter_labels_follow_dutch_and_cbs_style():
    quarter = Quarter(2025, 1)
    assert quarter.label == "kw. 1 2025"
    assert quarter.long_label == "1e kwartaal 2025"
    assert quarter.key == "2025KW01"
    assert quarter.previous() == Quarter(2024, 4)


def test_flow_status_compares_with_what_is_due():
    assert judgement.flow_status(300, 300) == judgement.ON_TRACK
    assert judgement.flow_status(280, 300) == judgement.AT_RISK
    assert judgement.flow_status(200, 300) == judgement.OFF_TRACK


def test_stock_status_projects_the_pace_to_the_deadline():
    assert judgement.stock_status(12947, 12400, -60, 10) == judgement.ON_TRACK
    assert judgement.stock_status(12947, 12400, -50, 10) == judgement.AT_RISK
    assert judgement.stock_status(12947, 12400, -20, 10) == judgement.OFF_TRACK


def test_a_glide_path_with_two_milestones_in_the_same_month_takes_the_later_one():
    path = judgement.glide_path([(Month(2025, 12), 12400), (Month(2025, 12), 12300), (Month(2026, 12), 12000)])
    assert path[Month(2025, 12)] == 12300
    assert path[Month(2026, 6)] == 12150
