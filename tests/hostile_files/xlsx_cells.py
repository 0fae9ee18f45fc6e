"""XLSX files with bad cells and rows, and valid but unusual workbooks that must preview correctly."""

from __future__ import annotations

from .case import MB, PREVIEW, REFUSED, Case
from .xlsx_writer import (
    DATE_STYLES,
    GOOD,
    HEADER,
    NS,
    STRICT_NS,
    STRICT_REL_NS,
    Part,
    cell,
    good_rows,
    row_xml,
    shared_xml,
    sheet_xml,
    workbook_xml,
    xlsx,
)

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
            "negatief-getal.xlsx",
            _sheet_with(row_xml(2, GOOD[:3]).replace("</row>", '<c r="D2"><v>-5</v></c></row>')),
            PREVIEW,
            rows=("Een negatieve waarde kan niet",),
        ),
        Case(
            "datum-als-waarde.xlsx",
            xlsx(
                _sheet_body(row_xml(2, GOOD[:3]).replace("</row>", '<c r="D2" s="1"><v>46000</v></c></row>')),
                styles=DATE_STYLES,
            ),
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
