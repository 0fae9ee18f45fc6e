"""The overview at / answers: is the caseload falling fast enough?"""

import datetime as dt
import html
import re

from monitoring.models import CaseloadFigure
from monitoring.setup.scale_data import generate_caseload
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_number, format_signed
from nprz_dashboard.judgement import TRACK_LABELS, stock_status
from nprz_dashboard.periods import Month
from tests.helpers import WARM_PAGE_QUERIES, chart_data, text_of, traces


def nprz_caseload(month: Month) -> int:
    return CaseloadFigure.objects.caseload().get(area__code="NPRZ", month=month.first_day).value


def answer(response) -> str:
    """Return the text of the first screen's answer (the verdicts on the published targets)."""
    html = response.content.decode()
    start = html.index('id="answer-title"')
    return text_of(html[start : html.index('id="letter-title"')])


def test_it_shows_the_latest_caseload_with_its_month_and_says_it_is_a_demo_value(viewer_client):
    text = answer(viewer_client.get("/"))
    latest = nprz_caseload(Month(2026, 10))
    assert f"Laatste stand: {format_number(latest)} uitkeringen eind oktober 2026 (demowaarde)" in text
    # Demo values carry no CBS status: "voorlopig" and "definitief" are for real figures.
    assert "voorlopig" not in text and "definitief" not in text


def test_it_shows_the_change_since_the_start_of_the_year(viewer_client):
    change = nprz_caseload(Month(2026, 10)) - nprz_caseload(Month(2025, 12))
    assert f"sinds eind december 2025: {format_signed(change)}" in answer(viewer_client.get("/"))


def test_the_first_screen_answers_for_2025_and_2031_in_words_and_figures(viewer_client):
    text = answer(viewer_client.get("/"))
    end_2025 = nprz_caseload(Month(2025, 12))
    verdict_2025 = "gehaald" if end_2025 <= 12_400 else "niet gehaald"
    where = "onder" if end_2025 <= 12_400 else "boven"
    assert (
        f"Doel eind 2025: hoogstens 12.400 ◆ gepubliceerd doel, bron: Brief wethouder aan de commissie: "
        f"Samen voor Zuid (NPRZ pijler Werk) 2025 {verdict_2025} (demo) (afgelopen) "
        f"Stand {format_number(end_2025)} eind december 2025, {format_number(abs(end_2025 - 12_400))} {where} het doel."
    ) in text
    assert "Einddoel eind 2031: hoogstens 10.000 ◆" in text


def test_a_derived_point_is_never_the_headline_but_shown_as_derived_below(viewer_client):
    # 12.400 at the end of 2025 to 10.000 at the end of 2031 is −400 a year: 12.000 at the end of 2026.
    response = viewer_client.get("/")
    assert "12.000" not in answer(response)
    text = text_of(response)
    distance = nprz_caseload(Month(2026, 10)) - 12_000
    assert "Afgeleide tussenpunten (geen gepubliceerde doelen)" in text
    assert f"december 2026 12.000 {format_number(nprz_caseload(Month(2026, 10)))} (eind oktober 2026) , " in text
    assert f"(eind oktober 2026) , {format_signed(distance)}" in text
    assert "december 2030 10.400" in text
    assert text.index("Afgeleide tussenpunten") > text.index("Stand tegenover de doelen")


def test_the_2031_verdict_sets_the_pace_needed_against_the_pace_achieved(viewer_client):
    latest = nprz_caseload(Month(2026, 10))
    months = Month(2031, 12) - Month(2026, 10)  # 62 months to go
    needed = (latest - 10_000) / months
    achieved = (nprz_caseload(Month(2025, 10)) - latest) / 12
    text = answer(viewer_client.get("/"))
    assert (
        f"Nog {months} maanden tot eind december 2031: er moeten nog {format_number(latest - 10_000)} uitkeringen af, "
        f"gemiddeld {format_number(round(needed))} minder per maand. "
        f"De afgelopen 12 maanden: gemiddeld {format_number(round(achieved))} minder per maand."
    ) in text
    expected = stock_status(latest, 10_000, -achieved, months)
    assert "Einddoel eind 2031: hoogstens 10.000" in text
    assert f"{TRACK_LABELS[expected]} (demo)" in text
    assert "Hoe het oordeel wordt bepaald" in text
    assert "gemiddelde tempo van de afgelopen 12 maanden" in text


