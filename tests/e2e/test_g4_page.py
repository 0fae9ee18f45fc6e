"""/caseload/g4/ in Chromium: the chart draws, the page fits a phone and a desktop, axe finds nothing."""

from benchmarks import demo
from nprz_dashboard.periods import Month

from .conftest import login
from .test_every_page_fits import DESKTOP, PHONE, open_and_check


def test_the_g4_page_draws_its_chart_fits_and_passes_axe(page, live_server, seeded, console_errors):
    demo.seed(Month(2026, 10))
    login(page, live_server, "wethouder")

    problems = {}
    for viewport, with_axe in ((PHONE, True), (DESKTOP, False)):
        page.set_viewport_size(viewport)
        problems[viewport["width"]] = open_and_check(page, f"{live_server.url}/caseload/g4/", with_axe)

    assert problems == {390: [], 1440: []}
    assert page.locator("#g4 .chart__plot .main-svg").count() >= 1  # plotly drew it
    assert page.locator("#g4 .legend .traces").count() == 6
    assert console_errors == []
