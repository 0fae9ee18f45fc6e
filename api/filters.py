"""Filters the lists share: a month range given as jjjj-mm, codes and ids; bad or empty values are a Dutch 400.

Stricter than the pages' filter forms, as a contract should be: a parameter is
either left out (all rows) or has a valid value, and a month range runs forward.
"""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field

from nprz_dashboard import fields

from .common import MONTH_PATTERN

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
