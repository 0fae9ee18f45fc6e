"""No redirect leaves the site: an old link's redirect and the login's `next` keep to paths on this site.

A browser reads `//host/`, `/\\host/` and a path with a tab or newline between its first
slashes as another host; the server decodes `/%2Fhost/` to `//host/` before Django sees it.
"""

from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme

from nprz_dashboard.legacy_urls import RENAMED

# The paths as a client sends them (percent-encoded as on the wire).
HOSTILE_PATHS = [
    "//evil.example/",
    "///evil.example/",
    "/%2Fevil.example/",
    "/%2F%2Fevil.example/",
    "/\\evil.example/",
    "/%5Cevil.example/",
    "/\\/evil.example/",
    "/%09/evil.example/",
    "/%0A/evil.example/",
]


def browser_reads_as_same_site(location: str) -> bool:
    """Whether a browser following `location` stays on this site (it drops tabs and newlines, reads \\ as /)."""
    as_read = location.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    parts = urlsplit(as_read)
    return (
        as_read.startswith("/")
        and not as_read.startswith("//")
        and not parts.scheme
        and not parts.netloc
        and url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})
    )


def get_raw(client, path: str, query: str):
    """GET `path` as a WSGI server passes it on: decoded, leading slashes and all (the test client would
    read `//host/` as a host, so PATH_INFO is set as gunicorn sets it)."""
    return client.get(f"/?{query}", PATH_INFO=unquote(path))


@pytest.mark.parametrize("old", sorted(RENAMED))
@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_an_old_parameter_on_a_hostile_path_redirects_to_a_path_on_this_site(client, path, old):
    response = get_raw(client, path, f"{old}=1")
    assert response.status_code == 301
    location = response["Location"]
    assert browser_reads_as_same_site(location), location
    assert location.endswith(f"?{RENAMED[old]}=1")


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_head_request_gets_the_same_safe_redirect(client, path):
    response = client.head("/?jaar=1", PATH_INFO=unquote(path))
    assert response.status_code == 301
    assert browser_reads_as_same_site(response["Location"])


def test_the_example_from_the_security_review_stays_on_the_site(client):
    response = get_raw(client, "//evil.example/", "jaar=1")
    assert response["Location"] == "/evil.example/?year=1"


def test_an_ordinary_old_link_still_redirects_to_its_own_page(viewer_client):
    response = viewer_client.get("/activities/verzuimaanpak/?jaar=2024")
    assert response["Location"] == "/activities/verzuimaanpak/?year=2024"


# Django refuses a `next` that names a host; `/%252F…` arrives as the path `/%2Fevil.example/`, which it
# allows and the server then decodes to `//evil.example/`: the old link's redirect must not make it a host.
@pytest.mark.parametrize(
    "next_path",
    ["/%2Fevil.example/?jaar=1", "/%252Fevil.example/?jaar=1", "/%5Cevil.example/?jaar=1", "//evil.example/?jaar=1"],
)
def test_logging_in_with_a_hostile_next_never_leaves_the_site(viewer, next_path):
    client = Client()
    login_page = f"/accounts/login/?next={next_path}"
    form = client.get(login_page)
    assert form.status_code == 200
    response = client.post(
        login_page,
        {"username": "wethouder", "password": "correct-horse-battery", "next": form.context["next"]},
    )
    hops = 0
    while response.status_code in (301, 302):
        location = response["Location"]
        assert browser_reads_as_same_site(location), location
        split = urlsplit(location)
        response = client.get(split.path, PATH_INFO=unquote(split.path), QUERY_STRING=split.query)
        hops += 1
        assert hops < 5
    assert "_auth_user_id" in client.session
