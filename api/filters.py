"""Filters the lists share: a month range given as jjjj-mm, refused with a Dutch 400 when it runs backwards."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from nprz_dashboard import fields

from .common import MONTH_PATTERN

FROM_HELP = "Vanaf maand (jjjj-mm, bv. 2025-03) / From month (YYYY-MM, e.g. 2025-03)"
UNTIL_HELP = "Tot en met maand (jjjj-mm) / Up to and including month (YYYY-MM)"


@extend_schema_field({"type": "string", "pattern": MONTH_PATTERN, "example": "2025-03"})
class MonthFilter(fields.MonthFilter):
    """The pages' month filter, described in the schema as a jjjj-mm string."""


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
