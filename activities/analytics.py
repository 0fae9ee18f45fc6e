"""Progress of an activity measure against its target: the status rule in one place.

Pure functions on plain series (month → value) and target objects, so the
list page, the detail page, the overview block and the tests apply one rule:

- a flow (home visits done) counts its months from the start of the target
  period up to the last month that has figures, and is compared with the
  pro-rata share of the target for those months (`judgement.flow_status`); a
  multi-year target works the same over its whole window;
- a stock (active participants) compares its latest value with the target
  for the end of the year;
- a ratio (coverage of sporen 4–5) is computed from its numerator and
  denominator at the latest month, never averaged, and compared with the
  target's pro-rata share of the window (100% at the deadline).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from nprz_dashboard.judgement import (
    AT_RISK,
    AT_RISK_MARGIN,
    OFF_TRACK,
    ON_TRACK,
    TRACK_LABELS,
    flow_status,
    last_month_with_value,
    target_due,
    window_months,
)
from nprz_dashboard.periods import FLOW, RATIO, STOCK, Month, month_range

LOWER_IS_BETTER = "lower"
NO_STATUS_LABEL = "geen doel"

# Order for sorting: what needs attention comes first.
STATUS_ORDER = {OFF_TRACK: 0, AT_RISK: 1, ON_TRACK: 2, None: 3}

Series = Mapping[Month, float]


@dataclass(frozen=True)
class Progress:
    """Where one measure stands in one year: its value, what was due, its status."""

    kind: str
    unit: str
    year: int
    start: Month | None  # first month counted (flows) or the window start (ratios)
    as_of: Month | None  # last month counted, or the month of the stock/ratio value
    value: float | None
    is_official: bool = False
    official_source: str = ""
    target: object | None = None  # an ActivityTarget (value, start_month, end_month, ...)
    due: float | None = None  # what the target asks by `as_of`
    elapsed: int = 0  # months of the target window passed by `as_of`
    span: int = 0  # months in the target window
    status: str | None = None

    @property
    def target_value(self) -> float | None:
        return None if self.target is None else float(self.target.value)

    @property
    def share_of_due(self) -> float | None:
        """Return the value as a percentage of what was due by now."""
        return percent(self.value, self.due)

    @property
    def share_of_target(self) -> float | None:
        """Return the value as a percentage of the full target."""
        return percent(self.value, self.target_value)

    @property
    def status_label(self) -> str:
        return TRACK_LABELS.get(self.status, NO_STATUS_LABEL)

    @property
    def is_pro_rata(self) -> bool:
        """Return whether `due` is a pro-rata share (not the full target)."""
        return self.kind != STOCK and self.target is not None and self.elapsed < self.span


def percent(value, whole) -> float | None:
    """Return value as a percentage of whole, or None when undefined (or the value is withheld from readers)."""
    if not isinstance(value, int | float | Decimal) or not whole:
        return None
    return float(value) / float(whole) * 100


def year_as_of(year: int, latest: Month) -> Month | None:
    """Return the last month of `year` that counts on the reference day (None for a future year)."""
    if year > latest.year:
        return None
    return Month(year, 12) if year < latest.year else latest


def target_for_year(targets: Sequence, year: int):
    """Return the target that applies in `year`: one for that year, else a multi-year one spanning it."""
    spanning = [t for t in targets if t.start_month.year <= year <= t.end_month.year]
    for_year = [t for t in spanning if t.start_month.year == t.end_month.year == year]
    chosen = for_year or sorted(spanning, key=lambda t: (t.end_month, t.start_month))
    return chosen[0] if chosen else None


def status_against(value: float | None, due: float | None, direction: str = "higher") -> str | None:
    """Return on track / at risk / off track for a value against what is due.

    Higher is better: the flow rule of `judgement.flow_status` (at least what is
    due; within 10% below it is at risk). Lower is better: mirrored.
    """
    if value is None or due is None:
        return None
    if direction != LOWER_IS_BETTER:
        return flow_status(value, due)
    if value <= due:
        return ON_TRACK
    return AT_RISK if value <= due * (1 + AT_RISK_MARGIN) else OFF_TRACK


def period_sum(series: Series, start: Month, end: Month) -> float | None:
    """Return the sum of a flow over start..end (None when no month has a value)."""
    present = [series[m] for m in month_range(start, end) if m in series]
    return float(sum(present)) if present else None


def latest_in(series: Series, start: Month, end: Month) -> tuple[Month | None, float | None]:
    """Return the latest month in start..end that has a value, with that value."""
    months = [m for m in series if start <= m <= end]
    if not months:
        return None, None
    month = max(months)
    return month, float(series[month])


def ratio_series(numerator: Series, denominator: Series) -> dict[Month, float]:
    """Return numerator ÷ denominator × 100 for each month both have (never an average of ratios)."""
    return {m: float(numerator[m]) / float(denominator[m]) * 100 for m in sorted(numerator) if denominator.get(m)}


def measure_progress(
    *,
    kind: str,
    unit: str,
    series: Series,
    targets: Sequence,
    year: int,
    latest: Month,
    direction: str = "higher",
    published: Mapping[int, tuple[float, str]] | None = None,
) -> Progress:
    """Return where a measure stands in `year` on the reference month `latest`.

    `series` holds the measure's NPRZ values by month (for a ratio: the ratio
    already computed from its parts). `published` maps a year to an official
    yearly total and its source; it replaces the sum of the months once the
    year is complete.
    """
    as_of = year_as_of(year, latest)
    target = target_for_year(targets, year)
    empty = Progress(kind=kind, unit=unit, year=year, start=None, as_of=as_of, value=None, target=target)
    if as_of is None:
        return empty
    if target is not None:
        as_of = min(as_of, target.end_month)
        if as_of < target.start_month:
            return Progress(kind=kind, unit=unit, year=year, start=None, as_of=None, value=None, target=target)

    if kind == FLOW:
        start = target.start_month if target is not None else Month(year, 1)
        official, source = False, ""
        if published and year in published and as_of == Month(year, 12) and start == Month(year, 1):
            value, source = float(published[year][0]), published[year][1]
            official = True
        else:
            as_of = last_month_with_value(series, start, as_of) or as_of
            value = period_sum(series, start, as_of)
        if target is None:
            return Progress(kind, unit, year, start, as_of, value, official, source)
        due, elapsed, span = target_due(target, as_of)
        return Progress(
            kind, unit, year, start, as_of, value, official, source, target, due, elapsed, span,
            status_against(value, due, direction),
        )  # fmt: skip

    if kind == STOCK:
        month, value = latest_in(series, Month(year, 1), as_of)
        if target is None:
            return Progress(kind, unit, year, None, month, value)
        due = float(target.value)  # a stock is held against its year-end target as it stands
        elapsed, span = window_months(target.start_month, target.end_month, month or as_of)
        return Progress(
            kind, unit, year, None, month, value, target=target, due=due, elapsed=elapsed, span=span,
            status=status_against(value, due, direction),
        )  # fmt: skip

    if kind == RATIO:
        floor = target.start_month if target is not None else Month(year, 1)
        month, value = latest_in(series, floor, as_of)
        if target is None:
            return Progress(kind, unit, year, floor, month, value)
        due, elapsed, span = target_due(target, month or as_of)
        return Progress(
            kind, unit, year, floor, month, value, target=target, due=due, elapsed=elapsed, span=span,
            status=status_against(value, due, direction),
        )  # fmt: skip

    raise ValueError(f"unknown measure kind {kind!r}")


def uses_demo(progress: Progress, demo_months) -> bool:
    """Return whether a measure's value in `progress` holds demo months (an official total never does)."""
    if progress.is_official or progress.value is None or progress.as_of is None:
        return False
    if progress.kind == FLOW and progress.start is not None:
        return any(m in demo_months for m in month_range(progress.start, progress.as_of))
    return progress.as_of in demo_months


