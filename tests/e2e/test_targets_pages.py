"""In a real browser: a manager revises the 2025 target and adds a note; both show on /caseload/."""

from .conftest import axe_violations


def drawn(page, chart_id: str):
    page.wait_for_selector(f'[data-chart="{chart_id}-data"][data-drawn="true"] svg.main-svg')
    return page.locator(f'[data-chart="{chart_id}-data"] svg.main-svg').count() > 0


def test_a_manager_revises_the_2025_target_and_annotates_the_chart(as_manager, live_server, console_errors):
    page = as_manager
    page.goto(f"{live_server.url}/targets/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Herzien bijstandsuitkeringen, NPRZ-gebied, eind december 2025").click()
    form = page.locator("#herzien")
    form.get_by_label("Nieuw doel").fill("12.500")
    form.get_by_label("Reden van de herziening").fill("Besluit na tegenvallende uitstroom")
    form.get_by_label("Of een nieuwe bron: titel").fill("Raadsbesluit doelen 2025")
    form.get_by_label("Datum van de nieuwe bron").fill("15-6-2025")
    form.get_by_role("button", name="Herziening vastleggen").click()
    page.wait_for_url("**/targets/")
    assert "De herziening is vastgelegd" in page.locator(".messages").inner_text()
    assert "oorspronkelijk doel" in page.locator("table").first.inner_text()

    form = page.locator("#notitie")
    form.get_by_label("Maand").fill("2025-03")
    form.get_by_label("Notitie", exact=True).fill("start Kind en Werkgeluk")
    form.get_by_role("button", name="Notitie vastleggen").click()
    page.wait_for_url("**/targets/")
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/caseload/")
    assert drawn(page, "trend")
    trend = page.locator("#trend").inner_text()
    assert "herzien van hoogstens 12.400 naar hoogstens 12.500" in trend
    assert "Reden: Besluit na tegenvallende uitstroom" in trend
    assert "Notitie maart 2025: start Kind en Werkgeluk" in trend
    legend = " ".join(page.locator('[data-chart="trend-data"] .legendtext').all_text_contents())
    assert "oorspronkelijk doel (herzien)" in legend and "notitie" in legend
    assert axe_violations(page) == []
    assert console_errors == []


def test_the_alderman_reads_targets_without_edit_controls(as_viewer, live_server, console_errors):
    page = as_viewer
    page.goto(f"{live_server.url}/targets/")
    assert "eind december 2025" in page.locator("table").first.inner_text()
    assert page.get_by_role("button", name="Doel vastleggen").count() == 0
    assert page.get_by_role("link", name="Herzien").count() == 0
    assert axe_violations(page) == []
    assert console_errors == []
