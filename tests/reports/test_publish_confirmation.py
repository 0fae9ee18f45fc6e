"""Publishing asks for confirmation first and shows what will be frozen; only "Ja, publiceer" writes."""

import datetime as dt

import pytest

from monitoring.models import ReportNarrative, ReportVersion
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Quarter
from programme.reports import content
from programme.reports import services as report_services
from programme.reports.live import load_live
from tests.helpers import approve_quarter, text_of

Q1_2025 = Quarter(2025, 1)
TEXTS = {"caseload": "Het bestand daalde minder dan nodig.\nVooral in januari.", "flows": "Meer uitstroom naar werk."}


@pytest.fixture(autouse=True)
def first_quarter_approved(db):
    """Publishing needs the quarter's months approved."""
    approve_quarter(Q1_2025)


def test_publishing_first_shows_what_will_be_frozen_and_writes_nothing(manager_client):
    response = manager_client.post("/reports/2025/q1/", {**TEXTS, "publiceren": "1"})
    assert response.status_code == 200
    text = text_of(response)
    assert "1e kwartaal 2025 publiceren als versie 1?" in text
    assert "Er is nog niets gepubliceerd of opgeslagen." in text
    assert "Dit wordt vastgelegd" in text
    assert "Het bestand daalde minder dan nodig. Vooral in januari." in text and "Meer uitstroom naar werk." in text
    assert "Nog niet definitief: februari 2025" in text  # the data status that goes with it
    stand = format_number(
        content.build(Q1_2025, load_live([Q1_2025], dt.date(2026, 11, 27)))["sections"]["caseload"]["value"]
    )
    assert f"Stand eind maart 2025 {stand}" in text  # the key figures
    assert 'name="bevestigen"' in response.content.decode() and 'name="terug"' in response.content.decode()
    assert not ReportVersion.objects.exists() and not ReportNarrative.objects.exists()


def test_confirming_publishes_the_texts_as_they_were_shown(manager_client, manager):
    response = manager_client.post("/reports/2025/q1/", {**TEXTS, "publiceren": "1", "bevestigen": "1"})
    assert response.status_code == 302 and response["Location"] == "/reports/2025/q1/?version=1"
    version = ReportVersion.objects.get()
    assert version.published_by == manager
    assert version.snapshot["narratives"]["caseload"] == TEXTS["caseload"]


def test_going_back_returns_to_the_form_with_the_texts_as_typed_and_nothing_saved(manager_client):
    response = manager_client.post("/reports/2025/q1/", {**TEXTS, "publiceren": "1", "terug": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Meer uitstroom naar werk.</textarea>" in html
    assert "Toelichting schrijven en publiceren" in text_of(response)
    assert not ReportVersion.objects.exists() and not ReportNarrative.objects.exists()


def test_a_colleagues_newer_text_is_shown_before_the_confirmation(manager_client):
    from tests.reports.test_report_pages import django_user_model_create

    colleague = django_user_model_create("collega", "Karin de Vries")
    report_services.save_narratives(Q1_2025, {"flows": "Tekst van Karin."}, colleague, {"flows": 0})
    response = manager_client.post(
        "/reports/2025/q1/", {"flows": "Mijn tekst.", "revisie_flows": "0", "publiceren": "1"}
    )
    assert response.status_code == 409
    assert "Karin de Vries heeft deze toelichting gewijzigd nadat u haar opende" in text_of(response)
    assert "Dit wordt vastgelegd" not in text_of(response)
    assert not ReportVersion.objects.exists()


@pytest.mark.parametrize("extra", [{}, {"bevestigen": "1"}])
def test_a_second_version_without_a_reason_is_refused_at_either_step(manager_client, manager, extra):
    report_services.publish(Q1_2025, manager)
    response = manager_client.post("/reports/2025/q1/", {"caseload": "Nieuw", "publiceren": "1", **extra})
    assert response.status_code == 400
    assert "Geef aan waarom er een nieuwe versie komt" in text_of(response)
    assert ReportVersion.objects.count() == 1


def test_a_viewer_cannot_reach_the_confirmation(viewer_client):
    assert viewer_client.post("/reports/2025/q1/", {**TEXTS, "publiceren": "1"}).status_code == 403
