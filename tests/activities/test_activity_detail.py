"""/activities/<slug>/: per measure months, running total, areas, and an exportable records table."""

import io
import re

import openpyxl
import pytest
from django.db.models import Sum

from activities.models import Activity, ActivityRecord, Measure
from monitoring.models import Area
from nprz_dashboard.formatting import format_number, format_percent
from tests.helpers import WARM_PAGE_QUERIES, export_csv, text_of

SLUGS = [
    "verzuimaanpak", "checkgesprekken", "bufferbudget", "jobhunters", "kind-en-werkgeluk",
    "wijkwerktafels", "werkstation-op-zuid", "handhaving", "regiodeal-dutch-fresh-port",
]  # fmt: skip


@pytest.mark.parametrize("slug", SLUGS)
def test_every_activity_has_a_page_with_charts_and_an_exportable_table(viewer_client, slug):
    activity = Activity.objects.get(slug=slug)
    response = viewer_client.get(f"/activities/{slug}/")
    html = response.content.decode()
    assert f">{activity.name}</h1>" in html
    assert html.count('class="chart__plot"') >= Measure.objects.filter(activity=activity).count()
    assert "_export=csv" in html and "_export=xlsx" in html
    assert f"Maandcijfers van {activity.name}" in html


def test_home_visits_2024_show_1086_against_700(viewer_client):
    text = text_of(viewer_client.get("/activities/verzuimaanpak/?year=2024"))
    assert re.search(r"Huisbezoeken uitgevoerd \(kernmaat\) .*? 1\.086 ◆ officieel cijfer.*? minstens 700 ◆", text)
    assert "155%" in text
    assert "1.086 tegen 700 doel (155%)" in text
    assert "de maanden zijn demowaarden die daar precies op uitkomen" in text


def test_home_visits_2025_show_progress_against_1200_with_2024_alongside(viewer_client):
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    done = ActivityRecord.objects.for_measure(visits).in_year(2025).aggregate(t=Sum("value"))["t"]
    text = text_of(viewer_client.get("/activities/verzuimaanpak/?year=2025"))
    assert f"{format_number(done)} tegen 1.200 doel" in text
    assert "per maand, 2025 naast 2024" in text
    assert "1.086 ◆" in text  # the previous year's official total beside it


def test_coverage_is_computed_from_reached_persons_and_the_group_at_start(viewer_client):
    reached = ActivityRecord.objects.get(measure__slug="bereikt", month="2026-10-01").value
    group = ActivityRecord.objects.get(measure__slug="groep-sporen-4-5", month="2026-10-01").value
    text = text_of(viewer_client.get("/activities/checkgesprekken/"))
    assert f"Bereik sporen 4 en 5 verhouding (berekend) {format_percent(reached / group * 100, 1)}" in text
    assert "22 van de 24 maanden" in text
    assert "minstens 100,0% ◆" in text


def test_multi_year_target_is_shown_over_its_whole_window(viewer_client):
    text = text_of(viewer_client.get("/activities/regiodeal-dutch-fresh-port/"))
    assert "totaal over meerdere jaren (januari 2026 – december 2029)" in text
    assert "opgeteld over de looptijd tegenover het doel" in text
    assert "400 (demodoel)" in text


def test_euros_are_shown_as_euros(viewer_client):
    html = viewer_client.get(
        "/activities/bufferbudget/?measure=" + str(Measure.objects.get(slug="uitbetaald").pk)
    ).content.decode()
    table = html.split('id="maandcijfers"')[1]
    assert re.search(r"€ \d{1,3}(\.\d{3})*", table)


def test_records_filter_by_measure_area_months_and_status(viewer_client):
    matches = Measure.objects.get(activity__slug="wijkwerktafels", slug="matches")
    bloemhof = Area.objects.get(name="Bloemhof")
    query = f"measure={matches.pk}&area={bloemhof.code}&start=2026-01&end=2026-07&status=nader_voorlopig"
    url = f"/activities/wijkwerktafels/?{query}"
    html = viewer_client.get(url).content.decode()
    rows = re.findall(
        r"<tr class=\"(?:even|odd)\">\s*<td >(.*?)</td><td >(.*?)</td><td >(.*?)</td>",
        html.split('id="maandcijfers"')[1],
    )
    expected = ActivityRecord.objects.filter(
        measure=matches, area=bloemhof, month__gte="2026-01-01", month__lte="2026-07-01", status="nader_voorlopig"
    ).count()
    assert len(rows) == expected > 0
    assert all(r[1] == "Matches" and r[2] == "Bloemhof" for r in rows)


