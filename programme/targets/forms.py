"""Forms of /targets/: add a target, revise one, add a note to a chart.

Choices come from lists the view already loaded, so rendering a form costs no
extra queries. Numbers are typed the Dutch way (12.400 or 2,5).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from monitoring.caseload.filters import chosen_area, use_area_choice
from monitoring.models import Area, CaseloadIndicator, Comparator, PeriodKind, Provenance, Source, TargetKind
from nprz_dashboard.fields import MonthField
from programme.entry.validation import NumberError, parse_number

# Targets may be large (caseload) or have decimals (a coverage of 100,0%).
TARGET_MAX = Decimal("9999999999.99")


class DutchNumberField(forms.CharField):
    """A number typed the Dutch way (12.400, 12400 or 2,5), read like the entry form reads it."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_number(value, allows_decimals=True, max_value=TARGET_MAX)
        except NumberError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class DutchDateField(forms.DateField):
    input_formats = ["%d-%m-%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 15-1-2026."}


def parse_profile(text: str) -> list[float] | None:
    """Return twelve monthly weights typed as '8; 8; 9; ...' (empty means a straight line)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        weights = [
            float(parse_number(part, allows_decimals=True, max_value=TARGET_MAX))
            for part in re.split(r"[;\s]+", text)
            if part
        ]
    except NumberError:
        raise forms.ValidationError("Gebruik alleen getallen van 0 of meer, gescheiden door puntkomma's.") from None
    if len(weights) != 12:
        raise forms.ValidationError(f"Geef precies 12 gewichten, één per maand (nu {len(weights)}).")
    if not sum(weights):  # negative weights are refused by parse_number
        raise forms.ValidationError("De gewichten kunnen niet allemaal 0 zijn.")
    return weights


# A subject choice is "caseload:<indicator>" or "measure:<id>".
MEASURE = "measure"


def subject_choices(measures) -> list:
    """Return what a target or note can be about: a caseload indicator, or an activity measure."""
    groups = [("Bijstand", [(f"{TargetKind.CASELOAD}:{c.value}", c.label) for c in CaseloadIndicator])]
    by_activity: dict[str, list] = {}
    for measure in measures:
        by_activity.setdefault(measure.activity.name, []).append((f"{MEASURE}:{measure.pk}", measure.name))
    groups += [(f"Activiteit: {name}", options) for name, options in by_activity.items()]
    return groups


class SourceFields(forms.Form):
    """An existing source document, or a new one typed in with title and date."""

    source = forms.ChoiceField(label="Brondocument", required=False)
    new_source_title = forms.CharField(label="Of een nieuwe bron: titel", max_length=200, required=False)
    new_source_date = DutchDateField(label="Datum van de nieuwe bron", required=False,
                                     help_text="Als dd-mm-jjjj.")  # fmt: skip

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        sources = list(sources)
        self.fields["source"].choices = [("", "Kies een bron…"), *[(str(s.pk), _source_label(s)) for s in sources]]
        self._sources = {str(s.pk): s for s in sources}

    def clean_source(self):
        # Resolved from the list the view loaded: no query per form.
        value = self.cleaned_data.get("source")
        return self._sources[value] if value else None

    def clean_sources(self, data, required: bool):
        title, date = data.get("new_source_title", ""), data.get("new_source_date")
        if title and not date:
            self.add_error("new_source_date", "Geef de datum van het brondocument.")
        if date and not title:
            self.add_error("new_source_title", "Geef de titel van het brondocument.")
        if title and data.get("source"):
            self.add_error("new_source_title", "Kies een bestaande bron of vul een nieuwe in, niet allebei.")
        if required and not title and not data.get("source") and "new_source_date" not in self.errors:
            self.add_error("source", "Kies het brondocument of vul een nieuwe bron in (titel en datum).")


def _source_label(source: Source) -> str:
    if source.published_on:
        return f"{source.title} ({source.published_on.day}-{source.published_on.month}-{source.published_on.year})"
    return source.title


class TargetForm(SourceFields):
    """Add a target: what it is about, where, by when, how much, and where it was published."""

    subject = forms.ChoiceField(label="Waarover")
    area = forms.ChoiceField(label="Gebied")
    comparator = forms.ChoiceField(label="Vergelijking", choices=Comparator.choices)
    period_kind = forms.ChoiceField(label="Soort periode", choices=PeriodKind.choices)
    start = MonthField(label="Eerste maand van de periode")
    end = MonthField(label="Laatste maand van de periode")
    value = DutchNumberField(label="Doel", help_text="Bijvoorbeeld 12.400.")
    provenance = forms.ChoiceField(label="Herkomst", choices=Provenance.choices, initial=Provenance.PUBLISHED)
    note = forms.CharField(label="Toelichting", max_length=300, required=False)
    profile = forms.CharField(
        label="Verdeling over de maanden (alleen jaartotalen)",
        required=False,
        help_text="Twaalf gewichten, januari eerst, gescheiden door puntkomma's. Leeg is een rechte lijn.",
    )

    field_order = ["subject", "area", "comparator", "period_kind", "start", "end", "value", "provenance",
                   "source", "new_source_title", "new_source_date", "note", "profile"]  # fmt: skip

    def __init__(self, *args, areas=None, measures=(), demo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not demo:  # a demo target belongs to a demo database only (one that shows demo values)
            self.fields["provenance"].choices = [c for c in Provenance.choices if c[0] != Provenance.SYNTHETIC]
        self.fields["subject"].choices = subject_choices(measures)
        use_area_choice(self, "area", areas)
        self._areas = {a.code: a for a in areas.areas}
        self._measures = {str(m.pk): m for m in measures}

    def clean_profile(self):
        return parse_profile(self.cleaned_data.get("profile", ""))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "De laatste maand ligt voor de eerste; kies een latere maand.")
        if (
            data.get("profile")
            and start
            and end
            and (end - start != 11 or data.get("period_kind") != PeriodKind.YEAR_TOTAL)
        ):
            self.add_error("profile", "Een verdeling over de maanden past alleen bij een totaal over één jaar.")
        self.clean_sources(data, required=data.get("provenance") == Provenance.PUBLISHED)
        return data

    def write_kwargs(self) -> dict:
        """Return the cleaned data as the arguments of target_services.add_target."""
        data = self.cleaned_data
        kind, _, key = data["subject"].partition(":")
        return {
            "kind": TargetKind.ACTIVITY if kind == MEASURE else TargetKind.CASELOAD,
            "subject": self._measures[key] if kind == MEASURE else key,
            "area": chosen_area(self, "area", self._areas),
            "comparator": data["comparator"],
            "period_kind": data["period_kind"],
            "start": data["start"],
            "end": data["end"],
            "value": data["value"],
            "provenance": data["provenance"],
            "source": data.get("source"),
            "new_source": _new_source(data),
            "note": data.get("note", ""),
            "profile": data.get("profile"),
        }


class RevisionForm(SourceFields):
    """Revise a target in force: the new value, why, and the document that decided it."""

    target = forms.CharField(widget=forms.HiddenInput)
    value = DutchNumberField(label="Nieuw doel", help_text="Bijvoorbeeld 12.500.")
    reason = forms.CharField(label="Reden van de herziening", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Geef de reden van de herziening."})  # fmt: skip
    note = forms.CharField(label="Toelichting", max_length=300, required=False)

    field_order = ["target", "value", "reason", "source", "new_source_title", "new_source_date", "note"]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Geef de reden van de herziening.")
        return reason

    def clean(self):
        data = super().clean()
        self.clean_sources(data, required=True)
        return data


class AnnotationForm(forms.Form):
    """A dated note on the charts of an area, an indicator or an activity measure."""

    month = MonthField(label="Maand")
    text = forms.CharField(label="Notitie", max_length=300, help_text="Bijvoorbeeld: start Kind en Werkgeluk.")
    area = forms.ChoiceField(label="Gebied", required=False)
    subject = forms.ChoiceField(label="Bij welke grafiek", required=False)

    def __init__(self, *args, areas=None, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        use_area_choice(self, "area", areas, empty=("", "NPRZ als geheel"))
        self.fields["subject"].choices = [("", "Bijstandsuitkeringen (stand)"), *subject_choices(measures)]
        self._areas = {a.code: a for a in areas.areas}
        self._measures = {str(m.pk): m for m in measures}

    def write_kwargs(self) -> dict:
        """Return the cleaned data as the arguments of target_services.add_annotation."""
        data = self.cleaned_data
        kind, _, key = data.get("subject", "").partition(":")
        area: Area | None = chosen_area(self, "area", self._areas)
        return {
            "month": data["month"],
            "text": data["text"],
            "area": area,
            "indicator": key if kind == TargetKind.CASELOAD and key != CaseloadIndicator.CASELOAD else "",
            "measure": self._measures.get(key) if kind == MEASURE else None,
        }


def _new_source(data):
    from .services import NewSource

    if data.get("new_source_title"):
        return NewSource(data["new_source_title"], data["new_source_date"])
    return None
