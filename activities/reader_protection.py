"""Disclosure control as readers of the activity pages get it: which records and figures are withheld.

The rule itself is in protection.py.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from nprz_dashboard import disclosure
from nprz_dashboard.formatting import format_value
from nprz_dashboard.periods import Month

from . import protection
from .models import ActivityRecord
from .selectors import targets_by_measure


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


def key_measure_shields(
    measures, series, targets, latest: Month, span: tuple[Month, Month] | None = None
) -> dict[int, protection.Shield]:
    """Return the shields of key measures from their loaded NPRZ series (one query for those recorded per area).

    With `span` (first and last month a page shows) only the years decided together
    with it are read (`protection.decided_together`): the cells shown are hidden as
    when every year is read, from a year's records instead of all of history.
    """
    protected = [m for m in measures if protection.is_protected(m)]
    years = {m.id: protection.decided_together(*span, targets.get(m.id, []), latest) for m in protected} if span else {}
    by_area = [m for m in protected if m.by_area]
    records = []
    if by_area:
        query = ActivityRecord.objects.for_measures(by_area).in_neighbourhoods()
        if span:  # each measure's own years, in one query
            query = query.filter(reduce(or_, (_in_months(m, *years[m.id]) for m in by_area)))
        records = list(query.order_by().values_list("id", "measure_id", "area_id", "area__level", "month", "value"))
    for measure in protected:
        if not measure.by_area:  # the NPRZ series, as records of NPRZ as a whole
            first, last = years.get(measure.id, (None, None))
            records += [
                (None, measure.id, None, "programme", m.first_day, v)
                for m, v in series[measure.id].items()
                if first is None or first <= m <= last
            ]
    return protection.protect(protected, records, targets, latest).shields


def _in_months(measure, first: Month, last: Month) -> Q:
    return Q(measure=measure, month__gte=first.first_day, month__lte=last.first_day)


def protect_column(values: list[float | None], unit: str, protect: bool) -> tuple[list[str], list[bool]]:
    """Return how each value of a column of neighbourhoods is shown, and which are hidden.

    The neighbourhoods add up to the NPRZ total, so they form one group for
    complementary suppression. Editors (protect=False) and non-counts get the
    exact values.
    """

    def shown(value):
        return "–" if value is None else format_value(value, unit)

    if not protect or not disclosure.counts_people(unit):
        return [shown(v) for v in values], [False] * len(values)
    cells = dict(enumerate(values))
    hidden = disclosure.suppress(cells, [disclosure.Group(list(cells))])
    return (
        [disclosure.display(v, hidden.get(i), shown) for i, v in cells.items()],
        [i in hidden for i in cells],
    )
