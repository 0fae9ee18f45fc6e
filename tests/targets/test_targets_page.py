"""/targets/: every target with provenance and status; managers add and revise, others only read."""

import html as htmllib
import re
from decimal import Decimal

import pytest

from activities.models import ActivityTarget, Measure
from monitoring.models import Area, Source, Target
from nprz_dashboard import shortlist
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Month
from programme.targets import services as target_services
from tests.helpers import WARM_PAGE_QUERIES, text_of

PERMISSION_POSTS = [
    {"action": "add", "doel-subject": "caseload:caseload", "doel-area": "NPRZ", "doel-value": "1"},
    {"action": "revise", "target": "caseload-1", "value": "12.500", "reason": "x"},
    {"action": "annotate", "notitie-month": "2025-03", "notitie-text": "hack"},
]


def target_2025():
    return Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end="2025-12-01")


def revise(client, target, **extra):
    data = {"action": "revise", "target": f"caseload-{target.pk}", "value": "12.500",
            "reason": "Besluit gemeenteraad na tegenvallende uitstroom",
            "new_source_title": "Raadsbesluit doelen 2025", "new_source_date": "15-6-2025"}  # fmt: skip
    data.update(extra)
    return client.post("/targets/", data)


def test_it_lists_the_letters_targets_with_their_source_and_status(viewer_client):
    text = text_of(viewer_client.get("/targets/"))
    assert "eind december 2024 hoogstens 12.750" in text
    assert "gepubliceerd: Brief wethouder" in text
    assert "niet gehaald stand 12.794 (+44)" in text  # the letter: 12.750 'net niet gehaald'
    assert "hoogstens 12.400" in text and "hoogstens 10.000" in text
    assert "jaar 2025 minstens 1.200" in text  # home visits 2025
    assert "demodoel (fictief)" in text


def test_a_viewer_and_an_editor_see_no_edit_controls(viewer_client, editor_client):
    for client in (viewer_client, editor_client):
        html = client.get("/targets/").content.decode()
        assert "Doel toevoegen" not in html
        assert "Herzien" not in html
        assert 'method="post" action="/targets/"' not in html
        assert "Alleen programmamanagers kunnen doelen en notities vastleggen." in html


@pytest.mark.parametrize("data", PERMISSION_POSTS, ids=["add", "revise", "annotate"])
@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_a_direct_post_by_a_viewer_or_editor_is_refused(client, viewer, editor, role, data):
    client.force_login(viewer if role == "viewer" else editor)
    counts = (Target.objects.count(), Source.objects.count())
    response = client.post("/targets/", data)
    assert response.status_code == 403
    assert (Target.objects.count(), Source.objects.count()) == counts


def test_a_user_without_a_role_cannot_even_read(client, outsider):
    client.force_login(outsider)
    assert client.get("/targets/").status_code == 403
    assert client.post("/targets/", PERMISSION_POSTS[0]).status_code == 403


def test_a_manager_revises_a_target_and_the_original_stays(manager_client, manager):
    original = target_2025()
    response = revise(manager_client, original)
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.value == 12_400  # unchanged
    revision = Target.objects.get(revises=original)
    assert revision.value == 12_500
    assert revision.revision_reason == "Besluit gemeenteraad na tegenvallende uitstroom"
    assert revision.source.title == "Raadsbesluit doelen 2025"
    assert str(revision.source.published_on) == "2025-06-15"
    assert revision.created_by == manager
    history = revision.history.first()
    assert history.history_change_reason.startswith("Herziening: Besluit")
    assert history.history_user == manager
    text = text_of(manager_client.get("/targets/"))
    assert "hoogstens 12.500 (herzien)" in text
    assert "oorspronkelijk doel" in text and "hoogstens 12.400" in text
    assert "herzien naar hoogstens 12.500: Besluit gemeenteraad na tegenvallende uitstroom" in text


def test_a_revision_needs_a_reason_and_a_source_and_saves_nothing_without(manager_client):
    original = target_2025()
    count = Target.objects.count()
    no_reason = revise(manager_client, original, reason=" ")
    assert no_reason.status_code == 400
    assert "Geef de reden van de herziening." in text_of(no_reason)
    no_source = revise(manager_client, original, new_source_title="", new_source_date="")
    assert "Kies het brondocument of vul een nieuwe bron in (titel en datum)." in text_of(no_source)
    no_date = revise(manager_client, original, new_source_date="")
    assert "Geef de datum van het brondocument." in text_of(no_date)
    assert Target.objects.count() == count
    assert not Source.objects.filter(title="Raadsbesluit doelen 2025").exists()


def test_an_existing_source_can_be_chosen_for_a_revision(manager_client):
    original = target_2025()
    source = Source.objects.get(title__startswith="Brief wethouder")
    revise(manager_client, original, new_source_title="", new_source_date="", source=str(source.pk))
    assert Target.objects.get(revises=original).source == source


def test_a_revised_target_cannot_be_revised_again(manager_client):
    original = target_2025()
    revise(manager_client, original)
    response = revise(manager_client, original, value="12.600")
    assert "Dit doel is al herzien; herzie het doel dat nu geldt." in text_of(response)
    assert Target.objects.filter(revises=original).count() == 1


