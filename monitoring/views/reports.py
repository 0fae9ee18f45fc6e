"""Placeholder views; replaced by the issue that builds these pages."""

from django.shortcuts import render

from nprz_dashboard.roles import VIEWER, role_required


@role_required(VIEWER)
def report_list(request):
    return render(request, "placeholder.html", {"page_title": "Kwartaalrapportages"})


@role_required(VIEWER)
def report_detail(request, year, quarter):
    return render(request, "placeholder.html", {"page_title": "Kwartaalrapportage"})


@role_required(VIEWER)
def report_pdf(request, year, quarter):
    return render(request, "placeholder.html", {"page_title": "Kwartaalrapportage (pdf)"})
