"""Read an import file (CSV or XLSX) into a checked plan: per row new, changed, unchanged or an error.

The layout (one figure per row):

    maand;cijfer;gebied;waarde
    2026-10;bijstand;NPRZ;12.612
    2026-10;instroom;BU05991571;14
    2026-10;verzuimaanpak/huisbezoeken;NPRZ;104

Optional columns `gebiedsnaam` and `omschrijving` help people read the file and
are ignored. CSV: Dutch Excel (`;`, decimal comma, UTF-8 with or without BOM, or
Windows-1252). XLSX: one sheet, read without evaluating anything; a cell with a formula
is an error. Files with person-level columns (on any sheet, in any column) or
with more than one sheet are refused outright.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import models

from monitoring.models import CaseloadIndicator, ReportingPeriod
from nprz_dashboard import clock, spreadsheets
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import MONTH_NAMES, Month

from .catalogue import INDICATOR_CODES, Catalogue, Slot
from .import_checks import check_rules, check_totals
from .rules import Finding
from .selectors import FIRST_ENTRY_MONTH, last_entry_month, stored_values
from .validation import NumberError, parse_number

COLUMNS = ["maand", "cijfer", "gebied", "waarde"]
HELPER_COLUMNS = ["gebiedsnaam", "omschrijving"]
ALIASES = {"indicator": "cijfer", "maat": "cijfer", "wijk": "gebied", "gebiedscode": "gebied", "aantal": "waarde"}
INDICATOR_ALIASES = {
    "bijstandsuitkeringen": CaseloadIndicator.CASELOAD,
    "uitkeringen": CaseloadIndicator.CASELOAD,
    "uitstroomnaarwerk": CaseloadIndicator.OUTFLOW_TO_WORK,
    **{code.replace("_", ""): indicator for indicator, code in INDICATOR_CODES.items()},
}
# Column names that point at people rather than aggregates (normalised: lower case, letters and digits only).
PERSON_COLUMNS = {
    "bsn", "burgerservicenummer", "sofinummer", "sofinr", "naam", "voornaam", "voornamen", "achternaam",
    "geslachtsnaam", "voorletters", "tussenvoegsel", "name", "firstname", "lastname", "fullname",
    "geboortedatum", "geboortedag", "geboortejaar", "gebdatum", "birthdate", "dateofbirth", "dob",
    "adres", "address", "straat", "straatnaam", "huisnummer", "postcode", "woonplaats", "telefoon",
    "telefoonnummer", "email", "emailadres", "klantnummer", "clientnummer", "persoonsnummer", "anummer",
}  # fmt: skip
MAX_ROWS = 20_000
# The preview lists at most this many rows and warnings (errors first), so a large file
# previews in seconds; the counts above the table always cover the whole file.
PREVIEW_ROWS = 500
PREVIEW_WARNINGS = 200
# Hard limits of reading an upload (nprz_dashboard.spreadsheets): the layout's six
# columns plus a margin, and rows, cells, unpacked size and seconds well above a
# monthly file, far below what could tie up a worker.
LIMITS = spreadsheets.Limits(max_rows=MAX_ROWS, max_columns=len(COLUMNS) + len(HELPER_COLUMNS) + 6)


def bulk_limits() -> spreadsheets.Limits:
    """Return the limits of a history file (many months at once, /entry/import/history/).

    Only the bounds a long history needs are larger: rows with figures and row
    numbers (IMPORT_BULK_MAX_ROWS, 400.000 by default), unpacked XML (128 MB) and
    seconds (IMPORT_BULK_MAX_SECONDS, 60);
    columns, cell length, sheets, shared strings and archive entries stay as above.
    """
    rows = settings.IMPORT_BULK_MAX_ROWS
    return dataclasses.replace(
        LIMITS,
        max_rows=rows,
        max_row_number=rows + 30_000,
        max_part_bytes=128 * 1024 * 1024,  # a 300.000-row sheet's XML is about 50 MB
        max_seconds=settings.IMPORT_BULK_MAX_SECONDS,
    )


class RowState(models.TextChoices):
    """What confirming the import would do with a row."""

    NEW = "new", "nieuw"
    CHANGED = "changed", "gewijzigd"
    UNCHANGED = "unchanged", "ongewijzigd"
    SKIPPED = "skipped", "overgeslagen"
    LOCKED = "locked", "maand vergrendeld"  # only in a history file: its locked months are left out
    ERROR = "error", "fout"


NO_CELLS: dict[str, str] = {}  # shared by the rows of a history file, which keep no copy of their cells

# The rows a confirmed import writes.
WRITTEN = (RowState.NEW, RowState.CHANGED)


class ImportRefused(Exception):
    """The whole file is refused (unreadable, too big, wrong layout, personal data); nothing was kept."""


def normalise(name) -> str:
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(slots=True)
class Row:
    line: int
    cells: dict[str, str]
    month: Month | None = None
    slot: Slot | None = None
    value: Decimal | None = None
    old: Decimal | None = None
    state: str = RowState.ERROR
    errors: list[str] = field(default_factory=list)
    note: str = ""  # why a row is ignored (a total that follows from its parts)

    @property
    def state_label(self) -> str:
        return RowState(self.state).label


@dataclass
class Plan:
    file_name: str
    rows: list[Row]
    warnings: list[Finding]
    months: list[Month]
    period_marks: dict[Month, tuple[int, str]] = field(default_factory=dict)  # (revision, state) when read
    locked: dict[Month, str] = field(default_factory=dict)  # one message per locked month (its rows are refused)
    bulk: bool = False  # a history file (many months)

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def shown_rows(self) -> list[Row]:
        """Return the rows the preview lists: every row up to PREVIEW_ROWS, rows with an error first, in file order."""
        if len(self.rows) <= PREVIEW_ROWS:
            return self.rows
        errors = [row for row in self.rows if row.state == RowState.ERROR][:PREVIEW_ROWS]
        rest = [row for row in self.rows if row.state != RowState.ERROR][: PREVIEW_ROWS - len(errors)]
        return sorted(errors + rest, key=lambda row: row.line)

    @property
    def refused_rows(self) -> list[Row]:
        """Return the rows with their own error, in file order (a locked month's rows share one message)."""
        return [row for row in self.rows if row.state == RowState.ERROR and row.errors]

    @property
    def shown_changes(self) -> list[Row]:
        """Return the shown rows that matter: refused, new, changed and skipped; unchanged ones are folded."""
        return [row for row in self.shown_rows if row.state != RowState.UNCHANGED]

    @property
    def shown_unchanged(self) -> list[Row]:
        return [row for row in self.shown_rows if row.state == RowState.UNCHANGED]

    @property
    def shown_warnings(self) -> list[Finding]:
        return self.warnings[:PREVIEW_WARNINGS]

    @property
    def hidden_row_count(self) -> int:
        return max(0, len(self.rows) - PREVIEW_ROWS)

    @property
    def hidden_warning_count(self) -> int:
        return max(0, len(self.warnings) - PREVIEW_WARNINGS)

    @property
    def error_count(self) -> int:
        return self.count(RowState.ERROR)

    @property
    def changed_count(self) -> int:
        return self.count(RowState.CHANGED)

    @property
    def new_count(self) -> int:
        return self.count(RowState.NEW)

    @property
    def unchanged_count(self) -> int:
        return self.count(RowState.UNCHANGED)

    @property
    def skipped_count(self) -> int:
        return self.count(RowState.SKIPPED)

    @property
    def fingerprint(self) -> str:
        """Identify what confirming would do, so a confirmation covers exactly the preview that was shown.

        A history file's warnings share one reason, and the write path checks them
        again on confirming (writes.write_figures): its fingerprint covers the rows only.
        """
        parts = [f"{r.line}|{r.month}|{r.slot.key if r.slot else ''}|{r.old}|{r.value}|{r.state}" for r in self.rows]
        if not self.bulk:
            parts += [w.message for w in self.warnings]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def read_table(file_name: str, content: bytes, *, bulk: bool = False) -> list[list]:
    """Return the file's rows with content (header first) as lists of cells; raise ImportRefused.

    `bulk` reads a history file within bulk_limits() and IMPORT_BULK_MAX_BYTES.
    """
    limit = settings.IMPORT_BULK_MAX_BYTES if bulk else settings.IMPORT_MAX_BYTES
    limits = bulk_limits() if bulk else LIMITS
    if len(content) > limit:
        raise ImportRefused(
            f"Het bestand is te groot ({format_number(len(content) / 1024)} kB); "
            f"het maximum is {format_number(limit / 1024)} kB."
        )
    if not content.strip():
        raise ImportRefused("Het bestand is leeg.")
    name = file_name.lower()
    try:
        if content.startswith(b"PK\x03\x04") or name.endswith((".xlsx", ".xlsm")):
            return _read_xlsx(content, limits)
        if name.endswith(".xls") or content.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportRefused("Oude Excel-bestanden (.xls) worden niet gelezen: sla het bestand op als .xlsx of CSV.")
        if not name.endswith((".csv", ".txt")):
            raise ImportRefused("Upload een CSV-bestand (.csv) of een Excel-bestand (.xlsx).")
        return _read_csv(content, limits)
    except spreadsheets.SpreadsheetRefused as error:
        raise ImportRefused(f"{error} Het bestand is niet bewaard.") from None


def _refuse_personal_columns(sheet: spreadsheets.Sheet) -> None:
    refuse_personal_columns(list(sheet.header.values()))


def _read_csv(content: bytes, limits: spreadsheets.Limits) -> list[list]:
    return spreadsheets.read_csv(content, limits, on_header=_refuse_personal_columns).rows


def _read_xlsx(content: bytes, limits: spreadsheets.Limits) -> list[list]:
    # Nothing is evaluated: a formula comes back as its text ("=SUM(...)") and is refused per row.
    # Every sheet's header is checked as soon as it is read, so personal data on a second
    # sheet or far to the right is refused too: the raw file is kept until the import is confirmed.
    sheets = spreadsheets.read_xlsx(content, limits, on_header=_refuse_personal_columns)
    if len(sheets) > 1:
        names = ", ".join(f"‘{sheet.name}’" for sheet in sheets)
        raise ImportRefused(
            f"Het Excel-bestand heeft {len(sheets)} werkbladen ({names}). Een import heeft precies "
            "één werkblad met de cijfers: verwijder de andere werkbladen of gebruik het sjabloon. "
            "Het bestand is niet bewaard."
        )
    return sheets[0].rows


def _text(cell) -> str:
    if cell.__class__ is str:  # nearly every cell of a CSV
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime | dt.date):
        return f"{cell.year:04d}-{cell.month:02d}"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def refuse_personal_columns(header: list) -> None:
    """Raise ImportRefused when a header names person-level data (BSN, name, address...)."""
    personal = [str(h).strip() for h in header if normalise(h) in PERSON_COLUMNS or "bsn" in normalise(h)]
    if personal:
        raise ImportRefused(
            "Dit bestand is geweigerd: het heeft kolommen met persoonsgegevens ("
            + ", ".join(personal)
            + "). De werkmonitor bevat alleen totalen per gebied en maand, nooit gegevens over personen. "
            "Maak eerst een overzicht met aantallen per gebied en upload dat. Het bestand is niet bewaard."
        )


