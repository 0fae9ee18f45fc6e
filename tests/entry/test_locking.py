"""Periods: editors submit, managers approve (locking it) and reopen with a reason.

A locked month refuses every write path.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from activities.models import ActivityRecord, Measure
from monitoring.models import CaseloadFigure, ChangeEvent, PeriodLocked, PeriodState, ReportingPeriod
from nprz_dashboard.periods import Month
from programme.entry import errors, services, workflow, writes
from programme.entry.catalogue import Catalogue
from programme.entry.writes import FigureWrite
from tests.helpers import client_for, loaded_form, overriding, revision_of

OCTOBER = Month(2026, 10)
DAY = "2026-10-01"


def lock(editor, manager, month=OCTOBER):
    workflow.submit_period(month, editor)
    workflow.approve_period(month, manager, revision=revision_of(month))


def snapshot(day=DAY):
    return (
        sorted(CaseloadFigure.objects.filter(month=day).values_list("id", "value", "status")),
        sorted(ActivityRecord.objects.filter(month=day).values_list("id", "value", "status")),
    )


def test_an_editor_submits_a_month(editor_client, editor):
    response = editor_client.post("/entry/2026-10/", {"action": "submit"}, follow=True)
    assert "oktober 2026 is ingediend" in response.content.decode()
    period = ReportingPeriod.objects.get(month=DAY)
    assert (period.state, period.changed_by) == (PeriodState.SUBMITTED, editor)
    assert ChangeEvent.objects.get(kind="submit").user == editor


def test_an_empty_month_cannot_be_submitted(editor_client):
    CaseloadFigure.objects.filter(month=DAY).delete()
    ActivityRecord.objects.filter(month=DAY).delete()
    response = editor_client.post("/entry/2026-10/", {"action": "submit"}, follow=True)
    assert "nog geen cijfers" in response.content.decode()
    assert not ReportingPeriod.objects.filter(month=DAY, state=PeriodState.SUBMITTED).exists()


def test_an_editor_may_not_approve(editor_client, editor):
    workflow.submit_period(OCTOBER, editor)
    assert editor_client.post("/entry/2026-10/", {"action": "approve"}).status_code == 403
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.SUBMITTED
    with pytest.raises(PermissionDenied):
        workflow.approve_period(OCTOBER, editor, revision=revision_of(OCTOBER))


def test_a_viewer_may_not_submit(viewer_client):
    assert viewer_client.post("/entry/2026-10/", {"action": "submit"}).status_code == 403
    assert not ReportingPeriod.objects.filter(month=DAY).exists()


def test_a_manager_approves_and_the_figures_become_final(manager_client, editor, manager):
    workflow.submit_period(OCTOBER, editor)
    assert CaseloadFigure.objects.filter(month=DAY).exclude(status="definitief").exists()
    data = {"action": "approve", "revision": revision_of(OCTOBER), "final_caseload": "on", "final_activities": "on"}
    response = manager_client.post("/entry/2026-10/", data, follow=True)
    html = response.content.decode()
    assert "goedgekeurd en vergrendeld" in html
    assert "programmamanager" in html
    period = ReportingPeriod.objects.get(month=DAY)
    assert (period.state, period.changed_by) == (PeriodState.APPROVED, manager)
    assert set(CaseloadFigure.objects.filter(month=DAY).values_list("status", flat=True)) == {"definitief"}
    assert set(ActivityRecord.objects.filter(month=DAY).values_list("status", flat=True)) == {"definitief"}
    figure = CaseloadFigure.objects.get(month=DAY, indicator="caseload", area__code="BU05991571")
    assert figure.history.latest().history_change_reason == "Definitief bij goedkeuring"


def test_a_manager_can_keep_figures_provisional_when_approving(manager_client, editor):
    workflow.submit_period(OCTOBER, editor)
    manager_client.post(
        "/entry/2026-10/", {"action": "approve", "revision": revision_of(OCTOBER), "final_activities": "on"}
    )
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.APPROVED
    assert "voorlopig" in set(CaseloadFigure.objects.filter(month=DAY).values_list("status", flat=True))
    assert set(ActivityRecord.objects.filter(month=DAY).values_list("status", flat=True)) == {"definitief"}


def test_official_figures_keep_their_published_status(editor, manager):
    official = CaseloadFigure.objects.official().get(month="2025-02-01")
    workflow.submit_period(Month(2025, 2), editor)
    workflow.approve_period(Month(2025, 2), manager, revision=revision_of(Month(2025, 2)))
    official.refresh_from_db()
    assert official.status == "voorlopig"  # as the letter gave it


def test_only_a_submitted_month_can_be_approved(manager_client):
    response = manager_client.post("/entry/2026-10/", {"action": "approve", "revision": "0"}, follow=True)
    assert "Alleen een ingediende maand" in response.content.decode()
    assert not ReportingPeriod.objects.filter(month=DAY, state=PeriodState.APPROVED).exists()


def test_the_locked_form_says_who_locked_it_and_when_and_has_no_save_button(editor_client, editor, manager):
    lock(editor, manager)
    html = editor_client.get("/entry/2026-10/").content.decode()
    assert "goedgekeurd en vergrendeld door programmamanager op" in html
    assert ">Opslaan</button>" not in html
    field = html.split('name="c-caseload-BU05991571"')[1].split(">")[0]
    assert "disabled" in field


def test_a_locked_month_refuses_the_form(editor_client, editor, manager):
    lock(editor, manager)
    before = snapshot()
    data = {"action": "save", "revision": "0", "c-inflow-BU05991571": "1", "reason": "poging"}
    response = editor_client.post("/entry/2026-10/", data, follow=True)
    assert "vergrendeld door programmamanager" in response.content.decode()
    assert snapshot() == before


def test_a_locked_month_refuses_a_direct_service_call(editor, manager):
    lock(editor, manager)
    before = snapshot()
    slots = Catalogue.load().slots(OCTOBER)
    key = "c-inflow-BU05991571"
    with pytest.raises(PeriodLocked, match="vergrendeld door programmamanager"):
        services.save_month(
            month=OCTOBER, user=editor, slots=slots, values={key: Decimal(1)}, loaded_revision=99, reason="x"
        )
    assert snapshot() == before


def test_a_locked_month_refuses_a_stray_save_and_the_bulk_paths(editor, manager):
    lock(editor, manager)
    before = snapshot()
    figure = CaseloadFigure.objects.get(month=DAY, indicator="caseload", area__code="BU05991571")
    figure.value += 1
    with pytest.raises(PeriodLocked):
        figure.save()
    with pytest.raises(PeriodLocked):
        figure.delete()
    with pytest.raises(PeriodLocked):
        CaseloadFigure.objects.filter(month=DAY).update(value=1)
    with pytest.raises(PeriodLocked):
        ActivityRecord.objects.filter(month=DAY).update(value=1)
    with pytest.raises(PeriodLocked):
        ActivityRecord.objects.filter(month=DAY).delete()
    with pytest.raises(PeriodLocked):
        CaseloadFigure.objects.bulk_update([figure], ["value"])
    measure = Measure.objects.get(activity__slug="regiodeal-dutch-fresh-port", slug="plaatsingen")
    nprz = figure.area
    with pytest.raises(PeriodLocked):
        ActivityRecord.objects.bulk_create([ActivityRecord(measure=measure, area=nprz, month=DAY, value=1)])
    assert snapshot() == before


def test_a_figure_cannot_be_moved_out_of_a_locked_month(editor, manager):
    lock(editor, manager)
    figure = CaseloadFigure.objects.get(month=DAY, indicator="inflow", area__code="BU05991571")
    figure.month = "2026-09-01"
    with pytest.raises(PeriodLocked):
        figure.save()


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser("technisch-beheer", password="x-lang-genoeg-wachtwoord")
    client.force_login(admin)
    return client


def test_a_locked_month_is_read_only_in_the_admin(admin_client, editor, manager):
    lock(editor, manager)
    figure = CaseloadFigure.objects.get(month=DAY, indicator="inflow", area__code="BU05991571")
    before = snapshot()
    response = admin_client.post(
        f"/admin/monitoring/caseloadfigure/{figure.pk}/change/",
        {
            "indicator": "inflow",
            "area": figure.area_id,
            "month": "2026-10-01",
            "value": figure.value + 5,
            "status": "definitief",
            "origin": "synthetic",
            "change_reason": "poging",
        },
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_the_admin_refuses_to_add_a_figure_to_a_locked_month(admin_client, editor, manager):
    lock(editor, manager)
    measure = Measure.objects.get(activity__slug="regiodeal-dutch-fresh-port", slug="plaatsingen")
    before = snapshot()
    nprz_id = CaseloadFigure.objects.filter(area__code="NPRZ").values_list("area_id", flat=True).first()
    response = admin_client.post(
        "/admin/activities/activityrecord/add/",
        {"measure": measure.id, "area": nprz_id, "month": "2026-10-01", "value": "3", "status": "voorlopig",
         "origin": "registered"},
    )  # fmt: skip
    assert "vergrendeld door programmamanager" in response.content.decode()
    assert snapshot() == before


def test_an_admin_correction_needs_a_reason_and_is_recorded(admin_client):
    figure = CaseloadFigure.objects.get(month=DAY, indicator="inflow", area__code="BU05991571")
    data = {
        "indicator": "inflow",
        "area": figure.area_id,
        "month": "2026-10-01",
        "value": figure.value + 5,
        "status": "voorlopig",
        "origin": "synthetic",
        "note": "",
    }
    response = admin_client.post(f"/admin/monitoring/caseloadfigure/{figure.pk}/change/", data)
    assert "Geef een reden" in response.content.decode()
    assert CaseloadFigure.objects.get(pk=figure.pk).value == figure.value

    data["change_reason"] = "CBS-herziening"
    assert admin_client.post(f"/admin/monitoring/caseloadfigure/{figure.pk}/change/", data).status_code == 302
    assert CaseloadFigure.objects.get(pk=figure.pk).value == figure.value + 5
    event = ChangeEvent.objects.get(kind="admin")
    assert event.changes.count() == 3  # Tarwewijk, and the Charlois and NPRZ totals that follow from it
    change = event.changes.get(area__code="BU05991571")
    assert (event.reason, change.old_value, change.new_value) == ("CBS-herziening", figure.value, figure.value + 5)


def test_figures_are_never_deleted_in_the_admin(admin_client):
    figure = CaseloadFigure.objects.get(month=DAY, indicator="inflow", area__code="BU05991571")
    assert (
        admin_client.post(f"/admin/monitoring/caseloadfigure/{figure.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert CaseloadFigure.objects.filter(pk=figure.pk).exists()


def test_period_steps_are_not_editable_in_the_admin(admin_client, editor, manager):
    lock(editor, manager)
    period = ReportingPeriod.objects.get(month=DAY)
    admin_client.post(f"/admin/monitoring/reportingperiod/{period.pk}/change/", {"state": "open"})
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.APPROVED


def test_reopening_needs_a_reason(manager_client, editor, manager):
    lock(editor, manager)
    response = manager_client.post("/entry/2026-10/", {"action": "reopen", "reopen_reason": "  "})
    assert "Geef een reden om de maand te heropenen" in response.content.decode()
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.APPROVED
    with pytest.raises(errors.ServiceError):
        workflow.reopen_period(OCTOBER, manager, "")


def test_a_manager_reopens_with_a_reason_and_the_month_can_be_corrected_again(manager_client, editor, manager):
    lock(editor, manager)
    response = manager_client.post(
        "/entry/2026-10/", {"action": "reopen", "reopen_reason": "CBS heeft oktober herzien"}, follow=True
    )
    assert "oktober 2026 is heropend" in response.content.decode()
    period = ReportingPeriod.objects.get(month=DAY)
    assert (period.state, period.reason, period.changed_by) == (
        PeriodState.REOPENED,
        "CBS heeft oktober herzien",
        manager,
    )
    assert ChangeEvent.objects.get(kind="reopen").reason == "CBS heeft oktober herzien"
    assert period.history.latest().history_change_reason == "heropend: CBS heeft oktober herzien"
    figure = CaseloadFigure.objects.get(month=DAY, indicator="inflow", area__code="BU05991571")
    figure.value += 1
    figure.save()  # no longer locked


def test_an_editor_may_not_reopen(editor_client, editor, manager):
    lock(editor, manager)
    assert editor_client.post("/entry/2026-10/", {"action": "reopen", "reopen_reason": "x"}).status_code == 403
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.APPROVED


def test_other_months_stay_open_when_one_is_locked(editor, manager):
    lock(editor, manager)
    figure = CaseloadFigure.objects.get(month="2026-09-01", indicator="inflow", area__code="BU05991571")
    figure.value += 1
    figure.save()
    assert CaseloadFigure.objects.get(pk=figure.pk).value == figure.value


def correct_inflow(client, reason="CBS-cijfer herzien"):
    """Post the October form with Tarwewijk's inflow one higher, as an editor would."""
    data = loaded_form(client)
    data.update({"action": "save", "c-inflow-BU05991571": str(int(data["c-inflow-BU05991571"]) + 1), "reason": reason})
    response = client.post("/entry/2026-10/", data)
    if response.status_code == 200 and response.context["warnings"]:  # stock and flows no longer add up
        response = client.post("/entry/2026-10/", overriding(response, data))
    return response


