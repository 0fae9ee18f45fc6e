"""/api/v1/reports/: the published versions of the quarterly reports, each with its frozen snapshot.

Only published versions: what the council has seen, never changed afterwards,
with disclosure control applied when they were published: a figure shown as
"<10" or "x" has no value (disclosure.redact_snapshot, also for versions
published before snapshots left it out). The concept a
manager works on is not in the API (programme/reports/versions.py decides
that for the pages: readers see published versions only).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from monitoring.models import ReportVersion
from nprz_dashboard import disclosure

from . import common


class ReportVersionSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="report.year", help_text="Jaar / Year")
    quarter = serializers.IntegerField(source="report.quarter", help_text="Kwartaal, 1 tot en met 4 / Quarter, 1 to 4")
    version = serializers.IntegerField(source="number", help_text="Versienummer, vanaf 1 / Version number, from 1")
    published_at = serializers.DateTimeField(help_text="Gepubliceerd op / Published at")
    note = serializers.CharField(help_text="Reden van een nieuwe versie / Why a new version was published")
    url = serializers.SerializerMethodField(help_text="Adres van de versie met inhoud / Address of the version with "
                                            "its content")  # fmt: skip

    def get_url(self, version) -> str:
        path = f"/api/v1/reports/{version.report.year}/q{version.report.quarter}/versions/{version.number}/"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SnapshotField(serializers.JSONField):
    """The frozen snapshot; versions published before schema 3 kept the value behind a withheld figure: left out."""

    def to_representation(self, value):
        return super().to_representation(disclosure.redact_snapshot(value))


class ReportSnapshotSerializer(ReportVersionSerializer):
    snapshot = SnapshotField(
        help_text="De rapportage zoals ze gepubliceerd is (JSON: kwartaal, kopregel, onderdelen, cijfers, "
        "toelichtingen) / The report as published (JSON: quarter, headline, sections, figures, narratives)"
    )


class ReportVersionList(common.ReadOnlyList):
    """The published versions of every quarterly report, newest quarter first; the snapshots are left out."""

    serializer_class = ReportVersionSerializer
    csv_name = "kwartaalrapportages"

    def get_queryset(self):
        return (
            ReportVersion.objects.defer("snapshot")
            .select_related("report")
            .order_by("-report__year", "-report__quarter", "number")
        )


class ReportVersionDetail(common.StrictParameters, generics.GenericAPIView):
    """One published version of a quarterly report with its frozen snapshot."""

    serializer_class = ReportSnapshotSerializer
    csv_name = "kwartaalrapportage"

    @extend_schema(
        operation_id="reports_version_retrieve",
        parameters=[
            OpenApiParameter("year", {"type": "integer", "minimum": 1, "maximum": 32767}, OpenApiParameter.PATH,
                             description="Jaar / Year"),
            OpenApiParameter("quarter", {"type": "integer", "minimum": 1, "maximum": 4}, OpenApiParameter.PATH,
                             description="Kwartaal, 1 tot en met 4 / Quarter, 1 to 4"),
            OpenApiParameter("number", {"type": "integer", "minimum": 1, "maximum": 32767}, OpenApiParameter.PATH,
                             description="Versienummer / Version number"),
        ],
    )  # fmt: skip
    def get(self, request, year: int, quarter: int, number: int):
        version = get_object_or_404(
            ReportVersion.objects.select_related("report"), report__year=year, report__quarter=quarter, number=number
        )
        return Response(self.get_serializer(version).data)
