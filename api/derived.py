"""/api/v1/derived/…: numbers the app computes from the figures and targets, never published ones.

- glide-path/: the straight path between published caseload milestones with
  years between them (12.400 at the end of 2025 to 10.000 at the end of 2031,
  −400 a year). It is not a target: no yearly targets for 2026-2030 exist.
- caseload-pace/: the actual pace (average monthly change over the last 12
  months), the pace required to reach this year's target, and the status.

Both are computed as /caseload/?area= computes them for the same user: a
reader's series has the withheld months left out first. Every row says
`derived: true`.
"""

import re

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from monitoring.caseload import selectors
from monitoring.caseload.progress import progress_at
from monitoring.caseload.protection import mask_monthly_figures
from monitoring.models import Area, CaseloadIndicator
from monitoring.targets.selectors import target_history
from nprz_dashboard import clock, disclosure
from nprz_dashboard.judgement import TRACK_LABELS
from nprz_dashboard.periods import last_complete_month

from . import common
from .filters import CODE_MESSAGE, CODE_PATTERN
from .targets import PROVENANCE_HELP

DERIVED_HELP = (
    "Altijd true: dit getal is afgeleid, niet gepubliceerd / Always true: a derived number, not a published one"
)
TRACK_STATUSES = list(TRACK_LABELS)
AREA_PARAMETER = OpenApiParameter(
    "area",
    {"type": "string", "pattern": CODE_PATTERN},
    description="Gebied (CBS-code), standaard NPRZ / Area (CBS code), NPRZ by default",
)


def progress_for(request):
    """Return the area asked for and its caseload progress as the caseload page computes it for this user."""
    code = request.query_params.get("area")
    if code is not None and not re.fullmatch(CODE_PATTERN, code):
        raise exceptions.ValidationError({"area": [CODE_MESSAGE]})
    area = Area.objects.filter(code=code).first() if code is not None else selectors.programme_area()
    if area is None:
        raise exceptions.NotFound(f"Er is geen gebied met de code ‘{code[:20]}’.")
    figures = selectors.monthly_figures(area)
    if disclosure.masks_for(request.user):
        figures = mask_monthly_figures(figures, area)
    targets = target_history(area)
    progress = progress_at(
        figures.series(CaseloadIndicator.CASELOAD),
        targets.current,
        last_complete_month(clock.today()),
        figures.statuses,
        figures.official,
        superseded=targets.superseded,
        notes=figures.notes,
        demo=figures.demo_months(),
    )
    return area, progress


class PointSerializer(serializers.Serializer):
    month = serializers.RegexField(common.MONTH_PATTERN, help_text="Maand als jjjj-mm / Month as YYYY-MM")
    value = serializers.FloatField(help_text="Afgeleide waarde / Derived value")


class GlidePathSerializer(PointSerializer):
    area_code = serializers.CharField(help_text="Gebied (CBS-code) / Area (CBS code)")
    derived = serializers.BooleanField(help_text=DERIVED_HELP)


class GlidePathList(common.ReadOnlyList):
    """The derived glide path of the caseload between published milestones, month by month (never a target)."""

    serializer_class = GlidePathSerializer
    filter_backends = []
    csv_name = "afgeleid-groeipad"

    @extend_schema(parameters=[AREA_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator asks without a request
            return []
        area, progress = progress_for(self.request)
        return [
            {"area_code": area.code, "month": month.key, "value": value, "derived": True}
            for month, value in sorted(progress.glide.items())
        ]


class MilestoneSerializer(serializers.Serializer):
    month = serializers.RegexField(common.MONTH_PATTERN, help_text="Deadline (jjjj-mm) / Deadline (YYYY-MM)")
    value = serializers.FloatField(help_text="Doel / Target value")
    provenance = serializers.ChoiceField(choices=["published", "derived"], help_text=PROVENANCE_HELP)
    source = serializers.CharField(help_text="Brondocument van een gepubliceerd doel / Source of a published target")


class PaceSerializer(serializers.Serializer):
    area_code = serializers.CharField(help_text="Gebied (CBS-code) / Area (CBS code)")
    derived = serializers.BooleanField(help_text=DERIVED_HELP)
    as_of = serializers.RegexField(
        common.MONTH_PATTERN, allow_null=True, help_text="Laatste maand met een cijfer / Last month with a figure"
    )
    target = MilestoneSerializer(
        allow_null=True, help_text="Het volgende gepubliceerde doel, waarover het oordeel gaat (zoals op / en "
        "/targets/) / The next published target, the one the status judges (as on / and /targets/)",
    )  # fmt: skip
    path = PointSerializer(
        allow_null=True, help_text="Het afgeleide pad eind dit jaar, als dit jaar geen gepubliceerd doel heeft: "
        "geen doel / The derived path at the end of this year, when the year has no published target: never a target",
    )  # fmt: skip
    months_remaining = serializers.IntegerField(
        allow_null=True, help_text="Maanden tot de deadline van het doel / Months until the target's deadline"
    )
    actual_pace = serializers.FloatField(
        allow_null=True, help_text="Gemiddelde verandering per maand over de laatste 12 maanden / Average monthly "
        "change over the last 12 months",
    )  # fmt: skip
    required_pace = serializers.FloatField(
        allow_null=True, help_text="Nodige verandering per maand om het doel te halen / Monthly change needed to "
        "reach the target",
    )  # fmt: skip
    status = serializers.ChoiceField(
        choices=TRACK_STATUSES, allow_null=True, help_text="on_track (op koers), at_risk (risico), off_track "
        "(niet op koers), volgens de regel van de pagina's / by the pages' rule",
    )  # fmt: skip
    projection = PointSerializer(
        many=True, help_text="Doorgetrokken in het huidige tempo tot de deadline / Projected at the actual pace "
        "to the deadline",
    )  # fmt: skip


class CaseloadPace(common.StrictParameters, generics.GenericAPIView):
    """The caseload's actual and required pace towards this year's target, and the status: all derived."""

    serializer_class = PaceSerializer
    csv_name = "afgeleid-tempo"

    @extend_schema(parameters=[AREA_PARAMETER])
    def get(self, request):
        area, progress = progress_for(request)
        judged = progress.next_verdict
        yardstick = progress.year_target
        data = {
            "area_code": area.code,
            "derived": True,
            "as_of": progress.latest.key if progress.latest else None,
            "target": {
                "month": judged.deadline.key,
                "value": judged.target,
                "provenance": "published",
                "source": judged.source,
            }
            if judged
            else None,
            "path": {"month": yardstick.month.key, "value": yardstick.value}
            if yardstick and not yardstick.is_published
            else None,
            "months_remaining": progress.months_remaining,
            "actual_pace": progress.actual_pace,
            "required_pace": progress.required_pace,
            "status": progress.status,
            "projection": [{"month": m.key, "value": v} for m, v in sorted(progress.projection.items())],
        }
        return Response(self.get_serializer(data).data)
