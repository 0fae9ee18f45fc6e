"""The viewer crawl, continued (issue 19, item 3): every API resource and every published report version.

A viewer reads every resource the API's root lists, every page of it, as JSON
and as CSV, and every published version of every quarterly report, as the API
serves it (JSON and CSV) and as its page and print view show it. Nowhere may
an exact count from 1 up to the threshold stand behind a withheld cell: a row
or figure shown as "<10" or "x" has no value, and a count of people (a caseload
figure, a protected measure's record, a neighbourhood in a report) is never
given as 1–9. Versions published before snapshots left the value out are
simulated by writing a small count back behind each marker of a stored snapshot.
"""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re

import pytest

from monitoring.models import CaseloadFigure, ReportVersion
from nprz_dashboard import clock, disclosure
from nprz_dashboard.periods import Quarter
from programme.reports import content
from programme.reports import services as report_services
from programme.reports.live import load_live
from tests.api.conftest import token_client
from tests.architecture.test_viewer_crawl import small
from tests.helpers import approve_quarter, reopen_quarter

# The rows of these resources are counts of people: a small value is a leak unless its measure is no count.
FIGURE_RESOURCES = {"caseload-figures", "activity-records"}


@pytest.fixture
def viewer_api(viewer):
    """A client that reads the API with a viewer's token, as a script outside the team would."""
    return token_client(viewer)


@pytest.fixture
def small_counts(db):
    """Heijplaat's inflow in October 2026 becomes 3: withheld as <10, with a complement withheld as x."""
    CaseloadFigure.objects.filter(area__code="BU05991593", indicator="inflow", month="2026-10-01").update(value=3)


@pytest.fixture
def versions(manager, small_counts):
    """Publish quarters early and late in a year, one of them twice; the first version as published before schema 3."""
    for quarter in (Quarter(2024, 1), Quarter(2026, 1), Quarter(2026, 3), Quarter(2026, 3)):
        approve_quarter(quarter)
        report_services.publish(quarter, manager, note="Correctie van de instroom" if quarter.number == 3 else "")
    old = ReportVersion.objects.order_by("id").first()
    snapshot = old.snapshot
    for entry in snapshot["figures"].values():  # a count behind each withheld figure, as schema 2 kept it
        if disclosure.is_marker(entry["display"]):
            entry["value"] = 6
    ReportVersion.objects.filter(pk=old.pk).update(snapshot=snapshot)
    assert any(disclosure.is_marker(e["display"]) and e["value"] for e in snapshot["figures"].values())
    return list(ReportVersion.objects.select_related("report").order_by("id"))


def every_page(client, url: str, fmt: str) -> list:
    """Return every response of a list, page by page, as a client follows the `Link` header."""
    responses, page = [], 1
    while True:
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}format={fmt}&page_size=1000&page={page}")
        assert response.status_code == 200, (url, response.content[:300])
        responses.append(response)
        if 'rel="next"' not in response.get("Link", ""):
            return responses
        page += 1


