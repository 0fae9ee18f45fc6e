"""How many areas a page lists at once, and which, so a page costs what it shows, not how many areas exist.

NPRZ has 22 neighbourhoods; the bench's scaled variant 496. A select of every
area, a chart with a bar per neighbourhood or a table with a row per
neighbourhood grows with them, and beyond a few dozen nobody reads it whole.
Up to the limits below a page shows every area, as before; beyond them it
shows a bounded choice and says so, with a way to the rest (a search, or a
link that asks for every neighbourhood).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Row = TypeVar("Row")

# A select lists every area up to this many; beyond it, NPRZ, the districts and the focus
# neighbourhoods, and a search field finds the others.
AREA_SELECT_LIMIT = 60
# A chart or table per neighbourhood shows at most this many rows unless every one is asked for.
NEIGHBOURHOODS_SHOWN = 30
# A search lists at most this many areas found.
SEARCH_RESULTS = 20
# The query parameter and value that ask a page for every neighbourhood.
ALL_PARAMETER, ALL_VALUE = "wijken", "alle"


def wants_all(request) -> bool:
    """Return whether the request asks for every neighbourhood (?wijken=alle)."""
    return request.GET.get(ALL_PARAMETER) == ALL_VALUE


def all_url(request, anchor: str = "") -> str:
    """Return the page's own address with every neighbourhood asked for, at `anchor`."""
    query = request.GET.copy()
    query[ALL_PARAMETER] = ALL_VALUE
    return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")


def choose(
    rows: Sequence[Row],
    *,
    keep: Callable[[Row], bool],
    rank: Callable[[Row], float | None],
    limit: int | None = None,
) -> list[Row]:
    """Return the rows to show, in their own order: all up to `limit`; beyond it a bounded choice.

    The choice holds every row `keep` says (the focus neighbourhoods), then the
    rows with the lowest and the highest `rank` in turn (the strongest fall and
    rise), until `limit` rows are chosen (NEIGHBOURHOODS_SHOWN by default). A row
    without a rank (no value, or a value withheld) is chosen only when kept.
    """
    limit = NEIGHBOURHOODS_SHOWN if limit is None else limit
    if len(rows) <= limit:
        return list(rows)
    chosen = {index for index, row in enumerate(rows) if keep(row)}
    ranked = sorted(
        (index for index, row in enumerate(rows) if index not in chosen and rank(row) is not None),
        key=lambda index: rank(rows[index]),
    )
    low, high = 0, len(ranked) - 1
    take_low = True
    while len(chosen) < limit and low <= high:
        if take_low:
            chosen.add(ranked[low])
            low += 1
        else:
            chosen.add(ranked[high])
            high -= 1
        take_low = not take_low
    return [row for index, row in enumerate(rows) if index in chosen]
