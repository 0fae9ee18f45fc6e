"""Forms for monthly entry, period steps and imports.

Parsing only; the rules that need the database live in services.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings

from nprz_dashboard.formatting import format_number

from .validation import MAX_REVISION, REVISION_ERRORS, NumberError, as_input, parse_number

CONFIRM_LABEL = "Ik heb de waarschuwingen bekeken en de cijfers kloppen."


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
    """One text field per figure of the month, in Dutch notation, plus reason and confirmations."""

    revision = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=MAX_REVISION, error_messages=REVISION_ERRORS
    )
    reason = reason_field(
        "Reden van de correctie",
        "Verplicht als je een eerder opgeslagen waarde wijzigt, bijvoorbeeld ‘CBS-cijfer herzien’.",
        rows=3,
    )
    confirm_warnings = forms.BooleanField(label=CONFIRM_LABEL, required=False)
    warnings_signature = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, slots, stored, revision: int, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        self.stored = stored
        self.fields["revision"].initial = revision
        for slot in slots:
            current = stored.get(slot.key)
            attrs = {
                "inputmode": "decimal" if slot.allows_decimals else "numeric",
                "autocomplete": "off",
                "class": "entry-input",
                "size": 9,
                "aria-describedby": f"hint-{slot.key}",
            }
            self.fields[slot.key] = forms.CharField(
                label=slot.label,
                required=False,
                max_length=40,
                initial=as_input(current.value if current else None, slot.allows_decimals),
                # Official figures come from their publication and are corrected only in the admin.
                disabled=locked or bool(current and current.is_official),
                widget=forms.TextInput(attrs=attrs),
            )
        self.values: dict[str, Decimal] = {}

    def clean(self):
        cleaned = super().clean()
        for slot in self.slots:
            if self.fields[slot.key].disabled:
                continue
            text = (cleaned.get(slot.key) or "").strip()
            current = self.stored.get(slot.key)
            if not text:
                if current is not None:
                    self.add_error(
                        slot.key,
                        f"Hier staat al {as_input(current.value, slot.allows_decimals)}; een opgeslagen waarde "
                        "kan niet leeg worden gemaakt. Vul de juiste waarde in.",
                    )
                continue
            try:
                self.values[slot.key] = parse_number(
                    text, allows_decimals=slot.allows_decimals, max_value=slot.max_value
                )
            except NumberError as error:
                self.add_error(slot.key, str(error))
        return cleaned

    def add_error(self, field, error):
        super().add_error(field, error)
        if field and field in self.fields:
            widget = self.fields[field].widget
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"error-{field} hint-{field}"

    @classmethod
    def rebound(cls, data, *, slots, stored, revision: int, changes: dict[str, str], drop=()) -> MonthEntryForm:
        """Return the form bound again to the posted data, with some fields and the revision replaced."""
        data = data.copy()
        for name in drop:
            data.pop(name, None)
        for name, value in changes.items():
            data[name] = value
        data["revision"] = str(revision)
        form = cls(data, slots=slots, stored=stored, revision=revision)
        form.is_valid()
        return form

    def with_warnings_to_confirm(self, signature: str) -> MonthEntryForm:
        """Return the form bound again, now asking to confirm exactly the warnings with this signature."""
        return self.rebound(
            self.data,
            slots=self.slots,
            stored=self.stored,
            revision=self.cleaned_data["revision"],
            changes={"warnings_signature": signature},
            drop=["confirm_warnings"],
        )


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


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand (CSV of XLSX)",
        help_text="Gebruik de indeling van het sjabloon. Hoogstens "
        f"{format_number(settings.IMPORT_MAX_BYTES / 1024)} kB.",
        error_messages={"required": "Kies een bestand om te importeren.", "empty": "Het bestand is leeg."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Het bestand is te groot ({format_number(upload.size / 1024)} kB); het maximum is "
                f"{format_number(settings.IMPORT_MAX_BYTES / 1024)} kB."
            )
        return upload


class ImportConfirmForm(forms.Form):
    batch = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = reason_field("Reden van de correcties", "Verplicht als de import eerder opgeslagen waarden wijzigt.")
    confirm_warnings = forms.BooleanField(label=CONFIRM_LABEL, required=False)
