"""Placeholder views; replaced by the issue that builds these pages."""

from django.shortcuts import render

from nprz_dashboard.roles import VIEWER, role_required


@role_required(VIEWER)
def caseload(request):
    return render(request, "placeholder.html", {"page_title": "Bijstandsbestand"})


@role_required(VIEWER)
def figures(request):
    return render(request, "placeholder.html", {"page_title": "Cijfers bijstandsbestand"})
