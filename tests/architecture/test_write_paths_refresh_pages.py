"""Every write path makes the next page show the new value, with the page cache on.

The page cache (nprz_dashboard/page_cache.py) keeps read pages under the data version,
which a trigger on every data table replaces (nprz_dashboard/data_version.py). Each test
here reads a page until it comes from the cache, writes through one real path as a user
would, and reads the page again. The write paths:

- the entry form (new values and corrections with a reason), the import (CSV);
- the admin: figures, activity records, and every other ModelAdmin that writes
  (areas, sources, projects, activities with their measures, measures, published
  totals, the notes of targets and activity targets);
- targets: add, revise; chart notes (annotations);
- quarterly reports: narratives, publish;
- a month's workflow: submit, approve (lock), reopen;
- `seed_demo`.
"""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from activities.models import Activity, ActivityRecord, ActivityTarget, Measure, Project, PublishedTotal
from monitoring.models import Area, CaseloadFigure, Source, Target
from nprz_dashboard import clock
from nprz_dashboard.periods import Month, Quarter
from programme.entry import workflow
from tests.helpers import approve_quarter, client_for, loaded_form, overriding, revision_of, text_of

OCTOBER = Month(2026, 10)
VISITS_PAGE = "/activities/verzuimaanpak/"
NEW_VISITS = 4321  # shown as 4.321; no other figure on the page is


def kept(client, url: str) -> str:
    """Read a page until the page cache serves it; return what the reader sees."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Server-Timing"] == 'page;desc="hit"'
    return text_of(response)


def next_read(client, url: str) -> str:
    """The next read after a write: built again, not served from the cache."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Server-Timing"] == 'page;desc="miss"'
    return text_of(response)


def visits() -> ActivityRecord:
    return ActivityRecord.objects.get(measure__slug="huisbezoeken", area__code="NPRZ", month=OCTOBER.first_day)


def visits_measure_id() -> int:
    return Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken").pk


def save_month(client, data):
    """Save October's form; a large change asks for confirmation first, which the editor gives."""
    response = client.post("/entry/2026-10/", data)
    if response.status_code == 200:
        response = client.post("/entry/2026-10/", overriding(response, data))
    return response


@pytest.fixture
def reader(viewer):
    return client_for(viewer)


@pytest.fixture
def superuser(db):
    return client_for(User.objects.create_superuser("technisch-beheer", password="x-lang-genoeg-wachtwoord"))


# --- entry form and import ----------------------------------------------------------------------


def test_a_value_corrected_on_the_entry_form_shows_on_the_next_page(reader, editor):
    assert "4.321" not in kept(reader, VISITS_PAGE)
    editor_client = client_for(editor)
    data = {**loaded_form(editor_client), f"m-{visits().measure_id}-NPRZ": str(NEW_VISITS)}
    data["reason"] = "Telling van het wijkteam aangevuld"
    assert save_month(editor_client, data).status_code == 302
    assert "4.321" in next_read(reader, VISITS_PAGE)


def test_a_new_value_entered_on_the_form_shows_on_the_next_page(reader, editor):
    visits().delete()  # an empty field on the form, entered now
    before = kept(reader, VISITS_PAGE)
    editor_client = client_for(editor)
    data = {**loaded_form(editor_client), f"m-{visits_measure_id()}-NPRZ": str(NEW_VISITS)}
    assert save_month(editor_client, data).status_code == 302
    assert "4.321" not in before and "4.321" in next_read(reader, VISITS_PAGE)


def test_an_imported_file_shows_on_the_next_page(reader, editor):
    assert "4.321" not in kept(reader, VISITS_PAGE)
    editor_client = client_for(editor)
    content = f"maand;cijfer;gebied;waarde\r\n2026-10;verzuimaanpak/huisbezoeken;NPRZ;{NEW_VISITS}\r\n".encode()
    preview = editor_client.post(
        "/entry/import/", {"step": "preview", "file": SimpleUploadedFile("oktober.csv", content, "text/csv")}
    )
    form = preview.context["confirm_form"]
    response = editor_client.post("/entry/import/", {
        "step": "confirm", "batch": form["batch"].value(), "fingerprint": form["fingerprint"].value(),
        "reason": "Telling van het wijkteam aangevuld",
        **{f"override-{row['id']}": "Klopt" for row in preview.context["override_rows"]},
    })  # fmt: skip
    assert response.status_code == 302
    assert visits().value == NEW_VISITS
    assert "4.321" in next_read(reader, VISITS_PAGE)


