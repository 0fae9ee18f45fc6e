"""Filters the lists share: a month range given as jjjj-mm, codes and ids; bad or empty values are a Dutch 400.

Stricter than the pages' filter forms, as a contract should be: a parameter is
either left out (all rows) or has a valid value, and a month range runs forward.
"""

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


@extend_schema_field({"type": "string", "minLength": 1})
class TextFilter(django_filters.CharFilter):
    """A code or slug to filter on; given empty, it is refused (leave it out to mean 'all')."""


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**31 - 1})
class IdFilter(django_filters.NumberFilter):
    """An id to filter on, a whole number from 1."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**31 - 1, **kwargs)


class RangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name in self.data and self.data[name] == "":
                self.add_error(name, f"Laat ‘{name}’ weg of geef een waarde; leeg kan niet.")
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "De maand ‘end’ ligt vóór de maand ‘start’; kies een latere maand.")
        return cleaned


class ApiFilterSet(django_filters.FilterSet):
    """A filter set whose start and end months must be in order."""

    class Meta:
        form = RangeForm
