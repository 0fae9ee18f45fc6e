"""Year to date stops at the last month with figures: last month's figures are due on the 15th."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from activities import analytics
from activities.models import ActivityRecord, ActivityTarget, Measure
from monitoring.models import Area, CaseloadIndicator, Provenance, Target
from monitoring.targets.selectors import caseload_status
from nprz_dashboard import judgement
from nprz_dashboard.judgement import ON_TRACK
from nprz_dashboard.periods import Month, month_range
from tests.helpers import text_of


@dataclass
class FakeTarget:
    value: float
    start_month: Month
    end_month: Month
    profile: list | None = None


def test_a_flow_exactly_on_target_until_last_month_without_figures_is_on_track():
    series = dict.fromkeys(month_range(Month(2026, 1), Month(2026, 9)), 100)  # October not entered yet
    progress = analytics.measure_progress(
        kind="flow",
        unit="count",
        series=series,
        targets=[FakeTarget(1200, Month(2026, 1), Month(2026, 12))],
        year=2026,
        latest=Month(2026, 10),
    )
    assert progress.as_of == Month(2026, 9)
    assert (progress.value, progress.due, progress.elapsed) == (900, 900, 9)
    assert progress.status == ON_TRACK


def test_a_seasonal_profile_is_applied_up_to_the_last_month_with_figures():
    profile = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]  # January weighs double: 2/13 of the year
    target = FakeTarget(1300, Month(2026, 1), Month(2026, 12), profile)
    progress = analytics.measure_progress(
        kind="flow", unit="count", series={Month(2026, 1): 200}, targets=[target], year=2026, latest=Month(2026, 3)
    )
    assert (progress.as_of, progress.due, progress.status) == (Month(2026, 1), 200, ON_TRACK)


def test_the_due_line_and_the_status_use_one_calculation():
    target = FakeTarget(1200, Month(2026, 1), Month(2026, 12), [1, 1, 1, 1, 1, 1, 0.5, 0.5, 1, 1, 1, 1])
    months = month_range(Month(2026, 1), Month(2026, 12))
    line = analytics.due_line(target, months)
    assert line == [judgement.target_due(target, m)[0] for m in months]
    assert line[-1] == 1200


def outflow_target(value):
    return Target(
        area=Area.objects.programme().get(),
        indicator=CaseloadIndicator.OUTFLOW,
        comparator="at_least",
        period_kind="year_total",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 1),
        value=Decimal(value),
        provenance=Provenance.SYNTHETIC,
    )


def test_a_caseload_flow_target_counts_up_to_the_last_month_with_figures(db):
    series = dict.fromkeys(month_range(Month(2026, 1), Month(2026, 9)), 100)
    status = caseload_status(outflow_target(1200), series, Month(2026, 10))
    assert status["key"] == ON_TRACK
    assert status["detail"] == "t/m september 2026: 900 van 900 naar rato"


def test_a_caseload_flow_target_without_figures_says_so(db):
    assert caseload_status(outflow_target(1200), {}, Month(2026, 10))["detail"] == "nog geen cijfers"


def test_the_targets_page_says_up_to_the_last_month_with_activity_figures(viewer_client):
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    ActivityRecord.objects.for_measure(visits).filter(month="2026-10-01").delete()
    done = sum(
        ActivityRecord.objects.for_measure(visits).in_year(2026).values_list("value", flat=True), start=Decimal(0)
    )
    target = ActivityTarget.objects.current().for_measures([visits]).get(area__level="programme", period_end__year=2026)
    due = judgement.target_due(target, Month(2026, 9))[0]
    text = text_of(viewer_client.get("/targets/"))
    assert f"t/m september 2026: {int(done):,}".replace(",", ".") in text
    assert f"van {round(due):,} naar rato".replace(",", ".") in text


def test_the_activity_list_shows_the_months_actually_counted(viewer_client):
    visits = Measure.objects.get(activity__slug="verzuimaanpak", slug="huisbezoeken")
    ActivityRecord.objects.for_measure(visits).filter(month="2026-10-01").delete()
    text = text_of(viewer_client.get("/activities/"))
    row = text.split("Huisbezoeken uitgevoerd", 1)[1][:200]
    assert "januari 2026 – september 2026" in row
