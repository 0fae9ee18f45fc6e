"""Activities next to outcomes: per neighbourhood the output beside its outflow to work, same months."""

import re

import pytest
from django.db.models import Sum

from activities.models import ActivityRecord
from monitoring.models import Area, CaseloadFigure, CaseloadIndicator
from nprz_dashboard import shortlist
from nprz_dashboard.formatting import format_number
from tests.helpers import chart_data, text_of


def outcomes_html(response):
    return response.content.decode().split('id="naast-uitkomst-sectie"')[1].split("</section>")[0]


def test_each_neighbourhood_shows_its_matches_beside_its_outflow_to_work(viewer_client):
    html = outcomes_html(viewer_client.get("/activities/wijkwerktafels/"))
    hood = Area.objects.get(name="Tarwewijk")
    months = {"month__gte": "2026-01-01", "month__lte": "2026-10-01"}
    matches = ActivityRecord.objects.filter(measure__slug="matches", area=hood, **months).aggregate(t=Sum("value"))
    outflow = CaseloadFigure.objects.filter(indicator=CaseloadIndicator.OUTFLOW_TO_WORK, area=hood, **months).aggregate(
        t=Sum("value")
    )
    row = re.search(r"<th scope=\"row\">Tarwewijk.*?</tr>", html, re.S).group(0)
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells[3] == format_number(matches["t"])  # bijeenkomsten, werkzoekenden, werkgevers, matches
    assert cells[4] == format_number(outflow["t"])
    assert "januari 2026 tot en met oktober 2026" in html


def test_every_neighbourhood_has_a_row_and_the_chart_is_there(viewer_client):
    html = outcomes_html(viewer_client.get("/activities/wijkwerktafels/"))
    assert html.count('<th scope="row">') >= Area.objects.neighbourhoods().count()
    assert 'data-chart="naast-uitkomst-data"' in html


def test_the_wording_makes_no_causal_claim(viewer_client):
    text = re.sub(r"<[^>]+>", " ", outcomes_html(viewer_client.get("/activities/wijkwerktafels/"))).lower()
    for claim in ["dankzij", "leidt tot", "leidde tot", "zorgt voor", "zorgde voor", "effect van", "resulteert in"]:
        assert claim not in text
    assert "geen oorzaak en gevolg" in text


def test_activities_not_recorded_per_neighbourhood_have_no_such_section(viewer_client):
    assert 'id="naast-uitkomst-sectie"' not in viewer_client.get("/activities/verzuimaanpak/").content.decode()


def outcome_cells(response) -> dict[str, list[str]]:
    """Return {neighbourhood: its cells} of the table beside the outflow to work."""
    rows = re.findall(r'<th scope="row">([^<(]+?)(?: <span.*?)?</th>(.*?)</tr>', outcomes_html(response), re.S)
    return {name.strip(): re.findall(r'<td class="num">([^<]*)</td>', cells) for name, cells in rows}


@pytest.fixture
def few_shown(monkeypatch):
    """Pretend NPRZ has more neighbourhoods than a page shows at once (22 against 10)."""
    monkeypatch.setattr(shortlist, "NEIGHBOURHOODS_SHOWN", 10)


@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_with_many_neighbourhoods_the_page_shows_the_focus_and_the_first_others_and_links_to_all(
    client, db, few_shown, role, request
):  # `db` named here: the role's user comes later, and the seed check (conftest) looks at the names up front
    client.force_login(request.getfixturevalue(role))
    response = client.get("/activities/wijkwerktafels/")
    everyone = client.get("/activities/wijkwerktafels/?wijken=alle")
    shown, every = outcome_cells(response), outcome_cells(everyone)
    focus = set(Area.objects.focus().values_list("name", flat=True))
    first_others = list(
        Area.objects.neighbourhoods().filter(is_focus=False).in_tree_order().values_list("name", flat=True)[:3]
    )
    assert set(shown) == focus | set(first_others)
    assert len(every) == Area.objects.neighbourhoods().count()
    assert all(shown[name] == every[name] for name in shown)  # the same cells, masked alike for a reader
    text = text_of(response)
    assert "De tabel toont 10 van de 22 wijken: de focuswijken en de eerste andere" in text
    assert "Toon alle 22 wijken" in text and "Toon alle 22 wijken" not in text_of(everyone)
    bars = chart_data(response, "wijk-matches")["data"][0]["y"]
    assert len(bars) <= 10 and "van deze 10 wijken" in text
