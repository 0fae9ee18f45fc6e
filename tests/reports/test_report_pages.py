"""/reports/ and /reports/<YYYY>/q<N>/: contents, publishing, freezing, who sees what, query budget."""

import dataclasses
import datetime as dt
import json
import re

import pytest

from monitoring.models import (
    Area,
    CaseloadFigure,
    PeriodState,
    QuarterlyReport,
    ReportingPeriod,
    ReportNarrative,
    ReportVersion,
)
from nprz_dashboard import shortlist
from nprz_dashboard.formatting import format_number, format_signed
from nprz_dashboard.periods import Month, Quarter
from programme.reports import services as report_services
from tests.helpers import WARM_PAGE_QUERIES, approve_quarter, text_of

Q1_2025 = Quarter(2025, 1)


def nprz(indicator: str, month: Month) -> CaseloadFigure:
    return CaseloadFigure.objects.get(area__code="NPRZ", indicator=indicator, month=month.first_day)


def quarter_sum(indicator: str, quarter: Quarter, code: str = "NPRZ") -> int:
    months = [m.first_day for m in quarter.months]
    return sum(
        CaseloadFigure.objects.filter(area__code=code, indicator=indicator, month__in=months).values_list(
            "value", flat=True
        )
    )


def row(response, label: str, exact: bool = False, after: str = "") -> str:
    """Return the cells of the first table row (after the text `after`) headed by `label`, joined by ' | '."""
    html = response.content.decode()
    html = html[html.index(after) :] if after else html
    for match in re.finditer(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        cells = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", match.group(1), re.S)
        ]
        if cells and (cells[0] == label if exact else cells[0].startswith(label)):
            return " | ".join(cells)
    raise AssertionError(f"no row {label!r}")


@pytest.fixture(autouse=True)
def first_quarter_approved(db):
    """Publishing needs the quarter's months approved; a correction reopens its month first (correct())."""
    approve_quarter(Q1_2025)


def correct(figure: CaseloadFigure, value: int):
    """Correct a live figure the way an editor would after a manager reopened its month: a save recorded by history."""
    ReportingPeriod.objects.filter(month=figure.month).update(state=PeriodState.REOPENED)
    figure.value = value
    figure._change_reason = "Correctie na levering CBS"
    figure.save()


def django_user_model_create(username: str, full_name: str):
    from tests.conftest import make_user

    user = make_user(username, "manager")
    user.first_name, user.last_name = full_name.split(" ", 1)
    user.save()
    return user


@pytest.fixture
def published(manager):
    report_services.save_narratives(Q1_2025, {"caseload": "Het bestand steeg in het eerste kwartaal."}, manager)
    approve_quarter(Q1_2025)
    return report_services.publish(Q1_2025, manager)


# --- who sees what ------------------------------------------------------------------


def test_a_viewer_cannot_reach_a_quarter_that_is_only_a_concept(viewer_client):
    response = viewer_client.get("/reports/2025/q1/")
    assert response.status_code == 404
    assert "De rapportage over het 1e kwartaal 2025 is nog niet gepubliceerd." in text_of(response)
    assert "12.400" not in text_of(response)


def test_an_editor_is_like_a_viewer_here(editor_client):
    response = editor_client.get("/reports/2025/q1/")
    assert response.status_code == 404
    assert "nog niet gepubliceerd" in text_of(response)


def test_a_viewer_cannot_ask_for_the_concept_even_after_publication(viewer_client, published):
    response = viewer_client.get("/reports/2025/q1/?version=concept")
    assert response.status_code == 403
    assert "alleen zichtbaar voor programmamanagers" in text_of(response)


def test_a_viewer_may_not_write_or_publish(viewer_client):
    response = viewer_client.post("/reports/2025/q1/", {"caseload": "Poging", "publiceren": "1"})
    assert response.status_code == 403
    assert not ReportVersion.objects.exists()
    assert not ReportNarrative.objects.exists()


def test_the_manager_sees_the_live_concept_clearly_labelled(manager_client):
    response = manager_client.get("/reports/2025/q1/")
    text = text_of(response)
    assert response.status_code == 200
    assert "Kwartaalrapportage 1e kwartaal 2025 concept" in text
    assert "Concept, niet gepubliceerd." in text
    assert 'name="publiceren"' in response.content.decode()


