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
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

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
    max_shared_strings: int = 100_000  # a 20.000-row file has far fewer distinct texts
    max_archive_entries: int = 1_000


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

    def __init__(self, sheet: Sheet, limits: Limits, header_only: bool = False, on_header=None):
        self.sheet, self.limits, self.header_only, self.on_header = sheet, limits, header_only, on_header
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
            if self.on_header is not None:
                self.on_header(self.sheet)  # the caller's checks (e.g. personal data) come before the width
            if self.header_only:
                self.sheet.rows = None
                return False
            check_width(self.sheet, limits)
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


def read_csv(content: bytes, limits: Limits | None = None, on_header=None) -> Sheet:
    """Return the rows with content of a CSV file (';', tab or ',' separated); raise SpreadsheetRefused.

    `on_header(sheet)` is called as soon as the header row is read, so a caller can
    refuse the file on its column names before the rest is read.
    """
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
    collector = _Collector(sheet, limits, on_header=on_header)
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
#
# Each XML part is fed in bounded chunks to expat with handlers that keep only
# what the import needs (no element tree), so memory stays flat however long a
# part is. DTDs, entity declarations and external references are refused the
# moment expat meets them, with defusedxml's exceptions: no XML bomb or XXE gets
# as far as expanding anything.


def _local(name: str) -> str:
    """Return a name without its namespace (transitional and strict OOXML alike)."""
    return name.rsplit("}", 1)[-1]


def _attribute(attributes: dict, name: str):
    """Return an attribute by local name, whatever its namespace."""
    for key, value in attributes.items():
        if _local(key) == name:
            return value
    return None


class _Bounded:
    """A view of a zip member that refuses more decompressed bytes than the limit."""

    def __init__(self, raw, part: str, limits: Limits, deadline: _Deadline):
        self.raw, self.part, self.limits, self.deadline = raw, part, limits, deadline
        self.total = 0

    def read(self) -> bytes:
        data = self.raw.read(CHUNK)
        self.total += len(data)
        if self.total > self.limits.max_part_bytes:
            raise SpreadsheetRefused(
                f"Het onderdeel {self.part} van het Excel-bestand is uitgepakt groter dan "
                f"{format_number(self.limits.max_part_bytes / 1024 / 1024)} MB (de grens). "
                "Gebruik het sjabloon of sla het bestand opnieuw op."
            )
        self.deadline.check()
        return data


# What zipfile raises for a damaged, encrypted or exotic archive (found by the property test:
# a central directory claiming "version 6.4" raises NotImplementedError).
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ValueError,
    OSError,
    EOFError,
    IndexError,
    KeyError,
    OverflowError,
    NotImplementedError,
    RuntimeError,
    struct.error,
)


class _Stop(Exception):
    """Raised by a handler that has read all it needs."""


def _unreadable(detail: str = "") -> SpreadsheetRefused:
    extra = f" ({detail})" if detail else ""
    return SpreadsheetRefused(f"Het Excel-bestand kan niet worden gelezen{extra}; is het een geldig .xlsx-bestand?")


def _bomb(part: str) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        f"Het onderdeel {part} van het Excel-bestand bevat een DTD of entiteiten (een mogelijke XML-bom); "
        "zulke bestanden worden niet gelezen. Sla het bestand opnieuw op in Excel."
    )


class _Handler:
    """Receives one part's elements; subclasses keep what they need."""

    def start(self, name: str, attributes: dict) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


def _forbid_dtd(*args):
    raise DTDForbidden(*args[:3])


def _forbid_entity(*args):
    raise EntitiesForbidden(*(list(args[:6]) + [None] * 6)[:6])


def _forbid_external(*args):
    raise ExternalReferenceForbidden(*(list(args[:4]) + [None] * 4)[:4])


