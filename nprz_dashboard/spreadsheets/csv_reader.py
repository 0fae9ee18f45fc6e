"""Read a CSV upload: Dutch Excel's encodings and dialects, within the limits."""

from __future__ import annotations

import csv
import io

from ..formatting import format_number
from .limits import FIELD_LIMIT_MESSAGE, Collector, Deadline, Limits, Sheet, SpreadsheetRefused, is_empty


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
    deadline = Deadline(limits)
    text = decode_text(content)
    if "\x00" in text:
        raise SpreadsheetRefused("Dit lijkt geen tekstbestand (het bevat nul-tekens); upload een CSV- of XLSX-bestand.")
    # Universal newlines: \r\n (Windows), \n and a lone \r (Excel's "CSV (Macintosh)") all end a line.
    lines = io.StringIO(text, newline=None)
    first = next((line for line in io.StringIO(text, newline=None) if line.strip()), "")
    delimiter = max([";", "\t", ","], key=first.count)
    sheet = Sheet(name="")
    collector = Collector(sheet, limits, on_header=on_header)
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
