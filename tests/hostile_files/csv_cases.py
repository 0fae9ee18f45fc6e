"""CSV files: encodings, dialects, line endings, oversized fields and months."""

from __future__ import annotations

from .case import PREVIEW, REFUSED, Case
from .xlsx_writer import GOOD, HEADER, xlsx

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
