"""The caseload rules: year targets, glide path, pace, status, periods and the stock-flow check."""

from decimal import Decimal

import pytest

from monitoring.caseload import analytics
from monitoring.caseload.progress import progress_at, published_milestones
from monitoring.models import Target
from nprz_dashboard.judgement import derived_path, yardstick_for_year
from nprz_dashboard.periods import Month, Quarter


def targets(*points):
    return [
        Target(period_start=Month(end.year, 1).first_day, period_end=end.first_day, value=Decimal(value),
               provenance="published", comparator="at_most", period_kind="year_end")
        for end, value in points
    ]  # fmt: skip


LETTER = targets((Month(2024, 12), 12_750), (Month(2025, 12), 12_400), (Month(2031, 12), 10_000))


def straight(start: Month, value: int, step: int, months: int) -> dict[Month, int]:
    return {start + i: value + step * i for i in range(months)}


def test_the_glide_path_runs_from_the_last_intermediate_target_to_the_goal():
    glide = derived_path(published_milestones(LETTER))
    assert min(glide) == Month(2025, 12) and max(glide) == Month(2031, 12)
    assert glide[Month(2026, 12)] == 12_000  # −400 a year
    assert glide[Month(2030, 12)] == 10_400


def test_a_year_without_a_published_target_gets_the_derived_value():
    milestones = published_milestones(LETTER)
    glide = derived_path(milestones)
    derived = yardstick_for_year(2027, milestones, glide)
    assert (derived.value, derived.is_published, derived.provenance_label) == (11_600, False, "afgeleid")
    published = yardstick_for_year(2025, milestones, glide)
    assert (published.value, published.is_published) == (12_400, True)


def test_progress_compares_required_and_actual_pace():
    caseload = straight(Month(2025, 1), 12_600, -20, 22)  # to October 2026
    progress = progress_at(caseload, LETTER, Month(2026, 10))
    assert progress.year == 2026
    assert progress.latest == Month(2026, 10)
    assert progress.actual_pace == -20
    assert progress.required_pace == (12_000 - progress.latest_value) / 2
    assert progress.change_since_start == progress.latest_value - caseload[Month(2025, 12)]
    assert progress.distance_to_goal == progress.latest_value - 10_000


def test_progress_ignores_months_after_the_last_complete_one():
    caseload = straight(Month(2025, 1), 12_600, -20, 22)
    progress = progress_at(caseload, LETTER, Month(2025, 10))
    assert progress.latest == Month(2025, 10)
    assert progress.year_target.value == 12_400 and progress.year_target.is_published


def test_falling_fast_enough_is_on_track_and_too_slowly_is_not():
    fast = progress_at(straight(Month(2025, 1), 12_200, -30, 22), LETTER, Month(2026, 10))
    slow = progress_at(straight(Month(2025, 1), 12_600, -5, 22), LETTER, Month(2026, 10))
    assert fast.status == "on_track" and fast.status_label == "op koers"
    assert slow.status == "off_track"


def test_the_projection_runs_at_the_actual_pace_to_the_year_target():
    progress = progress_at(straight(Month(2025, 1), 12_600, -20, 22), LETTER, Month(2026, 10))
    assert max(progress.projection) == Month(2026, 12)
    assert progress.projected_value == progress.latest_value - 40


def test_without_figures_every_key_is_still_there():
    progress = progress_at({}, LETTER, Month(2026, 10))
    assert progress.latest is None and progress.status is None and progress.projection == {}
    assert progress.year_target.value == 12_000


def test_an_area_without_targets_has_no_status():
    progress = progress_at(straight(Month(2025, 1), 900, -2, 22), [], Month(2026, 10))
    assert progress.year_target is None and progress.status is None and progress.glide == {}
    assert max(progress.projection) == Month(2026, 12)


def test_quarters_take_the_last_stock_and_sum_the_flows():
    values = {
        "caseload": {Month(2025, 1): 100, Month(2025, 2): 90, Month(2025, 3): 95, Month(2025, 4): 80},
        "inflow": {Month(2025, 1): 5, Month(2025, 2): 6, Month(2025, 3): 7, Month(2025, 4): 1},
        "outflow": {Month(2025, 1): 3, Month(2025, 2): 2, Month(2025, 3): 1, Month(2025, 4): 4},
        "outflow_to_work": {},
    }
    first, second = analytics.quarter_rows(values)
    assert (first.label, first.caseload, first.inflow, first.outflow, first.complete) == ("kw. 1 2025", 95, 18, 6, True)
    assert (second.label, second.caseload, second.complete) == ("kw. 2 2025 (t/m april 2025)", 80, False)
    assert first.outflow_to_work is None


