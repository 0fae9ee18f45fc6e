"""The demo's past months signed off: submitted, approved and locked, with the last complete quarter published.

`seed_demo` calls sign_off once its demo users exist, so the alderman has a report
to read on the first login and the manager a history of approvals. The last month
stays open for the editor. Every step goes through the workflow and publishing
services, as a user's would. Idempotent: approved months and published quarters are left alone.
"""

from __future__ import annotations

from monitoring.models import CaseloadFigure, PeriodState, QuarterlyReport, ReportingPeriod
from nprz_dashboard.periods import Month, Quarter, month_range

from .entry import workflow
from .reports import services as report_services


def last_complete_quarter(last_approved: Month) -> Quarter:
    """Return the latest quarter whose months all lie on or before the month given."""
    quarter = Quarter.of(last_approved)
    return quarter if quarter.last_month == last_approved else Quarter.of(quarter.months[0] - 1)


def sign_off(last: Month, *, editor, manager) -> tuple[int, Quarter | None]:
    """Approve every demo month before `last` and publish the last complete quarter; return (approved, published)."""
    first_day = CaseloadFigure.objects.order_by("month").values_list("month", flat=True).first()
    if first_day is None or Month.of(first_day) >= last:
        return 0, None
    periods = {p.period: p for p in ReportingPeriod.objects.all()}
    approved = 0
    for month in month_range(Month.of(first_day), last - 1):
        period = periods.get(month)
        if period is not None and period.state == PeriodState.APPROVED:
            continue
        if period is None or period.state != PeriodState.SUBMITTED:
            workflow.submit_period(month, editor)
        revision = ReportingPeriod.objects.get(month=month.first_day).revision
        workflow.approve_period(month, manager, revision=revision)
        approved += 1
    quarter = last_complete_quarter(last - 1)
    report = QuarterlyReport.objects.for_quarter(quarter.year, quarter.number).first()
    if report is not None and report.versions.exists():
        return approved, None
    try:
        report_services.publish(quarter, manager)
    except report_services.PublishError:  # a quarter that has not ended by the clock (seed_demo --until later)
        return approved, None
    return approved, quarter
