"""The import template round-trips: download a month, change any neighbourhood, upload, and it imports."""

import io

from openpyxl import load_workbook

from activities.models import ActivityRecord
from monitoring.models import ChangeEvent
from nprz_dashboard.periods import Month
from programme.entry import workflow
from tests.helpers import revision_of

from .import_uploads import HOOD, everything, hood, nprz, states, upload


def changed_csv(content: bytes, figure: str, area: str, new) -> bytes:
    """Return the CSV template with one figure of one area set to a new value, as Excel would save it."""
    lines = content.decode("utf-8-sig").split("\r\n")
    hits = [i for i, line in enumerate(lines) if line.split(";")[1:3] == [figure, area]]
    assert len(hits) == 1
    cells = lines[hits[0]].split(";")
    cells[-1] = str(new)
    lines[hits[0]] = ";".join(cells)
    return "\r\n".join(lines).encode("utf-8-sig")


def confirm_with_reasons(client, preview, reason="Telling van de wijk herzien"):
    form = preview.context["confirm_form"]
    assert form is not None, [row.errors for row in preview.context["plan"].refused_rows]
    data = {"step": "confirm", "batch": form["batch"].value(), "fingerprint": form["fingerprint"].value()}
    data["reason"] = reason
    data.update({f"override-{row['id']}": "Gecontroleerd bij de bron" for row in preview.context["override_rows"]})
    return client.post("/entry/import/", data)


def test_the_csv_template_with_one_neighbourhood_changed_imports(editor_client):
    inflow, total = hood("inflow").value, nprz("inflow").value
    template = editor_client.get("/entry/import/?template=csv&month=2026-10").content
    preview = upload(editor_client, changed_csv(template, "instroom", HOOD, inflow + 1))
    assert preview.context["plan"].error_count == 0
    assert [row.slot.key for row in preview.context["plan"].rows if row.state == "changed"] == [f"c-inflow-{HOOD}"]
    assert confirm_with_reasons(editor_client, preview).status_code == 302
    assert hood("inflow").value == inflow + 1
    assert nprz("inflow").value == total + 1  # the totals follow from their parts
    assert ChangeEvent.objects.get().kind == "import"


def test_the_xlsx_template_with_an_activity_changed_in_openpyxl_imports(editor_client):
    record = ActivityRecord.objects.get(measure__slug="werkzoekenden", area__code=HOOD, month="2026-10-01")
    content = editor_client.get("/entry/import/?template=xlsx&month=2026-10").content
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    row = next(r for r in sheet.iter_rows() if r[1].value == "wijkwerktafels/werkzoekenden" and r[2].value == HOOD)
    row[5].value = int(record.value) + 1
    buffer = io.BytesIO()
    book.save(buffer)
    preview = upload(editor_client, buffer.getvalue(), name="sjabloon.xlsx")
    assert confirm_with_reasons(editor_client, preview).status_code == 302
    record.refresh_from_db()
    changed = [r for r in preview.context["plan"].rows if r.state == "changed"]
    assert [(r.slot.code, r.slot.area_code) for r in changed] == [("wijkwerktafels/werkzoekenden", HOOD)]
    assert record.value == changed[0].value


def test_the_page_says_totals_are_left_out_of_the_template(editor_client):
    html = editor_client.get("/entry/import/").content.decode()
    assert "De totalen van de gebieden en het NPRZ-gebied staan niet in het sjabloon" in html


def test_a_locked_month_gets_one_message_not_one_per_row(editor_client, editor, manager):
    september = Month(2026, 9)
    template = editor_client.get("/entry/import/?template=csv&month=2026-09").content
    workflow.submit_period(september, editor)
    workflow.approve_period(september, manager, revision=revision_of(september))
    before = everything()
    changed = changed_csv(template, "instroom", HOOD, hood("inflow", "2026-09-01").value + 1)
    preview = upload(editor_client, changed)
    html = preview.content.decode()
    assert set(states(preview)) == {"error"} and len(states(preview)) > 150  # every figure of the month
    assert html.count("goedgekeurd en vergrendeld door programmamanager") == 1
    assert preview.context["confirm_form"] is None
    assert everything() == before
