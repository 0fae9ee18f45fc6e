"""In Chromium: signing in with the city's account at a real provider on loopback, the refusal page, and out again."""

import re

import pytest

from tests.oidc_provider import Provider

from .conftest import axe_violations

ALICE = {"name": "Alice de Vries", "email": "alice@rotterdam.example", "groups": ["g-beheer"]}


@pytest.fixture
def city(live_server, settings, monkeypatch, tmp_path, transactional_db):
    provider = Provider(tmp_path / "world.json", live_server.url)
    provider.configure(settings, monkeypatch)
    yield provider
    provider.stop()


def sign_in_at_the_city(page, live_server, sub: str):
    page.goto(f"{live_server.url}/accounts/login/?next=/profile/")
    page.get_by_role("link", name="Inloggen met de gemeente-account").click()
    page.locator("input[name=login]").fill(sub)
    page.get_by_role("button", name="Sign in").click()


def test_a_city_account_signs_in_and_out_in_the_browser(page, live_server, city):
    city.accounts({"alice": ALICE})
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []
    sign_in_at_the_city(page, live_server, "alice")
    page.wait_for_url(f"{live_server.url}/profile/")
    assert "Alice de Vries" in page.locator(".site-header__user").inner_text()
    assert "beheerder" in page.get_by_role("main").inner_text()

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider's own page
    page.wait_for_url(re.compile(r".*/accounts/login/$"))
    # Signed out at both: the app asks to log in, and the provider asks who you are again.
    page.goto(f"{live_server.url}/profile/")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=/profile/$"))
    page.get_by_role("link", name="Inloggen met de gemeente-account").click()
    assert page.locator("input[name=login]").count() == 1


def test_an_account_without_a_mapped_group_reads_the_dutch_page(page, live_server, city):
    city.accounts({"bob": {"name": "Bob", "groups": ["g-elders"]}})
    sign_in_at_the_city(page, live_server, "bob")
    page.wait_for_url(re.compile(r".*/oidc/callback/\?"))
    assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
    assert "Je hebt geen toegang tot de Werkmonitor." in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
