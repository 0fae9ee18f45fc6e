"""Forms of the quarterly report: the narratives per section and publishing a version."""

from django import forms

from monitoring.models import ReportSection
from programme.entry.validation import MAX_REVISION, REVISION_ERRORS

NARRATIVE_MAX = 4000


REVISION_PREFIX = "revisie_"


class NarrativeForm(forms.Form):
    """One text per report section, written by the programme manager, with the revision it started from."""

    def __init__(self, *args, revisions: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts = []  # report_services.NarrativeConflict, shown next to their sections
        for section in ReportSection:
            self.fields[REVISION_PREFIX + section.value] = forms.IntegerField(
                widget=forms.HiddenInput,
                min_value=0,
                max_value=MAX_REVISION,
                required=False,
                initial=(revisions or {}).get(section.value, 0),
                error_messages=REVISION_ERRORS,
            )
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

    def texts(self) -> dict[str, str]:
        """Return the cleaned text per section."""
        return {s.value: self.cleaned_data.get(s.value, "") for s in ReportSection}

    def revisions(self) -> dict[str, int]:
        """Return the revision per section the texts were written from (0 for a section never saved)."""
        return {s.value: self.cleaned_data.get(REVISION_PREFIX + s.value) or 0 for s in ReportSection}

    def show_conflicts(self, conflicts) -> None:
        """Put each colleague's text next to its section and take over their revision, so saving again overwrites."""
        self.conflicts = conflicts
        data = self.data.copy()
        for conflict in conflicts:
            data[self.add_prefix(REVISION_PREFIX + conflict.section)] = str(conflict.revision)
            self.add_error(
                conflict.section,
                f"{conflict.by} heeft deze toelichting gewijzigd nadat u haar opende. Hun tekst staat hieronder, "
                "uw tekst in het veld. Pas uw tekst aan en sla opnieuw op; dan vervangt uw tekst die van hen.",
            )
        self.data = data


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
