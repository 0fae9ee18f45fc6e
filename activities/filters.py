"""Filters: the records table of an activity and the list of activities."""

import django_filters
from django import forms

from monitoring.caseload.filters import AreaSearchFilter
from monitoring.models import FigureStatus, Origin
from nprz_dashboard.fields import MONTH_HELP, MonthFilter
from nprz_dashboard.judgement import TRACK_LABELS

from .models import ActivityRecord, MeasureKind


class RecordFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "De maand 'tot en met' ligt vóór de maand 'van'.")
        return cleaned


class RecordFilter(django_filters.FilterSet):
    """Records of one activity by measure, area, month range, status and origin."""

    measure = django_filters.ChoiceFilter(field_name="measure", label="Maat", empty_label="alle maten")
    area = AreaSearchFilter(field_name="area")
    start = MonthFilter(field_name="month", lookup_expr="gte", label="Van (maand)", help_text=MONTH_HELP)
    end = MonthFilter(field_name="month", lookup_expr="lte", label="Tot en met (maand)", help_text=MONTH_HELP)
    status = django_filters.ChoiceFilter(
        field_name="status", label="Status", choices=FigureStatus.choices, empty_label="alle statussen"
    )
    origin = django_filters.ChoiceFilter(
        field_name="origin", label="Herkomst", choices=Origin.choices, empty_label="alle herkomsten"
    )

    class Meta:
        model = ActivityRecord
        fields = []
        form = RecordFilterForm

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["measure"].extra["choices"] = [(m.pk, m.name) for m in measures if m.kind != MeasureKind.RATIO]


SORTS = {
    "volgorde": "volgorde van de brief",
    "status": "status (achter eerst)",
    "voortgang": "voortgang (laagste eerst)",
    "naam": "naam",
}


class ActivityListForm(forms.Form):
    """Year, project, status and sort order of the activity list."""

    year = forms.TypedChoiceField(label="Jaar", coerce=int, required=False)
    project = forms.ChoiceField(label="Project", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "alle statussen"), *TRACK_LABELS.items(), ("geen", "geen doel")],
    )
    sort = forms.ChoiceField(label="Sorteren op", required=False, choices=list(SORTS.items()))

    def __init__(self, *args, years=(), projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["project"].choices = [("", "alle projecten"), *projects, ("geen", "zonder project")]


class YearForm(forms.Form):
    """The year an activity page shows."""

    year = forms.TypedChoiceField(label="Jaar", coerce=int, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
