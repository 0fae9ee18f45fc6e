"""Too many wrong passwords block the login for a while, with a Dutch explanation."""

import pytest


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def fail(client, times):
    response = None
    for _ in range(times):
        response = client.post("/accounts/login/", {"username": "beheerder", "password": "fout-wachtwoord"})
    return response


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
    response = client.post("/accounts/login/", {"username": "beheerder", "password": "correct-horse-battery"})
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
