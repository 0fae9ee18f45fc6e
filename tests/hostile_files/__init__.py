"""A corpus of hostile and broken import files, generated (never committed as binaries).

Each `Case` says what the import page must do with it: refuse the file with a
Dutch message containing `message`, or show a preview whose rows end as
`rows` ("ok" for new/changed/unchanged/skipped, or a fragment of the row's
error). The XLSX files are written by a small zip writer so that bombs (a part
that unpacks to hundreds of megabytes) cost kilobytes and milliseconds to make:
a repeated chunk is compressed once and its compressed bytes repeated.
"""

from .case import PREVIEW, REFUSED, Case
from .csv_cases import csv_cases
from .xlsx_attacks import HOSTILE_SHAPES, broken_archives, malformed_xml, xml_attacks
from .xlsx_cells import bad_cells, unusual_but_valid
from .xlsx_writer import HEADER, good_rows, sheet_xml, xlsx

__all__ = ["HEADER", "HOSTILE_SHAPES", "PREVIEW", "REFUSED", "Case", "corpus", "good_rows", "sheet_xml", "xlsx"]


def corpus() -> list[Case]:
    """Return every case: the five hostile shapes first, then XML attacks, cells, valid oddities, archives, CSV."""
    shapes = [Case(name, make(), REFUSED, message) for name, (make, message) in HOSTILE_SHAPES.items()]
    return (
        shapes + xml_attacks() + malformed_xml() + bad_cells() + unusual_but_valid() + broken_archives() + csv_cases()
    )
