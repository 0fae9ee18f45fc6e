"""/api/v1/activity-records/: every monthly record of an activity measure, by area and month.

Readers (viewers) get the records table's disclosure control (activities/protection.py
through reader_protection): computed per measure over all of its records and
targets, so a filter or a page never changes what is hidden. Editors and
managers get the exact values.
"""

from rest_framework import serializers

from activities import reader_protection, selectors
from activities.models import ActivityRecord
from nprz_dashboard import disclosure
from nprz_dashboard.units import Unit

from . import common
from .activities import UNIT_HELP
from .filters import FigureFilterSet, IdFilter, TextFilter


class RecordFilter(FigureFilterSet):
    activity = TextFilter(
        field_name="measure__activity__slug", help_text="Alleen deze activiteit (slug) / Only this activity (slug)"
    )
    measure = IdFilter(
        field_name="measure_id",
        help_text="Alleen deze maat (id uit /api/v1/measures/) / Only this measure (id from /api/v1/measures/)",
    )
    area = TextFilter(field_name="area__code", help_text="Alleen dit gebied (CBS-code) / Only this area (CBS code)")

    class Meta(FigureFilterSet.Meta):
        model = ActivityRecord
        fields = []


class RecordSerializer(serializers.Serializer):
    activity = serializers.CharField(help_text="Activiteit (slug) / Activity (slug)")
    measure = serializers.IntegerField(help_text="Maat (id) / Measure (id)")
    measure_name = serializers.CharField(help_text="Naam van de maat / Name of the measure")
    unit = serializers.ChoiceField(choices=Unit.values, help_text=UNIT_HELP)
    area_code = serializers.CharField(help_text="CBS-code van het gebied / CBS code of the area")
    area_name = serializers.CharField(help_text="Naam van het gebied / Name of the area")
    month = serializers.RegexField(common.MONTH_PATTERN, help_text="Maand als jjjj-mm / Month as YYYY-MM")
    value = common.NumberField(
        allow_null=True, help_text="De waarde; leeg als ze is afgeschermd / The value; empty when withheld"
    )
    withheld = common.WithheldField()
    status = common.StatusField()
    origin = common.OriginField()
    source = common.SourceSerializer(
        allow_null=True,
        help_text=common.SOURCE_HELP,
    )


def record_rows(records, protect: bool) -> list[dict]:
    """Return a page of records as API rows; for a reader with the records table's values withheld (two queries)."""
    hidden = {}
    if protect and records:
        measures = list({r.measure_id: r.measure for r in records}.values())
        hidden = reader_protection.reader_protection(measures, selectors.latest_month()).records
    rows = []
    for record in records:
        reason = hidden.get(record.pk)
        rows.append(
            {
                "activity": record.measure.activity.slug,
                "measure": record.measure_id,
                "measure_name": record.measure.name,
                "unit": record.measure.unit,
                "area_code": record.area.code,
                "area_name": record.area.name,
                "month": record.period.key,
                **common.provenance(record, common.number(record.value), reason),
            }
        )
    return rows


class RecordList(common.ReadOnlyList):
    """Monthly activity records, by measure, then area, then month."""

    serializer_class = RecordSerializer
    filterset_class = RecordFilter
    csv_name = "activiteitcijfers"

    def get_queryset(self):
        # By measure, area and month: the order of the one-value-per-measure-area-month index, so no sort.
        return ActivityRecord.objects.annotate(change_kind=common.latest_change_kind(measure="measure_id")).order_by(
            "measure_id", "area_id", "month", "id"
        )

    def list(self, request, *args, **kwargs):
        page = common.keyed_page(self, self.filter_queryset(self.get_queryset()), "measure__activity", "area", "source")
        rows = record_rows(page, disclosure.masks_for(request.user))
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
