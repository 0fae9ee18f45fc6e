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

from .csv_reader import decode_text, read_csv
from .limits import Limits, Sheet, SpreadsheetRefused, check_width, column_letters
from .xlsx_reader import read_xlsx

__all__ = [
    "Limits",
    "Sheet",
    "SpreadsheetRefused",
    "check_width",
    "column_letters",
    "decode_text",
    "read_csv",
    "read_xlsx",
]
