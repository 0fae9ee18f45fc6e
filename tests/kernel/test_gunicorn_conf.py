"""gunicorn.conf.py trusts X-Forwarded-* only from the local TLS proxy, and only when there is one."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings

from tests import live_server
from tests.live_server import Browser

CONF = Path(settings.BASE_DIR) / "gunicorn.conf.py"


@pytest.mark.parametrize(
    ("value", "trusted"), [(None, ""), ("0", ""), ("1", "127.0.0.1,::1"), ("true", "127.0.0.1,::1")]
)
def test_forwarded_headers_are_trusted_only_behind_the_tls_proxy(monkeypatch, value, trusted):
    if value is None:
        monkeypatch.delenv("DJANGO_BEHIND_TLS_PROXY", raising=False)
    else:
        monkeypatch.setenv("DJANGO_BEHIND_TLS_PROXY", value)
    assert runpy.run_path(str(CONF))["forwarded_allow_ips"] == trusted


def test_a_typo_stops_gunicorn(monkeypatch):
    monkeypatch.setenv("DJANGO_BEHIND_TLS_PROXY", "ja")
    with pytest.raises(ValueError, match="DJANGO_BEHIND_TLS_PROXY must be a boolean"):
        runpy.run_path(str(CONF))


def scheme_seen(tmp_path, **env) -> int:
    """Start gunicorn with https redirects on; return the status of a local request that claims https."""
    server = live_server.start(f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path, workers=1, threads=1,
                               DJANGO_SECURE_SSL_REDIRECT="1", **env)  # fmt: skip
    try:
        request = Browser(server.port)
        # Not /healthz: plain-http probes may ask it without a redirect.
        return request.request_with_headers("GET", "/accounts/login/", {"X-Forwarded-Proto": "https"}).status
    finally:
        server.stop()


def test_without_a_proxy_a_local_request_claiming_https_is_still_redirected(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_BEHIND_TLS_PROXY", raising=False)
    assert scheme_seen(tmp_path) == 301


def test_behind_the_proxy_its_https_header_is_believed(tmp_path):
    assert scheme_seen(tmp_path, DJANGO_BEHIND_TLS_PROXY="1") != 301
