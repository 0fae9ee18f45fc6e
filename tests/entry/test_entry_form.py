"""The monthly entry form at /entry/<YYYY-MM>/: Dutch numbers, errors, warnings, reasons, all or nothing."""

from decimal import Decimal

import pytest

from activities.models import ActivityRecord, Measure
from monitoring.models import Area, CaseloadFigure, ChangeEvent, ValueChange
from tests.helpers import loaded_form

MONTH = "2026-10"
DAY = "2026-10-01"


def post_confirmed(client, data, month=MONTH):
    """Post the form; when it shows plausibility warnings, confirm them once (for tests about something else)."""
    response = client.post(f"/entry/{month}/", data)
    if response.status_code == 200 and response.context["warnings"]:
        data = {**data, "confirm_warnings": "on"}
        data["warnings_signature"] = response.context["form"]["warnings_signature"].value()
        response = client.post(f"/entry/{month}/", data)
    return response


def visits() -> Measure:
    return Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")


def visits_key() -> str:
    return f"m-{visits().id}-NPRZ"


def visits_record():
    return ActivityRecord.objects.get(measure=visits(), area__code="NPRZ", month=DAY)


def all_values():
    """Every stored value, to prove that a refused save changed nothing."""
    return (
        sorted(CaseloadFigure.objects.values_list("id", "value", "status")),
        sorted(ActivityRecord.objects.values_list("id", "value", "status")),
    )


def test_the_form_shows_every_figure_of_the_month_with_its_stored_value(editor_client):
    response = editor_client.get("/entry/2026-10/")
    html = response.content.decode()
    nprz = CaseloadFigure.objects.caseload().get(area__code="NPRZ", month=DAY)
    assert "Invoer oktober 2026" in html
    assert 'for="id_c-caseload-NPRZ">Bijstandsuitkeringen (eind van de maand), NPRZ-gebied</label>' in html
    assert 'for="id_c-inflow-BU05991571">Instroom, Tarwewijk</label>' in html
    # Dutch thousands separator in the input
    formatted = f"{nprz.value // 1000}.{nprz.value % 1000:03d}"
    assert f'value="{formatted}"' in html
    assert "Verzuimaanpak: huisbezoeken: Huisbezoeken uitgevoerd" in html
    # Wijkwerktafels are recorded per neighbourhood
    assert "Wijkwerktafels, oktober 2026 (per wijk)" in html


def test_the_form_shows_last_months_value_next_to_each_field(editor_client):
    september = CaseloadFigure.objects.caseload().get(area__code="BU05991571", month="2026-09-01")
    html = editor_client.get("/entry/2026-10/").content.decode()
    assert f"vorige maand {september.value}" in html or f"vorige maand {september.value:,}".replace(",", ".") in html


def test_activities_that_had_not_started_are_not_asked_for(editor_client):
    html = editor_client.get("/entry/2025-06/").content.decode()
    assert "Regiodeal" not in html  # starts in 2026
    assert "Checkgesprekken gevoerd" in html


def test_official_figures_are_read_only_with_their_source(editor_client):
    html = editor_client.get("/entry/2025-02/").content.decode()
    assert 'name="c-caseload-NPRZ"' in html
    field = html.split('name="c-caseload-NPRZ"')[1].split(">")[0]
    assert "disabled" in field
    assert "officieel" in html


def test_a_future_month_cannot_be_entered(editor_client):
    assert editor_client.get("/entry/2026-11/").status_code == 404
    assert editor_client.get("/entry/2026-13/").status_code == 404


def test_viewers_get_403_on_the_form_and_on_a_post(viewer_client):
    assert viewer_client.get("/entry/2026-10/").status_code == 403
    before = all_values()
    assert viewer_client.post("/entry/2026-10/", {"action": "save"}).status_code == 403
    assert all_values() == before


def test_a_correction_with_a_reason_is_saved_and_recorded(editor_client, editor):
    old = visits_record().value
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(old) + 3)
    data["reason"] = "Telling van het wijkteam aangevuld"
    response = editor_client.post("/entry/2026-10/", data)
    assert response.status_code == 302
    record = visits_record()
    assert record.value == old + 3
    assert record.updated_by == editor
    change = ValueChange.objects.get(measure_id=visits().id, month=DAY)
    assert (change.old_value, change.new_value) == (old, old + 3)
    assert change.event.reason == "Telling van het wijkteam aangevuld"
    assert change.event.user == editor
    # simple-history keeps the technical trail with the user and the reason
    latest = record.history.latest()
    assert latest.history_user == editor
    assert "Telling van het wijkteam" in latest.history_change_reason


