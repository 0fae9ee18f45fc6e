"""Read uploaded spreadsheets (CSV and XLSX) within hard limits, trusting nothing the file declares.

An upload is hostile until it has been read. A 2 KB XLSX can declare a row at
number 1.000.000.000 or unpack to gigabytes of empty rows, so the readers here:

- stream every part (XML through defusedxml's iterparse, no DTDs or entities)
  and count the decompressed bytes, the rows, the cells and the seconds *while*
  reading, stopping at the first limit;
- place a value only where it was actually found: a row is never padded up to a
  declared row number, and a row is never wider than the column limit;
- turn every problem (encoding, CSV dialect, malformed or hostile XML, a bad
  cell) into one exception, SpreadsheetRefused, with a Dutch message that says
  which limit or rule the file broke.

Nothing is evaluated: a formula comes back as its text ("=SUM(A1:A2)").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import posixpath
import re
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .formatting import format_number

EXCEL_MAX_COLUMNS = 16_384  # column XFD
CHUNK = 64 * 1024
FIELD_LIMIT_MESSAGE = "field larger than field limit"


class SpreadsheetRefused(ValueError):
    """The file is refused as a whole; the message (Dutch) says why."""


@dataclass(frozen=True)
class Limits:
    """The hard limits of one read. The defaults fit a monthly import with a wide margin."""

    max_rows: int = 20_000  # rows with content after the header
    max_row_number: int = 50_000  # highest row number a sheet may declare or reach
    max_columns: int = 12  # values may stand in the first this many columns
    max_header_cells: int = 256  # filled cells of the header row (checked for personal data, then refused if wide)
    max_cell_chars: int = 1_000
    max_part_bytes: int = 24 * 1024 * 1024  # decompressed size of each XML part that is read
    max_seconds: float = 4.0
    max_sheets: int = 20
    max_shared_strings: int = 250_000
    max_archive_entries: int = 1_000
    max_elements_per_item: int = 4 * EXCEL_MAX_COLUMNS  # elements inside one row or one shared string


@dataclass
class Sheet:
    """One worksheet (or the CSV file) as read.

    `header` holds every filled cell of the first row with content, by column
    index, also beyond the column limit, so a caller can check its names before
    refusing the width. `rows` holds the rows with content from the header on,
    each at most `max_columns` wide; None for a sheet read for its header only.
    """

    name: str
    header: dict[int, object] = field(default_factory=dict)
    rows: list[list] | None = field(default_factory=list)

    @property
    def width(self) -> int:
        """Return how many columns the header spans up to its last filled cell."""
        return max(self.header, default=-1) + 1


def check_width(sheet: Sheet, limits: Limits) -> None:
    """Refuse a sheet whose header reaches beyond the column limit (after its names have been checked)."""
    if sheet.width > limits.max_columns:
        raise SpreadsheetRefused(
            f"De kopregel heeft een kolom {column_letters(sheet.width - 1)}; een import heeft hoogstens "
            f"{format_number(limits.max_columns)} kolommen (A tot en met {column_letters(limits.max_columns - 1)}). "
            "Gebruik het sjabloon."
        )


def column_letters(index: int) -> str:
    """Return the spreadsheet name of a 0-based column index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Deadline:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.ends = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise SpreadsheetRefused(
                f"Het bestand kost te veel tijd om te lezen (de grens is {format_number(self.limits.max_seconds)} "
                "seconden). Gebruik het sjabloon of splits het bestand op."
            )


class _Collector:
    """Collect rows with content into a Sheet, enforcing the row, column and cell limits."""

    def __init__(self, sheet: Sheet, limits: Limits, header_only: bool = False):
        self.sheet, self.limits, self.header_only = sheet, limits, header_only
        self.found_header = False

    def add(self, number: int, cells: dict[int, object]) -> bool:
        """Add a row (its filled cells by column index); return False when no more rows are wanted."""
        limits = self.limits
        for column, value in cells.items():
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise SpreadsheetRefused(
                    f"Cel {column_letters(column)}{number} heeft meer dan {format_number(limits.max_cell_chars)} "
                    "tekens (de grens per cel)."
                )
        if not cells:
            return True
        if not self.found_header:
            if len(cells) > limits.max_header_cells:
                raise SpreadsheetRefused(
                    f"De kopregel heeft {format_number(len(cells))} gevulde kolommen; de grens is "
                    f"{format_number(limits.max_columns)} kolommen. Gebruik het sjabloon."
                )
            self.found_header = True
            self.sheet.header = dict(cells)
            if self.header_only:
                self.sheet.rows = None
                return False
            width = min(max(cells) + 1, limits.max_columns)
            self.sheet.rows.append([cells.get(i) for i in range(width)])
            return True
        if len(self.sheet.rows) > limits.max_rows:
            raise SpreadsheetRefused(
                f"Het bestand heeft meer dan {format_number(limits.max_rows)} regels met cijfers (de grens); "
                "splits het op."
            )
        last = max(cells)
        if last >= limits.max_columns:
            raise SpreadsheetRefused(
                f"Regel {number} heeft een waarde in kolom {column_letters(last)}; een import heeft hoogstens "
                f"{format_number(limits.max_columns)} kolommen (A tot en met "
                f"{column_letters(limits.max_columns - 1)}). Gebruik het sjabloon."
            )
        self.sheet.rows.append([cells.get(i) for i in range(last + 1)])
        return True


