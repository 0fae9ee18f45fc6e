"""Month, quarter and year arithmetic, and the programme's period rules.

Months are the base grain. Stocks (the caseload) take the value of the last
month of a period; flows (inflow, outflow) are summed over its months. These
rules live here once so every page, export and report applies them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

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

    # Months key the dicts of every series; a history import looks one up millions of times.
    # Written out, these cost a third of what dataclass's generated tuple-building ones do.
    def __hash__(self) -> int:
        return self.year * 12 + self.month

    def __eq__(self, other) -> bool:
        if other.__class__ is not Month:
            return NotImplemented
        return self.month == other.month and self.year == other.year

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
