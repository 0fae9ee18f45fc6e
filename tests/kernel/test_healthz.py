"""/healthz: 'ok' when the database answers, 503 when it doesn't; probes may ask over plain http."""

from unittest import mock

from django.db import OperationalError, connection


def test_healthz_answers_503_when_the_database_is_unreachable(client, db):
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(connection, "cursor", side_effect=refused):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_not_redirected_to_https(client, db, settings):
    # A load balancer's probe talks plain http to the app's port, without the proxy's header.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
