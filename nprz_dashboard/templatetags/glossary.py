"""{% term "naar-rato" %}: a term on a page, linked to its explanation at /begrippen/."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from nprz_dashboard.glossary import BY_SLUG

register = template.Library()


@register.simple_tag
def term(slug: str, text: str = ""):
    """Return a link to the glossary entry `slug`, showing `text` or the term itself; an unknown slug is an error."""
    if slug not in BY_SLUG:
        raise template.TemplateSyntaxError(f"Unknown glossary term {slug!r} (see nprz_dashboard/glossary.py)")
    return format_html(
        '<a class="term-link" href="{}#{}">{}</a>', reverse("glossary"), slug, text or BY_SLUG[slug].label
    )


@register.simple_tag
def terms(*slugs: str):
    """Return a line 'Begrippen op deze pagina: …' linking each term to its explanation."""
    links = format_html_join(" · ", "{}", ((term(slug),) for slug in slugs))
    return format_html('<p class="page-terms">Begrippen op deze pagina: {}</p>', links)
