"""Choosing what the caseload pages show: the area switch and the figures table filter."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from monitoring.models import Area, AreaLevel, CaseloadFigure, FigureStatus, Origin
from nprz_dashboard.fields import MONTH_HELP, MonthField, MonthFilter
from nprz_dashboard.periods import Month

from .selectors import STATUS_RANK


def area_choices(areas: list[Area]) -> list:
    """Return the areas as grouped choices: NPRZ, the districts, then each district's neighbourhoods."""
    groups = [
        ("Programmagebied", [(a.code, a.name) for a in areas if a.level == AreaLevel.PROGRAMME]),
        ("Gebieden", [(a.code, a.name) for a in areas if a.level == AreaLevel.DISTRICT]),
    ]
    for district in (a for a in areas if a.level == AreaLevel.DISTRICT):
        hoods = [
            (a.code, f"{a.name} (focuswijk)" if a.is_focus else a.name)
            for a in areas
            if a.parent_id == district.id and a.level == AreaLevel.NEIGHBOURHOOD
        ]
        groups.append((f"Wijken in {district.name}", hoods))
    return [group for group in groups if group[1]]


class AreaForm(forms.Form):
    """The area switch of /caseload/ (?area=<code>); choices come from an already loaded list.

    `complete` says whether the list holds every area; when it does not
    (selectors.area_choice), the page offers AreaSearchForm beside it.
    """

    area = forms.ChoiceField(
        label="Gebied",
        error_messages={"invalid_choice": "Kies een gebied uit de lijst; %(value)s is geen bekend gebied."},
    )

    def __init__(self, areas: list[Area], data=None, complete: bool = True):
        super().__init__(data)
        self.areas = {a.code: a for a in areas}
        self.complete = complete
        self.fields["area"].choices = area_choices(areas)

    def selected_area(self, default: Area) -> Area:
        """Return the chosen area, or the default when nothing (valid) was chosen."""
        if self.is_bound and self.is_valid():
            return self.areas[self.cleaned_data["area"]]
        return default


class AreaCodeField(forms.CharField):
    """An area typed as its code or its exact name: a form's area field when a select would list too many areas.

    Cleans to the area's code and keeps the area found (one query, when the form is posted).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "help_text", "Typ de naam of de CBS-code van het gebied, bijvoorbeeld NPRZ, Feijenoord of BU05991081."
        )
        super().__init__(**kwargs)
        self.area: Area | None = None

    def clean(self, value):
        text = super().clean(value).strip()
        self.area = None
        if not text:
            return ""
        found = list(Area.objects.filter(Q(code__iexact=text) | Q(name__iexact=text)).order_by("tree_order")[:2])
        if not found:
            raise forms.ValidationError(f"Er is geen gebied ‘{text}’; typ de naam of de CBS-code.", code="unknown")
        if len(found) > 1 and found[0].code.lower() != text.lower():
            raise forms.ValidationError(
                f"Meer gebieden heten ‘{text}’; typ de CBS-code, bijvoorbeeld {found[0].code} of {found[1].code}.",
                code="ambiguous",
            )
        self.area = found[0]
        return found[0].code


def use_area_choice(form: forms.Form, name: str, choice, empty: tuple[str, str] | None = None) -> None:
    """Let a form's area field offer `choice` (selectors.area_choice): a select of every area, or a typed area.

    Up to shortlist.AREA_SELECT_LIMIT areas the field stays a select (with `empty` first, when
    given); beyond, it becomes an AreaCodeField with the same label, so no page lists hundreds of options.
    """
    field = form.fields[name]
    if choice.complete:
        field.choices = [*([empty] if empty else []), *area_choices(choice.areas)]
        return
    help_text = AreaCodeField().help_text + (f" Leeg: {empty[1]}." if empty else "")
    form.fields[name] = AreaCodeField(label=field.label, required=field.required, help_text=help_text)


def chosen_area(form: forms.Form, name: str, areas: dict[str, Area]) -> Area | None:
    """Return the area a cleaned form's area field holds (None when left empty)."""
    code = form.cleaned_data.get(name) or ""
    field = form.fields[name]
    return getattr(field, "area", None) or areas.get(code)


class AreaSearchForm(forms.Form):
    """Find a neighbourhood by name or code when the area select lists only the main areas (?zoek=)."""

    zoek = forms.CharField(
        label="Zoek een wijk",
        max_length=100,
        required=False,
        help_text="Typ (een deel van) de naam of de CBS-code, bijvoorbeeld Bloemhof of BU05991081.",
    )

    def text(self) -> str:
        """Return the search text, or '' when there is none (or it is too long)."""
        return self.cleaned_data["zoek"].strip() if self.is_valid() else ""


