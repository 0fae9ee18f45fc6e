"""/caseload/ shows the trend, flows, quarters and neighbourhoods for any area."""

import re

import pytest

from monitoring.models import Area, CaseloadFigure
from monitoring.setup.scale_data import generate_caseload
from nprz_dashboard import shortlist
from nprz_dashboard.formatting import format_number, format_signed
from nprz_dashboard.periods import Month
from tests.helpers import WARM_PAGE_QUERIES, chart_data, text_of

AREA_CODES = [
    "NPRZ", "WK059910", "WK059915", "WK059912",
    "BU05991086", "BU05991081", "BU05991087", "BU05991082", "BU05991080", "BU05991085", "BU05991088",
    "BU05991017", "BU05991079", "BU05991571", "BU05991572", "BU05991574", "BU05991573", "BU05991577",
    "BU05991575", "BU05991576", "BU05991578", "BU05991593", "BU05991284", "BU05991289", "BU05991283", "BU05991290",
]  # fmt: skip


def value(code: str, indicator: str, month: Month) -> int:
    return CaseloadFigure.objects.get(area__code=code, indicator=indicator, month=month.first_day).value


def test_every_area_can_be_chosen(db):
    assert sorted(AREA_CODES) == sorted(Area.objects.values_list("code", flat=True))


@pytest.mark.parametrize("code", AREA_CODES)
def test_the_area_switch_shows_the_trend_of_every_area(viewer_client, code):
    area = Area.objects.get(code=code)
    response = viewer_client.get(f"/caseload/?area={code}")
    text = text_of(response)
    assert f"Bijstandsbestand: {area.name}" in text
    latest = value(code, "caseload", Month(2026, 10))
    assert f"Eind oktober 2026: {format_number(latest)} uitkeringen in {area.name}" in text
    actual = chart_data(response, "trend")["data"][0]
    assert actual["y"][-1] == latest
    assert f'<option value="{code}" selected>' in response.content.decode()


def test_without_a_choice_it_shows_the_nprz_area_with_its_targets(viewer_client):
    response = viewer_client.get("/caseload/")
    text = text_of(response)
    assert "Bijstandsbestand: NPRZ-gebied" in text
    names = [trace["name"] for trace in chart_data(response, "trend")["data"]]
    assert "gepubliceerd doel (hoogstens)" in names
    assert "afgeleid pad (geen gepubliceerd doel)" in names


def test_a_neighbourhood_says_the_targets_are_for_nprz_as_a_whole(viewer_client):
    text = text_of(viewer_client.get("/caseload/?area=BU05991081"))
    assert "Voor Bloemhof zijn geen doelen vastgelegd; de doelen gelden voor het NPRZ-gebied als geheel." in text


def test_an_unknown_area_gets_a_dutch_message_next_to_the_field(viewer_client):
    response = viewer_client.get("/caseload/?area=BU99999999")
    html = response.content.decode()
    assert "Kies een gebied uit de lijst; BU99999999 is geen bekend gebied." in html
    assert 'aria-invalid="true"' in html
    assert "Bijstandsbestand: NPRZ-gebied" in text_of(response)


def test_it_shows_inflow_outflow_and_outflow_to_work_per_month(viewer_client):
    response = viewer_client.get("/caseload/?area=WK059915")
    traces = {t["name"]: t for t in chart_data(response, "flows")["data"]}
    assert set(traces) == {"Instroom", "Uitstroom", "Uitstroom naar werk"}
    assert traces["Instroom"]["y"][-1] == value("WK059915", "inflow", Month(2026, 10))
    # October is the open month: its outflow to work is not entered yet, so the line stops at September.
    assert traces["Uitstroom naar werk"]["y"][-1] is None
    assert traces["Uitstroom naar werk"]["y"][-2] == value("WK059915", "outflow_to_work", Month(2026, 9))