# --- the admin ----------------------------------------------------------------------------------


def admin_form_data(response) -> dict:
    """Return an admin change form (with its inlines) as the browser would post it unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if field.disabled or value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def admin_change(client, obj, **changes):
    url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
    data = {**admin_form_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def test_a_figure_corrected_in_the_admin_shows_on_the_next_page(reader, superuser):
    # A neighbourhood's correction carries its district's and NPRZ's totals (12.191 + 154).
    figure = CaseloadFigure.objects.get(month=OCTOBER.first_day, indicator="caseload", area__code="BU05991081")
    assert "12.191" in kept(reader, "/")
    admin_change(superuser, figure, value=str(figure.value + 154), change_reason="Typfout hersteld")
    text = next_read(reader, "/")
    assert "12.345" in text and "12.191" not in text


def test_an_activity_record_corrected_in_the_admin_shows_on_the_next_page(reader, superuser):
    assert "4.321" not in kept(reader, VISITS_PAGE)
    admin_change(superuser, visits(), value=str(NEW_VISITS), change_reason="Telling aangevuld")
    assert "4.321" in next_read(reader, VISITS_PAGE)


ADMIN_WRITES = [
    # (object, field, new text, page that shows it)
    (lambda: Area.objects.get(code="BU05991081"), "name", "Bloemhof-Noord", "/caseload/"),
    (lambda: Source.objects.get(), "title", "Brief wethouder, herziene uitgave", "/targets/"),
    (lambda: Project.objects.get(), "name", "Inkomenszekerheid en Werk", "/activities/"),
    (lambda: Activity.objects.get(slug="verzuimaanpak"), "name", "Verzuimaanpak aan huis", "/activities/"),
    (lambda: Measure.objects.get(slug="huisbezoeken"), "name", "Huisbezoeken afgelegd", VISITS_PAGE),
    (lambda: PublishedTotal.objects.get(year=2024, measure__slug="huisbezoeken"), "value", "1087",
     f"{VISITS_PAGE}?year=2024"),
    (lambda: Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end="2025-12-01"),
     "note", "Doel bevestigd in de commissie", "/targets/"),
    (lambda: ActivityTarget.objects.filter(note__startswith="Demodoel").first(), "note",
     "Demodoel, besproken in de stuurgroep", "/targets/"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("target", "field", "new", "url"),
    ADMIN_WRITES,
    ids=["area", "source", "project", "activity", "measure", "published-total", "target-note", "activity-target-note"],
)
def test_every_admin_that_writes_shows_its_change_on_the_next_page(reader, superuser, target, field, new, url):
    obj = target()
    shown = "1.087" if field == "value" else new
    assert shown not in kept(reader, url)
    admin_change(superuser, obj, **{field: new})
    assert shown in next_read(reader, url)


# --- targets and notes --------------------------------------------------------------------------


def test_a_target_added_by_a_manager_shows_on_the_next_page(reader, manager):
    assert "11.111" not in kept(reader, "/targets/")
    response = client_for(manager).post("/targets/", {
        "action": "add", "doel-subject": "caseload:caseload", "doel-area": "NPRZ", "doel-comparator": "at_most",
        "doel-period_kind": "year_end", "doel-start": "2028-01", "doel-end": "2028-12", "doel-value": "11.111",
        "doel-provenance": "published", "doel-new_source_title": "Raadsbrief", "doel-new_source_date": "1-3-2026",
    })  # fmt: skip
    assert response.status_code == 302
    assert "11.111" in next_read(reader, "/targets/")


def test_a_revised_target_shows_on_the_next_page(reader, manager):
    original = Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end="2025-12-01")
    assert "12.500" not in kept(reader, "/targets/")
    response = client_for(manager).post("/targets/", {
        "action": "revise", "target": f"caseload-{original.pk}", "value": "12.500",
        "reason": "Besluit gemeenteraad", "new_source_title": "Raadsbesluit 2025", "new_source_date": "15-6-2025",
    })  # fmt: skip
    assert response.status_code == 302
    assert "12.500" in next_read(reader, "/targets/")


def test_a_chart_note_shows_on_the_next_page(reader, manager):
    assert "start Kind en Werkgeluk" not in kept(reader, "/targets/")
    response = client_for(manager).post(
        "/targets/", {"action": "annotate", "notitie-month": "2025-03", "notitie-text": "start Kind en Werkgeluk"}
    )
    assert response.status_code == 302
    assert "start Kind en Werkgeluk" in next_read(reader, "/targets/")


# --- quarterly reports --------------------------------------------------------------------------


def test_a_published_quarter_shows_on_the_next_page(reader, manager):
    approve_quarter(Quarter(2025, 1))
    assert "1e kwartaal 2025" not in kept(reader, "/reports/")
    response = client_for(manager).post(
        "/reports/2025/q1/", {"caseload": "Het bestand steeg.", "publiceren": "1", "bevestigen": "1"}
    )
    assert response.status_code == 302
    assert "1e kwartaal 2025" in next_read(reader, "/reports/")
    assert "Het bestand steeg." in text_of(reader.get("/reports/2025/q1/"))


def test_a_new_version_with_new_narratives_shows_on_the_next_page(reader, manager):
    approve_quarter(Quarter(2025, 1))
    manager_client = client_for(manager)
    manager_client.post("/reports/2025/q1/", {"caseload": "Eerste tekst.", "publiceren": "1", "bevestigen": "1"})
    assert "Eerste tekst." in kept(reader, "/reports/2025/q1/")
    concept = manager_client.get("/reports/2025/q1/?version=concept").context["form"]
    texts = {name: concept[name].value() for name in concept.fields}  # with the revisions it was loaded at
    saved = manager_client.post("/reports/2025/q1/", {**texts, "caseload": "Tweede tekst.", "opslaan": "1"})
    assert saved.status_code == 302
    # a saved narrative is part of the data: the manager's concept (never kept) shows it at once
    assert "Tweede tekst." in text_of(manager_client.get("/reports/2025/q1/?version=concept"))
    concept = manager_client.get("/reports/2025/q1/?version=concept").context["form"]
    texts = {name: concept[name].value() for name in concept.fields}
    published = manager_client.post(
        "/reports/2025/q1/", {**texts, "publiceren": "1", "bevestigen": "1", "note": "Tekst bijgewerkt"}
    )
    assert published.status_code == 302
    text = next_read(reader, "/reports/2025/q1/")
    assert "Tweede tekst." in text and "Versie 2 van 2" in text


# --- a month's workflow -------------------------------------------------------------------------


FIGURES_PAGE = "/caseload/figures/?area=NPRZ"


def october_status(text: str) -> str:
    """The status the figures table gives NPRZ's October row."""
    return re.search(r"NPRZ-gebied oktober 2026 [\d. –]+ (voorlopig|definitief)", text).group(1)


