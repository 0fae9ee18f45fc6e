"""Help and error texts on the activity pages are linked to their fields for screen readers."""

import re

import pytest

from tests.helpers import text_of_id


def described_fields(html):
    """Return {field id: (aria-describedby ids, aria-invalid)} for every input and select."""
    fields = {}
    for tag in re.findall(r"<(?:input|select)\b[^>]*>", html):
        field_id = re.search(r'\bid="([^"]+)"', tag)
        if field_id:
            described = re.search(r'aria-describedby="([^"]+)"', tag)
            fields[field_id.group(1)] = (described.group(1).split() if described else [], 'aria-invalid="true"' in tag)
    return fields


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/activities/verzuimaanpak/?start=2026-13", "id_start", "Vul een maand in als jjjj-mm"),
        ("/activities/verzuimaanpak/?start=2026-05&end=2026-01", "id_end", "ligt vóór de maand 'van'"),
        ("/activities/verzuimaanpak/?year=1999", "id_year", "1999"),
        ("/activities/?status=onbekend", "id_status", "onbekend"),
    ],
)
def test_a_field_in_error_points_to_its_message_and_is_marked_invalid(viewer_client, url, field, message):
    html = viewer_client.get(url).content.decode()
    described, invalid = described_fields(html)[field]
    assert invalid
    texts = [text_of_id(html, i) for i in described]
    assert any(t and message in t for t in texts)


def test_every_description_a_field_points_to_is_on_the_page(viewer_client):
    html = viewer_client.get("/activities/verzuimaanpak/?start=2026-13").content.decode()
    fields = described_fields(html)
    assert fields["id_end"][0] == ["id_end_helptext"]
    assert text_of_id(html, "id_end_helptext") == "Als jjjj-mm, bijvoorbeeld 2025-03."
    for ids, _ in fields.values():
        for element_id in ids:
            assert html.count(f'id="{element_id}"') == 1, element_id
