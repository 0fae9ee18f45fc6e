"""The values of XLSX cells and rows: numbers, dates, texts, row numbers and cell references, checked."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ..formatting import format_number
from .limits import EXCEL_MAX_COLUMNS, Limits, SpreadsheetRefused

BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47}
BUILTIN_DATE_FORMATS |= set(range(50, 59))
DATE_CODE = re.compile(r"[dmyhsDMYHS]")


def is_builtin_date(number_format: str) -> bool:
    return number_format.isdigit() and int(number_format) in BUILTIN_DATE_FORMATS


def is_date_format(code: str) -> bool:
    """Return whether a custom number format shows a date (quoted text, escapes and [colours] left out)."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return bool(DATE_CODE.search(bare))


ROW_NUMBER = re.compile(r"[0-9]{1,10}")
CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,10})")
INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
DECIMAL = re.compile(r"[+-]?([0-9]{1,30}(\.[0-9]{0,30})?|\.[0-9]{1,30})([eE][+-]?[0-9]{1,3})?")


def row_number(text: str | None, last: int, limits: Limits) -> int:
    """Return a row's number: declared (checked, increasing, within the limit) or the next one."""
    if text is None:
        number = last + 1
    elif not ROW_NUMBER.fullmatch(text.strip()):
        raise SpreadsheetRefused(f"Het Excel-bestand heeft een rij met een ongeldig rijnummer (‘{text[:20]}’).")
    else:
        number = int(text)
        if number <= last:
            raise SpreadsheetRefused(
                f"Het Excel-bestand noemt rij {number} na rij {last}: de rijen staan niet op volgorde."
            )
    if number > limits.max_row_number:
        raise SpreadsheetRefused(
            f"Het Excel-bestand heeft een rij met nummer {format_number(number)}; de grens is rij "
            f"{format_number(limits.max_row_number)}. Verwijder lege rijen of gebruik het sjabloon."
        )
    return number


def column_index(reference: str | None, last: int, row: int) -> int:
    """Return a cell's 0-based column: from its reference (A1 style) or the next one."""
    if reference is None:
        column = last + 1
    else:
        match = CELL_REFERENCE.fullmatch(reference.strip())
        if match is None:
            raise SpreadsheetRefused(f"Rij {row} heeft een cel met een ongeldige verwijzing (‘{reference[:20]}’).")
        column = 0
        for letter in match[1].upper():
            column = column * 26 + ord(letter) - 64
        column -= 1
        if column <= last:
            raise SpreadsheetRefused(f"Rij {row} noemt cel {reference} twee keer of niet op volgorde.")
    if column >= EXCEL_MAX_COLUMNS:
        raise SpreadsheetRefused(f"Rij {row} heeft een cel voorbij kolom XFD, de laatste kolom van Excel.")
    return column


@dataclass
class CellContext:
    shared: list[str]
    date_styles: list[bool]
    date1904: bool

    def value(self, kind: str, style: str | None, value: str | None, formula: str | None, inline: str | None, where):
        """Return a cell's value: text, int, float, bool, date, a formula as '=…', or None when empty."""
        if formula is not None:
            return "=" + formula  # handed over as text, never evaluated
        if kind == "inlineStr":
            return inline
        if value is None:
            return None
        if kind == "s":
            index = value.strip()
            if not index.isdigit() or int(index) >= len(self.shared):
                raise SpreadsheetRefused(f"Cel {where} verwijst naar een tekst die niet in het Excel-bestand staat.")
            return self.shared[int(index)]
        if kind in ("str", "e"):
            return value
        if kind == "b":
            if value.strip() not in ("0", "1"):
                raise SpreadsheetRefused(f"Cel {where} is een ja/nee-cel met een ongeldige waarde.")
            return value.strip() == "1"
        if kind == "d":
            return _iso_date(value, where)
        if kind != "n":
            raise SpreadsheetRefused(f"Cel {where} heeft een onbekend celtype (‘{kind[:10]}’).")
        number = _number(value, where)
        if style and style.isdigit() and int(style) < len(self.date_styles) and self.date_styles[int(style)]:
            return _serial_date(number, where, self.date1904)
        return number


def _number(text: str, where: str) -> int | float:
    text = text.strip()
    if INTEGER.fullmatch(text):
        return int(text)
    if DECIMAL.fullmatch(text):
        number = float(text)
        if math.isfinite(number):
            return number
    raise SpreadsheetRefused(f"Cel {where} hoort een getal te bevatten, maar bevat ‘{text[:20]}’.")


def _iso_date(text: str, where: str) -> dt.date | dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip()[:40])
    except ValueError:
        raise SpreadsheetRefused(f"Cel {where} is een datumcel met een ongeldige datum (‘{text[:20]}’).") from None
    return value.date() if value.time() == dt.time() else value


def _serial_date(number: int | float, where: str, date1904: bool) -> dt.date | dt.datetime:
    """Return the date of an Excel serial number (1900 system with its leap-day quirk, or 1904)."""
    if not 0 <= number < 2_958_466:  # 31-12-9999
        raise SpreadsheetRefused(f"Cel {where} is een datumcel met een ongeldige datum ({number}).")
    if date1904:
        start = dt.datetime(1904, 1, 1)
    else:
        start = dt.datetime(1899, 12, 30) if number >= 61 else dt.datetime(1899, 12, 31)
    value = start + dt.timedelta(days=number)
    return value.date() if value.time() == dt.time() else value