@pytest.fixture
def registered_october(db):
    # Demo values have no status to show; registered figures do ("voorlopig" until approved).
    CaseloadFigure.objects.filter(month=OCTOBER.first_day, area__code="NPRZ").update(origin="registered")


def test_approving_a_month_shows_its_figures_as_final_on_the_next_page(reader, editor, manager, registered_october):
    assert client_for(editor).post("/entry/2026-10/", {"action": "submit"}).status_code == 302
    assert october_status(kept(reader, FIGURES_PAGE)) == "voorlopig"
    data = {"action": "approve", "revision": revision_of(OCTOBER), "final_caseload": "on", "final_activities": "on"}
    assert client_for(manager).post("/entry/2026-10/", data).status_code == 302
    assert october_status(next_read(reader, FIGURES_PAGE)) == "definitief"


def test_submitting_and_reopening_a_month_build_the_pages_again(reader, editor, manager, registered_october):
    # Neither changes a figure a reader sees, but both are recorded data: the pages follow the version.
    kept(reader, FIGURES_PAGE)
    workflow.submit_period(OCTOBER, editor)
    next_read(reader, FIGURES_PAGE)
    workflow.approve_period(OCTOBER, manager, revision=revision_of(OCTOBER))
    assert october_status(next_read(reader, FIGURES_PAGE)) == "definitief"
    kept(reader, FIGURES_PAGE)
    reopened = client_for(manager).post("/entry/2026-10/", {"action": "reopen", "reopen_reason": "CBS herzag"})
    assert reopened.status_code == 302
    next_read(reader, FIGURES_PAGE)


# --- seed_demo ----------------------------------------------------------------------------------


def test_seed_demo_adding_a_month_shows_on_the_next_page(reader, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 2))  # November is complete now
    assert "eind oktober 2026" in kept(reader, "/")
    call_command("seed_demo", until="2026-11", no_users=True, stdout=io.StringIO())
    assert "eind november 2026" in next_read(reader, "/")
