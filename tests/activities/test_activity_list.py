"""/activities/: every activity's key measure against its target, with status, filters and the rule."""

import re
from decimal import Decimal

import pytest
from django.db.models import Sum

from activities.models import ActivityRecord, Measure
from monitoring.models import Area
from nprz_dashboard.formatting import format_number
from tests.helpers import WARM_PAGE_QUERIES, text_of


def row_text(response, activity):
    html = response.content.decode()
    match = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"/activities/[^\"]+/\">" + re.escape(activity) + r".*?</tr>", html, re.S
    )
    assert match, f"no row for {activity}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def test_2024_shows_1086_home_visits_against_700_which_is_155_percent(viewer_client):
    row = row_text(viewer_client.get("/activities/?year=2024"), "Verzuimaanpak: huisbezoeken")
    assert "1.086" in row
    assert "700" in row
    assert "155%" in row
    assert "officieel cijfer" in row and "gepubliceerd doel" in row
    assert "op koers" in row


def test_2025_shows_the_home_visits_against_the_published_1200(viewer_client):
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    done = ActivityRecord.objects.for_measure(visits).in_year(2025).aggregate(total=Sum("value"))["total"]
    row = row_text(viewer_client.get("/activities/?year=2025"), "Verzuimaanpak: huisbezoeken")
    assert format_number(done) in row
    assert "1.200" in row and "gepubliceerd doel" in row
    assert f"{format_number(done / Decimal(1200) * 100)}%" in row


def test_this_year_runs_to_october_2026_and_labels_demo_targets(viewer_client):
    response = viewer_client.get("/activities/")
    text = text_of(response)
    assert "kernmaat in 2026, tot en met oktober 2026" in text
    assert "1.200 (demodoel)" in row_text(response, "Verzuimaanpak: huisbezoeken")
    assert "synthetische demogegevens" in text


def test_every_activity_in_the_letter_is_listed_with_a_link(viewer_client):
    html = viewer_client.get("/activities/").content.decode()
    for slug in [
        "verzuimaanpak", "checkgesprekken", "bufferbudget", "jobhunters", "kind-en-werkgeluk",
        "wijkwerktafels", "werkstation-op-zuid", "handhaving", "regiodeal-dutch-fresh-port",
    ]:  # fmt: skip
        assert f'href="/activities/{slug}/"' in html


def test_each_row_has_a_status_in_words(viewer_client):
    html = viewer_client.get("/activities/").content.decode()
    statuses = re.findall(r'<span class="status status--(\w+)">([^<]+)</span>', html)
    assert len(statuses) == 9
    words = {"on_track": "op koers", "at_risk": "risico", "off_track": "niet op koers", "none": "geen doel"}
    assert all(words[css] == label for css, label in statuses)


def test_the_status_rule_is_explained(viewer_client):
    text = text_of(viewer_client.get("/activities/"))
    assert "Zo bepalen we de status" in text
    assert "naar rato" in text and "100% aan het eind van de termijn van 24 maanden" in text


def test_filter_by_project_shows_only_minw(viewer_client):
    text = text_of(viewer_client.get("/activities/?project=minw"))
    assert "Checkgesprekken" in text and "Bufferbudget" in text
    assert "(2 van 9)" in text
    assert "Jobhunters" not in text.split("Kernmaat tegenover")[0]


def test_filter_by_status_shows_only_that_status(viewer_client):
    html = viewer_client.get("/activities/?status=off_track").content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert set(re.findall(r"status--(\w+)", table)) == {"off_track"}


def test_sort_by_status_puts_what_needs_attention_first(viewer_client):
    html = viewer_client.get("/activities/?sort=status").content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    order = re.findall(r"status--(\w+)", table)
    rank = {"off_track": 0, "at_risk": 1, "on_track": 2, "none": 3}
    assert [rank[s] for s in order] == sorted(rank[s] for s in order)


def test_an_unknown_year_gets_a_dutch_message_and_the_current_year(viewer_client):
    response = viewer_client.get("/activities/?year=2031")
    text = text_of(response)
    assert "Selecteer een geldige keuze" in text
    assert "kernmaat in 2026" in text


def test_the_page_has_a_chart_with_its_table(viewer_client):
    html = viewer_client.get("/activities/").content.decode()
    assert 'data-chart="voortgang-data"' in html
    assert "Toon tabel" in html


def test_it_needs_a_role(client, outsider):
    client.force_login(outsider)
    assert client.get("/activities/").status_code == 403


def test_it_needs_a_login(client):
    response = client.get("/activities/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("extra_months", [0, 6])
def test_the_query_count_does_not_grow_with_the_data(viewer_client, django_assert_num_queries, extra_months):
    nprz = Area.objects.programme().get()
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    for i in range(extra_months):
        ActivityRecord.objects.create(measure=visits, area=nprz, month=f"2023-{i + 1:02d}-01", value=10)
    # session, user, user's roles, the data version (the page cache's key), activities with
    # project, key measures, monthly totals, targets, published totals, and for a reader the
    # records per neighbourhood of the key measures recorded so (disclosure control, issue 12), and
    # the data stamp (newest audit-trail row of the page's data, one query; kept with the page)
    with django_assert_num_queries(11):
        viewer_client.get("/activities/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/activities/")


def test_sorting_on_progress_puts_withheld_values_last_in_letter_order_whatever_they_are():
    """Issue 19: a reader's withheld key measure has no share, so its place never follows its value."""
    from types import SimpleNamespace

    from activities.analytics import percent
    from activities.key_rows import select_rows
    from nprz_dashboard.disclosure import Withheld

    def row(name, value, due=100):
        progress = SimpleNamespace(share_of_due=percent(value, due))
        return {"activity": name, "project_slug": "", "status": None, "progress": progress}

    rows = [row("A", Withheld("<10")), row("B", 80), row("C", Withheld("x")), row("D", 40)]
    assert [r["activity"] for r in select_rows(rows, sort="voortgang")] == ["D", "B", "A", "C"]
