"""The consistency rules between figures (programme/entry/rules.py) on every write path: form, import, admin."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from activities.models import ActivityRecord, Measure
from monitoring.models import CaseloadFigure, ChangeEvent, WarningOverride
from nprz_dashboard.periods import Month
from programme.entry import services
from programme.entry.catalogue import Catalogue
from programme.entry.errors import RulesBroken, WarningsNotOverridden
from programme.entry.rules import RULES, MonthFacts, check_month
from tests.helpers import loaded_form, overriding, text_of_id

from .import_uploads import csv_bytes, upload

DAY = "2026-10-01"
HILLESLUIS = "BU05991082"


def all_values():
    """Every stored value and audit row, to prove that a refused write changed nothing."""
    return (
        sorted(CaseloadFigure.objects.values_list("id", "value", "status")),
        sorted(ActivityRecord.objects.values_list("id", "value", "status")),
        ChangeEvent.objects.count(),
        WarningOverride.objects.count(),
    )


def figure(indicator, code=HILLESLUIS, month=DAY):
    return CaseloadFigure.objects.get(indicator=indicator, area__code=code, month=month)


def test_every_rule_has_a_dutch_description_and_a_severity():
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert {rule.severity for rule in RULES} == {"error", "warning"}
    assert all(rule.description.endswith(".") for rule in RULES)


def test_outflow_to_work_above_total_outflow_is_refused_at_its_field_in_the_form(editor_client):
    """The Hillesluis case: outflow to work 90 against a total outflow of 19."""
    outflow = figure("outflow").value
    to_work = int(outflow) + 71
    before = all_values()
    data = loaded_form(editor_client)
    data[f"c-outflow_to_work-{HILLESLUIS}"] = str(to_work)
    data["reason"] = "Telling herzien"
    response = editor_client.post("/entry/2026-10/", overriding(editor_client.post("/entry/2026-10/", data), data))
    assert response.status_code == 200
    html = response.content.decode()
    error = text_of_id(html, f"error-c-outflow_to_work-{HILLESLUIS}")
    assert f"Uitstroom naar werk ({to_work}) is hoger dan uitstroom ({outflow}) in Hillesluis (wijk)" in error
    assert 'aria-invalid="true"' in html.split(f'id="id_c-outflow_to_work-{HILLESLUIS}"')[1].split(">")[0]
    assert "Er is niets opgeslagen" in html
    assert all_values() == before


def test_the_write_path_refuses_a_broken_rule_whatever_calls_it(editor):
    catalogue = Catalogue.load()
    month = Month(2026, 10)
    slots = catalogue.slots(month)
    key = f"c-outflow_to_work-{HILLESLUIS}"
    before = all_values()
    with pytest.raises(RulesBroken) as refused:
        services.save_month(
            month=month,
            user=editor,
            slots=slots,
            values={key: figure("outflow").value + 71},
            loaded_revision=10**6,
            reason="x",
            overrides={f"2026-10.sprong.{key}": "x", f"2026-10.buiten-bereik.{key}": "x"},
        )
    assert "is hoger dan uitstroom" in str(refused.value)
    assert all_values() == before


def test_an_import_with_outflow_to_work_above_outflow_is_refused_at_its_row(editor_client):
    before = all_values()
    outflow = figure("outflow").value
    preview = upload(
        editor_client, csv_bytes(["maand;cijfer;gebied;waarde", f"2026-10;uitstroom_naar_werk;{HILLESLUIS};90"])
    )
    html = preview.content.decode()
    assert outflow < 90
    assert [row.state for row in preview.context["plan"].rows] == ["error"]
    assert f"Uitstroom naar werk (90) is hoger dan uitstroom ({outflow})" in html
    assert preview.context["confirm_form"] is None
    assert all_values() == before


def test_the_admin_refuses_outflow_to_work_above_outflow_at_the_value(db):
    admin = User.objects.create_superuser("technisch-beheer", password="x-lang-genoeg-wachtwoord")
    client = Client()
    client.force_login(admin)
    to_work = figure("outflow_to_work", month="2026-09-01")  # October's is left for the editor
    before = all_values()
    response = client.post(
        f"/admin/monitoring/caseloadfigure/{to_work.pk}/change/",
        {
            "indicator": to_work.indicator,
            "area": to_work.area_id,
            "month": to_work.month.isoformat(),
            "value": 90,
            "status": to_work.status,
            "note": to_work.note,
            "change_reason": "Telling herzien",
        },
    )
    assert response.status_code == 200
    assert "is hoger dan uitstroom" in str(response.context["adminform"].form.errors["value"])
    assert all_values() == before


def test_each_overridden_warning_is_stored_with_its_own_reason_and_shown_in_the_history(editor_client, editor):
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    matches = Measure.objects.get(activity__slug="wijkwerktafels", slug="matches")
    seekers = ActivityRecord.objects.get(measure__slug="werkzoekenden", area__code=HILLESLUIS, month=DAY).value
    september = ActivityRecord.objects.get(measure=visits, area__code="NPRZ", month="2026-09-01").value
    data = loaded_form(editor_client)
    data[f"m-{visits.id}-NPRZ"] = str(int(september * 3))
    data[f"m-{matches.id}-{HILLESLUIS}"] = str(int(seekers) + 5)
    data["reason"] = "Extra actie"
    before = all_values()
    first = editor_client.post("/entry/2026-10/", data)
    rows = first.context["override_rows"]
    rules = {row["warning"].rule for row in rows}
    assert {"sprong", "matches-binnen-werkzoekenden"} <= rules
    assert all_values() == before
    reasons = {f"override-{row['id']}": f"Reden {i}" for i, row in enumerate(rows)}
    # One reason missing: nothing is stored, and the missing one is asked for at its field.
    partial = dict(list(reasons.items())[1:])
    again = editor_client.post("/entry/2026-10/", {**data, **partial})
    assert again.status_code == 200
    assert [row["needed"] for row in again.context["override_rows"]] == [True] + [False] * (len(rows) - 1)
    assert all_values() == before

    assert editor_client.post("/entry/2026-10/", {**data, **reasons}).status_code == 302
    stored = list(WarningOverride.objects.order_by("id"))
    assert sorted(o.reason for o in stored) == sorted(reasons.values())
    assert {o.event.user for o in stored} == {editor}
    history = editor_client.get("/entry/2026-10/history/").content.decode()
    assert "Genegeerde waarschuwingen" in history
    assert all(o.reason in history for o in stored)
    export = editor_client.get("/entry/2026-10/history/?_export=csv").content.decode("utf-8-sig")
    assert "waarschuwing" in export.splitlines()[0]
    assert all(o.reason in export for o in stored)


def test_a_warning_without_a_reason_is_refused_by_the_write_path(editor):
    month = Month(2026, 10)
    slots = Catalogue.load().slots(month)
    visits = next(s for s in slots if s.code == "verzuimaanpak/huisbezoeken")
    september = ActivityRecord.objects.get(measure_id=visits.measure_id, month="2026-09-01").value
    before = all_values()
    with pytest.raises(WarningsNotOverridden):
        services.save_month(
            month=month,
            user=editor,
            slots=slots,
            values={visits.key: september * 3},
            loaded_revision=10**6,
            reason="x",
        )
    assert all_values() == before


def test_stock_and_flows_are_checked_per_area():
    from monitoring.models import Area
    from programme.entry.catalogue import caseload_slot

    october = Month(2026, 10)
    hood = Area(id=1, code="BU1", name="Tarwewijk", level="neighbourhood", parent_id=None)
    slots = [caseload_slot(i, hood) for i in ("caseload", "inflow", "outflow")]
    values = {"c-caseload-BU1": Decimal(1000), "c-inflow-BU1": Decimal(20), "c-outflow-BU1": Decimal(25)}
    previous = {"c-caseload-BU1": {october - 1: Decimal(905)}}
    found = check_month(MonthFacts(october, slots, values, previous), {"c-inflow-BU1"})
    assert [f.rule for f in found] == ["bestand-en-stromen"]
    assert "Tarwewijk (wijk)" in found[0].message
    assert "905 + instroom 20 − uitstroom 25 = 900" in found[0].message
    previous = {"c-caseload-BU1": {october - 1: Decimal(1000)}}
    values["c-inflow-BU1"], values["c-outflow-BU1"] = Decimal(20), Decimal(20)
    assert check_month(MonthFacts(october, slots, values, previous), {"c-inflow-BU1"}) == []
