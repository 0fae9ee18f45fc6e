"""Disclosure control for activity figures that readers see: one rule for tables, charts, sentences and exports.

A reader (no editor role) never sees a count of people or events from 1 up to
the threshold (domain.md §8), wherever it would appear, and never two shown
numbers whose difference is such a count. Per protected measure (a count, not
a ratio) the cells a page can show are:

- ("month", m): the NPRZ value of month m (a record, or the sum of the
  neighbourhoods' records for a measure recorded per neighbourhood);
- ("sum", start, m): the running total from `start` up to m, for every
  calendar year (start = January) and every target (start = its first month):
  the year-to-date values, the cumulative charts and the sentences show these;
- ("area", area id, m): a neighbourhood's record;
- ("area-sum", area id, start, end): a neighbourhood's total over a year up to
  its last month (the chart per neighbourhood and the outcomes table).

They add up: sum(start, m) = sum(start, m - 1) + month(m); month(m) = the
neighbourhoods of m; area-sum = the neighbourhood's months; sum(January, end) =
the neighbourhoods' area-sums. `disclosure.suppress` hides every count under the
threshold and then, group by group, a second cell wherever a single hidden one
could be worked out by subtraction; it hides points on a running total before
monthly figures, and a year's total last.

Inside a shield a month is its number (`month_index`: year × 12 + month − 1),
not a Month: the suppression hashes cells millions of times at programme scale,
and a number hashes four times faster. The Shield's methods take Months.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from nprz_dashboard import disclosure
from nprz_dashboard.periods import FLOW, RATIO, STOCK, Month

# What a complement hides first: a point on a running total, then a neighbourhood's
# total, then a monthly figure, and a total a page leads with only as a last resort.
RUNNING, AREA_TOTAL, FIGURE, HEADLINE = 0, 1, 2, 3
COST = {RUNNING: 1, AREA_TOTAL: 4, FIGURE: 16, HEADLINE: 256}  # of hiding a cell to cut a derivation


def is_protected(measure) -> bool:
    """Return whether a measure's figures are counts that readers see protected."""
    return disclosure.counts_people(measure.unit) and measure.kind != RATIO


@dataclass(frozen=True)
class Shield:
    """The cells of one measure withheld from readers: {cell: 'primary' | 'complementary'}."""

    kind: str
    hidden: dict

    def marker(self, cell) -> str | None:
        reason = self.hidden.get(cell)
        return disclosure.marker(reason)

    def month(self, month: Month) -> str | None:
        return self.marker(("month", month_index(month)))

    def running(self, start: Month, month: Month) -> str | None:
        return self.marker(("sum", month_index(start), month_index(month)))

    def area(self, area_id: int, month: Month) -> str | None:
        return self.marker(("area", area_id, month_index(month)))

    def area_total(self, area_id: int, start: Month, end: Month) -> str | None:
        """Return the marker of a neighbourhood's value over start..end as shown (a flow's sum, a stock's end)."""
        if self.kind == STOCK:
            return self.area(area_id, end)
        return self.marker(("area-sum", area_id, month_index(start), month_index(end)))

    def period(self, start: Month | None, end: Month | None) -> str | None:
        """Return the marker of the measure's NPRZ value over start..end (a flow's sum, a stock's end)."""
        if end is None:
            return None
        if self.kind == STOCK or start is None:
            return self.month(end)
        return self.running(start, end)

    def progress(self, progress):
        """Return the progress with its value withheld (shown as its marker) when readers may not see it."""
        if progress.value is None or progress.is_official:  # a published official total is public
            return progress
        marker = self.period(progress.start, progress.as_of)
        return replace(progress, value=disclosure.Withheld(marker)) if marker else progress


def month_index(month: Month) -> int:
    """Return a month as the number a shield's cells hold: year × 12 + month − 1."""
    return month.year * 12 + month.month - 1


