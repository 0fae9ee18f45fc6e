"""How the month form is laid out: one foldable group per district, the NPRZ totals, one group per activity.

A district's group has a row per neighbourhood (a column per caseload
indicator) and the district's totals below, computed from those rows. The NPRZ
group shows the programme's totals, computed from the districts, or the
official figure with its difference from them. Rows are pre-built HTML
(cells.py); each warning is written once, below the row it concerns, and
every field of that row points at it with aria-describedby.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from monitoring.models import AreaLevel, CaseloadIndicator

from . import cells
from .catalogue import field_name
from .cells import escape
from .totals import Totals

CASELOAD_COLUMNS = [field_name(i) for i in CaseloadIndicator]


@dataclass
class MonthData:
    """Everything the layout needs about the month's figures, loaded and checked by the view."""

    slots: list
    texts: dict[str, str]  # what each field shows
    errors: dict[str, list[str]]
    stored: dict
    previous: dict[str, Decimal]
    corrected: set
    history_url: object  # slot -> url
    totals: Totals
    warnings: list = field(default_factory=list)
    locked: bool = False


@dataclass
class Group:
    """One foldable part of the form."""

    id: str
    title: str
    caption: str
    columns: list[str]
    row_header: str
    rows: object = ""  # SafeString of the table body
    filled: int = 0
    expected: int = 0
    errors: int = 0
    warnings: int = 0

    @property
    def open(self) -> bool:
        """Fold a group only when nothing in it needs attention."""
        return self.filled < self.expected or bool(self.errors or self.warnings)


def row_of(slot) -> str:
    """Return the id of the row a slot's field sits in: an area for caseload, a measure's row for activities."""
    if slot.is_caseload:
        return f"row-{slot.area_code}"
    if slot.area_level == AreaLevel.NEIGHBOURHOOD:
        return f"row-{slot.group_slug}-{slot.area_code}"
    return f"row-{slot.key}"


def row_notes(slots, warnings) -> dict[str, list[str]]:
    """Return each row's warning messages, each once, by row id (the row of the warning's first field)."""
    by_key = {slot.key: slot for slot in slots}
    notes: dict[str, list[str]] = {}
    for warning in warnings:
        slot = by_key.get(warning.keys[0])
        if slot is not None:
            messages = notes.setdefault(row_of(slot), [])
            if warning.message not in messages:
                messages.append(warning.message)
    return notes


def month_groups(data: MonthData) -> tuple[list[Group], list[Group]]:
    """Return the caseload groups (districts, then NPRZ) and the activity groups, in tab order."""
    notes = row_notes(data.slots, data.warnings)
    caseload = [s for s in data.slots if s.is_caseload]
    by_area: dict[int, list] = {}
    for slot in caseload:
        by_area.setdefault(slot.area_id, []).append(slot)
    areas = [slots[0] for slots in by_area.values()]
    districts = [a for a in areas if a.area_level == AreaLevel.DISTRICT]
    programme = next((a for a in areas if a.area_level == AreaLevel.PROGRAMME), None)
    groups = [
        _district_group(data, district, by_area, [a for a in areas if a.area_parent_id == district.area_id], notes)
        for district in districts
    ]
    if programme is not None:
        groups.append(_programme_group(data, programme, by_area[programme.area_id], notes))
    return groups, _activity_groups(data, notes)


def _cell(data: MonthData, slot, note_id: str, total_key: str) -> cells.CellData:
    stored = data.stored.get(slot.key)
    return cells.CellData(
        slot=slot,
        text=data.texts.get(slot.key, ""),
        errors=data.errors.get(slot.key, []),
        previous=data.previous.get(slot.key),
        stored=stored,
        disabled=data.locked or bool(stored and stored.is_official),
        history_url=data.history_url(slot)
        if (slot.indicator, slot.measure_id, slot.area_code) in data.corrected
        else "",
        note_id=note_id,
        total_key=total_key,
    )


def _input_row(data, group: Group, header: str, slots, row_id: str, notes, total_keys=None, css="") -> str:
    messages = notes.get(row_id, [])
    note_id = f"note-{row_id}" if messages else ""
    built = []
    for i, slot in enumerate(slots):
        cell = _cell(data, slot, note_id, total_keys[i] if total_keys else "")
        group.expected += 1
        group.filled += bool(cell.text.strip())
        group.errors += len(cell.errors)
        built.append(cells.input_cell(cell))
    group.warnings += len(messages)
    note = " ".join(escape(m) for m in messages)
    return cells.row(header, built, row_id=row_id, css=css, note=note, note_id=note_id, columns=len(slots))


