"""Caseload periods and checks: quarters and years, the stock-flow identity, neighbourhoods, targets' deadlines.

Pure functions. Selectors fetch the numbers; these apply the programme's rules
(a stock at its period's end, flows summed, no partial totals) and return fixed
shapes for charts and templates. Progress against targets is in progress.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from monitoring.models import FLOW_INDICATORS, CaseloadIndicator
from nprz_dashboard.judgement import last_month_with_value
from nprz_dashboard.periods import FLOW, STOCK, Month, Quarter, month_range, period_value

from .selectors import MonthlyFigures

# Business rule: CBS flows leave out people who reach pension age (about 10-20 a
# month for NPRZ), so the stock-flow identity never closes exactly. A gap larger
# than 10 benefits and 0,3% of the previous stock is worth a data-quality note.
STOCK_FLOW_MIN_GAP = 10
STOCK_FLOW_SHARE = 0.003


INCOMPLETE = "onvolledig"
WITHHELD = "afgeschermd"


def missing_months(series: dict[Month, int], months: list[Month], kind: str) -> list[Month]:
    """Return the months a period's value needs but lacks: the last month for a stock, every month for a flow."""
    needed = months[-1:] if kind == STOCK else months
    return [m for m in needed if m not in series]


def complete_value(series: dict[Month, int], months: list[Month], kind: str) -> int | None:
    """Return a period's value only when every month it needs is in, else None (never a partial sum)."""
    if not months or missing_months(series, months, kind):
        return None
    return period_value(series, months, kind)


@dataclass(frozen=True)
class FlowCell:
    """One flow of a period: its total, or which of its months are missing or withheld."""

    value: int | None
    missing: list[Month]
    hidden: bool = False  # a month is withheld from readers, so the total would give it away

    @property
    def missing_label(self) -> str:
        return ", ".join(m.label for m in self.missing)


@dataclass(frozen=True)
class PeriodRow:
    """One quarter or year: caseload at its end and the flows summed over its months."""

    label: str
    key: str
    complete: bool  # every month of every figure is in; a running period runs up to its latest month
    caseload: int | None
    inflow: int | None
    outflow: int | None
    outflow_to_work: int | None
    # flow indicator -> the months without a figure; its total is None (shown as 'onvolledig') then
    missing: dict[str, list[Month]] = field(default_factory=dict)
    # flow indicators with a month withheld from readers; their total is None (shown as 'afgeschermd')
    hidden: frozenset[str] = frozenset()
    official_source: str = ""  # the source of the stand at the period's end when it is an official figure

    @property
    def flows(self) -> list[FlowCell]:
        """Return inflow, outflow and outflow to work, each with the months it misses."""
        values = (self.inflow, self.outflow, self.outflow_to_work)
        return [
            FlowCell(v, self.missing.get(i.value, []), i.value in self.hidden)
            for i, v in zip(FLOW_INDICATORS, values, strict=True)
        ]


def _period_row(
    label: str, key: str, months: list[Month], values: dict[str, dict[Month, int]], hidden=frozenset(), official=None
) -> PeriodRow:
    present = [m for m in months if m in values[CaseloadIndicator.CASELOAD]]
    stock_complete = bool(present) and present[-1] == months[-1]
    if not stock_complete and present:
        label = f"{label} (t/m {present[-1].label})"
        months = months[: months.index(present[-1]) + 1]  # an incomplete period ends at its latest month
    flows: dict[str, int | None] = {}
    missing: dict[str, list[Month]] = {}
    withheld = {i.value for i in FLOW_INDICATORS if any((i.value, m) in hidden for m in months)}
    for indicator in FLOW_INDICATORS:
        series = values[indicator]
        if indicator.value in withheld:
            flows[indicator] = None
            continue
        gaps = missing_months(series, months, FLOW)
        # A flow with no month at all is simply not known; one with some months is incomplete,
        # and a partial sum would pass for the period's total.
        if gaps and len(gaps) < len(months):
            missing[indicator.value] = gaps
        flows[indicator] = None if gaps else period_value(series, months, FLOW)
    return PeriodRow(
        label=label,
        key=key,
        complete=stock_complete and not missing,
        caseload=period_value(values[CaseloadIndicator.CASELOAD], months, STOCK) if present else None,
        inflow=flows[CaseloadIndicator.INFLOW],
        outflow=flows[CaseloadIndicator.OUTFLOW],
        outflow_to_work=flows[CaseloadIndicator.OUTFLOW_TO_WORK],
        missing=missing,
        hidden=frozenset(withheld),
        official_source=(official or {}).get((CaseloadIndicator.CASELOAD, months[-1]), "") if present else "",
    )


