"""A request for a host this site is not (a Host header outside DJANGO_ALLOWED_HOSTS) gets the Dutch 400 page.

Django refuses the Host in CommonMiddleware, before AuthenticationMiddleware has
given the request a user; the 400 page must render without one.
"""

import pytest

BAD_HOSTS = ["evil.example", "evil.example:8000", "testserver.evil.example", "bad host", "testserver@evil.example"]
PAGES = ["/", "/healthz", "/accounts/login/", "/caseload/", "/entry/2026-10/", "/api/v1/areas/", "/nergens/"]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.mark.parametrize("host", BAD_HOSTS)
@pytest.mark.parametrize("path", PAGES)
def test_a_disallowed_host_gets_the_dutch_400_page(client, db, production, host, path):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Ongeldig verzoek</h1>' in html
    assert '<html lang="nl"' in html


def test_a_logged_in_user_with_a_disallowed_host_sees_no_menu_nor_name(viewer_client, production):
    # The user is never looked up: the page is the anonymous one.
    response = viewer_client.get("/caseload/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ongeldig verzoek" in html
    assert "wethouder" not in html
    assert 'href="/caseload/"' not in html


def test_an_allowed_host_still_gets_the_page(client, db, production):
    assert client.get("/healthz", HTTP_HOST="testserver").content == b"ok"


def test_with_the_https_redirect_on_a_disallowed_host_is_a_400_not_a_redirect_to_it(client, db, production, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/caseload/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()
    assert client.get("/caseload/", HTTP_HOST="testserver")["Location"] == "https://testserver/caseload/"
