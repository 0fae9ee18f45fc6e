"""A corpus of hostile and broken import files, generated (never committed as binaries).

Each `Case` says what the import page must do with it: refuse the file with a
Dutch message containing `message`, or show a preview whose rows end as
`rows` ("ok" for new/changed/unchanged/skipped, or a fragment of the row's
error). The XLSX files are written by a small zip writer so that bombs (a part
that unpacks to hundreds of megabytes) cost kilobytes and milliseconds to make:
a repeated chunk is compressed once and its compressed bytes repeated.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
HEADER = ["maand", "cijfer", "gebied", "waarde"]
GOOD = ["2026-10", "verzuimaanpak/huisbezoeken", "NPRZ", "104"]
MB = 1024 * 1024

REFUSED = "refused"
PREVIEW = "preview"


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    expect: str  # REFUSED or PREVIEW
    message: str = ""  # part of the refusal (REFUSED)
    rows: tuple[str, ...] = ()  # per row "ok" or a part of its error (PREVIEW)


# --- a zip writer that can repeat compressed chunks -----------------------------------


@dataclass
class Part:
    """A zip member: `data`, or `prefix` + `chunk` × `times` + `suffix` (compressed once, repeated)."""

    name: str
    data: bytes = b""
    chunk: bytes = b""
    times: int = 0
    suffix: bytes = b""
    method: int = 8  # 8 deflate, 0 stored, anything else unsupported
    flags: int = 0  # bit 0: encrypted
    declared_size: int | None = None  # lie about the unpacked size
    version: int = 20  # "version needed to extract" (zipfile reads up to 6.3)
    corrupt_crc: bool = False
    corrupt_stream: bool = False
    extra: dict = field(default_factory=dict)

    def packed(self) -> tuple[bytes, int, int]:
        """Return (compressed bytes, crc32, unpacked size)."""
        crc = zlib.crc32(self.data)
        size = len(self.data)
        if self.method != 8:
            body = self.data
        else:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            pieces = [compressor.compress(self.data), compressor.flush(zlib.Z_FULL_FLUSH)]
            if self.times:
                # After a full flush the compressor forgets its history, so the same chunk
                # compresses to the same bytes every time: repeat them instead of recompressing.
                once = compressor.compress(self.chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
                pieces.append(once * self.times)
                for _ in range(self.times):
                    crc = zlib.crc32(self.chunk, crc)
                size += len(self.chunk) * self.times
            pieces += [compressor.compress(self.suffix), compressor.flush()]
            crc = zlib.crc32(self.suffix, crc)
            size += len(self.suffix)
            body = b"".join(pieces)
        if self.corrupt_stream:
            body = body[: len(body) // 2] + b"\xff" * 16 + body[len(body) // 2 :]
        if self.corrupt_crc:
            crc ^= 0xFFFF
        return body, crc & 0xFFFFFFFF, size


def zip_bytes(parts: list[Part]) -> bytes:
    """Return a zip archive of the parts (no zip64: every part stays under 4 GB)."""
    local, central = bytearray(), bytearray()
    for part in parts:
        body, crc, size = part.packed()
        name = part.name.encode()
        declared = size if part.declared_size is None else part.declared_size
        offset = len(local)
        local += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            part.version,
            part.flags,
            part.method,
            0,
            0x21,
            crc,
            len(body),
            declared,
            len(name),
            0,
        )
        local += name + body
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, part.version, part.flags, part.method, 0, 0x21, crc, len(body), declared, len(name),
            0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(local), 0)
    return bytes(local + central + end)


# --- XLSX parts -------------------------------------------------------------------------


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def cell(ref: str, value, kind: str | None = None, style: int | None = None) -> str:
    attributes = f' r="{ref}"' + (f' t="{kind}"' if kind else "") + (f' s="{style}"' if style is not None else "")
    if kind == "inlineStr":
        return f"<c{attributes}><is><t>{esc(str(value))}</t></is></c>"
    return f"<c{attributes}><v>{esc(str(value))}</v></c>"


def row_xml(number: int, values: list, kinds=None) -> str:
    """Return a row of inline strings (or numbers where the value is an int/float)."""
    cells = []
    for index, value in enumerate(values):
        ref = f"{chr(65 + index)}{number}"
        if isinstance(value, int | float):
            cells.append(cell(ref, value))
        else:
            cells.append(cell(ref, value, "inlineStr"))
    return f'<row r="{number}">' + "".join(cells) + "</row>"


def sheet_xml(rows: str, ns: str = NS, before: str = "", after: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{ns}">{before}'
        f"<sheetData>{rows}</sheetData>{after}</worksheet>"
    ).encode()


def good_rows(extra: list[list] | None = None) -> str:
    rows = [HEADER, [GOOD[0], GOOD[1], GOOD[2], 104], *(extra or [])]
    return "".join(row_xml(i + 1, r) for i, r in enumerate(rows))


def workbook_xml(names=("invoer",), ns: str = NS, rel_ns: str = REL_NS, pr: str = "") -> bytes:
    sheets = "".join(f'<sheet name="{esc(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel_ns}">{pr}'
        f"<sheets>{sheets}</sheets></workbook>"
    ).encode()


def workbook_rels(count=1, shared=False, styles=False) -> bytes:
    rels = [
        f'<Relationship Id="rId{i + 1}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(count)
    ]
    if shared:
        rels.append(f'<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles:
        rels.append(f'<Relationship Id="rIdT" Type="{REL_NS}/styles" Target="styles.xml"/>')
    return f'<?xml version="1.0"?><Relationships xmlns="{PKG_NS}">{"".join(rels)}</Relationships>'.encode()


ROOT_RELS = (
    f'<?xml version="1.0"?><Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
    f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
).encode()
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def shared_xml(strings: list[str]) -> bytes:
    items = "".join(f"<si><t>{esc(s)}</t></si>" for s in strings)
    return f'<?xml version="1.0"?><sst xmlns="{NS}" count="{len(strings)}">{items}</sst>'.encode()


DATE_STYLES = (
    f'<?xml version="1.0"?><styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="mmm\\-yy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/>'
    '<xf numFmtId="164"/></cellXfs></styleSheet>'
).encode()


def xlsx(
    sheet: bytes | Part | None = None,
    *,
    sheets: list[bytes] | None = None,
    shared: bytes | Part | None = None,
    styles: bytes | Part | None = None,
    workbook: bytes | Part | None = None,
    rels: bytes | Part | None = None,
    names=None,
    extra: list[Part] | None = None,
    drop: tuple[str, ...] = (),
) -> bytes:
    """Return an XLSX archive; every part can be replaced by hostile bytes or a Part."""
    sheets = sheets if sheets is not None else [sheet if sheet is not None else sheet_xml(good_rows())]
    names = names or [f"blad{i + 1}" for i in range(len(sheets))]
    parts: list[Part] = [
        Part("[Content_Types].xml", CONTENT_TYPES),
        Part("_rels/.rels", ROOT_RELS),
        _as_part("xl/workbook.xml", workbook if workbook is not None else workbook_xml(names)),
        _as_part(
            "xl/_rels/workbook.xml.rels",
            rels if rels is not None else workbook_rels(len(sheets), shared is not None, styles is not None),
        ),
    ]
    parts += [_as_part(f"xl/worksheets/sheet{i + 1}.xml", s) for i, s in enumerate(sheets)]
    if shared is not None:
        parts.append(_as_part("xl/sharedStrings.xml", shared))
    if styles is not None:
        parts.append(_as_part("xl/styles.xml", styles))
    parts += extra or []
    return zip_bytes([p for p in parts if p.name not in drop])


def _as_part(name: str, content: bytes | Part) -> Part:
    if isinstance(content, Part):
        content.name = name
        return content
    return Part(name, content)


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


# --- cells and rows ---------------------------------------------------------------------------


def _sheet_with(data_row: str) -> bytes:
    return xlsx(sheet_xml(row_xml(1, HEADER) + data_row))


def bad_cells() -> list[Case]:
    base = f'<row r="2">{cell("A2", "2026-10", "inlineStr")}{cell("B2", "instroom", "inlineStr")}'
    base += cell("C2", "NPRZ", "inlineStr")

    def with_value(value_cell: str) -> bytes:
        return _sheet_with(base + value_cell + "</row>")

    strings = shared_xml(["maand", "cijfer"])
    cases = [
        Case("getalcel-met-tekst.xlsx", with_value('<c r="D2"><v>abc</v></c>'), REFUSED, "hoort een getal te bevatten"),
        Case("getalcel-oneindig.xlsx", with_value('<c r="D2"><v>1e999</v></c>'), REFUSED, "hoort een getal"),
        Case("getalcel-nan.xlsx", with_value('<c r="D2"><v>NaN</v></c>'), REFUSED, "hoort een getal"),
        Case("getalcel-100-cijfers.xlsx", with_value(f'<c r="D2"><v>{"9" * 100}</v></c>'), REFUSED, "hoort een getal"),
        Case(
            "tekstindex-te-groot.xlsx",
            xlsx(_sheet_body(base + '<c r="D2" t="s"><v>99</v></c></row>'), shared=strings),
            REFUSED,
            "verwijst naar een tekst die niet",
        ),
        Case(
            "tekstindex-negatief.xlsx",
            xlsx(_sheet_body(base + '<c r="D2" t="s"><v>-1</v></c></row>'), shared=strings),
            REFUSED,
            "verwijst naar een tekst",
        ),
        Case(
            "tekstindex-zonder-teksten.xlsx",
            with_value('<c r="D2" t="s"><v>0</v></c>'),
            REFUSED,
            "verwijst naar een tekst",
        ),
        Case("datumcel-ongeldig.xlsx", with_value('<c r="D2" t="d"><v>geen datum</v></c>'), REFUSED, "ongeldige datum"),
        Case("datumcel-maand-13.xlsx", with_value('<c r="D2" t="d"><v>2026-13-01</v></c>'), REFUSED, "ongeldige datum"),
        Case("janee-cel-ongeldig.xlsx", with_value('<c r="D2" t="b"><v>2</v></c>'), REFUSED, "ja/nee-cel"),
        Case("onbekend-celtype.xlsx", with_value('<c r="D2" t="zzz"><v>1</v></c>'), REFUSED, "onbekend celtype"),
        Case("celverwijzing-ongeldig.xlsx", with_value('<c r="1D"><v>1</v></c>'), REFUSED, "ongeldige verwijzing"),
        Case("celverwijzing-vier-letters.xlsx", with_value('<c r="AAAA2"><v>1</v></c>'), REFUSED, "ongeldige verwijz"),
        Case("celverwijzing-voorbij-xfd.xlsx", with_value('<c r="XFE2"><v>1</v></c>'), REFUSED, "voorbij kolom XFD"),
        Case("cel-twee-keer.xlsx", with_value('<c r="C2"><v>1</v></c>'), REFUSED, "twee keer of niet op volgorde"),
        Case("cel-te-lang.xlsx", with_value(cell("D2", "9" * 5_000, "inlineStr")), REFUSED, "meer dan 1.000 tekens"),
        Case(
            "tekst-te-lang.xlsx",
            xlsx(shared=shared_xml(["maand", "x" * 5_000])),
            REFUSED,
            "meer dan 1.000 tekens",
        ),
        Case(
            "tekst-met-100000-stukjes.xlsx",
            xlsx(shared=f'<sst xmlns="{NS}"><si>{"<r><t>a</t></r>" * 100_000}</si></sst>'.encode()),
            REFUSED,
            "meer dan 1.000 tekens",
        ),
        Case(
            "120000-teksten.xlsx",
            xlsx(
                shared=Part(
                    "", data=f'<sst xmlns="{NS}">'.encode(), chunk=b"<si><t/></si>" * 1_000, times=120, suffix=b"</sst>"
                )
            ),
            REFUSED,
            "verschillende teksten (de grens)",
        ),
        Case(
            "teksten-bom-100mb.xlsx",
            xlsx(
                shared=Part(
                    "",
                    data=f'<sst xmlns="{NS}"><si><t>maand</t></si>'.encode(),
                    chunk=b" " * MB,
                    times=100,
                    suffix=b"</sst>",
                )
            ),
            REFUSED,
            "uitgepakt groter dan",
        ),
        Case(
            "rij-met-20000-lege-cellen.xlsx",
            _sheet_with('<row r="2">' + "<c/>" * 20_000 + "</row>"),
            REFUSED,
            "voorbij kolom XFD",
        ),
        Case("rij-met-tekst-als-nummer.xlsx", _sheet_with('<row r="abc"><c><v>1</v></c></row>'), REFUSED, "ongeldig"),
        Case("rij-nummer-nul.xlsx", _sheet_with('<row r="0"><c><v>1</v></c></row>'), REFUSED, "niet op volgorde"),
        Case("rij-nummer-negatief.xlsx", _sheet_with('<row r="-5"><c><v>1</v></c></row>'), REFUSED, "ongeldig"),
        Case("rij-nummer-decimaal.xlsx", _sheet_with('<row r="2.5"><c><v>1</v></c></row>'), REFUSED, "ongeldig"),
        Case("rij-terug.xlsx", xlsx(sheet_xml(good_rows() + row_xml(2, GOOD))), REFUSED, "niet op volgorde"),
        Case("rij-voorbij-grens.xlsx", _sheet_with(row_xml(50_001, GOOD)), REFUSED, "de grens is rij 50.000"),
        Case(
            "datumserie-te-groot.xlsx",
            xlsx(
                sheet_xml(row_xml(1, HEADER) + '<row r="2"><c r="A2" s="1"><v>99999999</v></c></row>'),
                styles=DATE_STYLES,
            ),
            REFUSED,
            "ongeldige datum",
        ),
        Case(
            "waarde-in-kolom-m.xlsx",
            _sheet_with(row_xml(2, GOOD).replace("</row>", cell("M2", 1) + "</row>")),
            REFUSED,
            "hoogstens 12 kolommen",
        ),
        Case(
            "kopregel-met-300-kolommen.xlsx",
            xlsx(
                sheet_xml(
                    row_xml(1, HEADER + [f"k{i}" for i in range(22)]).replace("</row>", "")
                    + "".join(cell(f"A{i}", "x", "inlineStr").replace(f'r="A{i}"', "") for i in range(300))
                    + "</row>"
                )
            ),
            REFUSED,
            "gevulde kolommen",
        ),
    ]
    return cases


def _sheet_body(rows: str) -> bytes:
    return sheet_xml(row_xml(1, HEADER) + rows)


# --- valid but unusual workbooks (a correct preview) -------------------------------------------


def unusual_but_valid() -> list[Case]:
    ok = ("ok",)
    header_shared = shared_xml([*HEADER, GOOD[1]])
    shared_row = (
        '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(4)) + "</row>"
        f'<row r="2">{cell("A2", "2026-10", "str")}<c r="B2" t="s"><v>4</v></c>{cell("C2", "NPRZ", "inlineStr")}'
        f"{cell('D2', 104)}</row>"
    )
    date_row = (
        f'<row r="2"><c r="A2" s="2"><v>46296</v></c>{cell("B2", GOOD[1], "inlineStr")}'
        f"{cell('C2', 'NPRZ', 'inlineStr')}{cell('D2', 104)}</row>"
    )
    iso_row = (
        f'<row r="2">{cell("A2", "2026-10-01", "d")}{cell("B2", GOOD[1], "inlineStr")}'
        f"{cell('C2', 'NPRZ', 'inlineStr')}{cell('D2', 104)}</row>"
    )
    no_refs = (
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER) + "</row>"
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in GOOD[:3]) + "<c><v>104</v></c></row>"
    )
    rich = (
        '<row r="2"><c r="A2" t="inlineStr"><is><r><t>2026</t></r><r><t>-10</t></r><rPh><t>x</t></rPh></is></c>'
        f"{cell('B2', GOOD[1], 'inlineStr')}{cell('C2', 'NPRZ', 'inlineStr')}{cell('D2', 104)}</row>"
    )
    strict = xlsx(
        sheet_xml(good_rows(), ns=STRICT_NS),
        workbook=workbook_xml(ns=STRICT_NS, rel_ns=STRICT_REL_NS),
    )
    return [
        Case("gedeelde-teksten.xlsx", xlsx(sheet_xml(shared_row), shared=header_shared), PREVIEW, rows=ok),
        Case("maand-als-excel-datum.xlsx", xlsx(_sheet_body(date_row), styles=DATE_STYLES), PREVIEW, rows=ok),
        Case(
            "maand-als-datum-1904.xlsx",
            xlsx(
                _sheet_body(date_row.replace("46296", "44834")),
                styles=DATE_STYLES,
                workbook=workbook_xml(pr='<workbookPr date1904="1"/>'),
            ),
            PREVIEW,
            rows=ok,
        ),
        Case("maand-als-iso-datum.xlsx", xlsx(_sheet_body(iso_row)), PREVIEW, rows=ok),
        Case("cellen-zonder-verwijzing.xlsx", xlsx(sheet_xml(no_refs)), PREVIEW, rows=ok),
        Case("opgemaakte-tekst.xlsx", xlsx(_sheet_body(rich)), PREVIEW, rows=ok),
        Case("strict-ooxml.xlsx", strict, PREVIEW, rows=ok),
        Case(
            "dimensie-tot-xfd1048576.xlsx",
            xlsx(sheet_xml(good_rows(), before='<dimension ref="A1:XFD1048576"/>')),
            PREVIEW,
            rows=ok,
        ),
        Case(
            "lege-rijen-ertussen.xlsx",
            xlsx(sheet_xml(row_xml(1, HEADER) + '<row r="2"/>' * 1 + row_xml(40, GOOD))),
            PREVIEW,
            rows=ok,
        ),
        Case(
            "witruimte-1mb.xlsx",
            xlsx(
                Part(
                    "",
                    data=sheet_xml(good_rows()).split(b"</sheetData>")[0],
                    chunk=b" " * 1024,
                    times=1024,
                    suffix=b"</sheetData></worksheet>",
                )
            ),
            PREVIEW,
            rows=ok,
        ),
        Case(
            "samengevoegde-cellen.xlsx",
            xlsx(sheet_xml(good_rows(), after="<mergeCells>" + '<mergeCell ref="F1:G1"/>' * 50_000 + "</mergeCells>")),
            PREVIEW,
            rows=ok,
        ),
        Case(
            "opgemaakte-lege-cellen.xlsx",
            xlsx(sheet_xml(good_rows().replace("</row>", '<c r="Z1" s="0"/></row>', 1))),
            PREVIEW,
            rows=ok,
        ),
        Case(
            "formule.xlsx",
            _sheet_with(row_xml(2, GOOD[:3]).replace("</row>", '<c r="D2"><f>SUM(1,2)</f><v>3</v></c></row>')),
            PREVIEW,
            rows=("Formules worden niet uitgevoerd",),
        ),
        Case(
            "gedeelde-formule.xlsx",
            _sheet_with(row_xml(2, GOOD[:3]).replace("</row>", '<c r="D2"><f t="shared" si="0"/><v>3</v></c></row>')),
            PREVIEW,
            rows=("Formules worden niet uitgevoerd",),
        ),
        Case(
            "foutwaarde.xlsx",
            _sheet_with(row_xml(2, GOOD[:3]).replace("</row>", '<c r="D2" t="e"><v>#DEEL/0!</v></c></row>')),
            PREVIEW,
            rows=("Vul een getal in",),
        ),
        Case(
            "janee-als-waarde.xlsx",
            _sheet_with(row_xml(2, GOOD[:3]).replace("</row>", '<c r="D2" t="b"><v>1</v></c></row>')),
            PREVIEW,
            rows=("Vul een getal in",),
        ),
        Case(
            "getal-met-exponent.xlsx",
            _sheet_with(row_xml(2, GOOD[:3]).replace("</row>", '<c r="D2"><v>1.04E+2</v></c></row>')),
            PREVIEW,
            rows=ok,
        ),
        Case(
            "getal-als-tekst-met-spaties.xlsx",
            _sheet_with(row_xml(2, [*GOOD[:3], "1 04"])),
            PREVIEW,
            rows=("geen spaties",),
        ),
        Case(
            "arabische-cijfers.xlsx",
            _sheet_with(row_xml(2, [*GOOD[:3], "١٠٤"])),
            PREVIEW,
            rows=("gebruik de cijfers 0 tot en met 9",),
        ),
    ]


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


# --- CSV ---------------------------------------------------------------------------------------------


def csv_cases() -> list[Case]:
    def lines(*rows, end="\r\n", encoding="utf-8-sig") -> bytes:
        return (end.join(rows) + end).encode(encoding)

    header = ";".join(HEADER)
    good = ";".join(GOOD)
    ok = ("ok",)
    cases = [
        Case("mac-regeleinden.csv", lines(header, good, end="\r"), PREVIEW, rows=ok),
        Case("unix-regeleinden.csv", lines(header, good, end="\n"), PREVIEW, rows=ok),
        Case("gemengde-regeleinden.csv", (header + "\r" + good + "\n").encode(), PREVIEW, rows=ok),
        Case("zonder-slotregeleinde.csv", (header + "\r\n" + good).encode(), PREVIEW, rows=ok),
        Case("komma-gescheiden.csv", lines(",".join(HEADER), ",".join(GOOD)), PREVIEW, rows=ok),
        Case("tab-gescheiden.csv", lines("\t".join(HEADER), "\t".join(GOOD)), PREVIEW, rows=ok),
        Case("utf16-unicode-tekst.txt", lines("\t".join(HEADER), "\t".join(GOOD), encoding="utf-16"), PREVIEW, rows=ok),
        Case(
            "windows-1252.csv",
            lines(header + ";omschrijving", good + ";Huisbezoeken één", encoding="cp1252"),
            PREVIEW,
            rows=ok,
        ),
        Case("lege-regels-en-scheidingstekens.csv", lines(";;;", header, "", ";;;", good, ";;;"), PREVIEW, rows=ok),
        Case("dubbele-bom.csv", lines("\ufeff" + header, good), PREVIEW, rows=ok),
        Case(
            "aanhalingstekens.csv",
            lines(header, '"2026-10";"verzuimaanpak/huisbezoeken";"NPRZ";"104"'),
            PREVIEW,
            rows=ok,
        ),
        Case(
            "bom-en-ongeldige-utf8.csv",
            b"\xef\xbb\xbf" + header.encode() + b"\r\n2026-10;\xff\xfe;NPRZ;1\r\n",
            REFUSED,
            "geen geldige UTF-8",
        ),
        Case(
            "utf16-ongeldig.csv",
            b"\xff\xfe" + "maand".encode("utf-16-le") + b"\x00\xd8\x41\x00",
            REFUSED,
            "geen geldige UTF-16",
        ),
        Case("nul-tekens.csv", lines(header, good).replace(b"NPRZ", b"NP\x00RZ"), REFUSED, "nul-tekens"),
        Case(
            "veld-van-200000-tekens.csv",
            lines(header, f"2026-10;instroom;NPRZ;{'1' * 200_000}"),
            REFUSED,
            "meer dan 1.000 tekens",
        ),
        Case(
            "veld-van-1001-tekens.csv",
            lines(header, f"2026-10;instroom;NPRZ;{'1' * 1_001}"),
            REFUSED,
            "meer dan 1.000 tekens",
        ),
        Case(
            "open-aanhalingsteken.csv",
            lines(header, '2026-10;"instroom;NPRZ;1', *[good] * 3),
            PREVIEW,
            rows=("Onbekend cijfer",),
        ),
        Case(
            "open-aanhalingsteken-lang.csv",
            lines(header, '2026-10;"instroom;NPRZ;1', *[good] * 20_000),
            REFUSED,
            "aanhalingsteken",
        ),
        Case("20001-regels.csv", lines(header, *[good] * 20_001), REFUSED, "meer dan 20.000 regels"),
        Case("waarde-in-kolom-m.csv", lines(header, good + ";" * 9 + "1"), REFUSED, "hoogstens 12 kolommen"),
        Case(
            "kop-met-300-kolommen.csv",
            lines(header + ";" + ";".join(f"k{i}" for i in range(300)), good),
            REFUSED,
            "gevulde kolommen",
        ),
        Case("kop-met-een-kolom-in-p.csv", lines(header + ";" * 12 + "extra", good), REFUSED, "kolom P"),
        Case("miljoen-lege-velden.csv", lines(header + ";" * 1_000_000, good), PREVIEW, rows=ok),
        Case("alleen-kopregel.csv", lines(header), REFUSED, "alleen een kopregel"),
        Case("alleen-witruimte.csv", b" \r\n\t\r\n   ", REFUSED, "leeg"),
        Case("leeg.csv", b"", REFUSED, "leeg"),  # the upload form already says so
        Case("binaire-rommel.csv", bytes(range(256)) * 8, REFUSED, "nul-tekens"),
        Case("binaire-rommel-zonder-nul.csv", bytes(range(1, 256)) * 8, REFUSED, "kolommen kloppen niet"),
        Case("png-als-csv.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, REFUSED, "nul-tekens"),
        Case("plaatje.png", b"\x89PNG\r\n\x1a\n", REFUSED, "Upload een CSV-bestand"),
        Case("zip-als-csv.csv", xlsx(), PREVIEW, rows=ok),  # read by its content: it is an XLSX
        Case("persoonsgegevens.csv", lines(header + ";BSN", good + ";123456782"), REFUSED, "persoonsgegevens (BSN)"),
        Case(
            "persoonsgegevens-ver-rechts.csv",
            lines(header + ";" * 40 + "Naam", good),
            REFUSED,
            "persoonsgegevens (Naam)",
        ),
        Case("formule.csv", lines(header, "2026-10;instroom;NPRZ;=SOM(A1:A2)"), PREVIEW, rows=("Formules",)),
        Case("dde-formule.csv", lines(header, "2026-10;instroom;NPRZ;=cmd|' /C calc'!A0"), PREVIEW, rows=("Formules",)),
        Case("herhaalde-regel.csv", lines(header, good, good), PREVIEW, rows=("ok", "staat al in regel 2")),
        Case("regel-met-rommelteken.csv", lines(header, good, "\x1a"), PREVIEW, rows=("ok", "Onbekende maand")),
        Case(
            "rtl-override.csv",
            lines(header, "2026-10;\u202everzuimaanpak/huisbezoeken;NPRZ;104"),
            PREVIEW,
            rows=("Onbekend cijfer ‘\u202everzuimaanpak",),
        ),
    ]
    numbers = {
        "1 2 3 4": "geen spaties",
        "1\u00a0234": "geen spaties",
        "١٢٣": "gebruik de cijfers 0 tot en met 9",
        "１２３": "gebruik de cijfers 0 tot en met 9",
        "𝟏𝟐": "gebruik de cijfers 0 tot en met 9",
        "१२": "gebruik de cijfers 0 tot en met 9",
        "1\u200b04": "gelezen is",
        "12.5": "geen Nederlands getal",
        "1,5": "heel getal",
        "-0": "negatieve waarde",
        "+5": "Vul een getal in",
        "1e5": "Vul een getal in",
        "NaN": "Vul een getal in",
        "Infinity": "Vul een getal in",
        "9" * 30: "Vul een getal in",
        "99.999.999": "onwaarschijnlijk hoog",
        "0x10": "Vul een getal in",
        "1.0.0": "Vul een getal in",
        ",5": "Vul een getal in",
    }
    for index, (number, message) in enumerate(numbers.items()):
        content = (header + "\r\n" + f"2026-10;verzuimaanpak/huisbezoeken;NPRZ;{number}" + "\r\n").encode()
        if "\n" in number:
            content = (header + "\r\n" + f'2026-10;verzuimaanpak/huisbezoeken;NPRZ;"{number}"' + "\r\n").encode()
        cases.append(Case(f"getal-{index:02d}.csv", content, PREVIEW, rows=(message,)))
    multiline = f'{header}\r\n2026-10;verzuimaanpak/huisbezoeken;NPRZ;"1\n2"\r\n'.encode()
    cases.append(Case("getal-over-twee-regels.csv", multiline, PREVIEW, rows=("geen spaties of regelovergangen",)))
    months = {
        "2026-13": "Onbekende maand",
        "2026-00": "Onbekende maand",
        "0000-01": "ligt voor de start van het programma",
        "9999-12": "nog niet voorbij",
        "2026-1": "Onbekende maand",
        "oktober 2026": "ok",
        "10-2026": "Onbekende maand",
        "2026-10-01T00:00": "Onbekende maand",
        "'2026-10": "Onbekende maand",
    }
    for index, (month, outcome) in enumerate(months.items()):
        content = f"{header}\r\n{month};verzuimaanpak/huisbezoeken;NPRZ;104\r\n".encode()
        cases.append(Case(f"maand-{index:02d}.csv", content, PREVIEW, rows=(outcome,)))
    return cases


def corpus() -> list[Case]:
    """Return every case: the five hostile shapes first, then XML attacks, cells, valid oddities, archives, CSV."""
    shapes = [Case(name, make(), REFUSED, message) for name, (make, message) in HOSTILE_SHAPES.items()]
    return (
        shapes + xml_attacks() + malformed_xml() + bad_cells() + unusual_but_valid() + broken_archives() + csv_cases()
    )
