"""A small XLSX writer for the corpus: zip parts whose repeated chunks compress once, and the XML parts."""

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
