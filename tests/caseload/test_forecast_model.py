"""The forecast module: a series in, a forecast with ordered intervals, honest chances and a back-test out."""

import itertools
import random

import pytest

from monitoring.caseload.forecast import Forecast, analyse, backtest_of, forecast, seasonally_adjusted
from monitoring.setup.demo import nprz_caseload
from nprz_dashboard.periods import Month, month_range

LETTER = {Month(2023, 12): 13065, Month(2024, 12): 12794, Month(2025, 2): 12947}


def demo_history(first_year: int = 2023) -> dict[Month, int]:
    """The demo's NPRZ series, drawn by the demo's own generator; earlier years add demo anchors (−450 a year)."""
    anchors = {Month(year, 12): 17000 - 450 * (year - 2014) for year in range(first_year, 2023)}
    return nprz_caseload(Month(2026, 10), {**anchors, **LETTER}, random.Random(20250101))


@pytest.fixture(scope="module")
def made() -> Forecast:
    return forecast(demo_history(), Month(2031, 12))


def test_the_80_percent_interval_lies_inside_the_95_percent_interval_and_both_widen(made):
    widths = []
    for month in made.months:
        low80, high80 = made.interval(month, 80)
        low95, high95 = made.interval(month, 95)
        assert low95 < low80 < made.median(month) < high80 < high95
        widths.append(high95 - low95)
    assert widths == sorted(widths) and widths[-1] > 3 * widths[0]


def test_the_chance_of_a_target_lies_between_0_and_1_and_grows_with_the_target(made):
    deadline = Month(2031, 12)
    targets = [8000, 9000, 10000, 11000, 12000, 13000, 14000]
    chances = [made.chance_at_most(deadline, t) for t in targets]
    assert all(0 <= c <= 1 for c in chances)
    assert chances == sorted(chances) and chances[0] < 0.5 < chances[-1]
    assert made.chance_at_most(deadline, made.median(deadline)) == pytest.approx(0.5)


def test_a_scenario_lowers_the_forecast_more_each_month_and_keeps_its_uncertainty(made):
    lowered = made.lowered(Month(2027, 1), 50)
    assert lowered.median(Month(2026, 12)) == made.median(Month(2026, 12))
    assert lowered.median(Month(2027, 1)) == pytest.approx(made.median(Month(2027, 1)) - 50)
    assert lowered.median(Month(2031, 12)) == pytest.approx(made.median(Month(2031, 12)) - 60 * 50)
    assert lowered.sd == made.sd


def test_under_two_years_of_months_there_is_no_forecast():
    series = {m: 1000 - i for i, m in enumerate(month_range(Month(2025, 1), Month(2026, 10)))}
    assert forecast(series, Month(2031, 12)) is None
    assert seasonally_adjusted(series) == {}


def test_a_gap_in_the_months_ends_the_history_the_model_uses():
    series = dict.fromkeys(month_range(Month(2020, 1), Month(2024, 12)), 1000.0)
    series |= dict.fromkeys(month_range(Month(2025, 3), Month(2026, 10)), 900.0)
    assert forecast(series, Month(2027, 12)) is None  # 20 months after the gap: too short


def test_the_seasonally_adjusted_line_takes_a_yearly_pattern_out():
    season = [60, 30, 10, 0, -10, -20, -30, -20, -10, 0, 10, -20]
    months = month_range(Month(2020, 1), Month(2025, 12))
    series = {m: 5000 - 10 * i + season[m.month - 1] for i, m in enumerate(months)}
    adjusted = seasonally_adjusted(series)
    steps = [adjusted[b] - adjusted[a] for a, b in itertools.pairwise(months)]
    assert max(abs(s + 10) for s in steps) < 5  # what is left is the trend of −10 a month
    raw_steps = [series[b] - series[a] for a, b in itertools.pairwise(months)]
    assert max(abs(s + 10) for s in raw_steps) > 30


def test_the_back_test_on_the_demo_history_holds_its_coverage_band():
    """The back-test as CI's guard: 36 rolling origins, each 12 months ahead, on ten years of demo history.

    The band: the 80 % interval holds the outcome between 50 % and 95 % of the time,
    the 95 % interval between 70 % and 100 %. A model whose intervals collapse, or
    that forecasts the wrong level, falls outside it.
    """
    result = analyse(demo_history(2014), Month(2031, 12))
    test = result.backtest
    assert test.full_horizon == 36 and test.is_complete
    assert 0.50 <= test.coverage[80] <= 0.95
    assert 0.70 <= test.coverage[95] <= 1.0
    assert test.coverage[80] < test.coverage[95]
    assert test.mean_absolute_percentage < 2.0  # within 2 % of the caseload on average
    assert result.scale >= 1.0


def test_a_forecast_that_misses_the_level_fails_the_coverage_band():
    series = demo_history(2014)
    made = forecast({m: v for m, v in series.items() if m <= Month(2025, 10)}, Month(2026, 10))
    wrong = Forecast(made.last, tuple(v + 500 for v in made.mean), made.sd)
    test = backtest_of([(made.last, wrong)], series, 12)
    assert test.coverage[80] < 0.5


def test_loading_the_app_imports_neither_statsmodels_nor_pandas():
    """Workers start without them (about 2 s and 60 MB): only a forecast cache miss imports them."""
    import os
    import subprocess
    import sys

    code = (
        "import sys, django; django.setup(); import nprz_dashboard.urls, monitoring.caseload.views;"
        "print(sorted(m for m in ('statsmodels', 'pandas', 'scipy', 'numpy') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nprz_dashboard.settings"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "[]"
