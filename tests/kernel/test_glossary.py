"""/begrippen/: the glossary of the terms the pages use, and the links from the pages to it."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError

from nprz_dashboard.glossary import BY_SLUG, TERMS
from nprz_dashboard.models import DemoState
from tests.helpers import text_of

# The terms the issue asked to explain (issue 13).
REQUIRED = ["naar-rato", "sporen", "afgeleid-pad", "focuswijk", "voorlopig", "demo", "officieel", "afgeschermd"]


def test_it_explains_every_term_under_its_own_anchor(viewer_client):
    response = viewer_client.get("/begrippen/")
    assert response.status_code == 200
    html = response.content.decode()
    for term in TERMS:
        assert f'id="{term.slug}"' in html
        assert term.text in text_of(response)
    assert set(REQUIRED) <= set(BY_SLUG)
    assert "naar rato" in text_of(response) and "sporen 4–5" in text_of(response)


def test_on_a_database_that_is_no_demo_it_never_mentions_demo(viewer_client):
    DemoState.mark(False)
    response = viewer_client.get("/begrippen/")
    assert 'id="demo"' not in response.content.decode()
    assert "demo" not in text_of(response).lower()
    assert 'id="officieel"' in response.content.decode()


def test_it_needs_a_login_and_a_role(client, outsider):
    assert client.get("/begrippen/").status_code == 302
    client.force_login(outsider)
    assert client.get("/begrippen/").status_code == 403


def test_the_pages_link_their_terms_to_an_existing_entry(viewer_client):
    linked = set()
    for url in ["/", "/caseload/", "/caseload/figures/", "/activities/", "/activities/checkgesprekken/", "/targets/"]:
        html = viewer_client.get(url).content.decode()
        slugs = re.findall(r'href="/begrippen/#([a-z0-9-]+)"', html)
        assert slugs, f"{url} links no term"
        assert set(slugs) <= set(BY_SLUG), url
        linked |= set(slugs)
    assert set(REQUIRED) <= linked


def test_a_link_to_an_unknown_term_fails_to_render():
    with pytest.raises(TemplateSyntaxError, match="Unknown glossary term 'naar-ratio'"):
        Template('{% load glossary %}{% term "naar-ratio" %}').render(Context())
