"""Placeholder views; replaced by the issue that builds these pages."""

from django.shortcuts import render

from nprz_dashboard.roles import VIEWER, role_required


@role_required(VIEWER)
def activity_list(request):
    return render(request, "placeholder.html", {"page_title": "Activiteiten"})


@role_required(VIEWER)
def activity_detail(request, slug):
    return render(request, "placeholder.html", {"page_title": "Activiteit"})