def header_columns(header: list) -> dict[str, int]:
    """Map the layout's column names to positions; raise ImportRefused for personal data or an unknown layout."""
    refuse_personal_columns(header)
    names = [normalise(h) for h in header]
    positions: dict[str, int] = {}
    unknown = []
    for index, name in enumerate(names):
        name = ALIASES.get(name, name)
        if name in COLUMNS and name not in positions:
            positions[name] = index
        elif name and name not in HELPER_COLUMNS:
            unknown.append(str(header[index]).strip())
    missing = [c for c in COLUMNS if c not in positions]
    if missing or unknown:
        problems = []
        if missing:
            problems.append("ontbrekende kolommen: " + ", ".join(missing))
        if unknown:
            problems.append("onbekende kolommen: " + ", ".join(unknown))
        raise ImportRefused(
            "De kolommen kloppen niet (" + "; ".join(problems) + "). De eerste regel moet de kolommen "
            "maand, cijfer, gebied en waarde noemen (gebiedsnaam en omschrijving mogen erbij). Gebruik het sjabloon."
        )
    return positions


def parse_month(cell) -> Month:
    if isinstance(cell, dt.datetime | dt.date):
        return Month(cell.year, cell.month)
    text = _text(cell).lower()
    try:
        return Month.parse(text)
    except ValueError:
        pass
    parts = text.split()
    if len(parts) == 2 and parts[0] in MONTH_NAMES and parts[1].isdigit() and len(parts[1]) == 4:
        return Month(int(parts[1]), MONTH_NAMES.index(parts[0]) + 1)
    raise ValueError(text)


