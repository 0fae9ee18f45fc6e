"""Tokens and sessions: the login throttling holds for tokens, there is a rate limit, and nothing gets cached."""

import time

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings

from accounts import api_tokens
from api.authentication import TOKEN_USERNAME
from api.throttling import PerTokenThrottle
from nprz_dashboard import counters, login_throttle
from tests.api.conftest import token_client

BAD = "wm_00000000_dit-is-geen-echte-sleutel"


def bad_token_client(address="10.0.0.7") -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {BAD}", REMOTE_ADDR=address)


def test_a_bad_token_is_a_401_in_dutch_and_counts_as_a_failed_login(db):
    response = bad_token_client().get("/api/v1/areas/")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Deze API-sleutel is onbekend, verlopen of ingetrokken. Maak een nieuwe op je profielpagina "
        "(/profile/)."
    }
    assert login_throttle.address_failures("10.0.0.7") == 1
    assert AccessAttempt.objects.get(ip_address="10.0.0.7").username == TOKEN_USERNAME


def test_guessing_tokens_blocks_the_address_like_guessing_passwords(db, settings, viewer):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    statuses = [bad_token_client().get("/api/v1/areas/").status_code for _ in range(4)]
    assert statuses == [401, 401, 429, 429]
    # Blocked means blocked: a valid token from that address is refused as a correct password would be.
    _, raw = api_tokens.issue(viewer, "geldig")
    blocked = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="10.0.0.7").get("/api/v1/areas/")
    assert blocked.status_code == 429
    assert "internetadres is tijdelijk geblokkeerd" in blocked.json()["detail"]
    assert blocked["Content-Type"] == "application/json"  # the API's answer, not the login page's HTML
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="10.0.0.8").get("/api/v1/areas/").status_code == 200
    # The manager's page lists the address, and lifting the block lets the token in again.
    assert "10.0.0.7" in {row["ip_address"] for row in login_throttle.throttled_addresses()}
    login_throttle.lift(address="10.0.0.7", by="test")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="10.0.0.7").get("/api/v1/areas/").status_code == 200


def test_wrong_passwords_for_a_username_do_not_switch_off_that_users_token(client, viewer, settings):
    # Anyone who knows the username can lock it; the token is a credential of its own and keeps working.
    api = token_client(viewer)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": viewer.username, "password": "fout"}, REMOTE_ADDR="10.0.0.9")
    refused = Client().post(
        "/accounts/login/", {"username": viewer.username, "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.5"
    )
    assert refused.status_code == 429  # the username is locked for passwords, from every address
    assert viewer.username in {row["username"] for row in login_throttle.blocked_usernames()}
    response = api.get("/api/v1/areas/")
    assert response.status_code == 200
    assert response.json()["count"] > 0


def test_wrong_passwords_from_the_tokens_own_address_lock_the_username_not_the_token(client, viewer, settings):
    api = token_client(viewer)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": viewer.username, "password": "fout"}, REMOTE_ADDR="127.0.0.1")
    assert api.get("/api/v1/areas/").status_code == 200  # the test client's address: below the address limit


def test_bad_tokens_still_count_as_failures_from_their_address_and_lock_no_username(viewer, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for _ in range(2):
        assert bad_token_client("10.0.0.11").get("/api/v1/areas/").status_code == 401
    assert login_throttle.address_failures("10.0.0.11") == 2
    assert login_throttle.blocked_usernames() == []
    assert bad_token_client("10.0.0.11").get("/api/v1/areas/").status_code == 429  # the third blocks the address


def test_there_is_no_password_authentication_on_the_api(viewer):
    import base64

    basic = base64.b64encode(b"wethouder:correct-horse-battery").decode()
    response = Client(HTTP_AUTHORIZATION=f"Basic {basic}").get("/api/v1/areas/")
    assert response.status_code == 401
    assert not AccessAttempt.objects.exists()  # not even a try to check the password


@pytest.mark.parametrize("header", ["Bearer", "Bearer twee delen", "Bearer wm_kort"])
def test_a_malformed_authorization_header_is_a_401(db, header):
    assert Client(HTTP_AUTHORIZATION=header).get("/api/v1/areas/").status_code == 401


def test_the_rate_limit_is_per_token(viewer, monkeypatch):
    monkeypatch.setitem(PerTokenThrottle.THROTTLE_RATES, "api", "3/min")
    now = time.time()
    monkeypatch.setattr(counters, "clock", lambda: now)  # the count is per clock minute: stay in one
    first, second = token_client(viewer), token_client(viewer)
    statuses = [first.get("/api/v1/areas/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = first.get("/api/v1/areas/")
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Te veel verzoeken: hoogstens 3 per minuut. Probeer het over ")
    assert second.get("/api/v1/areas/").status_code == 200  # another token has its own count


def test_the_browser_session_works_too(viewer_client):
    response = viewer_client.get("/api/v1/caseload-figures/?page_size=1")
    assert response.status_code == 200 and response.json()["count"] > 0


def test_csrf_stays_on_for_the_session(viewer, client):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(viewer)
    response = csrf_client.post("/api/v1/areas/")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    csrf_client.get("/profile/")  # sets the CSRF cookie
    token = csrf_client.cookies["csrftoken"].value
    assert csrf_client.post("/api/v1/areas/", HTTP_X_CSRFTOKEN=token).status_code == 405


@override_settings(DJANGO_BEHIND_TLS_PROXY=False)
def test_every_answer_says_no_store(viewer_api, db):
    for url in ("/api/v1/areas/", "/api/v1/caseload-figures/?format=csv", "/api/v1/nope/", "/api/v1/schema/"):
        assert "no-store" in viewer_api.get(url)["Cache-Control"], url
    assert "no-store" in bad_token_client().get("/api/v1/areas/")["Cache-Control"]
