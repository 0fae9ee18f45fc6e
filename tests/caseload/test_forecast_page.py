"""/caseload/ shows the forecast band, the chance of each target, a seasonally adjusted line and a scenario."""

import re

import pytest

from monitoring.caseload import forecast as forecast_module
from monitoring.caseload import prognosis
from monitoring.models import Area, CaseloadFigure
from tests.helpers import WARM_PAGE_QUERIES, chart_data, text_of, traces


def test_the_trend_chart_draws_the_forecast_band_named_prognose(viewer_client):
    names = traces(viewer_client.get("/caseload/"), "trend")
    assert {"prognose: 80%-interval", "prognose: 95%-interval", "prognose (middenwaarde)"} <= set(names)
    assert names["prognose: 80%-interval"]["fill"] == "tonexty"
    assert names["prognose (middenwaarde)"]["line"]["dash"] == "longdash"
    assert names["afgeleid pad (geen gepubliceerd doel)"]["line"]["dash"] == "dashdot"
    # The band starts at the last stand (October 2026) and reaches a year ahead.
    assert names["prognose (middenwaarde)"]["x"][0] == "2026-10-01"
    assert names["prognose (middenwaarde)"]["x"][-1] == "2027-10-01"


def test_each_target_ahead_gets_a_sentence_with_its_chance_marked_demo(viewer_client):
    text = text_of(viewer_client.get("/caseload/"))
    match = re.search(
        r"Kans dat het doel van 10\.000 eind 2031 wordt gehaald: (\d+)% "
        r"\(prognose, 95%-interval ([\d.]+) – ([\d.]+)\) \(demo\)\.",
        text,
    )
    assert match, "no chance sentence for the 2031 goal"
    assert 0 <= int(match.group(1)) <= 100
    assert int(match.group(2).replace(".", "")) < 10000 < int(match.group(3).replace(".", ""))
    assert "eind 2025 wordt gehaald" not in text  # a past deadline has its verdict, no chance


def test_the_chances_for_the_overview_and_the_report_say_the_same_as_the_page(viewer_client):
    chances = prognosis.target_chances()
    assert [c.deadline.year for c in chances] == [2031]
    assert chances[0].sentence in text_of(viewer_client.get("/caseload/"))


def test_the_charts_table_gets_the_forecast_columns(viewer_client):
    html = viewer_client.get("/caseload/").content.decode()
    assert all(f'<th scope="col">{name}</th>' in html for name in ("Prognose (demo)", "80%-interval", "95%-interval"))
    assert re.search(r"<th scope=\"row\">oktober 2027</th>(<td[^>]*>[^<]*</td>){4}<td class=\"num\">[\d.]+</td>", html)


def test_the_seasonally_adjusted_line_is_switched_on_by_a_link(viewer_client):
    page = viewer_client.get("/caseload/")
    assert "seizoensgecorrigeerd" not in traces(page, "trend")
    assert 'href="/caseload/?adjusted=1#trend"' in page.content.decode()
    adjusted = traces(viewer_client.get("/caseload/?adjusted=1"), "trend")["seizoensgecorrigeerd"]
    actual = chart_data(viewer_client.get("/caseload/?adjusted=1"), "trend")["data"][0]
    assert adjusted["x"] == actual["x"] and adjusted["y"] != actual["y"]


def test_a_district_gets_a_band_to_the_programmes_goal_without_a_chance(viewer_client):
    page = viewer_client.get("/caseload/?area=WK059915&span=goal")
    middle = traces(page, "trend")["prognose (middenwaarde)"]
    assert middle["x"][-1] == "2031-12-01"
    assert "Kans dat het doel" not in text_of(page)


def test_a_neighbourhood_gets_no_forecast(viewer_client):
    page = viewer_client.get("/caseload/?area=BU05991081&adjusted=1")
    assert "prognose (middenwaarde)" not in traces(page, "trend")
    assert "seizoensgecorrigeerd" not in traces(page, "trend")
    assert "Reken een scenario door" not in text_of(page)


