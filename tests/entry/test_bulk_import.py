"""History in one go at /entry/import/history/: many months from one file, a preview per month, one confirm."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from monitoring.models import ChangeEvent, ImportBatch, WarningOverride
from nprz_dashboard.periods import Month
from programme.entry import workflow
from tests.helpers import revision_of

from .import_uploads import HOOD, everything, hood

URL = "/entry/import/history/"
MONTHS = ["2026-08", "2026-09", "2026-10"]


def history_lines(client, months=MONTHS) -> list[str]:
    """Return the monthly templates of the months as one file's lines: one header, every figure of each month."""
    lines = []
    for key in months:
        text = client.get(f"/entry/import/?template=csv&month={key}").content.decode("utf-8-sig")
        rows = [line for line in text.split("\r\n") if line]
        lines += rows[1:] if lines else rows
    return lines


def with_inflow_raised(lines: list[str], by: int = 1) -> list[str]:
    """Return the lines with the neighbourhood's inflow raised in every month."""
    out = []
    for line in lines:
        cells = line.split(";")
        if cells[1:3] == ["instroom", HOOD] and cells[-1]:
            cells[-1] = str(int(cells[-1]) + by)
        out.append(";".join(cells))
    return out


def csv_file(lines) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def xlsx_file(lines) -> bytes:
    book = Workbook()
    sheet = book.active
    for line in lines:
        cells = line.split(";")
        value = cells[-1]
        sheet.append([*cells[:-1], int(value) if value.isdigit() else (value or None)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content: bytes, name="geschiedenis.csv"):
    return client.post(URL, {"step": "preview", "file": SimpleUploadedFile(name, content)})


def confirm(client, preview):
    form = preview.context["confirm_form"]
    assert form is not None, [row.errors for row in preview.context["plan"].refused_rows]
    return client.post(
        URL,
        {
            "step": "confirm",
            "batch": form["batch"].value(),
            "fingerprint": form["fingerprint"].value(),
            "reason": "Reeks uit het oude systeem",
            "warnings_reason": "Historische reeks, gecontroleerd bij de afdeling W&I",
        },
        follow=True,
    )


def per_month(preview) -> dict[str, tuple]:
    return {row.month.key: (row.new, row.changed, row.refused) for row in preview.context["months"]}


def test_viewers_get_403_and_store_nothing(viewer_client):
    content = csv_file(["maand;cijfer;gebied;waarde", f"2026-09;instroom;{HOOD};1", f"2026-10;instroom;{HOOD};1"])
    before = everything()
    assert viewer_client.get(URL).status_code == 403
    assert upload(viewer_client, content).status_code == 403
    assert everything() == before


def test_a_three_month_csv_previews_per_month_confirms_once_and_a_second_time_changes_nothing(editor_client):
    lines = with_inflow_raised(history_lines(editor_client))
    old = {key: hood("inflow", f"{key}-01").value for key in MONTHS}
    events = ChangeEvent.objects.count()
    preview = upload(editor_client, csv_file(lines))
    html = preview.content.decode()
    assert per_month(preview) == dict.fromkeys(MONTHS, (0, 1, 0))
    assert html.count('<tr><th scope="row">') == 3  # one row per month, not one per value
    assert "Augustus 2026" in html and "Oktober 2026" in html
    done = confirm(editor_client, preview)
    assert "verwerkt: 0 nieuw, 3 gewijzigd" in done.content.decode()
    assert ChangeEvent.objects.count() == events + 1
    event = ChangeEvent.objects.latest("id")
    assert event.kind == "import" and event.file_name == "geschiedenis.csv"
    assert {key: hood("inflow", f"{key}-01").value for key in MONTHS} == {k: v + 1 for k, v in old.items()}
    overridden = WarningOverride.objects.filter(event=event)
    assert {o.reason for o in overridden} <= {"Historische reeks, gecontroleerd bij de afdeling W&I"}

    before = everything()
    again = upload(editor_client, csv_file(lines))
    assert per_month(again) == dict.fromkeys(MONTHS, (0, 0, 0))
    assert again.context["plan"].unchanged_count > 300
    done = confirm(editor_client, again)
    assert "bevat geen nieuwe of gewijzigde waarden; er is niets veranderd" in done.content.decode()
    assert everything() == before
    assert ChangeEvent.objects.count() == events + 1


def test_a_three_month_xlsx_imports_the_same_as_the_csv(editor_client):
    lines = with_inflow_raised(history_lines(editor_client), by=2)
    old = {key: hood("inflow", f"{key}-01").value for key in MONTHS}
    preview = upload(editor_client, xlsx_file(lines), name="geschiedenis.xlsx")
    assert per_month(preview) == dict.fromkeys(MONTHS, (0, 1, 0))
    confirm(editor_client, preview)
    assert {key: hood("inflow", f"{key}-01").value for key in MONTHS} == {k: v + 2 for k, v in old.items()}
    before = everything()
    again = upload(editor_client, xlsx_file(lines), name="geschiedenis.xlsx")
    assert again.context["plan"].new_count + again.context["plan"].changed_count == 0
    assert everything() == before


def test_a_locked_month_gets_one_message_and_the_other_months_import(editor_client, editor, manager):
    september = Month(2026, 9)
    lines = with_inflow_raised(history_lines(editor_client))
    workflow.submit_period(september, editor)
    workflow.approve_period(september, manager, revision=revision_of(september))
    kept = hood("inflow", "2026-09-01").value
    preview = upload(editor_client, csv_file(lines))
    html = preview.content.decode()
    assert html.count("goedgekeurd en vergrendeld door programmamanager") == 1
    counts = per_month(preview)
    assert counts["2026-08"] == (0, 1, 0) and counts["2026-10"] == (0, 1, 0)
    assert counts["2026-09"][:2] == (0, 0) and counts["2026-09"][2] > 150  # every row of the month, one message
    assert preview.context["plan"].error_count == 0
    confirm(editor_client, preview)
    assert hood("inflow", "2026-09-01").value == kept


def test_a_bad_value_refuses_the_whole_file_in_dutch_and_stores_nothing(editor_client):
    lines = [
        line + "twaalf" if line.startswith(f"2026-09;instroom;{HOOD};") else line
        for line in with_inflow_raised(history_lines(editor_client))
    ]
    before, batches = everything(), ImportBatch.objects.count()
    preview = upload(editor_client, csv_file(lines))
    html = preview.content.decode()
    assert "Dit bestand kan niet worden verwerkt: 1 regel geweigerd" in html
    assert "één fout weigert het hele bestand" in html
    assert ", september 2026 (Instroom, Tarwewijk (wijk)): Vul een getal in, bijvoorbeeld 1.086" in html
    assert preview.context["confirm_form"] is None
    assert everything() == before and ImportBatch.objects.count() == batches


def test_a_broken_consistency_rule_names_month_and_area_and_stores_nothing(editor_client):
    lines = history_lines(editor_client)
    outflow = hood("outflow", "2026-09-01").value
    lines = [
        f"2026-09;uitstroom_naar_werk;{HOOD};;;{outflow + 5}"
        if line.split(";")[1:3] == ["uitstroom_naar_werk", HOOD] and line.startswith("2026-09")
        else line
        for line in lines
    ]
    before = everything()
    preview = upload(editor_client, csv_file(lines))
    refused = preview.context["refused_rows"]
    assert len(refused) == 1 and refused[0].month == Month(2026, 9)
    html = preview.content.decode()
    assert "Regel " in html and "september 2026" in html and "Tarwewijk" in html
    assert preview.context["confirm_form"] is None
    assert everything() == before


def test_a_file_over_the_bulk_row_bound_is_refused_with_the_bound_named(editor_client, settings):
    settings.IMPORT_BULK_MAX_ROWS = 100
    before = everything()
    preview = upload(editor_client, csv_file(history_lines(editor_client)))
    assert "meer dan 100 regels met cijfers (de grens)" in preview.content.decode()
    assert everything() == before


def test_the_command_previews_per_month_and_confirms_with_one_reason(editor_client, editor, tmp_path):
    path = tmp_path / "geschiedenis.csv"
    path.write_bytes(csv_file(with_inflow_raised(history_lines(editor_client))))
    old = hood("inflow", "2026-10-01").value
    before, events = everything(), ChangeEvent.objects.count()
    out = io.StringIO()
    call_command("import_history", str(path), user=editor.username, stdout=out)
    assert "2026-09: 0 nieuw, 1 gewijzigd" in out.getvalue()
    assert "Alleen een voorbeeld: er is niets opgeslagen" in out.getvalue()
    assert everything() == before
    with pytest.raises(CommandError, match=r"geef een reden met --reason\. Er is niets opgeslagen"):
        call_command("import_history", str(path), user=editor.username, confirm=True, stdout=io.StringIO())
    assert everything() == before
    call_command(
        "import_history", str(path), user=editor.username, confirm=True, reason="Oud systeem",
        warnings_reason="Historische reeks", stdout=io.StringIO(),
    )  # fmt: skip
    assert hood("inflow", "2026-10-01").value == old + 1
    assert ChangeEvent.objects.count() == events + 1


def test_the_command_refuses_a_viewer(viewer, tmp_path):
    path = tmp_path / "geschiedenis.csv"
    path.write_bytes(csv_file(["maand;cijfer;gebied;waarde", f"2026-10;instroom;{HOOD};1"]))
    before = everything()
    with pytest.raises(CommandError, match="Je hebt geen toegang"):
        call_command("import_history", str(path), user=viewer.username, stdout=io.StringIO())
    assert everything() == before


def test_a_history_file_confirmed_on_the_monthly_page_is_refused_and_stores_nothing(editor_client, settings):
    settings.IMPORT_MAX_BYTES = 1_000  # the history file is beyond the monthly bound, within its own
    preview = upload(editor_client, csv_file(with_inflow_raised(history_lines(editor_client))))
    form = preview.context["confirm_form"]
    before = everything()
    response = editor_client.post(
        "/entry/import/",
        {"step": "confirm", "batch": form["batch"].value(), "fingerprint": form["fingerprint"].value(), "reason": "x"},
        follow=True,
    )
    assert "Het bestand is te groot" in response.content.decode()
    assert everything() == before
    assert ImportBatch.objects.get(pk=form["batch"].value()).state == "discarded"
