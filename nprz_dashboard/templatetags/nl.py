"""Template filters for Dutch figures: {{ value|nl_number }} and friends."""

from django import template

from nprz_dashboard import formatting

register = template.Library()


@register.filter
def nl_number(value, decimals=0):
    return formatting.format_number(value, int(decimals))


@register.filter
def nl_signed(value, decimals=0):
    return formatting.format_signed(value, int(decimals))


@register.filter
def nl_percent(value, decimals=0):
    return formatting.format_percent(value, int(decimals))


@register.filter
def nl_date(value):
    return formatting.format_date(value)


@register.filter
def nl_datetime(value):
    return formatting.format_datetime(value)


@register.filter
def nl_month(value):
    return formatting.format_month(value)


@register.filter
def nl_value(value, unit):
    return formatting.format_value(value, unit)
