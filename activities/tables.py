"""The records table of an activity: one row per measure, area and month."""

import django_tables2 as tables
from django.db.models import Case, F, IntegerField, Value, When

from nprz_dashboard import disclosure, marks
from nprz_dashboard.formatting import format_value

from .models import ActivityRecord

# The table's own order, which says nothing about a value: newest month, then measure, then area.
DEFAULT_ORDER = ("-month", "measure__sort_order", "area__tree_order", "pk")


class RecordTable(tables.Table):
    """Monthly records; the page shows Dutch figures, exports carry raw numbers and the unit.

    `hidden` ({record id: reason}, from `reader_protection.reader_protection`) masks
    small counts for readers outside the team, on the page and in exports.
    """

    month = tables.Column("Maand", order_by=("month", "measure__sort_order", "area__tree_order"))
    measure = tables.Column("Maat", accessor="measure__name", order_by=("measure__sort_order", "-month"))
    area = tables.Column("Gebied", accessor="area__name", order_by=("area__tree_order", "-month"))
    value = tables.Column("Waarde", attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    unit = tables.Column("Eenheid", accessor="measure__unit", visible=False, orderable=False)
    status = tables.Column("Status")
    origin = tables.Column("Herkomst")

    class Meta:
        model = ActivityRecord
        fields = ("month", "measure", "area", "value", "unit", "status", "origin")
        empty_text = "Geen cijfers voor deze selectie."
        template_name = "partials/table.html"

    def __init__(self, *args, caption: str = "", hidden: dict[int, str] | None = None, **kwargs):
        self.hidden = hidden or {}
        self.is_protected = hidden is not None
        super().__init__(*args, **kwargs)
        self.caption = caption

    def order_value(self, queryset, is_descending):
        """Sort on the value as a reader sees it: shown values in order, then the withheld records together.

        The withheld records keep the table's own order (newest month, measure,
        area) in both directions, so where one lands says nothing about its value
        (the rule of disclosure.sort_shown, in SQL).
        """
        if not self.hidden:
            return queryset, False
        queryset = queryset.annotate(
            withheld=Case(When(pk__in=list(self.hidden), then=Value(1)), default=Value(0), output_field=IntegerField())
        ).annotate(shown_value=Case(When(withheld=1, then=Value(None)), default=F("value")))
        value = "-shown_value" if is_descending else "shown_value"
        return queryset.order_by("withheld", value, *DEFAULT_ORDER), True

    def render_month(self, record):
        return record.period.label

    def value_month(self, record):
        return record.period.key

    def render_value(self, record):
        if record.pk in self.hidden:
            return disclosure.marker(self.hidden[record.pk])
        decimals = 2 if record.measure.allows_decimals and record.value % 1 else 0
        return format_value(record.value, record.measure.unit, decimals)

    def value_value(self, record):
        if record.pk in self.hidden:  # text in a number column, so nobody reads a masked cell as a number
            return disclosure.marker(self.hidden[record.pk])
        # Whole numbers stay whole in the export (no ",00" after a count).
        return int(record.value) if record.value == int(record.value) else record.value

    def value_unit(self, record):
        return record.measure.get_unit_display()

    def render_status(self, record):
        # "voorlopig" and "definitief" are statuses of real figures; a demo value has none.
        return marks.status_label(record.get_status_display(), record.is_synthetic)

    def value_status(self, record):
        return self.render_status(record)

    def render_origin(self, record):
        if record.is_official and record.source_id:
            return f"{record.get_origin_display()}, {record.source}"
        return record.get_origin_display()

    def value_origin(self, record):
        return self.render_origin(record)
