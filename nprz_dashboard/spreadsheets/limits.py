"""What every read of an upload shares: the limits, the refusal, the sheet read, and the row collector."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..formatting import format_number

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


class Deadline:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.ends = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise SpreadsheetRefused(
                f"Het bestand kost te veel tijd om te lezen (de grens is {format_number(self.limits.max_seconds)} "
                "seconden). Gebruik het sjabloon of splits het bestand op."
            )


class Collector:
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
