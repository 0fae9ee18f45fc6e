"""In a real browser: the beheerder enters a month with the keyboard only; axe finds nothing on the entry pages."""

import re

from activities.models import ActivityRecord
from monitoring.models import CaseloadFigure, ChangeEvent

from .conftest import axe_violations

OCTOBER = "2026-10-01"


def september(indicator):
    return CaseloadFigure.objects.get(indicator=indicator, area__code="NPRZ", month="2026-09-01").value


def tab_to(page, name: str, limit: int = 80):
    """Press Tab until the field with this name has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"{name} never got keyboard focus")


def test_the_beheerder_enters_a_month_with_the_keyboard_only(as_editor, live_server, console_errors):
    page = as_editor
    CaseloadFigure.objects.filter(month=OCTOBER).delete()
    ActivityRecord.objects.filter(month=OCTOBER).delete()
    inflow, outflow, to_work = september("inflow"), september("outflow"), september("outflow_to_work")
    caseload = september("caseload") + inflow - outflow - 15  # 15 left at pension age: a normal gap

    page.goto(f"{live_server.url}/entry/2026-10/")
    assert axe_violations(page) == []
    page.locator("body").focus()
    tab_to(page, "c-caseload-NPRZ")
    for value in (caseload, inflow, outflow):
        page.keyboard.type(f"{value:,}".replace(",", "."))  # Dutch thousands separator, as people type it
        page.keyboard.press("Tab")
    page.keyboard.type(str(to_work))
    page.keyboard.press("Enter")  # submits the form from the field
    page.wait_for_url(re.compile(r".*/entry/2026-10/$"))

    assert "Opgeslagen: 4 nieuwe waarden" in page.get_by_role("status").inner_text()
    stored = dict(CaseloadFigure.objects.filter(month=OCTOBER, area__code="NPRZ").values_list("indicator", "value"))
    assert stored == {"caseload": caseload, "inflow": inflow, "outflow": outflow, "outflow_to_work": to_work}
    assert ChangeEvent.objects.get().user.username == "beheerder"
    assert page.get_by_label("Instroom, NPRZ-gebied").input_value() == f"{inflow:,}".replace(",", ".")
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_bad_value_is_announced_next_to_its_field_without_axe_violations(as_editor, live_server):
    page = as_editor
    page.goto(f"{live_server.url}/entry/2026-10/")
    field = page.get_by_label("Instroom, Tarwewijk")
    field.fill("-12")
    field.press("Enter")
    assert "negatieve waarde" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_label("Instroom, Tarwewijk").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []


def test_the_month_list_import_and_history_pages_have_no_axe_violations(as_editor, live_server, tmp_path):
    page = as_editor
    page.goto(f"{live_server.url}/entry/")
    assert page.get_by_role("link", name="oktober 2026").first.is_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/entry/import/")
    assert axe_violations(page) == []
    upload = tmp_path / "invoer.csv"
    inflow = september("inflow")
    upload.write_bytes(
        f"\ufeffmaand;cijfer;gebied;waarde\r\n2026-10;instroom;NPRZ;{inflow}\r\n2026-10;x;NPRZ;1\r\n".encode()
    )
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(str(upload))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    assert (
        "Onbekend cijfer"
        in page.get_by_role("table", name="Regels van het bestand met wat de import zou doen").inner_text()
    )
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/entry/2026-10/history/?area=NPRZ&indicator=inflow")
    assert axe_violations(page) == []