def test_a_correction_without_a_reason_is_refused_and_changes_nothing(editor_client):
    before = all_values()
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(visits_record().value) + 3)
    response = editor_client.post("/entry/2026-10/", data)
    assert response.status_code == 200
    assert "Geef een reden" in response.content.decode()
    assert all_values() == before
    assert not ChangeEvent.objects.exists()


def test_an_unchanged_form_saves_nothing(editor_client):
    response = editor_client.post("/entry/2026-10/", loaded_form(editor_client), follow=True)
    assert "niets gewijzigd" in response.content.decode()
    assert not ChangeEvent.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1.086", 1086), ("1086", 1086), (" 1.086 ", 1086), ("0", 0)],
)
def test_dutch_numbers_are_understood(editor_client, typed, stored):
    ActivityRecord.objects.filter(measure=visits(), month=DAY).delete()
    data = loaded_form(editor_client)
    data[visits_key()] = typed
    assert post_confirmed(editor_client, data).status_code == 302
    assert visits_record().value == stored


def test_euros_take_a_decimal_comma(editor_client):
    paid = Measure.objects.get(activity__slug="bufferbudget", slug="uitbetaald")
    data = loaded_form(editor_client)
    old = ActivityRecord.objects.get(measure=paid, month=DAY).value
    data[f"m-{paid.id}-NPRZ"] = f"{int(old):,}".replace(",", ".") + ",50"
    data["reason"] = "Centen bijgewerkt"
    assert post_confirmed(editor_client, data).status_code == 302
    assert ActivityRecord.objects.get(measure=paid, month=DAY).value == int(old) + Decimal("0.50")


BAD_INPUTS = [
    ("-5", "negatieve waarde"),
    ("−5", "negatieve waarde"),
    ("abc", "Vul een getal in"),
    ("12,5", "heel getal"),
    ("12.5", "geen Nederlands getal"),
    ("1e5", "Vul een getal in"),
    ("=SOM(A1:A3)", "Formules"),
    ("999.999.999", "onwaarschijnlijk hoog"),
    ("", "kan niet leeg worden gemaakt"),
]


@pytest.mark.parametrize(("typed", "message"), BAD_INPUTS)
def test_bad_input_gets_its_message_next_to_the_field_and_nothing_is_saved(editor_client, typed, message):
    before = all_values()
    data = loaded_form(editor_client)
    data["c-inflow-BU05991571"] = typed
    # a valid change elsewhere in the same post must not be saved either: all or nothing
    data[visits_key()] = str(int(visits_record().value) + 1)
    data["reason"] = "test"
    response = editor_client.post("/entry/2026-10/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'id="error-c-inflow-BU05991571"' in html
    assert "niets opgeslagen" in html
    assert all_values() == before


def test_euros_with_three_decimals_are_refused(editor_client):
    paid = Measure.objects.get(activity__slug="bufferbudget", slug="uitbetaald")
    before = all_values()
    data = loaded_form(editor_client)
    data[f"m-{paid.id}-NPRZ"] = "1.250,125"
    response = editor_client.post("/entry/2026-10/", data)
    assert "hoogstens twee decimalen" in response.content.decode()
    assert all_values() == before


def test_a_measures_own_maximum_is_used(editor_client):
    measure = visits()
    measure.max_value = 500
    measure.save()
    before = all_values()
    data = loaded_form(editor_client)
    data[visits_key()] = "501"
    data["reason"] = "test"
    response = editor_client.post("/entry/2026-10/", data)
    assert "het hoogst toegestane is 500" in response.content.decode()
    assert all_values() == before


def test_a_large_change_against_last_month_needs_confirmation(editor_client):
    september = ActivityRecord.objects.get(measure=visits(), area__code="NPRZ", month="2026-09-01").value
    before = all_values()
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(september * 3))
    data["reason"] = "Extra actie"
    response = editor_client.post("/entry/2026-10/", data)
    html = response.content.decode()
    assert "hoger dan vorige maand" in html
    assert "Ik heb de waarschuwingen bekeken" in html
    assert all_values() == before

    data["warnings_signature"] = response.context["form"]["warnings_signature"].value()
    data["confirm_warnings"] = "on"
    assert editor_client.post("/entry/2026-10/", data).status_code == 302
    assert visits_record().value == int(september * 3)


def test_a_confirmation_covers_only_the_warnings_that_were_shown(editor_client):
    september = ActivityRecord.objects.get(measure=visits(), area__code="NPRZ", month="2026-09-01").value
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(september * 3))
    data["reason"] = "Extra actie"
    data["confirm_warnings"] = "on"
    data["warnings_signature"] = "made-up"
    response = editor_client.post("/entry/2026-10/", data)
    assert response.status_code == 200
    assert "hoger dan vorige maand" in response.content.decode()


