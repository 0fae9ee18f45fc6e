"""Forms of the quarterly report: the narratives per section and publishing a version."""

from django import forms

from .models import ReportSection

NARRATIVE_MAX = 4000


class NarrativeForm(forms.Form):
    """One text per report section, written by the programme manager."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in ReportSection:
            self.fields[section.value] = forms.CharField(
                label=f"Toelichting bij ‘{section.label}’",
                required=False,
                max_length=NARRATIVE_MAX,
                widget=forms.Textarea(attrs={"rows": 5, "class": "utrecht-textarea"}),
                error_messages={
                    "max_length": f"Houd de toelichting korter dan {NARRATIVE_MAX} tekens (nu %(show_value)d)."
                },
            )


class PublishForm(forms.Form):
    """Publishing: a new version needs a reason, the first one does not."""

    note = forms.CharField(
        label="Reden van de nieuwe versie",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "utrecht-textarea"}),
        help_text="Bijvoorbeeld: correctie van de uitstroom in februari. De vorige versie blijft leesbaar.",
    )

    def __init__(self, *args, has_version: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_version = has_version

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if self.has_version and not note:
            raise forms.ValidationError("Geef aan waarom er een nieuwe versie komt; de vorige versie blijft leesbaar.")
        return note
