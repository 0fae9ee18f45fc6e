"""Forged hidden fields (a revision of 10^30, a batch that is no number) get a Dutch answer and change nothing."""

import pytest

from activities.models import ActivityRecord
from monitoring.models import CaseloadFigure, ChangeEvent, ReportNarrative, ReportVersion
from tests.helpers import loaded_form

HUGE = str(10**30)


def values():
    return sorted(CaseloadFigure.objects.values_list("id", "value")), sorted(
        ActivityRecord.objects.values_list("id", "value")
    )


@pytest.mark.parametrize("revision", [HUGE, "-1", "abc", "2147483648"])
def test_a_forged_revision_on_the_entry_form_is_refused_in_dutch(editor_client, revision):
    before = values()
    data = loaded_form(editor_client)
    data["c-inflow-BU05991571"] = "15"
    data["revision"] = revision
    response = editor_client.post("/entry/2026-10/", data)
    assert response.status_code == 200
    assert "Dit formulier is ongeldig of verouderd; laad de pagina opnieuw. Er is niets opgeslagen." in (
        response.content.decode()
    )
    assert values() == before
    assert not ChangeEvent.objects.exists()


def test_a_forged_revision_on_approval_is_refused_in_dutch(manager_client):
    response = manager_client.post("/entry/2026-10/", {"action": "approve", "revision": HUGE}, follow=True)
    assert "oktober 2026 is niet goedgekeurd: laad de pagina opnieuw" in response.content.decode()


def test_a_forged_revision_on_the_report_narratives_is_refused_in_dutch(manager_client):
    response = manager_client.post(
        "/reports/2025/q1/", {"caseload": "Tekst", "revisie_caseload": HUGE, "publiceren": "1"}
    )
    assert response.status_code == 400
    assert "Dit formulier is ongeldig of verouderd; laad de pagina opnieuw." in response.content.decode()
    assert not ReportVersion.objects.exists() and not ReportNarrative.objects.exists()


@pytest.mark.parametrize("batch", [HUGE, "abc", "-5", "1e3", ""])
def test_a_forged_import_batch_changes_nothing(editor_client, batch):
    before = values()
    confirm = editor_client.post("/entry/import/", {"step": "confirm", "batch": batch, "fingerprint": "x"}, follow=True)
    assert "Het importformulier is onvolledig; upload het bestand opnieuw." in confirm.content.decode()
    cancel = editor_client.post("/entry/import/", {"step": "cancel", "batch": batch}, follow=True)
    assert "De import is afgebroken; er is niets veranderd." in cancel.content.decode()
    assert values() == before
