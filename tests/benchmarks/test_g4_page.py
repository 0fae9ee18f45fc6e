"""/caseload/g4/: Zuid's benefits per 1.000 inhabitants beside the G4, the gap, the denominators, demo marked."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.models import BenchmarkValue
from benchmarks.services import Incoming, store_values
from monitoring.models import CaseloadFigure
from nprz_dashboard.formatting import format_datetime, format_number, format_signed
from nprz_dashboard.periods import Month
from tests.conftest import LAST_MONTH

URL = "/caseload/g4/"
G4 = ("GM0363", "GM0599", "GM0518", "GM0344")


def zuid_benefits(month: Month) -> int:
    return CaseloadFigure.objects.caseload().get(area__code="NPRZ", month=month.first_day).value


def value(region, measure, month: Month) -> int:
    return BenchmarkValue.objects.get(region=region, measure=measure, month=month.first_day).value


def population(region, month: Month) -> int:
    """Return the latest population on or before the month (populations are counted on 1 January)."""
    rows = BenchmarkValue.objects.filter(region=region, measure="population", month__lte=month.first_day)
    return rows.order_by("-month").first().value


def expected_rates(month: Month) -> tuple[float, float]:
    """Return Zuid's rate and the G4 average (summed benefits over summed inhabitants) from the stored counts."""
    zuid = zuid_benefits(month) / population("NPRZ", month) * 1000
    g4 = sum(value(r, "benefits", month) for r in G4) / sum(population(r, month) for r in G4) * 1000
    return zuid, g4


def chart_data(response) -> dict:
    found = re.search(r'<script id="g4-data" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(found.group(1))


def test_it_shows_zuid_and_the_gap_to_the_g4_average_in_a_sentence(viewer_client, demo_benchmarks):
    zuid, g4 = expected_rates(LAST_MONTH)

    response = viewer_client.get(URL)

    assert response.status_code == 200
    expected = (
        f"Eind oktober 2026: in Zuid {format_number(zuid, 1)} uitkeringen per 1.000 inwoners, "
        f"{format_number(zuid - g4, 1)} boven het G4-gemiddelde (demo)."
    )
    assert expected in response.content.decode()


def test_the_chart_draws_six_lines_each_with_its_own_dash_and_marker(viewer_client, demo_benchmarks):
    traces = chart_data(viewer_client.get(URL))["data"]

    names = [t["name"] for t in traces]
    assert names == [
        "Zuid (NPRZ) (demo)",
        "Rest van Rotterdam (demo)",
        "Amsterdam (demo)",
        "Den Haag (demo)",
        "Utrecht (demo)",
        "G4-gemiddelde (demo)",
    ]
    assert len({(t["line"]["dash"], t["marker"]["symbol"]) for t in traces}) == 6


def test_the_table_holds_each_months_rates_and_the_gap(viewer_client, demo_benchmarks):
    zuid, g4 = expected_rates(LAST_MONTH)
    rotterdam = value("GM0599", "benefits", LAST_MONTH) - zuid_benefits(LAST_MONTH)
    rest = rotterdam / (value("GM0599", "population", Month(2026, 1)) - value("NPRZ", "population", Month(2026, 1)))

    html = viewer_client.get(URL).content.decode()

    row = re.search(r"<tr><th scope=\"row\">oktober 2026</th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r'<td class="num">(.*?)</td>', row)
    assert cells[0] == f"{format_number(zuid, 1)} (demo)"
    assert cells[1] == f"{format_number(rest * 1000, 1)} (demo)"
    assert cells[5] == f"{format_number(g4, 1)} (demo)"
    assert cells[6] == format_signed(zuid - g4, 1)
    assert cells[7] == "demowaarde"


def test_demo_values_are_marked_demo_with_the_banner_and_in_the_denominators(viewer_client, demo_benchmarks):
    html = viewer_client.get(URL).content.decode()

    assert "synthetische demogegevens" in html  # the banner
    assert "Waarden met (demo) zijn synthetisch" in html
    denominators = html.split("Inwoners waardoor", 1)[1]
    row = re.search(r'<tr><th scope="row">Amsterdam</th>(.*?)</tr>', denominators, re.S).group(1)
    assert "CBS-bevolkingstabel per gemeente" in row and "synthetisch (demo)" in row


def test_cbs_values_show_without_demo_and_the_sentence_waits_for_all_four_cities(viewer_client, cbs_feed):
    BenchmarkValue.objects.all().delete()
    call_command("sync_cbs", stdout=io.StringIO())
    september = Month(2026, 9)  # Utrecht's October is suppressed: no G4 average in October
    zuid, g4 = expected_rates(september)

    html = viewer_client.get(URL).content.decode()

    assert f"Eind september 2026: in Zuid {format_number(zuid, 1)} uitkeringen per 1.000 inwoners" in html
    row = re.search(r"<tr><th scope=\"row\">september 2026</th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r'<td class="num">(.*?)</td>', row)[5] == format_number(g4, 1)  # no "(demo)": CBS figures
    denominators = html.split("Inwoners waardoor", 1)[1]
    assert "CBS Kerncijfers wijken en buurten" in denominators and "86165NED" in denominators


def test_a_new_cbs_value_shows_on_the_next_request_though_the_page_is_cached(viewer_client, demo_benchmarks, settings):
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "TIMEOUT": 300}}
    viewer_client.get(URL)
    assert viewer_client.get(URL)["Server-Timing"] == 'page;desc="hit"'
    revised = Incoming("GM0363", "benefits", LAST_MONTH, 1, "voorlopig", "cbs", table_id="82015NED")

    store_values([revised], "test")
    response = viewer_client.get(URL)

    assert response["Server-Timing"] == 'page;desc="miss"'
    amsterdam = chart_data(response)["data"][2]
    assert amsterdam["y"][-1] < 1  # one benefit per ~950.000 inhabitants


@pytest.mark.parametrize("client_fixture, status", [("viewer_client", 200), ("editor_client", 200)])
def test_every_role_may_read_it(request, client_fixture, status, demo_benchmarks):
    assert request.getfixturevalue(client_fixture).get(URL).status_code == status


def test_it_requires_login_and_a_role(client, outsider):
    assert client.get(URL).status_code == 302
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_its_query_count_does_not_grow_with_the_data(viewer_client, demo_benchmarks, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache", "TIMEOUT": 0}}
    viewer_client.get(URL)  # the session and user are loaded once per request; warm nothing else

    with CaptureQueriesContext(connection) as queries:
        viewer_client.get(URL)

    # session, user, the user's groups (role check and menu, cached per request),
    # Zuid's caseload (monitoring), every benchmark value up to the last complete month
    assert len(queries) == 5, [q["sql"] for q in queries]


def test_it_says_when_the_benchmark_values_were_last_written(viewer_client, demo_benchmarks):
    latest = BenchmarkValue.objects.latest("updated_at").updated_at

    html = viewer_client.get(URL).content.decode()

    assert f"Vergelijkingscijfers bijgewerkt op {format_datetime(latest)}." in html


def test_the_caseload_page_links_to_it(viewer_client):
    assert 'href="/caseload/g4/"' in viewer_client.get("/caseload/").content.decode()
