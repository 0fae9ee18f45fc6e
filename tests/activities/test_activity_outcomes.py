"""Activities next to outcomes: per neighbourhood the output beside its outflow to work, same months."""

import re

from django.db.models import Sum

from activities.models import ActivityRecord
from monitoring.models import Area, CaseloadFigure, CaseloadIndicator
from nprz_dashboard.formatting import format_number


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