def json_leaks(data, where: str) -> list[str]:
    """Return every object in a JSON document that shows a marker yet carries a value behind it."""
    leaks = []
    if isinstance(data, dict):
        if data.get("withheld") and data.get("value") is not None:
            leaks.append(f"{where}: {data['withheld']} with value {data['value']}")
        if disclosure.is_marker(data.get("display")) and data.get("value") is not None:
            leaks.append(f"{where}: {data.get('label')} {data['display']} with value {data['value']}")
        for key, value in data.items():
            leaks += json_leaks(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            leaks += json_leaks(value, f"{where}[{index}]")
    return leaks


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def number(text: str):
    return float(text.replace(",", ".")) if re.fullmatch(r"-?\d+(,\d+)?", text or "") else None


def snapshot_leaks(snapshot: dict, where: str) -> list[str]:
    """Return a snapshot's figures that show a marker with a value, and neighbourhoods given as 1–9."""
    leaks = json_leaks(snapshot, where)
    for key, entry in snapshot["figures"].items():
        if key.startswith("area.") and small(entry["value"]):
            leaks.append(f"{where} {entry['label']}: {entry['value']}")
    for row in snapshot["sections"]["neighbourhoods"]["rows"]:
        leaks += [f"{where} {row['name']}: {cell}" for cell in row["cells"] if small(number(cell))]
    return leaks


def test_every_api_resource_gives_a_viewer_no_value_behind_a_withheld_cell(viewer_api, versions):
    resources = viewer_api.get("/api/v1/").json()
    measures = viewer_api.get("/api/v1/measures/?page_size=1000").json()["results"]
    protected = {m["id"] for m in measures if m["protected"]}
    assert protected
    leaks, withheld, read = [], 0, set()
    for name, url in resources.items():
        if name == "schema":
            continue
        path = url.split("testserver")[-1]
        read.add(name)
        for response in every_page(viewer_api, path, "json"):
            data = response.json()
            leaks += json_leaks(data, name)
            for row in data.get("results", []) if isinstance(data, dict) else []:
                withheld += bool(row.get("withheld"))
                counts = name == "caseload-figures" or row.get("measure") in protected
                if name in FIGURE_RESOURCES and counts and small(row["value"]):
                    leaks.append(f"{name} {row.get('area_code')} {row['month']}: {row['value']}")
        for response in every_page(viewer_api, path, "csv"):
            for row in csv_rows(response):
                if row.get("withheld") and row.get("value"):
                    leaks.append(f"{name} csv: {row['withheld']} with value {row['value']}")
                counts = name == "caseload-figures" or number(row.get("measure", "")) in protected
                if name in FIGURE_RESOURCES and counts and small(number(row.get("value", ""))):
                    leaks.append(f"{name} csv {row.get('area_code')} {row['month']}: {row['value']}")
    assert not leaks, f"{len(leaks)} values behind withheld cells:\n" + "\n".join(leaks[:40])
    assert FIGURE_RESOURCES | {"reports", "measures", "targets", "derived-caseload-pace"} <= read
    assert withheld > 10  # the crawl met withheld cells, so it proves something


def test_every_report_version_gives_a_viewer_no_value_behind_a_withheld_figure(viewer_api, viewer_client, versions):
    listed = viewer_api.get("/api/v1/reports/?page_size=1000").json()["results"]
    assert len(listed) == len(versions) == 4
    leaks, markers = [], 0
    for item in listed:
        path = item["url"].split("testserver")[-1]
        where = f"{item['year']} kw. {item['quarter']} versie {item['version']}"
        snapshot = viewer_api.get(path).json()["snapshot"]
        leaks += snapshot_leaks(snapshot, f"{where} json")
        markers += sum(disclosure.is_marker(e["display"]) for e in snapshot["figures"].values())
        (row,) = csv_rows(viewer_api.get(f"{path}?format=csv"))
        assert json.loads(row["snapshot"]) == snapshot
        page = f"/reports/{item['year']}/q{item['quarter']}/?version={item['version']}"
        frozen = [cell for row in snapshot["sections"]["neighbourhoods"]["rows"] for cell in row["cells"]]
        for url in (page, page + "&view=print"):
            html = viewer_client.get(url).content.decode()
            table = html.split('class="utrecht-table utrecht-table--html-table data-table report-areas"')[1]
            cells = [htmllib.unescape(c) for c in re.findall(r'<td class="num">(.*?)</td>', table.split("</table>")[0])]
            assert cells == frozen, url  # the page shows the snapshot's cells, markers included, nothing else
    assert not leaks, f"{len(leaks)} values behind withheld figures:\n" + "\n".join(leaks[:40])
    assert markers > 10


def test_a_new_snapshot_keeps_no_value_behind_a_withheld_figure_and_its_corrections_still_show(manager):
    heijplaat = CaseloadFigure.objects.filter(area__code="BU05991593", indicator="inflow", month="2026-08-01")
    summer = CaseloadFigure.objects.filter(
        area__code="BU05991593", indicator="inflow", month__in=["2026-07-01", "2026-08-01", "2026-09-01"]
    )
    summer.update(value=1)  # Heijplaat's inflow in kw. 3 2026: 3, withheld as <10
    approve_quarter(Quarter(2026, 3))
    version = report_services.publish(Quarter(2026, 3), manager)
    reopen_quarter(Quarter(2026, 3))  # so the figures can be corrected after publication
    figures = version.snapshot["figures"]
    withheld = {k: e for k, e in figures.items() if disclosure.is_marker(e["display"])}
    assert withheld and all(e["value"] is None for e in withheld.values())
    assert version.snapshot["schema"] == content.SCHEMA == 3
    quarter = Quarter(2026, 3)
    key = "area.BU05991593.inflow"
    assert figures[key] == {"label": figures[key]["label"], "value": None, "display": "<10"}

    def changes() -> dict[str, dict]:
        live = content.report_figures(quarter, load_live([quarter], clock.today()))
        return {c["key"]: c for c in content.changes(figures, live)}

    assert changes() == {}  # the live build, exact values and all, is what was published
    # From 3 to 4: still "<10" for readers, so Heijplaat is no correction (Charlois' total, shown, is one).
    heijplaat.update(value=2)
    assert key not in changes()
    # To 40: it shows, and the correction names the old marker and the new figure.
    heijplaat.update(value=40)
    assert {k: (c["old"], c["new"]) for k, c in changes().items()}[key] == ("<10", "42")


def test_a_viewer_cannot_filter_or_order_the_api_on_a_value(viewer_api, small_counts):
    """The lists have no value filter and no ordering parameter: asking for one changes nothing."""
    plain = viewer_api.get("/api/v1/caseload-figures/?start=2026-10&end=2026-10&page_size=1000").json()
    for extra in ("value=3", "ordering=value", "ordering=-value", "value__lt=10", "withheld=<10"):
        asked = viewer_api.get(f"/api/v1/caseload-figures/?start=2026-10&end=2026-10&page_size=1000&{extra}")
        assert asked.json() == plain, extra