AREA_SEARCH_HELP = (
    "Naam of CBS-code, bijvoorbeeld Bloemhof of BU05991081; een deel van de naam vindt elk gebied dat zo heet."
)


class AreaSearchFilter(django_filters.CharFilter):
    """A table's area filter as a search (?area=<code or part of a name>), not a select of every area.

    A select of 500 areas costs every page of the table its 500 options; a
    labelled text field costs nothing and needs no JavaScript. It finds what
    Area.objects.matching finds: the code exactly, or every area whose name
    contains the text.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Gebied")
        kwargs.setdefault("help_text", AREA_SEARCH_HELP)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        return qs.filter(**{f"{self.field_name}__in": Area.objects.matching(value)})


class FigureFilterForm(forms.Form):
    """The filter form; refuses a period that runs backwards."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "Deze maand ligt voor de eerste maand; kies een latere maand.")
        return data


class FigureFilter(django_filters.FilterSet):
    """Filter the pivoted figures table by area, period and status."""

    area = AreaSearchFilter(field_name="area")
    start = MonthFilter(label="Van maand", method="filter_start")
    end = MonthFilter(label="Tot en met maand", method="filter_end")
    status = django_filters.ChoiceFilter(
        label="Status", choices=FigureStatus.choices, method="filter_status", empty_label="Alle statussen"
    )

    class Meta:
        model = CaseloadFigure
        fields = ["area", "start", "end", "status"]
        form = FigureFilterForm

    def filter_start(self, queryset, name, value):
        return queryset.filter(month__gte=value.first_day)

    def filter_end(self, queryset, name, value):
        return queryset.filter(month__lte=value.first_day)

    def filter_status(self, queryset, name, value):
        # A row counts as its least final real figure: "voorlopig" finds rows with any provisional value.
        # Demo figures have no status (the table calls them "demowaarde"), so they never match.
        less_final = [status for status, rank in STATUS_RANK.items() if rank < STATUS_RANK[FigureStatus(value)]]
        same_row = CaseloadFigure.objects.filter(area=OuterRef("area"), month=OuterRef("month")).exclude(
            origin=Origin.SYNTHETIC
        )
        return queryset.filter(Exists(same_row.filter(status=value))).exclude(
            Exists(same_row.filter(status__in=less_final))
        )


SCENARIO_FIELDS = ("extra_outflow", "less_inflow", "from_month")
MAX_SCENARIO = 2000  # benefits per month: about a sixth of the caseload, far beyond any plan


class ScenarioForm(forms.Form):
    """The scenario of /caseload/ (GET, settings in the URL): extra outflow and/or less inflow a month, from a month."""

    extra_outflow = forms.IntegerField(
        label="Extra uitstroom per maand", required=False, min_value=0, max_value=MAX_SCENARIO,
        error_messages={"invalid": "Vul een heel aantal uitkeringen in, bijvoorbeeld 25.",
                        "min_value": "Vul 0 of meer in.", "max_value": f"Vul hoogstens {MAX_SCENARIO} in."},
    )  # fmt: skip
    less_inflow = forms.IntegerField(
        label="Minder instroom per maand", required=False, min_value=0, max_value=MAX_SCENARIO,
        error_messages={"invalid": "Vul een heel aantal uitkeringen in, bijvoorbeeld 25.",
                        "min_value": "Vul 0 of meer in.", "max_value": f"Vul hoogstens {MAX_SCENARIO} in."},
    )  # fmt: skip
    from_month = MonthField(label="Vanaf maand", required=False, help_text=MONTH_HELP)

    def __init__(self, data, latest: Month | None, end: Month | None):
        super().__init__(data if any(name in data for name in SCENARIO_FIELDS) else None)
        self.latest, self.end = latest, end

    def clean_from_month(self):
        month = self.cleaned_data.get("from_month")
        if month is None or self.latest is None:
            return month
        if month <= self.latest:
            raise forms.ValidationError(
                f"Kies een maand na {self.latest.label}, de laatste maand met een stand.", code="past"
            )
        if self.end is not None and month > self.end:
            raise forms.ValidationError(f"Kies een maand tot en met {self.end.label}.", code="late")
        return month

    def scenario(self) -> tuple[Month, int] | None:
        """Return (first month, lowering per month) of a valid, non-empty scenario; None otherwise."""
        if not self.is_bound or not self.is_valid() or self.latest is None:
            return None
        per_month = (self.cleaned_data["extra_outflow"] or 0) + (self.cleaned_data["less_inflow"] or 0)
        if per_month == 0:
            return None
        return self.cleaned_data["from_month"] or self.latest + 1, per_month
