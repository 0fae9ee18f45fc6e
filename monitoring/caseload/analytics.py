"""The caseload's progress towards its targets: pure computations on plain series.

Selectors fetch the numbers; these functions apply the programme's rules
(stock at period end, flows summed, required against actual pace, the derived
glide path) and return fixed shapes for charts and templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from monitoring.models import CaseloadIndicator, Target
from nprz_dashboard.formatting import format_date
from nprz_dashboard.periods import (
    FLOW,
    STOCK,
    TRACK_LABELS,
    Month,
    Quarter,
    actual_pace,
    glide_path,
    month_range,
    period_value,
    project,
    required_pace,
    stock_status,
)

from .selectors import MonthlyFigures, TargetCheck

FLOW_INDICATORS = [CaseloadIndicator.INFLOW, CaseloadIndicator.OUTFLOW, CaseloadIndicator.OUTFLOW_TO_WORK]

# Business rule: CBS flows leave out people who reach pension age (about 10-20 a
# month for NPRZ), so the stock-flow identity never closes exactly. A gap larger
# than 10 benefits and 0,3% of the previous stock is worth a data-quality note.
STOCK_FLOW_MIN_GAP = 10
STOCK_FLOW_SHARE = 0.003


@dataclass(frozen=True)
class Milestone:
    """A year-end value to compare with: a published target or a derived point on the glide path."""

    month: Month
    value: float
    is_published: bool
    source: str = ""

    @property
    def provenance_label(self) -> str:
        return "gepubliceerd" if self.is_published else "afgeleid"


@dataclass(frozen=True)
class RevisedMilestone:
    """A target that was revised: what was promised, what it became, and why."""

    month: Month
    original: float
    current: float
    reason: str
    source: str
    source_date: str  # Dutch date of the revising source, or ""


@dataclass(frozen=True)
class Note:
    """A dated note on a chart (an annotation), as plain text."""

    month: Month
    text: str
    indicator: str  # "" for the caseload in general


@dataclass(frozen=True)
class Progress:
    """The caseload of one area against its targets on one day; every key is always present."""

    year: int
    latest: Month | None = None
    latest_value: int | None = None
    latest_status: str = ""
    latest_source: str | None = None  # set when the latest value is official
    latest_note: str = ""  # the official figure's note, e.g. that its month is assumed
    start_of_year: Month | None = None
    start_value: int | None = None
    change_since_start: int | None = None
    year_target: Milestone | None = None
    distance_to_year_target: float | None = None
    months_remaining: int | None = None
    required_pace: float | None = None
    actual_pace: float | None = None
    goal: Milestone | None = None
    distance_to_goal: float | None = None
    status: str | None = None
    projection: dict[Month, float] = field(default_factory=dict)
    glide: dict[Month, float] = field(default_factory=dict)
    targets: list[Milestone] = field(default_factory=list)
    revised: list[RevisedMilestone] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return TRACK_LABELS.get(self.status, "onbekend")

    @property
    def projected_value(self) -> float | None:
        return self.projection[max(self.projection)] if self.projection else None


def published_milestones(targets: list[Target]) -> list[Milestone]:
    """Return the published caseload targets in force as milestones at their deadlines, one per month.

    Stored derived or demo targets are left out: the glide path and the year
    targets are built from published milestones only, so a derived value never
    passes for a published one. Pass current targets (revised ones left out),
    so a revision moves the milestone and the glide path follows. Should two
    be in force for the same month, the newest one counts.
    """
    by_month: dict[Month, Milestone] = {}
    for t in sorted(targets, key=lambda t: (t.period_end, t.pk or 0)):
        if t.is_published:
            by_month[t.end_month] = Milestone(t.end_month, float(t.value), True, str(t.source) if t.source else "")
    return [by_month[m] for m in sorted(by_month)]


def revised_milestones(current: list[Target], superseded: list[Target]) -> list[RevisedMilestone]:
    """Return each revised target with the value it became and the reason, from loaded targets.

    `superseded` are the originals (each has a revision among `current` or
    `superseded`); a chain of revisions is followed to the target in force.
    """
    by_revised = {t.revises_id: t for t in [*current, *superseded] if t.revises_id}
    result = []
    for original in sorted(superseded, key=lambda t: (t.period_end, t.pk or 0)):
        revision = by_revised.get(original.pk)
        if revision is None:
            continue
        latest = revision
        while latest.pk in by_revised:
            latest = by_revised[latest.pk]
        source = revision.source
        result.append(
            RevisedMilestone(
                month=original.end_month,
                original=float(original.value),
                current=float(latest.value),
                reason=revision.revision_reason,
                source=str(source) if source else "",
                source_date=format_date(source.published_on) if source and source.published_on else "",
            )
        )
    return result


def unpublished_stretches(milestones: list[Milestone]) -> list[tuple[Milestone, Milestone]]:
    """Return each pair of consecutive published milestones with a year end between them that has no target.

    Only these stretches get a derived path: e.g. 2026-2030 between 12.400 at
    the end of 2025 and 10.000 at the end of 2031. Consecutive year targets
    need no path between them.
    """
    published = [m for m in milestones if m.is_published]
    return [
        (start, end)
        for start, end in pairwise(published)
        if Month(start.month.year, 12) + (12 if start.month.month == 12 else 0) < end.month
    ]


def derived_glide(milestones: list[Milestone]) -> dict[Month, float]:
    """Return the straight path through the published milestones, over the stretches without year targets.

    Every published milestone counts, in deadline order: a published 2028
    target splits 2025-2031 into two stretches. Milestones that are not
    published are ignored.
    """
    path: dict[Month, float] = {}
    for start, end in unpublished_stretches(milestones):
        path.update(glide_path([(start.month, start.value), (end.month, end.value)]))
    return path


def target_for_year(year: int, milestones: list[Milestone], glide: dict[Month, float]) -> Milestone | None:
    """Return the target for the end of `year`: the published one, else the derived glide-path value."""
    deadline = Month(year, 12)
    for milestone in milestones:
        if milestone.month == deadline:
            return milestone
    if deadline in glide:
        return Milestone(deadline, round(glide[deadline]), is_published=False)
    return None


def progress(
    caseload: dict[Month, int],
    targets: list[Target],
    until: Month,
    statuses: dict[Month, str] | None = None,
    official: dict[tuple[str, Month], str] | None = None,
    superseded: list[Target] | None = None,
    notes: dict[tuple[str, Month], str] | None = None,
) -> Progress:
    """Return the caseload's progress on the day `until` is the last complete month.

    The year is the year of the day after `until` (today's year): on 27-11-2026
    the last complete month is October 2026 and the year is 2026.
    """
    year = (until + 1).year
    milestones = published_milestones(targets)
    glide = derived_glide(milestones)
    goal = milestones[-1] if milestones else None
    year_target = target_for_year(year, milestones, glide)
    revised = revised_milestones(targets, superseded or [])
    months = [m for m in caseload if m <= until]
    if not months:
        return Progress(year=year, goal=goal, year_target=year_target, glide=glide, targets=milestones, revised=revised)

    latest = max(months)
    value = caseload[latest]
    start = Month(year - 1, 12)
    pace = actual_pace(caseload, latest)
    remaining = year_target.month - latest if year_target else None
    deadline = year_target.month if year_target else Month(year, 12)
    return Progress(
        year=year,
        latest=latest,
        latest_value=value,
        latest_status=(statuses or {}).get(latest, ""),
        latest_source=(official or {}).get((CaseloadIndicator.CASELOAD, latest)),
        latest_note=(notes or {}).get((CaseloadIndicator.CASELOAD, latest), ""),
        start_of_year=start,
        start_value=caseload.get(start),
        change_since_start=value - caseload[start] if start in caseload and start != latest else None,
        year_target=year_target,
        distance_to_year_target=value - year_target.value if year_target else None,
        months_remaining=remaining,
        required_pace=required_pace(year_target.value, value, remaining) if year_target else None,
        actual_pace=pace,
        goal=goal,
        distance_to_goal=value - goal.value if goal else None,
        status=stock_status(value, year_target.value, pace, remaining) if year_target else None,
        projection=project(value, latest, pace, deadline) if pace is not None and deadline > latest else {},
        glide=glide,
        targets=milestones,
        revised=revised,
    )


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

    @property
    def flows(self) -> list[FlowCell]:
        """Return inflow, outflow and outflow to work, each with the months it misses."""
        values = (self.inflow, self.outflow, self.outflow_to_work)
        return [
            FlowCell(v, self.missing.get(i.value, []), i.value in self.hidden)
            for i, v in zip(FLOW_INDICATORS, values, strict=True)
        ]


def _period_row(
    label: str, key: str, months: list[Month], values: dict[str, dict[Month, int]], hidden=frozenset()
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
    )


def _all_months(values: dict[str, dict[Month, int]], hidden) -> list[Month]:
    return sorted({m for series in values.values() for m in series} | {m for _, m in hidden})


def quarter_rows(values: dict[str, dict[Month, int]], hidden=frozenset()) -> list[PeriodRow]:
    """Return every quarter with data: the stock at its end, the flows summed.

    `hidden` holds (indicator, month) cells withheld from readers: a total that
    includes one is withheld too, or subtraction would reveal the month.
    """
    quarters = sorted({Quarter.of(m) for m in _all_months(values, hidden)})
    return [_period_row(q.label, q.key, q.months, values, hidden) for q in quarters]


def year_rows(values: dict[str, dict[Month, int]], hidden=frozenset()) -> list[PeriodRow]:
    """Return every year with data: the stock in December, the flows summed (see quarter_rows)."""
    years = sorted({m.year for m in _all_months(values, hidden)})
    return [_period_row(str(y), str(y), month_range(Month(y, 1), Month(y, 12)), values, hidden) for y in years]


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


def target_checks(figures: MonthlyFigures, targets: list[Target]) -> list[TargetCheck]:
    """Return each target with the caseload at its deadline (or the latest before it), from loaded figures."""
    caseload = figures.series(CaseloadIndicator.CASELOAD)
    checks = []
    for target in targets:
        months = [m for m in caseload if m <= target.end_month]
        if not months:
            checks.append(TargetCheck(target, target.end_month, None, False, False, None))
            continue
        month = max(months)
        checks.append(
            TargetCheck(
                target=target,
                month=month,
                value=caseload[month],
                is_final=month == target.end_month,
                is_official=(CaseloadIndicator.CASELOAD, month) in figures.official,
                difference=Decimal(caseload[month]) - target.value,
            )
        )
    return checks