def test_a_quarter_is_the_stock_at_its_end_and_the_sum_of_its_flows(viewer_client):
    months = [Month(2025, 4), Month(2025, 5), Month(2025, 6)]
    stock = value("NPRZ", "caseload", Month(2025, 6))
    inflow = sum(value("NPRZ", "inflow", m) for m in months)
    outflow = sum(value("NPRZ", "outflow", m) for m in months)
    text = text_of(viewer_client.get("/caseload/"))
    assert f"kw. 2 2025 {format_number(stock)} {format_number(inflow)} {format_number(outflow)}" in text


def test_a_year_is_the_stock_in_december_and_the_running_year_says_until_when(viewer_client):
    inflow_2025 = sum(value("NPRZ", "inflow", Month(2025, m)) for m in range(1, 13))
    text = text_of(viewer_client.get("/caseload/"))
    assert f"2025 {format_number(value('NPRZ', 'caseload', Month(2025, 12)))} {format_number(inflow_2025)}" in text
    assert f"2026 (t/m oktober 2026) {format_number(value('NPRZ', 'caseload', Month(2026, 10)))}" in text


def test_a_quarter_missing_a_month_of_outflow_is_shown_incomplete_not_as_a_partial_sum(viewer_client):
    CaseloadFigure.objects.filter(area__code="NPRZ", indicator="outflow", month=Month(2025, 6).first_day).delete()
    partial = value("NPRZ", "outflow", Month(2025, 4)) + value("NPRZ", "outflow", Month(2025, 5))
    response = viewer_client.get("/caseload/")
    text = text_of(response)
    assert "kw. 2 2025" in text and "onvolledig (ontbreekt: juni 2025)" in text
    assert f"kw. 2 2025 {format_number(value('NPRZ', 'caseload', Month(2025, 6)))}" in text
    # Not in the quarter table, nor in the chart's: whole numbers, as a forecast's 12.441 would contain 441.
    periods = response.content.decode().split('id="periods-title"', 1)[1].split("</table>", 1)[0]
    assert not re.search(rf"(?<![\d.]){re.escape(format_number(partial))}(?![\d.])", text_of(periods))
    figure = chart_data(response, "quarter-flows")
    bars = dict(zip(figure["data"][1]["x"], figure["data"][1]["y"], strict=True))
    assert bars["kw. 2 2025"] is None


def test_the_stock_flow_check_passes_quietly_when_it_closes(viewer_client):
    text = text_of(viewer_client.get("/caseload/"))
    assert "sluit de stand aan op in- en uitstroom, op een klein verschil na" in text
    assert "Let op, datakwaliteit" not in text


def test_a_stock_that_does_not_follow_its_flows_gets_a_data_quality_note(viewer_client):
    CaseloadFigure.objects.filter(area__code="NPRZ", indicator="inflow", month=Month(2026, 3).first_day).update(
        value=900
    )
    text = text_of(viewer_client.get("/caseload/"))
    assert "Let op, datakwaliteit: in 1 van de" in text
    assert re.search(r"maart 2026 [\d.]+ 900 ", text)


def test_neighbourhoods_are_compared_since_the_start_of_the_year_with_focuswijken_marked(viewer_client):
    response = viewer_client.get("/caseload/")
    change = value("BU05991571", "caseload", Month(2026, 10)) - value("BU05991571", "caseload", Month(2025, 12))
    text = text_of(response)
    assert "Wijken vergeleken: verandering sinds het begin van het jaar" in text
    assert f"Tarwewijk (focuswijk) Charlois {format_number(value('BU05991571', 'caseload', Month(2025, 12)))}" in text
    assert format_signed(change) in text
    traces = {t["name"]: t for t in chart_data(response, "neighbourhoods")["data"]}
    assert "Tarwewijk ★" in traces["focuswijk (★)"]["y"]
    assert len(traces["focuswijk (★)"]["y"]) == 7
    assert traces["focuswijk (★)"]["marker"]["pattern"]["shape"] == "x"