def test_the_approve_form_carries_the_revision_the_manager_sees(editor, manager):
    workflow.submit_period(OCTOBER, editor)
    html = client_for(manager).get("/entry/2026-10/").content.decode()
    approve = html.split('value="approve"')[1].split("</form>")[0]
    assert f'name="revision" value="{revision_of(OCTOBER)}"' in approve


def test_approving_refuses_a_month_that_changed_after_the_manager_loaded_it(editor, manager):
    workflow.submit_period(OCTOBER, editor)
    manager_client = client_for(manager)
    reviewed = manager_client.get("/entry/2026-10/").context["approve_form"]["revision"].value()
    assert correct_inflow(client_for(editor)).status_code == 302  # the month goes back to open ...
    workflow.submit_period(OCTOBER, editor)  # ... and is submitted again
    data = {"action": "approve", "revision": reviewed, "final_caseload": "on", "final_activities": "on"}
    html = manager_client.post("/entry/2026-10/", data, follow=True).content.decode()
    assert "oktober 2026 is niet goedgekeurd: de cijfers zijn gewijzigd nadat je de pagina opende" in html
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.SUBMITTED
    assert "definitief" not in set(CaseloadFigure.objects.filter(month=DAY).values_list("status", flat=True))
    with pytest.raises(errors.StaleApproval):
        workflow.approve_period(OCTOBER, manager, revision=reviewed)


