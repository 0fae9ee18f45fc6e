"""In a real browser: the activity list and an activity page draw their charts, cleanly and accessibly."""

from .conftest import axe_violations


def test_the_activity_list_draws_its_chart_without_errors_or_axe_violations(as_viewer, live_server, console_errors):
    page = as_viewer
    page.goto(f"{live_server.url}/activities/?year=2024")
    page.wait_for_selector("[data-chart][data-drawn=true] svg.main-svg")
    row = page.get_by_role("row", name="Verzuimaanpak: huisbezoeken")
    assert "1.086" in row.inner_text() and "155%" in row.inner_text()
    assert axe_violations(page) == []
    assert console_errors == []


def test_an_activity_page_draws_every_chart_without_errors_or_axe_violations(as_viewer, live_server, console_errors):
    page = as_viewer
    page.goto(f"{live_server.url}/activities/wijkwerktafels/")
    charts = page.locator("[data-chart]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.drawn === 'true')"
    )
    assert charts.count() >= 9
    assert page.locator("[data-chart] svg.main-svg").count() >= charts.count()
    assert axe_violations(page) == []
    assert console_errors == []


def test_the_records_table_filters_by_keyboard(as_viewer, live_server):
    page = as_viewer
    page.goto(f"{live_server.url}/activities/verzuimaanpak/")
    page.get_by_label("Van (maand)").fill("2024-01")
    page.get_by_label("Tot en met (maand)").fill("2024-02")
    page.get_by_label("Tot en met (maand)").press("Enter")
    page.wait_for_url("**end=2024-02**")  # count the rows of the filtered page, not of the one it replaces
    rows = page.locator("#maandcijfers tbody tr")
    assert rows.count() == 4  # two measures, two months
    assert "februari 2024" in rows.first.inner_text()
