"""Sign-in with the city's account is configured by OIDC_* variables; a half or unsafe configuration stops the app."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from nprz_dashboard.environment import oidc_form_targets, oidc_settings

ENTRA = "https://login.microsoftonline.com/0000-tenant"
COMPLETE = {
    "OIDC_ISSUER": f"{ENTRA}/v2.0",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ENTRA}/oauth2/v2.0/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ENTRA}/oauth2/v2.0/token",
    "OIDC_OP_JWKS_ENDPOINT": f"{ENTRA}/discovery/v2.0/keys",
    "OIDC_RP_CLIENT_ID": "werkmonitor-app-id",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_GROUPS_EDITOR": "11111111-aaaa, 22222222-bbbb",
}


@pytest.fixture
def environment(monkeypatch):
    for name in os.environ:
        if name.startswith("OIDC_"):
            monkeypatch.delenv(name)

    def set_to(variables: dict):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)

    return set_to


def test_without_a_client_id_sign_in_with_the_city_is_off(environment):
    assert oidc_settings()["OIDC_ENABLED"] is False


def test_a_complete_configuration_is_read(environment):
    environment(COMPLETE)
    read = oidc_settings()
    assert read["OIDC_ENABLED"] is True
    assert read["OIDC_ROLE_GROUPS"] == {"viewer": [], "editor": ["11111111-aaaa", "22222222-bbbb"], "manager": []}
    assert read["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert read["OIDC_GROUPS_CLAIM"] == "groups"
    assert read["OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS"] == 15 * 60
    assert read["OIDC_OP_LOGOUT_ENDPOINT"] == ""


def test_a_client_id_alone_stops_the_app_naming_every_missing_variable(environment):
    environment({"OIDC_RP_CLIENT_ID": "werkmonitor-app-id"})
    with pytest.raises(ImproperlyConfigured) as refused:
        oidc_settings()
    assert str(refused.value) == (
        "OIDC_RP_CLIENT_ID is set, so these are needed too: OIDC_ISSUER, OIDC_RP_CLIENT_SECRET, "
        "OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_JWKS_ENDPOINT, "
        "one of OIDC_GROUPS_VIEWER, OIDC_GROUPS_EDITOR, OIDC_GROUPS_MANAGER"
    )


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("OIDC_OP_TOKEN_ENDPOINT", "http://login.example/token", "OIDC_OP_TOKEN_ENDPOINT must be an https:// address"),
        ("OIDC_ISSUER", "login.microsoftonline.com", "OIDC_ISSUER must be an https:// address"),
        ("OIDC_RP_SIGN_ALGO", "HS256", "OIDC_RP_SIGN_ALGO must be an asymmetric algorithm"),
        ("OIDC_RECHECK_MINUTES", "0", "OIDC_RECHECK_MINUTES must be 1 or more"),
        ("OIDC_RP_SCOPES", "email profile", "OIDC_RP_SCOPES must include openid"),
        ("OIDC_RECHECK_MINUTES", "kwartier", "OIDC_RECHECK_MINUTES must be an integer"),
    ],
)
def test_an_unsafe_or_unreadable_value_stops_the_app(environment, name, value, says):
    environment({**COMPLETE, name: value})
    with pytest.raises(ImproperlyConfigured, match=says):
        oidc_settings()


def test_passwords_cannot_be_switched_off_without_sign_in_with_the_city():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    env.update({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "test-only", "LOCAL_LOGIN": "0"})
    # A fresh interpreter: settings are read once per process. Fixed argv, no outside input.
    done = subprocess.run(
        [sys.executable, "-c", "import nprz_dashboard.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    assert "LOCAL_LOGIN=0 leaves only superusers a way in: set the OIDC_* variables too" in done.stderr


def test_with_local_login_off_passwords_go_through_the_break_glass_backend():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    env.update({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "test-only", "LOCAL_LOGIN": "0", **COMPLETE})
    code = "from nprz_dashboard import settings as s; print(s.AUTHENTICATION_BACKENDS, s.OIDC_ENABLED)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    assert done.stdout.strip() == (
        "['axes.backends.AxesStandaloneBackend', 'accounts.break_glass.BreakGlassBackend', "
        "'accounts.oidc.backend.CityAccountBackend'] True"
    )


def test_the_logout_form_may_go_on_to_the_providers_origin_and_no_other(environment):
    environment(COMPLETE)
    assert oidc_form_targets(oidc_settings()) == []
    environment({"OIDC_OP_LOGOUT_ENDPOINT": f"{ENTRA}/oauth2/v2.0/logout"})
    assert oidc_form_targets(oidc_settings()) == ["https://login.microsoftonline.com"]
