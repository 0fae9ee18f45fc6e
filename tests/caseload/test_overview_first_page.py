"""The first page shows the caseload against the letter's targets."""

import re

from tests.helpers import text_of


def test_it_shows_12794_at_end_2024_against_the_12750_target(viewer_client):
    text = text_of(viewer_client.get("/"))
    assert re.search(r"eind december 2024 hoogstens 12\.750 .*? 12\.794 .*? \+44 niet gehaald", text)


def test_it_shows_the_2025_and_2031_targets(viewer_client):
    text = text_of(viewer_client.get("/"))
    assert "hoogstens 12.400" in text
    assert "hoogstens 10.000" in text


def test_it_shows_the_demo_banner_when_demo_values_are_shown(viewer_client):
    assert "synthetische demogegevens" in viewer_client.get("/").content.decode()


def test_it_has_landmarks_and_a_skip_link(viewer_client):
    html = viewer_client.get("/").content.decode()
    assert '<a class="utrecht-skip-link skip-link" href="#inhoud">' in html
    assert '<main id="inhoud"' in html
    assert '<nav class="site-nav" aria-label="Hoofdmenu">' in html
