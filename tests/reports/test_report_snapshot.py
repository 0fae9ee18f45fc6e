"""The report's content as a plain snapshot: JSON-ready, complete, and comparable with a fresh build."""

import datetime as dt
import json

from monitoring.models import CaseloadFigure
from nprz_dashboard.periods import Month, Quarter
from programme.reports import activity_section as report_section
from programme.reports import content as reports
from programme.reports import live, sections

TODAY = dt.date(2026, 11, 27)
Q1_2025 = Quarter(2025, 1)


def test_the_snapshot_survives_a_round_trip_through_json_unchanged(db):
    snapshot = reports.build(Q1_2025, live.load_live([Q1_2025], TODAY), {"caseload": "Tekst"})
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["quarter"]["label"] == "1e kwartaal 2025"
    assert snapshot["narratives"]["caseload"] == "Tekst"
    assert set(snapshot["sections"]) == {"caseload", "flows", "comparison", "activities", "neighbourhoods"}
    charts = [c for s in snapshot["sections"].values() for c in s.get("charts", [])]
    assert all(c["figure"]["data"] and c["sentence"] and c["rows"] for c in charts)


def test_the_figures_of_a_fresh_build_match_the_snapshot_until_a_figure_is_corrected(db):
    data = live.load_live([Q1_2025], TODAY)
    frozen = reports.build(Q1_2025, data)["figures"]
    assert reports.changes(frozen, reports.report_figures(Q1_2025, data)) == []

    figure = CaseloadFigure.objects.get(area__code="BU05991081", indicator="inflow", month=Month(2025, 2).first_day)
    figure.value += 4
    figure.save()
    changed = reports.changes(frozen, reports.report_figures(Q1_2025, live.load_live([Q1_2025], TODAY)))
    assert [c["label"] for c in changed] == ["Instroom Bloemhof, kw. 1 2025"]
    assert int(changed[0]["new"].replace(".", "")) == int(changed[0]["old"].replace(".", "")) + 4


def test_changes_list_figures_that_appeared_or_disappeared():
    old = {"a": {"label": "A", "value": 1, "display": "1"}}
    new = {"b": {"label": "B", "value": 2, "display": "2"}}
    assert reports.changes(old, new) == [
        {"key": "a", "label": "A", "old": "1", "new": "–"},
        {"key": "b", "label": "B", "old": "–", "new": "2"},
    ]


def test_small_activity_counts_are_shown_as_less_than_ten_but_amounts_are_not(settings):
    from activities.analytics import Progress
    from activities.protection import build_shield

    settings.DISCLOSURE_THRESHOLD = 10
    months = [Month(2026, 1), Month(2026, 2), Month(2026, 3)]

    def progress(value, unit):
        return Progress(kind="flow", unit=unit, year=2026, start=months[0], as_of=months[-1], value=value)

    def shield(values):
        return build_shield("flow", dict(zip(months, values, strict=True)), {}, [], months[-1])

    assert report_section._protected_value(progress(7, "persons"), shield([3, 2, 2])) == ("<10", True)
    assert report_section._protected_value(progress(0, "count"), shield([0, 0, 0])) == ("0", False)
    assert report_section._protected_value(progress(12, "count"), shield([4, 4, 4])) == ("12", False)
    assert report_section._protected_value(progress(7, "euro"), None) == ("€ 7", False)  # amounts get no shield


def test_only_complete_quarters_with_data_can_be_reported():
    quarters = live.reportable_quarters(TODAY)
    assert quarters[0] == Quarter(2026, 3) and quarters[-1] == Quarter(2024, 1)
    assert live.reportable_quarters(dt.date(2026, 10, 1))[0] == Quarter(2026, 3)
    assert live.reportable_quarters(dt.date(2026, 9, 30))[0] == Quarter(2026, 2)


def test_a_quarter_missing_a_month_of_outflow_reports_no_outflow_total_and_names_the_month(db):
    CaseloadFigure.objects.filter(area__code="NPRZ", indicator="outflow", month=Month(2025, 3).first_day).delete()
    snapshot = reports.build(Q1_2025, live.load_live([Q1_2025], TODAY))
    assert snapshot["figures"]["flows.outflow"]["value"] is None
    assert snapshot["figures"]["flows.inflow"]["value"] is not None
    nprz_row = snapshot["sections"]["neighbourhoods"]["rows"][-1]
    assert nprz_row["cells"][2] == "–"
    assert "uitstroom maart 2025" in snapshot["data_status"]["text"]
    assert snapshot["data_status"]["missing_flows"]["Uitstroom"] == ["maart 2025"]
    assert sections.period_values(Q1_2025, live.load_live([Q1_2025], TODAY).figures.values)["outflow"] is None
