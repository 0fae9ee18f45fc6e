"""Who may do what, as one table: every URL of the contract × role × method, manager-only POSTs included.

A cell is the status the role gets. 403 means the role is refused; 302 for an
anonymous user is the way to the login page. A POST that a role may make is
sent with little or no data: the table checks the door, the page tests check
what happens inside.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.conftest import make_user

ROLES = ["anonymous", "outsider", "viewer", "editor", "manager"]
V, E, M = "viewer", "editor", "manager"

# Pages everyone with a role reads.
READ = [
    "/",
    "/caseload/",
    "/caseload/?area=BU05991086",
    "/caseload/?extra_outflow=40&from_month=2027-01",
    "/caseload/prognose/",
    "/caseload/figures/",
    "/caseload/figures/?_export=csv",
    "/caseload/figures/?_export=xlsx",
    "/caseload/g4/",
    "/activities/",
    "/activities/verzuimaanpak/",
    "/activities/wijkwerktafels/?_export=csv",
    "/targets/",
    "/reports/",
    "/begrippen/",
]
# Data entry: editors and managers.
ENTRY = [
    "/entry/",
    "/entry/2026-10/",
    "/entry/2026-10/history/",
    "/entry/import/",
    "/entry/import/?template=xlsx",
    "/entry/import/history/",
    "/entry/quality/",
]


def allowed(status: int, *roles: str) -> dict[str, int]:
    """Return the expected status per role: `status` for these roles, 403 for the others with a login."""
    return {role: status if role in roles else 403 for role in ROLES[1:]}


GETS = [
    *[(url, allowed(200, V, E, M)) for url in READ],
    *[(url, allowed(200, E, M)) for url in ENTRY],
    # The 2025 Q1 report is not published in the seed: readers hear so (404), managers see the concept.
    ("/reports/2025/q1/", {**allowed(404, V, E), M: 200}),
    ("/reports/2025/q1/?view=print", {**allowed(404, V, E), M: 200}),
    ("/reports/2025/q1/?version=concept", {**allowed(403, V, E), M: 200}),
    ("/reports/2025/q1.pdf?version=9", allowed(404, V, E, M)),  # past the role check, no such version
]

POSTS = [
    ("/entry/2026-10/", {"action": "save"}, allowed(200, E, M)),  # an incomplete form comes back with errors
    ("/entry/2026-10/", {"action": "submit"}, allowed(302, E, M)),
    ("/entry/2026-10/", {"action": "approve"}, allowed(302, M)),
    ("/entry/2026-10/", {"action": "reopen"}, allowed(200, M)),  # without a reason it asks for one
    ("/entry/import/", {"step": "cancel"}, allowed(302, E, M)),
    ("/entry/import/history/", {"step": "cancel"}, allowed(302, E, M)),
    ("/targets/", {"action": "add"}, allowed(400, M)),
    ("/targets/", {"action": "annotate"}, allowed(400, M)),
    ("/targets/", {"action": "revise", "target": "caseload-0"}, allowed(302, M)),
    ("/reports/2025/q1/", {}, allowed(302, M)),
    ("/reports/2025/q1/", {"publiceren": "1"}, allowed(200, M)),  # the confirmation: what will be frozen
    # Publishing is refused at its field (400): the seed leaves the quarter's months unapproved.
    ("/reports/2025/q1/", {"publiceren": "1", "bevestigen": "1"}, allowed(400, M)),
]


@pytest.fixture
def clients(db) -> dict[str, Client]:
    result = {"anonymous": Client()}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(make_user(f"matrix-{role}", None if role == "outsider" else role))
        result[role] = client
    return result


def cells(rows, method):
    for row in rows:
        url, data, expected = (row[0], None, row[1]) if method == "get" else row
        for role in ROLES:
            yield pytest.param(url, data, role, expected.get(role), id=f"{method} {url} {role}")


@pytest.mark.parametrize(("url", "data", "role", "expected"), list(cells(GETS, "get")))
def test_get(clients, url, data, role, expected):
    response = clients[role].get(url)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("url", "data", "role", "expected"), list(cells(POSTS, "post")))
def test_post(clients, url, data, role, expected):
    response = clients[role].post(url, data)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_for_superusers_only(clients, role):
    response = clients[role].get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_superuser_reaches_the_admin(client, db):
    client.force_login(User.objects.create_superuser("technisch-beheer", password="x-lang-genoeg-wachtwoord"))
    assert client.get("/admin/").status_code == 200
