"""The monthly entry form at /entry/<YYYY-MM>/: Dutch numbers, errors, warnings, reasons, all or nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from activities.models import ActivityRecord, Measure
from monitoring.models import Area, CaseloadFigure, ChangeEvent, GapExplanation, ValueChange, WarningOverride
from tests.helpers import loaded_form, overriding, text_of, text_of_id

MONTH = "2026-10"
DAY = "2026-10-01"


def post_confirmed(client, data, month=MONTH):
    """Post the form; when it shows warnings, give each a reason once (for tests about something else)."""
    response = client.post(f"/entry/{month}/", data)
    if response.status_code == 200 and response.context["warnings"]:
        response = client.post(f"/entry/{month}/", overriding(response, data))
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
    bloemhof = CaseloadFigure.objects.caseload().get(area__code="BU05991081", month=DAY)
    assert "Invoer oktober 2026" in html
    assert 'for="id_c-caseload-BU05991081">Bijstandsuitkeringen (eind van de maand), Bloemhof (wijk)</label>' in html
    assert 'for="id_c-inflow-BU05991571">Instroom, Tarwewijk (wijk)</label>' in html
    # Dutch thousands separator in the input
    formatted = f"{bloemhof.value // 1000}.{bloemhof.value % 1000:03d}"
    assert f'name="c-caseload-BU05991081" id="id_c-caseload-BU05991081" value="{formatted}"' in html
    assert "Verzuimaanpak: huisbezoeken: Huisbezoeken uitgevoerd" in html
    # Wijkwerktafels are recorded per neighbourhood
    assert "Wijkwerktafels per wijk, oktober 2026" in html


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
    assert 'name="c-caseload-NPRZ"' not in html  # a total is never typed, and an official one stands
    assert text_of_id(html, "total-c-caseload-NPRZ") == "12.947"
    hint = html.split('id="hint-c-caseload-NPRZ">')[1].split("</td>")[0]
    assert "officieel, Brief wethouder aan de commissie" in hint


def test_totals_are_shown_beside_their_parts_and_named_by_level(editor_client):
    html = editor_client.get("/entry/2026-10/").content.decode()
    feijenoord = CaseloadFigure.objects.get(indicator="inflow", area__code="WK059910", month=DAY).value
    assert text_of_id(html, "total-c-inflow-WK059910") == f"{feijenoord}"
    assert text_of_id(html, "hint-c-inflow-WK059910").startswith("berekend uit 9 wijken")
    assert "Totaal Feijenoord (gebied)" in html
    assert "Feijenoord (wijk)" in html
    assert 'name="c-inflow-WK059910"' not in html
    # outflow to work is still open in the seeded month: its totals wait for their parts
    assert text_of_id(html, "total-c-outflow_to_work-NPRZ") == "–"
    assert "nog 3 leeg" in text_of_id(html, "hint-c-outflow_to_work-NPRZ")


def test_a_month_that_has_not_ended_says_when_it_opens(editor_client):
    response = editor_client.get("/entry/2026-11/")
    text = text_of(response)
    assert response.status_code == 200
    assert "November 2026 is nog niet open voor invoer" in text
    assert "gaat open op 1-12-2026" in text
    assert "Nu open voor invoer oktober 2026 (open), in te vullen uiterlijk 15-11-2026 te laat" in text
    assert editor_client.get("/entry/2027-05/").status_code == 200
    assert editor_client.get("/entry/2026-13/").status_code == 404
    assert editor_client.get("/entry/2010-12/").status_code == 404


def test_nothing_can_be_posted_to_a_month_that_has_not_ended(editor_client):
    before = all_values()
    response = editor_client.post("/entry/2026-11/", {"action": "save", "c-inflow-BU05991571": "5", "revision": "0"})
    assert response.status_code == 404
    assert all_values() == before


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
    ("1" * 41, "dit zijn meer dan 40 tekens"),  # cut to 40 in the field, and said so
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


def test_a_large_change_against_last_month_needs_its_own_reason(editor_client, editor):
    september = ActivityRecord.objects.get(measure=visits(), area__code="NPRZ", month="2026-09-01").value
    before = all_values()
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(september * 3))
    data["reason"] = "Extra actie"
    response = editor_client.post("/entry/2026-10/", data)
    html = response.content.decode()
    assert "hoger dan vorige maand" in html
    assert "geef bij elke een reden om toch op te slaan" in html
    assert all_values() == before

    assert editor_client.post("/entry/2026-10/", overriding(response, data, "Extra wervingsactie")).status_code == 302
    assert visits_record().value == int(september * 3)
    override = WarningOverride.objects.get()
    assert (override.rule, override.reason, override.event.user) == ("sprong", "Extra wervingsactie", editor)
    assert "hoger dan vorige maand" in override.message


def test_a_reason_for_another_warning_does_not_override_this_one(editor_client):
    september = ActivityRecord.objects.get(measure=visits(), area__code="NPRZ", month="2026-09-01").value
    before = all_values()
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(september * 3))
    data["reason"] = "Extra actie"
    data["override-2026-10.sprong.c-inflow-BU05991571"] = "made-up"
    response = editor_client.post("/entry/2026-10/", data)
    assert response.status_code == 200
    assert "hoger dan vorige maand" in response.content.decode()
    assert all_values() == before


def inflow(code):
    return CaseloadFigure.objects.get(indicator="inflow", area__code=code, month=DAY).value


def test_a_corrected_neighbourhood_corrects_its_district_and_nprz_in_the_same_save(editor_client):
    tarwewijk, charlois, nprz = inflow("BU05991571"), inflow("WK059915"), inflow("NPRZ")
    data = loaded_form(editor_client)
    data["c-inflow-BU05991571"] = str(tarwewijk + 1)
    data["reason"] = "Correctie"
    response = post_confirmed(editor_client, data)
    assert response.status_code == 302
    assert (inflow("BU05991571"), inflow("WK059915"), inflow("NPRZ")) == (tarwewijk + 1, charlois + 1, nprz + 1)
    event = ChangeEvent.objects.get()
    changes = {c.label: (c.old_value, c.new_value) for c in event.changes.all()}
    assert changes == {
        "Instroom, Tarwewijk (wijk)": (tarwewijk, tarwewijk + 1),
        "Instroom, Charlois (gebied)": (charlois, charlois + 1),
        "Instroom, NPRZ-gebied": (nprz, nprz + 1),
    }
    hoods = CaseloadFigure.objects.filter(indicator="inflow", month=DAY, area__level="neighbourhood")
    assert sum(hoods.values_list("value", flat=True)) == inflow("NPRZ")


def test_a_posted_total_is_ignored_the_parts_decide(editor_client):
    before = all_values()
    data = loaded_form(editor_client)
    data["c-inflow-WK059915"] = "1"  # a forged field: totals have no input
    response = editor_client.post("/entry/2026-10/", data, follow=True)
    assert "niets gewijzigd" in response.content.decode()
    assert all_values() == before


def test_a_stock_flow_gap_is_a_warning_at_the_row_of_each_area_it_concerns(editor_client):
    before = all_values()
    tarwewijk = CaseloadFigure.objects.get(indicator="caseload", area__code="BU05991571", month=DAY).value
    data = loaded_form(editor_client)
    data["c-caseload-BU05991571"] = str(tarwewijk - 200)
    data["reason"] = "Correctie"
    html = editor_client.post("/entry/2026-10/", data).content.decode()
    # Per area: Tarwewijk, Charlois and NPRZ, each written at its row and at its reason field.
    assert html.count("Bestand en stromen sluiten niet aan") == 6
    assert "Bestand en stromen sluiten niet aan in NPRZ-gebied" in text_of_id(html, "note-row-NPRZ")
    assert "Bestand en stromen sluiten niet aan in Tarwewijk (wijk)" in text_of_id(html, "note-row-BU05991571")
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
    # the data stamp (newest audit-trail row of the month's data, one query),
    # the published report version of the month's quarter (the 'in a published report' notice)
    with django_assert_num_queries(13):
        response = editor_client.get("/entry/2026-10/")
    assert response.status_code == 200


def test_the_query_count_does_not_grow_with_corrections(editor_client, django_assert_num_queries):
    data = loaded_form(editor_client)
    data[visits_key()] = str(int(visits_record().value) + 1)
    data["c-outflow-BU05991571"] = str(
        CaseloadFigure.objects.get(indicator="outflow", area__code="BU05991571", month=DAY).value + 1
    )
    data["reason"] = "Twee correcties"
    post_confirmed(editor_client, data)
    assert ValueChange.objects.count() == 4  # the measure, the neighbourhood, its district and NPRZ
    with django_assert_num_queries(13):  # as above
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
    from programme.entry.validation import parse_number

    assert parse_number(" 1.086 ", allows_decimals=False, max_value=Decimal(10**6)) == 1086
    assert parse_number("€ 1.250,50", allows_decimals=True, max_value=Decimal(10**6)) == Decimal("1250.50")


@pytest.mark.parametrize("raw", [float("inf"), float("-inf"), float("nan"), Decimal("NaN"), True, dt.date(2026, 10, 1)])
def test_a_spreadsheet_value_that_is_no_finite_number_is_refused(raw):
    from programme.entry.validation import NumberError, parse_number

    with pytest.raises(NumberError, match="Vul een getal in"):
        parse_number(raw, allows_decimals=True, max_value=Decimal(10**6))


def test_one_submit_returns_every_error_warning_and_missing_reason_together(editor_client):
    before = all_values()
    september = ActivityRecord.objects.get(measure=visits(), area__code="NPRZ", month="2026-09-01").value
    data = loaded_form(editor_client)
    data["c-inflow-BU05991571"] = "abc"  # an error
    data["c-outflow-BU05991081"] = "-4"  # another error
    data[visits_key()] = str(int(september * 3))  # a correction (needs a reason) that also warns
    response = editor_client.post("/entry/2026-10/", data)
    html = response.content.decode()
    summary = text_of(html.split('id="error-summary"')[1].split("</div>")[0])
    assert "nog 4 punten" in summary
    assert "Instroom, Tarwewijk (wijk): Vul een getal in" in summary
    assert "Uitstroom, Bloemhof (wijk): Een negatieve waarde kan niet." in summary
    assert "Geef een reden" in summary
    assert "geef een reden bij de waarschuwing ‘Geen grote sprong ten opzichte van vorige maand.’" in summary
    assert html.count("hoger dan vorige maand") == 2  # at its row, and as the label of its reason
    assert "hoger dan vorige maand" in text_of_id(html, f"note-row-{visits_key()}")
    assert f'aria-describedby="note-row-{visits_key()} hint-{visits_key()}"' in html
    assert 'aria-describedby="error-c-inflow-BU05991571 hint-c-inflow-BU05991571"' in html
    assert "2 fouten" in text_of(html.split('class="entry-savebar"')[1].split("</div>")[0])
    assert all_values() == before

    # fixing everything in one go saves in the next submit
    data.update(
        {"c-inflow-BU05991571": str(inflow("BU05991571")), "c-outflow-BU05991081": data["c-outflow-BU05991081"]}
    )
    data["c-outflow-BU05991081"] = str(
        CaseloadFigure.objects.get(indicator="outflow", area__code="BU05991081", month=DAY).value
    )
    data["reason"] = "Extra actie"
    assert editor_client.post("/entry/2026-10/", overriding(response, data)).status_code == 302
    assert visits_record().value == int(september * 3)


def test_the_save_bar_counts_what_is_filled(editor_client):
    html = editor_client.get("/entry/2026-10/").content.decode()
    bar = text_of(html.split('class="entry-savebar"')[1].split("</div>")[0])
    response = editor_client.get("/entry/")
    row = next(r for r in response.context["rows"] if r["month"].key == "2026-10")
    assert f"{row['filled']} van {row['expected']} ingevuld" in bar


def test_groups_fold_when_nothing_in_them_needs_attention(editor_client):
    html = editor_client.get("/entry/2026-09/").content.decode()  # complete, no problems
    assert '<details class="entry-group" id="groep-WK059910">' in html
    october = editor_client.get("/entry/2026-10/").content.decode()  # outflow to work still open
    assert '<details class="entry-group" id="groep-WK059910" open>' in october


DECEMBER_2024 = "2024-12-01"


def test_an_official_total_stands_and_its_difference_from_the_parts_must_be_explained(editor_client):
    before = all_values()
    tarwewijk = CaseloadFigure.objects.get(indicator="caseload", area__code="BU05991571", month=DECEMBER_2024).value
    data = loaded_form(editor_client, "2024-12")
    data["c-caseload-BU05991571"] = str(tarwewijk + 7)
    data["reason"] = "Wijkcijfer herzien"
    response = post_confirmed(editor_client, data, month="2024-12")
    html = response.content.decode()
    assert response.status_code == 200
    assert "officieel 12.794, de gebieden tellen op tot 12.801 (verschil −7)" in text_of(html)
    assert "licht het verschil met de som van de gebieden toe" in html
    assert all_values() == before

    data["explain-c-caseload-NPRZ"] = "De wijkcijfers komen uit een latere registratie dan de brief."
    assert editor_client.post("/entry/2024-12/", overriding(response, data)).status_code == 302
    nprz = CaseloadFigure.objects.get(indicator="caseload", area__code="NPRZ", month=DECEMBER_2024)
    assert (nprz.value, nprz.origin) == (12794, "official")  # the letter's figure stands
    assert (
        CaseloadFigure.objects.get(indicator="caseload", area__code="WK059915", month=DECEMBER_2024).origin
        == "registered"
    )
    explanation = GapExplanation.objects.get()
    assert (explanation.official_value, explanation.parts_sum) == (12794, 12801)
    assert "latere registratie" in text_of(editor_client.get("/entry/2024-12/"))


def test_records_outside_the_months_figures_are_not_counted_as_stored(editor_client):
    """A measure asked for NPRZ alone, stored for a neighbourhood too, is no figure of the form."""
    html = editor_client.get("/entry/2026-10/").content.decode()
    before = text_of(html.split("cijfers opgeslagen")[0].rsplit("<p>", 1)[1])
    ActivityRecord.objects.create(
        measure=visits(), area=Area.objects.get(code="BU05991081"), month=DAY, value=4, status="provisional"
    )
    response = editor_client.get("/entry/2026-10/")
    assert response.context["stored_count"] == int(before.split(" van ")[0].replace(".", ""))
    assert response.context["stored_count"] <= response.context["expected"]