def test_neighbourhoods_that_do_not_add_up_to_the_district_are_a_warning(editor_client):
    before = all_values()
    data = loaded_form(editor_client)
    tarwewijk = CaseloadFigure.objects.get(indicator="inflow", area__code="BU05991571", month=DAY).value
    data["c-inflow-BU05991571"] = str(tarwewijk + 1)
    data["reason"] = "Correctie"
    html = editor_client.post("/entry/2026-10/", data).content.decode()
    assert "Instroom, Charlois: de 9 onderliggende gebieden tellen op tot" in html
    assert all_values() == before


def test_a_stock_flow_gap_is_a_warning(editor_client):
    before = all_values()
    nprz = CaseloadFigure.objects.get(indicator="caseload", area__code="NPRZ", month=DAY).value
    data = loaded_form(editor_client)
    data["c-caseload-NPRZ"] = str(nprz - 200)
    data["reason"] = "Correctie"
    html = editor_client.post("/entry/2026-10/", data).content.decode()
    assert "Bestand en stromen sluiten niet aan" in html
    assert all_values() == before


def test_a_first_entry_of_an_empty_month_needs_no_reason(editor_client, editor):
    CaseloadFigure.objects.filter(month=DAY, area__code="NPRZ").delete()
    ActivityRecord.objects.filter(month=DAY).delete()
    data = loaded_form(editor_client)
    data[visits_key()] = "97"
    response = editor_client.post("/entry/2026-10/", data)
    assert response.status_code == 302
    record = visits_record()
    assert (record.value, record.status, record.origin) == (97, "voorlopig", "registered")
    change = ValueChange.objects.get()
    assert change.old_value is None
    assert change.event.kind == "entry"


def test_the_form_page_uses_a_fixed_number_of_queries(editor_client, django_assert_num_queries):
    # session, user, groups (role check, cached for the context processor), areas, measures,
    # stored caseload, stored records, period, last month's caseload, last month's records, corrected figures,
    # the data stamp (newest audit-trail row of the month's data, one query)
    with django_assert_num_queries(12):
        response = editor_client.get("/entry/2026-10/")
    assert response.status_code == 200


def test_the_query_count_does_not_grow_with_corrections(editor_client, django_assert_num_queries):
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(visits_record().value) + 1)
    data["c-outflow_to_work-BU05991571"] = str(
        CaseloadFigure.objects.get(indicator="outflow_to_work", area__code="BU05991571", month=DAY).value + 1
    )
    data["reason"] = "Twee correcties"
    post_confirmed(editor_client, data)
    assert ValueChange.objects.count() == 2
    with django_assert_num_queries(12):
        editor_client.get("/entry/2026-10/")


def test_an_area_code_in_a_field_name_cannot_sneak_in_an_unknown_figure(editor_client):
    data = loaded_form(editor_client)
    data["c-inflow-BU00000000"] = "5"
    data["m-999999-NPRZ"] = "5"
    editor_client.post("/entry/2026-10/", data)
    assert not Area.objects.filter(code="BU00000000").exists()
    assert not ChangeEvent.objects.exists()


SCRIPT_DIGITS = ["١٢٣", "１２３", "𝟏𝟐", "१२"]


@pytest.mark.parametrize("typed", SCRIPT_DIGITS)
def test_digits_of_other_scripts_are_refused_with_what_was_read(editor_client, typed):
    before = all_values()
    data = loaded_form(editor_client)
    data["c-inflow-BU05991571"] = typed
    html = editor_client.post("/entry/2026-10/", data).content.decode()
    assert f"Gelezen is ‘{typed}’: gebruik de cijfers 0 tot en met 9" in html
    assert all_values() == before


@pytest.mark.parametrize(("typed", "shown"), [("1 2 3 4", "1 2 3 4"), ("1\n2", "1⏎2"), ("1\u00a0234", "1 234")])
def test_spaces_inside_a_number_are_refused_with_what_was_read(editor_client, typed, shown):
    before = all_values()
    data = loaded_form(editor_client)
    data["c-inflow-BU05991571"] = typed
    html = editor_client.post("/entry/2026-10/", data).content.decode()
    assert f"Gelezen is ‘{shown}’: een getal mag geen spaties of regelovergangen bevatten" in html
    assert all_values() == before


def test_spaces_around_a_number_and_after_the_euro_sign_are_fine():
    from monitoring.entry.validation import parse_number

    assert parse_number(" 1.086 ", allows_decimals=False, max_value=Decimal(10**6)) == 1086
    assert parse_number("€ 1.250,50", allows_decimals=True, max_value=Decimal(10**6)) == Decimal("1250.50")