def _all_months(values: dict[str, dict[Month, int]], hidden) -> list[Month]:
    return sorted({m for series in values.values() for m in series} | {m for _, m in hidden})


def quarter_rows(values: dict[str, dict[Month, int]], hidden=frozenset(), official=None) -> list[PeriodRow]:
    """Return every quarter with data: the stock at its end, the flows summed.

    `hidden` holds (indicator, month) cells withheld from readers: a total that
    includes one is withheld too, or subtraction would reveal the month.
    `official` maps (indicator, month) to the source of an official figure.
    """
    quarters = sorted({Quarter.of(m) for m in _all_months(values, hidden)})
    return [_period_row(q.label, q.key, q.months, values, hidden, official) for q in quarters]


def year_rows(values: dict[str, dict[Month, int]], hidden=frozenset(), official=None) -> list[PeriodRow]:
    """Return every year with data: the stock in December, the flows summed (see quarter_rows)."""
    years = sorted({m.year for m in _all_months(values, hidden)})
    return [
        _period_row(str(y), str(y), month_range(Month(y, 1), Month(y, 12)), values, hidden, official) for y in years
    ]


@dataclass(frozen=True)
class StockFlowGap:
    """A month where stock(t) differs from stock(t-1) + inflow(t) - outflow(t)."""

    month: Month
    previous: int
    inflow: int
    outflow: int
    expected: int
    actual: int
    gap: int
    is_large: bool


def stock_flow_check(values: dict[str, dict[Month, int]]) -> list[StockFlowGap]:
    """Return the stock-flow identity for every month that has all its parts."""
    stock = values[CaseloadIndicator.CASELOAD]
    inflow = values[CaseloadIndicator.INFLOW]
    outflow = values[CaseloadIndicator.OUTFLOW]
    gaps = []
    for month in sorted(stock):
        previous = stock.get(month - 1)
        if previous is None or month not in inflow or month not in outflow:
            continue
        expected = previous + inflow[month] - outflow[month]
        gap = stock[month] - expected
        limit = max(STOCK_FLOW_MIN_GAP, STOCK_FLOW_SHARE * previous)
        is_large = abs(gap) > limit
        gaps.append(StockFlowGap(month, previous, inflow[month], outflow[month], expected, stock[month], gap, is_large))
    return gaps


def neighbourhood_comparison(rows: list[dict]) -> list[dict]:
    """Add the change and the change in percent to each neighbourhood row."""
    result = []
    for row in rows:
        change = row["end"] - row["start"] if row["start"] is not None and row["end"] is not None else None
        percent = 100 * change / row["start"] if change is not None and row["start"] else None
        result.append({**row, "change": change, "percent": percent})
    return result


def year_to_date(figures: MonthlyFigures, indicator: str, year: int, until: Month) -> dict:
    """Return a flow summed from January of `year` to its last month with a figure, and whether it holds demo data.

    Keys: start, end (None without figures), value, is_demo.
    """
    series = figures.series(indicator)
    start = Month(year, 1)
    end = last_month_with_value(series, start, until)
    months = [m for m in month_range(start, end) if m in series] if end else []
    demo = figures.demo_months(indicator)
    return {
        "start": start,
        "end": end,
        "value": sum(series[m] for m in months) if end else None,
        "is_demo": any(m in demo for m in months),
    }
