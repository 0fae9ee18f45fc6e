"""In a real browser: the beheerder enters a month with the keyboard only; axe finds nothing on the entry pages."""

import re

from playwright.sync_api import expect

from monitoring.models import CaseloadFigure, ChangeEvent

from .conftest import axe_violations, login

OCTOBER = "2026-10-01"


def tab_to(page, name: str, limit: int = 80):
    """Press Tab until the field with this name has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"{name} never got keyboard focus")


def september_by_hood(indicator) -> dict[str, int]:
    rows = CaseloadFigure.objects.filter(indicator=indicator, month="2026-09-01", area__level="neighbourhood")
    return dict(rows.order_by("area__tree_order").values_list("area__code", "value"))


def test_the_open_month_goes_from_partly_filled_to_locked_with_the_keyboard(as_editor, live_server, console_errors):
    """The month seed_demo leaves open: the beheerder types the missing figures, submits; a manager locks it."""
    page = as_editor
    to_work = september_by_hood("outflow_to_work")  # last month's values: plausible, no warnings
    page.goto(f"{live_server.url}/entry/2026-10/")
    assert axe_violations(page) == []
    bar = page.locator(".entry-savebar")
    assert bar.is_visible()
    expected = page.locator("#entry-progress").inner_text()
    assert "van" in expected and "ingevuld" in expected

    page.locator("body").focus()
    for code, value in to_work.items():
        tab_to(page, f"c-outflow_to_work-{code}", limit=400)
        page.keyboard.type(str(value))
    # the district's total follows its neighbourhoods as they are typed
    feijenoord = sum(v for c, v in to_work.items() if c.startswith("BU059910"))
    assert page.locator("#total-c-outflow_to_work-WK059910").inner_text() == f"{feijenoord:,}".replace(",", ".")
    assert page.locator("#total-c-outflow_to_work-NPRZ").inner_text() == f"{sum(to_work.values()):,}".replace(",", ".")
    page.keyboard.press("Tab")  # leaving the field announces the progress
    assert "ingevuld" in page.locator("[data-progress-live]").inner_text()
    assert bar.is_visible()  # the save bar stays in view at the bottom
    page.get_by_role("button", name="Opslaan").click()  # Enter moves between cells; the button submits
    page.wait_for_url(re.compile(r".*/entry/2026-10/$"))

    assert "Opgeslagen: 22 nieuwe waarden en 0 correcties voor oktober 2026; 4 totalen bijgewerkt" in (
        page.get_by_role("status").inner_text()
    )
    stored = dict(
        CaseloadFigure.objects.filter(month=OCTOBER, indicator="outflow_to_work").values_list("area__code", "value")
    )
    assert stored["NPRZ"] == sum(to_work.values())
    assert all(stored[code] == value for code, value in to_work.items())
    assert ChangeEvent.objects.get(kind="entry").user.username == "beheerder"
    assert axe_violations(page) == []

    page.get_by_role("button", name="Maand indienen").click()
    page.wait_for_url(re.compile(r".*/entry/2026-10/$"))
    assert "ingediend ter goedkeuring" in page.get_by_role("status").inner_text()

    page.locator("form[action*=logout] button").click()
    login(page, live_server, "programmamanager")
    page.goto(f"{live_server.url}/entry/2026-10/")
    page.get_by_role("button", name="Goedkeuren en vergrendelen").click()
    page.wait_for_url(re.compile(r".*/entry/2026-10/$"))
    assert "goedgekeurd en vergrendeld" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="Opslaan").count() == 0
    assert page.locator("#id_c-inflow-BU05991571").is_disabled()
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_bad_value_is_announced_next_to_its_field_without_axe_violations(as_editor, live_server):
    page = as_editor
    page.goto(f"{live_server.url}/entry/2026-10/")
    field = page.get_by_label("Instroom, Tarwewijk (wijk)")
    field.fill("-12")
    page.get_by_label("Uitstroom, Bloemhof (wijk)").fill("veel")
    field.press("Enter")  # moves to the next cell, as in a spreadsheet: nothing is submitted
    assert page.get_by_role("alert").count() == 0
    page.get_by_role("button", name="Opslaan").click()
    alert = page.get_by_role("alert").first.inner_text()
    assert "Instroom, Tarwewijk (wijk): Een negatieve waarde kan niet." in alert  # every error, in one pass
    assert "Uitstroom, Bloemhof (wijk): Vul een getal in" in alert
    assert page.get_by_label("Instroom, Tarwewijk (wijk)").get_attribute("aria-invalid") == "true"
    assert "2 fouten" in page.locator(".entry-savebar").inner_text()
    page.get_by_role("link", name="Uitstroom, Bloemhof (wijk): Vul een getal in").first.click()
    assert page.evaluate("document.activeElement.id") == "id_c-outflow-BU05991081"  # the link leads to the field
    assert axe_violations(page) == []


def test_a_month_that_has_not_ended_says_when_it_opens(as_editor, live_server):
    page = as_editor
    page.goto(f"{live_server.url}/entry/2026-12/")
    assert "gaat open op 1-1-2027" in page.locator("main").inner_text()
    page.get_by_role("link", name="oktober 2026").click()
    expect(page.get_by_role("heading", name="Invoer oktober 2026")).to_be_visible()  # waits for the page
    assert axe_violations(page) == []


def test_the_month_list_import_and_history_pages_have_no_axe_violations(as_editor, live_server, tmp_path):
    page = as_editor
    page.goto(f"{live_server.url}/entry/")
    assert page.get_by_role("link", name="oktober 2026").first.is_visible()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/entry/import/")
    assert axe_violations(page) == []
    upload = tmp_path / "invoer.csv"
    inflow = CaseloadFigure.objects.get(indicator="inflow", area__code="BU05991571", month=OCTOBER).value
    upload.write_bytes(
        f"\ufeffmaand;cijfer;gebied;waarde\r\n2026-10;instroom;BU05991571;{inflow}\r\n2026-10;x;NPRZ;1\r\n".encode()
    )
    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(str(upload))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    assert "1 ongewijzigd 1 geweigerd" in " ".join(page.locator(".import-summary").inner_text().split())
    page.get_by_role("link", name="Regel 3").click()
    assert page.url.endswith("#regel-3")
    assert "Onbekend cijfer" in page.locator("#regel-3").inner_text()
    assert not page.locator("#regel-2").is_visible()  # the unchanged row is folded away
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/entry/2026-10/history/?area=NPRZ&indicator=inflow")
    assert axe_violations(page) == []


def test_the_month_form_fits_a_phone_without_scrolling_sideways(as_editor, live_server):
    page = as_editor
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/entry/2026-10/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # on a phone every field shows its own label, and the save bar stays in view
    assert page.get_by_text("Instroom, Tarwewijk (wijk)", exact=True).first.is_visible()
    page.mouse.wheel(0, 3000)
    assert page.locator(".entry-savebar").is_visible()
    assert axe_violations(page) == []
