"""Who may read what, as one table: every API endpoint × anonymous, outsider, each role, and dead tokens.

Every role reads every endpoint (200), as for the pages; a user without a role
gets 403; no credentials, or a revoked or an expired token, get 401 with
`WWW-Authenticate: Bearer`. Any other method than GET is 405 for everyone
who may read. What each role sees is in the other tests of this folder.
"""

import pytest
from django.test import Client
from django.utils import timezone

from monitoring.models import QuarterlyReport, ReportVersion
from tests.api.conftest import token_client
from tests.conftest import make_user

ENDPOINTS = [
    "/api/v1/",
    "/api/v1/areas/",
    "/api/v1/caseload-figures/",
    "/api/v1/caseload-figures/?format=csv",
    "/api/v1/activities/",
    "/api/v1/measures/",
    "/api/v1/published-totals/",
    "/api/v1/activity-records/",
    "/api/v1/activity-records/?format=csv",
    "/api/v1/targets/",
    "/api/v1/activity-targets/",
    "/api/v1/reports/",
    "/api/v1/reports/2026/q1/versions/1/",
    "/api/v1/derived/glide-path/",
    "/api/v1/derived/caseload-pace/",
    "/api/v1/schema/",
]
WHO = ["anonymous", "outsider", "viewer", "editor", "manager", "revoked token", "expired token"]
EXPECTED = {"anonymous": 401, "outsider": 403, "viewer": 200, "editor": 200, "manager": 200,
            "revoked token": 401, "expired token": 401}  # fmt: skip


@pytest.fixture
def published(db):
    """A published version to read (its content is the report tests' concern)."""
    report = QuarterlyReport.objects.create(year=2026, quarter=1)
    ReportVersion.objects.create(report=report, number=1, snapshot={"schema": 1}, published_at=timezone.now())


@pytest.fixture
def clients(db, published, expired_api, revoked_api) -> dict[str, Client]:
    result = {"anonymous": Client(), "revoked token": revoked_api, "expired token": expired_api}
    for role in ("outsider", "viewer", "editor", "manager"):
        result[role] = token_client(make_user(f"api-{role}", None if role == "outsider" else role))
    return result


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("url", ENDPOINTS)
def test_get(clients, url, who):
    response = clients[who].get(url)
    assert response.status_code == EXPECTED[who], response.content[:300]
    if EXPECTED[who] == 401:
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize("url", ["/api/v1/areas/", "/api/v1/caseload-figures/", "/api/v1/reports/2026/q1/versions/1/"])
def test_every_other_method_is_not_allowed(clients, url, method):
    response = getattr(clients["manager"], method)(url)
    assert response.status_code == 405
    assert response.json()["detail"] == f'Methode "{method.upper()}" niet toegestaan.'


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("viewer", 200), ("manager", 200)])
def test_the_documentation_page_is_for_every_role(client, db, role, status):
    client.force_login(make_user(f"docs-{role}", None if role == "outsider" else role))
    assert client.get("/api/v1/docs/").status_code == status


def test_the_documentation_page_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
