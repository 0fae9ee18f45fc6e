"""Zuid against the G4 (/caseload/g4/): benefits per 1.000 inhabitants and the gap to the G4 average."""

from django.shortcuts import render

from nprz_dashboard import clock
from nprz_dashboard.http_methods import read_only_page
from nprz_dashboard.page_cache import cached_page
from nprz_dashboard.periods import last_complete_month
from nprz_dashboard.roles import VIEWER, role_required

from . import charts, selectors
from .denominators import denominator_rows


@role_required(VIEWER)
@read_only_page
@cached_page
def g4(request):
    comparison = selectors.comparison(last_complete_month(clock.today()))
    context = {
        "page_title": "Zuid naast de G4",
        "comparison": comparison,
        "yardstick": charts.yardstick(comparison),
        "chart": charts.g4_chart("g4", comparison),
        "denominators": denominator_rows(comparison),
        "shows_synthetic": comparison.demo,
    }
    return render(request, "benchmarks/g4.html", context)
