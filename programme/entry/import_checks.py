"""The checks of an import against what is stored: totals that their parts contradict, plausibility warnings.

Used by importing.build_plan once every row is read; rows are importing.Row.
"""

from __future__ import annotations

from collections import defaultdict

from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Month

from . import totals
from .selectors import value_series, within
from .validation import EntryWarning, check_plausibility

WRITTEN_STATES = ("new", "changed")


def check_totals(rows: list, months: list[Month], stored, resolver) -> None:
    """Refuse a district or NPRZ row that its neighbourhoods contradict; totals follow from their parts.

    The parts are the stored neighbourhoods with this file's values over them. A
    total whose parts are incomplete stands on its own (it comes from elsewhere).
    """
    for month in months:
        totals_here = [r for r in rows if r.month == month and r.slot and r.slot.is_total and not r.errors]
        if not totals_here or all(r.value is None for r in totals_here):
            continue
        slots = list(resolver.slots(month).values())
        values = {s.key: stored[(month, s.key)].value for s in slots if s.is_caseload and (month, s.key) in stored}
        values.update(
            {r.slot.key: r.value for r in rows if r.month == month and r.slot and r.value is not None and not r.errors}
        )
        official = {s.key for s in slots if (month, s.key) in stored and stored[(month, s.key)].is_official}
        derived = totals.derive(totals.parts_of(slots), values, official)
        for row in totals_here:
            summed = derived.values.get(row.slot.key)
            if row.value is not None and summed is not None and row.value != summed:
                row.errors.append(
                    f"Dit totaal ({format_number(row.value)}) klopt niet met de som van de onderliggende "
                    f"gebieden ({format_number(summed)}). Totalen worden berekend uit de wijken: "
                    "laat deze regel weg of leeg, of verbeter de wijken."
                )


def plausibility(rows: list, months: list[Month], stored, resolver) -> list[EntryWarning]:
    """Run the entry form's plausibility checks on each month as it would be after the import."""
    warnings = []
    changed = {(row.month, row.slot.key): row.value for row in rows if row.state in WRITTEN_STATES}
    if not changed:
        return warnings
    history = value_series(months[0] - 12, months[-1] - 1)  # 2 queries for the whole file
    # Grouped by month once: a file of many months must not cost months × rows comparisons.
    changed_by_month: dict[Month, dict] = defaultdict(dict)
    for (m, key), value in changed.items():
        changed_by_month[m][key] = value
    stored_by_month: dict[Month, dict] = defaultdict(dict)
    for (m, key), figure in stored.items():
        stored_by_month[m][key] = figure.value
    for month in months:
        changes = changed_by_month.get(month)
        if not changes:
            continue
        slots = list(resolver.slots(month).values())
        values = stored_by_month[month] | changes
        found = check_plausibility(slots, values, set(changes), within(history, month - 12, month - 1), month)
        warnings.extend(EntryWarning(w.keys, f"{month.label}: {w.message}") for w in found)
    return warnings
