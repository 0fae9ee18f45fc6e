"""/api/v1/caseload-figures/: every caseload figure, one row per area, month and indicator.

Readers (viewers) get the disclosure control of the figures table
(/caseload/figures/): the same cells withheld, computed per month over every
area, so a filter or a page never changes what is hidden. Editors and managers
get the exact values.
"""

import django_filters
from django.db.models import Sum
from rest_framework import serializers

from monitoring.caseload.protection import hidden_cells
from monitoring.models import AreaLevel, CaseloadFigure, CaseloadIndicator, CaseloadMonthCount
from nprz_dashboard import disclosure

from . import common
from .areas import LEVEL_HELP
from .filters import FigureFilterSet, TextFilter

INDICATOR_HELP = (
    "Indicator: caseload (bijstandsuitkeringen, stand aan het eind van de maand), inflow (instroom), outflow "
    "(uitstroom), outflow_to_work (uitstroom naar werk) / Indicator: caseload (benefits running at the end of the "
    "month, a stock), inflow, outflow, outflow_to_work (flows in the month)"
)


class CaseloadFigureFilter(FigureFilterSet):
    area = TextFilter(field_name="area__code", help_text="Alleen dit gebied (CBS-code) / Only this area (CBS code)")
    level = django_filters.ChoiceFilter(field_name="area__level", choices=AreaLevel.choices, help_text=LEVEL_HELP)
    indicator = django_filters.ChoiceFilter(choices=CaseloadIndicator.choices, help_text=INDICATOR_HELP)

    class Meta(FigureFilterSet.Meta):
        model = CaseloadFigure
        fields = []


class CaseloadFigureSerializer(serializers.Serializer):
    area_code = serializers.CharField(help_text="CBS-code van het gebied / CBS code of the area")
    area_name = serializers.CharField(help_text="Naam van het gebied / Name of the area")
    area_level = serializers.ChoiceField(choices=common.LEVELS, help_text=LEVEL_HELP)
    month = serializers.RegexField(common.MONTH_PATTERN, help_text="Maand als jjjj-mm / Month as YYYY-MM")
    indicator = serializers.ChoiceField(choices=CaseloadIndicator.values, help_text=INDICATOR_HELP)
    value = serializers.IntegerField(
        allow_null=True, help_text="Het cijfer; leeg als het is afgeschermd / The figure; empty when withheld"
    )
    withheld = common.WithheldField()
    status = common.StatusField()
    origin = common.OriginField()
    source = common.SourceSerializer(
        allow_null=True,
        help_text=common.SOURCE_HELP,
    )


def figure_rows(figures, protect: bool) -> list[dict]:
    """Return a page of figures as API rows; for a reader with the figures table's cells withheld (two queries)."""
    hidden = hidden_cells({f.month for f in figures}) if protect and figures else {}
    rows = []
    for figure in figures:
        reason = hidden.get((figure.month, figure.area.code, figure.indicator))
        rows.append(
            {
                "area_code": figure.area.code,
                "area_name": figure.area.name,
                "area_level": figure.area.level,
                "month": figure.period.key,
                "indicator": figure.indicator,
                **common.provenance(figure, figure.value, reason),
            }
        )
    return rows


class CaseloadFigureList(common.ReadOnlyList):
    """Caseload figures (benefits, inflow, outflow, outflow to work) by month (oldest first), area and id."""

    serializer_class = CaseloadFigureSerializer
    filterset_class = CaseloadFigureFilter
    csv_name = "bijstandscijfers"

    def get_queryset(self):
        # By month, then area, then id: the order of the (month, area) index, so pages need no sort.
        return CaseloadFigure.objects.annotate(change_kind=common.latest_change_kind(indicator="indicator")).order_by(
            "month", "area_id", "id"
        )

    def list(self, request, *args, **kwargs):
        # Unfiltered, the number of figures is the summary table's (kept by every write), not a COUNT(*) of them all.
        filtered = any(name in request.query_params for name in self.filterset_class.base_filters)
        count = None if filtered else CaseloadMonthCount.objects.aggregate(n=Sum("figures"))["n"] or 0
        page = common.keyed_page(self, self.filter_queryset(self.get_queryset()), "area", "source", count=count)
        rows = figure_rows(page, disclosure.masks_for(request.user))
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
