"""HEAD works wherever GET does; a page that only shows answers 405 to POST, PUT, PATCH and DELETE.

The test walks every named URL of the resolver (the Django admin aside), fills in a sample
for each parameter, and asks each method as a manager, who may reach every page. A new URL
must be put in one of the groups below, or the walk fails.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.architecture.test_permissions import GETS, ROLES
from tests.conftest import make_user

UNSAFE = ["post", "put", "patch", "delete"]
SAMPLES = {"month": "2026-10", "slug": "verzuimaanpak", "year": 2025, "quarter": 1, "number": 1, "token_id": 1}
# A query that keeps a sample cheap: the PDF of a version that doesn't exist (no Chromium run).
QUERIES = {"report-pdf": "?version=9"}

PROBES = {"healthz"}  # GET, HEAD and OPTIONS (load balancers)
FORM_PAGES = {
    "login",
    "break-glass",
    "login-blocks",
    "profile",
    "targets",
    "entry-month",
    "entry-import",
    "entry-quality",
    "entry-import-history",
    "report-detail",
}
POST_ONLY = {"logout", "token-create", "token-revoke"}  # nothing to show: GET and HEAD are 405 alike


def named_routes(patterns, namespace=""):
    """Yield (name, pattern) for every named URL, with its namespace; the admin is Django's own."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def sample_url(name: str, pattern: URLPattern) -> str:
    parameters = getattr(pattern.pattern, "converters", {}).keys() or pattern.pattern.regex.groupindex.keys()
    missing = set(parameters) - SAMPLES.keys()
    assert not missing, f"{name}: add a sample for {sorted(missing)}"
    url = reverse(name, kwargs={key: SAMPLES[key] for key in parameters})
    return url + QUERIES.get(name, "")


ROUTES = sorted((name, sample_url(name, pattern)) for name, pattern in named_routes(get_resolver().url_patterns))
SHOW_ONLY = [(name, url) for name, url in ROUTES if name not in PROBES | FORM_PAGES | POST_ONLY]


@pytest.fixture
def manager_only(db) -> Client:
    client = Client()
    client.force_login(make_user("methoden-manager", "manager"))
    return client


def test_the_walk_reaches_every_page_of_the_contract():
    urls = {url for _, url in ROUTES}
    assert {"/", "/healthz", "/entry/2026-10/", "/entry/2026-10/history/", "/api/v1/docs/", "/begrippen/"} <= urls
    names = {name for name, _ in ROUTES}
    assert names >= PROBES | FORM_PAGES | POST_ONLY  # the groups name no URL that is gone


@pytest.mark.parametrize(("name", "url"), ROUTES, ids=[name for name, _ in ROUTES])
def test_head_answers_as_get_does(manager_only, name, url):
    get, head = manager_only.get(url), manager_only.head(url)
    assert head.status_code == get.status_code
    assert head.get("Location") == get.get("Location")
    assert head.content == b""


@pytest.fixture
def manager_with_csrf_checks(db) -> Client:
    """A manager's browser: the CSRF check on, and the token it got from a page sent with every request."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("methoden-manager", "manager"))
    client.get("/profile/")  # a page with a form sets the CSRF cookie
    client.defaults["HTTP_X_CSRFTOKEN"] = client.cookies["csrftoken"].value
    return client


@pytest.mark.parametrize(("name", "url"), SHOW_ONLY, ids=[name for name, _ in SHOW_ONLY])
@pytest.mark.parametrize("method", UNSAFE)
def test_a_page_that_only_shows_refuses_unsafe_methods(manager_with_csrf_checks, name, url, method):
    response = getattr(manager_with_csrf_checks, method)(url)
    assert response.status_code == 405
    assert "POST" not in response.get("Allow", "")


@pytest.mark.parametrize("name", sorted(FORM_PAGES))
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_form_page_takes_only_its_post(manager_only, name, method):
    url = dict(ROUTES)[name]
    response = getattr(manager_only, method)(url)
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_a_load_balancer_may_probe_healthz_with_get_head_or_options(db, method):
    response = getattr(Client(), method)("/healthz")
    assert response.status_code == 200
    assert response.content == (b"" if method == "head" else b"ok")


@pytest.mark.parametrize("method", UNSAFE)
def test_healthz_refuses_unsafe_methods(db, method):
    assert getattr(Client(), method)("/healthz").status_code == 405


@pytest.mark.parametrize("method", UNSAFE)
def test_without_a_csrf_token_an_unsafe_request_is_refused_before_the_method_check(db, method):
    assert getattr(Client(enforce_csrf_checks=True), method)("/healthz").status_code == 403


@pytest.mark.parametrize("method", UNSAFE)
def test_the_api_documentation_page_only_shows(manager_with_csrf_checks, method):
    assert getattr(manager_with_csrf_checks, method)("/api/v1/docs/").status_code == 405


def test_a_form_page_still_checks_csrf_on_its_post(manager_with_csrf_checks):
    manager_with_csrf_checks.defaults.pop("HTTP_X_CSRFTOKEN")
    assert manager_with_csrf_checks.post("/targets/", {"action": "add"}).status_code == 403


def matrix_cells():
    for url, _ in GETS:
        for role in ROLES:
            yield pytest.param(url, role, id=f"{url} {role}")


@pytest.fixture
def role_clients(db) -> dict[str, Client]:
    result = {"anonymous": Client()}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(make_user(f"methoden-{role}", None if role == "outsider" else role))
        result[role] = client
    return result


@pytest.mark.parametrize(("url", "role"), list(matrix_cells()))
def test_head_answers_as_get_for_every_cell_of_the_permission_matrix(role_clients, url, role):
    client = role_clients[role]
    assert client.head(url).status_code == client.get(url).status_code
