"""Each figure's history: who changed it, when, from what to what, and why."""

from decimal import Decimal

from activities.models import ActivityRecord
from monitoring.models import CaseloadFigure
from nprz_dashboard.periods import Month
from programme.entry import services, workflow
from programme.entry.catalogue import Catalogue
from tests.helpers import revision_of

OCTOBER = Month(2026, 10)
DAY = "2026-10-01"


def correct_inflow(user, by=1, reason="CBS-herziening"):
    figure = CaseloadFigure.objects.get(indicator="inflow", area__code="BU05991571", month=DAY)
    services.save_month(
        month=OCTOBER,
        user=user,
        slots=Catalogue.load().slots(OCTOBER),
        values={"c-inflow-BU05991571": Decimal(figure.value + by)},
        loaded_revision=0 if by == 1 else 1,
        reason=reason,
    )
    return figure.value


def test_the_month_history_lists_who_when_old_new_and_reason(editor_client, editor):
    old = correct_inflow(editor)
    html = editor_client.get("/entry/2026-10/history/").content.decode()
    assert "Wijzigingen oktober 2026" in html
    assert "Instroom, Tarwewijk (wijk)" in html
    assert "beheerder" in html
    assert "CBS-herziening" in html
    assert f'<td class="num">{old}</td>' in html
    assert f'<td class="num">{old + 1}</td>' in html
    assert "invoerformulier" in html


def test_the_entry_form_links_a_corrected_figure_to_its_history(editor_client, editor):
    correct_inflow(editor)
    html = editor_client.get("/entry/2026-10/").content.decode()
    assert 'href="/entry/2026-10/history/?area=BU05991571&amp;indicator=inflow"' in html
    assert "/history/?area=BU05991571&amp;indicator=outflow" not in html


def test_a_figures_history_shows_only_that_figure_and_its_stored_versions(editor_client, editor):
    old = correct_inflow(editor)
    correct_inflow(editor, by=3, reason="Tweede herziening")
    response = editor_client.get("/entry/2026-10/history/?area=BU05991571&indicator=inflow")
    html = response.content.decode()
    assert "Geschiedenis: Instroom, Tarwewijk (wijk), oktober 2026" in html
    assert [(row["old"], row["new"], row["reason"]) for row in response.context["rows"]] == [
        (old + 1, old + 4, "Tweede herziening"),
        (old, old + 1, "CBS-herziening"),
    ]
    # the technical trail includes the demo seed
    assert "Demodata geladen (seed_demo)" in html
    assert "Huidige waarde" in html


def test_an_activity_measures_history_is_reachable_by_measure_id(editor_client):
    record = ActivityRecord.objects.filter(month=DAY, area__code="NPRZ").select_related("measure").first()
    response = editor_client.get(f"/entry/2026-10/history/?area=NPRZ&measure={record.measure_id}")
    assert record.measure.name in response.content.decode()


def test_period_steps_appear_in_the_month_history(editor_client, editor, manager):
    workflow.submit_period(OCTOBER, editor)
    workflow.approve_period(OCTOBER, manager, revision=revision_of(OCTOBER))
    workflow.reopen_period(OCTOBER, manager, "Nagekomen uitstroom")
    html = editor_client.get("/entry/2026-10/history/").content.decode()
    assert "ingediend" in html
    assert "goedgekeurd en vergrendeld" in html
    assert "heropend" in html
    assert "Nagekomen uitstroom" in html


def test_an_unknown_figure_is_404(editor_client):
    assert editor_client.get("/entry/2026-10/history/?area=NPRZ&indicator=nonsense").status_code == 404
    assert editor_client.get("/entry/2026-10/history/?area=XX&indicator=inflow").status_code == 404


def test_the_history_page_uses_a_fixed_number_of_queries(editor_client, editor, django_assert_num_queries):
    correct_inflow(editor)
    # session, user, groups, value changes (with event, user and area), period events (with user),
    # overridden warnings (with event and user)
    with django_assert_num_queries(6):
        editor_client.get("/entry/2026-10/history/")
    correct_inflow(editor, by=3)
    with django_assert_num_queries(6):
        response = editor_client.get("/entry/2026-10/history/")
    assert len(response.context["rows"]) == 6  # Tarwewijk, Charlois and NPRZ, twice


def test_stored_versions_say_in_dutch_whether_a_figure_was_created_or_changed(editor_client, editor):
    figure = CaseloadFigure.objects.get(indicator="inflow", area__code="BU05991571", month=DAY)
    CaseloadFigure.history.filter(id=figure.id).update(history_change_reason="")  # show the type, not a reason
    response = editor_client.get("/entry/2026-10/history/?area=BU05991571&indicator=inflow")
    html = response.content.decode()
    assert [version["type"] for version in response.context["figure"]["versions"]] == ["aangemaakt"]
    assert "<td>aangemaakt</td>" in html
    assert "Created" not in html and "Changed" not in html
