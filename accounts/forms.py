from django import forms

from .models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["reminders"]
        labels = {"reminders": "Stuur mij herinneringen per e-mail"}