class Resolver:
    """Find the slot a row means, per month, from the catalogue (no queries per row).

    A history file names the same months, figures and areas hundreds of thousands
    of times: each text is looked up once and remembered, errors included.
    """

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.areas = {a.code.upper(): a for a in catalogue.areas} | {normalise(a.name): a for a in catalogue.areas}
        self.measures = {f"{m.activity.slug}/{m.slug}": m for m in catalogue.measures}
        self._slots: dict[Month, dict[tuple, Slot]] = {}
        self._figures: dict[str, tuple | str] = {}  # a text: why the figure is unknown
        self._places: dict[str, object] = {}
        self._months: dict[str, Month | None] = {}
        self._bounds: dict[Month, str] = {}

    def slots(self, month: Month) -> dict[tuple, Slot]:
        if month not in self._slots:
            self._slots[month] = {(s.indicator or s.measure_id, s.area_id): s for s in self.catalogue.slots(month)}
        return self._slots[month]

    def month(self, cell) -> Month:
        """Return the month a cell names (parse_month), remembered per text; raise ValueError."""
        if not isinstance(cell, str):
            return parse_month(cell)
        if cell not in self._months:
            try:
                self._months[cell] = parse_month(cell)
            except ValueError:
                self._months[cell] = None
        found = self._months[cell]
        if found is None:
            raise ValueError(cell)
        return found

    def out_of_bounds(self, month: Month, last: Month) -> str:
        """Return why a month can't be entered ('' when it can), remembered per month."""
        if month not in self._bounds:
            if month > last:
                self._bounds[month] = f"{month.label} is nog niet voorbij; die maand kan nog niet worden ingevoerd."
            elif month < FIRST_ENTRY_MONTH:
                self._bounds[month] = f"{month.label} ligt voor de start van het programma."
            else:
                self._bounds[month] = ""
        return self._bounds[month]

    def _figure(self, figure: str) -> tuple:
        if figure not in self._figures:
            code = figure.strip().lower().replace(" ", "")
            indicator = INDICATOR_ALIASES.get(normalise(code))
            measure = None if indicator else self.measures.get(code)
            if indicator is None and measure is None:
                self._figures[figure] = (
                    f"Onbekend cijfer ‘{figure}’: gebruik bijvoorbeeld bijstand, instroom "
                    "of verzuimaanpak/huisbezoeken."
                )
            else:
                self._figures[figure] = (indicator, measure)
        found = self._figures[figure]
        if isinstance(found, str):
            raise ValueError(found)
        return found

    def _place(self, area: str):
        if area not in self._places:
            self._places[area] = self.areas.get(area.strip().upper()) or self.areas.get(normalise(area))
        place = self._places[area]
        if place is None:
            raise ValueError(f"Onbekend gebied ‘{area}’: gebruik de CBS-code (bijvoorbeeld BU05991571) of NPRZ.")
        return place

    def slot(self, month: Month, figure: str, area: str) -> Slot:
        indicator, measure = self._figure(figure)
        place = self._place(area)
        found = self.slots(month).get((indicator or measure.id, place.id))
        if found is not None:
            return found
        if measure is not None and not any(key[0] == measure.id for key in self.slots(month)):
            raise ValueError(f"{measure.activity.name} loopt niet in {month.label}.")
        if measure is not None and measure.by_area:
            raise ValueError(f"{measure.name} wordt per wijk vastgelegd, niet voor {place.name}.")
        raise ValueError(f"{measure.name if measure else figure} wordt alleen voor het hele NPRZ-gebied vastgelegd.")