@pytest.mark.parametrize("url", ["/reports/2026/q4/", "/reports/2027/q1/", "/reports/2025/q5/", "/reports/2019/q1/"])
def test_a_quarter_that_is_not_over_or_has_no_data_is_not_found(manager_client, url):
    response = manager_client.get(url)
    assert response.status_code == 404
    assert "kwartaal" in text_of(response)


def test_an_unknown_version_is_not_found(viewer_client, published):
    response = viewer_client.get("/reports/2025/q1/?version=7")
    assert response.status_code == 404
    assert "Versie 7 van de rapportage over het 1e kwartaal 2025 bestaat niet." in text_of(response)


# --- contents -----------------------------------------------------------------------


def test_it_shows_the_caseload_at_quarter_end_against_the_published_year_target(manager_client):
    response = manager_client.get("/reports/2025/q1/")
    march = nprz("caseload", Month(2025, 3)).value
    december = nprz("caseload", Month(2024, 12)).value
    # A demo value has no CBS status: it is called a demo value, never "definitief" (issue 13).
    assert row(response, "Stand eind maart 2025") == f"Stand eind maart 2025 | {format_number(march)} | demowaarde"
    assert "12.400" in row(response, "Doel eind 2025 (hoogstens, gepubliceerd)")
    assert format_signed(march - 12400) in row(response, "Verschil met het doel eind 2025")
    # 2025 has a published target: the report draws no derived path of its own (issue 19: one derived path).
    assert "Afgeleid pad eind" not in text_of(response)
    # In a first quarter the change in the quarter is the change since the start of the year: one row.
    assert format_signed(march - december) in row(response, "Verandering sinds het begin van het jaar")
    assert "Verandering in het kwartaal" not in text_of(response)
    assert "Eind maart 2025 waren er" in text_of(response)


def test_the_targets_table_marks_a_demo_stand_beside_an_official_target(manager_client):
    response = manager_client.get("/reports/2025/q1/")
    official = row(response, "eind december 2024", after="report-targets")
    demo = row(response, "eind december 2025", after="report-targets")
    assert "12.794 (eind december 2024)" in official and "(demo)" not in official  # the letter's figure
    march = format_number(nprz("caseload", Month(2025, 3)).value)
    assert f"{march} (eind maart 2025) (demo)" in demo  # a demo stand never stands bare beside a target
    key_figures = text_of(response).split("Kerncijfers kw. 1 2025", 1)[1]
    assert f"Stand eind maart 2025 {march} bijstandsuitkeringen in het NPRZ-gebied (demowaarde)" in key_figures


def test_a_year_without_a_published_target_is_held_against_the_one_derived_path_never_called_a_target(
    manager_client,
):
    response = manager_client.get("/reports/2026/q3/")
    september = nprz("caseload", Month(2026, 9)).value
    # The path of / and /caseload/: 12.400 at the end of 2025 to 10.000 at the end of 2031, −400 a year.
    assert "12.100" in row(response, "Afgeleid pad eind september 2026")
    assert format_signed(september - 12100) in row(response, "Verschil met het afgeleide pad")
    assert "geen gepubliceerd doel voor dit jaar" in row(response, "Doel eind 2026")
    text = text_of(response)
    assert "Jaardoel eind 2026" not in text and "Verschil met het jaardoel" not in text
    assert "12.000" not in row(response, "Doel eind 2026")  # the path's point at the end of 2026 is no target


def test_a_finished_target_is_met_or_missed_in_one_sentence(manager_client):
    response = manager_client.get("/reports/2024/q4/")
    sentence = "Het doel voor 2024 (hoogstens 12.750) is niet gehaald: eind 2024 stonden er 12.794 uitkeringen."
    assert sentence in text_of(response)
    assert "niet op koers" not in row(response, "Oordeel doel eind 2024")


def test_a_fourth_quarter_is_held_against_its_own_year_target(manager_client):
    response = manager_client.get("/reports/2024/q4/")
    assert "12.750" in row(response, "Doel eind 2024 (hoogstens, gepubliceerd)")
    assert "12.794" in row(response, "Stand eind december 2024")
    assert "12.794 ◆ | officieel cijfer (1)" in row(response, "Stand eind december 2024")
    assert "<li>◆ officieel cijfer (Brief wethouder" in response.content.decode()  # the source, note 1 under the table
    assert "+44" in row(response, "Verschil met het doel eind 2024")
    assert "−271" in row(response, "Verandering sinds het begin van het jaar")


