"""Form fields and filters every page shares: a month typed as jjjj-mm."""

import django_filters
from django import forms

from .periods import YEARS, Month

MONTH_HELP = "Als jjjj-mm, bijvoorbeeld 2025-03."


class MonthField(forms.CharField):
    """A month typed as jjjj-mm; a Dutch message names what was typed when it isn't one."""

    widget = forms.TextInput(attrs={"placeholder": "jjjj-mm", "inputmode": "numeric"})

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        try:
            month = Month.parse(text)
            if month.year not in YEARS:  # year 0000 parses but is no date; 9999 is a typing error
                raise ValueError(text)
        except ValueError:
            message = f"Vul een maand in als jjjj-mm, bijvoorbeeld 2025-03; ‘{text}’ is dat niet."
            raise forms.ValidationError(message, code="invalid") from None
        return month


class MonthFilter(django_filters.Filter):
    """Filter a date field by a month (its first day), e.g. month__gte."""

    field_class = MonthField

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": value.first_day})