class _Xlsx:
    """One XLSX archive being read."""

    def __init__(self, content: bytes, limits: Limits):
        self.limits = limits
        self.deadline = _Deadline(limits)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(content))
            entries = self.archive.infolist()
        except ARCHIVE_ERRORS:
            raise _unreadable() from None
        if len(entries) > limits.max_archive_entries:
            raise SpreadsheetRefused(
                f"Het Excel-bestand bevat meer dan {format_number(limits.max_archive_entries)} onderdelen (de grens)."
            )
        self.names = {entry.filename for entry in entries}

    def parse(self, part: str, handler: _Handler) -> None:
        """Stream one XML part through the handler, within the size and time limits."""
        if part not in self.names:
            raise _unreadable(f"het onderdeel {part} ontbreekt")
        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.buffer_size = CHUNK
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = _forbid_dtd
        parser.EntityDeclHandler = _forbid_entity
        parser.UnparsedEntityDeclHandler = _forbid_entity
        parser.ExternalEntityRefHandler = _forbid_external
        local: dict[str, str] = {}  # names seen, without their namespace

        def start(name, attributes):
            handler.start(local.get(name) or local.setdefault(name, _local(name)), attributes)

        def end(name):
            handler.end(local.get(name) or local.setdefault(name, _local(name)))

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = handler.text
        try:
            raw = self.archive.open(part)
        except ARCHIVE_ERRORS:
            raise _unreadable(f"het onderdeel {part} is versleuteld of beschadigd") from None
        stream = _Bounded(raw, part, self.limits, self.deadline)
        try:
            with raw:
                while data := stream.read():
                    parser.Parse(data, False)
                parser.Parse(b"", True)
        except _Stop:
            return
        except SpreadsheetRefused:
            raise  # a limit or a bad cell, already said in Dutch (it is a ValueError too)
        except DefusedXmlException:
            raise _bomb(part) from None
        except expat.ExpatError as error:
            raise SpreadsheetRefused(
                f"Het onderdeel {part} van het Excel-bestand is geen geldige XML "
                f"(regel {error.lineno}, teken {error.offset})."
            ) from None
        except (*ARCHIVE_ERRORS, zlib.error):
            raise _unreadable(f"het onderdeel {part} is beschadigd") from None

    def elements(self, part: str, wanted: set[str], limit: int) -> list[tuple[str, dict]]:
        """Return the (name, attributes) of the elements named in `wanted`, at most `limit` of them."""
        handler = _Attributes(wanted, limit, part)
        self.parse(part, handler)
        return handler.found

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Return a part's relationships: id → (type, target part)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return {}
        found = {}
        for _, attributes in self.elements(rels, {"Relationship"}, self.limits.max_archive_entries):
            if attributes.get("TargetMode") == "External":
                continue
            target = attributes.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attributes.get("Id") or ""] = (attributes.get("Type") or "", path)
        return found

    def workbook(self) -> tuple[list[tuple[str, str]], str | None, str | None, bool]:
        """Return the sheets (name, part), the shared strings and styles parts, and whether dates count from 1904."""
        root = self._relationships("")
        part = next((p for t, p in root.values() if t.endswith("/officeDocument")), "xl/workbook.xml")
        relations = self._relationships(part)
        sheets, date1904 = [], False
        for name, attributes in self.elements(part, {"sheet", "workbookPr"}, self.limits.max_archive_entries):
            if name == "workbookPr":
                date1904 = (attributes.get("date1904") or "").lower() in ("1", "true")
                continue
            if len(sheets) >= self.limits.max_sheets:
                raise SpreadsheetRefused(
                    f"Het Excel-bestand heeft meer dan {self.limits.max_sheets} werkbladen (de grens); een import "
                    "heeft precies één werkblad."
                )
            relation = relations.get(_attribute(attributes, "id") or "")
            if relation is None:
                raise _unreadable(f"werkblad ‘{str(attributes.get('name'))[:40]}’ verwijst naar niets")
            sheets.append((attributes.get("name") or f"blad{len(sheets) + 1}", relation[1]))
        if not sheets:
            raise _unreadable("er staat geen werkblad in")
        shared = next((p for t, p in relations.values() if t.endswith("/sharedStrings")), None)
        styles = next((p for t, p in relations.values() if t.endswith("/styles")), None)
        return sheets, shared, styles, date1904

    def shared_strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.names:
            return []
        handler = _SharedStrings(self.limits)
        self.parse(part, handler)
        return handler.strings

    def date_styles(self, part: str | None) -> list[bool]:
        """Return, per cell style index, whether its number format shows a date."""
        if part is None or part not in self.names:
            return []
        handler = _Styles()
        self.parse(part, handler)
        return [handler.custom.get(number_format, _is_builtin_date(number_format)) for number_format in handler.xfs]

    def sheet(self, name: str, part: str, context: _CellContext, header_only: bool, on_header) -> Sheet:
        sheet = Sheet(name=name)
        collector = _Collector(sheet, self.limits, header_only, on_header)
        self.parse(part, _SheetRows(collector, context, self.limits))
        return sheet


class _Attributes(_Handler):
    def __init__(self, wanted: set[str], limit: int, part: str):
        self.wanted, self.limit, self.part = wanted, limit, part
        self.found: list[tuple[str, dict]] = []

    def start(self, name, attributes):
        if name in self.wanted:
            if len(self.found) >= self.limit:
                raise SpreadsheetRefused(
                    f"Het onderdeel {self.part} van het Excel-bestand noemt meer dan {format_number(self.limit)} "
                    "werkbladen, relaties of instellingen (de grens)."
                )
            self.found.append((name, attributes))


class _Text:
    """Collect the text of one element, refusing it as soon as it is longer than a cell may be."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.length = limit, [], 0

    def add(self, data: str) -> None:
        self.length += len(data)
        if self.length > self.limit:
            raise SpreadsheetRefused(
                f"Het Excel-bestand bevat een cel of tekst van meer dan {format_number(self.limit)} tekens "
                "(de grens per cel)."
            )
        self.parts.append(data)

    @property
    def value(self) -> str:
        return "".join(self.parts)


class _SharedStrings(_Handler):
    """Collect <si> texts: their <t>, or their runs' <t>s; phonetic guides (<rPh>) are left out."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.strings: list[str] = []
        self.current: _Text | None = None
        self.capture = False
        self.phonetic = 0

    def start(self, name, attributes):
        if name == "si":
            if len(self.strings) >= self.limits.max_shared_strings:
                raise SpreadsheetRefused(
                    f"Het Excel-bestand heeft meer dan {format_number(self.limits.max_shared_strings)} "
                    "verschillende teksten (de grens)."
                )
            self.current = _Text(self.limits.max_cell_chars)
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.current is not None and not self.phonetic:
            self.capture = True

    def end(self, name):
        if name == "t":
            self.capture = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si" and self.current is not None:
            self.strings.append(self.current.value)
            self.current = None

    def text(self, data):
        if self.capture:
            self.current.add(data)


