"""The checks of an import against what is stored: totals that follow from their parts, and the consistency rules.

Used by importing.build_plan once every row is read; rows are importing.Row.
"""

from __future__ import annotations

from collections import defaultdict

from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Month

from . import rules, totals
from .selectors import value_series

WRITTEN_STATES = ("new", "changed")


def check_totals(rows: list, months: list[Month], stored, resolver) -> None:
    """Ignore a district or NPRZ row whose parts are complete: a total follows from its parts.

    The parts are the stored neighbourhoods with this file's values over them; the
    write path stores the total they make. A total whose parts are incomplete
    stands on its own (it comes from elsewhere) and is imported as given.
    """
    by_month = defaultdict(list)  # grouped once: a file of many months must not cost months × rows
    for row in rows:
        if row.slot is not None:
            by_month[row.month].append(row)
    for month in months:
        here = by_month.get(month, [])
        totals_here = [r for r in here if r.slot.is_total and not r.errors and r.state != "error"]
        if not totals_here or all(r.value is None for r in totals_here):
            continue
        slots = list(resolver.slots(month).values())
        values = {s.key: stored[(month, s.key)].value for s in slots if s.is_caseload and (month, s.key) in stored}
        values.update({r.slot.key: r.value for r in here if r.value is not None and not r.errors})
        official = {s.key for s in slots if (month, s.key) in stored and stored[(month, s.key)].is_official}
        derived = totals.derive(totals.parts_of(slots), values, official)
        for row in totals_here:
            summed = derived.values.get(row.slot.key)
            if row.value is None or summed is None:
                continue
            row.state = "skipped"
            row.note = f"Genegeerd: dit totaal volgt uit de wijken ({format_number(summed)})" + (
                "." if row.value == summed else f", niet uit het bestand ({format_number(row.value)})."
            )


def check_rules(rows: list, months: list[Month], stored, resolver) -> list[rules.Finding]:
    """Run the consistency rules on each month as it would be after the import, as the write path will.

    A broken rule marked as an error becomes an error of the row of its first field
    in the file (or of another of its fields); the warnings are returned, each to be
    given its own reason when the import is confirmed.
    """
    warnings: list[rules.Finding] = []
    changed = {(row.month, row.slot.key): row.value for row in rows if row.state in WRITTEN_STATES}
    if not changed:
        return warnings
    history = value_series(months[0] - 12, months[-1] - 1)  # 2 queries for the whole file
    # Grouped by month once: a file of many months must not cost months × rows comparisons.
    changed_by_month: dict[Month, dict] = defaultdict(dict)
    for (m, key), value in changed.items():
        changed_by_month[m][key] = value
        history.setdefault(key, {})[m] = value
    stored_by_month: dict[Month, dict] = defaultdict(dict)
    for (m, key), figure in stored.items():
        stored_by_month[m][key] = figure.value
    row_of = {(row.month, row.slot.key): row for row in rows if row.slot is not None}
    for month in months:
        changes = changed_by_month.get(month)
        if not changes:
            continue
        slots = list(resolver.slots(month).values())
        values = stored_by_month[month] | changes
        official = {s.key for s in slots if (month, s.key) in stored and stored[(month, s.key)].is_official}
        derived = totals.derive(totals.parts_of(slots), values, official)
        made = {key for key, value in derived.values.items() if values.get(key) != value}
        values.update(derived.values)  # the totals the parts make, as the write path stores them
        facts = rules.MonthFacts(month, slots, values, history)
        for finding in rules.check_month(facts, set(changes) | made):
            if not finding.is_error:
                warnings.append(finding)
                continue
            row = next((row_of[(month, k)] for k in finding.keys if (month, k) in row_of), None)
            if row is not None and finding.message not in row.errors:
                row.errors.append(finding.message)
    return warnings
