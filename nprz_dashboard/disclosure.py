"""Statistical disclosure control for figures that leave the team.

Rule (docs/domain.md, "Disclosure control"): counts from 1 up to the threshold (default 10) are shown
as "<10" (primary suppression). Where cells add up to a total, a group with
exactly one hidden cell would let a reader recompute it by subtraction, so a
second cell of that group is hidden as well (complementary suppression),
repeated until every group has none or at least two hidden cells. Zero is not
sensitive and stays visible. The exact rule is the municipality's policy
choice; the threshold is the DISCLOSURE_THRESHOLD setting.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
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
    values: Mapping[Hashable, float | int | None], groups: Iterable[Group] = (), threshold: int | None = None
) -> dict[Hashable, str]:
    """Return the hidden cells and why: {cell: 'primary' | 'complementary'}."""
    limit = threshold_default() if threshold is None else threshold
    hidden = {key: PRIMARY for key, value in values.items() if value is not None and 0 < value < limit}
    groups = [g for g in groups if len(g.cells) > 1]
    changed = True
    while changed:
        changed = False
        for group in groups:
            cells = [c for c in group.cells if c in values and values[c] is not None]
            if sum(c in hidden for c in cells) != 1:
                continue
            candidate = _complement(group, cells, hidden, values)
            if candidate is not None:
                hidden[candidate] = COMPLEMENTARY
                changed = True
    return hidden


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
