"""Month, quarter and year arithmetic, and the programme's period rules.

Months are the base grain. Stocks (the caseload) take the value of the last
month of a period; flows (inflow, outflow) are summed over its months. These
rules live here once so every page, export and report applies them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

MONTH_NAMES = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
SHORT_MONTH_NAMES = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

# The years an address may name (/entry/<jjjj-mm>/): the programme's data starts after 2000 and its
# last target is 2031; a year outside is a typo or a probe, answered with 404 before any date arithmetic.
YEARS = range(2000, 2101)

STOCK = "stock"
FLOW = "flow"
RATIO = "ratio"

Number = int | float | Decimal


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, e.g. Month(2025, 2) for February 2025."""

    year: int
    month: int

    def __post_init__(self):
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, got {self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse 'YYYY-MM'; raise ValueError on anything else."""
        try:
            year, month = text.split("-")
            if len(year) != 4 or len(month) != 2:
                raise ValueError
            return cls(int(year), int(month))
        except ValueError:
            raise ValueError(f"not a month in the form YYYY-MM: {text!r}") from None

    @classmethod
    def of(cls, day: dt.date) -> Month:
        """Return the month a date falls in."""
        return cls(day.year, day.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return (self + 1).first_day - dt.timedelta(days=1)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """Dutch long label: 'februari 2025'."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        """Dutch short label: 'feb 2025'."""
        return f"{SHORT_MONTH_NAMES[self.month - 1]} {self.year}"

    def __add__(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def __sub__(self, other):
        if isinstance(other, Month):
            return (self.year - other.year) * 12 + (self.month - other.month)
        return self + (-other)

    def __str__(self) -> str:
        return self.key


def month_range(start: Month, end: Month) -> list[Month]:
    """Return every month from start to end, both included."""
    return [start + i for i in range(end - start + 1)] if end >= start else []


def last_complete_month(today: dt.date) -> Month:
    """Return the last month that has fully passed on the given day."""
    return Month.of(today) - 1


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter, e.g. Quarter(2025, 1)."""

    year: int
    number: int

    def __post_init__(self):
        if not 1 <= self.number <= 4:
            raise ValueError(f"quarter must be 1..4, got {self.number}")

    @classmethod
    def of(cls, month: Month) -> Quarter:
        return cls(month.year, month.quarter)

    @property
    def months(self) -> list[Month]:
        first = Month(self.year, 3 * self.number - 2)
        return [first, first + 1, first + 2]

    @property
    def last_month(self) -> Month:
        return self.months[-1]

    @property
    def key(self) -> str:
        """CBS-style machine key: '2025KW01'."""
        return f"{self.year}KW{self.number:02d}"

    @property
    def label(self) -> str:
        """Short Dutch label: 'kw. 1 2025'."""
        return f"kw. {self.number} {self.year}"

    @property
    def long_label(self) -> str:
        """Long Dutch label: '1e kwartaal 2025'."""
        return f"{self.number}e kwartaal {self.year}"

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def year_earlier(self) -> Quarter:
        return Quarter(self.year - 1, self.number)


def aggregate(values: Sequence[Number | None], kind: str) -> Number | None:
    """Combine a period's monthly values in month order by the stock/flow rule.

    A stock is the value of the period's last month (None when that month is
    missing: an earlier month must not stand in for the period end). A flow is
    the sum of the months that have a value (None when none has).
    """
    if kind == STOCK:
        return values[-1] if values else None
    if kind == FLOW:
        present = [v for v in values if v is not None]
        return sum(present) if present else None
    raise ValueError(f"cannot aggregate kind {kind!r}; ratios are computed from their parts")


def period_value(series: Mapping[Month, Number], months: Sequence[Month], kind: str) -> Number | None:
    """Return the value of a period (given by its months) from a monthly series."""
    return aggregate([series.get(m) for m in months], kind)


def quarter_values(series: Mapping[Month, Number], kind: str) -> dict[Quarter, Number | None]:
    """Return the value of every quarter the series touches, in order."""
    quarters = sorted({Quarter.of(m) for m in series})
    return {q: period_value(series, q.months, kind) for q in quarters}


def year_values(series: Mapping[Month, Number], kind: str) -> dict[int, Number | None]:
    """Return the value of every year the series touches, in order."""
    years = sorted({m.year for m in series})
    return {y: period_value(series, month_range(Month(y, 1), Month(y, 12)), kind) for y in years}


def change(series: Mapping[Month, Number], start: Month, end: Month) -> Number | None:
    """Return the change of a stock from the end of `start` to the end of `end`."""
    if start not in series or end not in series:
        return None
    return series[end] - series[start]


def year_change(series: Mapping[Month, Number], year: int) -> Number | None:
    """Return a stock's change over a year: December against the December before."""
    return change(series, Month(year - 1, 12), Month(year, 12))


def ratio(numerator: Number | None, denominator: Number | None) -> float | None:
    """Return numerator ÷ denominator, or None when it is undefined."""
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator)


# --- targets and pace -------------------------------------------------------


