"""Login is required everywhere but the login page, /healthz and static files; roles decide the rest."""

import pytest

PAGES = [
    "/",
    "/caseload/",
    "/caseload/?area=BU05991086",
    "/caseload/figures/",
    "/activities/",
    "/activities/verzuimaanpak/",
    "/targets/",
    "/entry/",
    "/entry/2025-01/",
    "/entry/import/",
    "/reports/",
    "/reports/2025/q1/",
    "/reports/2025/q1.pdf",
]
EDITOR_PAGES = ["/entry/", "/entry/2025-01/", "/entry/import/"]


@pytest.mark.parametrize("url", [*PAGES, "/admin/"])
def test_anonymous_users_are_sent_to_the_login_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") or response["Location"].startswith("/admin/login/")


def test_the_login_page_is_open_and_in_dutch(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert "Gebruikersnaam" in response.content.decode()


def test_healthz_answers_ok_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize("url", EDITOR_PAGES)
def test_viewers_may_not_enter_data(viewer_client, url):
    response = viewer_client.get(url)
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/caseload/", "/activities/", "/targets/", "/reports/"])
def test_a_user_without_a_role_gets_403(client, outsider, url):
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_viewers_do_not_see_the_entry_link(viewer_client):
    assert 'href="/entry/"' not in viewer_client.get("/").content.decode()


def test_editors_see_the_entry_link(editor_client):
    assert 'href="/entry/"' in editor_client.get("/").content.decode()


def test_the_admin_is_for_superusers_only(viewer_client):
    response = viewer_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
