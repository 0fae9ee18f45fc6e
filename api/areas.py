"""/api/v1/areas/: NPRZ, its districts and their neighbourhoods, as a tree by parent code."""

from rest_framework import serializers

from monitoring.models import Area

from .common import LEVELS, ReadOnlyList

LEVEL_HELP = (
    "Niveau: programme (NPRZ), district (gebied), neighbourhood (wijk) / "
    "Level: programme (NPRZ), district, neighbourhood"
)


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code van het gebied, bv. BU05991086 / CBS code of the area")
    name = serializers.CharField(help_text="Naam / Name")
    level = serializers.ChoiceField(choices=LEVELS, help_text=LEVEL_HELP)
    parent_code = serializers.CharField(
        source="parent.code", allow_null=True, help_text="Code van het gebied erboven, leeg voor NPRZ / Code of the "
        "area above it, empty for NPRZ",
    )  # fmt: skip
    is_focus = serializers.BooleanField(help_text="Focuswijk van NPRZ / One of NPRZ's focus neighbourhoods")
    order = serializers.IntegerField(
        source="tree_order", help_text="Volgorde: NPRZ, dan elk gebied met zijn wijken / Order: NPRZ, then each "
        "district followed by its neighbourhoods",
    )  # fmt: skip


class AreaList(ReadOnlyList):
    """Every area in tree order (NPRZ, then each district followed by its neighbourhoods)."""

    serializer_class = AreaSerializer
    csv_name = "gebieden"

    def get_queryset(self):
        return Area.objects.select_related("parent").order_by("tree_order", "code")
