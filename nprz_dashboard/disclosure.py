"""Statistical disclosure control for figures that leave the team.

Rule (docs/domain.md, "Disclosure control"): counts from 1 up to the threshold (default 10) are shown
as "<10" (primary suppression). Where cells add up to a total, a group with
exactly one hidden cell would let a reader recompute it by subtraction, so a
second cell of that group is hidden as well (complementary suppression),
repeated until every group has none or at least two hidden cells. Zero is not
sensitive and stays visible. The exact rule is the municipality's policy
choice; the threshold is the DISCLOSURE_THRESHOLD setting.

This module is the one home of the rule, for every channel: who sees exact
small counts (`sees_exact`: the team that enters them, editors and managers;
nobody else, whatever the page, export, chart, PDF or API resource), which
cells are hidden (`suppress` and its parts; the areas' and activities' modules
only say which cells add up), how a hidden cell is shown (`display`,
`Withheld`), how a published figure is frozen and compared (`figure`,
`redact_snapshot`, `same_as_published`) and how a table sorts on a value a
reader may not see (`sort_shown`).
"""

import heapq
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .roles import EDITOR, has_role
from .units import COUNT_UNITS

PRIMARY = "primary"
COMPLEMENTARY = "complementary"
HIDDEN_COMPLEMENT = "x"


def sees_exact(user) -> bool:
    """Return whether a user sees exact small counts: editors and managers (and superusers), who enter them.

    Everyone else (viewers, the alderman, council staff, API readers) gets every
    figure through disclosure control. The only place that says who is in the team.
    """
    return has_role(user, EDITOR)


def masks_for(user) -> bool:
    """Return whether what a user gets passes disclosure control (the opposite of `sees_exact`)."""
    return not sees_exact(user)


def counts_people(unit: str) -> bool:
    """Return whether figures in a unit are counts of people or events, the figures disclosure control covers.

    Euros and percentages are not about identifiable people.
    """
    return unit in COUNT_UNITS


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
    once one of its cells was hidden since (its outcome can't change otherwise):
    in the same pass when it comes after the group that hid the cell, else in
    the next. GroupCompletion does the work; keep one to complete the same
    groups again after other cells were hidden.
    """
    return GroupCompletion(values, groups, rank)(hidden)


class GroupCompletion:
    """complete_groups for the same values and groups, run again and again as other rules hide more cells.

    The groups are prepared once. Each group's hidden cells are counted once and
    then kept up to date, so a pass costs the groups it checks, not every cell of
    every group (a month of 500 neighbourhoods is checked in constant time); a
    later run starts from the groups holding a cell hidden since the last one, in
    order, which are the only ones whose outcome can have changed.
    """

    def __init__(self, values, groups: Iterable[Group], rank=None):
        self.values, self.rank = values, rank
        with_cells = [(g, g.cells) for g in groups]  # Group.cells builds its list: once per group
        self.groups = [g for g, cells in with_cells if len(cells) > 1]
        self.cells_of = [[c for c in cells if values.get(c) is not None] for _, cells in with_cells if len(cells) > 1]
        self.containing: dict = {}
        for index, cells in enumerate(self.cells_of):
            for c in cells:
                self.containing.setdefault(c, []).append(index)
        self.hidden_in: list[int] | None = None  # per group, its hidden cells (once counted)
        self.counted: set = set()  # the hidden cells the counts include

    def __call__(self, hidden: dict) -> bool:
        """Complete the groups against `hidden` (changed in place); return whether a cell was hidden."""
        if self.hidden_in is None:
            self.hidden_in = [sum(c in hidden for c in cells) for cells in self.cells_of]
            first = set(range(len(self.groups)))
        else:
            first = set()
            for cell in [c for c in hidden if c not in self.counted]:
                for index in self.containing.get(cell, ()):
                    self.hidden_in[index] += 1
                    first.add(index)
        added = self._passes(hidden, first)
        self.counted = set(hidden)
        return added

    def _passes(self, hidden: dict, first: set) -> bool:
        hidden_in, containing = self.hidden_in, self.containing
        this_pass, queued, next_pass = sorted(first), set(first), set()
        added = False
        while this_pass:
            index = heapq.heappop(this_pass)
            queued.discard(index)
            if hidden_in[index] == 1:
                cells = self.cells_of[index]
                if self.rank is None:
                    candidate = _complement(self.groups[index], cells, hidden, self.values)
                else:
                    candidate = _ranked_complement(cells, hidden, self.values, self.rank)
                if candidate is not None:
                    hidden[candidate] = COMPLEMENTARY
                    added = True
                    for other in containing[candidate]:
                        hidden_in[other] += 1
                        if other > index:
                            if other not in queued:
                                queued.add(other)
                                heapq.heappush(this_pass, other)
                        else:
                            next_pass.add(other)
            if not this_pass and next_pass:
                this_pass, queued, next_pass = sorted(next_pass), set(next_pass), set()
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


def marker(reason: str | None, threshold: int | None = None) -> str | None:
    """Return the marker a hidden cell shows ('<10' or 'x'), or None for a cell that is shown."""
    return display(None, reason, threshold=threshold) if reason else None


# A display that stands for a withheld count: "<10" (any threshold) or "x".
_MARKER = re.compile(rf"^(<\d+|{HIDDEN_COMPLEMENT})$")


def is_marker(text) -> bool:
    """Return whether a shown text is a disclosure marker, not a figure."""
    return isinstance(text, str) and bool(_MARKER.match(text))


# --- published figures (the quarterly report's snapshot) ---------------------------------


def figure(label: str, value, display_text: str) -> dict:
    """Return one published figure: label, value and display; a withheld figure keeps no value.

    A report's snapshot is what the council saw: where it shows "<10" or "x", it
    holds no number behind it, so no channel that serves the snapshot can leak one.
    """
    return {"label": label, "value": None if is_marker(display_text) else value, "display": display_text}


def redact_snapshot(snapshot: dict) -> dict:
    """Return a report snapshot with the value behind every withheld figure removed (older versions kept it)."""
    figures = snapshot.get("figures")
    if not isinstance(figures, dict):
        return snapshot
    redacted = {key: figure(entry["label"], entry.get("value"), entry["display"]) for key, entry in figures.items()}
    return {**snapshot, "figures": redacted}


def same_as_published(old: dict | None, new: dict | None) -> bool:
    """Return whether a figure is still what was published: the same value, or for a withheld one the same marker.

    A withheld figure is compared by what readers saw: a correction from 6 to 7
    behind "<10" changes nothing they read, one from "<10" to 12 does.
    """
    old, new = old or {}, new or {}
    if is_marker(old.get("display")) or is_marker(new.get("display")):
        return old.get("display") == new.get("display")
    return old.get("value") == new.get("value")


# --- sorting on a value readers may not see ---------------------------------------------


def sort_shown(rows: Sequence, value: Callable, withheld: Callable, descending: bool = False) -> list:
    """Return rows sorted on a value as a reader sees it: shown values in order, then withheld cells, then empty ones.

    The withheld cells keep the order `rows` came in (the table's own order,
    by month and area), in both directions: where a hidden cell lands says
    nothing about its value. Ties among shown values keep that order too.
    """
    shown = [r for r in rows if not withheld(r) and value(r) is not None]
    shown.sort(key=value, reverse=descending)  # stable, also reversed
    hidden = [r for r in rows if withheld(r)]
    empty = [r for r in rows if not withheld(r) and value(r) is None]
    return shown + hidden + empty
