"""The month list at /entry/: state, who moved it and when, completeness, late months standing out."""

from activities.models import ActivityRecord
from monitoring.models import CaseloadFigure, ReportingPeriod
from nprz_dashboard.periods import Month
from programme.entry import workflow
from tests.helpers import revision_of


def row_for(response, key):
    return next(row for row in response.context["rows"] if row["month"].key == key)


def test_every_month_up_to_last_month_is_listed_newest_first(editor_client):
    response = editor_client.get("/entry/")
    months = [row["month"].key for row in response.context["rows"]]
    assert months[0] == "2026-10"
    assert months[-1] == "2023-12"
    html = response.content.decode()
    assert '<a href="/entry/2026-10/">oktober 2026</a>' in html
    assert "november 2026" not in html


def test_a_seeded_month_before_the_open_one_is_complete(editor_client):
    row = row_for(editor_client.get("/entry/"), "2026-09")
    assert row["is_complete"]
    assert row["filled"] == row["expected"]


def test_the_seeded_open_month_waits_for_its_outflow_to_work(editor_client):
    row = row_for(editor_client.get("/entry/"), "2026-10")
    assert not row["is_complete"]
    assert row["expected"] - row["filled"] == 26  # outflow to work in every area
    assert row["missing"] == ["Uitstroom naar werk: 26 van 26 ontbreken"]
    assert row["is_late"]  # due 15 November; today is 27 November


def test_the_first_month_only_needs_its_caseload_as_the_baseline(editor_client):
    row = row_for(editor_client.get("/entry/"), "2023-12")
    assert row["is_complete"]
    assert not row["is_late"]
    assert row["expected"] == 26  # the stock of every area; no flows before the series starts


def test_missing_figures_are_named(editor_client):
    CaseloadFigure.objects.filter(month="2026-10-01", indicator="inflow", area__level="neighbourhood").delete()
    response = editor_client.get("/entry/")
    row = row_for(response, "2026-10")
    assert "Instroom: 22 van 26 ontbreken" in row["missing"]  # 22 neighbourhoods of 26 areas
    assert "Instroom: 22 van 26 ontbreken" in response.content.decode()


def test_a_due_month_that_is_empty_stands_out(editor_client):
    CaseloadFigure.objects.filter(month="2026-10-01").delete()
    ActivityRecord.objects.filter(month="2026-10-01").delete()
    response = editor_client.get("/entry/")
    html = response.content.decode()
    row = row_for(response, "2026-10")
    assert row["is_empty"] and row["is_late"]
    assert "Te laat en nog niet compleet" in html
    assert "nog helemaal leeg" in html
    assert "te laat: leeg" in html  # in the table too, not only by colour


def test_state_and_who_moved_it_are_shown(manager_client, editor, manager):
    workflow.submit_period(Month(2026, 9), editor)
    workflow.approve_period(Month(2026, 9), manager, revision=revision_of(Month(2026, 9)))
    workflow.submit_period(Month(2026, 10), editor)
    response = manager_client.get("/entry/")
    html = response.content.decode()
    assert row_for(response, "2026-09")["state_label"] == "goedgekeurd en vergrendeld"
    assert row_for(response, "2026-09")["changed_by"] == "programmamanager"
    assert "Wacht op goedkeuring" in html
    assert "ingediend door beheerder" in html


def test_the_month_list_uses_a_fixed_number_of_queries(editor_client, editor, manager, django_assert_num_queries):
    # session, user, groups, areas, measures, first stored month, periods, caseload counts, record counts,
    # the data stamp (newest audit-trail row of the page's data, one query)
    with django_assert_num_queries(10):
        editor_client.get("/entry/")
    for month in (Month(2026, 8), Month(2026, 9)):
        workflow.submit_period(month, editor)
        workflow.approve_period(month, manager, revision=revision_of(month))
    assert ReportingPeriod.objects.count() == 2
    with django_assert_num_queries(10):
        editor_client.get("/entry/")


def test_the_month_page_counts_the_figures_still_missing_not_the_kinds(editor_client):
    html = editor_client.get("/entry/2026-10/").content.decode()
    assert "Nog niet ingevuld (26 cijfers)" in html  # outflow to work in 26 neighbourhoods, one kind of figure


def test_the_table_lists_the_newest_two_years_and_links_to_every_month_while_late_ones_stay_named(editor_client):
    ActivityRecord.objects.filter(month="2024-03-01").delete()  # an old month, now incomplete and late
    html = editor_client.get("/entry/").content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert table.count('<th scope="row">') == 24
    assert '<a href="/entry/2024-11/">november 2024</a>' in table
    assert "oktober 2024" not in table
    assert "(de 24 nieuwste van 35)" in html
    assert '<a href="?maanden=alle">Toon alle 35 maanden</a>' in html
    late = html.split("Te laat en nog niet compleet")[1].split("</ul>")[0]
    assert '<a href="/entry/2024-03/">maart 2024</a>' in late
    every = editor_client.get("/entry/?maanden=alle").content.decode()
    assert every.split("<tbody>")[1].split("</tbody>")[0].count('<th scope="row">') == 35
    assert "Toon alle" not in every
