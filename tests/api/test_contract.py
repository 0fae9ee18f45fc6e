"""The API against its committed contract (docs/openapi.yaml), with Schemathesis: no 5xx, every answer as documented.

Schemathesis generates requests from the schema (valid and invalid parameters,
bounded to MAX_EXAMPLES per operation) and sends them to the WSGI app in this
process, so nothing leaves the machine. Every response is checked: no server
error, a status code, content type, headers and body the schema documents.
Runs once per role that sees different figures: a viewer (protected) and a
manager (exact values). `make contract` runs it; the other suites leave it out.
"""

from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accounts import api_tokens
from api.throttling import PerTokenThrottle
from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services
from tests.helpers import approve_quarter

pytestmark = pytest.mark.contract

MAX_EXAMPLES = 25
schema = schemathesis.openapi.from_path(Path(django_settings.BASE_DIR) / "docs" / "openapi.yaml")
schema.app = get_wsgi_application()


@pytest.fixture
def contract_world(settings, manager, monkeypatch):
    """A published report to read, a rate limit the generated requests stay under, and the test's connection kept.

    Django closes the database connection after each request; its test client turns that off, and so
    must this WSGI client, or the rolled-back test transaction is gone after the first request.
    """
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    monkeypatch.setitem(PerTokenThrottle.THROTTLE_RATES, "api", "100000/min")
    approve_quarter(Quarter(2026, 1))
    report_services.publish(Quarter(2026, 1), manager)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["viewer", "manager"])
def bearer(request, contract_world) -> dict:
    """The Authorization header of a token of the role (one token per operation, not one per example)."""
    _, raw = api_tokens.issue(request.getfixturevalue(request.param), "schemathesis")
    # identity: the WSGI test client does not unpack gzip, which real clients (and GZipMiddleware) do
    return {"Authorization": f"Bearer {raw}", "Accept-Encoding": "identity"}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_its_contract(case, bearer):
    # One rule spans two parameters, which a schema can't say: `end` before `start` is a Dutch 400 (tested in
    # test_csv.py). Every other check stands, the negative ones too.
    case.call_and_validate(headers=bearer, excluded_checks=[positive_data_acceptance])
