"""Approval that means something: a summary before approving, and sending a month back with a reason."""

from django.core import mail

from monitoring.models import ChangeEvent, PeriodState, ReportingPeriod
from nprz_dashboard.periods import Month
from programme.entry import workflow
from tests.helpers import loaded_form, overriding

OCTOBER = Month(2026, 10)


def submitted_by(editor_client, editor, value="97"):
    """Correct a figure, then submit October as the editor."""
    editor.email = "beheerder@example.org"
    editor.save()
    data = loaded_form(editor_client)
    key = next(k for k in data if k.startswith("c-inflow-BU05991571"))
    data[key] = str(int(data[key]) + 1)
    data["reason"] = "CBS-cijfer herzien"
    response = editor_client.post("/entry/2026-10/", data)
    if response.status_code == 200:
        response = editor_client.post("/entry/2026-10/", overriding(response, data, "Klopt volgens CBS"))
    assert response.status_code == 302
    workflow.submit_period(OCTOBER, editor)


def test_the_manager_sees_what_is_approved_before_approving(editor_client, editor, manager_client):
    submitted_by(editor_client, editor)
    html = manager_client.get("/entry/2026-10/").content.decode()
    summary = html.split('class="approval-summary"')[1].split("</section>")[0]
    assert "Wat je goedkeurt" in summary
    assert "Gewijzigde waarden (nog nooit goedgekeurd): 3" in summary  # Tarwewijk, Charlois and NPRZ
    assert "Instroom, Tarwewijk (wijk)" in summary and "CBS-cijfer herzien" in summary
    assert "Genegeerde waarschuwingen:" in summary
    assert "Verschillen met officiële totalen: 0" in summary


def test_an_editor_sees_no_approval_summary(editor_client, editor):
    submitted_by(editor_client, editor)
    assert "Wat je goedkeurt" not in editor_client.get("/entry/2026-10/").content.decode()


def test_a_manager_sends_a_month_back_with_a_reason_and_the_editor_is_told(
    editor_client, editor, manager_client, manager, django_capture_on_commit_callbacks
):
    submitted_by(editor_client, editor)
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes out once the step is stored
        response = manager_client.post(
            "/entry/2026-10/", {"action": "send_back", "send_back_reason": "Uitstroom naar werk ontbreekt nog"}
        )
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(month=OCTOBER.first_day)
    assert (period.state, period.reason) == (PeriodState.RETURNED, "Uitstroom naar werk ontbreekt nog")
    assert ChangeEvent.objects.filter(kind="send_back", user=manager).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["beheerder@example.org"]
    assert "Uitstroom naar werk ontbreekt nog" in mail.outbox[0].body
    index = editor_client.get("/entry/").content.decode()
    assert "Teruggestuurd door een programmamanager" in index and "Uitstroom naar werk ontbreekt nog" in index
    month = editor_client.get("/entry/2026-10/").content.decode()
    assert "Teruggestuurd door" in month and "Maand indienen" in month  # the editor can submit again


def test_sending_back_needs_a_reason(editor_client, editor, manager_client):
    submitted_by(editor_client, editor)
    events = ChangeEvent.objects.count()
    response = manager_client.post("/entry/2026-10/", {"action": "send_back", "send_back_reason": "  "})
    assert response.status_code == 200
    assert "Geef een reden: de invoerder moet weten wat er nog moet gebeuren." in response.content.decode()
    assert ReportingPeriod.objects.get(month=OCTOBER.first_day).state == PeriodState.SUBMITTED
    assert ChangeEvent.objects.count() == events
    assert mail.outbox == []


def test_an_editor_cannot_send_a_month_back(editor_client, editor):
    submitted_by(editor_client, editor)
    response = editor_client.post("/entry/2026-10/", {"action": "send_back", "send_back_reason": "Zelf"})
    assert response.status_code == 403
    assert ReportingPeriod.objects.get(month=OCTOBER.first_day).state == PeriodState.SUBMITTED