def test_flows_are_summed_over_the_quarter_and_compared_with_earlier_quarters(manager_client):
    response = manager_client.get("/reports/2025/q1/")
    inflow = quarter_sum("inflow", Q1_2025)
    assert format_number(inflow) in row(response, "Instroom in het kwartaal")
    assert format_number(quarter_sum("outflow_to_work", Q1_2025)) in row(
        response, "Uitstroom naar werk in het kwartaal"
    )
    comparison = row(response, "Instroom", exact=True)
    previous, year_ago = quarter_sum("inflow", Quarter(2024, 4)), quarter_sum("inflow", Quarter(2024, 1))
    assert format_number(previous) in comparison and format_number(year_ago) in comparison
    assert format_signed(inflow - year_ago) in comparison
    assert "kw. 4 2024" in text_of(response) and "kw. 1 2024" in text_of(response)


def test_each_activity_shows_its_year_to_date_against_its_target_with_a_status(manager_client):
    response = manager_client.get("/reports/2025/q1/")
    visits = row(response, "Verzuimaanpak: huisbezoeken")
    assert "Huisbezoeken uitgevoerd" in visits
    assert "1.200" in visits  # the published target for 2025
    assert "300" in visits  # 3/12 of it is due at the end of March
    assert re.search(r"op koers|risico|niet op koers", visits)


