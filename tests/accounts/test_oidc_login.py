"""Signing in with the city's account, against a real OpenID Connect provider on loopback.

tools/oidc_provider.mjs (started by tests/oidc_provider.py) runs the npm package
oidc-provider: discovery, JWKS, the code flow with PKCE, RS256-signed id_tokens,
prompt=none re-checks and RP-initiated logout. The app is configured from environment variables, as in production. The
test's `requests` session is the browser at the provider; Django's test client is
the same browser at the app. A missing node or npm package fails, never skips.
The same flow in Chromium: tests/e2e/test_city_login.py.
"""

import logging
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.contrib.auth.models import User

from accounts.models import CityAccount
from nprz_dashboard.roles import role_names
from tests.live_server import forms_of
from tests.oidc_provider import Provider

APP = "http://testserver"
ALICE = {"email": "alice@rotterdam.example", "name": "Alice de Vries", "preferred_username": "alice@rotterdam.example"}
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    running = Provider(tmp_path_factory.mktemp("oidc") / "world.json", APP)
    yield running
    running.stop()


@pytest.fixture
def city(provider, settings, monkeypatch):
    """Sign-in with the city's account on, configured by the variables the README lists."""
    provider.configure(settings, monkeypatch)
    return provider


def to_provider_and_back(at_provider: requests.Session, url: str, login: str | None = None) -> str:
    """Follow the provider's redirects (signing in as `login` if it asks); return the address it sends back to."""
    response = at_provider.get(url, allow_redirects=False, timeout=10)
    for _ in range(10):
        if response.is_redirect:
            target = urljoin(response.url, response.headers["location"])
            if target.startswith(APP):
                return target
            response = at_provider.get(target, allow_redirects=False, timeout=10)
        elif "/interaction/" in response.url and login and response.request.method == "GET":
            response = at_provider.post(response.url, data={"login": login}, allow_redirects=False, timeout=10)
        else:
            raise AssertionError(f"the provider answered {response.status_code}: {response.text[:300]}")
    raise AssertionError("too many redirects")


def sign_in(client, at_provider, sub: str, next_page: str = "/profile/"):
    start = client.get("/oidc/authenticate/", {"next": next_page})
    assert start.status_code == 302
    return client.get(to_provider_and_back(at_provider, start["Location"], login=sub))


def recheck(client, at_provider):
    """Let the re-check interval pass and open a page: the browser goes to the provider and back."""
    session = client.session
    session["oidc_id_token_expiration"] = 0
    session.save()
    page = client.get("/profile/")
    assert page.status_code == 302
    assert page["Location"].startswith(at_provider.issuer + "/auth?")
    assert "prompt=none" in page["Location"]
    return client.get(to_provider_and_back(at_provider, page["Location"]))


@pytest.fixture
def at_provider(city):
    """The browser's side at the provider: its cookies hold the provider's session."""
    session = requests.Session()
    session.issuer = city.issuer
    return session


def the_user(sub="alice") -> User:
    return User.objects.get(city_account__subject=sub)


def test_a_city_account_signs_in_with_the_role_of_its_group(client, city, at_provider, caplog):
    city.accounts({"alice": {**ALICE, "groups": ["g-data", "g-elders"]}})
    with caplog.at_level(logging.INFO, logger="accounts.oidc"):
        response = sign_in(client, at_provider, "alice")
    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    page = client.get("/profile/").content.decode()
    assert "Alice de Vries" in page
    assert "beheerder" in page  # the role on the profile page
    user = the_user()
    assert user.username == "alice@rotterdam.example"
    assert user.email == "alice@rotterdam.example"
    assert role_names(user) == {"editor"}
    assert not user.has_usable_password()  # a city account never signs in with a password
    assert CityAccount.objects.get(user=user).issuer == city.issuer
    assert client.get("/entry/").status_code == 200
    assert "OIDC sign-in: user=alice@rotterdam.example sub=alice role=editor" in caplog.text


def test_users_are_matched_on_the_subject_never_on_the_e_mail_address(client, city, at_provider):
    local = User.objects.create_user("alice@rotterdam.example", email=ALICE["email"], password="lokaal-wachtwoord-1")
    city.accounts({"alice": {**ALICE, "groups": ["g-lezers"]}})
    sign_in(client, at_provider, "alice")
    user = the_user()
    assert user != local
    assert user.username.startswith("alice@rotterdam.example-")
    assert role_names(local) == set()
    client.post("/accounts/logout/")
    sign_in(client, requests.Session(), "alice")  # again, from another at_provider: the same user
    assert User.objects.filter(city_account__subject="alice").count() == 1
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_highest_mapped_group_gives_the_role(client, city, at_provider):
    city.accounts({"alice": {**ALICE, "groups": ["g-lezers", "g-programma", "g-beheer"]}})
    sign_in(client, at_provider, "alice")
    assert role_names(the_user()) == {"manager"}


def test_a_changed_group_changes_the_role_at_the_next_check(client, city, at_provider, caplog):
    city.accounts({"alice": {**ALICE, "groups": ["g-programma"]}})
    sign_in(client, at_provider, "alice")
    assert client.get("/profile/").status_code == 200  # within the interval: no trip to the provider
    city.accounts({"alice": {**ALICE, "groups": ["g-lezers"]}})
    with caplog.at_level(logging.INFO, logger="accounts.oidc"):
        back = recheck(client, at_provider)
    assert back["Location"] == "/profile/"
    assert role_names(the_user()) == {"viewer"}
    assert client.get("/entry/").status_code == 403
    assert "Role changed: user=alice@rotterdam.example from=manager to=viewer" in caplog.text


