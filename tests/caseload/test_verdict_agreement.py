"""One verdict function (monitoring.caseload.verdict.judge) answers on /, /caseload/, /targets/ and the report alike."""

import datetime as dt
import html as htmllib
import re

import pytest

from monitoring.models import Target
from nprz_dashboard import clock
from tests.helpers import client_for


def verdict_cards(response) -> dict[int, str]:
    """Return the verdict label per target year, as the answer cards show it."""
    page = htmllib.unescape(response.content.decode())
    cards = re.findall(r'<li class="verdict[^"]*">(.*?)</li>', page, re.S)
    found = {}
    for card in cards:
        year = int(re.search(r"eind (\d{4}): hoogstens", card).group(1))
        found[year] = re.search(r'<span class="status[^"]*">([^<]+)</span>', card).group(1).strip()
    return found


def targets_page_label(response, target: Target) -> str:
    page = htmllib.unescape(response.content.decode())
    row = re.search(rf'<tr id="doel-caseload-{target.pk}">(.*?)</tr>', page, re.S).group(1)
    return re.search(r'<span class="status[^"]*">([^<]+)</span>', row).group(1).strip()


def report_label(response, year: int) -> str:
    page = htmllib.unescape(response.content.decode())
    row = re.search(rf"<th[^>]*>Oordeel doel eind {year} [^<]*</th>\s*<td[^>]*>([^<]+)</td>", page).group(1)
    return row.strip()


def published(year: int) -> Target:
    return Target.objects.current().get(area__code="NPRZ", indicator="caseload", period_end=f"{year}-12-01")


@pytest.mark.parametrize(
    ("today", "quarter"),
    [(dt.date(2026, 10, 2), "2026/q3"), (dt.date(2025, 10, 2), "2025/q3"), (dt.date(2025, 7, 2), "2025/q2")],
)
def test_every_page_gives_the_same_verdict_on_each_published_target(manager, monkeypatch, today, quarter):
    monkeypatch.setattr(clock, "today", lambda: today)
    client = client_for(manager)
    overview = verdict_cards(client.get("/"))
    caseload = verdict_cards(client.get("/caseload/"))
    targets = client.get("/targets/")
    report = client.get(f"/reports/{quarter}/")
    assert overview and overview == caseload
    for year, label in overview.items():
        assert targets_page_label(targets, published(year)) == label
        if year >= today.year:  # the report judges the targets of its year and later
            assert report_label(report, year) == label
    assert overview[2031].endswith("(demo)")  # computed from demo values, and it says so


def test_the_2025_verdict_after_its_deadline_is_met_or_missed_everywhere(manager):
    client = client_for(manager)
    overview = verdict_cards(client.get("/"))
    assert overview[2025] in ("gehaald (demo)", "niet gehaald (demo)")
    assert targets_page_label(client.get("/targets/"), published(2025)) == overview[2025]
    assert report_label(client.get("/reports/2025/q4/"), 2025) == overview[2025]


def test_the_letters_own_2024_result_is_a_real_verdict_without_demo(manager, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 3, 2))
    client = client_for(manager)
    assert verdict_cards(client.get("/"))[2024] == "niet gehaald"
    assert targets_page_label(client.get("/targets/"), published(2024)) == "niet gehaald"


def api_pace(client) -> dict:
    return client.get("/api/v1/derived/caseload-pace/").json()


@pytest.mark.parametrize("today", [dt.date(2025, 7, 2), dt.date(2026, 4, 2), dt.date(2026, 10, 2)])
def test_the_api_judges_the_next_published_target_as_the_pages_do(manager, monkeypatch, today):
    monkeypatch.setattr(clock, "today", lambda: today)
    client = client_for(manager)
    progress = client.get("/caseload/").context["progress"]
    judged = progress.next_verdict
    pace = api_pace(client)
    assert pace["target"]["month"] == judged.deadline.key and pace["target"]["value"] == judged.target
    assert pace["status"] == judged.key
    assert pace["required_pace"] == judged.required_pace and pace["months_remaining"] == judged.months_remaining
    assert verdict_cards(client.get("/"))[judged.deadline.year].startswith(judged.label)


@pytest.mark.parametrize(("quarter", "month"), [("2026/q1", "2026-03"), ("2026/q3", "2026-09")])
def test_there_is_one_derived_path_on_every_page_the_report_and_the_api(manager, quarter, month):
    client = client_for(manager)
    glide = client.get("/caseload/").context["progress"].glide
    api = {row["month"]: row["value"] for row in
           client.get("/api/v1/derived/glide-path/?page_size=1000").json()["results"]}  # fmt: skip
    overview = client.get("/").context["progress"].glide
    value = next(v for m, v in glide.items() if m.key == month)
    assert api[month] == value and {m.key: v for m, v in overview.items()} == api
    report = htmllib.unescape(client.get(f"/reports/{quarter}/").content.decode())
    shown = re.search(r"<th[^>]*>Afgeleid pad eind [a-z]+ \d{4}</th>\s*<td[^>]*>([^<]+)</td>", report).group(1)
    assert shown.strip() == f"{round(value):,}".replace(",", ".")
    assert api_pace(client)["path"] == {
        "month": "2026-12",
        "value": round(glide[max(m for m in glide if m.key == "2026-12")]),
    }
