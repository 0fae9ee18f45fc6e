"""Handlers for the XML parts of an XLSX file: each keeps only what the import needs, within the limits."""

from __future__ import annotations

from ..formatting import format_number
from .limits import Collector, Limits, SpreadsheetRefused, column_letters, is_empty
from .xlsx_cells import CellContext, column_index, is_date_format, row_number


class Handler:
    """Receives one part's elements; subclasses keep what they need."""

    def start(self, name: str, attributes: dict) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class Stop(Exception):
    """Raised by a handler that has read all it needs."""


class Attributes(Handler):
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


class Text:
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


class SharedStrings(Handler):
    """Collect <si> texts: their <t>, or their runs' <t>s; phonetic guides (<rPh>) are left out."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.strings: list[str] = []
        self.current: Text | None = None
        self.capture = False
        self.phonetic = 0

    def start(self, name, attributes):
        if name == "si":
            if len(self.strings) >= self.limits.max_shared_strings:
                raise SpreadsheetRefused(
                    f"Het Excel-bestand heeft meer dan {format_number(self.limits.max_shared_strings)} "
                    "verschillende teksten (de grens)."
                )
            self.current = Text(self.limits.max_cell_chars)
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


class Styles(Handler):
    """Collect custom number formats and the number format of each cell style (<cellXfs>)."""

    MAX_STYLES = 65_536

    def __init__(self):
        self.custom: dict[str, bool] = {}
        self.xfs: list[str] = []
        self.in_cell_xfs = False

    def start(self, name, attributes):
        if name == "numFmt" and len(self.custom) < self.MAX_STYLES:
            self.custom[attributes.get("numFmtId") or ""] = is_date_format(attributes.get("formatCode") or "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            if len(self.xfs) >= self.MAX_STYLES:
                raise SpreadsheetRefused("Het Excel-bestand heeft te veel celopmaken (de grens is 65.536).")
            self.xfs.append(attributes.get("numFmtId") or "0")

    def end(self, name):
        if name == "cellXfs":
            self.in_cell_xfs = False


class SheetRows(Handler):
    """Turn <row>/<c> elements into rows for the collector, one row at a time."""

    def __init__(self, collector: Collector, context: CellContext, limits: Limits):
        self.collector, self.context, self.limits = collector, context, limits
        self.last_row = 0
        self.row: int | None = None
        self.cells: dict[int, object] = {}
        self.last_column = -1
        self.cell: tuple[int, str, str | None] | None = None  # column, type, style
        self.value: Text | None = None
        self.formula: Text | None = None
        self.inline: Text | None = None
        self.target: Text | None = None  # where text goes now
        self.phonetic = 0

    def start(self, name, attributes):
        if name == "row":
            self.row = row_number(attributes.get("r"), self.last_row, self.limits)
            self.last_row, self.cells, self.last_column = self.row, {}, -1
        elif name == "c" and self.row is not None:
            column = column_index(attributes.get("r"), self.last_column, self.row)
            self.last_column = column
            self.cell = (column, attributes.get("t") or "n", attributes.get("s"))
            self.value = self.formula = self.inline = None
        elif self.cell is None:
            return
        elif name == "v":
            self.value = self.target = Text(self.limits.max_cell_chars)
        elif name == "f":
            self.formula = self.target = Text(self.limits.max_cell_chars)
        elif name == "is":
            self.inline = Text(self.limits.max_cell_chars)
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
                raise Stop

    def text(self, data):
        if self.target is not None:
            self.target.add(data)