def test_with_one_month_left_it_says_how_many_must_still_go_in_good_dutch(viewer_client, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 12, 10))
    latest = nprz_caseload(Month(2025, 11))
    text = answer(viewer_client.get("/"))
    assert "1 maanden" not in text
    left = "Nog 1 maand tot eind december 2025:"
    if latest > 12_400:
        assert f"{left} er moeten nog {format_number(latest - 12_400)} uitkeringen af." in text
    else:
        assert f"{left} de stand is al {format_number(12_400 - latest)} onder het doel" in text


def test_in_november_2025_it_shows_2024_as_history_and_2025_and_2031_to_come(viewer_client, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 11, 27))
    text = answer(viewer_client.get("/"))
    assert f"Laatste stand: {format_number(nprz_caseload(Month(2025, 10)))} uitkeringen eind oktober 2025" in text
    assert "Doel eind 2024: hoogstens 12.750 ◆" in text
    # 12.794 is the letter's own figure: the verdict on it is real, not "(demo)".
    assert "niet gehaald (afgelopen) Stand 12.794 eind december 2024, 44 boven het doel." in text
    assert "Doel eind 2025: hoogstens 12.400 ◆" in text and "Nog 2 maanden tot eind december 2025" in text
    assert "Einddoel eind 2031" in text
    assert "(afgeleid)" not in text


def test_the_letters_figures_are_shown_with_their_source(viewer_client):
    html = viewer_client.get("/").content.decode()
    text = text_of(html[html.index('id="letter-title"') :])
    source = "Brief wethouder aan de commissie: Samen voor Zuid (NPRZ pijler Werk) 2025"
    assert f"Bron van alle cijfers hieronder: {source}" in text
    assert "Bijstandsuitkeringen in 2024 van 13.065 naar 12.794 (−271)" in text
    assert "Doel eind 2024 hoogstens 12.750: niet gehaald, 44 boven het doel" in text
    assert "Huidige stand volgens de brief 12.947, opgeslagen bij februari 2025" in text
    assert "De brief noemt geen maand; februari 2025 is aangenomen." in text
    assert "Verzuimaanpak: huisbezoeken, 2024 1.086 tegenover een doel van 700 (155%)" in text
    assert "Verzuimaanpak: huisbezoeken, 2025 doel 1.200 huisbezoeken uitgevoerd" in text


def test_what_the_activities_deliver_stands_beside_the_outflow_to_work_without_a_causal_claim(viewer_client):
    html = viewer_client.get("/").content.decode()
    text = text_of(html[html.index('id="work-title"') : html.index('id="activities-block-title"')])
    outflow = sum(
        CaseloadFigure.objects.filter(area__code="NPRZ", indicator="outflow_to_work", month__year=2026).values_list(
            "value", flat=True
        )
    )
    # October is the open month in the seed: its outflow to work is not entered yet, so the sum runs to September
    total = "Uitstroom naar werk, alle uitkeringen in het NPRZ-gebied januari 2026 t/m september 2026"
    assert f"{total} {format_number(outflow)} (demo)" in text
    for activity in ("Jobhunters : plaatsingen", "Werkstation op Zuid : naar werk", "Kind en Werkgeluk : aan het werk"):
        assert activity in text
    assert "zeggen dus niet hoeveel uitstroom naar werk de activiteiten hebben veroorzaakt" in text


def test_the_headline_chart_shows_the_last_36_months_with_neutral_target_markers(viewer_client):
    response = viewer_client.get("/")
    drawn = traces(response, "trend")
    actual = drawn["stand (bijstandsuitkeringen)"]
    # 36 months up to October 2026 would start in November 2023; the figures start in December 2023.
    assert actual["x"][0] == "2023-12-01" and actual["x"][-1] == "2026-10-01" and len(actual["x"]) == 35
    assert actual["line"]["dash"] == "solid"
    assert drawn["officieel cijfer uit de brief"]["y"] == [13065, 12794, 12947]
    targets = drawn["gepubliceerd doel (hoogstens)"]
    assert targets["y"] == [12750, 12400]  # 2031 is behind the switch
    assert targets["marker"]["symbol"] not in ("x", "cross") and targets["marker"]["color"] != "#B3261E"
    glide = drawn["afgeleid pad (geen gepubliceerd doel)"]
    assert (glide["x"][0], glide["y"][0], glide["x"][-1]) == ("2025-12-01", 12400, "2026-10-01")
    assert glide["line"]["dash"] == "dashdot"
    # No legend entry repeats its own symbol as text.
    assert not any(name.startswith("◆") for name in drawn)
    layout = chart_data(response, "trend")["layout"]
    assert layout["yaxis"]["title"]["text"] == "bijstandsuitkeringen (aantal)"
    assert layout["xaxis"]["title"]["text"] == "maand"