# --- CSV ---------------------------------------------------------------------------


def decode_text(content: bytes) -> str:
    """Return the text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, label = "utf-16", "UTF-16"
    elif content.startswith(b"\xef\xbb\xbf"):
        encoding, label = "utf-8-sig", "UTF-8"
    else:
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            # Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" as Windows-1252.
            return content.decode("cp1252", errors="replace")
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as error:
        raise SpreadsheetRefused(
            f"Het bestand zegt {label}-tekst te zijn (het begint met een BOM-teken), maar bij byte "
            f"{format_number(error.start)} staat tekst die geen geldige {label} is. Sla het opnieuw op als "
            "‘CSV UTF-8’ of gebruik het sjabloon."
        ) from None


def read_csv(content: bytes, limits: Limits | None = None) -> Sheet:
    """Return the rows with content of a CSV file (';', tab or ',' separated); raise SpreadsheetRefused."""
    limits = limits or Limits()
    deadline = _Deadline(limits)
    text = decode_text(content)
    if "\x00" in text:
        raise SpreadsheetRefused("Dit lijkt geen tekstbestand (het bevat nul-tekens); upload een CSV- of XLSX-bestand.")
    # Universal newlines: \r\n (Windows), \n and a lone \r (Excel's "CSV (Macintosh)") all end a line.
    lines = io.StringIO(text, newline=None)
    first = next((line for line in io.StringIO(text, newline=None) if line.strip()), "")
    delimiter = max([";", "\t", ","], key=first.count)
    sheet = Sheet(name="")
    collector = _Collector(sheet, limits)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for count, row in enumerate(reader, start=1):
            if count % 500 == 0:
                deadline.check()
            cells = {i: value for i, value in enumerate(row) if not is_empty(value)}
            collector.add(reader.line_num, cells)
    except csv.Error as error:
        if FIELD_LIMIT_MESSAGE in str(error):
            raise SpreadsheetRefused(
                f"Regel {reader.line_num + 1} heeft een cel met meer dan {format_number(limits.max_cell_chars)} "
                'tekens (de grens per cel); staat er ergens een aanhalingsteken (") dat niet wordt gesloten?'
            ) from None
        raise SpreadsheetRefused(
            f"Regel {reader.line_num} van het CSV-bestand kan niet worden gelezen ({error}). "
            "Sla het bestand opnieuw op als CSV of gebruik het sjabloon."
        ) from None
    return sheet


# --- XLSX ----------------------------------------------------------------------------


def _local(tag) -> str:
    """Return an element's name without its namespace (transitional and strict OOXML alike)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _attribute(element, name: str):
    """Return an attribute by local name, whatever its namespace."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


class _Bounded:
    """A file-like view of a zip member that refuses more decompressed bytes than the limit."""

    def __init__(self, raw, part: str, limits: Limits, deadline: _Deadline):
        self.raw, self.part, self.limits, self.deadline = raw, part, limits, deadline
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        size = CHUNK if size is None or size < 0 else min(size, CHUNK)
        data = self.raw.read(size)
        self.total += len(data)
        if self.total > self.limits.max_part_bytes:
            raise SpreadsheetRefused(
                f"Het onderdeel {self.part} van het Excel-bestand is uitgepakt groter dan "
                f"{format_number(self.limits.max_part_bytes / 1024 / 1024)} MB (de grens). "
                "Gebruik het sjabloon of sla het bestand opnieuw op."
            )
        self.deadline.check()
        return data


def _unreadable(detail: str = "") -> SpreadsheetRefused:
    extra = f" ({detail})" if detail else ""
    return SpreadsheetRefused(f"Het Excel-bestand kan niet worden gelezen{extra}; is het een geldig .xlsx-bestand?")


class _Xlsx:
    """One XLSX archive being read."""

    def __init__(self, content: bytes, limits: Limits):
        self.limits = limits
        self.deadline = _Deadline(limits)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(content))
            entries = self.archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, IndexError):
            raise _unreadable() from None
        if len(entries) > limits.max_archive_entries:
            raise SpreadsheetRefused(
                f"Het Excel-bestand bevat meer dan {format_number(limits.max_archive_entries)} onderdelen (de grens)."
            )
        self.names = {entry.filename for entry in entries}

    def events(self, part: str, events=("start", "end")) -> Iterator[tuple[str, object]]:
        """Yield iterparse events of one XML part, within the size and time limits."""
        if part not in self.names:
            raise _unreadable(f"het onderdeel {part} ontbreekt")
        try:
            raw = self.archive.open(part)
        except (RuntimeError, NotImplementedError, zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise _unreadable(f"het onderdeel {part} is versleuteld of beschadigd") from None
        with raw:
            try:
                yield from iterparse(_Bounded(raw, part, self.limits, self.deadline), events, forbid_dtd=True)
            except DefusedXmlException:
                raise SpreadsheetRefused(
                    f"Het onderdeel {part} van het Excel-bestand bevat een DTD of entiteiten (een mogelijke "
                    "XML-bom); zulke bestanden worden niet gelezen. Sla het bestand opnieuw op in Excel."
                ) from None
            except ParseError as error:
                line, column = getattr(error, "position", (0, 0))
                raise SpreadsheetRefused(
                    f"Het onderdeel {part} van het Excel-bestand is geen geldige XML (regel {line}, teken {column})."
                ) from None
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
                raise _unreadable(f"het onderdeel {part} is beschadigd") from None

    def elements(self, part: str, wanted: set[str]) -> Iterator[object]:
        """Yield the complete elements named in `wanted`; everything else is dropped as soon as it ends."""
        stack: list = []
        inside = 0  # depth inside a wanted element
        kept = 0  # elements held for the current wanted element
        count = 0
        for event, element in self.events(part):
            count += 1
            if count % 4096 == 0:
                self.deadline.check()
            if event == "start":
                stack.append(element)
                if inside or _local(element.tag) in wanted:
                    kept = kept + 1 if inside else 1
                    inside += 1
                    if kept > self.limits.max_elements_per_item:
                        raise SpreadsheetRefused(
                            f"Het onderdeel {part} van het Excel-bestand heeft een rij of tekst met meer dan "
                            f"{format_number(self.limits.max_elements_per_item)} onderdelen (de grens)."
                        )
                continue
            stack.pop()
            if inside:
                inside -= 1
                if inside:
                    continue  # part of a wanted element: kept until that one ends
                yield element
            # Drop what has been read, so memory stays flat however long the part is.
            element.clear()
            if stack:
                stack[-1].remove(element)

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Return a part's relationships: id → (type, target part)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return {}
        found = {}
        for element in self.elements(rels, {"Relationship"}):
            target = element.get("Target") or ""
            if _attribute(element, "TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[element.get("Id") or ""] = (element.get("Type") or "", path)
        return found

    def workbook(self) -> tuple[list[tuple[str, str]], str | None, str | None, bool]:
        """Return the sheets (name, part), the shared strings and styles parts, and whether dates count from 1904."""
        root = self._relationships("")
        part = next((p for t, p in root.values() if t.endswith("/officeDocument")), "xl/workbook.xml")
        relations = self._relationships(part)
        sheets, date1904 = [], False
        for element in self.elements(part, {"sheet", "workbookPr"}):
            if _local(element.tag) == "workbookPr":
                date1904 = (element.get("date1904") or "").lower() in ("1", "true")
                continue
            if len(sheets) >= self.limits.max_sheets:
                raise SpreadsheetRefused(
                    f"Het Excel-bestand heeft meer dan {self.limits.max_sheets} werkbladen (de grens); een import "
                    "heeft precies één werkblad."
                )
            relation = relations.get(_attribute(element, "id") or "")
            if relation is None:
                raise _unreadable(f"werkblad ‘{element.get('name')}’ verwijst naar niets")
            sheets.append((element.get("name") or f"blad{len(sheets) + 1}", relation[1]))
        if not sheets:
            raise _unreadable("er staat geen werkblad in")
        shared = next((p for t, p in relations.values() if t.endswith("/sharedStrings")), None)
        styles = next((p for t, p in relations.values() if t.endswith("/styles")), None)
        return sheets, shared, styles, date1904

    def shared_strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.names:
            return []
        strings = []
        for element in self.elements(part, {"si"}):
            if len(strings) >= self.limits.max_shared_strings:
                raise SpreadsheetRefused(
                    f"Het Excel-bestand heeft meer dan {format_number(self.limits.max_shared_strings)} "
                    "verschillende teksten (de grens)."
                )
            text = _rich_text(element)
            if len(text) > self.limits.max_cell_chars:
                raise SpreadsheetRefused(
                    f"Het Excel-bestand bevat een tekst van meer dan {format_number(self.limits.max_cell_chars)} "
                    "tekens (de grens per cel)."
                )
            strings.append(text)
        return strings

    def date_styles(self, part: str | None) -> list[bool]:
        """Return, per cell style index, whether its number format shows a date."""
        if part is None or part not in self.names:
            return []
        custom, styles = {}, []
        for element in self.elements(part, {"numFmt", "cellXfs"}):
            if _local(element.tag) == "numFmt":
                custom[element.get("numFmtId")] = _is_date_format(element.get("formatCode") or "")
                continue
            for xf in element:
                if _local(xf.tag) == "xf":
                    number_format = xf.get("numFmtId") or "0"
                    styles.append(custom.get(number_format, _is_builtin_date(number_format)))
        return styles

    def sheet(self, name: str, part: str, context: _CellContext, header_only: bool) -> Sheet:
        sheet = Sheet(name=name)
        collector = _Collector(sheet, self.limits, header_only)
        last_row = 0
        for row in self.elements(part, {"row"}):
            number = _row_number(row.get("r"), last_row, self.limits)
            last_row = number
            cells, last_column = {}, -1
            for cell in row:
                if _local(cell.tag) != "c":
                    continue
                column = _column_index(cell.get("r"), last_column, number)
                last_column = column
                value = context.value(cell, column, number)
                if not is_empty(value):
                    cells[column] = value
            if not collector.add(number, cells):
                break
        return sheet


def _rich_text(element) -> str:
    """Return the text of an <si> or <is> element: its <t>, or its runs' <t>s (phonetic guides left out)."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47}