def test_a_scenario_shows_where_the_caseload_lands_and_the_pace_still_needed(viewer_client):
    plain = text_of(viewer_client.get("/caseload/"))
    page = viewer_client.get("/caseload/?extra_outflow=40&less_inflow=10&from_month=2027-01")
    text = text_of(page)
    assert "Eind 2031 komt de stand volgens de prognose met dit scenario op" in text
    assert re.search(
        r"Voor het doel van 10\.000 eind 2031 moet de stand vanaf januari 2027 elke maand nog .*\(demo\)\.", text
    ) or ("Met dit scenario is de kans op het doel van 10.000 al minstens 80% (demo)." in text)
    before = re.search(r"Kans dat het doel van 10\.000 eind 2031 wordt gehaald: (\d+)%", plain).group(1)
    after = re.findall(r"Kans dat het doel van 10\.000 eind 2031 wordt gehaald: (?:meer dan )?(\d+)%", text)[-1]
    assert int(after) > int(before)
    scenario = traces(page, "trend")["prognose met scenario (middenwaarde)"]
    middle = traces(page, "trend")["prognose (middenwaarde)"]
    assert scenario["y"][-1] == pytest.approx(middle["y"][-1] - 10 * 50)  # October 2027: ten months of 50 fewer
    assert 'value="40"' in page.content.decode()  # the settings stay in the form (and the URL)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("extra_outflow=veel", "Vul een heel aantal uitkeringen in, bijvoorbeeld 25."),
        ("less_inflow=-5", "Vul 0 of meer in."),
        ("extra_outflow=10&from_month=2026-05", "Kies een maand na oktober 2026, de laatste maand met een stand."),
        ("extra_outflow=10&from_month=mei", "Vul een maand in als jjjj-mm, bijvoorbeeld 2025-03; ‘mei’ is dat niet."),
    ],
)
def test_bad_scenario_input_gets_a_dutch_message_at_its_field_and_the_page_still_works(viewer_client, query, message):
    count = CaseloadFigure.objects.count()
    page = viewer_client.get(f"/caseload/?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    assert message in text_of(page) and 'aria-invalid="true"' in html
    assert "prognose (middenwaarde)" in traces(page, "trend")
    assert "met dit scenario op" not in text_of(page)
    assert CaseloadFigure.objects.count() == count


def test_the_method_page_shows_the_back_test_in_plain_dutch(viewer_client):
    page = viewer_client.get("/caseload/prognose/")
    text = text_of(page)
    assert "Prognose NPRZ-gebied: hoe ze werkt en hoe goed ze was" in text
    assert re.search(r"Werkelijke stand binnen het 80%-interval \d+% van de keren \(verwacht: 80%\)", text)
    assert re.search(r"Gemiddelde afwijking [\d.]+ uitkeringen \([\d,]+%\)", text)
    assert "Terugtoets van de prognose voor NPRZ-gebied (demo)" in text
    assert "Verder dan 12 maanden vooruit is de prognose niet getoetst." in text
    assert 'href="/caseload/prognose/"' in viewer_client.get("/caseload/").content.decode()


def test_the_method_page_offers_the_districts_not_the_neighbourhoods(viewer_client):
    page = viewer_client.get("/caseload/prognose/?area=WK059915")
    assert f"Prognose {Area.objects.get(code='WK059915').name}" in text_of(page)
    assert "BU05991081" not in page.content.decode()


def test_the_forecast_is_fitted_once_per_series_not_per_page_view(viewer_client, monkeypatch):
    calls = []
    real = forecast_module.analyse
    monkeypatch.setattr(prognosis, "analyse", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(prognosis, "_MEMO", {})
    viewer_client.get("/caseload/")
    viewer_client.get("/caseload/?span=goal")  # another page, the same series and horizon
    viewer_client.get("/caseload/?extra_outflow=10")
    assert len(calls) == 1
    CaseloadFigure.objects.filter(area__code="NPRZ", indicator="caseload").order_by("-month").first().delete()
    viewer_client.get("/caseload/")
    assert len(calls) == 2  # changed data: a new fit


def test_a_district_page_adds_one_query_for_the_programmes_deadlines(viewer_client, django_assert_num_queries):
    # 1 session, 2 user, 3 role groups, 4 the data version, 5 every area, 6 the district's four
    # indicators, 7 and 8 disclosure control for a reader (the area tree, those months' figures),
    # 9 its targets (none), 10 the notes on its charts, 11 the programme's deadlines (the forecast's
    # reach), 12 every neighbourhood's caseload at two dates, 13 and 14 disclosure control of that
    # comparison (the area tree, the two months' figures of every area), 15 the data stamp.
    with django_assert_num_queries(15):
        viewer_client.get("/caseload/?area=WK059915")


def test_the_nprz_page_adds_no_query_for_its_forecast(viewer_client, django_assert_num_queries):
    # 1 session, 2 user, 3 role groups, 4 the data version (the page cache's key), 5 every area
    # (for the switch), 6 NPRZ's four indicators with their source, 7 its targets (in force and
    # revised, one query), 8 the notes on its charts, 9 every neighbourhood's caseload at two dates,
    # 10 and 11 disclosure control of that comparison for a reader (the area tree, the two months'
    # figures of every area), 12 the data stamp. The forecast is looked up by a digest of the series: no query.
    with django_assert_num_queries(12):
        viewer_client.get("/caseload/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/caseload/")


def test_the_overview_can_have_the_chances_without_a_query(db, django_assert_num_queries):
    from monitoring.caseload import selectors

    area = selectors.programme_area()
    figures = selectors.monthly_figures(area)
    targets = [(t.end_month, float(t.value)) for t in selectors.current_targets(area)]
    expected = prognosis.target_chances(area)
    with django_assert_num_queries(0):
        found = prognosis.chances_from(figures.series("caseload"), targets, figures.demo_months())
    assert found == expected and found[0].is_demo
