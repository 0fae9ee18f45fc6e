"""The status rule of activity measures: flows pro rata, stocks against year end, coverage from its parts."""

from dataclasses import dataclass

from activities import analytics
from nprz_dashboard.judgement import AT_RISK, OFF_TRACK, ON_TRACK
from nprz_dashboard.periods import Month, month_range


@dataclass
class FakeTarget:
    value: float
    start_month: Month
    end_month: Month


def year_target(value, year):
    return FakeTarget(value, Month(year, 1), Month(year, 12))


def flat(value, start, end):
    return dict.fromkeys(month_range(start, end), value)


def test_a_flow_is_held_against_the_pro_rata_share_of_its_year_target():
    series = flat(100, Month(2026, 1), Month(2026, 10))
    progress = analytics.measure_progress(
        kind="flow", unit="count", series=series, targets=[year_target(1200, 2026)], year=2026, latest=Month(2026, 10)
    )
    assert progress.value == 1000
    assert progress.due == 1000  # 10/12 of 1.200
    assert progress.status == ON_TRACK
    assert round(progress.share_of_target) == 83


def test_a_flow_within_ten_percent_below_what_is_due_is_at_risk_and_further_below_is_off_track():
    target = [year_target(1200, 2026)]
    at_risk = flat(95, Month(2026, 1), Month(2026, 10))
    off = flat(80, Month(2026, 1), Month(2026, 10))
    kwargs = {"kind": "flow", "unit": "count", "targets": target, "year": 2026, "latest": Month(2026, 10)}
    assert analytics.measure_progress(series=at_risk, **kwargs).status == AT_RISK
    assert analytics.measure_progress(series=off, **kwargs).status == OFF_TRACK


def test_a_complete_year_uses_the_published_total_and_marks_it_official():
    series = flat(50, Month(2024, 1), Month(2024, 12))  # demo months adding up to 600
    progress = analytics.measure_progress(
        kind="flow",
        unit="count",
        series=series,
        targets=[year_target(700, 2024)],
        year=2024,
        latest=Month(2026, 10),
        published={2024: (1086, "brief")},
    )
    assert progress.value == 1086
    assert progress.is_official
    assert progress.due == 700
    assert round(progress.share_of_target) == 155


def test_a_published_total_is_not_used_for_a_year_still_running():
    series = flat(50, Month(2026, 1), Month(2026, 10))
    progress = analytics.measure_progress(
        kind="flow", unit="count", series=series, targets=[], year=2026, latest=Month(2026, 10),
        published={2026: (9999, "x")},
    )  # fmt: skip
    assert progress.value == 500
    assert not progress.is_official


def test_a_stock_compares_its_latest_value_with_the_year_end_target():
    series = {Month(2026, 9): 140, Month(2026, 10): 120}
    progress = analytics.measure_progress(
        kind="stock", unit="persons", series=series, targets=[year_target(150, 2026)], year=2026, latest=Month(2026, 10)
    )
    assert (progress.value, progress.due, progress.as_of) == (120, 150, Month(2026, 10))
    assert progress.status == OFF_TRACK  # 80% of the target


def test_coverage_is_numerator_over_denominator_never_an_average_of_monthly_ratios():
    numerator = {Month(2026, 9): 400, Month(2026, 10): 900}
    denominator = {Month(2026, 9): 1000, Month(2026, 10): 1000}
    assert analytics.ratio_series(numerator, denominator) == {Month(2026, 9): 40.0, Month(2026, 10): 90.0}


def test_coverage_is_due_pro_rata_over_its_24_month_window():
    window = FakeTarget(100, Month(2025, 1), Month(2026, 12))
    series = {Month(2026, 10): 90.0}
    progress = analytics.measure_progress(
        kind="ratio", unit="percent", series=series, targets=[window], year=2026, latest=Month(2026, 10)
    )
    assert (progress.elapsed, progress.span) == (22, 24)
    assert round(progress.due, 2) == round(100 * 22 / 24, 2)
    assert progress.status == AT_RISK  # 90 of 91,7 is within 10%


def test_a_multi_year_target_counts_from_its_start_and_is_due_over_its_whole_window():
    target = FakeTarget(480, Month(2026, 1), Month(2029, 12))
    series = flat(10, Month(2026, 1), Month(2026, 10))
    progress = analytics.measure_progress(
        kind="flow", unit="persons", series=series, targets=[target], year=2026, latest=Month(2026, 10)
    )
    assert progress.value == 100
    assert progress.due == 100  # 10 of 48 months of 480
    assert progress.status == ON_TRACK


def test_a_year_before_the_target_starts_has_no_target_and_a_future_year_no_value():
    target = FakeTarget(480, Month(2026, 1), Month(2029, 12))
    before = analytics.measure_progress(
        kind="flow", unit="count", series={}, targets=[target], year=2025, latest=Month(2026, 10)
    )
    assert before.target is None and before.value is None and before.status is None
    assert analytics.year_as_of(2027, Month(2026, 10)) is None


def test_lower_is_better_mirrors_the_rule():
    assert analytics.status_against(100, 100, "lower") == ON_TRACK
    assert analytics.status_against(108, 100, "lower") == AT_RISK
    assert analytics.status_against(120, 100, "lower") == OFF_TRACK


def test_a_running_total_stops_after_the_last_month_with_a_value():
    assert analytics.running_total([1, None, 2, None]) == [1, 1, 3, None]
