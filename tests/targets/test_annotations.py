"""Notes on the charts: markers with their text, readable without the chart, escaped, and in the export."""

import re

import pytest

from activities.models import Measure
from monitoring.models import Area
from nprz_dashboard.periods import Month
from programme.targets import services as target_services
from tests.helpers import export_csv, traces

SCRIPT = "<script>alert('x')</script> nieuwe werkwijze"


def test_a_note_is_a_marker_on_the_caseload_chart_and_text_under_it(viewer_client, manager):
    target_services.add_annotation(month=Month(2025, 3), text="start Kind en Werkgeluk", user=manager)
    response = viewer_client.get("/caseload/")
    marker = traces(response, "trend")["notitie (★)"]
    assert marker["x"] == ["2025-03-01"]
    assert marker["hovertext"] == ["start Kind en Werkgeluk"]
    html = response.content.decode()
    assert '<p class="chart__note">Notitie maart 2025: start Kind en Werkgeluk</p>' in html
    # the same note in the chart's table: a numbered mark in the row of its month, the text under the table
    row = r'<th scope="row">maart 2025</th>(<td[^>]*>[^<]*</td>)*<td class="num">★ \((\d)\)</td>'
    number = int(re.search(row, html).group(2))
    notes = re.search(r'<ol class="table-notes"[^>]*>(.*?)</ol>', html[html.index('id="trend"') :], re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", notes)[number - 1] == "start Kind en Werkgeluk"


def test_a_note_is_escaped_everywhere(viewer_client, manager):
    target_services.add_annotation(month=Month(2025, 3), text=SCRIPT, user=manager)
    response = viewer_client.get("/caseload/")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; nieuwe werkwijze" in html
    marker = traces(response, "trend")["notitie (★)"]
    assert marker["hovertext"] == ["&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; nieuwe werkwijze"]


def test_a_note_on_a_neighbourhood_shows_only_there(viewer_client, manager):
    bloemhof = Area.objects.get(code="BU05991081")
    target_services.add_annotation(month=Month(2025, 5), text="wijkwerktafel Bloemhof", area=bloemhof, user=manager)
    assert "wijkwerktafel Bloemhof" in viewer_client.get("/caseload/?area=BU05991081").content.decode()
    assert "wijkwerktafel Bloemhof" not in viewer_client.get("/caseload/").content.decode()


def test_a_note_about_a_flow_marks_the_flows_chart(viewer_client, manager):
    target_services.add_annotation(month=Month(2026, 1), text="nieuwe instroomregels", indicator="inflow", user=manager)
    response = viewer_client.get("/caseload/")
    assert traces(response, "flows")["notitie (★)"]["hovertext"] == ["nieuwe instroomregels"]
    assert "notitie (★)" not in traces(response, "trend")


def test_a_note_about_an_activity_measure_marks_its_monthly_chart(viewer_client, manager):
    visits = Measure.objects.get(slug="huisbezoeken")
    target_services.add_annotation(month=Month(2026, 2), text="nieuwe werkwijze huisbezoeken", measure=visits,
                                   user=manager)  # fmt: skip
    response = viewer_client.get("/activities/verzuimaanpak/")
    marker = traces(response, "maand-huisbezoeken")["notitie (★)"]
    assert marker["hovertext"] == ["nieuwe werkwijze huisbezoeken"]
    assert "Notitie februari 2026: nieuwe werkwijze huisbezoeken" in response.content.decode()


def test_notes_are_in_the_figures_export_for_their_area_and_month(viewer_client, manager):
    target_services.add_annotation(month=Month(2025, 3), text="=start KWG", user=manager)
    target_services.add_annotation(month=Month(2025, 3), text="tweede notitie", user=manager)
    response = viewer_client.get("/caseload/figures/?area=NPRZ&start=2025-02&end=2025-03&_export=csv")
    lines = export_csv(response)[1]
    column = lines[0].index("Notitie")
    by_month = {line[2]: line[column] for line in lines[1:]}
    assert by_month["2025-03"] == "'=start KWG | tweede notitie"  # a formula-like cell is neutralised
    assert by_month["2025-02"] == ""


def test_a_note_needs_text(manager):
    with pytest.raises(target_services.TargetError):
        target_services.add_annotation(month=Month(2025, 3), text="  ", user=manager)