def build_plan(file_name: str, content: bytes, *, bulk: bool = False, rules: bool = True) -> Plan:
    """Read, check and compare a file against the stored figures; raise ImportRefused for a refused file.

    A locked month's rows are errors (the file can't be confirmed), said once for
    the month; in a history file (`bulk`) they are LOCKED instead: left out, and
    the other months can be confirmed. Without `rules` the consistency rules are
    left to the write path (confirming a history file: they would run twice).
    """
    table = read_table(file_name, content, bulk=bulk)
    table = [row for row in table if any(_text(c) for c in row)]
    if not table:
        raise ImportRefused("Het bestand is leeg.")
    positions = header_columns(table[0])
    if len(table) == 1:
        raise ImportRefused("Het bestand heeft alleen een kopregel en geen cijfers.")
    resolver = Resolver(Catalogue.load())
    last = last_entry_month(clock.today())
    rows = [_resolve(line, raw, positions, resolver, last) for line, raw in enumerate(table[1:], start=2)]
    del table  # the rows hold what is needed now
    if bulk:  # a history preview shows counts per month and each error with its line, never a row's cells
        for row in rows:
            row.cells = NO_CELLS

    months = sorted({row.month for row in rows if row.month and row.slot})
    # Periods are read before the figures: confirming compares these marks with the
    # locked rows, so a write in between makes the preview stale instead of slipping by.
    periods = {
        p.period: p
        for p in ReportingPeriod.objects.filter(month__in=[m.first_day for m in months]).select_related("changed_by")
    }
    marks = {month: (p.revision, p.state) for month, p in periods.items()}
    locked = {month: p for month, p in periods.items() if p.is_locked}
    stored = stored_values(months)
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.errors or row.slot is None:
            continue
        key = (row.month, row.slot.key)
        if key in seen:
            row.errors.append(f"Dit cijfer staat al in regel {seen[key]}.")
            continue
        seen[key] = row.line
        if row.month in locked:
            row.state = (
                RowState.LOCKED if bulk else RowState.ERROR
            )  # said once for the month (Plan.locked), not on each of its rows
            continue
        current = stored.get(key)
        if row.value is None:
            row.state = RowState.SKIPPED
            continue
        row.old = current.value if current else None
        if current is not None and current.is_official and current.value != row.value:
            row.errors.append(
                f"Dit is een officieel gepubliceerd cijfer ({current.source}); een import wijzigt het niet."
            )
            continue
        if current is None:
            row.state = RowState.NEW
        else:
            row.state = RowState.UNCHANGED if current.value == row.value else RowState.CHANGED
    check_totals(rows, months, stored, resolver)
    warnings = check_rules(rows, months, stored, resolver) if rules else []
    for row in rows:
        if row.errors:
            row.state = RowState.ERROR
    locked_messages = {m: p.lock_message() for m, p in locked.items() if any(r.month == m for r in rows)}
    return Plan(file_name, rows, warnings, months, marks, locked_messages, bulk)