BUILTIN_DATE_FORMATS |= set(range(50, 59))
DATE_CODE = re.compile(r"[dmyhsDMYHS]")


def _is_builtin_date(number_format: str) -> bool:
    return number_format.isdigit() and int(number_format) in BUILTIN_DATE_FORMATS


def _is_date_format(code: str) -> bool:
    """Return whether a custom number format shows a date (quoted text, escapes and [colours] left out)."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return bool(DATE_CODE.search(bare))


ROW_NUMBER = re.compile(r"^[0-9]{1,10}$")
CELL_REFERENCE = re.compile(r"^([A-Za-z]{1,3})([0-9]{1,10})$")
INTEGER = re.compile(r"^[+-]?[0-9]{1,30}$")
DECIMAL = re.compile(r"^[+-]?([0-9]{1,30}(\.[0-9]{0,30})?|\.[0-9]{1,30})([eE][+-]?[0-9]{1,3})?$")


def _row_number(text: str | None, last: int, limits: Limits) -> int:
    """Return a row's number: declared (checked, increasing, within the limit) or the next one."""
    if text is None:
        number = last + 1
    elif not ROW_NUMBER.match(text.strip()):
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


def _column_index(reference: str | None, last: int, row: int) -> int:
    """Return a cell's 0-based column: from its reference (A1 style) or the next one."""
    if reference is None:
        column = last + 1
    else:
        match = CELL_REFERENCE.match(reference.strip())
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
class _CellContext:
    shared: list[str]
    date_styles: list[bool]
    date1904: bool

    def value(self, cell, column: int, row: int):
        """Return a cell's value: text, int, float, bool, date, a formula as '=…', or None when empty."""
        where = f"{column_letters(column)}{row}"
        kind = cell.get("t") or "n"
        formula = value = None
        inline = None
        for child in cell:
            name = _local(child.tag)
            if name == "f":
                formula = child.text or ""
            elif name == "v":
                value = child.text
            elif name == "is":
                inline = _rich_text(child)
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
        style = cell.get("s")
        if style and style.isdigit() and int(style) < len(self.date_styles) and self.date_styles[int(style)]:
            return _serial_date(number, where, self.date1904)
        return number


def _number(text: str, where: str) -> int | float:
    text = text.strip()
    if INTEGER.match(text):
        return int(text)
    if DECIMAL.match(text):
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


def read_xlsx(content: bytes, limits: Limits | None = None) -> list[Sheet]:
    """Return the workbook's sheets: the first read in full, the others up to their header only.

    Raise SpreadsheetRefused for anything unreadable or over a limit.
    """
    limits = limits or Limits()
    book = _Xlsx(content, limits)
    parts, shared_part, styles_part, date1904 = book.workbook()
    context = _CellContext(book.shared_strings(shared_part), book.date_styles(styles_part), date1904)
    return [book.sheet(name, part, context, header_only=index > 0) for index, (name, part) in enumerate(parts)]
