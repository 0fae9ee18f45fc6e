"""LOCAL_LOGIN=0: the login page offers only the city's account; passwords are the superuser's break-glass."""

import logging

import pytest
from django.contrib.auth.models import User

from nprz_dashboard.environment import oidc_settings
from tests.kernel.test_oidc_settings import COMPLETE

PASSWORD = "correct-horse-battery"


@pytest.fixture
def passwords_off(settings, monkeypatch):
    for name, value in COMPLETE.items():
        monkeypatch.setenv(name, value)
    for name, value in oidc_settings().items():
        setattr(settings, name, value)
    settings.LOCAL_LOGIN = False
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.break_glass.BreakGlassBackend",
        "accounts.oidc.backend.CityAccountBackend",
    ]


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.org", PASSWORD)


def test_the_login_page_offers_only_the_city_account(client, editor, passwords_off):
    html = client.get("/accounts/login/").content.decode()
    assert "Inloggen met de gemeente-account</a>" in html
    assert 'name="password"' not in html
    response = client.post("/accounts/login/", {"username": "beheerder", "password": PASSWORD})
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session


def test_break_glass_refuses_anyone_but_a_superuser_as_if_the_password_were_wrong(client, editor, passwords_off):
    page = client.get("/accounts/break-glass/").content.decode()
    assert "Noodtoegang voor technisch beheer" in page
    assert "gemeente-account</a>" not in page
    right = client.post("/accounts/break-glass/", {"username": "beheerder", "password": PASSWORD})
    wrong = client.post("/accounts/break-glass/", {"username": "beheerder", "password": "fout-wachtwoord"})
    assert right.status_code == wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    assert right.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()
    assert "gebruikersnaam" in str(right.context["form"].non_field_errors())


def test_a_superuser_gets_in_through_break_glass_and_it_is_logged(client, root, passwords_off, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.break_glass"):
        response = client.post("/accounts/break-glass/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == root.pk
    assert "Break-glass sign-in with a password: user=root" in caplog.text
    assert client.get("/admin/").status_code == 200


def test_a_superuser_who_loses_the_flag_is_out_at_the_next_request(client, root, passwords_off):
    client.post("/accounts/break-glass/", {"username": "root", "password": PASSWORD})
    User.objects.filter(pk=root.pk).update(is_superuser=False)
    assert client.get("/profile/")["Location"].startswith("/accounts/login/")


def test_break_glass_is_throttled_like_every_password_login(client, root, passwords_off, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        response = client.post("/accounts/break-glass/", {"username": "root", "password": "fout-wachtwoord"})
    assert response.status_code == 429
    again = client.post("/accounts/break-glass/", {"username": "root", "password": PASSWORD})
    assert "Account tijdelijk geblokkeerd" in again.content.decode()
    assert "_auth_user_id" not in client.session
