"""Settings refuse bad configuration loudly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from nprz_dashboard import environment as s


@pytest.mark.parametrize("raw", ["maybe", "2", "ja"])
def test_a_boolean_that_is_not_yes_or_no_is_refused(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    with pytest.raises(ImproperlyConfigured):
        s.env_bool("SOME_FLAG", False)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("off", False), ("TRUE", True), ("", False)])
def test_clear_booleans_are_read(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert s.env_bool("SOME_FLAG", not expected) is expected


def test_an_integer_that_is_not_a_number_is_refused(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "tien")
    with pytest.raises(ImproperlyConfigured):
        s.env_int("SOME_NUMBER", 1)


def test_lists_drop_empty_items(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.nl, ,b.nl,")
    assert s.env_list("SOME_HOSTS", []) == ["a.nl", "b.nl"]


@pytest.mark.parametrize("raw", ["opendata.cbs.nl", "ftp://opendata.cbs.nl", "https://", "https://x.nl/?a=1"])
def test_an_address_that_is_not_http_or_https_is_refused(monkeypatch, raw):
    monkeypatch.setenv("SOME_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="SOME_URL must be an address like https://host"):
        s.env_url("SOME_URL", "https://opendata.cbs.nl")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, "https://a.nl"), ("", "https://a.nl"), ("http://127.0.0.1:8765/", "http://127.0.0.1:8765")],
)
def test_an_address_is_read_without_its_trailing_slash(monkeypatch, raw, expected):
    if raw is not None:
        monkeypatch.setenv("SOME_URL", raw)
    assert s.env_url("SOME_URL", "https://a.nl/") == expected


def test_the_ui_is_dutch_in_amsterdam_time(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert not settings.USE_THOUSAND_SEPARATOR


def proxy_header(env: dict) -> str:
    """Return SECURE_PROXY_SSL_HEADER as production settings would set it under `env`."""
    import os
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if k != "DJANGO_BEHIND_TLS_PROXY"}
    base.update({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "test-only", "DJANGO_ALLOWED_HOSTS": "x.nl", **env})
    code = "from nprz_dashboard import settings as s; print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    # A fresh interpreter: settings are read once per process. Fixed argv, no outside input.
    done = subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout


def test_forwarded_proto_is_not_trusted_unless_the_app_is_behind_a_tls_proxy():
    assert proxy_header({}).strip() == "None"
    assert proxy_header({"DJANGO_BEHIND_TLS_PROXY": "1"}).strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
