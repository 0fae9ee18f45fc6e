"""In a real browser: log in as the alderman, read the first page, no axe violations."""

from .conftest import axe_violations


def test_login_page_has_no_accessibility_violations(page, live_server, seeded):
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []


def test_the_alderman_logs_in_and_sees_12794_against_12750(as_viewer, console_errors):
    page = as_viewer
    row = page.get_by_role("row", name="eind december 2024")
    assert "12.750" in row.inner_text()
    assert "12.794" in row.inner_text()
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_wrong_password_gets_a_dutch_message(page, live_server, seeded):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("wethouder")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    assert "gebruikersnaam en wachtwoord" in page.get_by_role("alert").inner_text().lower()
