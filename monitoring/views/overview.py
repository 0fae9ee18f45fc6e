"""The programme overview at /."""

from django.shortcuts import render

from nprz_dashboard.roles import VIEWER, role_required

from .. import selectors


@role_required(VIEWER)
def overview(request):
    area = selectors.programme_area()
    context = {
        "page_title": "Overzicht",
        "area": area,
        "latest": selectors.latest_figure(area),
        "checks": selectors.target_checks(area),
        "shows_synthetic": selectors.has_synthetic(area),
    }
    return render(request, "monitoring/overview.html", context)
