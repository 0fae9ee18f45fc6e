"""The Django admin for technical administrators follows the same rules as the app's own pages."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from activities.models import ActivityTarget
from monitoring.models import CaseloadFigure, ChangeEvent, Target
from monitoring.setup.roles import setup_roles

FEBRUARY_2025 = "2025-02-01"


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser("technisch-beheer", password="x-lang-genoeg-wachtwoord")
    client.force_login(admin)
    return client


def change_figure(admin_client, figure, value, **extra):
    data = {
        "indicator": figure.indicator,
        "area": figure.area_id,
        "month": figure.month.isoformat(),
        "value": value,
        "status": figure.status,
        "note": figure.note,
        "change_reason": "Typfout in de brief hersteld",
        **extra,
    }
    return admin_client.post(f"/admin/monitoring/caseloadfigure/{figure.pk}/change/", data)


def hint(client, key="c-caseload-NPRZ") -> str:
    html = client.get("/entry/2025-02/").content.decode()
    return html.split(f'id="hint-{key}"')[1].split("</span>\n")[0]


def test_a_corrected_official_figure_is_no_longer_shown_as_official(admin_client, editor):
    editor_client = Client()
    editor_client.force_login(editor)
    assert "◆</span> officieel, Brief" in hint(editor_client)
    official = CaseloadFigure.objects.official().get(month=FEBRUARY_2025, area__code="NPRZ")
    assert change_figure(admin_client, official, official.value + 3).status_code == 302
    official.refresh_from_db()
    assert (official.value, official.origin, official.source, official.note) == (12950, "registered", None, "")
    assert "officieel" not in hint(editor_client)
    assert ChangeEvent.objects.get(kind="admin").changes.get().new_value == 12950


def test_a_corrected_demo_value_becomes_a_registered_value(admin_client):
    figure = CaseloadFigure.objects.get(month="2026-10-01", indicator="inflow", area__code="BU05991571")
    assert figure.origin == "synthetic"
    assert change_figure(admin_client, figure, figure.value + 1).status_code == 302
    figure.refresh_from_db()
    assert (figure.origin, figure.note) == ("registered", "")


def test_an_admin_note_written_with_the_correction_is_kept(admin_client):
    figure = CaseloadFigure.objects.get(month="2026-10-01", indicator="inflow", area__code="BU05991571")
    change_figure(admin_client, figure, figure.value + 1, note="Nagekomen aanvragen")
    figure.refresh_from_db()
    assert (figure.origin, figure.note) == ("registered", "Nagekomen aanvragen")


def test_a_note_only_edit_keeps_an_official_figure_official(admin_client):
    official = CaseloadFigure.objects.official().get(month=FEBRUARY_2025, area__code="NPRZ")
    change_figure(admin_client, official, official.value, note="Maand aangenomen", change_reason="")
    official.refresh_from_db()
    assert (official.value, official.origin, official.note) == (12947, "official", "Maand aangenomen")
    assert official.source is not None


def test_origin_and_source_cannot_be_set_by_hand(admin_client):
    figure = CaseloadFigure.objects.get(month="2026-10-01", indicator="inflow", area__code="BU05991571")
    change_figure(admin_client, figure, figure.value + 1, origin="official", source="1")
    figure.refresh_from_db()
    assert (figure.origin, figure.source_id) == ("registered", None)


def test_a_targets_value_period_provenance_and_source_cannot_be_edited_in_the_admin(admin_client):
    target = Target.objects.filter(revises__isnull=True, source__isnull=False).first()
    before = (target.value, target.period_start, target.period_end, target.provenance, target.source_id)
    data = {
        "value": "1",
        "period_start": "2030-01-01",
        "period_end": "2030-12-01",
        "provenance": "derived",
        "source": "",
        "note": "Zie de brief van maart",
    }
    assert admin_client.post(f"/admin/monitoring/target/{target.pk}/change/", data).status_code == 302
    target.refresh_from_db()
    assert (target.value, target.period_start, target.period_end, target.provenance, target.source_id) == before
    assert target.note == "Zie de brief van maart"  # the note is the one thing that may change here


def test_targets_are_neither_added_nor_deleted_nor_reverted_in_the_admin(admin_client):
    target = Target.objects.first()
    assert admin_client.get("/admin/monitoring/target/add/").status_code == 403
    assert admin_client.post(f"/admin/monitoring/target/{target.pk}/delete/", {"post": "yes"}).status_code == 403
    version = target.history.first()
    revert = admin_client.post(f"/admin/monitoring/target/{target.pk}/history/{version.history_id}/", {"note": "x"})
    assert revert.status_code == 403
    assert Target.objects.filter(pk=target.pk).exists()


def test_activity_targets_are_read_only_in_the_admin_too(admin_client):
    target = ActivityTarget.objects.first()
    value = target.value
    admin_client.post(f"/admin/activities/activitytarget/{target.pk}/change/", {"value": "1", "note": "x"})
    target.refresh_from_db()
    assert target.value == value != Decimal(1)
    assert target.note == "x"
    assert admin_client.get("/admin/activities/activitytarget/add/").status_code == 403
    delete = admin_client.post(f"/admin/activities/activitytarget/{target.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403


def perms(group) -> set[str]:
    return set(group.permissions.values_list("codename", flat=True))


def test_managers_get_only_the_model_permissions_the_app_needs(db):
    groups = setup_roles()
    manager = perms(groups["manager"])
    assert not {p for p in manager if p.startswith("delete_")}
    assert not {"change_target", "add_target", "change_activitytarget", "change_reportingperiod"} & manager
    assert {"change_caseloadfigure", "change_activityrecord", "view_target"} <= manager
    assert perms(groups["editor"]) == manager  # approving, targets and reports happen on the app's pages
    assert not {p for p in perms(groups["viewer"]) if not p.startswith("view_")}


def test_running_the_role_setup_again_removes_permissions_granted_before(db):
    groups = setup_roles()
    groups["manager"].permissions.add(Permission.objects.get(codename="delete_target"))
    assert "delete_target" not in perms(setup_roles()["manager"])


def test_a_district_total_that_its_neighbourhoods_contradict_is_refused_in_the_admin(admin_client):
    figure = CaseloadFigure.objects.get(month="2026-10-01", indicator="inflow", area__code="WK059915")
    before = sorted(CaseloadFigure.objects.values_list("id", "value"))
    response = change_figure(admin_client, figure, figure.value + 4, change_reason="Totaal aangepast")
    assert response.status_code == 200
    assert "klopt niet met de som van de onderliggende gebieden" in response.content.decode()
    assert sorted(CaseloadFigure.objects.values_list("id", "value")) == before


def test_a_neighbourhood_corrected_in_the_admin_carries_its_totals_along(admin_client):
    hood = CaseloadFigure.objects.get(month="2026-10-01", indicator="inflow", area__code="BU05991571")
    district = CaseloadFigure.objects.get(month="2026-10-01", indicator="inflow", area__code="WK059915")
    assert change_figure(admin_client, hood, hood.value + 2, change_reason="CBS-herziening").status_code == 302
    old = district.value
    district.refresh_from_db()
    assert district.value == old + 2
    hoods = CaseloadFigure.objects.filter(month="2026-10-01", indicator="inflow", area__parent__code="WK059915")
    assert district.value == sum(hoods.values_list("value", flat=True))
