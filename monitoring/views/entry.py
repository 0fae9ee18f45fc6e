"""Placeholder views; replaced by the issue that builds these pages."""

from django.shortcuts import render

from nprz_dashboard.roles import EDITOR, role_required


@role_required(EDITOR)
def entry_index(request):
    return render(request, "placeholder.html", {"page_title": "Invoer"})


@role_required(EDITOR)
def entry_month(request, month):
    return render(request, "placeholder.html", {"page_title": "Invoer maand"})


@role_required(EDITOR)
def entry_import(request):
    return render(request, "placeholder.html", {"page_title": "Importeren"})
