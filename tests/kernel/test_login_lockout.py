"""Login throttling: per username across addresses, per address across usernames, in Dutch, liftable by a manager."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client

from tests.conftest import make_user

PASSWORD = "correct-horse-battery"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username="beheerder", typed="fout-wachtwoord", address="10.0.0.1", **extra):
    return client.post("/accounts/login/", {"username": username, "password": typed}, REMOTE_ADDR=address, **extra)


def fail(client, times, **kwargs):
    response = None
    for _ in range(times):
        response = attempt(client, **kwargs)
    return response


def logs_in(username="beheerder", address="10.0.0.9", **extra) -> bool:
    client = Client()
    attempt(client, username=username, typed=PASSWORD, address=address, **extra)
    return "_auth_user_id" in client.session


def age_attempts(minutes):
    for row in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - dt.timedelta(minutes=minutes))


def test_a_locked_out_user_reads_in_dutch_that_the_account_is_blocked_and_for_how_long(client, editor, axes_on):
    assert "Account tijdelijk geblokkeerd" not in fail(client, 2).content.decode()
    response = fail(client, 1)
    html = response.content.decode()
    assert response.status_code == 429
    assert '<h1 class="utrecht-heading-1">Account tijdelijk geblokkeerd</h1>' in html
    assert "te vaak een verkeerd wachtwoord ingevuld voor <strong>beheerder</strong> (3 keer)" in html
    assert "Probeer het over 60 minuten opnieuw" in html
    assert '<html lang="nl"' in html  # the site's own layout, not a bare English message
    assert "locked" not in html.lower()


def test_even_the_right_password_is_refused_during_the_lockout(client, editor, axes_on):
    fail(client, 3)
    response = client.post("/accounts/login/", {"username": "beheerder", "password": PASSWORD})
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_username_from_every_address(client, editor):
    for number in range(5):
        attempt(client, address=f"10.0.1.{number}")  # a different address each time
    assert not logs_in(address="10.0.2.1")
    assert "Account tijdelijk geblokkeerd" in attempt(Client(), typed=PASSWORD, address="10.0.2.2").content.decode()


def test_four_failures_do_not_lock(client, editor):
    fail(client, 4)
    assert logs_in(address="10.0.0.1")


def test_the_lock_ends_after_an_hour(client, editor):
    fail(client, 5)
    assert not logs_in()
    age_attempts(61)
    assert logs_in()


def test_a_manager_sees_the_blocked_username_and_lifts_the_block(editor, manager_client):
    fail(Client(), 5)
    page = manager_client.get("/accounts/blokkades/").content.decode()
    assert "Blokkade van beheerder opheffen" in page
    response = manager_client.post("/accounts/blokkades/", {"username": "beheerder"}, follow=True)
    assert "De blokkade van beheerder is opgeheven." in response.content.decode()
    assert logs_in()
    assert "Er is nu geen gebruikersnaam geblokkeerd." in manager_client.get("/accounts/blokkades/").content.decode()


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_managers_may_lift_blocks(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/accounts/blokkades/").status_code == 403
    assert client.post("/accounts/blokkades/", {"username": "beheerder"}).status_code == 403


@pytest.fixture
def twelve_users(db):
    return [make_user(f"gebruiker{number:02d}", "viewer") for number in range(12)]


def spray(client, users, rounds=2, address="10.0.0.66", **extra):
    """Try two wrong passwords for each of the users from one address: 24 failures, none locks a username."""
    responses = []
    for _ in range(rounds):
        for user in users:
            responses.append(attempt(client, username=user.username, address=address, **extra))
    return responses


def test_spraying_twelve_usernames_from_one_address_is_throttled_after_twenty_failures(client, twelve_users):
    responses = spray(client, twelve_users)
    blocked = [r.status_code == 429 for r in responses]
    assert blocked == [False] * 19 + [True] * 5
    html = responses[-1].content.decode()
    assert "Inloggen vanaf dit adres tijdelijk geblokkeerd" in html
    assert "20 keer binnen 10 minuten, met welke gebruikersnaam ook" in html
    assert "Probeer het over 10 minuten opnieuw" in html


def test_a_throttled_address_cannot_log_in_even_with_a_right_password(client, twelve_users, editor):
    spray(client, twelve_users)
    assert not logs_in(address="10.0.0.66")
    assert logs_in(address="10.0.0.67")  # other addresses are not affected
    assert all(logs_in(user.username, address="10.0.0.68") for user in twelve_users[:2])  # nor the usernames


def test_nineteen_failures_from_one_address_are_not_throttled(client, twelve_users, editor):
    for user in twelve_users[:10]:
        fail(client, 1, username=user.username, address="10.0.0.66")
    for user in twelve_users[:9]:
        fail(client, 1, username=user.username, address="10.0.0.66")
    assert logs_in(address="10.0.0.66")


def test_the_address_is_free_again_after_ten_minutes(client, twelve_users, editor):
    spray(client, twelve_users)
    age_attempts(11)
    assert logs_in(address="10.0.0.66")


def test_a_manager_lifts_the_block_of_an_address(twelve_users, editor, manager_client):
    spray(Client(), twelve_users)
    assert "Blokkade van 10.0.0.66 opheffen" in manager_client.get("/accounts/blokkades/").content.decode()
    manager_client.post("/accounts/blokkades/", {"address": "10.0.0.66"})
    assert logs_in(address="10.0.0.66")


def test_a_forged_forwarded_for_header_does_not_dodge_the_throttle(client, twelve_users):
    responses = [
        attempt(client, username=user.username, address="10.0.0.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n, user in enumerate(twelve_users * 2)
    ]
    assert responses[-1].status_code == 429


def test_behind_the_tls_proxy_the_address_the_proxy_saw_counts(client, twelve_users, editor, settings):
    settings.BEHIND_TLS_PROXY = True
    proxy = {"address": "127.0.0.1"}
    spray(client, twelve_users, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", **proxy)
    # The client claimed 198.51.100.1; the proxy appended what it saw: 203.0.113.7.
    assert not logs_in(address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert logs_in(address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()
    assert User.objects.filter(username="beheerder").exists()
