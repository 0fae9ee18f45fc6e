"""The disclosure rule for activity figures: no small count shown, and none to be worked out from what is shown."""

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from activities.protection import build_shield
from nprz_dashboard.periods import Month, month_range

YEAR = [Month(2026, m) for m in range(1, 13)]
LATEST = Month(2026, 12)


@dataclass
class Target:
    start_month: Month
    end_month: Month


def shield_of(values, targets=(), latest=LATEST):
    return build_shield("flow", dict(zip(YEAR, values, strict=False)), {}, list(targets), latest, threshold=10)


def test_nothing_is_hidden_when_every_count_is_large_enough():
    assert shield_of([20] * 12).hidden == {}


def test_a_small_month_takes_a_second_month_with_it_and_the_points_between_them():
    shield = shield_of([20, 20, 20, 4, 20, 20, 20, 20, 20, 20, 20, 20])
    hidden_months = [m.month for m in YEAR if shield.month(m)]
    assert shield.month(Month(2026, 4)) == "<10"
    assert len(hidden_months) == 2  # the year's total is shown, so one month alone would give it away
    assert shield.running(Month(2026, 1), Month(2026, 12)) is None  # the year's total stays
    first, second = hidden_months
    # no two shown running totals enclose exactly one hidden month
    for month in month_range(Month(2026, first), Month(2026, second - 1)):
        assert shield.running(Month(2026, 1), month) == "x" or month.month < first


def test_when_every_month_is_small_only_the_total_is_shown():
    shield = shield_of([3, 4, 2, 5, 1, 3, 4, 2, 5, 1, 3, 4])
    assert all(shield.month(m) == "<10" for m in YEAR)
    shown = [m.month for m in YEAR if not shield.running(Month(2026, 1), m)]
    assert shown == [12]


def test_a_small_running_total_is_hidden_itself():
    shield = shield_of([0, 0, 3, 20, 20, 20, 20, 20, 20, 20, 20, 20])
    assert shield.running(Month(2026, 1), Month(2026, 3)) == "<10"


def test_a_small_year_total_is_withheld_too():
    shield = shield_of([1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0])
    assert shield.running(Month(2026, 1), Month(2026, 12)) == "<10"


def derivable(shield, values, anchors) -> list[Month]:
    """Return hidden months that shown months and shown running totals pin down (by connecting their ends)."""
    parent = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(a, b):
        parent[find(a)] = find(b)

    for month, value in zip(YEAR, values, strict=False):
        if value is not None and not shield.month(month):
            join(month - 1, month)
    for start, end in anchors.items():
        for month in month_range(start, end):
            key = ("sum", start, month)
            if key in shield_cells(shield, values, start, month) and not shield.running(start, month):
                join(start - 1, month)
    return [m for m, v in zip(YEAR, values, strict=False) if v and shield.month(m) and find(m - 1) == find(m)]


def shield_cells(shield, values, start, month):
    present = [m for m, v in zip(YEAR, values, strict=False) if v is not None and start <= m <= month]
    return {("sum", start, month)} if present else set()


@settings(max_examples=150, deadline=None, database=None)
@given(
    values=st.lists(st.integers(min_value=0, max_value=25), min_size=12, max_size=12),
    target_start=st.integers(min_value=1, max_value=12),
)
def test_no_hidden_month_can_be_worked_out_from_what_is_shown(values, target_start):
    start = Month(2026, target_start)
    shield = shield_of(values, [Target(start, Month(2026, 12))])
    anchors = {Month(2026, 1): LATEST, start: LATEST}
    assert derivable(shield, values, anchors) == []
    shown_small = [v for m, v in zip(YEAR, values, strict=True) if 0 < v < 10 and not shield.month(m)]
    assert shown_small == []


def test_neighbourhoods_add_up_to_the_month_so_a_hidden_month_hides_a_neighbourhood():
    areas = {(1, Month(2026, 1)): 20.0, (2, Month(2026, 1)): 4.0, (3, Month(2026, 1)): 30.0}
    shield = build_shield("flow", {Month(2026, 1): 54.0}, areas, [], Month(2026, 1), threshold=10)
    assert shield.area(2, Month(2026, 1)) == "<10"
    assert shield.area(1, Month(2026, 1)) == "x"  # else 54 − 20 − 30 would give the 4 away
    assert shield.area_total(2, Month(2026, 1), Month(2026, 1)) == "<10"


@dataclass
class Measure:
    id: int = 1
    unit: str = "count"
    kind: str = "flow"
    by_area: bool = True


YEARS = month_range(Month(2024, 1), Month(2026, 12))


def cell_month(cell) -> int:
    """Return the last month a shield's cell covers (every kind of cell ends with its month number)."""
    return cell[-1]


@settings(max_examples=100, deadline=None, database=None)
@given(
    values=st.lists(st.integers(min_value=0, max_value=8), min_size=3 * 36, max_size=3 * 36),
    windows=st.lists(st.tuples(st.integers(0, 35), st.integers(0, 35)), max_size=3),
    latest=st.integers(min_value=24, max_value=35),
    year=st.sampled_from([2024, 2025, 2026]),
)
def test_the_years_decided_together_are_hidden_as_when_every_year_is_read(values, windows, latest, year):
    """A page that reads only its year's records (and the years a target ties to it) hides the same cells."""
    from activities.protection import decided_together, month_index, protect

    measure, latest = Measure(), YEARS[latest]
    targets = [Target(YEARS[min(a, b)], YEARS[max(a, b)]) for a, b in windows]
    records = [
        (index, 1, area, "neighbourhood", month.first_day, float(values[index]))
        for index, (area, month) in enumerate((area, month) for area in (1, 2, 3) for month in YEARS)
        if month <= latest
    ]
    everything = protect([measure], records, {1: targets}, latest)
    first, last = decided_together(Month(year, 1), Month(year, 12), targets, latest)
    part = protect([measure], [r for r in records if first.first_day <= r[4] <= last.first_day], {1: targets}, latest)
    within = range(month_index(first), month_index(last) + 1)
    expected = {c: r for c, r in everything.shields[1].hidden.items() if cell_month(c) in within}
    assert part.shields[1].hidden == expected
    day_of = {r[0]: r[4] for r in records}
    assert part.records == {
        i: r for i, r in everything.records.items() if first.first_day <= day_of[i] <= last.first_day
    }