class _Styles(_Handler):
    """Collect custom number formats and the number format of each cell style (<cellXfs>)."""

    MAX_STYLES = 65_536

    def __init__(self):
        self.custom: dict[str, bool] = {}
        self.xfs: list[str] = []
        self.in_cell_xfs = False

    def start(self, name, attributes):
        if name == "numFmt" and len(self.custom) < self.MAX_STYLES:
            self.custom[attributes.get("numFmtId") or ""] = _is_date_format(attributes.get("formatCode") or "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            if len(self.xfs) >= self.MAX_STYLES:
                raise SpreadsheetRefused("Het Excel-bestand heeft te veel celopmaken (de grens is 65.536).")
            self.xfs.append(attributes.get("numFmtId") or "0")

    def end(self, name):
        if name == "cellXfs":
            self.in_cell_xfs = False


class _SheetRows(_Handler):
    """Turn <row>/<c> elements into rows for the collector, one row at a time."""

    def __init__(self, collector: _Collector, context: _CellContext, limits: Limits):
        self.collector, self.context, self.limits = collector, context, limits
        self.last_row = 0
        self.row: int | None = None
        self.cells: dict[int, object] = {}
        self.last_column = -1
        self.cell: tuple[int, str, str | None] | None = None  # column, type, style
        self.value: _Text | None = None
        self.formula: _Text | None = None
        self.inline: _Text | None = None
        self.target: _Text | None = None  # where text goes now
        self.phonetic = 0

    def start(self, name, attributes):
        if name == "row":
            self.row = _row_number(attributes.get("r"), self.last_row, self.limits)
            self.last_row, self.cells, self.last_column = self.row, {}, -1
        elif name == "c" and self.row is not None:
            column = _column_index(attributes.get("r"), self.last_column, self.row)
            self.last_column = column
            self.cell = (column, attributes.get("t") or "n", attributes.get("s"))
            self.value = self.formula = self.inline = None
        elif self.cell is None:
            return
        elif name == "v":
            self.value = self.target = _Text(self.limits.max_cell_chars)
        elif name == "f":
            self.formula = self.target = _Text(self.limits.max_cell_chars)
        elif name == "is":
            self.inline = _Text(self.limits.max_cell_chars)
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.inline is not None and not self.phonetic:
            self.target = self.inline

    def end(self, name):
        if name in ("v", "f", "t"):
            self.target = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c" and self.cell is not None:
            column, kind, style = self.cell
            value = self.context.value(
                kind,
                style,
                None if self.value is None else self.value.value,
                None if self.formula is None else self.formula.value,
                None if self.inline is None else self.inline.value,
                f"{column_letters(column)}{self.row}",
            )
            if not is_empty(value):
                self.cells[column] = value
            self.cell = None
        elif name == "row" and self.row is not None:
            row, self.row = self.row, None
            if not self.collector.add(row, self.cells):
                raise _Stop

    def text(self, data):
        if self.target is not None:
            self.target.add(data)


BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47}
BUILTIN_DATE_FORMATS |= set(range(50, 59))
DATE_CODE = re.compile(r"[dmyhsDMYHS]")


def _is_builtin_date(number_format: str) -> bool:
    return number_format.isdigit() and int(number_format) in BUILTIN_DATE_FORMATS


def _is_date_format(code: str) -> bool:
    """Return whether a custom number format shows a date (quoted text, escapes and [colours] left out)."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return bool(DATE_CODE.search(bare))


ROW_NUMBER = re.compile(r"[0-9]{1,10}")
CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,10})")
INTEGER = re.compile(r"[+-]?[0-9]{1,30}")
DECIMAL = re.compile(r"[+-]?([0-9]{1,30}(\.[0-9]{0,30})?|\.[0-9]{1,30})([eE][+-]?[0-9]{1,3})?")


def _row_number(text: str | None, last: int, limits: Limits) -> int:
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


def _column_index(reference: str | None, last: int, row: int) -> int:
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
class _CellContext:
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


def read_xlsx(content: bytes, limits: Limits | None = None, on_header=None) -> list[Sheet]:
    """Return the workbook's sheets: the first read in full, the others up to their header only.

    Raise SpreadsheetRefused for anything unreadable or over a limit. `on_header(sheet)`
    is called for each sheet as soon as its header row is read.
    """
    limits = limits or Limits()
    book = _Xlsx(content, limits)
    parts, shared_part, styles_part, date1904 = book.workbook()
    context = _CellContext(book.shared_strings(shared_part), book.date_styles(styles_part), date1904)
    return [
        book.sheet(name, part, context, header_only=index > 0, on_header=on_header)
        for index, (name, part) in enumerate(parts)
    ]
