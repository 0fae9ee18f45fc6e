"""Filters the lists share: a month range given as jjjj-mm, codes and ids; bad or empty values are a Dutch 400.

Stricter than the pages' filter forms, as a contract should be: a parameter is
either left out (all rows) or has a valid value, and a month range runs forward.
"""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field

from monitoring.models import FigureStatus
from nprz_dashboard import fields

from .common import MONTH_PATTERN, ORIGIN_HELP, ORIGINS, STATUS_HELP, filter_origin

FROM_HELP = "Vanaf maand (jjjj-mm, bv. 2025-03) / From month (YYYY-MM, e.g. 2025-03)"
UNTIL_HELP = "Tot en met maand (jjjj-mm) / Up to and including month (YYYY-MM)"


@extend_schema_field({"type": "string", "pattern": MONTH_PATTERN, "example": "2025-03"})
class MonthFilter(fields.MonthFilter):
    """The pages' month filter, described in the schema as a jjjj-mm string."""


CODE_PATTERN = r"^[A-Za-z0-9_-]{1,50}$"
CODE_MESSAGE = "Een code bestaat uit letters, cijfers, - en _ (hoogstens 50), bv. BU05991086 of verzuimaanpak."


@extend_schema_field({"type": "string", "pattern": CODE_PATTERN})
class TextFilter(django_filters.CharFilter):
    """A code or slug to filter on (an area's CBS code, an activity's slug)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, validators=[RegexValidator(CODE_PATTERN, CODE_MESSAGE)], **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**31 - 1})
class IdFilter(django_filters.NumberFilter):
    """An id to filter on, a whole number from 1."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**31 - 1, **kwargs)


class RangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "De maand ‘end’ ligt vóór de maand ‘start’; kies een latere maand.")
        return cleaned


class ApiFilterSet(django_filters.FilterSet):
    """A filter set whose start and end months must be in order."""

    class Meta:
        form = RangeForm


class FigureFilterSet(ApiFilterSet):
    """The filters every list of figures has: a month range, the status and the origin."""

    start = MonthFilter(field_name="month", lookup_expr="gte", help_text=FROM_HELP)
    end = MonthFilter(field_name="month", lookup_expr="lte", help_text=UNTIL_HELP)
    status = django_filters.ChoiceFilter(choices=FigureStatus.choices, help_text=STATUS_HELP)
    origin = django_filters.ChoiceFilter(
        choices=[(o, o) for o in ORIGINS], method="filter_origin", help_text=ORIGIN_HELP
    )

    def filter_origin(self, queryset, name, value):
        return filter_origin(queryset, value)
