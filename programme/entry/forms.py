"""Forms for monthly entry, period steps and imports.

Parsing only; the rules that need the database live in services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.conf import settings

from nprz_dashboard.formatting import format_number

from .validation import MAX_REVISION, REVISION_ERRORS, NumberError, as_input, parse_number

OVERRIDE_PREFIX = "override-"  # a warning's reason field: override-<finding id>


def reason_field(label: str, help_text: str, rows: int = 2) -> forms.CharField:
    """Return the field for the reason of a correction: optional in the form, required by the service."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=1000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "cols": 60}),
    )


class MonthEntryForm(forms.Form):
    """The month form's own fields: revision and reason (each warning's reason is read by read_figures).

    The figures' fields are many (over 4.000 at 500 areas), so they are read by
    read_figures() and drawn by cells.py rather than as Django fields.
    """

    revision = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=MAX_REVISION, error_messages=REVISION_ERRORS
    )
    reason = reason_field(
        "Reden van de correctie",
        "Verplicht als je een eerder opgeslagen waarde wijzigt, bijvoorbeeld ‘CBS-cijfer herzien’.",
        rows=3,
    )


@dataclass
class Figures:
    """The figures of a posted (or freshly loaded) month form."""

    texts: dict[str, str] = field(default_factory=dict)  # what each field shows
    values: dict[str, Decimal] = field(default_factory=dict)  # the entered values that could be read
    errors: dict[str, list[str]] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)  # official total key: why it differs
    overrides: dict[str, str] = field(default_factory=dict)  # warning (finding id): why save anyway

    @property
    def error_count(self) -> int:
        return sum(len(e) for e in self.errors.values())


def loaded_figures(slots, stored) -> Figures:
    """Return the figures as stored, as the form shows them when it opens."""
    texts = {}
    for slot in slots:
        current = stored.get(slot.key)
        texts[slot.key] = as_input(current.value if current else None, slot.allows_decimals)
    return Figures(texts=texts)


def read_figures(data, slots, stored) -> Figures:
    """Read every enterable field of a posted month form: each value or its Dutch error, all at once.

    Totals are computed, official figures are corrected only in the admin: their
    fields are not read. An emptied stored value is an error (values are corrected, never removed).
    """
    figures = loaded_figures(slots, stored)
    for slot in slots:
        current = stored.get(slot.key)
        if slot.is_total or (current is not None and current.is_official):
            continue
        text = str(data.get(slot.key, "")).strip()
        figures.texts[slot.key] = text[:40]
        if len(text) > 40:
            figures.errors[slot.key] = ["Vul een getal in, bijvoorbeeld 1.086 (dit zijn meer dan 40 tekens)."]
            continue
        if not text:
            if current is not None:
                figures.errors[slot.key] = [
                    f"Hier stond {as_input(current.value, slot.allows_decimals)}; een opgeslagen waarde "
                    "kan niet leeg worden gemaakt. Vul de juiste waarde in."
                ]
            continue
        try:
            figures.values[slot.key] = parse_number(
                text, allows_decimals=slot.allows_decimals, max_value=slot.max_value
            )
        except NumberError as error:
            figures.errors[slot.key] = [str(error)]
    for slot in slots:
        text = str(data.get(f"explain-{slot.key}", "")).strip()[:1000]
        if slot.is_total and text:
            figures.explanations[slot.key] = text
    figures.overrides = read_overrides(data)
    return figures


def read_overrides(data) -> dict[str, str]:
    """Return the reasons typed to save past each warning, by finding id (at most 1.000 characters each)."""
    return {
        name.removeprefix(OVERRIDE_PREFIX)[:200]: str(data.get(name, "")).strip()[:1000]
        for name in data
        if name.startswith(OVERRIDE_PREFIX) and str(data.get(name, "")).strip()
    }


class ApproveForm(forms.Form):
    # The month's revision when the manager loaded the page: approval locks exactly what was reviewed.
    revision = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=MAX_REVISION, error_messages=REVISION_ERRORS
    )
    final_caseload = forms.BooleanField(
        label="Bijstandscijfers van deze maand definitief maken", required=False, initial=True
    )
    final_activities = forms.BooleanField(
        label="Activiteitcijfers van deze maand definitief maken", required=False, initial=True
    )


class ReopenForm(forms.Form):
    reopen_reason = forms.CharField(
        label="Reden om te heropenen",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        error_messages={"required": "Geef een reden om de maand te heropenen."},
    )


class SendBackForm(forms.Form):
    send_back_reason = forms.CharField(
        label="Wat moet de invoerder nog doen?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        error_messages={"required": "Geef een reden: de invoerder moet weten wat er nog moet gebeuren."},
    )


class ImportUploadForm(forms.Form):
    """The file to preview.

    Its size limit is the reader's (importing.read_table), whatever path hands a
    file over; the view reads at most one byte more than the limit.
    """

    file = forms.FileField(
        label="Bestand (CSV of XLSX)",
        help_text="Gebruik de indeling van het sjabloon. Hoogstens "
        f"{format_number(settings.IMPORT_MAX_BYTES / 1024)} kB.",
        error_messages={"required": "Kies een bestand om te importeren.", "empty": "Het bestand is leeg."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class ImportConfirmForm(forms.Form):
    batch = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = reason_field("Reden van de correcties", "Verplicht als de import eerder opgeslagen waarden wijzigt.")


class HistoryUploadForm(forms.Form):
    """A history file (many months): its size limit is IMPORT_BULK_MAX_BYTES, checked by the reader."""

    file = forms.FileField(
        label="Bestand met meerdere maanden (CSV of XLSX)",
        help_text="De indeling van het sjabloon, met een maand per regel. Hoogstens "
        f"{format_number(settings.IMPORT_BULK_MAX_BYTES / 1024 / 1024)} MB en "
        f"{format_number(settings.IMPORT_BULK_MAX_ROWS)} regels.",
        error_messages={"required": "Kies een bestand om te importeren.", "empty": "Het bestand is leeg."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class HistoryConfirmForm(ImportConfirmForm):
    warnings_reason = forms.CharField(
        label="Reden om alle waarschuwingen te negeren",
        help_text="Eén reden voor alle waarschuwingen van dit bestand, bijvoorbeeld waar de reeks al is gecontroleerd.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