def chain_ends(months, targets, latest: int) -> dict[int, int]:
    """Return the running totals a page can show: their first month → their last month (month numbers).

    Every year with figures runs from January; every target from its first month
    to its end (a target over several years runs on past December).
    """
    ends: dict[int, int] = {}
    for year in sorted({m // 12 for m in months}):
        ends[year * 12] = min(year * 12 + 11, latest)
    for target in targets:
        start, end = month_index(target.start_month), min(month_index(target.end_month), latest)
        if start <= end:
            ends[start] = max(ends.get(start, end), end)
    return ends


def decided_together(start: Month, end: Month, targets, latest: Month) -> tuple[Month, Month]:
    """Return the whole years around start..end whose cells a shield decides together: their first and last month.

    A shield's cells of different calendar years meet only at the turn of a year:
    each year's running total starts in January, a month's neighbourhoods and a
    year's area totals add up within their year. Only a target's running total can
    run across a turn. Between two turns that no target crosses, the suppression
    hides exactly the cells it hides when built from every year, so a page that
    shows one year needs only those years' records (tests/activities pin this).
    """

    def crossed(year: int) -> bool:  # a target's running total runs from this year into the next
        turn = Month(year, 12)
        return any(t.start_month <= turn < min(t.end_month, latest) for t in targets)

    first, last = start.year, end.year
    while crossed(first - 1):
        first -= 1
    while crossed(last):
        last += 1
    return Month(first, 1), Month(last, 12)


def build_shield(
    kind: str,
    nprz: dict[Month, float],
    areas: dict[tuple[int, Month], float],
    targets,
    latest: Month,
    threshold: int | None = None,
) -> Shield:
    """Return what readers may not see of one measure, from its NPRZ values, its neighbourhoods' and its targets."""
    return _build(
        kind,
        {month_index(m): v for m, v in nprz.items()},
        {(area_id, month_index(m)): v for (area_id, m), v in areas.items()},
        targets,
        month_index(latest),
        threshold,
    )


def _build(kind: str, nprz: dict[int, float], areas: dict[tuple[int, int], float], targets, latest: int, threshold):
    """build_shield on month numbers."""
    values: dict[tuple, float] = {}
    ranks: dict[tuple, int] = {}
    groups: list[disclosure.Group] = []
    ends: dict[tuple, tuple[int, int]] = {}  # a flow's months and running totals as differences of points

    def cell(key, value, rank):
        values[key], ranks[key] = value, rank
        return key

    for month, value in nprz.items():
        cell(("month", month), value, FIGURE)
        if kind == FLOW:
            ends[("month", month)] = (month - 1, month)
    by_month = defaultdict(list)
    for (area_id, month), value in areas.items():
        by_month[month].append(cell(("area", area_id, month), value, FIGURE))
    for month, parts in by_month.items():
        groups.append(disclosure.Group(parts, total=("month", month)))
    if kind == FLOW:
        for start, end in chain_ends(nprz, targets, latest).items():
            _running_totals(start, end, nprz, cell, ends)
        groups += _area_totals(areas, latest, cell, values)
    hidden = disclosure.primary(values, threshold)
    # Sums of consecutive months are differences of points on one line: hide until no hidden
    # count is the difference of shown ones. Neighbourhoods add up in groups (not on a line).
    complete = disclosure.GroupCompletion(values, groups, ranks.__getitem__)  # prepared once for every round
    changed = True
    while changed:
        changed = disclosure.hide_differences(values, ends, hidden, lambda c: COST[ranks[c]])
        changed = complete(hidden) or changed
    return Shield(kind, hidden)


def _running_totals(start: int, end: int, nprz, cell, ends) -> None:
    months = range(start, end + 1)
    last = max((m for m in months if m in nprz), default=None)
    if last is None:
        return
    total, started = 0.0, False
    for month in months:
        started = started or month in nprz
        if not started:
            continue
        total += nprz.get(month, 0.0)
        key = cell(("sum", start, month), total, HEADLINE if month >= last else RUNNING)
        ends[key] = (start - 1, month)


def _area_totals(areas, latest: int, cell, values) -> list[disclosure.Group]:
    """Each neighbourhood's total per year up to its last month, and how they add up to NPRZ's."""
    by_year: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for (area_id, month), value in areas.items():  # one pass, in the order given
        if month <= latest:
            by_year[month // 12][area_id].append((month, value))
    groups = []
    for year in sorted(by_year):
        start, end = year * 12, min(year * 12 + 11, latest)
        totals = []
        for area_id, months in by_year[year].items():
            key = cell(("area-sum", area_id, start, end), sum(v for _, v in months), AREA_TOTAL)
            groups.append(disclosure.Group([("area", area_id, m) for m, _ in months], total=key))
            totals.append(key)
        if ("sum", start, end) in values:
            groups.append(disclosure.Group(totals, total=("sum", start, end)))
    return groups


@dataclass(frozen=True)
class Protection:
    """What readers may not see of an activity's measures: a shield per protected measure, and hidden records."""

    shields: dict[int, Shield]
    records: dict[int, str]  # record id → 'primary' | 'complementary', for the records table and its exports

    def shield(self, measure) -> Shield | None:
        return self.shields.get(measure.id)


def protect(measures, records, targets: dict[int, list], latest: Month) -> Protection:
    """Return the protection of the measures from their records and targets.

    `records` are (id, measure id, area id, area level, month, value) rows of the
    protected measures; `targets` the targets per measure id.
    """
    protected = {m.id: m for m in measures if is_protected(m)}
    nprz: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    areas: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    where: dict[int, tuple] = {}
    month_of: dict = {}  # month_index of each day seen: thousands of records share a few months
    # In month and area order, whatever order the database returned: which cell a tie hides must not depend on it.
    for record_id, measure_id, area_id, level, day, value in sorted(records, key=_month_and_area):
        measure = protected.get(measure_id)
        if measure is None:
            continue
        month = month_of.get(day)
        if month is None:
            month = month_of[day] = day.year * 12 + day.month - 1
        if measure.by_area and level == "neighbourhood":
            value = float(value)
            areas[measure_id][(area_id, month)] = value
            nprz[measure_id][month] += value
            place = (measure_id, ("area", area_id, month))
        elif not measure.by_area and level == "programme":
            nprz[measure_id][month] = float(value)
            place = (measure_id, ("month", month))
        else:  # a record outside the NPRZ total: masked on its own
            place = (measure_id, None, float(value))
        if record_id is not None:
            where[record_id] = place
    shields = {
        measure_id: _build(measure.kind, dict(nprz[measure_id]), areas[measure_id], targets.get(measure_id, []),
                           month_index(latest), None)
        for measure_id, measure in protected.items()
    }  # fmt: skip
    hidden = {}
    for record_id, place in where.items():
        if place[1] is None:
            if 0 < place[2] < disclosure.threshold_default():
                hidden[record_id] = disclosure.PRIMARY
        elif reason := shields[place[0]].hidden.get(place[1]):
            hidden[record_id] = reason
    return Protection(shields, hidden)


def _month_and_area(record: tuple) -> tuple:
    return record[4], record[2] or 0