def test_the_stock_flow_check_flags_only_large_gaps():
    values = {
        "caseload": {Month(2025, 1): 10_000, Month(2025, 2): 9_985, Month(2025, 3): 9_500},
        "inflow": {Month(2025, 2): 200, Month(2025, 3): 200},
        "outflow": {Month(2025, 2): 200, Month(2025, 3): 200},
        "outflow_to_work": {},
    }
    small, large = analytics.stock_flow_check(values)
    assert (small.gap, small.is_large) == (-15, False)  # pension-age outflow
    assert (large.month, large.expected, large.gap, large.is_large) == (Month(2025, 3), 9_985, -485, True)


def test_neighbourhood_changes_get_a_percentage():
    rows = analytics.neighbourhood_comparison([{"start": 200, "end": 190}, {"start": None, "end": 5}])
    assert (rows[0]["change"], rows[0]["percent"]) == (-10, -5.0)
    assert rows[1]["change"] is None and rows[1]["percent"] is None


def test_a_quarter_missing_a_month_of_outflow_has_no_outflow_total_but_says_which_month_is_missing():
    values = {
        "caseload": {Month(2025, 1): 100, Month(2025, 2): 90, Month(2025, 3): 95},
        "inflow": {Month(2025, 1): 5, Month(2025, 2): 6, Month(2025, 3): 7},
        "outflow": {Month(2025, 1): 3, Month(2025, 2): 2},
        "outflow_to_work": {},
    }
    (quarter,) = analytics.quarter_rows(values)
    (year,) = analytics.year_rows(values)
    assert (quarter.caseload, quarter.inflow, quarter.outflow, quarter.complete) == (95, 18, None, False)
    inflow, outflow, to_work = quarter.flows
    assert (inflow.value, inflow.missing) == (18, [])
    assert (outflow.value, outflow.missing_label) == (None, "maart 2025")
    assert (to_work.value, to_work.missing) == (None, [])  # never entered: unknown, not incomplete
    assert year.outflow is None and year.flows[1].missing == [Month(2025, 3)]


def test_a_period_value_needs_the_last_month_for_a_stock_and_every_month_for_a_flow():
    months = Quarter(2025, 1).months
    series = {Month(2025, 1): 3, Month(2025, 3): 4}
    assert analytics.complete_value(series, months, "stock") == 4
    assert analytics.complete_value(series, months, "flow") is None
    assert analytics.complete_value({**series, Month(2025, 2): 1}, months, "flow") == 8


def test_a_published_intermediate_target_splits_the_glide_path_and_sets_the_years_before_it():
    with_2028 = [*LETTER, *targets((Month(2028, 12), 11_000))]
    milestones = published_milestones(with_2028)
    glide = derived_path(milestones)
    assert glide[Month(2026, 12)] == pytest.approx(12_400 - 1_400 / 3)  # 12.400 → 11.000 over three years
    assert glide[Month(2030, 12)] == pytest.approx(11_000 - 1_000 * 2 / 3)
    assert yardstick_for_year(2027, milestones, glide).value == round(12_400 - 1_400 * 2 / 3)
    assert yardstick_for_year(2028, milestones, glide).is_published
    caseload = straight(Month(2025, 10), 12_500, -20, 13)
    progress = progress_at(caseload, with_2028, Month(2026, 10))
    assert progress.year_target.value == round(12_400 - 1_400 / 3)
    assert progress.required_pace is not None and progress.status is not None


def test_two_published_targets_for_the_same_month_do_not_break_the_glide_path():
    doubled = [*LETTER, *targets((Month(2025, 12), 12_300))]
    doubled[-1].pk = 99  # the newest one counts
    milestones = published_milestones(doubled)
    assert [m.value for m in milestones] == [12_750, 12_300, 10_000]
    progress = progress_at(straight(Month(2025, 10), 12_500, -20, 13), doubled, Month(2026, 10))
    assert progress.year_target.value == round(12_300 - 2_300 / 6)