def test_the_whole_path_to_2031_is_behind_a_link_and_projects_to_the_goal(viewer_client):
    html = viewer_client.get("/").content.decode()
    assert 'href="/?span=goal#trend"' in html
    drawn = traces(viewer_client.get("/?span=goal"), "trend")
    assert drawn["stand (bijstandsuitkeringen)"]["x"][0] == "2023-12-01"
    assert drawn["gepubliceerd doel (hoogstens)"]["y"] == [12750, 12400, 10000]
    glide = drawn["afgeleid pad (geen gepubliceerd doel)"]
    assert (glide["x"][0], glide["y"][0], glide["x"][-1], glide["y"][-1]) == ("2025-12-01", 12400, "2031-12-01", 10000)
    projection = drawn["projectie bij huidig tempo"]
    assert projection["x"][-1] == "2031-12-01" and projection["line"]["dash"] == "dot"


def test_the_chart_sits_in_a_figure_with_a_sentence_and_a_table(viewer_client):
    html = viewer_client.get("/").content.decode()
    latest = nprz_caseload(Month(2026, 10))
    assert '<figure class="chart" id="trend"' in html
    assert (
        f"Eind oktober 2026: {format_number(latest)} uitkeringen in NPRZ-gebied, "
        f"{format_number(latest - 10_000)} boven het doel voor eind 2031 (10.000)."
    ) in html
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


def test_it_uses_fourteen_queries_also_when_the_data_grows_tenfold(viewer_client, django_assert_num_queries):
    # 1 session, 2 user, 3 the user's role groups, 4 the data version (the page cache's key),
    # 5 the NPRZ area, 6 every NPRZ caseload figure with its source (one query), 7 the targets
    # in force with their source; the activity block: 8 activities, 9 their key measures and the
    # measures that count people going to work (one query, issue 13), 10 monthly sums of those
    # measures' records, 11 their targets, 12 their published totals, 13 the records per
    # neighbourhood of key measures recorded so, for disclosure control (issue 12), 14
    # the data stamp (newest audit-trail row of the page's data, one query; kept with the page).
    with django_assert_num_queries(14):
        viewer_client.get("/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/")
    before = CaseloadFigure.objects.count()
    generate_caseload(Month(1995, 1), Month(2023, 11))  # 29 years before the demo data
    assert CaseloadFigure.objects.count() >= 10 * before
    with django_assert_num_queries(14):  # the new figures changed the data version: built again
        response = viewer_client.get("/")
    assert response.status_code == 200
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/")


ASSUMED = "De brief noemt geen maand; februari 2025 is aangenomen."


def test_the_letters_12947_says_its_month_is_assumed_in_the_hover_the_table_and_the_notes(viewer_client):
    response = viewer_client.get("/")
    official = traces(response, "trend")["officieel cijfer uit de brief"]
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
    assert "Laatste stand: 12.947 uitkeringen eind februari 2025 ◆" in text
    assert f"◆ februari 2025: 'De huidige stand is 12.947.' {ASSUMED}" in text
    assert f'{ASSUMED}">◆' in html.unescape(response.content.decode())


def test_beside_the_verdicts_the_overview_gives_the_chance_of_the_target_still_to_come(viewer_client):
    text = text_of(viewer_client.get("/"))
    assert "Kans dat het doel van 10.000 eind 2031 wordt gehaald:" in text
    assert "Kans dat het doel van 12.400 eind 2025" not in text  # its verdict is final: no chance to give
    assert "niet uit het oordeel" in text