def test_editing_a_submitted_month_returns_it_to_open_and_records_that(editor, manager):
    workflow.submit_period(OCTOBER, editor)
    editor_client = client_for(editor)
    response = correct_inflow(editor_client)
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(month=DAY)
    assert (period.state, period.changed_by) == (PeriodState.OPEN, editor)
    event = ChangeEvent.objects.get(kind="reopen")
    assert event.user == editor
    assert "gewijzigd na indienen" in event.summary
    history = editor_client.get("/entry/2026-10/history/").content.decode()
    assert "Terug naar open: cijfers van oktober 2026 gewijzigd na indienen" in history
    page = client_for(manager).get("/entry/2026-10/")
    assert not page.context["can_approve"]  # it has to be submitted again first
    assert page.context["can_submit"]


def test_an_import_into_a_submitted_month_returns_it_to_open(editor):
    workflow.submit_period(Month(2026, 9), editor)
    slots = Catalogue.load().slots(Month(2026, 9))
    figure = CaseloadFigure.objects.get(month="2026-09-01", indicator="inflow", area__code="BU05991571")
    writes.write_figures(
        [
            FigureWrite(
                Month(2026, 9), next(s for s in slots if s.key == "c-inflow-BU05991571"), Decimal(figure.value + 1)
            )
        ],
        user=editor,
        kind="import",
        reason="CBS",
        month=None,
        file_name="sept.csv",
    )
    assert ReportingPeriod.objects.get(month="2026-09-01").state == PeriodState.OPEN
    assert not ReportingPeriod.objects.filter(month=DAY).exists()  # untouched months stay as they were


def test_an_admin_correction_of_a_submitted_month_returns_it_to_open(admin_client, editor):
    workflow.submit_period(OCTOBER, editor)
    figure = CaseloadFigure.objects.get(month=DAY, indicator="inflow", area__code="BU05991571")
    data = {"indicator": "inflow", "area": figure.area_id, "month": DAY, "value": figure.value + 2,
            "status": "voorlopig", "note": "", "change_reason": "CBS-herziening"}  # fmt: skip
    assert admin_client.post(f"/admin/monitoring/caseloadfigure/{figure.pk}/change/", data).status_code == 302
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.OPEN


def test_saving_without_changes_leaves_a_submitted_month_submitted(editor):
    workflow.submit_period(OCTOBER, editor)
    editor_client = client_for(editor)
    form = editor_client.get("/entry/2026-10/").context["form"]
    data = {
        name: "" if form[name].value() is None else form[name].value()
        for name, field in form.fields.items()
        if not field.disabled
    }
    editor_client.post("/entry/2026-10/", {**data, "action": "save"})
    assert ReportingPeriod.objects.get(month=DAY).state == PeriodState.SUBMITTED
