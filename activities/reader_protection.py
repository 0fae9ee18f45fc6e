"""Disclosure control as readers of the activity pages get it: which records and figures are withheld.

The rule itself is in protection.py.
"""

from __future__ import annotations

from nprz_dashboard import disclosure
from nprz_dashboard.formatting import format_value
from nprz_dashboard.periods import Month
from nprz_dashboard.units import COUNT_UNITS

from . import protection
from .models import ActivityRecord
from .selectors import targets_by_measure


def is_protected_unit(unit: str) -> bool:
    return unit in COUNT_UNITS


def reader_protection(measures, latest: Month) -> protection.Protection:
    """Return what a reader may not see of the measures' figures (two queries: their records and targets).

    Computed over every record of the measures, so a filter, a page of the records
    table, a year or an export never changes what is hidden.
    """
    protected = [m for m in measures if protection.is_protected(m)]
    if not protected:
        return protection.Protection({}, {})
    records = (
        ActivityRecord.objects.for_measures(protected)
        .order_by()
        .values_list("id", "measure_id", "area_id", "area__level", "month", "value")
    )
    return protection.protect(protected, records, targets_by_measure([m.id for m in protected]), latest)


def key_measure_shields(measures, series, targets, latest: Month) -> dict[int, protection.Shield]:
    """Return the shields of key measures from their loaded NPRZ series (one query for those recorded per area)."""
    protected = [m for m in measures if protection.is_protected(m)]
    by_area = [m for m in protected if m.by_area]
    records = []
    if by_area:
        records = list(
            ActivityRecord.objects.for_measures(by_area)
            .in_neighbourhoods()
            .order_by()
            .values_list("id", "measure_id", "area_id", "area__level", "month", "value")
        )
    for measure in protected:
        if not measure.by_area:  # the NPRZ series, as records of NPRZ as a whole
            records += [(None, measure.id, None, "programme", m.first_day, v) for m, v in series[measure.id].items()]
    return protection.protect(protected, records, targets, latest).shields


def protect_column(values: list[float | None], unit: str, protect: bool) -> tuple[list[str], list[bool]]:
    """Return how each value of a column of neighbourhoods is shown, and which are hidden.

    The neighbourhoods add up to the NPRZ total, so they form one group for
    complementary suppression. Editors (protect=False) and non-counts get the
    exact values.
    """

    def shown(value):
        return "–" if value is None else format_value(value, unit)

    if not protect or not is_protected_unit(unit):
        return [shown(v) for v in values], [False] * len(values)
    cells = dict(enumerate(values))
    hidden = disclosure.suppress(cells, [disclosure.Group(list(cells))])
    return (
        [disclosure.display(v, hidden.get(i), shown) for i, v in cells.items()],
        [i in hidden for i in cells],
    )