def pro_rata_share(months_elapsed: int, profile: Sequence[Number] | None = None) -> float:
    """Return the share of a yearly flow target due after `months_elapsed` months.

    Straight-line by default; a profile gives 12 monthly weights (a seasonal
    pattern), normalised so they add up to the whole year.
    """
    months_elapsed = max(0, min(12, months_elapsed))
    if profile is None:
        return months_elapsed / 12
    if len(profile) != 12 or any(w < 0 for w in profile) or not sum(profile):
        raise ValueError("a profile has 12 non-negative weights that are not all zero")
    return float(sum(profile[:months_elapsed])) / float(sum(profile))


def pro_rata_target(year_target: Number, months_elapsed: int, profile: Sequence[Number] | None = None) -> float:
    """Return the part of a yearly flow target due after `months_elapsed` months."""
    return float(year_target) * pro_rata_share(months_elapsed, profile)


def window_months(start: Month, end: Month, as_of: Month) -> tuple[int, int]:
    """Return (months elapsed by `as_of`, months in the window start..end)."""
    span = end - start + 1
    return max(0, min(span, as_of - start + 1)), span


def due_by(target_value: float, elapsed: int, span: int, profile=None) -> float:
    """Return the pro-rata share of a target after `elapsed` of `span` months.

    A yearly target follows its monthly profile when it has one (seasonal),
    otherwise a straight line; longer windows are always straight.
    """
    if span == 12:
        return pro_rata_target(target_value, elapsed, profile)
    return float(target_value) * elapsed / span


def target_due(target, as_of: Month) -> tuple[float, int, int]:
    """Return what a target asks by the end of `as_of` (pro rata, by its profile), with months elapsed and span."""
    elapsed, span = window_months(target.start_month, target.end_month, as_of)
    return due_by(float(target.value), elapsed, span, profile_of(target)), elapsed, span


def last_month_with_value(series: Mapping[Month, Number], start: Month, end: Month) -> Month | None:
    """Return the last month in start..end that has a value.

    Figures for a month are due halfway through the next one, so the month
    just passed is often still empty: a year-to-date share must stop where the
    figures stop, or a measure exactly on target looks behind.
    """
    months = [m for m in series if start <= m <= end]
    return max(months) if months else None


def profile_of(target) -> list[float] | None:
    """Return a target's twelve monthly weights, or None for a straight line."""
    return getattr(target, "profile", None)


def required_pace(target: Number, latest: Number, months_remaining: int) -> float | None:
    """Return the monthly change still needed to reach a stock target.

    Negative when the stock has to fall. None when the deadline has passed.
    """
    if months_remaining <= 0:
        return None
    return (float(target) - float(latest)) / months_remaining


def actual_pace(series: Mapping[Month, Number], latest: Month, window: int = 12) -> float | None:
    """Return the average monthly change over the last `window` months."""
    earlier = latest - window
    if latest not in series or earlier not in series:
        return None
    return (float(series[latest]) - float(series[earlier])) / window


def project(latest_value: Number, latest: Month, pace: float, until: Month) -> dict[Month, float]:
    """Return a straight projection from the latest value at a monthly pace."""
    return {m: float(latest_value) + pace * (m - latest) for m in month_range(latest, until)}


def glide_path(milestones: Iterable[tuple[Month, Number]]) -> dict[Month, float]:
    """Return a straight monthly path through consecutive milestones.

    The result is a *derived* series: no monthly value on it is a published
    target, only the milestones themselves are. Of two milestones in the same
    month the later one given counts (a path cannot step within a month).
    """
    points = sorted(dict(milestones).items())
    path: dict[Month, float] = {}
    for (start, start_value), (end, end_value) in pairwise(points):
        span = end - start
        for step in range(span + 1):
            path[start + step] = float(start_value) + (float(end_value) - float(start_value)) * step / span
    if len(points) == 1:
        path[points[0][0]] = float(points[0][1])
    return path


# --- status -------------------------------------------------------------------

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
# How a figure is doing against its target ("on track"); not the status of a figure (voorlopig, definitief).
TRACK_LABELS = {ON_TRACK: "op koers", AT_RISK: "risico", OFF_TRACK: "niet op koers"}

# Business rule: within 10% of what is due still counts as "at risk", not "off track".
AT_RISK_MARGIN = 0.10


def flow_status(year_to_date: Number, due: Number) -> str | None:
    """Status of a 'higher is better' flow: year-to-date against the pro-rata target."""
    if due is None or float(due) <= 0:
        return None
    share = float(year_to_date) / float(due)
    if share >= 1:
        return ON_TRACK
    return AT_RISK if share >= 1 - AT_RISK_MARGIN else OFF_TRACK


def stock_status(latest: Number, target: Number, pace: float | None, months_remaining: int) -> str | None:
    """Status of a 'lower is better' stock against an 'at most' target.

    On track when the projection at the actual pace reaches the target by its
    deadline; at risk when it misses by no more than 10% of the distance still
    to go; off track otherwise.
    """
    if pace is None or months_remaining < 0:
        return None
    projected = float(latest) + pace * months_remaining
    if projected <= float(target):
        return ON_TRACK
    distance = max(float(latest) - float(target), 1.0)
    return AT_RISK if projected - float(target) <= AT_RISK_MARGIN * distance else OFF_TRACK
