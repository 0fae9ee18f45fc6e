"""The programme overview at /: where the caseload stands against its targets."""

from django.shortcuts import render

from nprz_dashboard import clock
from nprz_dashboard.periods import AT_RISK_MARGIN, last_complete_month
from nprz_dashboard.roles import EDITOR, VIEWER, has_role, role_required

from .. import analytics, charts, selectors
from ..models import CaseloadIndicator


@role_required(VIEWER)
def overview(request):
    from activities.selectors import overview_rows

    until = last_complete_month(clock.today())
    area = selectors.programme_area()
    figures = selectors.monthly_figures(area)
    targets = selectors.current_targets(area)
    progress = analytics.progress(
        figures.series(CaseloadIndicator.CASELOAD),
        targets,
        until,
        figures.statuses,
        figures.official,
        notes=figures.notes,
    )
    checks = analytics.target_checks(figures, targets)
    derived = progress.year_target if progress.year_target and not progress.year_target.is_published else None
    context = {
        "page_title": "Overzicht",
        "area": area,
        "progress": progress,
        # A derived year target is listed among the published ones, in deadline order.
        "checks_before": [c for c in checks if derived is None or c.target.end_month < derived.month],
        "checks_after": [c for c in checks if derived is not None and c.target.end_month >= derived.month],
        "derived_target": derived,
        "trend": charts.trend_chart("trend", area.name, figures, progress),
        "at_risk_percent": round(AT_RISK_MARGIN * 100),
        # Readers outside the team (no editor role) get small counts withheld (domain.md §8).
        "activity_rows": overview_rows(progress.year, until, protect=not has_role(request.user, EDITOR)),
        "shows_synthetic": figures.synthetic,
    }
    return render(request, "monitoring/overview.html", context)
