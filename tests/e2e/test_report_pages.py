"""In a real browser: the manager writes, confirms and publishes a quarter; the alderman reads and prints it; axe."""

import html
import re
from pathlib import Path

from django.contrib.auth.models import User
from playwright.sync_api import expect

from nprz_dashboard.marks import DEMO_TEXT, SOURCE
from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services
from tests.helpers import approve_quarter

from .conftest import axe_violations

CHARTS = ["rapport-trend", "rapport-stromen", "rapport-kwartalen", "rapport-activiteiten"]


def all_drawn(page) -> bool:
    for chart_id in CHARTS:
        page.wait_for_selector(f'[data-chart="{chart_id}-data"][data-drawn="true"] svg.main-svg')
    return page.locator("[data-chart] svg.main-svg").count() >= len(CHARTS)


def test_the_manager_writes_and_publishes_the_first_quarter(as_manager, live_server, console_errors):
    page = as_manager
    page.goto(f"{live_server.url}/reports/2025/q1/")
    assert "concept" in page.get_by_role("heading", level=1).inner_text()
    assert all_drawn(page)
    assert axe_violations(page) == []
    page.get_by_label("Toelichting bij ‘Bijstandsbestand en doel’").fill("Het bestand steeg in het eerste kwartaal.")
    page.get_by_role("button", name="Publiceren", exact=True).click()
    expect(page.locator(".publish-frozen")).to_be_visible()  # waits for the confirmation page
    assert "Dit wordt vastgelegd" in page.locator("main").inner_text()
    assert "Het bestand steeg in het eerste kwartaal." in page.locator(".publish-frozen").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, publiceer versie 1").click()
    page.wait_for_url("**/reports/2025/q1/?version=1")
    assert "Versie 1 van 1, gepubliceerd op" in page.locator(".report-meta").inner_text()
    assert "Het bestand steeg in het eerste kwartaal." in page.locator("#sectie-caseload").locator("..").inner_text()
    assert all_drawn(page)
    assert axe_violations(page) == []
    assert console_errors == []


def test_the_alderman_reads_the_published_report_and_downloads_a_chart(as_viewer, live_server, console_errors):
    approve_quarter(Quarter(2025, 1))
    report_services.publish(Quarter(2025, 1), User.objects.get(username="programmamanager"))
    page = as_viewer
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="1e kwartaal 2025", exact=True).click()
    page.wait_for_url("**/reports/2025/q1/")
    assert all_drawn(page)
    assert "Concept" not in page.locator("main").inner_text()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role(
            "button", name=re.compile(r"^Download als SVG\s*: Bijstandsuitkeringen in NPRZ-gebied per maand$")
        ).click()
    assert download.value.suggested_filename == "bijstand-2025kw01.svg"
    svg = html.unescape(Path(download.value.path()).read_text())
    # The image travels without the page: it says what it shows, from which report, how recent, from where, demo.
    for mark in (
        "Bijstandsuitkeringen in NPRZ-gebied per maand",
        "Kwartaalrapportage 1e kwartaal 2025, versie 1 · peildatum ",
        f"Bron: {SOURCE}",
        DEMO_TEXT,
    ):
        assert mark in svg
    with page.expect_download() as download:
        page.get_by_role(
            "button", name=re.compile(r"^Download als PNG\s*: Bijstandsuitkeringen in NPRZ-gebied per maand$")
        ).click()
    assert download.value.suggested_filename == "bijstand-2025kw01.png"
    page.get_by_role("link", name="Afdrukken").click()
    page.wait_for_url("**/reports/2025/q1/?version=1&view=print")
    assert page.get_by_role("button", name="Afdrukken").is_visible()  # print.js shows it and prints on click
    assert all_drawn(page)
    assert axe_violations(page) == []
    assert console_errors == []
