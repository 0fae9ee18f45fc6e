"""The API's own pages: its root (a list of the resources) and the documentation page (Swagger UI, offline)."""

from django.shortcuts import render
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from nprz_dashboard.http_methods import read_only_page
from nprz_dashboard.roles import VIEWER, role_required

from .common import StrictParameters

RESOURCES = [
    "areas",
    "caseload-figures",
    "activities",
    "measures",
    "published-totals",
    "activity-records",
    "targets",
    "activity-targets",
    "reports",
    "derived-glide-path",
    "derived-caseload-pace",
    "schema",
]


class Root(StrictParameters, APIView):
    """The resources of the API, by name, with their addresses."""

    @extend_schema(
        operation_id="root",
        responses=inline_serializer(
            "Root", {name: serializers.URLField(help_text="Adres / Address") for name in RESOURCES}
        ),
    )
    def get(self, request):
        return Response({name: reverse(f"api:{name}", request=request) for name in RESOURCES})


class NotFound(APIView):
    """Any other address under /api/v1/: a 404 in the API's own shape, not the HTML page."""

    http_method_names = ["get", "head"]
    schema = None  # not an operation of the contract

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound("Dit adres bestaat niet in de API; zie /api/v1/ voor de lijst.")


@role_required(VIEWER)
@read_only_page
def docs(request):
    """Swagger UI on the committed schema's live twin, from static files only (no CDN, no inline script)."""
    return render(request, "api/docs.html", {"page_title": "Open-data-API: documentatie"})
