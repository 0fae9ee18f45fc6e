"""Readers outside the team see small counts per neighbourhood masked; editors see exact values.

The rule is in docs/domain.md, "Disclosure control".
"""

import html as htmllib
import io
import re

import openpyxl
import pytest

from activities.models import ActivityRecord, Measure
from monitoring.models import Area
from tests.helpers import chart_data, export_records, text_of

LEGEND = "x = afgeschermd, zodat een verborgen aantal niet uit een totaal te herleiden is."
OCTOBER = "measure={pk}&start=2026-10&end=2026-10"


@pytest.fixture
def matches(db):
    """Matches per neighbourhood: 20 everywhere in 2026, except Bloemhof 4 and Hillesluis 12 in October."""
    measure = Measure.objects.get(activity__slug="wijkwerktafels", slug="matches")
    records = ActivityRecord.objects.for_measure(measure).in_neighbourhoods()
    records.in_year(2026).update(value=20)
    records.filter(month="2026-10-01", area__name="Bloemhof").update(value=4)
    records.filter(month="2026-10-01", area__name="Hillesluis").update(value=12)
    return measure


def record_cells(html):
    """Return {area: value cell} of the records table."""
    table = html.split('id="maandcijfers"')[1]
    rows = re.findall(
        r'<tr class="(?:even|odd)">\s*<td >.*?</td><td >.*?</td><td >(.*?)</td><td class="num">(.*?)</td>', table
    )
    return {area: htmllib.unescape(value).strip() for area, value in rows}


def test_a_viewer_sees_a_small_count_as_under_ten_and_one_neighbour_masked_with_it(viewer_client, matches):
    html = viewer_client.get(f"/activities/wijkwerktafels/?{OCTOBER.format(pk=matches.pk)}").content.decode()
    cells = record_cells(html)
    assert cells["Bloemhof"] == "<10"
    assert cells["Hillesluis"] == "x"  # otherwise 4 = NPRZ total − the other neighbourhoods
    assert {v for a, v in cells.items() if a not in ("Bloemhof", "Hillesluis")} == {"20"}
    assert LEGEND in text_of(html.split('id="maandcijfers"')[1])


@pytest.mark.parametrize("role", ["editor", "manager"])
def test_an_editor_and_a_manager_see_the_exact_values(client, matches, role, request):
    client.force_login(request.getfixturevalue(role))
    html = client.get(f"/activities/wijkwerktafels/?{OCTOBER.format(pk=matches.pk)}").content.decode()
    cells = record_cells(html)
    assert (cells["Bloemhof"], cells["Hillesluis"]) == ("4", "12")
    assert LEGEND not in html


def test_the_csv_export_keeps_raw_numbers_and_masks_the_hidden_cells_as_text(viewer_client, matches):
    url = f"/activities/wijkwerktafels/?_export=csv&{OCTOBER.format(pk=matches.pk)}"
    rows = {r["Gebied"]: r["Waarde"] for r in export_records(viewer_client.get(url))}
    assert (rows["Bloemhof"], rows["Hillesluis"], rows["Feijenoord"]) == ("<10", "x", "20")


def xlsx_values(client, measure):
    url = f"/activities/wijkwerktafels/?_export=xlsx&{OCTOBER.format(pk=measure.pk)}"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url).content)).active
    return {r[2]: r[3] for r in list(sheet.iter_rows(values_only=True))[1:]}


def test_the_xlsx_export_holds_numbers_for_visible_cells_and_text_for_hidden_ones(viewer_client, matches):
    values = xlsx_values(viewer_client, matches)
    assert (values["Bloemhof"], values["Hillesluis"], values["Feijenoord"]) == ("<10", "x", 20)


def test_the_xlsx_export_of_an_editor_holds_the_exact_numbers(editor_client, matches):
    values = xlsx_values(editor_client, matches)
    assert (values["Bloemhof"], values["Hillesluis"]) == (4, 12)


def test_a_filter_on_one_neighbourhood_does_not_unmask_it(viewer_client, matches):
    url = f"/activities/wijkwerktafels/?{OCTOBER.format(pk=matches.pk)}&area=hillesluis"  # by (part of) its name
    assert record_cells(viewer_client.get(url).content.decode()) == {"Hillesluis": "x"}


