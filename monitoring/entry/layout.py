"""How the month form is laid out: one caseload table, and one table per activity.

Plain rows for the template, from the month's slots and the cells the view
built for them (field, stored value, previous month, warnings, history link).
"""

from __future__ import annotations

from monitoring.models import AreaLevel, CaseloadIndicator

from .catalogue import field_name
from .validation import EntryWarning


def field_notes(warnings: list[EntryWarning]) -> dict[str, list[str]]:
    """Return the warnings' messages by the field they are about."""
    notes: dict[str, list[str]] = {}
    for warning in warnings:
        for key in warning.keys:
            notes.setdefault(key, []).append(warning.message)
    return notes


def caseload_table(slots, cells) -> dict:
    """Return the caseload fields as one row per area with a column per indicator."""
    rows: dict[str, dict] = {}
    for slot in slots:
        if slot.is_caseload:
            row = rows.setdefault(slot.area_code, {"area": slot.area_name, "level": slot.area_level, "cells": []})
            row["cells"].append(cells[slot.key])
    return {"columns": [field_name(i) for i in CaseloadIndicator], "rows": list(rows.values())}


def activity_tables(slots, cells) -> list[dict]:
    """Group activity fields: one table per activity; measures per neighbourhood get a row per neighbourhood."""
    tables: dict[str, dict] = {}
    for slot in slots:
        if slot.is_caseload:
            continue
        table = tables.setdefault(
            slot.group_slug, {"name": slot.group, "slug": slot.group_slug, "by_area": False, "columns": [], "rows": {}}
        )
        if slot.area_level == AreaLevel.NEIGHBOURHOOD:
            table["by_area"] = True
            if slot.name not in table["columns"]:
                table["columns"].append(slot.name)
            table["rows"].setdefault(slot.area_code, {"label": slot.area_name, "cells": []})["cells"].append(
                cells[slot.key]
            )
        else:
            table["rows"][slot.key] = {"label": slot.name, "cells": [cells[slot.key]]}
    for table in tables.values():
        table["rows"] = list(table["rows"].values())
    return list(tables.values())
