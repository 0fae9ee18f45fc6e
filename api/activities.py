"""/api/v1/activities/, /api/v1/measures/ and /api/v1/published-totals/: what Samen voor Zuid does and counts."""

from rest_framework import serializers

from activities.models import Activity, Direction, Measure, MeasureKind, PublishedTotal
from activities.protection import is_protected
from nprz_dashboard.units import Unit

from . import common
from .filters import ApiFilterSet, TextFilter

UNIT_HELP = "Eenheid: count (aantal), persons (personen), euro, percent / Unit: count, persons, euro, percent"
KIND_HELP = (
    "Soort: stock (stand aan het eind van de maand), flow (aantal in de maand), ratio (berekend uit teller en "
    "noemer) / Kind: stock (at month end), flow (in the month), ratio (computed from numerator and denominator)"
)


class ActivitySerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Korte naam, uniek / Short name, unique")
    name = serializers.CharField(help_text="Naam / Name")
    description = serializers.CharField(help_text="Omschrijving / Description")
    project = serializers.CharField(
        source="project.name", allow_null=True, help_text="Project waar de activiteit onder valt, bv. MINW / Project "
        "the activity belongs to",
    )  # fmt: skip
    starts_on = serializers.DateField(allow_null=True, help_text="Gestart op / Started on (YYYY-MM-DD)")
    ends_on = serializers.DateField(allow_null=True, help_text="Loopt tot / Runs until (YYYY-MM-DD)")
    order = serializers.IntegerField(source="sort_order", help_text="Volgorde van de brief / Order of the letter")


class ActivityList(common.ReadOnlyList):
    """The activities of Samen voor Zuid, in the order of the alderman's letter."""

    serializer_class = ActivitySerializer
    csv_name = "activiteiten"

    def get_queryset(self):
        return Activity.objects.select_related("project").order_by("sort_order", "slug")


class MeasureFilter(ApiFilterSet):
    activity = TextFilter(
        field_name="activity__slug", help_text="Alleen maten van deze activiteit (slug) / Only this activity's measures"
    )

    class Meta(ApiFilterSet.Meta):
        model = Measure
        fields = []


class MeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Nummer van de maat (voor ?measure=) / Id of the measure (for ?measure=)")
    activity = serializers.CharField(source="activity.slug", help_text="Activiteit (slug) / Activity (slug)")
    slug = serializers.CharField(help_text="Korte naam binnen de activiteit / Short name within the activity")
    name = serializers.CharField(help_text="Naam / Name")
    description = serializers.CharField(help_text="Omschrijving / Description")
    unit = serializers.ChoiceField(choices=Unit.values, help_text=UNIT_HELP)
    kind = serializers.ChoiceField(choices=MeasureKind.values, help_text=KIND_HELP)
    direction = serializers.ChoiceField(
        choices=Direction.values, help_text="higher: hoger is beter, lower: lager is beter / higher or lower is better"
    )
    by_area = serializers.BooleanField(help_text="Per wijk vastgelegd; anders voor heel NPRZ / Recorded per "
                                       "neighbourhood; otherwise for NPRZ as a whole")  # fmt: skip
    is_key = serializers.BooleanField(help_text="Kernmaat van de activiteit / The activity's headline measure")
    numerator = serializers.IntegerField(
        source="numerator_id", allow_null=True, help_text="Teller van een verhouding (id) / Numerator of a ratio (id)"
    )
    denominator = serializers.IntegerField(
        source="denominator_id", allow_null=True, help_text="Noemer van een verhouding (id) / Denominator of a ratio"
    )
    protected = serializers.SerializerMethodField(
        help_text="Kleine aantallen worden voor lezers afgeschermd / Small counts are withheld from readers"
    )

    def get_protected(self, measure) -> bool:
        return is_protected(measure)


class MeasureList(common.ReadOnlyList):
    """The measures of every activity; a ratio names its numerator and denominator."""

    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    csv_name = "maten"

    def get_queryset(self):
        return Measure.objects.select_related("activity").order_by("activity__sort_order", "sort_order", "id")


class PublishedTotalSerializer(serializers.Serializer):
    measure = serializers.IntegerField(source="measure_id", help_text="Maat (id) / Measure (id)")
    activity = serializers.CharField(source="measure.activity.slug", help_text="Activiteit (slug) / Activity (slug)")
    year = serializers.IntegerField(help_text="Jaar / Year")
    value = common.NumberField(help_text="Jaartotaal / Yearly total")
    origin = serializers.SerializerMethodField(help_text="Altijd official / Always official")
    source = common.SourceSerializer(help_text="Het brondocument / The source document")

    def get_origin(self, total) -> str:
        return common.OFFICIAL


class PublishedTotalList(common.ReadOnlyList):
    """Yearly totals published in a source, e.g. 1.086 home visits in 2024: official, never withheld."""

    serializer_class = PublishedTotalSerializer
    csv_name = "gepubliceerde-totalen"

    def get_queryset(self):
        return PublishedTotal.objects.select_related("measure__activity", "source").order_by("measure_id", "year")
