"""A reader never meets a small count of a protected activity measure, on any page a viewer can reach.

Issue 12, item 3: the records table showed "<10" while the chart of the same
figures gave the exact value in its data, its table and its accessible name.
This crawl visits every activity page in every year, the pages linked from the
overview (activities, caseload, targets, reports and their versions and print
views, glossary) and every export, and looks for a value from 1 up to the
disclosure threshold in the places that hold a protected measure's figures:
chart data (every trace but target lines), chart tables, chart sentences and
accessible names, the summary tables, measure cards, records tables and
exports, the activity list and its trend lines, the overview and the reports.
Numbers that are no figure of a protected measure (years, dates, percentages,
targets, months elapsed, names with digits) are left out by where they stand,
not by their value, so the test cannot pass by looking past a leak.

Issue 19 extends the crawl: test_viewer_crawl_api.py reads every API resource
(JSON and CSV) and every published report version, test_viewer_crawl_sorting.py
every sortable column of the figures and records tables, both ways.
"""

from __future__ import annotations

import html as htmllib
import io
import json
import re
import urllib.parse
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings

from activities import protection
from activities.models import Activity, ActivityRecord, Measure
from monitoring.models import Area
from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services
from tests.helpers import approve_quarter, export_records

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "activities.json"
SLUGS = [activity["slug"] for activity in json.loads(FIXTURE.read_text())["activities"]]
YEARS = [2024, 2025, 2026]
KEPT_PARAMETERS = {"year", "version", "view", "_export"}
SKIPPED = ("/static/", "/admin/", "/accounts/logout/", "/accounts/login/")
TARGET_WORDS = ("doel", "nodig", "naar rato", "verwacht")
NUMBER = re.compile(r"(?<![\w.,<])\d+(?![\w]|[.,]\d)")


def small(value) -> bool:
    """Return whether a value is a count readers may not see (1 up to the threshold)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 < value < settings.DISCLOSURE_THRESHOLD


def small_text(text: str) -> bool:
    """Return whether a table cell holds a small count written out ('5'), not a marker ('<10', 'x')."""
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", text)).strip()
    match = re.match(r"^(\d+)(?![\d.,])", text)
    return bool(match) and small(int(match[1]))


@pytest.fixture
def published(manager):
    """Publish the first quarter, one early in a year (small year-to-date counts) and the latest."""
    for quarter in (Quarter(2024, 1), Quarter(2026, 1), Quarter(2026, 3)):
        approve_quarter(quarter)
        report_services.publish(quarter, manager)


@pytest.fixture
def names(db) -> list[str]:
    """Names that may hold digits ("sporen 4 en 5"), removed from sentences before reading numbers."""
    words = [m.name for m in Measure.objects.all()] + [a.name for a in Activity.objects.all()]
    words += [a.name for a in Area.objects.all()]
    return sorted(set(words), key=len, reverse=True)


def protected_measures() -> dict[str, set[str]]:
    """Return the names and slugs of the protected measures per activity slug."""
    found: dict[str, set[str]] = {}
    for measure in Measure.objects.select_related("activity"):
        if protection.is_protected(measure):
            found.setdefault(measure.activity.slug, set()).update({measure.name, measure.slug})
    return found


def protected_small_values() -> set[int]:
    """Return the small counts that exist among the protected measures' monthly, neighbourhood and yearly figures."""
    measures = [m for m in Measure.objects.all() if protection.is_protected(m)]
    found = set()
    rows = ActivityRecord.objects.for_measures(measures).making_up_programme_total().monthly_totals()
    by_year: dict[tuple[int, int], float] = {}
    for row in rows:
        found.add(float(row["total"]))
        key = (row["measure_id"], row["month"].year)
        by_year[key] = by_year.get(key, 0) + float(row["total"])
        found.add(by_year[key])  # a running total within the year
    found |= {float(v) for v in ActivityRecord.objects.for_measures(measures).values_list("value", flat=True)}
    return {int(v) for v in found if small(v)}


def test_the_protected_measures_have_small_counts_to_hide(db):
    """Without small counts in the data the crawl below would prove nothing."""
    assert protected_small_values() == set(range(1, settings.DISCLOSURE_THRESHOLD))
    assert {"kind-en-werkgeluk", "bufferbudget", "wijkwerktafels"} <= set(protected_measures())


# --- reading a page -------------------------------------------------------------------------


def figures(html: str) -> dict[str, str]:
    return dict(re.findall(r'<figure class="chart" id="([^"]+)"(.*?)</figure>', html, re.S))


def chart_measure(chart_id: str) -> str | None:
    match = re.match(r"(?:maand|opgeteld|wijk)-(.+)$", chart_id)
    return match[1] if match else ("outcomes" if chart_id == "naast-uitkomst" else None)


