"""Imports at /entry/import/: Dutch Excel CSV and XLSX, preview per row, confirm all or nothing."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from activities.models import Activity, ActivityRecord
from monitoring.models import CaseloadFigure, ChangeEvent, ImportBatch, ReportingPeriod
from nprz_dashboard.periods import Month
from programme.entry import importing
from programme.entry.importing import build_plan
from tests.helpers import text_of

from .import_uploads import DAY, HOOD, confirm, csv_bytes, dutch, everything, hood, nprz, states, upload, visits


def test_viewers_get_403(viewer_client):
    assert viewer_client.get("/entry/import/").status_code == 403
    before = everything()
    response = upload(viewer_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;1"]))
    assert response.status_code == 403
    assert everything() == before


def test_the_page_documents_the_layout_and_offers_templates(editor_client, django_assert_num_queries):
    # session, user, groups, wiping expired previews, the open months' periods (for the templates)
    with django_assert_num_queries(5):
        response = editor_client.get("/entry/import/")
    html = response.content.decode()
    assert "Indeling van het bestand" in html
    assert "?template=csv&amp;month=2026-10" in html
    assert "?template=xlsx&amp;month=2026-10" in html
    assert 'for="id_file">Bestand (CSV of XLSX)</label>' in html


def test_the_csv_template_is_dutch_excel_with_every_enterable_figure_of_the_month(editor_client):
    response = editor_client.get("/entry/import/?template=csv&month=2026-10")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffmaand;cijfer;gebied;gebiedsnaam;omschrijving;waarde")
    label = "Bijstandsuitkeringen (eind van de maand), Tarwewijk (wijk)"
    assert f"2026-10;bijstand;BU05991571;Tarwewijk;{label};{hood('caseload').value}" in text
    assert "2026-10;bijstand;NPRZ;" not in text and "2026-10;instroom;WK059915;" not in text  # totals follow
    assert "2026-10;bufferbudget/uitbetaald;NPRZ;" in text
    assert "2026-10;wijkwerktafels/matches;BU05991571;Tarwewijk;" in text


def test_a_total_that_its_neighbourhoods_contradict_is_ignored_in_the_preview(editor_client):
    before = everything()
    nprz_inflow = nprz("inflow").value
    preview = upload(
        editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-10;instroom;NPRZ;{nprz_inflow + 5}"])
    )
    html = preview.content.decode()
    assert list(states(preview)) == ["skipped"]
    assert f"Genegeerd: dit totaal volgt uit de wijken ({dutch(nprz_inflow)}), niet uit het bestand" in html
    assert everything() == before


def test_a_total_that_matches_its_neighbourhoods_is_ignored(editor_client):
    preview = upload(
        editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-10;instroom;NPRZ;{nprz('inflow').value}"])
    )
    assert list(states(preview)) == ["skipped"]


def test_the_template_imports_back_unchanged(editor_client):
    template = editor_client.get("/entry/import/?template=csv&month=2026-10").content
    preview = upload(editor_client, template)
    assert set(states(preview)) == {"unchanged", "skipped"}
    assert list(states(preview)).count("skipped") == 22  # outflow to work of the open month: not entered yet


def test_the_xlsx_template_opens_and_imports_back_unchanged(editor_client):
    content = editor_client.get("/entry/import/?template=xlsx&month=2026-10").content
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    assert next(sheet.iter_rows(values_only=True))[:4] == ("maand", "cijfer", "gebied", "gebiedsnaam")
    preview = upload(editor_client, content, name="sjabloon.xlsx")
    assert set(states(preview)) == {"unchanged", "skipped"}


def test_a_dutch_excel_csv_is_previewed_then_applied_as_one_event(editor_client, editor):
    ActivityRecord.objects.filter(measure__slug="huisbezoeken", month=DAY).delete()
    inflow = hood("inflow").value
    outflow = hood("outflow").value
    lines = [
        "maand;cijfer;gebied;waarde",
        "2026-10;verzuimaanpak/huisbezoeken;NPRZ;1.086",  # new; 1.086 means one thousand and eighty-six
        f"2026-10;instroom;{HOOD};{dutch(inflow + 1)}",  # changed
        f"2026-10;uitstroom;{HOOD};{dutch(outflow)}",  # unchanged
    ]
    preview = upload(editor_client, csv_bytes(lines))
    html = preview.content.decode()
    assert states(preview) == ["new", "changed", "unchanged"]
    assert "nieuw" in html and "gewijzigd" in html and "ongewijzigd" in html
    assert "Er is nog niets opgeslagen" in html
    assert not ChangeEvent.objects.exists()

    response = confirm(editor_client, preview, reason="Instroom herzien door CBS", confirm_warnings="on")
    assert response.status_code == 302
    assert visits().value == 1086
    assert hood("inflow").value == inflow + 1
    event = ChangeEvent.objects.get()
    assert (event.kind, event.file_name, event.user, event.reason) == (
        "import",
        "invoer-oktober.csv",
        editor,
        "Instroom herzien door CBS",
    )
    # the new home visits, Tarwewijk's inflow, and the Charlois and NPRZ inflow that follow from it
    assert event.changes.count() == 4
    assert nprz("inflow").value == sum(
        CaseloadFigure.objects.filter(indicator="inflow", month=DAY, area__level="neighbourhood").values_list(
            "value", flat=True
        )
    )
    history = editor_client.get("/entry/2026-10/history/").content.decode()
    assert "bestand ‘invoer-oktober.csv’" in history
    assert "Instroom herzien door CBS" in history
    batch = ImportBatch.objects.get()
    assert (batch.state, bytes(batch.content)) == ("applied", b"")


def test_windows_1252_and_utf8_without_bom_are_read(editor_client):
    inflow = hood("inflow").value
    lines = ["maand;cijfer;gebied;omschrijving;waarde", f"2026-10;instroom;{HOOD};Instroom – café één;{dutch(inflow)}"]
    for encoding in ("cp1252", "utf-8"):
        preview = upload(editor_client, csv_bytes(lines, encoding))
        assert states(preview) == ["unchanged"], encoding


def test_a_decimal_comma_is_read_for_euros(editor_client):
    lines = ["maand;cijfer;gebied;waarde", "2026-10;bufferbudget/uitbetaald;NPRZ;12.345,67"]
    preview = upload(editor_client, csv_bytes(lines))
    assert preview.context["plan"].rows[0].value == Decimal("12345.67")


def test_an_xlsx_with_numbers_is_read(editor_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["maand", "cijfer", "gebied", "waarde"])
    sheet.append(["2026-10", "Instroom", HOOD, hood("inflow").value + 2])
    sheet.append(["2026-10", "bufferbudget/uitbetaald", "NPRZ", 1250.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = upload(editor_client, buffer.getvalue(), name="invoer.xlsx")
    assert states(preview) == ["changed", "changed"]
    assert preview.context["plan"].rows[1].value == Decimal("1250.50")


def test_formulas_in_an_xlsx_are_errors_and_never_evaluated(editor_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["maand", "cijfer", "gebied", "waarde"])
    sheet.append(["2026-10", "Instroom", HOOD, "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = everything()
    preview = upload(editor_client, buffer.getvalue(), name="formule.xlsx")
    assert states(preview) == ["error"]
    assert "Formules worden niet uitgevoerd" in preview.content.decode()
    assert preview.context["confirm_form"] is None
    assert everything() == before


@pytest.mark.parametrize(
    ("row", "column"),
    [("2026-10;instroom;BU05991571;=SOM(A1:A2)", "waarde"), ('2026-10;instroom;=HYPERLINK("x");12', "gebied")],
)
def test_a_formula_in_any_csv_cell_is_an_error_that_names_its_column(editor_client, row, column):
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", row]))
    assert states(preview) == ["error"]
    assert f"vul in kolom {column} de waarde zelf in" in text_of(preview.content.decode())


@pytest.mark.parametrize("column", ["BSN", "Naam", "geboortedatum", "Adres", "Postcode", "bsn_client"])
def test_files_with_person_level_columns_are_refused_and_not_kept(editor_client, column):
    lines = ["maand;cijfer;gebied;waarde;" + column, "2026-10;instroom;BU05991571;10;x"]
    before = everything()
    response = upload(editor_client, csv_bytes(lines))
    html = response.content.decode()
    assert "persoonsgegevens" in html
    assert column in html
    assert response.context["plan"] is None
    assert not ImportBatch.objects.exists()
    assert everything() == before


def test_a_file_over_the_size_limit_is_refused(editor_client, settings):
    settings.IMPORT_MAX_BYTES = 200
    lines = ["maand;cijfer;gebied;waarde"] + ["2026-10;instroom;BU05991571;10"] * 20
    response = upload(editor_client, csv_bytes(lines))
    # Refused at the field, by the reader's size rule.
    [message] = response.context["upload_form"].errors["file"]
    assert message.startswith("Het bestand is te groot (") and "het maximum is" in message
    assert "te groot" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_reader_refuses_an_oversized_file_whatever_path_hands_it_over(db, settings):
    # The upload form checks the size first; the reader holds the limit for any other caller.
    settings.IMPORT_MAX_BYTES = 200
    with pytest.raises(importing.ImportRefused, match="te groot"):
        build_plan("invoer.csv", b"maand;cijfer;gebied;waarde\r\n" * 20)


def test_a_file_of_only_blank_lines_is_called_empty(editor_client):
    before = everything()
    response = upload(editor_client, b"\r\n  \r\n\r\n")
    assert "Het bestand is leeg." in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert everything() == before


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "oud.xls", "Oude Excel-bestanden"),
        (b"PK\x03\x04 not really a zip", "kapot.xlsx", "kan niet worden gelezen"),
        (b"maand;cijfer;waarde\r\n2026-10;instroom;1\r\n", "kort.csv", "ontbrekende kolommen: gebied"),
        (
            b"maand;cijfer;gebied;waarde;opmerking\r\n2026-10;instroom;BU05991571;1;x\r\n",
            "extra.csv",
            "onbekende kolommen",
        ),
        (b"maand;cijfer;gebied;waarde\r\n", "leeg.csv", "alleen een kopregel"),
        (b"iets", "plaatje.png", "Upload een CSV-bestand"),
    ],
)
def test_unreadable_or_wrongly_laid_out_files_are_refused(editor_client, content, name, message):
    response = upload(editor_client, content, name=name)
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


BAD_ROWS = [
    ("2026-13;instroom;BU05991571;10", "Onbekende maand"),
    ("2026-11;instroom;BU05991571;10", "nog niet voorbij"),
    ("2026-10;instroming;NPRZ;10", "Onbekend cijfer"),
    ("2026-10;instroom;BU99999999;10", "Onbekend gebied"),
    ("2026-10;instroom;BU05991571;-4", "negatieve waarde"),
    ("2026-10;instroom;BU05991571;12,5", "heel getal"),
    ("2026-10;instroom;BU05991571;veel", "Vul een getal in"),
    ("2026-10;instroom;BU05991571;2.000.000", "onwaarschijnlijk hoog"),
    ("2026-10;wijkwerktafels/matches;NPRZ;3", "per wijk"),
    ("2026-10;verzuimaanpak/huisbezoeken;BU05991571;3", "hele NPRZ-gebied"),
    ("2023-06;regiodeal-dutch-fresh-port/plaatsingen;NPRZ;3", "loopt niet in juni 2023"),
    ("2025-02;bijstand;NPRZ;13.000", "officieel gepubliceerd"),
]


@pytest.mark.parametrize(("line", "message"), BAD_ROWS)
def test_one_bad_row_is_shown_with_its_reason_and_nothing_can_be_applied(editor_client, line, message):
    good = f"2026-10;uitstroom;{HOOD};{dutch(hood('outflow').value + 1)}"
    before = everything()
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", good, line]))
    html = preview.content.decode()
    assert states(preview) == ["changed", "error"]
    assert message in html
    assert "kan niet worden verwerkt" in html
    assert preview.context["confirm_form"] is None
    assert not ImportBatch.objects.exists()
    assert everything() == before


def test_a_repeated_row_is_an_error(editor_client):
    line = f"2026-10;instroom;{HOOD};{hood('inflow').value}"
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", line, line]))
    assert states(preview) == ["unchanged", "error"]
    assert "staat al in regel 2" in preview.content.decode()


def test_an_empty_value_is_skipped(editor_client):
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", "2026-10;instroom;BU05991571;"]))
    assert states(preview) == ["skipped"]


def xlsx_bytes(*sheets) -> bytes:
    """Return a workbook with one sheet per list of rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, rows in enumerate(sheets):
        sheet = workbook.create_sheet(f"blad{index + 1}")
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_ROWS = [["maand", "cijfer", "gebied", "waarde"], ["2026-10", "Instroom", HOOD, 5]]


