"""The programme overview (/): the caseload against its targets, and what the activities deliver."""

from django.shortcuts import render

from activities.key_rows import overview as activity_overview
from monitoring.caseload import analytics, charts, prognosis, selectors
from monitoring.caseload.letter import letter_figures
from monitoring.caseload.progress import progress_at
from monitoring.caseload.views import trend_span
from monitoring.models import CaseloadIndicator
from nprz_dashboard import clock, disclosure
from nprz_dashboard.http_methods import read_only_page
from nprz_dashboard.judgement import AT_RISK_MARGIN
from nprz_dashboard.page_cache import cached_page
from nprz_dashboard.periods import last_complete_month
from nprz_dashboard.roles import VIEWER, role_required


@role_required(VIEWER)
@read_only_page
@cached_page
def overview(request):
    until = last_complete_month(clock.today())
    area = selectors.programme_area()
    figures = selectors.monthly_figures(area)
    targets = selectors.current_targets(area)
    progress = progress_at(
        figures.series(CaseloadIndicator.CASELOAD),
        targets,
        until,
        figures.statuses,
        figures.official,
        notes=figures.notes,
        demo=figures.demo_months(),
    )
    # Readers outside the team (no editor role) get small counts withheld (docs/domain.md, "Disclosure control").
    activity = activity_overview(progress.year, until, protect=disclosure.masks_for(request.user))
    # Beside the verdicts, never in their place: the chance of each published target still to come (prognosis.py).
    coming = [(t.end_month, float(t.value)) for t in targets if t.is_published and t.end_month > until]
    chances = prognosis.chances_from(figures.series(CaseloadIndicator.CASELOAD), coming, figures.demo_months())
    letter = letter_figures(figures, targets, activity["letter"])
    span = trend_span(request)
    context = {
        "page_title": "Overzicht",
        "area": area,
        "progress": progress,
        "chances": chances,
        "letter": letter,
        "letter_source": letter[0].source if letter and len({f.source for f in letter}) == 1 else "",
        "trend": charts.trend_chart("trend", area.name, figures, progress, span=span),
        "span": span,
        "at_risk_percent": round(AT_RISK_MARGIN * 100),
        "activity_rows": activity["rows"],
        "work_rows": activity["work"],
        "outflow_to_work": analytics.year_to_date(figures, CaseloadIndicator.OUTFLOW_TO_WORK, progress.year, until),
        "shows_synthetic": figures.synthetic,
    }
    return render(request, "programme/overview/overview.html", context)
