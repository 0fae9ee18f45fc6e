"""/api/v1/targets/ and /api/v1/activity-targets/: what was promised, where it comes from, and its revisions.

A revision is a target of its own that names the one it revises (`revises`)
with its reason; the original stays, with `revised_by` and `in_force: false`.
Provenance is `published` (from a source document, which is given), `derived`
(computed by the app) or `demo` (synthetic). The derived glide path between
published milestones is not a target: it is under /api/v1/derived/.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import ActivityTarget
from monitoring.models import CaseloadIndicator, Comparator, PeriodKind, Provenance, Target

from . import common
from .caseload import INDICATOR_HELP
from .filters import ApiFilterSet, TextFilter

PROVENANCE = {Provenance.PUBLISHED: "published", Provenance.DERIVED: "derived", Provenance.SYNTHETIC: "demo"}
PROVENANCE_HELP = (
    "Herkomst: published (uit een brondocument), derived (afgeleid), demo (synthetisch) / "
    "Provenance: published (from a source document), derived (computed), demo (synthetic)"
)
PERIOD_KIND_HELP = (
    "Soort periode: year_end (stand aan het eind), year_total (totaal over het jaar), cumulative (totaal over meer "
    "jaren), coverage (bereik binnen een termijn) / Period kind: stand at the end, total over the year, total over "
    "several years, coverage within a deadline"
)


class TargetSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Nummer van het doel / Id of the target")
    area_code = serializers.CharField(source="area.code", help_text="Gebied (CBS-code) / Area (CBS code)")
    comparator = serializers.ChoiceField(
        choices=Comparator.values, help_text="at_most: hoogstens, at_least: minstens / at most or at least"
    )
    period_kind = serializers.ChoiceField(choices=PeriodKind.values, help_text=PERIOD_KIND_HELP)
    period_start = serializers.SerializerMethodField(help_text="Eerste maand (jjjj-mm) / First month (YYYY-MM)")
    period_end = serializers.SerializerMethodField(help_text="Laatste maand, de deadline (jjjj-mm) / Last month, the "
                                                   "deadline (YYYY-MM)")  # fmt: skip
    value = common.NumberField(help_text="Het doel / The target value")
    provenance = serializers.SerializerMethodField(help_text=PROVENANCE_HELP)
    source = serializers.SerializerMethodField(help_text="Brondocument, leeg als er geen is / Source document, if any")
    note = serializers.CharField(help_text="Toelichting / Note")
    revises = serializers.IntegerField(
        source="revises_id",
        allow_null=True,
        help_text="Het doel dat dit herziet (id) / The target this one revises",
    )
    revision_reason = serializers.CharField(help_text="Reden van de herziening / Reason of the revision")
    revised_by = serializers.SerializerMethodField(
        help_text="Het doel dat dit doel verving (id), leeg als het geldt / The target that replaced this one, if any"
    )
    in_force = serializers.SerializerMethodField(help_text="Geldt nu (niet herzien) / In force (not revised)")
    created_at = serializers.DateTimeField(help_text="Vastgelegd op / Recorded at")

    def get_period_start(self, target) -> str:
        return target.start_month.key

    def get_period_end(self, target) -> str:
        return target.end_month.key

    def get_provenance(self, target) -> str:
        return PROVENANCE[target.provenance]

    @extend_schema_field(common.SourceSerializer(allow_null=True))
    def get_source(self, target):
        return common.source_of(target.source)

    def get_revised_by(self, target) -> int | None:
        revision = getattr(target, "revised_by", None)
        return revision.pk if revision else None

    def get_in_force(self, target) -> bool:
        return getattr(target, "revised_by", None) is None


class CaseloadTargetSerializer(TargetSerializer):
    indicator = serializers.ChoiceField(choices=CaseloadIndicator.values, help_text=INDICATOR_HELP)


class ActivityTargetSerializer(TargetSerializer):
    activity = serializers.CharField(source="measure.activity.slug", help_text="Activiteit (slug) / Activity (slug)")
    measure = serializers.IntegerField(source="measure_id", help_text="Maat (id) / Measure (id)")


class CaseloadTargetList(common.ReadOnlyList):
    """Caseload targets, published and revised, by indicator and deadline."""

    serializer_class = CaseloadTargetSerializer
    csv_name = "doelen"

    def get_queryset(self):
        return Target.objects.select_related("area", "source", "revised_by").order_by(
            "indicator", "period_end", "created_at", "id"
        )


class ActivityTargetFilter(ApiFilterSet):
    activity = TextFilter(
        field_name="measure__activity__slug", help_text="Alleen deze activiteit (slug) / Only this activity (slug)"
    )

    class Meta(ApiFilterSet.Meta):
        model = ActivityTarget
        fields = []


class ActivityTargetList(common.ReadOnlyList):
    """Activity targets, published and revised, by measure and deadline."""

    serializer_class = ActivityTargetSerializer
    filterset_class = ActivityTargetFilter
    csv_name = "activiteitdoelen"

    def get_queryset(self):
        return ActivityTarget.objects.select_related("area", "source", "revised_by", "measure__activity").order_by(
            "measure_id", "period_end", "created_at", "id"
        )