def test_person_level_columns_on_a_second_sheet_refuse_the_file_and_keep_nothing(editor_client):
    people = [["BSN", "Achternaam"], ["123456782", "Jansen"]]
    response = upload(editor_client, xlsx_bytes(GOOD_ROWS, people), name="invoer.xlsx")
    html = response.content.decode()
    assert "persoonsgegevens (BSN, Achternaam)" in html
    assert response.context["plan"] is None
    assert not ImportBatch.objects.exists()


def test_a_person_level_column_far_to_the_right_refuses_the_file(editor_client):
    header = ["maand", "cijfer", "gebied", "waarde"] + [None] * 30 + ["Geboortedatum"]
    response = upload(editor_client, xlsx_bytes([header, ["2026-10", "Instroom", HOOD, 5]]), name="invoer.xlsx")
    assert "persoonsgegevens (Geboortedatum)" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_workbook_with_more_than_one_sheet_is_refused_with_an_explanation(editor_client):
    response = upload(editor_client, xlsx_bytes(GOOD_ROWS, [["toelichting"], ["zie blad 1"]]), name="invoer.xlsx")
    html = response.content.decode()
    assert "2 werkbladen (‘blad1’, ‘blad2’)" in html
    assert "precies één werkblad" in html
    assert not ImportBatch.objects.exists()


