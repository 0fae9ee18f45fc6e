"""Browser tests: Debian's Chromium driven by Playwright against the live server.

A missing browser is a failure, never a skip: CI must prove the pages work.
"""

import io
import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command

PASSWORD = "e2e-wachtwoord-lang-genoeg"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = settings.CHROMIUM_PATH
    if not os.path.exists(path):
        pytest.fail(f"Chromium not found at {path}: install it with 'apt-get install chromium'")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def seeded(transactional_db):
    """Load the programme data and demo users into the live server's database."""
    os.environ["DEMO_PASSWORD"] = PASSWORD
    try:
        call_command("seed_demo", until="2026-10", stdout=io.StringIO())
    finally:
        del os.environ["DEMO_PASSWORD"]


@pytest.fixture
def console_errors(page):
    """Collect console errors and uncaught exceptions of the page."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def login(page, live_server, username: str):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/$"))


@pytest.fixture
def as_viewer(page, live_server, seeded):
    login(page, live_server, "wethouder")
    return page


@pytest.fixture
def as_editor(page, live_server, seeded):
    login(page, live_server, "beheerder")
    return page


@pytest.fixture
def as_manager(page, live_server, seeded):
    login(page, live_server, "programmamanager")
    return page


def axe_violations(page) -> list[str]:
    """Return axe's WCAG 2.1 A/AA violations on the current page, readable."""
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in results.response["violations"]]
