"""The forecast as the pages use it: fitted once per data, the chance of each target, and scenarios.

Fitting and back-testing a series takes a few seconds, so it never runs on a
page view that has its answer already. The result is kept under a digest of
the very series it was fitted to (and the model's version): it changes exactly
when the data it depends on changes, and looking it up costs no query. It is
kept in this process (a few entries) and in Django's cache (shared by the
workers when REDIS_URL is set). The verdict rule (verdict.py) stays as
published; the forecast stands beside it, never in its place.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.cache import cache
from redis.exceptions import RedisError

from monitoring.models import AreaLevel, CaseloadIndicator, Target
from nprz_dashboard.formatting import format_number, format_percent
from nprz_dashboard.judgement import DEMO
from nprz_dashboard.page_cache import STARTED
from nprz_dashboard.periods import Month

from .forecast import BACKTEST_HORIZON, Analysis, Forecast, analyse, z_score

MODEL_VERSION = "ets-aadn-calibrated-1"  # change it when the model changes: old results are then never read
KEEP_SECONDS = 30 * 24 * 3600  # a digest's result never goes stale; this only bounds what the cache holds
_MEMO: dict[str, Analysis] = {}
_MEMO_SIZE = 16
FORECAST_LEVELS = (AreaLevel.PROGRAMME, AreaLevel.DISTRICT)  # neighbourhoods: too small, and protected

logger = logging.getLogger(__name__)


def _digest(series: Mapping[Month, float], until: Month) -> str:
    text = ";".join(f"{m.key}={series[m]}" for m in sorted(series))
    # STARTED (this server's start): a new release never reads what older code pickled.
    digest = hashlib.sha256(f"{MODEL_VERSION}|{until.key}|{text}".encode()).hexdigest()[:40]
    return f"forecast:{STARTED}:{digest}"


def analysis(series: Mapping[Month, float], until: Month) -> Analysis:
    """Return the back-tested forecast of a series up to `until`, fitted only when this series is new."""
    key = _digest(series, until)
    if key in _MEMO:
        return _MEMO[key]
    try:
        found = cache.get(key)
    except RedisError:
        logger.warning("forecast cache unavailable")
        found = None
    if found is None:
        found = analyse(series, until)
        try:
            cache.set(key, found, KEEP_SECONDS)
        except RedisError:
            logger.warning("forecast cache unavailable")
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[key] = found
    return found


def horizon(latest: Month, deadlines: Iterable[Month]) -> Month:
    """Return up to when to forecast: the furthest deadline ahead, and at least the back-tested 12 months."""
    return max([latest + BACKTEST_HORIZON, *(d for d in deadlines if d > latest)])


def programme_deadlines() -> list[Month]:
    """Return the deadlines of the programme's caseload targets in force (1 query): a district's horizon."""
    ends = Target.objects.current().filter(area__level=AreaLevel.PROGRAMME, indicator=CaseloadIndicator.CASELOAD)
    return [Month.of(day) for day in ends.values_list("period_end", flat=True)]


def percent_text(chance: float) -> str:
    """Return a chance in Dutch, never a certainty: '38%', 'minder dan 1%', 'meer dan 99%'."""
    if chance < 0.005:
        return "minder dan 1%"
    if chance > 0.995:
        return "meer dan 99%"
    return format_percent(round(chance * 100))


def range_text(low: float, high: float) -> str:
    """Return an interval of benefits: '9.100 – 11.400' (never below zero)."""
    return f"{format_number(max(low, 0))} – {format_number(max(high, 0))}"


def demo_suffix(is_demo: bool) -> str:
    return f" {DEMO}" if is_demo else ""


@dataclass(frozen=True)
class Chance:
    """The chance that the caseload at a deadline is at most its target, from the forecast distribution."""

    deadline: Month
    target: float
    chance: float  # 0..1
    median: float
    low: float  # the 95 % prediction interval at the deadline
    high: float
    is_demo: bool = False

    @property
    def percent(self) -> str:
        return percent_text(self.chance)

    @property
    def sentence(self) -> str:
        """Return e.g. 'Kans dat het doel van 10.000 eind 2031 wordt gehaald: 38% (prognose, 95%-interval …)'."""
        return (
            f"Kans dat het doel van {format_number(self.target)} eind {self.deadline.year} wordt gehaald: "
            f"{self.percent} (prognose, 95%-interval {range_text(self.low, self.high)}){demo_suffix(self.is_demo)}."
        )


def chance_of(made: Forecast, deadline: Month, target: float, is_demo: bool) -> Chance:
    low, high = made.interval(deadline, 95)
    return Chance(
        deadline=deadline,
        target=float(target),
        chance=made.chance_at_most(deadline, float(target)),
        median=made.median(deadline),
        low=low,
        high=high,
        is_demo=is_demo,
    )


def chances(made: Forecast | None, targets: Iterable[tuple[Month, float]], is_demo: bool) -> list[Chance]:
    """Return a Chance for each target whose deadline the forecast reaches (those still ahead), by deadline."""
    if made is None:
        return []
    return [chance_of(made, deadline, value, is_demo) for deadline, value in sorted(targets) if made.covers(deadline)]


def target_chances(area=None) -> list[Chance]:
    """Return the chance of each caseload target of an area still ahead (default NPRZ), each with its sentence.

    3 queries (area, figures, targets) and a fit only when the series is new. A page that has the
    figures and targets already (the overview) calls `chances_from` instead: no query at all.
    """
    from . import selectors

    area = area or selectors.programme_area()
    figures = selectors.monthly_figures(area)
    targets = [(t.end_month, float(t.value)) for t in selectors.current_targets(area)]
    return chances_from(figures.series(CaseloadIndicator.CASELOAD), targets, figures.demo_months())


def chances_from(series: Mapping[Month, float], targets: Iterable[tuple[Month, float]], demo=()) -> list[Chance]:
    """Return the chances of (deadline, target) pairs from a caseload series already loaded; `demo`: its demo months."""
    targets = list(targets)
    if not series:
        return []
    found = analysis(series, horizon(max(series), [deadline for deadline, _ in targets]))
    return chances(found.forecast, targets, is_demo=bool(set(demo) & set(series)))


@dataclass(frozen=True)
class Landing:
    """Where the caseload lands at a deadline under a scenario, and what a target still asks."""

    deadline: Month
    median: float
    low: float
    high: float
    chance: Chance | None  # with a target
    even_pace: float | None  # a further lowering per month from the scenario's start for a 50 % chance
    likely_pace: float | None  # ... for an 80 % chance
    start: Month
    is_demo: bool

    @property
    def sentence(self) -> str:
        return (
            f"Eind {self.deadline.year} komt de stand volgens de prognose met dit scenario op "
            f"{format_number(max(self.median, 0))} (95%-interval {range_text(self.low, self.high)})"
            f"{demo_suffix(self.is_demo)}."
        )

    @property
    def pace_sentence(self) -> str:
        """Say what else per month the target asks from the scenario's start ('' without a target)."""
        if self.chance is None:
            return ""
        target = format_number(self.chance.target)
        if self.likely_pace <= 0:
            return f"Met dit scenario is de kans op het doel van {target} al minstens 80%{demo_suffix(self.is_demo)}."
        even = f"{format_number(max(self.even_pace, 0))} per maand voor een kans van 50%"
        return (
            f"Voor het doel van {target} eind {self.deadline.year} moet de stand vanaf {self.start.label} "
            f"elke maand nog {even} en {format_number(self.likely_pace)} per maand voor een kans van 80% "
            f"verder dalen dan in dit scenario (extra uitstroom of minder instroom){demo_suffix(self.is_demo)}."
        )