def test_the_activity_summary_counts_the_rows_of_its_table(viewer_client, published):
    html = viewer_client.get("/reports/2025/q1/").content.decode()
    table = html.split('id="sectie-activities"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    statuses = [text_of(re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)[-1]).strip() for tr in table.split("</tr>")[:-1]]
    figure = html.split('id="rapport-activiteiten"', 1)[1]
    sentence = text_of(re.search(r'<p class="chart__sentence">(.*?)</p>', figure, re.S).group(1)).strip()
    on_track = sum(s.startswith("op koers") for s in statuses)
    behind = sum(s.startswith(("risico", "niet op koers")) for s in statuses)
    no_target = statuses.count("geen doel")
    assert len(statuses) == 9 and on_track + behind + no_target == len(statuses)
    assert sentence.startswith(f"Van de {len(statuses)} activiteiten zijn er in 2025 {on_track} op koers")
    assert (f"{behind} achter (" in sentence) == bool(behind)
    assert (f"{no_target} zonder doel" in sentence) == bool(no_target)


def test_the_data_status_note_names_provisional_months_and_the_reference_date(manager_client):
    figure = nprz("caseload", Month(2025, 2))
    ReportingPeriod.objects.filter(month=figure.month).update(state=PeriodState.REOPENED)
    figure.status = "voorlopig"
    figure.save()
    text = text_of(manager_client.get("/reports/2025/q1/"))
    assert "Nog niet definitief: februari 2025 (voorlopig)." in text
    assert "Peildatum van de cijfers: 27-11-2026." in text


def test_every_chart_has_its_sentence_table_and_real_download_buttons(manager_client):
    html = manager_client.get("/reports/2025/q1/").content.decode()
    charts = re.findall(r'<figure class="chart" id="([^"]+)"', html)
    assert charts == ["rapport-trend", "rapport-stromen", "rapport-kwartalen", "rapport-activiteiten"]
    assert html.count('class="chart__sentence"') == 4
    assert html.count("<summary>Toon tabel</summary>") == 4
    buttons = re.findall(r'<button type="button"[^>]*data-chart-download="([^"]+)"[^>]*data-format="(\w+)"', html)
    assert len(buttons) == 8 and {f for _, f in buttons} == {"png", "svg"}
    assert 'Download als SVG<span class="visually-hidden">: Bijstandsuitkeringen in NPRZ-gebied per maand' in html


# --- publishing and freezing --------------------------------------------------------------


def test_the_manager_writes_narratives_and_publishes_the_quarter(manager_client, manager):
    response = manager_client.post(
        "/reports/2025/q1/",
        {"caseload": "Het bestand steeg, vooral in januari.", "activities": "De huisbezoeken lopen iets achter.",
         "publiceren": "1", "bevestigen": "1"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/reports/2025/q1/?version=1"
    version = ReportVersion.objects.get()
    assert version.number == 1 and version.published_by == manager
    assert version.snapshot["narratives"]["activities"] == "De huisbezoeken lopen iets achter."
    page = manager_client.get("/reports/2025/q1/")
    assert "Versie 1 van 1, gepubliceerd op" in text_of(page)
    assert "Het bestand steeg, vooral in januari." in text_of(page)
    assert ReportNarrative.history.filter(section="caseload").count() == 1


def test_saving_narratives_keeps_them_in_the_concept_without_publishing(manager_client):
    response = manager_client.post("/reports/2025/q1/", {"flows": "Meer instroom in januari.", "opslaan": "1"})
    assert response["Location"] == "/reports/2025/q1/?version=concept"
    assert not ReportVersion.objects.exists()
    assert "Meer instroom in januari." in text_of(manager_client.get("/reports/2025/q1/?version=concept"))


def test_a_too_long_narrative_is_refused_next_to_its_field_and_nothing_is_saved(manager_client):
    response = manager_client.post("/reports/2025/q1/", {"flows": "x" * 4001, "publiceren": "1"})
    assert response.status_code == 400
    assert "Houd de toelichting korter dan 4000 tekens" in text_of(response)
    assert 'aria-invalid="true" aria-describedby="flows-errors"' in response.content.decode()
    assert not ReportVersion.objects.exists() and not ReportNarrative.objects.exists()


def hidden_revision(response, section: str) -> str:
    return re.search(rf'name="revisie_{section}" value="(\d+)"', response.content.decode()).group(1)


def test_a_colleagues_save_after_you_opened_the_concept_is_shown_beside_yours_not_overwritten(manager_client):
    opened = manager_client.get("/reports/2025/q1/?version=concept")
    assert hidden_revision(opened, "caseload") == "0"
    colleague = django_user_model_create("collega", "Karin de Vries")
    report_services.save_narratives(Q1_2025, {"caseload": "Tekst van Karin."}, colleague, {"caseload": 0})
    response = manager_client.post(
        "/reports/2025/q1/", {"caseload": "Mijn tekst.", "revisie_caseload": "0", "opslaan": "1"}
    )
    assert response.status_code == 409
    text = text_of(response)
    assert "Karin de Vries heeft deze toelichting gewijzigd nadat u haar opende" in text
    assert "Tekst van Karin." in text and "Mijn tekst." in text
    assert ReportNarrative.objects.get(section="caseload").text == "Tekst van Karin."
    assert hidden_revision(response, "caseload") == "1"  # saving again overwrites on purpose
    again = manager_client.post(
        "/reports/2025/q1/", {"caseload": "Mijn tekst.", "revisie_caseload": "1", "opslaan": "1"}
    )
    assert again.status_code == 302
    assert ReportNarrative.objects.get(section="caseload").text == "Mijn tekst."


def test_publishing_stale_text_over_a_colleagues_save_is_refused_and_nothing_is_published(manager_client):
    colleague = django_user_model_create("collega", "Karin de Vries")
    report_services.save_narratives(Q1_2025, {"flows": "Nieuwe uitleg van Karin."}, colleague, {"flows": 0})
    response = manager_client.post("/reports/2025/q1/", {"flows": "", "revisie_flows": "0", "publiceren": "1"})
    assert response.status_code == 409
    assert "Er is niets opgeslagen of gepubliceerd" in text_of(response)
    assert not ReportVersion.objects.exists()
    assert ReportNarrative.objects.get(section="flows").text == "Nieuwe uitleg van Karin."


def test_a_new_version_needs_a_reason(manager_client, published):
    response = manager_client.post("/reports/2025/q1/", {"caseload": "Nieuwe tekst", "publiceren": "1", "note": ""})
    assert response.status_code == 400
    assert "Geef aan waarom er een nieuwe versie komt" in text_of(response)
    assert ReportVersion.objects.count() == 1
    assert ReportNarrative.objects.get(section="caseload").text == "Het bestand steeg in het eerste kwartaal."


def test_publication_freezes_the_figures_and_a_correction_marks_the_report_revised(viewer_client, published):
    march = nprz("caseload", Month(2025, 3))
    before = march.value
    correct(march, before + 37)
    assert march.history.count() >= 2

    response = viewer_client.get("/reports/2025/q1/")
    facts = row(response, "Stand eind maart 2025", after='id="sectie-caseload"')
    assert facts.startswith(f"Stand eind maart 2025 | {format_number(before)} |")
    assert format_number(before + 37) not in facts
    text = text_of(response)
    assert "Herzien na publicatie" in text
    revised = re.search(
        r'<section class="utrecht-alert utrecht-alert--warning report-revised".*?</section>',
        response.content.decode(),
        re.S,
    )
    revised_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", revised.group(0)))
    assert f"Stand eind maart 2025 {format_number(before)} {format_number(before + 37)}" in revised_text
    assert (
        f"Verandering in het kwartaal {format_signed(before - nprz('caseload', Month(2024, 12)).value)}" in revised_text
    )
    # The trend chart still draws the published value.
    data = re.search(
        r'<script id="rapport-trend-data" type="application/json">(.*?)</script>', response.content.decode(), re.S
    )
    assert json.loads(data.group(1))["data"][0]["y"][-1] == before


def test_without_corrections_the_published_report_is_not_marked_revised(viewer_client, published):
    response = viewer_client.get("/reports/2025/q1/")
    assert "Herzien" not in text_of(response)
    assert "gepubliceerd" in text_of(viewer_client.get("/reports/"))


def test_a_new_version_takes_the_correction_and_the_first_stays_readable(manager_client, manager, published):
    march = nprz("caseload", Month(2025, 3))
    before = march.value
    correct(march, before - 12)
    approve_quarter(Q1_2025)  # the corrected month is approved again before the new version
    response = manager_client.post(
        "/reports/2025/q1/?version=concept",
        {
            "caseload": "Gecorrigeerd.",
            "revisie_caseload": "1",
            "publiceren": "1",
            "bevestigen": "1",
            "note": "Correctie stand maart 2025",
        },
    )
    assert response["Location"].endswith("?version=2")
    latest = manager_client.get("/reports/2025/q1/")
    assert format_number(before - 12) in row(latest, "Stand eind maart 2025")
    assert "Herzien" not in text_of(latest)
    assert "Reden van deze versie: Correctie stand maart 2025" in text_of(latest)
    first = manager_client.get("/reports/2025/q1/?version=1")
    assert format_number(before) in row(first, "Stand eind maart 2025")
    assert "Dit is een eerdere versie." in text_of(first)


def test_the_list_shows_every_quarter_with_its_state_to_the_manager(manager_client, published):
    correct(nprz("inflow", Month(2025, 2)), nprz("inflow", Month(2025, 2)).value + 5)
    text = text_of(manager_client.get("/reports/"))
    assert "1e kwartaal 2025 herzien" in text
    assert re.search(
        r"1e kwartaal 2025 herzien \(1 cijfer gecorrigeerd na publicatie\) versie 1, [\d-]+ door programmamanager", text
    )
    assert "3e kwartaal 2026 concept" in text
    assert "1e kwartaal 2024 concept" in text
    assert "4e kwartaal 2026" not in text


def test_a_viewer_sees_only_published_quarters_in_the_list(viewer_client, published):
    text = text_of(viewer_client.get("/reports/"))
    assert "1e kwartaal 2025 gepubliceerd" in text
    assert "concept" not in text
    assert "2e kwartaal 2025" not in text


# --- disclosure ----------------------------------------------------------------------------


def test_small_neighbourhood_counts_are_hidden_in_the_published_report(viewer_client, published):
    small = [
        name
        for code, name in [("BU05991085", "Katendrecht"), ("BU05991575", "Wielewaal"), ("BU05991088", "Noordereiland")]
        if 0 < quarter_sum("outflow_to_work", Q1_2025, code) < 10
    ]
    assert small, "the demo data has small neighbourhoods"
    response = viewer_client.get("/reports/2025/q1/")
    for name in small:
        cells = row(response, f"wijk {name}")
        assert cells.rstrip(" |").endswith("&lt;10") or "&lt;10" in cells
    text = text_of(response)
    assert "x = afgeschermd, zodat een verborgen aantal niet uit een totaal te herleiden is." in text
    snapshot = ReportVersion.objects.get().snapshot
    hidden = [
        cell for r in snapshot["sections"]["neighbourhoods"]["rows"] for cell in r["cells"] if cell in ("<10", "x")
    ]
    assert "x" in hidden  # complementary suppression protects the hidden cells from the district totals


# --- query budget -----------------------------------------------------------------------------


def test_the_published_page_has_a_fixed_query_budget(viewer_client, manager, published, django_assert_num_queries):
    # 1 session, 2 user, 3 role groups, 4 the data version (the page cache's key), 5 the report, 6 its
    # versions (no snapshots), 7 the shown snapshot, then the live build to check for corrections: 8 NPRZ
    # area, 9 districts and neighbourhoods, 10 their figures in the quarter, 11 NPRZ figures, 12 NPRZ
    # targets, 13-18 activities, key measures, monthly totals, targets, published totals, records per
    # neighbourhood of key measures (disclosure control).
    with django_assert_num_queries(18):
        viewer_client.get("/reports/2025/q1/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/reports/2025/q1/")
    approve_quarter(Q1_2025)
    report_services.publish(Q1_2025, manager, note="Tweede versie")
    report_services.publish(Q1_2025, manager, note="Derde versie")
    with django_assert_num_queries(18):
        response = viewer_client.get("/reports/2025/q1/?version=2")
    assert "Versie 2 van 3" in text_of(response)
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        viewer_client.get("/reports/2025/q1/?version=2")


def test_the_list_has_a_fixed_query_budget(manager_client, manager, published, django_assert_num_queries):
    # 1 session, 2 user, 3 role groups, 4 the data version (the page cache's key), 5 every version (no
    # snapshots), 6 the latest versions' frozen figures, then one live build for all published quarters:
    # 7 NPRZ area, 8 areas, 9 their figures, 10 NPRZ figures, 11 targets, 12-17 activities (with their
    # records per neighbourhood for disclosure control).
    with django_assert_num_queries(17):
        manager_client.get("/reports/")
    with django_assert_num_queries(WARM_PAGE_QUERIES):
        manager_client.get("/reports/")
    for quarter in (Quarter(2024, 3), Quarter(2024, 4), Quarter(2025, 2)):
        approve_quarter(quarter)
        report_services.publish(quarter, manager)
    with django_assert_num_queries(17):
        response = manager_client.get("/reports/")
    assert text_of(response).count("gepubliceerd") >= 4


def test_publishing_a_quarter_that_is_not_over_is_refused(manager):
    with pytest.raises(report_services.PublishError, match="nog niet voorbij"):
        report_services.publish(Quarter(2026, 4), manager)
    assert not QuarterlyReport.objects.filter(year=2026, quarter=4).exists()


def test_with_many_neighbourhoods_the_report_lists_the_districts_and_the_focus_neighbourhoods(
    manager_client, monkeypatch
):
    """Beyond shortlist.NEIGHBOURHOODS_SHOWN a council report names its headline areas; the figures table has all."""
    monkeypatch.setattr(shortlist, "NEIGHBOURHOODS_SHOWN", 10)
    response = manager_client.get("/reports/2025/q1/?version=concept")
    table = response.content.decode().split('id="sectie-neighbourhoods"')[1].split("</table>")[0]
    hoods = re.findall(r'<th scope="row"><span class="visually-hidden">wijk </span>([^<]+)</th>', table)
    others = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert hoods == list(Area.objects.focus().in_tree_order().values_list("name", flat=True))
    assert sorted(others) == sorted(Area.objects.exclude(level="neighbourhood").values_list("name", flat=True))
    assert "de andere 15 wijken staan in de cijfertabel" in text_of(response)
    stand = row(response, "Feijenoord", exact=True, after='id="sectie-neighbourhoods"').split(" | ")[1]
    assert stand == format_number(nprz_like("caseload", "WK059910", Q1_2025.last_month))


def nprz_like(indicator: str, code: str, month: Month) -> int:
    return CaseloadFigure.objects.get(area__code=code, indicator=indicator, month=month.first_day).value


def test_a_district_shown_without_all_its_neighbourhoods_needs_no_partner_for_a_hidden_one(monkeypatch):
    """With neighbourhoods left out, a hidden one can't be worked out from its district: no complement for it."""
    from programme.reports import live as live_module
    from programme.reports import sections

    monkeypatch.setattr(shortlist, "NEIGHBOURHOODS_SHOWN", 10)
    data = live_module.load_live([Q1_2025], dt.date(2026, 11, 27))
    focus_of = {a["code"] for a in data.areas if a["level"] == "neighbourhood"}
    one = sorted(focus_of)[0]
    small = {k: (3 if k[1] == one and k[0] == "outflow_to_work" else v) for k, v in data.area_values.items()}
    section = sections.neighbourhoods_section(Q1_2025, dataclasses.replace(data, area_values=small))
    cells = [cell for r in section["rows"] for cell in r["cells"]]
    assert cells.count("<10") >= 1
    assert "x" not in [c for r in section["rows"] if r["level"] == "neighbourhood" for c in r["cells"]]