def _total(data: MonthData, slot, total_key: str = "") -> cells.TotalData:
    stored = data.stored.get(slot.key)
    official = bool(stored and stored.is_official)
    value = stored.value if official else data.totals.values.get(slot.key, stored.value if stored else None)
    return cells.TotalData(
        slot=slot,
        value=value,
        filled=data.totals.filled.get(slot.key, (0, 0)),
        previous=data.previous.get(slot.key),
        official_source=stored.source if official else "",
        summed=data.totals.sums.get(slot.key),
        total_key=total_key,
    )


def _district_group(data: MonthData, district, by_area, hoods, notes) -> Group:
    group = Group(
        id=f"groep-{district.area_code}",
        title=district.area_label,
        caption=f"Bijstand in de wijken van {district.area_label}",
        columns=CASELOAD_COLUMNS,
        row_header="Wijk",
    )
    totals = by_area[district.area_id]
    keys = [t.key for t in totals]
    rows = [
        _input_row(data, group, escape(h.area_label), by_area[h.area_id], f"row-{h.area_code}", notes, keys)
        for h in hoods
    ]
    parent = {s.indicator: s.key for s in data.slots if s.is_caseload and s.area_id == district.area_parent_id}
    total_cells = [cells.total_cell(_total(data, t, parent.get(t.indicator, ""))) for t in totals]
    row_id = f"row-{district.area_code}"
    messages = notes.get(row_id, [])
    group.warnings += len(messages)
    group.filled += sum(1 for t in totals if data.totals.values.get(t.key) is not None or t.key in data.stored)
    group.expected += len(totals)
    rows.append(
        cells.row(
            f"Totaal {escape(district.area_label)}",
            total_cells,
            row_id=row_id,
            css="entry-row--total",
            note=" ".join(escape(m) for m in messages),
            note_id=f"note-{row_id}" if messages else "",
            columns=len(totals),
        )
    )
    group.rows = cells.safe_rows(rows)
    return group


def _programme_group(data: MonthData, programme, totals, notes) -> Group:
    group = Group(
        id=f"groep-{programme.area_code}",
        title=f"{programme.area_label} (totaal)",
        caption=f"Bijstand in het hele {programme.area_label}, opgeteld uit de gebieden",
        columns=CASELOAD_COLUMNS,
        row_header="Gebied",
    )
    row_id = f"row-{programme.area_code}"
    messages = notes.get(row_id, [])
    group.warnings += len(messages)
    group.filled = sum(1 for t in totals if data.totals.values.get(t.key) is not None or t.key in data.stored)
    group.expected = len(totals)
    row = cells.row(
        escape(programme.area_label),
        [cells.total_cell(_total(data, t)) for t in totals],
        row_id=row_id,
        css="entry-row--total",
        note=" ".join(escape(m) for m in messages),
        note_id=f"note-{row_id}" if messages else "",
        columns=len(totals),
    )
    group.rows = cells.safe_rows([row])
    return group


def _activity_groups(data: MonthData, notes) -> list[Group]:
    """One group per activity; measures per neighbourhood get a row per neighbourhood, a column per measure."""
    by_activity: dict[str, list] = {}
    for slot in data.slots:
        if not slot.is_caseload:
            by_activity.setdefault(slot.group_slug, []).append(slot)
    groups = []
    for slug, slots in by_activity.items():
        by_area = any(s.area_level == AreaLevel.NEIGHBOURHOOD for s in slots)
        group = Group(
            id=f"groep-{slug}",
            title=slots[0].group,
            caption=f"{slots[0].group}{' per wijk' if by_area else ''}",
            columns=list(dict.fromkeys(s.name for s in slots)) if by_area else ["Waarde voor het NPRZ-gebied"],
            row_header="Wijk" if by_area else "Maat",
        )
        rows = []
        if by_area:
            per_hood: dict[str, list] = {}
            for slot in slots:
                per_hood.setdefault(slot.area_code, []).append(slot)
            for code, hood_slots in per_hood.items():
                header = escape(hood_slots[0].area_label)
                rows.append(_input_row(data, group, header, hood_slots, f"row-{slug}-{code}", notes))
        else:
            for slot in slots:
                rows.append(_input_row(data, group, escape(slot.name), [slot], f"row-{slot.key}", notes))
        group.rows = cells.safe_rows(rows)
        groups.append(group)
    return groups
