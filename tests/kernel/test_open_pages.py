"""The open doors (login page, /healthz), the Dutch refusal and the links a role is offered.

Who may reach which URL is one table in test_permissions.py.
"""

import pytest

EDITOR_PAGES = ["/entry/", "/entry/2025-01/", "/entry/import/"]


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


def test_viewers_do_not_see_the_entry_link(viewer_client):
    assert 'href="/entry/"' not in viewer_client.get("/").content.decode()


def test_editors_see_the_entry_link(editor_client):
    assert 'href="/entry/"' in editor_client.get("/").content.decode()