def test_a_wrong_month_gets_a_dutch_message_next_to_the_field_and_no_rows(viewer_client):
    text = text_of(viewer_client.get("/activities/verzuimaanpak/?start=2026-13"))
    assert "Vul een maand in als jjjj-mm, bijvoorbeeld 2025-03" in text
    assert "Geen cijfers voor deze selectie." in text


def test_an_end_month_before_the_start_month_is_refused(viewer_client):
    text = text_of(viewer_client.get("/activities/verzuimaanpak/?start=2026-05&end=2026-01"))
    assert "ligt vóór de maand 'van'" in text


def test_the_csv_export_is_dutch_excel_with_every_filtered_row(viewer_client):
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    response = viewer_client.get(
        f"/activities/verzuimaanpak/?_export=csv&measure={visits.pk}&start=2024-01&end=2024-12"
    )
    assert response["Content-Disposition"] == 'attachment; filename="verzuimaanpak-maandcijfers.csv"'
    header, *lines = export_csv(response)[1]
    assert header == ["Maand", "Maat", "Gebied", "Waarde", "Eenheid", "Status", "Herkomst"]
    assert len(lines) == 12
    assert sum(int(line[3]) for line in lines) == 1086


def test_the_xlsx_export_holds_raw_numbers(viewer_client):
    response = viewer_client.get("/activities/bufferbudget/?_export=xlsx&start=2026-10&end=2026-10")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Maand", "Maat", "Gebied", "Waarde")
    expected = ActivityRecord.objects.filter(measure__activity__slug="bufferbudget", month="2026-10-01").count()
    assert len(rows) - 1 == expected
    assert all(isinstance(r[3], int | float) for r in rows[1:])


def test_an_unknown_activity_is_404(viewer_client):
    assert viewer_client.get("/activities/bestaat-niet/").status_code == 404


def test_it_needs_a_role(client, outsider):
    client.force_login(outsider)
    assert client.get("/activities/verzuimaanpak/").status_code == 403


@pytest.mark.parametrize("extra_months", [0, 6])
def test_the_query_count_does_not_grow_with_the_data(viewer_client, django_assert_num_queries, extra_months):
    nprz = Area.objects.programme().get()
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    for i in range(extra_months):
        ActivityRecord.objects.create(measure=visits, area=nprz, month=f"2023-{i + 1:02d}-01", value=10)
    # session, user, user's roles, the data version (the page cache's key), activity, its measures,
    # monthly totals, targets, revised targets, published totals, chart notes,
    # one page of records (and one more row: the table counts no rows, its area filter is a search,
    # not a select of every area), and for a reader outside the team the
    # activity's records and its measures' targets for disclosure control (small counts
    # withheld in the records, the charts and the sentences alike: review finding 6, issue 12), and
    # the data stamp (newest audit-trail row of the page's data, one query; kept with the page)
    with django_assert_num_queries(15):
        viewer_client.get("/activities/verzuimaanpak/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/activities/verzuimaanpak/")


def test_a_page_recorded_per_neighbourhood_adds_two_fixed_queries(viewer_client, django_assert_num_queries):
    # as above, plus the neighbourhoods shown (every one up to shortlist.NEIGHBOURHOODS_SHOWN), the
    # values per neighbourhood and the outflow to work per neighbourhood
    with django_assert_num_queries(18):  # includes chart notes, revised targets, disclosure control (2) and the stamp
        viewer_client.get("/activities/wijkwerktafels/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/activities/wijkwerktafels/")


def test_an_editor_sees_exact_values_without_the_disclosure_query(editor_client, django_assert_num_queries):
    # the viewer's queries without the records and targets for disclosure control
    with django_assert_num_queries(13):
        editor_client.get("/activities/verzuimaanpak/")
    with django_assert_num_queries(16):
        editor_client.get("/activities/wijkwerktafels/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        editor_client.get("/activities/wijkwerktafels/")
