"""Read an XLSX upload: the archive, its workbook, shared strings, styles and first sheet, within the limits.

Each XML part is fed in bounded chunks to expat with handlers that keep only
what the import needs (no element tree), so memory stays flat however long a
part is. DTDs, entity declarations and external references are refused the
moment expat meets them, with defusedxml's exceptions: no XML bomb or XXE gets
as far as expanding anything.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ..formatting import format_number
from .limits import CHUNK, Collector, Deadline, Limits, Sheet, SpreadsheetRefused
from .xlsx_cells import CellContext, is_builtin_date
from .xlsx_parts import Attributes, Handler, SharedStrings, SheetRows, Stop, Styles


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

    def __init__(self, raw, part: str, limits: Limits, deadline: Deadline):
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


def _unreadable(detail: str = "") -> SpreadsheetRefused:
    extra = f" ({detail})" if detail else ""
    return SpreadsheetRefused(f"Het Excel-bestand kan niet worden gelezen{extra}; is het een geldig .xlsx-bestand?")


def _bomb(part: str) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        f"Het onderdeel {part} van het Excel-bestand bevat een DTD of entiteiten (een mogelijke XML-bom); "
        "zulke bestanden worden niet gelezen. Sla het bestand opnieuw op in Excel."
    )


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
        self.deadline = Deadline(limits)
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

    def parse(self, part: str, handler: Handler) -> None:
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
        except Stop:
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
        handler = Attributes(wanted, limit, part)
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
        handler = SharedStrings(self.limits)
        self.parse(part, handler)
        return handler.strings

    def date_styles(self, part: str | None) -> list[bool]:
        """Return, per cell style index, whether its number format shows a date."""
        if part is None or part not in self.names:
            return []
        handler = Styles()
        self.parse(part, handler)
        return [handler.custom.get(number_format, is_builtin_date(number_format)) for number_format in handler.xfs]

    def sheet(self, name: str, part: str, context: CellContext, header_only: bool, on_header) -> Sheet:
        sheet = Sheet(name=name)
        collector = Collector(sheet, self.limits, header_only, on_header)
        self.parse(part, SheetRows(collector, context, self.limits))
        return sheet


def read_xlsx(content: bytes, limits: Limits | None = None, on_header=None) -> list[Sheet]:
    """Return the workbook's sheets: the first read in full, the others up to their header only.

    Raise SpreadsheetRefused for anything unreadable or over a limit. `on_header(sheet)`
    is called for each sheet as soon as its header row is read.
    """
    limits = limits or Limits()
    book = _Xlsx(content, limits)
    parts, shared_part, styles_part, date1904 = book.workbook()
    context = CellContext(book.shared_strings(shared_part), book.date_styles(styles_part), date1904)
    return [
        book.sheet(name, part, context, header_only=index > 0, on_header=on_header)
        for index, (name, part) in enumerate(parts)
    ]
