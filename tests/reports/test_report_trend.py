"""The report's trend chart says what it draws: its notes are keyed by name, its path is this year's path."""

import datetime as dt

from monitoring.reports import content as reports
from monitoring.reports import live
from nprz_dashboard.periods import Quarter
from tests.helpers import text_of

TODAY = dt.date(2026, 11, 27)
Q1_2025 = Quarter(2025, 1)


def trend_of(snapshot: dict) -> dict:
    return next(c for c in snapshot["sections"]["caseload"]["charts"] if c["id"] == "rapport-trend")


def test_the_path_note_describes_the_in_year_path_the_chart_draws_not_the_path_to_2031(db):
    trend = trend_of(reports.build(Q1_2025, live.load_live([Q1_2025], TODAY)))
    path = next(t for t in trend["figure"]["data"] if t["name"].startswith("afgeleid pad"))
    assert (path["x"][0], path["y"][0]) == ("2024-12-01", 12794)
    assert (path["x"][-1], path["y"][-1]) == ("2025-12-01", 12400)
    assert min(path["y"]) == 12400  # it never runs on towards 10.000
    assert trend["notes"]["glide"].startswith(
        "Het afgeleide pad is een rechte lijn van 12.794 eind december 2024 naar het jaardoel van 12.400 eind 2025"
    )
    assert not any("10.000" in note for note in trend["notes"].values())
    # The axes show two years up to the year target; the 2031 target no longer stretches the y-axis to 10.000.
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
    text = text_of(manager_client.get("/reports/2025/q1/?version=concept"))
    assert "naar het jaardoel van 12.400 eind 2025: geen gepubliceerd doel" in text


def test_a_first_quarter_has_one_change_row_later_quarters_two(db):
    data = live.load_live([Q1_2025, Quarter(2025, 2)], TODAY)
    first = [f["key"] for f in reports.build(Q1_2025, data)["sections"]["caseload"]["facts"]]
    second = [f["key"] for f in reports.build(Quarter(2025, 2), data)["sections"]["caseload"]["facts"]]
    assert first.count("change_year") == 1 and "change_quarter" not in first  # in Q1 they are the same change
    assert {"change_quarter", "change_year"} <= set(second)