def sentence_numbers(text: str, names: list[str]) -> list[int]:
    """Return the whole numbers a sentence states as figures (not years, dates, percentages, targets or names)."""
    text = htmllib.unescape(text)
    for name in names:
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    for pattern in (
        r"\d{1,2}-\d{1,2}-\d{4}",  # dates
        r"[\d.,]+\s*%",  # percentages
        r"doel van [\d.,]+",  # targets
        r"[\d.,]+ die naar rato",  # what a target asks by now
        r"\d+ van de \d+ maanden",  # months elapsed
        r"<\d+",  # disclosure markers
    ):
        text = re.sub(pattern, " ", text)
    return [int(n) for n in NUMBER.findall(text)]


def chart_leaks(chart_id: str, body: str, html: str, names: list[str]) -> list[str]:
    leaks = []
    data = re.search(rf'<script id="{re.escape(chart_id)}-data" type="application/json">(.*?)</script>', html, re.S)
    for trace in json.loads(data[1])["data"] if data else []:
        if any(word in str(trace.get("name", "")).lower() for word in TARGET_WORDS):
            continue
        for axis in ("x", "y"):
            leaks += [f"{chart_id} data {axis}={v}" for v in trace.get(axis) or [] if small(v)]
    header = re.findall(r'<th scope="col">(.*?)</th>', body)
    checked = [i for i, title in enumerate(header) if i and not any(w in title.lower() for w in TARGET_WORDS)]
    for row in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[-1], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        leaks += [
            f"{chart_id} table {cells[0]}: {cells[i]}" for i in checked if i < len(cells) and small_text(cells[i])
        ]
    texts = re.findall(r'<p class="chart__sentence">(.*?)</p>', body, re.S)
    texts += re.findall(r'role="img" aria-label="([^"]*)"', body)
    for text in texts:
        leaks += [f"{chart_id} sentence: {n} in {text!r}" for n in sentence_numbers(text, names) if small(n)]
    return leaks


def detail_leaks(slug: str, html: str, protected: set[str], names: list[str]) -> list[str]:
    """Check an activity page: its charts, summary table, measure cards, outcomes table and records table."""
    leaks = []
    for chart_id, body in figures(html).items():
        measure = chart_measure(chart_id)
        if measure == "outcomes" or measure in protected:
            leaks += chart_leaks(chart_id, body, html, names)
    for measure_slug, row in re.findall(
        r'<tr>\s*<th scope="row"><a href="#maat-([^"]+)">.*?</th>(.*?)</tr>', html, re.S
    ):
        if measure_slug in protected:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            leaks += [f"summary {measure_slug}: {cells[i]}" for i in (1, 6) if small_text(cells[i])]
    for measure_slug, card in re.findall(
        r'<section class="measure" id="maat-([^"]+)".*?</h2>\s*<p>(.*?)</p>', html, re.S
    ):
        if measure_slug in protected:
            value = re.sub(r"<[^>]+>", " ", card).split(":")[-1]
            numbers = NUMBER.findall(value.split(" tegen ")[0])
            leaks += [f"card {measure_slug}: {value.strip()}" for n in numbers if small(int(n))]
    if 'id="naast-uitkomst-sectie"' in html:
        table = html.split('id="naast-uitkomst-sectie"')[1].split("</table>")[0]
        leaks += [f"outcomes table: {c}" for c in re.findall(r'<td class="num">(.*?)</td>', table) if small_text(c)]
    records = html.split('id="maandcijfers"')[1] if 'id="maandcijfers"' in html else ""
    for cells in re.findall(r'<tr class="(?:even|odd)">(.*?)</tr>', records, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        if len(cells) >= 4 and htmllib.unescape(cells[1]).strip() in protected and small_text(cells[3]):
            leaks.append(f"records {cells[1]} {cells[2]} {cells[0]}: {cells[3]}")
    return leaks


def export_leaks(response, protected: set[str]) -> list[str]:
    if response["Content-Type"].startswith("text/csv"):
        rows = export_records(response)  # the rows under the export's marks line
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
        table = list(sheet.iter_rows(values_only=True))
        rows = [dict(zip(table[0], row, strict=False)) for row in table[1:]]
    leaks = []
    for row in rows:
        value = row.get("Waarde")
        if isinstance(value, str) and re.fullmatch(r"\d+", value):
            value = int(value)
        if row.get("Maat") in protected and small(value):
            leaks.append(f"export {row.get('Maat')} {row.get('Gebied')} {row.get('Maand')}: {value}")
    return leaks


def overview_leaks(html: str, key_names: set[str], names: list[str]) -> list[str]:
    """Check the activity list, the overview and the reports: values, shares and trend lines of key measures."""
    leaks = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        texts = [htmllib.unescape(re.sub(r"<[^>]+>", " ", c)).strip() for c in cells]
        if len(cells) > 2 and texts[1] in key_names and small_text(cells[2]):
            leaks.append(f"row {texts[0]} / {texts[1]}: {texts[2]}")
    for label in re.findall(r'<svg class="sparkline"[^>]*aria-label="([^"]*)"', html):
        leaks += [f"trend line: {label}" for n in sentence_numbers(label, names) if small(n)]
    for detail in re.findall(r'<span class="activity-status-list__detail">(.*?)</span>', html, re.S):
        value = htmllib.unescape(re.sub(r"<[^>]+>", " ", detail)).split(":", 1)[-1].split(" tegen ")[0]
        leaks += [f"overview: {detail}" for n in NUMBER.findall(value) if small(int(n))]
    return leaks


def normalised(url: str) -> str | None:
    """Return a crawlable URL without paging, sorting and filters (None for what is not crawled)."""
    parts = urllib.parse.urlsplit(url)
    if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIPPED):
        return None
    if parts.path.endswith(".pdf"):  # printed by Chromium from the print view, which the crawl reads instead
        return None
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k in KEPT_PARAMETERS]
    if any(k == "_export" for k, _ in query):
        query = [(k, v) for k, v in query if k == "_export"]  # an export holds every record, whatever the year
    return parts.path + ("?" + urllib.parse.urlencode(sorted(query)) if query else "")


