"""The report's trend chart says what it draws: its notes are keyed by name, its path is this year's path."""

import datetime as dt

from nprz_dashboard.periods import Quarter
from programme.reports import content as reports
from programme.reports import live
from tests.helpers import text_of

TODAY = dt.date(2026, 11, 27)
Q1_2025 = Quarter(2025, 1)


def trend_of(snapshot: dict) -> dict:
    return next(c for c in snapshot["sections"]["caseload"]["charts"] if c["id"] == "rapport-trend")


def test_the_report_draws_the_one_derived_path_of_the_overview_not_a_path_of_its_own(db):
    q3_2026 = Quarter(2026, 3)
    trend = trend_of(reports.build(q3_2026, live.load_live([q3_2026], TODAY)))
    path = next(t for t in trend["figure"]["data"] if t["name"].startswith("afgeleid pad"))
    points = dict(zip(path["x"], path["y"], strict=True))
    # The path between the published 12.400 (end 2025) and 10.000 (end 2031): September 2026 is 12.100 everywhere.
    assert points["2025-12-01"] == 12400 and points["2026-09-01"] == 12100
    note = trend["notes"]["glide"]
    assert "12.400 eind december 2025" in note and "10.000 eind december 2031" in note
    # The axes show two years up to the year's end; the 2031 end of the path doesn't stretch the y-axis to 10.000.
    layout = trend["figure"]["layout"]
    assert layout["xaxis"]["range"] == ["2024-12-01", "2027-01-01"]
    assert layout["yaxis"]["range"][0] > 11_000


def test_a_year_with_a_published_target_gets_no_derived_path_in_the_report(db):
    trend = trend_of(reports.build(Q1_2025, live.load_live([Q1_2025], TODAY)))
    paths = [t for t in trend["figure"]["data"] if t["name"].startswith("afgeleid pad")]
    assert all(x >= "2025-12-01" for t in paths for x in t["x"])  # it starts at the published end-2025 target
    layout = trend["figure"]["layout"]
    assert layout["xaxis"]["range"] == ["2023-12-01", "2026-01-01"]
    assert 12_000 < layout["yaxis"]["range"][0] < 12_400 < 13_065 < layout["yaxis"]["range"][1]


def test_the_sources_of_official_figures_are_numbered_notes_under_the_table_not_repeated_in_the_chart(db):
    trend = trend_of(reports.build(Q1_2025, live.load_live([Q1_2025], TODAY)))
    assert not [key for key in trend["notes"] if key.startswith("official-")]
    december = next(row for row in trend["rows"] if row[0] == "december 2024")
    number = int(december[1].removeprefix("12.794 ◆ (").removesuffix(")"))
    assert trend["footnotes"][number - 1].startswith("◆ officieel (Brief wethouder")
    assert max(len(cell) for row in trend["rows"] for cell in row) < 30  # no source text in a cell


def test_the_page_shows_the_path_note_under_the_trend_chart(manager_client):
    text = text_of(manager_client.get("/reports/2026/q3/?version=concept"))
    assert "afgeleid pad" in text.lower() and "10.000 eind december 2031" in text


def test_a_first_quarter_has_one_change_row_later_quarters_two(db):
    data = live.load_live([Q1_2025, Quarter(2025, 2)], TODAY)
    first = [f["key"] for f in reports.build(Q1_2025, data)["sections"]["caseload"]["facts"]]
    second = [f["key"] for f in reports.build(Quarter(2025, 2), data)["sections"]["caseload"]["facts"]]
    assert first.count("change_year") == 1 and "change_quarter" not in first  # in Q1 they are the same change
    assert {"change_quarter", "change_year"} <= set(second)
