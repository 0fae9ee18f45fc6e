"""The form that asks for a new API token: what it is for and how long it lasts."""

from django import forms

from .api_tokens import DAY_CHOICES, DEFAULT_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Naam van de sleutel",
        max_length=100,
        help_text="Waarvoor je de sleutel gebruikt, bijvoorbeeld ‘Power BI wijkrapportage’.",
        error_messages={
            "required": "Geef de sleutel een naam, zodat je later weet waarvoor hij is.",
            "max_length": "Een naam is hoogstens 100 tekens.",
        },
    )
    days = forms.TypedChoiceField(
        label="Geldig",
        choices=DAY_CHOICES,
        coerce=int,
        initial=DEFAULT_DAYS,
        error_messages={"invalid_choice": "Kies hoe lang de sleutel geldig is uit de lijst."},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Geef de sleutel een naam, zodat je later weet waarvoor hij is.")
        return name