def _resolve(line: int, raw: list, positions: dict[str, int], resolver: Resolver, last: Month) -> Row:
    cells = {name: (raw[i] if i < len(raw) else None) for name, i in positions.items()}
    row = Row(line=line, cells={name: _text(value) for name, value in cells.items()})
    formulas = [name for name, value in cells.items() if isinstance(value, str) and value.strip().startswith("=")]
    if formulas:
        row.errors.append(
            "Formules worden niet uitgevoerd; vul in kolom " + ", ".join(formulas) + " de waarde zelf in."
        )
        return row
    try:
        row.month = resolver.month(cells["maand"])
    except ValueError:
        row.errors.append(f"Onbekende maand ‘{row.cells['maand']}’: gebruik JJJJ-MM, bijvoorbeeld 2026-10.")
        return row
    if refused := resolver.out_of_bounds(row.month, last):
        row.errors.append(refused)
        return row
    try:
        row.slot = resolver.slot(row.month, row.cells["cijfer"], row.cells["gebied"])
    except ValueError as error:
        row.errors.append(str(error))
        return row
    value = cells["waarde"]
    if value is None or _text(value) == "":
        return row
    try:
        row.value = parse_number(value, allows_decimals=row.slot.allows_decimals, max_value=row.slot.max_value)
    except NumberError as error:
        row.errors.append(str(error))
    return row


def template_rows(month: Month, catalogue: Catalogue, stored: dict) -> tuple[list[str], list[list]]:
    """Return the layout's header and one row per enterable figure of the month, with its stored value.

    District and NPRZ caseload totals are left out: the write path computes them from the neighbourhoods.
    """
    header = ["maand", "cijfer", "gebied", "gebiedsnaam", "omschrijving", "waarde"]
    rows = []
    for slot in catalogue.slots(month):
        if slot.is_total:  # totals follow from their parts: left out, so a changed part never contradicts them
            continue
        current = stored.get((month, slot.key))
        value = None if current is None else current.value
        if value is not None and value == value.to_integral_value():
            value = int(value)
        rows.append([month.key, slot.code, slot.area_code, slot.area_name, slot.label, value])
    return header, rows
