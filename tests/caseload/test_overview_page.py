"""The overview at / answers: is the caseload falling fast enough?"""

import datetime as dt
import html
import re

from monitoring.models import CaseloadFigure
from monitoring.setup.scale_data import generate_caseload
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_number, format_signed
from nprz_dashboard.periods import Month
from tests.helpers import chart_data, text_of


def nprz_caseload(month: Month) -> int:
    return CaseloadFigure.objects.caseload().get(area__code="NPRZ", month=month.first_day).value


def test_it_shows_the_latest_caseload_with_its_month_and_status(viewer_client):
    text = text_of(viewer_client.get("/"))
    latest = nprz_caseload(Month(2026, 10))
    assert f"Laatste stand, eind oktober 2026 {format_number(latest)}" in text
    assert "status: voorlopig" in text


def test_it_shows_the_change_since_the_start_of_the_year(viewer_client):
    change = nprz_caseload(Month(2026, 10)) - nprz_caseload(Month(2025, 12))
    text = text_of(viewer_client.get("/"))
    assert f"Verandering sinds begin 2026 {format_signed(change)}" in text


def test_without_a_published_2026_target_it_uses_the_derived_12000_labelled_afgeleid(viewer_client):
    # 12.400 at the end of 2025 to 10.000 at the end of 2031 is −400 a year: 12.000 at the end of 2026.
    text = text_of(viewer_client.get("/"))
    distance = nprz_caseload(Month(2026, 10)) - 12_000
    assert f"Afstand tot het doel voor eind 2026 {format_signed(distance)} doel hoogstens 12.000 (afgeleid)" in text
    assert "hoogstens 12.000 (afgeleid, geen gepubliceerd doel)" in text


def test_it_shows_the_required_pace_against_the_actual_pace(viewer_client):
    latest = nprz_caseload(Month(2026, 10))
    required = (12_000 - latest) / 2  # two months left until December 2026
    actual = (latest - nprz_caseload(Month(2025, 10))) / 12
    text = text_of(viewer_client.get("/"))
    assert f"Tempo per maand {format_signed(required, 1)} nodig" in text
    assert f"werkelijk {format_signed(actual, 1)} per maand" in text


def test_it_shows_the_2025_result_and_the_distance_to_the_2031_goal(viewer_client):
    text = text_of(viewer_client.get("/"))
    end_2025 = nprz_caseload(Month(2025, 12))
    assert re.search(rf"eind december 2025 hoogstens 12\.400 .*? {format_number(end_2025)} ", text)
    assert f"Afstand tot het einddoel eind 2031 {format_signed(nprz_caseload(Month(2026, 10)) - 10_000)}" in text


def test_it_judges_the_status_and_explains_the_rule(viewer_client):
    text = text_of(viewer_client.get("/"))
    assert re.search(r"Oordeel voor eind 2026 (op koers|risico|niet op koers)", text)
    assert "Hoe het oordeel wordt bepaald" in text
    assert "gemiddelde tempo van de afgelopen 12 maanden" in text


def test_in_november_2025_the_year_target_is_the_published_12400(viewer_client, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 11, 27))
    text = text_of(viewer_client.get("/"))
    assert f"Laatste stand, eind oktober 2025 {format_number(nprz_caseload(Month(2025, 10)))}" in text
    assert "Afstand tot het doel voor eind 2025" in text
    assert "doel hoogstens 12.400 ◆" in text
    assert "(afgeleid)" not in text


def test_the_headline_chart_has_actuals_targets_a_derived_path_and_a_projection(viewer_client):
    response = viewer_client.get("/")
    traces = {trace["name"]: trace for trace in chart_data(response, "trend")["data"]}
    actual = traces["stand (bijstandsuitkeringen)"]
    assert actual["x"][0] == "2023-12-01" and actual["x"][-1] == "2026-10-01"
    assert actual["line"]["dash"] == "solid"
    assert traces["◆ officieel cijfer"]["y"] == [13065, 12794, 12947]
    assert traces["gepubliceerd doel (hoogstens)"]["y"] == [12750, 12400, 10000]
    glide = traces["afgeleid pad (geen gepubliceerd doel)"]
    assert (glide["x"][0], glide["y"][0], glide["x"][-1], glide["y"][-1]) == ("2025-12-01", 12400, "2031-12-01", 10000)
    assert glide["line"]["dash"] == "dashdot"
    projection = traces["projectie bij huidig tempo"]
    assert projection["x"][-1] == "2026-12-01"
    assert projection["line"]["dash"] == "dot"


