"""Changing a month that is in a published report warns first, and the report then shows 'herzien' with the reason."""

from django.test import Client

from monitoring.models import CaseloadFigure, ChangeEvent, PeriodState, ReportingPeriod
from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services
from tests.helpers import approve_quarter, loaded_form, overriding

Q3_2026 = Quarter(2026, 3)
HOOD = "BU05991571"


def published_then_reopened(manager):
    approve_quarter(Q3_2026)
    report_services.publish(Q3_2026, manager)
    ReportingPeriod.objects.filter(month="2026-09-01").update(state=PeriodState.REOPENED)


def inflow():
    return CaseloadFigure.objects.get(indicator="inflow", area__code=HOOD, month="2026-09-01")


def test_the_month_page_warns_that_the_month_is_in_a_published_report(editor_client, manager):
    published_then_reopened(manager)
    html = editor_client.get("/entry/2026-09/").content.decode()
    notice = html.split('id="gepubliceerd"')[1].split("</div>")[0]
    assert "staat in de gepubliceerde kwartaalrapportage 3e kwartaal 2026 (versie 1)" in notice
    assert "de rapportage toont dan ‘herzien’ met die reden" in notice
    assert 'id="gepubliceerd"' not in editor_client.get("/entry/2026-10/").content.decode()


def test_a_change_without_a_reason_is_refused_and_nothing_is_stored(editor_client, manager):
    published_then_reopened(manager)
    before, events = inflow().value, ChangeEvent.objects.count()
    data = loaded_form(editor_client, "2026-09")
    data[f"c-inflow-{HOOD}"] = str(int(before) + 1)
    data["reason"] = ""
    response = editor_client.post("/entry/2026-09/", data)
    response = editor_client.post("/entry/2026-09/", overriding(response, data))
    assert response.status_code == 200
    assert "Geef een reden" in response.content.decode()
    assert inflow().value == before and ChangeEvent.objects.count() == events


def test_after_the_change_the_report_shows_herzien_with_the_reason(editor_client, manager, viewer):
    published_then_reopened(manager)
    data = loaded_form(editor_client, "2026-09")
    data[f"c-inflow-{HOOD}"] = str(int(inflow().value) + 1)
    data["reason"] = "CBS leverde een herzien cijfer"
    response = editor_client.post("/entry/2026-09/", data)
    if response.status_code == 200:
        response = editor_client.post("/entry/2026-09/", overriding(response, data))
    assert response.status_code == 302
    reader = Client()
    reader.force_login(viewer)
    html = reader.get("/reports/2026/q3/").content.decode()
    revised = html.split('class="utrecht-alert utrecht-alert--warning report-revised"')[1].split("</section>")[0]
    assert "Herzien na publicatie" in revised
    assert "CBS leverde een herzien cijfer" in revised


def test_an_import_into_a_published_month_asks_for_a_reason_and_stores_nothing_without_one(editor_client, manager):
    from .import_uploads import confirm, csv_bytes, upload

    published_then_reopened(manager)
    before, events = inflow().value, ChangeEvent.objects.count()
    preview = upload(editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-09;instroom;{HOOD};{before + 1}"]))
    html = preview.content.decode()
    assert "staat in de gepubliceerde kwartaalrapportage 3e kwartaal 2026 (versie 1)" in html
    response = confirm(editor_client, preview, confirm_warnings="on")
    assert "Geef een reden" in response.content.decode()
    assert inflow().value == before and ChangeEvent.objects.count() == events
    response = confirm(editor_client, preview, confirm_warnings="on", reason="CBS herzien")
    assert response.status_code == 302
    assert inflow().value == before + 1