def test_the_revise_link_opens_the_form_for_that_target(manager_client):
    target = target_2025()
    text = text_of(manager_client.get(f"/targets/?revise=caseload-{target.pk}"))
    assert "Doel herzien: bijstandsuitkeringen, NPRZ-gebied, eind december 2025" in text
    assert "Reden van de herziening" in text


def test_a_manager_adds_a_yearly_target_with_a_seasonal_profile(manager_client):
    visits = Measure.objects.get(slug="huisbezoeken")
    response = manager_client.post("/targets/", {
        "action": "add", "doel-subject": f"measure:{visits.pk}", "doel-area": "NPRZ", "doel-comparator": "at_least",
        "doel-period_kind": "year_total", "doel-start": "2027-01", "doel-end": "2027-12", "doel-value": "1.300",
        "doel-provenance": "published", "doel-new_source_title": "Begroting 2027", "doel-new_source_date": "1-11-2026",
        "doel-profile": "6; 8; 9; 9; 9; 9; 5; 5; 9; 10; 11; 10",
    })  # fmt: skip
    assert response.status_code == 302
    target = ActivityTarget.objects.get(measure=visits, period_end="2027-12-01")
    assert target.value == 1300  # 1.300 typed the Dutch way
    assert target.profile[0] == 6 and len(target.profile) == 12
    assert "seizoensverdeling: 6,0; 8,0" in text_of(manager_client.get("/targets/"))


def test_bad_input_is_explained_next_to_the_field(manager_client):
    count = Target.objects.count()
    response = manager_client.post("/targets/", {
        "action": "add", "doel-subject": "caseload:caseload", "doel-area": "NPRZ", "doel-comparator": "at_most",
        "doel-period_kind": "year_total", "doel-start": "2027-12", "doel-end": "2027-01", "doel-value": "veel",
        "doel-provenance": "published", "doel-profile": "1;2;3",
    })  # fmt: skip
    text = text_of(response)
    assert "De laatste maand ligt voor de eerste; kies een latere maand." in text
    assert "Vul een getal in, bijvoorbeeld 1.086." in text
    assert "Geef precies 12 gewichten, één per maand (nu 3)." in text
    assert "Kies het brondocument of vul een nieuwe bron in (titel en datum)." in text
    assert Target.objects.count() == count


def test_sub_targets_that_do_not_add_up_are_warned_about(manager_client):
    nprz = Target.objects.current().get(area__code="NPRZ", period_end="2025-12-01")
    districts = list(Area.objects.districts())
    for district, value in zip(districts, [5_000, 4_000, 3_000], strict=True):
        Target.objects.create(
            indicator="caseload", area=district, comparator="at_most", period_kind="year_end",
            period_start=nprz.period_start, period_end=nprz.period_end, value=value, provenance="derived",
        )  # fmt: skip
    text = text_of(manager_client.get("/targets/"))
    assert "de doelen voor 3 gebieden tellen op tot 12.000, maar het doel voor NPRZ-gebied is 12.400" in text
    assert "(verschil −400)" in text or "(verschil -400)" in text
    Target.objects.filter(area=districts[0], period_end=nprz.period_end).update(value=5_400)
    text = text_of(manager_client.get("/targets/"))
    assert "de 3 gebieden tellen op tot het doel voor NPRZ-gebied (12.400)" in text
    assert "maar het doel voor NPRZ-gebied is" not in text


