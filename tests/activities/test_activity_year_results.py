"""An activity page opens with its results per year: result, target, share and where the result comes from."""

import re

from activities.models import ActivityRecord
from tests.helpers import chart_data, text_of


def year_rows(response, measure: str) -> dict[str, str]:
    """Return the rows of a measure's year table by year, their cells joined by ' | '."""
    page = response.content.decode()
    table = re.search(rf"<caption>{measure}: resultaat per jaar tegenover het doel</caption>(.*?)</table>", page, re.S)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)[1:]:
        cells = [text_of(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0].split()[0]] = " | ".join(cells)
    return rows


def test_home_visits_2024_show_1086_against_700_is_155_percent_without_choosing_a_year(viewer_client):
    response = viewer_client.get("/activities/verzuimaanpak/")
    rows = year_rows(response, "Huisbezoeken uitgevoerd")
    assert rows["2024"].startswith("2024 | 1.086 ◆ officieel cijfer, bron: Brief wethouder")
    assert "| 700 ◆ gepubliceerd doel" in rows["2024"] and "| 155% |" in rows["2024"]
    source = "Brief wethouder aan de commissie: Samen voor Zuid (NPRZ pijler Werk) 2025"
    assert rows["2024"].endswith(f"officieel ({source})")
    text = text_of(response)
    assert text.index("Resultaten per jaar") < text.index("Toon jaar")  # before any choice of year


def test_a_year_of_demo_months_is_marked_demo_not_official(viewer_client):
    rows = year_rows(viewer_client.get("/activities/verzuimaanpak/"), "Huisbezoeken uitgevoerd")
    total = sum(
        ActivityRecord.objects.filter(measure__slug="huisbezoeken", month__year=2025, area__code="NPRZ").values_list(
            "value", flat=True
        )
    )
    assert rows["2025"].startswith(f"2025 | {int(total):,}".replace(",", ".") + " (demo) | 1.200 ◆")
    assert rows["2025"].endswith("demowaarde")
    assert "(t/m oktober 2026)" in rows["2026"] and "(demodoel)" in rows["2026"]


def test_long_pages_open_with_their_contents(viewer_client):
    html = viewer_client.get("/activities/wijkwerktafels/").content.decode()
    nav = re.search(r'<nav class="page-contents"[^>]*>(.*?)</nav>', html, re.S).group(1)
    for anchor in ("#per-jaar", "#maat-matches", "#naast-uitkomst-sectie", "#maandcijfers"):
        assert f'href="{anchor}"' in nav
        assert f'id="{anchor[1:]}"' in html


def test_euros_are_an_amount_with_a_euro_axis_and_a_level_is_not_pro_rata(viewer_client):
    response = viewer_client.get("/activities/bufferbudget/")
    text = text_of(response)
    assert "Uitbetaald bedrag in de maand" in text
    assert "aantal in de maand" not in text.split("Uitbetaald", 1)[1].split("Actieve", 1)[0]
    axis = chart_data(response, "maand-uitbetaald")["layout"]["yaxis"]
    assert axis["tickprefix"] == "€ " and axis["title"]["text"].endswith("(euro)")
    stock = chart_data(response, "maand-actieve-deelnemers")["layout"]["yaxis"]
    assert stock["title"]["text"] == "stand eind van de maand (personen)"
    progress = text_of(viewer_client.get("/activities/"))
    assert re.search(r"Bufferbudget Actieve deelnemers \d+% van het doel (?!naar rato)", progress)


def test_every_activity_chart_has_axis_titles_with_a_unit(viewer_client):
    response = viewer_client.get("/activities/verzuimaanpak/")
    for chart_id in ("maand-huisbezoeken", "opgeteld-huisbezoeken"):
        layout = chart_data(response, chart_id)["layout"]
        assert layout["xaxis"]["title"]["text"].startswith("maand")
        assert layout["yaxis"]["title"]["text"].endswith("(aantal)")