def test_a_one_sheet_workbook_is_still_read(editor_client):
    preview = upload(editor_client, xlsx_bytes(GOOD_ROWS), name="invoer.xlsx")
    assert states(preview) == ["changed"]


def test_checking_a_file_costs_the_same_queries_for_one_month_or_twelve(db, django_assert_num_queries):
    def lines(months):
        rows = [f"{m.key};instroom;{HOOD};{hood('inflow', m.first_day).value + 1}" for m in months]
        return csv_bytes(["maand;cijfer;gebied;waarde", *rows])

    one = lines([Month(2026, 10)])
    twelve = lines([Month(2026, 10) - i for i in range(12)])
    # areas, measures, periods, caseload values, activity values, caseload history, activity history
    with django_assert_num_queries(7):
        build_plan("een.csv", one)
    with django_assert_num_queries(7):
        build_plan("twaalf.csv", twelve)


def test_the_xlsx_template_writes_risky_text_as_text_and_values_as_numbers(editor_client):
    Activity.objects.filter(slug="verzuimaanpak").update(name='=HYPERLINK("http://x")')
    content = editor_client.get("/entry/import/?template=xlsx&month=2026-10").content
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows())
    risky = [cell for row in rows for cell in row if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert risky and all(cell.data_type == "s" and cell.value.startswith("'=") for cell in risky)
    tarwewijk = next(row for row in rows if row[1].value == "bijstand" and row[2].value == HOOD)
    assert tarwewijk[5].value == hood("caseload").value


def test_a_large_file_previews_its_errors_first_and_at_most_500_rows(editor_client):
    good = f"2026-10;instroom;{HOOD};{dutch(hood('inflow').value)}"
    lines = ["maand;cijfer;gebied;waarde", good] + ["2026-10;instroming;NPRZ;1"] * 3 + [good] * 1200
    preview = upload(editor_client, csv_bytes(lines))
    plan = preview.context["plan"]
    assert len(plan.rows) == 1204 and plan.error_count == 1203  # the repeats are errors too
    assert len(plan.shown_rows) == 500
    assert all(row.state == "error" for row in plan.shown_rows)  # errors first, so they can be fixed
    assert [row.line for row in plan.shown_rows][:4] == [3, 4, 5, 6]
    assert "De tabellen tonen 500 van de 1.204 regels: eerst de regels met een fout" in preview.content.decode()


def test_the_preview_opens_with_a_summary_and_leads_to_each_refused_row(editor_client):
    before = everything()
    inflow, outflow = hood("inflow").value, hood("outflow").value
    lines = [
        "maand;cijfer;gebied;waarde",
        f"2026-10;instroom;{HOOD};{inflow + 1}",  # changed
        f"2026-10;uitstroom;{HOOD};{outflow}",  # unchanged
        f"2026-10;uitstroom_naar_werk;{HOOD};4",  # new: the open month's outflow to work
        "2026-10;instroming;NPRZ;10",  # refused, line 5
        f"2026-10;uitstroom;{HOOD};-3",  # refused, line 6
    ]
    html = upload(editor_client, csv_bytes(lines)).content.decode()
    summary = text_of(html.split('class="import-summary"')[1].split("</div>")[0])
    assert "5 regels gelezen. Er is nog niets opgeslagen. 1 nieuw 1 gewijzigd 1 ongewijzigd 2 geweigerd" in summary
    refused = text_of(html.split('id="refused-title"')[1].split("</div>")[0]).replace(" :", ":").replace(" (", " (")
    assert "2 regels geweigerd" in refused
    assert "Regel 5: Onbekend cijfer ‘instroming’" in refused
    assert "Regel 6 (Uitstroom, Tarwewijk (wijk)): Een negatieve waarde kan niet." in refused
    assert '<a href="#regel-5">' in html and 'id="regel-5"' in html
    # unchanged rows are folded below the rows that matter
    unchanged = html.split('class="import-unchanged"')[1].split("</details>")[0]
    assert 'id="regel-3"' in unchanged and 'id="regel-2"' not in unchanged
    assert "<details" in html.split('class="import-unchanged"')[0][-40:]
    assert everything() == before


def test_a_template_is_offered_for_every_open_month(editor_client):
    ReportingPeriod.objects.create(month="2026-08-01", state="reopened", reason="CBS-herziening")
    html = editor_client.get("/entry/import/").content.decode()
    assert "?template=csv&amp;month=2026-10" in html
    assert "?template=xlsx&amp;month=2026-08" in html
    assert "?template=csv&amp;month=2026-09" not in html  # not open: nobody reopened it
    august = editor_client.get("/entry/import/?template=csv&month=2026-08").content.decode("utf-8")
    assert "2026-08;instroom;BU05991571;Tarwewijk;" in august


def test_no_template_for_a_month_that_has_not_ended(editor_client):
    assert editor_client.get("/entry/import/?template=csv&month=2026-11").status_code == 404
    assert editor_client.get("/entry/import/?template=csv&month=2026-1x").status_code == 404
