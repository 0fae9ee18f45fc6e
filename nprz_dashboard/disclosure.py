"""Statistical disclosure control for figures that leave the team.

Rule (docs/domain.md, "Disclosure control"): counts from 1 up to the threshold (default 10) are shown
as "<10" (primary suppression). Where cells add up to a total, a group with
exactly one hidden cell would let a reader recompute it by subtraction, so a
second cell of that group is hidden as well (complementary suppression),
repeated until every group has none or at least two hidden cells. Zero is not
sensitive and stays visible. The exact rule is the municipality's policy
choice; the threshold is the DISCLOSURE_THRESHOLD setting.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

PRIMARY = "primary"
COMPLEMENTARY = "complementary"
HIDDEN_COMPLEMENT = "x"


def legend(threshold: int | None = None) -> str:
    """Return the Dutch explanation printed under a protected table."""
    limit = threshold_default() if threshold is None else threshold
    return (
        f"<{limit} = minder dan {limit} (maar meer dan 0); "
        "x = afgeschermd, zodat een verborgen aantal niet uit een totaal te herleiden is."
    )


class Withheld:
    """A count withheld from readers: it prints as its marker ("<10" or "x") and is never a number.

    Put in place of a value that pages format with `formatting`, so every place
    that shows the value shows the marker, and no sum or percentage can use it.
    """

    __slots__ = ("marker",)

    def __init__(self, marker: str):
        self.marker = marker

    def __str__(self) -> str:
        return self.marker

    def __repr__(self) -> str:
        return f"Withheld({self.marker!r})"


@dataclass(frozen=True)
class Group:
    """Cells that add up: `parts` sum to `total` (which may be absent from the table)."""

    parts: Sequence[Hashable]
    total: Hashable | None = None

    @property
    def cells(self) -> list[Hashable]:
        return [*self.parts, *([self.total] if self.total is not None else [])]


def threshold_default() -> int:
    from django.conf import settings

    return settings.DISCLOSURE_THRESHOLD


def suppress(
    values: Mapping[Hashable, float | int | None],
    groups: Iterable[Group] = (),
    threshold: int | None = None,
    rank: Callable[[Hashable], int] | None = None,
) -> dict[Hashable, str]:
    """Return the hidden cells and why: {cell: 'primary' | 'complementary'}.

    With `rank`, a complement is the visible cell of the group (part or total) with
    the lowest rank, then the smallest non-zero value: a caller ranks the cells it
    would rather hide (a point on a running total) below those it would rather show
    (a monthly figure, a year's total).
    """
    hidden = primary(values, threshold)
    complete_groups(values, groups, hidden, rank)
    return hidden


def primary(values: Mapping[Hashable, float | int | None], threshold: int | None = None) -> dict[Hashable, str]:
    """Return the cells with a count from 1 up to the threshold."""
    limit = threshold_default() if threshold is None else threshold
    return {key: PRIMARY for key, value in values.items() if value is not None and 0 < value < limit}


def complete_groups(values, groups: Iterable[Group], hidden: dict, rank=None) -> bool:
    """Hide a second cell in every group with exactly one hidden cell, until none is left; return whether any was.

    Groups are checked in order, pass after pass; a group is checked again only
    once one of its cells was hidden since (its outcome can't change otherwise).
    """
    groups = [g for g in groups if len(g.cells) > 1]
    cells_of = [[c for c in g.cells if c in values and values[c] is not None] for g in groups]
    containing: dict = {}
    for index, cells in enumerate(cells_of):
        for c in cells:
            containing.setdefault(c, []).append(index)
    unchecked = set(range(len(groups)))
    added = False
    while unchecked:
        for index, group in enumerate(groups):
            if index not in unchecked:
                continue
            unchecked.discard(index)
            cells = cells_of[index]
            if sum(c in hidden for c in cells) != 1:
                continue
            if rank is None:
                candidate = _complement(group, cells, hidden, values)
            else:
                candidate = _ranked_complement(cells, hidden, values, rank)
            if candidate is not None:
                hidden[candidate] = COMPLEMENTARY
                unchecked.update(containing[candidate])
                added = True
    return added


def hide_differences(values, ends: Mapping[Hashable, tuple], hidden: dict, cost: Callable[[Hashable], float]) -> bool:
    """Hide more cells until no hidden cell can be worked out as a difference of shown ones; return whether any were.

    Each cell in `ends` is the difference between two points (a running total
    from month a to month m is "the total at m" minus "the total before a"; a
    month is the step from the month before). Shown cells link their points, and
    a hidden cell whose two points are linked by shown cells is known after all.
    Then the cheapest set of shown cells that separates those points (a minimum
    cut, by `cost`) is hidden as well.
    """
    added = False
    while True:
        shown = {c: e for c, e in ends.items() if c not in hidden and values.get(c) is not None}
        part_of = _components(_links(shown))
        leak = next(
            (
                c
                for c, (a, b) in ends.items()
                if c in hidden and values.get(c) is not None and part_of.get(a, a) == part_of.get(b, b)
            ),
            None,
        )
        if leak is None:
            return added
        for cell in _minimum_cut(shown, *ends[leak], cost):
            hidden[cell] = COMPLEMENTARY
        added = True


def _links(ends) -> dict:
    links: dict = {}
    for a, b in ends.values():
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    return links


def _components(links) -> dict:
    """Return, for every linked point, the first point of its connected part (points linked by shown cells)."""
    part_of: dict = {}
    for first in links:
        if first in part_of:
            continue
        part_of[first] = first
        queue = [first]
        for point in queue:
            for nxt in links[point]:
                if nxt not in part_of:
                    part_of[nxt] = first
                    queue.append(nxt)
    return part_of


def _minimum_cut(shown: Mapping[Hashable, tuple], source, sink, cost) -> list:
    """Return the shown cells of a cheapest cut between two points (Edmonds–Karp on the cells' links)."""
    capacity: dict = {}
    for cell, (a, b) in shown.items():
        capacity[(a, b)] = capacity.get((a, b), 0.0) + cost(cell)
        capacity[(b, a)] = capacity.get((b, a), 0.0) + cost(cell)
    links = _links(shown)
    flow: dict = {}
    while True:
        parent = {source: None}
        queue = [source]
        for point in queue:
            for nxt in links.get(point, ()):
                if nxt not in parent and capacity[(point, nxt)] - flow.get((point, nxt), 0.0) > 1e-9:
                    parent[nxt] = point
                    queue.append(nxt)
        if sink not in parent:
            return [c for c, (a, b) in shown.items() if (a in parent) != (b in parent)]
        steps, point = [], sink
        while parent[point] is not None:
            steps.append((parent[point], point))
            point = parent[point]
        room = min(capacity[step] - flow.get(step, 0.0) for step in steps)
        for a, b in steps:
            flow[(a, b)] = flow.get((a, b), 0.0) + room
            flow[(b, a)] = flow.get((b, a), 0.0) - room


def _ranked_complement(cells, hidden, values, rank):
    visible = [c for c in cells if c not in hidden]
    if not visible:
        return None
    return min(visible, key=lambda c: (not values[c], rank(c), values[c]))


def _complement(group: Group, cells, hidden, values):
    """Pick the visible part with the smallest non-zero value; fall back to the total or a zero."""
    visible_parts = [c for c in group.parts if c in cells and c not in hidden]
    non_zero = [c for c in visible_parts if values[c]]
    if non_zero:
        return min(non_zero, key=lambda c: values[c])
    if group.total is not None and group.total in cells and group.total not in hidden:
        return group.total
    return visible_parts[0] if visible_parts else None


def display(value, reason: str | None, formatter=str, threshold: int | None = None) -> str:
    """Return what a published table shows for a cell."""
    if reason == PRIMARY:
        return f"<{threshold_default() if threshold is None else threshold}"
    if reason == COMPLEMENTARY:
        return HIDDEN_COMPLEMENT
    return formatter(value)