def test_a_manager_adds_an_annotation_and_it_is_escaped(manager_client):
    response = manager_client.post("/targets/", {
        "action": "annotate", "notitie-month": "2025-03",
        "notitie-text": "<script>alert(1)</script> start Kind en Werkgeluk",
    })  # fmt: skip
    assert response.status_code == 302
    html = manager_client.get("/targets/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; start Kind en Werkgeluk" in html


def test_the_page_uses_a_fixed_number_of_queries(viewer_client, manager, django_assert_num_queries):
    # 1 session, 2 user, 3 role groups, 4 the data version (the page cache's key), 5 caseload
    # targets with area, parent and source, 6 the caseload figures of the areas and indicators that
    # have targets, 7 activity targets with measure, activity, area and source, 8 monthly totals of
    # their measures, 9 their published totals, 10 every measure with its activity (the notes'
    # labels), 11 every annotation with area and author, 12
    # the data stamp (newest audit-trail row of the page's data, one query; kept with the page).
    with django_assert_num_queries(12):
        viewer_client.get("/targets/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/targets/")
    nprz = Area.objects.programme().get()
    for i in range(10):  # more targets, revisions and notes: the same queries
        Target.objects.create(indicator="inflow", area=nprz, comparator="at_most", period_kind="year_total",
                              period_start=f"{2030 + i}-01-01", period_end=f"{2030 + i}-12-01", value=100,
                              provenance="derived")  # fmt: skip
    source = Source.objects.first()
    target_services.revise_target(target_2025(), value=12_500, reason="Raadsbesluit", source=source, user=manager)
    target_services.add_annotation(month=Month(2025, 3), text="start Kind en Werkgeluk", user=manager)
    with django_assert_num_queries(12):
        viewer_client.get("/targets/")


def test_a_manager_page_adds_two_queries_for_the_form_choices(manager_client, django_assert_num_queries):
    # as for a viewer (12), plus 13 areas and 14 sources for the forms (the notes' measures serve them too);
    # its forms post, so it is never kept in the page cache: the second request costs the same.
    with django_assert_num_queries(14):
        manager_client.get("/targets/")
    with django_assert_num_queries(14):
        manager_client.get("/targets/")


def add_caseload_target(client, end: str, value: str):
    return client.post("/targets/", {
        "action": "add", "doel-subject": "caseload:caseload", "doel-area": "NPRZ", "doel-comparator": "at_most",
        "doel-period_kind": "year_end", "doel-start": f"{end[:4]}-01", "doel-end": end, "doel-value": value,
        "doel-provenance": "published", "doel-new_source_title": "Raadsbrief", "doel-new_source_date": "1-3-2026",
    })  # fmt: skip


def test_a_second_target_in_force_for_the_same_deadline_is_refused_next_to_the_end_month(manager_client):
    count = Target.objects.count()
    response = add_caseload_target(manager_client, "2025-12", "12.300")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er geldt al een doel voor NPRZ-gebied dat eindigt in december 2025" in text_of(response)
    end_error = re.search(r'id="id_doel-end_error"[^>]*>(.*?)</div>', html, re.S)
    assert end_error and "Herzie dat doel" in htmllib.unescape(end_error.group(1))
    assert Target.objects.count() == count


def test_the_sentence_about_years_without_a_target_follows_the_published_targets(manager_client):
    text = text_of(manager_client.get("/targets/"))
    assert "Voor de jaren tussen eind 2025 en eind 2031 is geen doel gepubliceerd." in text
    assert add_caseload_target(manager_client, "2028-12", "11.000").status_code == 302
    text = text_of(manager_client.get("/targets/"))
    assert "Voor de jaren tussen eind 2025 en eind 2028 en tussen eind 2028 en eind 2031 is geen doel" in text
    # The derived point for the end of 2026 now lies on the path to 11.000 at the end of 2028.
    expected = format_number(round(12_400 - 1_400 / 3))
    assert f"december 2026 {expected} " in text_of(manager_client.get("/"))


def test_a_target_value_is_read_like_the_entry_form_reads_numbers():
    from django import forms as django_forms

    from programme.targets.forms import DutchNumberField

    field = DutchNumberField()
    assert field.clean("12.400") == 12400
    assert field.clean("2,5") == Decimal("2.5")
    with pytest.raises(django_forms.ValidationError, match="de punt scheidt duizendtallen"):
        field.clean("12.5")


@pytest.fixture
def many_areas(monkeypatch):
    """Pretend NPRZ has more areas than a select lists (26 against 12)."""
    monkeypatch.setattr(shortlist, "AREA_SELECT_LIMIT", 12)


def caseload_target(area: str, end: str = "2029-12") -> dict:
    return {
        "action": "add", "doel-subject": "caseload:caseload", "doel-area": area, "doel-comparator": "at_most",
        "doel-period_kind": "year_end", "doel-start": f"{end[:4]}-01", "doel-end": end, "doel-value": "500",
        "doel-provenance": "published", "doel-new_source_title": "Raadsbrief", "doel-new_source_date": "1-3-2026",
    }  # fmt: skip


def test_with_many_areas_the_forms_take_an_area_by_name_or_code_instead_of_a_select(manager_client, many_areas):
    html = manager_client.get("/targets/").content.decode()
    field = re.search(r'<input[^>]*name="doel-area"[^>]*>', html).group(0)
    assert 'type="text"' in field and "aria-describedby" in field
    assert '<select name="doel-area"' not in html and '<select name="notitie-area"' not in html
    assert "Typ de naam of de CBS-code van het gebied" in text_of(html)
    assert manager_client.post("/targets/", caseload_target("heijplaat")).status_code == 302
    assert Target.objects.filter(area__code="BU05991593", period_end__year=2029).exists()
    ambiguous = manager_client.post("/targets/", caseload_target("Feijenoord", "2030-12"))  # district and wijk
    assert ambiguous.status_code == 400
    assert "Meer gebieden heten ‘Feijenoord’; typ de CBS-code" in text_of(ambiguous)
    assert manager_client.post("/targets/", caseload_target("wk059910", "2030-12")).status_code == 302
    unknown = manager_client.post("/targets/", caseload_target("Gouda", "2031-06"))
    assert "Er is geen gebied ‘Gouda’" in text_of(unknown)
    note = {"action": "annotate", "notitie-month": "2025-03", "notitie-text": "Start", "notitie-area": ""}
    assert manager_client.post("/targets/", note).status_code == 302  # empty: NPRZ as a whole


def test_the_managers_page_uses_the_same_queries_with_many_areas(manager_client, many_areas, django_assert_num_queries):
    with django_assert_num_queries(14):
        manager_client.get("/targets/")