# --- series for charts --------------------------------------------------------


def year_months(year: int) -> list[Month]:
    return month_range(Month(year, 1), Month(year, 12))


def monthly_values(series: Series, year: int, until: Month | None = None) -> list[float | None]:
    """Return the twelve monthly values of a year (None for a missing or future month)."""
    return [float(series[m]) if m in series and (until is None or m <= until) else None for m in year_months(year)]


def running_total(values: Sequence[float | None]) -> list[float | None]:
    """Return the cumulative sum, None after the last month with a value."""
    last = max((i for i, v in enumerate(values) if v is not None), default=-1)
    total, result = 0.0, []
    for i, value in enumerate(values):
        total += value or 0
        result.append(total if i <= last else None)
    return result


def due_line(target, months: Sequence[Month]) -> list[float | None]:
    """Return, for each month, what a flow or coverage target asks by the end of that month."""
    result = []
    for month in months:
        if target is None or month < target.start_month or month > target.end_month:
            result.append(None)
            continue
        result.append(target_due(target, month)[0])
    return result


def monthly_due(target, months: Sequence[Month]) -> list[float | None]:
    """Return what a target asks in each month itself: the steps of `due_line`, seasonal profile included."""
    if not months:
        return []
    line = due_line(target, [months[0] - 1, *months])
    return [None if current is None else current - (previous or 0.0) for previous, current in pairwise(line)]


def status_rule_texts() -> list[tuple[str, str]]:
    """Return the status rule in words, per kind of measure, for the page."""
    margin = round(AT_RISK_MARGIN * 100)
    return [
        (
            "Aantallen per maand (zoals huisbezoeken)",
            "De maanden van dit jaar tot en met de laatste maand met cijfers opgeteld, "
            "tegenover het deel van het jaardoel dat naar rato al gehaald had moeten zijn "
            "(bij 10 van de 12 maanden: 10/12 van het doel). "
            f"Op koers bij minstens 100% daarvan; risico bij {100 - margin}% tot 100%; "
            f"niet op koers onder {100 - margin}%. Een doel over meer jaren telt zo over de hele looptijd.",
        ),
        (
            "Standen (zoals actieve deelnemers)",
            "De stand van de laatste maand tegenover het doel voor het eind van het jaar. "
            f"Op koers als het doel al gehaald is; risico als de stand minder dan {margin}% onder het doel zit; "
            "anders niet op koers.",
        ),
        (
            "Bereik (checkgesprekken)",
            "Het aantal gesproken personen in sporen 4 en 5 gedeeld door de groep bij de start, "
            "berekend uit teller en noemer (nooit een gemiddelde van percentages). "
            "Het doel is 100% aan het eind van de termijn van 24 maanden; tussendoor geldt het deel van de "
            f"termijn dat verstreken is. Dezelfde grenzen: 100% en {100 - margin}% van wat nu verwacht mag worden.",
        ),
    ]
