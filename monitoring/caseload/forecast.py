"""A forecast of the caseload with its uncertainty, its accuracy on the past, and the season taken out.

Pure: a monthly series in, frozen dataclasses out. The model is exponential
smoothing with additive errors and a damped additive trend (statsmodels'
ETSModel, "AAdN"), refitted on the months up to each forecast's start. We
tried the brief's first choice, the same model with additive monthly
seasonality ("AAdA"), and STL plus AAdN ("stlf") in a back-test on ten years
of demo-like history: AAdA forecast about as well (mean error 89 against 96
benefits) but took 25 times as long and ran its smoothing parameters to their
bounds (a few years of months cannot carry eleven seasonal states); stlf
forecast no better and its intervals held the outcome less often. The
caseload's monthly season is small beside the uncertainty of its trend; STL
shows it apart, as the seasonally adjusted line.

The forecast distribution at each month is normal with the model's forecast
variance, widened by the back-test's own errors (`analyse`); the 80 % and 95 %
intervals and the chance of meeting a target come from that normal
distribution. pandas and statsmodels are imported inside the fitting functions
only: importing them costs a worker about 2 s and 60 MB at start, and only a
cache miss needs them.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from statistics import NormalDist

from nprz_dashboard.periods import Month

SEASON = 12
MIN_SEASONAL = 2 * SEASON  # STL needs two whole years to tell a season from a trend
MIN_MONTHS = MIN_SEASONAL  # below two years of months there is no forecast at all
LEVELS = (80, 95)
BACKTEST_YEARS = 3  # rolling origins over the last three years ...
BACKTEST_HORIZON = 12  # ... each forecasting twelve months ahead
METHOD = "exponentiële afvlakking met gedempte trend (statsmodels ETSModel)"
_NORMAL = NormalDist()


def z_score(level: int) -> float:
    """Return the normal quantile of a central interval: 80 → 1,28; 95 → 1,96."""
    return _NORMAL.inv_cdf(0.5 + level / 200)


@dataclass(frozen=True)
class Forecast:
    """The forecast distribution month by month after `last`: a mean and a standard deviation each."""

    last: Month  # the last month of the series the model was fitted to
    mean: tuple[float, ...]  # months last+1, last+2, ...
    sd: tuple[float, ...]
    params: tuple[float, ...] = ()  # the fitted parameters: where the next month's fit starts its search

    @property
    def months(self) -> list[Month]:
        return [self.last + step for step in range(1, len(self.mean) + 1)]

    @property
    def end(self) -> Month:
        return self.last + len(self.mean)

    def covers(self, month: Month) -> bool:
        return self.last < month <= self.end

    def _at(self, month: Month) -> tuple[float, float]:
        if not self.covers(month):
            raise ValueError(f"{month} lies outside the forecast ({self.last + 1} to {self.end})")
        step = month - self.last - 1
        return self.mean[step], self.sd[step]

    def median(self, month: Month) -> float:
        return self._at(month)[0]

    def interval(self, month: Month, level: int) -> tuple[float, float]:
        """Return the central `level` % prediction interval at a month."""
        mean, sd = self._at(month)
        half = z_score(level) * sd
        return mean - half, mean + half

    def chance_at_most(self, month: Month, target: float) -> float:
        """Return the chance that the caseload at `month` is at most `target` (normal, the model's variance)."""
        mean, sd = self._at(month)
        if sd <= 0:
            return 1.0 if mean <= target else 0.0
        return NormalDist(mean, sd).cdf(target)

    def lowered(self, start: Month, per_month: float) -> Forecast:
        """Return the forecast with `per_month` fewer benefits each month from `start` on, adding up (a scenario)."""
        shift = [max(0, m - start + 1) * per_month for m in self.months]
        return replace(self, mean=tuple(v - s for v, s in zip(self.mean, shift, strict=True)))


def contiguous_tail(series: Mapping[Month, float]) -> list[tuple[Month, float]]:
    """Return the last unbroken run of months of a series, in order (a gap ends the history a model may use)."""
    months = sorted(m for m, v in series.items() if v is not None)
    run: list[Month] = []
    for month in reversed(months):
        if run and run[-1] - month != 1:
            break
        run.append(month)
    return [(m, float(series[m])) for m in reversed(run)]


def _predict(
    values: Sequence[float], first: Month, steps: int, start: Sequence[float] = ()
) -> tuple[list[float], list[float], tuple[float, ...]]:
    """Fit the model to `values` (monthly from `first`); return the mean and sd of `steps` months ahead, and its fit.

    `start`: parameters to start the likelihood search from (the fit one month earlier): the
    optimum is the same, found in a tenth of the time.
    """
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = pd.Series(values, index=pd.period_range(first.key, periods=len(values), freq="M"))
    with warnings.catch_warnings():
        # A short series makes the optimiser warn about convergence; its estimate is still the best it found.
        warnings.simplefilter("ignore")
        model = ETSModel(y, error="add", trend="add", damped_trend=True)
        fitted = model.fit(disp=False, start_params=list(start) if start else None)
        prediction = fitted.get_prediction(start=len(values), end=len(values) + steps - 1)
    mean = [float(v) for v in prediction.predicted_mean]
    sd = [math.sqrt(max(float(v), 0.0)) for v in prediction.forecast_variance]
    return mean, sd, tuple(float(p) for p in fitted.params)


def forecast(series: Mapping[Month, float], until: Month, start: Sequence[float] = ()) -> Forecast | None:
    """Return the forecast from the series' last month up to `until` (None: under two years of months, or no future)."""
    history = contiguous_tail(series)
    if len(history) < MIN_MONTHS or until <= history[-1][0]:
        return None
    last = history[-1][0]
    mean, sd, params = _predict([v for _, v in history], history[0][0], until - last, start)
    return Forecast(last, tuple(mean), tuple(sd), params)


def seasonally_adjusted(series: Mapping[Month, float]) -> dict[Month, float]:
    """Return the series with its STL season taken out ({} under two years of unbroken months)."""
    history = contiguous_tail(series)
    if len(history) < MIN_SEASONAL:
        return {}
    import numpy as np
    from statsmodels.tsa.seasonal import STL

    values = np.array([v for _, v in history])
    seasonal = STL(values, period=SEASON, robust=True).fit().seasonal
    return {month: float(value - season) for (month, value), season in zip(history, seasonal, strict=True)}


@dataclass(frozen=True)
class BackTest:
    """How far the forecasts made at past months were from what came, and how often the intervals held it."""

    origins: int  # months from which a forecast was made and compared
    first_origin: Month | None
    last_origin: Month | None
    compared: int  # forecasts with an actual value to compare with
    full_horizon: int  # origins seen the full BACKTEST_HORIZON months ahead
    mean_absolute_error: float | None  # in benefits
    mean_absolute_percentage: float | None  # in % of the actual value
    error_at_horizon: float | None  # mean absolute error at BACKTEST_HORIZON months ahead
    coverage: dict[int, float]  # level -> share of actual values inside the interval (0..1)

    @property
    def is_complete(self) -> bool:
        """Return whether the history sufficed: origins over BACKTEST_YEARS years, each seen a full horizon ahead."""
        return self.full_horizon >= BACKTEST_YEARS * SEASON


@dataclass(frozen=True)
class Analysis:
    """What the caseload page and the method page need of one series: the forecast, its back-test, the adjusted line."""

    forecast: Forecast | None
    backtest: BackTest
    adjusted: dict[Month, float]
    scale: float  # the factor the model's standard deviations were widened by (1: not widened)


# Calibration: past forecast errors divided by the model's standard deviation should look standard
# normal, 80 % of them within 1,28. The model's own variance takes its parameters and season as
# known; on the programme's history its errors came out about twice as large. The factor below
# widens the intervals so that 80 % of the errors known at the time would have fallen inside, and
# never narrows them.
MIN_ERRORS = 12  # fewer known errors than this: no calibration yet, the model's own variance


def scale_from(errors: Sequence[float]) -> float:
    """Return the widening factor from standardised past errors: their 80th percentile size over 1,28 (at least 1)."""
    if len(errors) < MIN_ERRORS:
        return 1.0
    sizes = sorted(abs(e) for e in errors)
    return max(1.0, sizes[math.ceil(0.8 * len(sizes)) - 1] / z_score(80))


def widened(made: Forecast, scale: float) -> Forecast:
    return replace(made, sd=tuple(sd * scale for sd in made.sd))


def analyse(
    series: Mapping[Month, float],
    until: Month,
    years: int = BACKTEST_YEARS,
    horizon: int = BACKTEST_HORIZON,
) -> Analysis:
    """Back-test the model on the series' own past, then forecast to `until` with intervals calibrated on it.

    Rolling origins: from each month (with two years of history before it) of
    the last `years` years that can be checked a full `horizon` months ahead,
    and from the months after those as far as actual values exist, the model,
    refitted on the months up to that origin only, forecasts `horizon` months.
    Each origin's intervals are widened by the errors known at that origin
    (target months up to it), so the coverage measured is what a user would
    have had; the forecast to `until` is widened by all of them.
    """
    history = contiguous_tail(series)
    adjusted = seasonally_adjusted(series)
    if len(history) < MIN_MONTHS:
        return Analysis(None, backtest_of([], {}, horizon), adjusted, 1.0)
    actual = dict(history)
    last = history[-1][0]
    # Evaluated: every origin whose forecast can be checked, back to `years` years before the last one
    # that can be checked a full horizon ahead; one horizon before those only supplies errors to calibrate with.
    evaluated = years * SEASON + horizon - 1
    origins = [m for m, _ in history[MIN_MONTHS - 1 : -1] if last - m <= evaluated + horizon]
    errors: list[tuple[Month, float]] = []  # (month the error became known, standardised error)
    results, params = [], ()
    for origin in origins:
        made = forecast({m: v for m, v in history if m <= origin}, min(origin + horizon, last), params)
        params = made.params
        known = [z for month, z in errors if month <= origin]
        if last - origin <= evaluated:
            results.append((origin, widened(made, scale_from(known))))
        errors += [(m, (actual[m] - made.median(m)) / sd) for m, sd in zip(made.months, made.sd, strict=True) if sd > 0]
    scale = scale_from([z for _, z in errors])
    made = forecast(series, until, params)
    return Analysis(made and widened(made, scale), backtest_of(results, actual, horizon), adjusted, scale)


def backtest_of(results: list[tuple[Month, Forecast]], actual: Mapping[Month, float], horizon: int) -> BackTest:
    """Return the errors and interval coverage of forecasts made at past origins against what came."""
    errors, percentages, at_horizon = [], [], []
    inside = dict.fromkeys(LEVELS, 0)
    for origin, made in results:
        for month in made.months:
            error = abs(made.median(month) - actual[month])
            errors.append(error)
            percentages.append(error / actual[month] * 100 if actual[month] else 0.0)
            if month - origin == horizon:
                at_horizon.append(error)
            for level in LEVELS:
                low, high = made.interval(month, level)
                inside[level] += low <= actual[month] <= high

    def mean(values):
        return sum(values) / len(values) if values else None

    return BackTest(
        origins=len(results),
        first_origin=results[0][0] if results else None,
        last_origin=results[-1][0] if results else None,
        compared=len(errors),
        full_horizon=sum(made.end - origin == horizon for origin, made in results),
        mean_absolute_error=mean(errors),
        mean_absolute_percentage=mean(percentages),
        error_at_horizon=mean(at_horizon),
        coverage={level: inside[level] / len(errors) for level in LEVELS} if errors else {},
    )
