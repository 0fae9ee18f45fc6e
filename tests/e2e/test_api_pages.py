"""In a real browser: an analyst makes an API token on the profile page, and reads the documentation offline."""

import re

from .conftest import axe_violations


def test_a_viewer_makes_a_token_sees_it_once_and_revokes_it(as_viewer, live_server, console_errors):
    page = as_viewer
    page.goto(f"{live_server.url}/profile/")
    page.get_by_label("Naam van de sleutel").fill("Power BI wijkrapportage")
    page.get_by_label("Geldig").select_option("30")
    page.get_by_role("button", name="API-sleutel maken").click()
    secret = page.get_by_label("API-sleutel").input_value()
    assert re.fullmatch(r"wm_[0-9a-f]{8}_[\w-]{40,}", secret)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Terug naar je profiel").click()
    page.wait_for_url("**/profile/#api-sleutels")
    assert secret not in page.content()
    row = page.get_by_role("row", name=re.compile("Power BI wijkrapportage"))
    assert "actief" in row.inner_text()
    assert axe_violations(page) == []
    row.get_by_role("button").click()
    assert "is ingetrokken en werkt niet meer" in page.get_by_role("status").inner_text()
    assert "ingetrokken" in page.get_by_role("row", name=re.compile("Power BI wijkrapportage")).inner_text()
    assert console_errors == []


def test_the_documentation_page_draws_the_schema_from_our_own_files(as_viewer, live_server, console_errors):
    page = as_viewer
    outside = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.get_by_text("/api/v1/caseload-figures/").first.wait_for()
    assert outside == []  # no CDN: Swagger UI and the schema come from the app itself
    assert console_errors == []
    assert "NPRZ Werkmonitor: open-data-API" in page.inner_text("#swagger-ui")
    assert axe_violations(page) == []
    # "Try it out" asks the API with the browser's session.
    page.locator("#operations-areas-areas_list .opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    with page.expect_response(re.compile(r"/api/v1/areas/")) as answer:
        page.get_by_role("button", name="Execute").click()
    assert answer.value.status == 200 and answer.value.json()["results"][0]["code"] == "NPRZ"