def test_it_links_to_the_figures_table_for_the_chosen_area(viewer_client):
    html = viewer_client.get("/caseload/?area=BU05991081").content.decode()
    assert 'href="/caseload/figures/?area=BU05991081"' in html


def test_it_shows_the_demo_banner(viewer_client):
    assert "synthetische demogegevens" in viewer_client.get("/caseload/").content.decode()


def test_a_user_without_a_role_gets_403(client, outsider):
    client.force_login(outsider)
    assert client.get("/caseload/").status_code == 403


def test_it_uses_fourteen_queries_also_when_the_data_grows_tenfold(viewer_client, django_assert_num_queries):
    # 1 session, 2 user, 3 role groups, 4 the data version (the page cache's key), 5 the areas of
    # the switch (every area up to shortlist.AREA_SELECT_LIMIT), 6 the chosen area's four
    # indicators with their source, 7 and 8 disclosure control for a reader of a neighbourhood
    # (those months' figures of every area, the area tree), 9 its targets (in force and revised,
    # one query), 10 the notes on its charts, 11 every neighbourhood's caseload at two dates (one
    # grouped query), 12 and 13 disclosure control of that comparison for a reader (the area tree,
    # the two months' figures of every area), 14 the data stamp (newest audit-trail row of the
    # page's data, one query; kept with the page).
    with django_assert_num_queries(14):
        viewer_client.get("/caseload/?area=BU05991081")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/caseload/?area=BU05991081")
    before = CaseloadFigure.objects.count()
    generate_caseload(Month(1995, 1), Month(2023, 11))
    assert CaseloadFigure.objects.count() >= 10 * before
    with django_assert_num_queries(14):
        response = viewer_client.get("/caseload/?area=BU05991081")
    assert "Bloemhof" in text_of(response)
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/caseload/?area=BU05991081")


def test_the_neighbourhood_chart_says_where_its_figures_come_from(viewer_client):
    text = text_of(viewer_client.get("/caseload/"))
    assert "Deze wijkcijfers zijn synthetisch (demo), geen echte cijfers." in text
    CaseloadFigure.objects.filter(area__level="neighbourhood").update(origin="registered")
    text = text_of(viewer_client.get("/caseload/"))
    assert "De wijkcijfers komen uit de eigen registratie; ze zijn niet afzonderlijk gepubliceerd." in text
    assert "synthetisch" not in text.split("Wijken vergeleken")[1]


def test_the_per_year_table_marks_the_letters_year_end_stands_official(viewer_client):
    html = viewer_client.get("/caseload/").content.decode()
    table = html[html.index('id="periods-title"') :]
    text = text_of(table[: table.index("</table>")])
    assert re.search(r"2023 13\.065 ◆ officieel cijfer, bron: Brief", text)
    assert re.search(r"2024 12\.794 ◆ officieel cijfer, bron: Brief", text)
    assert not re.search(r"2025 [\d.]+ ◆", text)  # a demo year end carries no ◆


def test_the_caseload_page_gives_the_verdicts_on_the_published_targets_and_a_switch_to_2031(viewer_client):
    response = viewer_client.get("/caseload/")
    text = text_of(response)
    assert "Halen we de doelen?" in text and "Einddoel eind 2031: hoogstens 10.000" in text
    assert "demowaarde (geen echt cijfer)" in text and "status: voorlopig" not in text
    assert 'href="/caseload/?span=goal#trend"' in response.content.decode()


@pytest.fixture
def many_areas(monkeypatch):
    """Pretend NPRZ has more areas than a select lists and a chart shows (26 areas, 22 neighbourhoods)."""
    monkeypatch.setattr(shortlist, "AREA_SELECT_LIMIT", 12)
    monkeypatch.setattr(shortlist, "NEIGHBOURHOODS_SHOWN", 10)


def options_of(html: str) -> list[str]:
    select = html.split('<select name="area"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]+)"', select)