def landings(
    made: Forecast, start: Month, per_month: float, targets: Mapping[Month, float], deadlines: Iterable[Month],
    is_demo: bool,
) -> list[Landing]:  # fmt: skip
    """Return where the scenario's forecast lands at each deadline it reaches, with the pace a target asks."""
    shifted = made.lowered(start, per_month)
    found = []
    for deadline in sorted({d for d in deadlines if shifted.covers(d)}):
        low, high = shifted.interval(deadline, 95)
        target = targets.get(deadline)
        chance, even, likely = None, None, None
        if target is not None:
            chance = chance_of(shifted, deadline, target, is_demo)
            months = max(deadline - start + 1, 1)
            median, sd = shifted.median(deadline), shifted.sd[deadline - shifted.last - 1]
            even = (median - target) / months
            likely = (median + z_score(60) * sd - target) / months  # the 80th percentile: 80 % chance below it
        found.append(Landing(deadline, shifted.median(deadline), low, high, chance, even, likely, start, is_demo))
    return found


@dataclass(frozen=True)
class PageForecast:
    """What /caseload/ shows of the forecast for one area: the chart's parts, the chances, a scenario's landings."""

    chart: object  # forecast_chart.ChartForecast
    chances: list[Chance]
    landings: list[Landing]
    backtest: object | None  # forecast.BackTest
    until: Month | None  # how far the forecast reaches (the scenario's last month)


def for_page(
    area, series: Mapping[Month, float], progress, demo: Iterable[Month], adjusted: bool, form
) -> PageForecast:
    """Return the forecast parts of /caseload/ for an area (none for a neighbourhood: too small, and protected).

    `form` is the bound ScenarioForm, given the forecast's reach before it is validated.
    Queries: none for NPRZ; 1 for a district (the programme's deadlines).
    """
    from .forecast_chart import ChartForecast

    form.latest = progress.latest
    if area.level not in FORECAST_LEVELS or progress.latest is None:
        return PageForecast(ChartForecast(), [], [], None, None)
    own = [v.deadline for v in progress.verdicts]
    deadlines = own if area.level == AreaLevel.PROGRAMME else programme_deadlines()
    until = horizon(progress.latest, deadlines)
    form.end = until
    found = analysis(series, until)
    is_demo = bool(set(demo) & set(series))
    targets = {v.deadline: v.target for v in progress.verdicts}
    scenario = form.scenario() if found.forecast else None
    landed = landings(found.forecast, *scenario, targets, deadlines, is_demo) if scenario else []
    chart = ChartForecast(
        forecast=found.forecast,
        scenario=found.forecast.lowered(*scenario) if scenario else None,
        adjusted=found.adjusted if adjusted else {},
        is_demo=is_demo,
    )
    return PageForecast(chart, chances(found.forecast, targets.items(), is_demo), landed, found.backtest, until)
