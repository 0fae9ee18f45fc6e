"""In a real browser as the alderman: / and /caseload/ draw their charts, switch areas, pass axe."""

from .conftest import axe_violations


def drawn(page, chart_id: str):
    page.wait_for_selector(f'[data-chart="{chart_id}-data"][data-drawn="true"] svg.main-svg')
    return page.locator(f'[data-chart="{chart_id}-data"] svg.main-svg').count() > 0


def test_the_overview_draws_its_chart_without_errors_or_axe_violations(as_viewer, console_errors):
    page = as_viewer
    assert drawn(page, "trend")
    assert "afgeleid pad" in page.locator("#trend").inner_text()
    assert "12.794" in page.get_by_role("row", name="eind december 2024").inner_text()
    assert axe_violations(page) == []
    assert console_errors == []


def test_the_caseload_page_draws_every_chart_and_switching_area_changes_it(as_viewer, live_server, console_errors):
    page = as_viewer
    page.goto(f"{live_server.url}/caseload/")
    for chart_id in ("trend", "flows", "quarter-flows", "neighbourhoods"):
        assert drawn(page, chart_id)
    assert axe_violations(page) == []
    before = page.locator("#trend .chart__sentence").inner_text()
    ticks_before = page.locator('[data-chart="trend-data"] .ytick text').all_text_contents()

    page.get_by_label("Gebied", exact=True).select_option(label="Bloemhof (focuswijk)")
    page.get_by_role("button", name="Toon gebied").click()
    page.wait_for_url("**/caseload/?area=BU05991081")
    assert drawn(page, "trend")
    after = page.locator("#trend .chart__sentence").inner_text()
    assert "Bloemhof" in after and after != before
    assert page.locator('[data-chart="trend-data"] .ytick text').all_text_contents() != ticks_before
    assert console_errors == []


def test_the_figures_table_passes_axe_and_shows_the_source_of_an_official_value(as_viewer, live_server, console_errors):
    page = as_viewer
    page.goto(f"{live_server.url}/caseload/figures/?area=NPRZ&start=2024-12&end=2024-12")
    marker = page.locator(".official-marker[tabindex='0']").first
    marker.focus()
    assert "Brief wethouder" in marker.get_attribute("title")
    assert axe_violations(page) == []
    assert console_errors == []


def test_with_many_areas_a_neighbourhood_is_found_by_keyboard_and_the_search_passes_axe(
    as_viewer, live_server, console_errors, monkeypatch
):
    from nprz_dashboard import shortlist

    monkeypatch.setattr(shortlist, "AREA_SELECT_LIMIT", 12)  # the select then lists the main areas only
    page = as_viewer
    page.goto(f"{live_server.url}/caseload/")
    search = page.get_by_role("searchbox", name="Zoek een wijk")
    search.focus()
    page.keyboard.type("Heijpl")
    page.keyboard.press("Enter")
    page.wait_for_url("**/caseload/?area=NPRZ&zoek=Heijpl*")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Heijplaat").click()
    page.wait_for_url("**/caseload/?area=BU05991593")
    assert "Heijplaat" in page.locator("#trend .chart__sentence").inner_text()
    assert console_errors == []