def test_with_many_areas_the_switch_lists_the_main_ones_and_a_search_finds_the_rest(viewer_client, many_areas):
    html = viewer_client.get("/caseload/").content.decode()
    main = ["NPRZ", "WK059910", "WK059915", "WK059912", *Area.objects.focus().values_list("code", flat=True)]
    assert sorted(options_of(html)) == sorted(main)
    assert '<label class="utrecht-form-label" for="id_zoek">Zoek een wijk</label>' in html
    assert 'role="search"' in html and 'aria-describedby="zoek-uitleg"' in html
    found = viewer_client.get("/caseload/?area=NPRZ&zoek=wijk")  # Tarwewijk, Afrikaanderwijk, Vreewijk, ...
    text = text_of(found)
    assert "Gevonden voor ‘wijk’" in text
    links = re.findall(
        r'<a href="/caseload/\?area=([^"]+)">', found.content.decode().split("Gevonden voor")[1].split("</section>")[0]
    )
    assert sorted(links) == sorted(Area.objects.filter(name__icontains="wijk").values_list("code", flat=True))
    assert "Geen gebied gevonden met ‘Gouda’" in text_of(viewer_client.get("/caseload/?zoek=Gouda"))
    by_code = viewer_client.get("/caseload/?zoek=bu05991593").content.decode()  # Heijplaat, by its code
    assert '<a href="/caseload/?area=BU05991593">Heijplaat</a>' in by_code


def test_with_many_areas_any_neighbourhood_can_still_be_shown_and_is_then_in_the_list(viewer_client, many_areas):
    response = viewer_client.get("/caseload/?area=BU05991593")  # Heijplaat: no focus neighbourhood
    assert "Bijstandsbestand: Heijplaat" in text_of(response)
    assert '<option value="BU05991593" selected>' in response.content.decode()
    assert "geen bekend gebied" in text_of(viewer_client.get("/caseload/?area=BU0000"))


def test_without_many_areas_there_is_no_search(viewer_client):
    html = viewer_client.get("/caseload/?zoek=wijk").content.decode()
    assert sorted(options_of(html)) == sorted(AREA_CODES)
    assert 'name="zoek"' not in html and "Gevonden voor" not in html


def test_with_many_neighbourhoods_the_comparison_shows_the_focus_and_the_extremes_and_links_to_all(
    viewer_client, many_areas
):
    everyone = text_of(viewer_client.get("/caseload/?wijken=alle"))
    response = viewer_client.get("/caseload/")
    shown = chart_data(response, "neighbourhoods")["data"]
    bars = [name for trace in shown for name in trace["y"]]
    assert len(bars) == 10
    assert sum(name.endswith("★") for name in bars) == 7  # every focus neighbourhood
    text = text_of(response)
    assert "De grafiek en de tabel tonen 10 van de 22 wijken" in text
    assert "Toon alle 22 wijken in de grafiek en de tabel" in text
    sentence = text.split("Wijken vergeleken: verandering sinds het begin van het jaar")[1].split(".")[0]
    assert sentence in everyone  # the sentence speaks of every neighbourhood either way
    assert "Toon alle 22 wijken" not in everyone
    assert len([n for t in chart_data(viewer_client.get("/caseload/?wijken=alle"), "neighbourhoods")["data"]
                for n in t["y"]]) == 22  # fmt: skip


def test_the_shortlist_keeps_the_kept_rows_then_the_extremes_in_their_own_order():
    rows = [
        {"name": n, "focus": n in "ce", "rank": r} for n, r in zip("abcdefgh", [5, 1, 9, 3, None, 7, 2, 8], strict=True)
    ]
    chosen = shortlist.choose(rows, keep=lambda r: r["focus"], rank=lambda r: r["rank"], limit=5)
    assert [r["name"] for r in chosen] == ["b", "c", "e", "g", "h"]  # c, e kept; then ranks 1 (b), 8 (h), 2 (g)
    assert shortlist.choose(rows[:3], keep=lambda r: False, rank=lambda r: r["rank"], limit=5) == rows[:3]
