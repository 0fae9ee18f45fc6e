"""A quarter's report is published only over approved months; otherwise the page lists the months that are not."""

import pytest

from monitoring.models import CaseloadFigure, PeriodState, QuarterlyReport, ReportingPeriod, ReportVersion
from nprz_dashboard.periods import Quarter
from programme.reports import services as report_services
from tests.helpers import approve_quarter

Q1_2025 = Quarter(2025, 1)


@pytest.fixture(autouse=True)
def first_quarter_approved(db):
    approve_quarter(Q1_2025)


def reopen_february():
    ReportingPeriod.objects.filter(month="2025-02-01").update(state=PeriodState.OPEN)


def test_a_quarter_with_a_month_not_approved_is_not_published(manager):
    reopen_february()
    with pytest.raises(report_services.MonthsNotApproved, match="nog niet goedgekeurd: februari 2025"):
        report_services.publish(Q1_2025, manager)
    assert not ReportVersion.objects.exists()


def test_the_report_page_lists_each_month_not_approved_with_a_link_and_offers_no_publishing(manager_client):
    reopen_february()
    html = manager_client.get("/reports/2025/q1/?version=concept").content.decode()
    notice = html.split('id="niet-goedgekeurd"')[1].split("</div>")[0]
    assert '<a href="/entry/2025-02/">Februari 2025</a>' in notice
    assert "/entry/2025-01/" not in notice
    assert 'name="publiceren"' not in html


def test_publishing_through_the_page_is_refused_with_the_months_at_the_field(manager_client):
    reopen_february()
    response = manager_client.post(
        "/reports/2025/q1/", {"publiceren": "1", "bevestigen": "1", "note": "", "caseload": "Tekst"}
    )
    assert "nog niet goedgekeurd: februari 2025" in response.content.decode()
    assert not ReportVersion.objects.exists()
    assert not QuarterlyReport.objects.filter(year=2025, quarter=1, versions__isnull=False).exists()


def test_a_quarter_whose_months_are_approved_is_published(manager):
    version = report_services.publish(Q1_2025, manager)
    assert version.number == 1


def test_a_quarter_without_any_figure_has_nothing_to_sign_off(db):
    quarter = Quarter(2026, 3)
    assert report_services.unapproved_months(quarter)  # demo figures, not approved: publication waits for them
    CaseloadFigure.objects.filter(month__year=2026, month__month__in=[7, 8, 9]).delete()
    assert report_services.unapproved_months(quarter) == []
