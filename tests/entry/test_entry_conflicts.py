"""Two people editing the same month: a later save never silently overwrites an earlier one."""

from django.test import Client

from activities.models import ActivityRecord, Measure
from monitoring.models import ValueChange
from tests.conftest import make_user
from tests.helpers import loaded_form

DAY = "2026-10-01"


def measure_key(activity, slug):
    return f"m-{Measure.objects.get(activity__slug=activity, slug=slug).id}-NPRZ"


def value_of(activity, slug):
    return ActivityRecord.objects.get(measure__activity__slug=activity, measure__slug=slug, month=DAY).value


def other_editor_client():
    client = Client()
    client.force_login(make_user("tweede-beheerder", "editor"))
    return client


def test_two_edits_of_the_same_value_produce_a_conflict_not_an_overwrite(editor_client):
    colleague = other_editor_client()
    key = measure_key("handhaving", "onderzoeken")
    original = value_of("handhaving", "onderzoeken")
    mine, theirs = loaded_form(editor_client), loaded_form(colleague)

    theirs[key] = str(int(original) + 2)
    theirs["reason"] = "Nagekomen onderzoeken"
    assert colleague.post("/entry/2026-10/", theirs).status_code == 302

    mine[key] = str(int(original) + 5)
    mine["reason"] = "Mijn telling"
    response = editor_client.post("/entry/2026-10/", mine)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft deze maand gewijzigd" in html
    assert "tweede-beheerder" in html
    conflict = response.context["conflicts"][0]
    assert (conflict.at_load, conflict.theirs, conflict.mine) == (original, original + 2, original + 5)
    # the colleague's value stands
    assert value_of("handhaving", "onderzoeken") == original + 2
    assert ValueChange.objects.count() == 1


def test_after_seeing_the_conflict_a_second_save_is_a_deliberate_choice(editor_client):
    colleague = other_editor_client()
    key = measure_key("handhaving", "onderzoeken")
    original = value_of("handhaving", "onderzoeken")
    mine, theirs = loaded_form(editor_client), loaded_form(colleague)
    theirs[key] = str(int(original) + 2)
    theirs["reason"] = "Nagekomen"
    colleague.post("/entry/2026-10/", theirs)
    mine[key] = str(int(original) + 5)
    mine["reason"] = "Mijn telling"
    response = editor_client.post("/entry/2026-10/", mine)

    # the re-shown form carries the new revision; saving it now is a conscious overwrite
    again = {**mine, "revision": response.context["form"]["revision"].value()}
    assert editor_client.post("/entry/2026-10/", again).status_code == 302
    assert value_of("handhaving", "onderzoeken") == original + 5
    assert ValueChange.objects.count() == 2


def test_a_field_you_left_alone_keeps_the_value_someone_else_saved(editor_client):
    colleague = other_editor_client()
    theirs_key, mine_key = measure_key("handhaving", "onderzoeken"), measure_key("handhaving", "maatregelen")
    investigations, measures = value_of("handhaving", "onderzoeken"), value_of("handhaving", "maatregelen")
    mine, theirs = loaded_form(editor_client), loaded_form(colleague)

    theirs[theirs_key] = str(int(investigations) + 2)
    theirs["reason"] = "Nagekomen"
    colleague.post("/entry/2026-10/", theirs)

    # my stale form still shows the old number of investigations; I only change the measures
    mine[mine_key] = str(int(measures) + 1)
    mine["reason"] = "Een maatregel vergeten"
    assert editor_client.post("/entry/2026-10/", mine).status_code == 302
    assert value_of("handhaving", "onderzoeken") == investigations + 2  # not overwritten with the old value
    assert value_of("handhaving", "maatregelen") == measures + 1


def test_both_entering_the_same_value_is_no_conflict(editor_client):
    colleague = other_editor_client()
    key = measure_key("handhaving", "onderzoeken")
    original = value_of("handhaving", "onderzoeken")
    mine, theirs = loaded_form(editor_client), loaded_form(colleague)
    for data in (theirs, mine):
        data[key] = str(int(original) + 2)
        data["reason"] = "Nagekomen"
    colleague.post("/entry/2026-10/", theirs)
    response = editor_client.post("/entry/2026-10/", mine, follow=True)
    assert "niets gewijzigd" in response.content.decode()
    assert ValueChange.objects.count() == 1
