"""XLSX files that attack the reader: the five hostile shapes, XML bombs and XXE, malformed XML, broken zips."""

from __future__ import annotations

import struct

from .case import MB, PREVIEW, REFUSED, Case
from .xlsx_writer import (
    DATE_STYLES,
    GOOD,
    HEADER,
    NS,
    Part,
    cell,
    good_rows,
    row_xml,
    shared_xml,
    sheet_xml,
    workbook_rels,
    workbook_xml,
    xlsx,
)

# --- the five hostile shapes of issue 12 ---------------------------------------------------


def far_declared_row() -> bytes:
    """1,6 kB: a data row declared at row 1.000.000.000, no <dimension>."""
    return xlsx(sheet_xml(row_xml(1, HEADER) + row_xml(1_000_000_000, [GOOD[0], GOOD[1], GOOD[2], 104])))


def empty_row_flood() -> bytes:
    """≈ 900 kB: 600 MB of empty <row/> elements after the header."""
    head = f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{row_xml(1, HEADER)}'.encode()
    return xlsx(Part("", data=head, chunk=b"<row/>" * (MB // 6), times=600, suffix=b"</sheetData></worksheet>"))


def far_header_cell_and_many_rows() -> bytes:
    """≈ 100 kB: a header cell at XFD1 plus 20.000 one-cell rows."""
    header = row_xml(1, HEADER).replace("</row>", cell("XFD1", "x", "inlineStr") + "</row>")
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(2, 20_002))
    return xlsx(sheet_xml(header + rows))


def whitespace_padding() -> bytes:
    """≈ 600 kB: a valid sheet padded with 600 MB of whitespace between its rows."""
    head = f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{row_xml(1, HEADER)}'.encode()
    tail = (row_xml(2, [GOOD[0], GOOD[1], GOOD[2], 104]) + "</sheetData></worksheet>").encode()
    return xlsx(Part("", data=head, chunk=b" " * MB, times=600, suffix=tail))


def full_width_rows() -> bytes:
    """≈ 200 kB: 2.000 data rows that each declare a cell at XFD, 16.384 columns wide."""
    rows = row_xml(1, HEADER) + "".join(
        row_xml(n, [GOOD[0], GOOD[1], GOOD[2], 104]).replace("</row>", cell(f"XFD{n}", 1) + "</row>")
        for n in range(2, 2_002)
    )
    return xlsx(sheet_xml(rows))


HOSTILE_SHAPES = {
    "rij-op-een-miljard.xlsx": (far_declared_row, "rij met nummer 1.000.000.000"),
    "lege-rijen-600mb.xlsx": (empty_row_flood, "de grens is rij 50.000"),
    "kop-in-xfd-20000-rijen.xlsx": (far_header_cell_and_many_rows, "kolom XFD"),
    "witruimte-600mb.xlsx": (whitespace_padding, "uitgepakt groter dan"),
    "rijen-tot-xfd.xlsx": (full_width_rows, "kolom XFD"),
}


# --- XML attacks ----------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
XXE_PARAMETER = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
DTD_ONLY = '<?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "http://127.0.0.1:9/sheet.dtd">'
QUADRATIC = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "' + "a" * 10_000 + '">]>'


def _with_prolog(prolog: str, body: bytes) -> bytes:
    return prolog.encode() + body.split(b"?>", 1)[1]


def xml_attacks() -> list[Case]:
    cases = []
    attacks = {"bom": BILLION_LAUGHS, "xxe": XXE, "xxe-param": XXE_PARAMETER, "dtd": DTD_ONLY, "kwadraat": QUADRATIC}
    for label, prolog in attacks.items():
        sheet = _with_prolog(prolog, sheet_xml(good_rows()))
        cases.append(Case(f"{label}-werkblad.xlsx", xlsx(sheet), REFUSED, "XML-bom"))
        shared = _with_prolog(prolog, shared_xml(["maand"]))
        cases.append(Case(f"{label}-teksten.xlsx", xlsx(shared=shared), REFUSED, "XML-bom"))
        workbook = _with_prolog(prolog, workbook_xml())
        cases.append(Case(f"{label}-werkmap.xlsx", xlsx(workbook=workbook), REFUSED, "XML-bom"))
    cases += [
        Case("bom-stijlen.xlsx", xlsx(styles=_with_prolog(BILLION_LAUGHS, DATE_STYLES)), REFUSED, "XML-bom"),
        Case("xxe-relaties.xlsx", xlsx(rels=_with_prolog(XXE, workbook_rels())), REFUSED, "XML-bom"),
        Case(
            "entiteit-in-cel.xlsx",
            xlsx(_with_prolog(XXE, sheet_xml(row_xml(1, HEADER) + row_xml(2, ["&xxe;"]).replace("&amp;", "&")))),
            REFUSED,
            "XML-bom",
        ),
        # A bomb in a part the reader never opens harms nothing: the file reads normally.
        Case(
            "bom-in-ongebruikt-deel.xlsx",
            xlsx(extra=[Part("docProps/app.xml", BILLION_LAUGHS.encode() + b"<x>&lol9;</x>")]),
            PREVIEW,
            rows=("ok",),
        ),
    ]
    return cases


def malformed_xml() -> list[Case]:
    good = sheet_xml(good_rows())
    broken = {
        "afgebroken": good[: len(good) // 2],
        "niet-gesloten": good.replace(b"</row>", b"", 1),
        "verkeerde-sluiting": good.replace(b"</sheetData>", b"</sheetdata>"),
        "ongeldig-teken": good.replace(b"huisbezoeken", b"huis\x01bezoeken"),
        "twee-wortels": good + b"<worksheet/>",
        "geen-xml": b"dit is geen xml",
        "leeg-deel": b"",
        "verkeerde-codering": good.replace(b'encoding="UTF-8"', b'encoding="UTF-16"'),
        "ongeldige-utf8": good.replace(b"huisbezoeken", b"huis\xffbezoeken"),
        "attribuut-zonder-aanhalingstekens": good.replace(b'r="1"', b"r=1"),
    }
    cases = [Case(f"xml-{label}.xlsx", xlsx(sheet), REFUSED, "geen geldige XML") for label, sheet in broken.items()]
    cases.append(Case("xml-kapotte-teksten.xlsx", xlsx(shared=b"<sst><si><t>maand</sst>"), REFUSED, "geen geldige XML"))
    cases.append(Case("xml-kapotte-werkmap.xlsx", xlsx(workbook=b"<workbook><sheets>"), REFUSED, "geen geldige XML"))
    return cases


# --- broken archives ---------------------------------------------------------------------------


def broken_archives() -> list[Case]:
    good = xlsx()
    unreadable = "kan niet worden gelezen"
    many = xlsx(extra=[Part(f"docProps/custom{i}.xml", b"<x/>") for i in range(1_200)])
    return [
        Case("geen-zip.xlsx", b"PK\x03\x04 dit is geen zip", REFUSED, unreadable),
        Case("afgebroken-zip.xlsx", good[: len(good) // 2], REFUSED, unreadable),
        Case("lege-zip.xlsx", struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0, 0, 0, 0, 0), REFUSED, unreadable),
        Case("zonder-werkmap.xlsx", xlsx(drop=("xl/workbook.xml",)), REFUSED, unreadable),
        Case("zonder-relaties.xlsx", xlsx(drop=("xl/_rels/workbook.xml.rels",)), REFUSED, "verwijst naar niets"),
        Case("zonder-werkblad.xlsx", xlsx(drop=("xl/worksheets/sheet1.xml",)), REFUSED, "ontbreekt"),
        Case("werkmap-zonder-bladen.xlsx", xlsx(workbook=workbook_xml(names=())), REFUSED, "geen werkblad"),
        Case("zip-versie-6-4.xlsx", xlsx(Part("", sheet_xml(good_rows()), version=64)), REFUSED, unreadable),
        Case("versleuteld.xlsx", xlsx(Part("", sheet_xml(good_rows()), flags=1)), REFUSED, "versleuteld"),
        Case("onbekende-compressie.xlsx", xlsx(Part("", sheet_xml(good_rows()), method=99)), REFUSED, unreadable),
        Case(
            "kapotte-compressie.xlsx", xlsx(Part("", sheet_xml(good_rows()), corrupt_stream=True)), REFUSED, unreadable
        ),
        Case(
            "verkeerde-controlesom.xlsx", xlsx(Part("", sheet_xml(good_rows()), corrupt_crc=True)), REFUSED, unreadable
        ),
        Case(
            "liegt-over-grootte.xlsx",
            xlsx(Part("", data=b"", chunk=b" " * MB, times=40, suffix=sheet_xml(good_rows()), declared_size=100)),
            REFUSED,
            unreadable,
        ),
        Case("1200-onderdelen.xlsx", many, REFUSED, "onderdelen (de grens)"),
        Case("25-werkbladen.xlsx", xlsx(sheets=[sheet_xml(good_rows())] * 25), REFUSED, "meer dan 20 werkbladen"),
        Case(
            "twee-werkbladen.xlsx",
            xlsx(sheets=[sheet_xml(good_rows()), sheet_xml(row_xml(1, ["toelichting"]))]),
            REFUSED,
            "precies één werkblad",
        ),
        Case(
            "persoonsgegevens-op-blad-2.xlsx",
            xlsx(sheets=[sheet_xml(good_rows()), sheet_xml(row_xml(1, ["BSN", "Achternaam"]))]),
            REFUSED,
            "persoonsgegevens (BSN, Achternaam)",
        ),
        Case(
            "persoonsgegevens-in-xfd.xlsx",
            xlsx(sheet_xml(good_rows().replace("</row>", cell("XFD1", "Geboortedatum", "inlineStr") + "</row>", 1))),
            REFUSED,
            "persoonsgegevens (Geboortedatum)",
        ),
        Case("alleen-kopregel.xlsx", xlsx(sheet_xml(row_xml(1, HEADER))), REFUSED, "alleen een kopregel"),
        Case("leeg-werkblad.xlsx", xlsx(sheet_xml("")), REFUSED, "leeg"),
        Case("oud-excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, REFUSED, "Oude Excel-bestanden"),
    ]
