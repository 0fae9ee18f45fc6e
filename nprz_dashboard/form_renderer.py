"""Render every Django form with the NL Design System (Utrecht) components.

Widgets get the Utrecht class of their kind (textbox, select, textarea,
checkbox, radio button), with the invalid modifier when the field has an
error; a field renders as a Utrecht form field with its label (no colon),
description and error message (templates/forms/field.html). Pages that write
`{{ field.as_field_group }}` or `{{ field }}` get this without any classes of
their own.
"""

from django.forms.renderers import TemplatesSetting

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
# Classes by widget template; inputs not listed here (hidden, file) keep none.
WIDGET_CLASSES = {
    "django/forms/widgets/select.html": "utrecht-select utrecht-select--html-select",
    "django/forms/widgets/textarea.html": "utrecht-textarea utrecht-textarea--html-textarea",
    "django/forms/widgets/checkbox.html": "utrecht-checkbox utrecht-checkbox--html-input",
    **{
        f"django/forms/widgets/{name}.html": TEXTBOX
        for name in ("text", "number", "email", "password", "url", "search", "tel", "date", "time", "datetime")
    },
}
# Option classes of the widgets that render a list of inputs.
OPTION_CLASSES = {
    "django/forms/widgets/radio.html": "utrecht-radio-button utrecht-radio-button--html-input",
    "django/forms/widgets/checkbox_select.html": "utrecht-checkbox utrecht-checkbox--html-input",
}


def with_class(attrs: dict, classes: str, invalid: bool = False) -> dict:
    """Return the attrs with the Utrecht classes first (and their invalid modifier), their own classes kept."""
    names = classes.split()
    if invalid:
        names.append(f"{names[0]}--invalid")
    own = attrs.get("class", "").split()
    return {**attrs, "class": " ".join(dict.fromkeys([*names, *own]))}


class UtrechtFormRenderer(TemplatesSetting):
    """The project's form renderer: Utrecht form fields and controls, templates from settings.TEMPLATES."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is not None:
            invalid = widget["attrs"].get("aria-invalid") == "true"
            if template_name in WIDGET_CLASSES:
                widget["attrs"] = with_class(widget["attrs"], WIDGET_CLASSES[template_name], invalid)
            for _group, options, _index in widget.get("optgroups", []) if template_name in OPTION_CLASSES else []:
                for option in options:
                    option["attrs"] = with_class(option["attrs"], OPTION_CLASSES[template_name], invalid)
        return super().render(template_name, context, request)