def test_a_viewer_sorting_the_records_by_value_finds_the_withheld_ones_together_after_the_shown(viewer_client, matches):
    """Issue 19: sorting on the exact value would place Bloemhof (4) and Hillesluis (12) among their neighbours."""
    url = f"/activities/wijkwerktafels/?{OCTOBER.format(pk=matches.pk)}"
    assert "sort=value" in viewer_client.get(url).content.decode().split('id="maandcijfers"')[1]
    for sort in ("value", "-value"):
        cells = list(record_cells(viewer_client.get(f"{url}&sort={sort}").content.decode()).items())
        assert [value for _, value in cells[:-2]] == ["20"] * (len(cells) - 2)
        assert cells[-2:] == [("Bloemhof", "<10"), ("Hillesluis", "x")]  # the table's own (area) order, both ways


@pytest.fixture
def small_year(matches):
    """Year to date 2026: Bloemhof 4 matches, Hillesluis 10, every other neighbourhood 200."""
    records = ActivityRecord.objects.for_measure(matches).in_neighbourhoods().in_year(2026)
    records.exclude(area__name__in=["Bloemhof", "Hillesluis"]).update(value=20)
    records.filter(area__name="Bloemhof").update(value=0)
    records.filter(area__name="Bloemhof", month="2026-10-01").update(value=4)
    records.filter(area__name="Hillesluis").update(value=1)
    return matches


def chart_table(html, chart_id):
    figure = html.split(f'id="{chart_id}"')[1].split("</figure>")[0]
    return dict(re.findall(r'<th scope="row">([^<]*)</th><td class="num">([^<]*)</td>', figure))


def test_the_chart_per_neighbourhood_masks_small_totals_and_draws_no_bar_for_them(viewer_client, small_year):
    html = viewer_client.get("/activities/wijkwerktafels/").content.decode()
    table = {k: htmllib.unescape(v) for k, v in chart_table(html, "wijk-matches").items()}
    assert table["Bloemhof (focuswijk)"] == "<10"
    assert table["Hillesluis (focuswijk)"] == "x"
    assert table["Feijenoord (focuswijk)"] == "200"
    bars = chart_data(html, "wijk-matches")["data"][0]["y"]
    assert not any(name.startswith(("Bloemhof", "Hillesluis")) for name in bars)
    assert len(bars) == Area.objects.neighbourhoods().count() - 2
    after_chart = html.split('id="wijk-matches"')[1].split("</figure>")[1]
    assert LEGEND in htmllib.unescape(after_chart.split("</section>")[0])


def test_the_activity_beside_outcome_table_masks_small_counts_and_leaves_them_out_of_the_plot(
    viewer_client, small_year
):
    html = viewer_client.get("/activities/wijkwerktafels/").content.decode()
    section = html.split('id="naast-uitkomst-sectie"')[1]
    table = section.split("</table>")[0]
    bloemhof = text_of(table.split(">Bloemhof")[1].split("</tr>")[0])
    assert "<10" in bloemhof and " 4 " not in f" {bloemhof} "
    assert LEGEND in text_of(section.split("</table>")[1].split("<figure")[0])
    plotted = [name for trace in chart_data(html, "naast-uitkomst")["data"] for name in trace["text"]]
    assert "Bloemhof" not in plotted and "Hillesluis" not in plotted


def test_an_editor_sees_exact_totals_per_neighbourhood_with_every_bar(editor_client, small_year):
    html = editor_client.get("/activities/wijkwerktafels/").content.decode()
    table = chart_table(html, "wijk-matches")
    assert (table["Bloemhof (focuswijk)"], table["Hillesluis (focuswijk)"]) == ("4", "10")
    assert len(chart_data(html, "wijk-matches")["data"][0]["y"]) == Area.objects.neighbourhoods().count()
    assert LEGEND not in html


def test_euros_are_not_masked(viewer_client):
    paid = Measure.objects.get(activity__slug="bufferbudget", slug="uitbetaald")
    ActivityRecord.objects.for_measure(paid).filter(month="2026-10-01").update(value=5)
    html = viewer_client.get(f"/activities/bufferbudget/?{OCTOBER.format(pk=paid.pk)}").content.decode()
    assert set(record_cells(html).values()) == {"€ 5"}
