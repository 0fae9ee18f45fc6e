"""Links with the Dutch parameter names of earlier versions keep working: they redirect to the current names."""

import pytest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/activities/?jaar=2024&sorteer=status", "/activities/?year=2024&sort=status"),
        (
            "/activities/verzuimaanpak/?maat=3&van=2026-01&tot=2026-03",
            "/activities/verzuimaanpak/?measure=3&start=2026-01&end=2026-03",
        ),
        ("/reports/2025/q1/?weergave=afdrukken&versie=1", "/reports/2025/q1/?view=print&version=1"),
        ("/entry/import/?sjabloon=csv&maand=2026-10", "/entry/import/?template=csv&month=2026-10"),
        ("/targets/?herzien=caseload-1", "/targets/?revise=caseload-1"),
    ],
)
def test_an_old_link_redirects_permanently_to_the_current_names(viewer_client, old, new):
    response = viewer_client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_redirected_page_answers_as_the_old_link_meant(viewer_client):
    response = viewer_client.get("/activities/verzuimaanpak/?jaar=2024", follow=True)
    assert response.status_code == 200
    assert response.context["year"] == 2024


def test_a_form_post_is_never_redirected(editor_client):
    response = editor_client.post("/entry/import/?maand=2026-10", {"step": "cancel"})
    assert response.status_code == 302
    assert response["Location"] == "/entry/import/"
