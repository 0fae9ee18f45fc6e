"""The month form's cells as HTML, built in Python: thousands of fields render in milliseconds.

Django's BoundField and widget templates cost about a millisecond per field; a
500-area month has over 4.000. Each cell keeps what a field needs: a label, an
id, aria-describedby pointing at its error, its row's warning and its hint, and
aria-invalid when it has an error. Everything shown is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape as html_escape

from django.utils.safestring import SafeString, mark_safe

from monitoring.models import AreaLevel
from nprz_dashboard.formatting import format_number, format_value


def escape(value) -> str:
    """Escape text for HTML (the standard library's, without Django's lazy-string wrapper: thousands of calls)."""
    return html_escape(str(value))


@dataclass
class CellData:
    """What one field shows: its slot, the text in it, errors, last month, its history link, its row's note."""

    slot: object
    text: str = ""
    errors: list[str] = field(default_factory=list)
    previous: Decimal | None = None
    stored: object = None  # selectors.Stored or None
    disabled: bool = False
    history_url: str = ""
    note_id: str = ""  # id of the row's warning, when the row has one
    total_key: str = ""  # key of the total this figure is a part of


def input_cell(cell: CellData) -> str:
    """Return the <td> of an enterable figure."""
    slot = cell.slot
    key = escape(slot.key)
    described = [f"error-{key}"] if cell.errors else []
    described += [cell.note_id] if cell.note_id else []
    described.append(f"hint-{key}")
    classes = (
        "entry-cell" + (" entry-cell--error" if cell.errors else "") + (" entry-cell--warning" if cell.note_id else "")
    )
    errors = "".join(
        f'<p class="field-error" id="error-{key}"><span class="visually-hidden">Fout: </span>{escape(e)}</p>'
        for e in cell.errors[:1]
    ) + "".join(f'<p class="field-error">{escape(e)}</p>' for e in cell.errors[1:])
    attributes = [
        'type="text"',
        f'name="{key}"',
        f'id="id_{key}"',
        f'value="{escape(cell.text)}"',
        f'inputmode="{"decimal" if slot.allows_decimals else "numeric"}"',
        'autocomplete="off"',
        'class="entry-input"',
        'size="9"',
        'maxlength="40"',
        f'aria-describedby="{" ".join(described)}"',
    ]
    if cell.errors:
        attributes.append('aria-invalid="true"')
    if cell.disabled:
        attributes.append("disabled")
    if cell.total_key:
        attributes.append(f'data-total="{escape(cell.total_key)}"')
    history = (
        f'<a class="entry-history-link" href="{escape(cell.history_url)}">geschiedenis'
        f'<span class="visually-hidden"> van {escape(slot.label)}</span></a>'
        if cell.history_url
        else ""
    )
    return (
        f'<td class="{classes}"><label class="entry-label" for="id_{key}">{escape(slot.label)}</label>'
        f"{errors}<input {' '.join(attributes)}>"
        f'<span class="entry-hint" id="hint-{key}">{hint(cell)}</span>{history}</td>'
    )


def hint(cell: CellData) -> str:
    """Return the escaped hint below a field: official source, last month's value."""
    parts = []
    stored = cell.stored
    if stored is not None and stored.is_official:
        parts.append(f'<span class="official-marker" aria-hidden="true">◆</span> officieel, {escape(stored.source)}')
    if cell.previous is not None:
        parts.append(f"vorige maand {escape(format_value(cell.previous, cell.slot.unit))}")
    else:
        parts.append("vorige maand leeg")
    return ". ".join(parts)


@dataclass
class TotalData:
    """A total shown read-only beside its parts: computed, or official with its difference."""

    slot: object
    value: Decimal | None  # the computed total, or the official figure
    filled: tuple[int, int]  # parts with a value, parts
    previous: Decimal | None = None
    official_source: str = ""  # set when the total is an official figure
    summed: Decimal | None = None  # sum of the parts, for an official total
    total_key: str = ""  # the total this total is a part of (a district of NPRZ)


def total_cell(total: TotalData) -> str:
    """Return the <td> of a total: its value (updated by entry.js as parts are typed) and how it was made."""
    key = escape(total.slot.key)
    have, wanted = total.filled
    shown = "–" if total.value is None else escape(format_number(total.value))
    data = f' data-total="{escape(total.total_key)}"' if total.total_key else ""
    computed = "" if total.official_source else f' data-parts-of="{key}" data-parts="{wanted}"'
    if total.official_source:
        how = f'<span class="official-marker" aria-hidden="true">◆</span> officieel, {escape(total.official_source)}'
        if total.summed is not None and total.summed != total.value:
            difference = total.value - total.summed
            how += (
                f"; de gebieden tellen op tot {escape(format_number(total.summed))}, "
                f"verschil {escape(format_signed(difference))}"
            )
    elif have < wanted:
        how = f"berekend zodra alle {wanted} {parts_name(total.slot)} zijn ingevuld (nog {wanted - have} leeg)"
    else:
        how = f"berekend uit {wanted} {parts_name(total.slot)}"
    previous = f"; vorige maand {escape(format_number(total.previous))}" if total.previous is not None else ""
    return (
        f'<td class="entry-cell entry-cell--total"><span class="entry-label">{escape(total.slot.label)}: </span>'
        f'<span class="entry-total" id="total-{key}"{computed}{data}>{shown}</span>'
        f'<span class="entry-hint" id="hint-{key}">{how}{previous}</span></td>'
    )


def parts_name(slot) -> str:
    """Return what a total is made of: a district of neighbourhoods (wijken), NPRZ of districts (gebieden)."""
    return "wijken" if slot.area_level == AreaLevel.DISTRICT else "gebieden"


def format_signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def row(
    header: str, cells: list[str], *, row_id: str, css: str = "", note: str = "", note_id: str = "", columns: int = 0
) -> str:
    """Return a table row with its header cell, and below it the row's warning when it has one."""
    html = f'<tr id="{row_id}" class="{css}"><th scope="row">{header}</th>{"".join(cells)}</tr>'
    if note:
        html += (
            f'<tr class="entry-note"><td colspan="{columns + 1}" id="{note_id}">'
            f'<span class="warning-marker" aria-hidden="true">⚠</span> '
            f'<span class="visually-hidden">Waarschuwing: </span>{note}</td></tr>'
        )
    return html


def safe_rows(rows: list[str]) -> SafeString:
    """Join built rows into markup for the template (every part was escaped above)."""
    return mark_safe("".join(rows))