def links(html: str, base: str) -> list[str]:
    hrefs = [htmllib.unescape(h) for h in re.findall(r'href="([^"#][^"]*)"', html)]
    return [u for u in (normalised(urllib.parse.urljoin(base, h)) for h in hrefs) if u]


# --- the crawl ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_an_activity_page_shows_a_viewer_no_small_count_in_any_year_or_export(viewer_client, names, slug):
    protected = protected_measures().get(slug, set())
    leaks, markers = [], 0
    for year in YEARS:
        response = viewer_client.get(f"/activities/{slug}/?year={year}")
        assert response.status_code == 200
        html = response.content.decode()
        leaks += [f"{year} {leak}" for leak in detail_leaks(slug, html, protected, names)]
        markers += html.count("&lt;10")
    for export in ("csv", "xlsx"):
        response = viewer_client.get(f"/activities/{slug}/?_export={export}")
        assert response.status_code == 200
        leaks += export_leaks(response, protected)
    assert not leaks, f"{len(leaks)} small counts shown to a reader:\n" + "\n".join(leaks[:40])
    if slug in ("kind-en-werkgeluk", "wijkwerktafels"):
        assert markers > 0  # the small counts are there, and shown as "<10"


def test_every_other_page_a_viewer_reaches_shows_no_small_count(viewer_client, names, published):
    key_names = {
        m.name for m in Measure.objects.key() if protection.is_protected(m) and m.activity.slug in protected_measures()
    }
    queue = ["/", "/activities/", *[f"/activities/?year={y}" for y in YEARS], "/reports/"]
    queue += [f"/reports/{q.year}/q{q.number}/?view=print" for q in (Quarter(2024, 1), Quarter(2026, 1))]
    seen, leaks, activity_links = set(), [], set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if re.match(r"^/activities/[^/]+/", url):
            activity_links.add(url.split("/")[2])  # every activity page is checked by the test above
            continue
        response = viewer_client.get(url)
        assert response.status_code in (200, 403, 404), url
        if not response["Content-Type"].startswith("text/html") or response.status_code != 200:
            continue
        html = response.content.decode()
        leaks += [f"{url}: {leak}" for leak in overview_leaks(html, key_names, names)]
        queue += links(html, url)
    assert not leaks, f"{len(leaks)} small counts shown to a reader:\n" + "\n".join(leaks[:40])
    assert activity_links == set(SLUGS)
    assert {"/", "/activities/", "/caseload/", "/caseload/figures/", "/targets/", "/reports/"} <= seen
    assert {"/reports/2026/q1/", "/reports/2024/q1/"} <= {u.split("?")[0] for u in seen}
    assert len(seen) >= 25


def test_the_crawl_finds_a_leak_when_there_is_one(viewer_client, names):
    """Guard the guard: an exact small count in a chart, its table or its sentence is reported."""
    html = (
        '<figure class="chart" id="maand-x"><p class="chart__sentence">Oktober 2026: 5 deelnemers gestart.</p>'
        '<div class="chart__plot" role="img" aria-label="Grafiek: x. Oktober 2026: 4 x."></div>'
        '<script id="maand-x-data" type="application/json">{"data": [{"name": "2026", "y": [3, null, 12]},'
        ' {"name": "doel naar rato", "y": [2]}]}</script><table><thead><tr><th scope="col">Maand</th>'
        '<th scope="col">2026</th><th scope="col">Nodig per maand naar rato</th></tr></thead><tbody>'
        '<tr><th scope="row">januari 2026</th><td class="num">7</td><td class="num">2</td></tr></tbody></table>'
        "</figure>"
    )
    leaks = detail_leaks("x", html, {"x"}, names)
    assert len(leaks) == 4, leaks
    assert not detail_leaks("x", html.replace(">7<", ">&lt;10<").replace("5 deel", "&lt;10 deel").replace(
        ": 4 x", ": x x").replace("[3,", "[null,"), {"x"}, names)  # fmt: skip
    sentence = "Van januari 2026 tot en met oktober 2026: 47, 125% van de 38 die naar rato verwacht mocht worden"
    assert sentence_numbers(sentence, names) == [2026, 2026, 47]
