"""Every Django form renders with the NL Design System (Utrecht) components: no raw browser controls, no 'Label:'."""

import re

from django import forms


class Everything(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op de brief.")
    year = forms.ChoiceField(label="Jaar", choices=[("2025", "2025"), ("2026", "2026")])
    note = forms.CharField(label="Notitie", widget=forms.Textarea(attrs={"class": "eigen-klasse"}))
    agree = forms.BooleanField(label="Ik bevestig de waarschuwingen")
    kind = forms.ChoiceField(label="Soort", choices=[("a", "stand"), ("b", "stroom")], widget=forms.RadioSelect)
    value = forms.IntegerField(label="Waarde")


def test_each_control_gets_its_utrecht_class_and_keeps_its_own():
    html = str(Everything())
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html
    assert 'class="utrecht-select utrecht-select--html-select"' in html
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea eigen-klasse"' in html
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in html
    assert html.count('class="utrecht-radio-button utrecht-radio-button--html-input"') == 2
    assert re.search(r'<input type="number" name="value"[^>]* class="utrecht-textbox utrecht-textbox--html-input"',
                     html)  # fmt: skip


def test_a_field_is_a_utrecht_form_field_with_its_label_and_no_colon():
    html = str(Everything())
    assert '<label class="utrecht-form-label" for="id_name">Naam</label>' in html
    assert "Naam:" not in html and "Jaar:" not in html
    assert '<div class="utrecht-form-field__description utrecht-form-field-description" id="id_name_helptext">' in html
    assert 'aria-describedby="id_name_helptext"' in html
    # A checkbox stands before its label; radio buttons sit in a fieldset with a legend.
    assert html.index('id="id_agree"') < html.index('for="id_agree"')
    legend = "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"
    assert f'<legend class="{legend}">Soort</legend>' in html


def test_an_invalid_field_is_marked_invalid_and_its_error_is_next_to_it():
    form = Everything(data={"name": "", "year": "2025", "note": "x", "agree": "on", "kind": "a", "value": "veel"})
    html = str(form)
    assert "utrecht-form-field--invalid" in html
    assert 'class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--invalid"' in html
    error = re.search(r'<div class="[^"]*utrecht-form-field-error-message" id="id_value_error">([^<]*)</div>', html)
    assert error and error.group(1).strip()
    assert re.search(r'name="value"[^>]*aria-invalid="true"[^>]*aria-describedby="id_value_error"', html)