def test_someone_removed_at_the_city_loses_access_at_the_next_check(client, city, at_provider, caplog):
    city.accounts({"alice": {**ALICE, "groups": ["g-beheer"]}})
    sign_in(client, at_provider, "alice")
    city.accounts({})  # left the city
    with caplog.at_level(logging.INFO, logger="accounts.oidc"):
        back = recheck(client, at_provider)
    assert back["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert role_names(the_user()) == set()  # also for the user's other sessions and API tokens
    assert client.get("/profile/")["Location"].startswith("/accounts/login/")
    assert "OIDC re-check refused: user=alice@rotterdam.example error=login_required" in caplog.text
    login_page = client.get("/accounts/login/").content.decode()
    assert "Je bent uitgelogd: de gemeente bevestigde je aanmelding niet meer. Log opnieuw in." in login_page
    # and signing in again fails at the provider
    start = client.get("/oidc/authenticate/")
    with pytest.raises(AssertionError, match="answered 403"):
        to_provider_and_back(requests.Session(), start["Location"], login="alice")


def test_an_account_in_no_mapped_group_reads_in_dutch_why_and_gets_no_session(client, city, at_provider, caplog):
    users = User.objects.count()
    city.accounts({"bob": {"name": "Bob", "email": "bob@rotterdam.example", "groups": ["g-elders"]}})
    with caplog.at_level(logging.INFO, logger="accounts.oidc"):
        response = sign_in(client, at_provider, "bob")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Je hebt geen toegang tot de Werkmonitor." in html
    assert "Vraag de functioneel beheerder van de Werkmonitor bij de gemeente" in html
    assert '<html lang="nl"' in html
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users  # nobody was created
    assert "OIDC sign-in refused: no mapped group: sub=bob user=- groups=['g-elders']" in caplog.text


def test_losing_every_mapped_group_ends_the_session_and_the_role_at_the_next_check(client, city, at_provider):
    city.accounts({"alice": {**ALICE, "groups": ["g-beheer"]}})
    sign_in(client, at_provider, "alice")
    city.accounts({"alice": {**ALICE, "groups": []}})
    response = recheck(client, at_provider)
    assert response.status_code == 403
    assert "Je hebt geen toegang tot de Werkmonitor." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert role_names(the_user()) == set()


def test_logging_out_ends_the_session_at_the_provider_too(client, city, at_provider):
    city.accounts({"alice": {**ALICE, "groups": ["g-lezers"]}})
    sign_in(client, at_provider, "alice")
    response = client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == city.discovery["end_session_endpoint"]
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == [f"{APP}/accounts/login/"]
    assert query["id_token_hint"][0].count(".") == 2  # the id_token of the sign-in
    confirm = at_provider.get(response["Location"], timeout=10)
    form = forms_of(confirm.text)[0]
    done = at_provider.post(urljoin(confirm.url, "/session/end/confirm"), data={**form, "logout": "yes"}, timeout=10,
                        allow_redirects=False)  # fmt: skip
    assert done.headers["location"] == f"{APP}/accounts/login/"
    # The provider no longer knows the at_provider: signing in asks who you are again.
    start = client.get("/oidc/authenticate/")
    asks = at_provider.get(start["Location"], timeout=10)
    assert "/interaction/" in asks.url
    assert '<input name="login">' in asks.text


def test_a_user_deactivated_here_stays_out_whatever_the_city_says(client, city, at_provider, caplog):
    city.accounts({"alice": {**ALICE, "groups": ["g-lezers"]}})
    sign_in(client, at_provider, "alice")
    client.post("/accounts/logout/")
    User.objects.filter(pk=the_user().pk).update(is_active=False)
    response = sign_in(client, requests.Session(), "alice")
    assert response.status_code == 403
    assert "Je hebt geen toegang tot de Werkmonitor." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "OIDC sign-in refused: user=alice@rotterdam.example is deactivated" in caplog.text


def test_a_sign_in_cancelled_at_the_provider_says_so_in_dutch(client, city):
    response = client.get("/oidc/callback/?error=access_denied&state=onbekend", follow=True)
    assert response.redirect_chain == [("/accounts/login/", 302)]
    assert "Inloggen met je gemeente-account is niet gelukt. Probeer het opnieuw." in response.content.decode()


def test_a_provider_that_does_not_answer_gets_a_dutch_page_not_an_error(client, city, at_provider, settings, caplog):
    city.accounts({"alice": {**ALICE, "groups": ["g-lezers"]}})
    start = client.get("/oidc/authenticate/")
    back = to_provider_and_back(at_provider, start["Location"], login="alice")
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # the discard port: nothing listens
    response = client.get(back)
    assert response.status_code == 502
    assert "De inlogdienst van de gemeente antwoordt niet." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "OIDC provider did not answer: ConnectionError" in caplog.text


def test_the_login_page_offers_the_city_account_beside_passwords(client, city):
    html = client.get("/accounts/login/?next=/targets/").content.decode()
    assert 'href="/oidc/authenticate/?next=/targets/">Inloggen met de gemeente-account</a>' in html
    assert 'name="password"' in html  # LOCAL_LOGIN is on by default


def test_without_oidc_variables_only_passwords_sign_in(client):
    html = client.get("/accounts/login/").content.decode()
    assert "gemeente-account" not in html
    assert 'name="password"' in html
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_refused_city_accounts_lock_nobody_else_out(client, city, at_provider, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    city.accounts({"bob": {"groups": ["g-elders"]}, "alice": {**ALICE, "groups": ["g-lezers"]}})
    for _ in range(4):
        assert sign_in(client, requests.Session(), "bob").status_code == 403
    assert sign_in(client, at_provider, "alice")["Location"] == "/profile/"
    assert role_names(the_user()) == {"viewer"}