def test_the_chart_sits_in_a_figure_with_a_sentence_and_a_table(viewer_client):
    html = viewer_client.get("/").content.decode()
    latest = format_number(nprz_caseload(Month(2026, 10)))
    assert '<figure class="chart" id="trend"' in html
    assert f"Eind oktober 2026: {latest} uitkeringen in NPRZ-gebied" in html
    assert "boven het afgeleide doel voor eind 2026 (12.000)" in html
    assert "<summary>Toon tabel</summary>" in html
    assert re.search(r"<td class=\"num\">12\.794 ◆ \(\d\)</td>", html)  # its source is a numbered note
    assert '<ol class="table-notes"' in html
    assert 'data-chart="trend-data"' in html


def test_it_leaves_a_place_for_the_activity_block(viewer_client):
    assert 'id="activities-block-title"' in viewer_client.get("/").content.decode()


def test_it_links_to_the_caseload_page(viewer_client):
    assert 'href="/caseload/"' in viewer_client.get("/").content.decode()


def test_a_user_without_a_role_gets_403(client, outsider):
    client.force_login(outsider)
    response = client.get("/")
    assert response.status_code == 403
    assert "geen toegang" in response.content.decode().lower()


def test_it_uses_thirteen_queries_also_when_the_data_grows_tenfold(viewer_client, django_assert_num_queries):
    # 1 session, 2 user, 3 the user's role groups, 4 the NPRZ area, 5 every NPRZ caseload
    # figure with its source (one query), 6 the targets in force with their source;
    # the activity block: 7 activities, 8 their key measures, 9 monthly sums of the key
    # measures' records, 10 their targets, 11 their published totals, 12 the records per
    # neighbourhood of key measures recorded so, for disclosure control (issue 12), 13 the data
    # stamp (newest audit-trail row of the page's data, one query).
    with django_assert_num_queries(13):
        viewer_client.get("/")
    before = CaseloadFigure.objects.count()
    generate_caseload(Month(1995, 1), Month(2023, 11))  # 29 years before the demo data
    assert CaseloadFigure.objects.count() >= 10 * before
    with django_assert_num_queries(13):
        response = viewer_client.get("/")
    assert response.status_code == 200


ASSUMED = "De brief noemt geen maand; februari 2025 is aangenomen."


def test_the_letters_12947_says_its_month_is_assumed_in_the_hover_the_table_and_the_notes(viewer_client):
    response = viewer_client.get("/")
    official = {trace["name"]: trace for trace in chart_data(response, "trend")["data"]}["◆ officieel cijfer"]
    hover = dict(zip(official["y"], official["hovertext"], strict=True))
    assert ASSUMED in hover[12947] and "Brief" in hover[12947]
    text = html.unescape(text_of(response))
    number = re.search(r"februari 2025 12\.947 ◆ \((\d)\)", text).group(1)  # the table cell, and its note:
    notes = re.search(r'<ol class="table-notes"[^>]*>(.*?)</ol>', response.content.decode(), re.S).group(1)
    note = re.findall(r"<li>(.*?)</li>", notes)[int(number) - 1]
    assert re.fullmatch(r"◆ officieel \(Brief[^;]*; [^;]*" + re.escape(ASSUMED) + r"\)", html.unescape(note))
    assert f"◆ februari 2025: 'De huidige stand is 12.947.' {ASSUMED}" in text


def test_when_the_letters_12947_is_the_latest_figure_the_card_says_its_month_is_assumed(viewer_client, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 3, 27))
    response = viewer_client.get("/")
    text = html.unescape(text_of(response))
    assert "Laatste stand, eind februari 2025 12.947" in text
    assert f"◆ 'De huidige stand is 12.947.' {ASSUMED}" in text
    assert f'{ASSUMED}">◆' in html.unescape(response.content.decode())
