"""{% data_stamp %}: the "Bijgewerkt op … door …" line of a data page (base.html shows it on every page)."""

from django import template

from nprz_dashboard.periods import Month
from programme.stamp import PAGE_SOURCES, last_change

register = template.Library()


@register.inclusion_tag("partials/stamp.html", takes_context=True)
def data_stamp(context):
    """Return the stamp of the current page's data; nothing on a page without data or on a published report."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    sources = PAGE_SOURCES.get(match.url_name if match else "")
    if not sources or not request.user.is_authenticated:
        return {"shown": False}
    if match.url_name == "report-detail" and not context.get("is_concept"):
        return {"shown": False}
    month = None
    if "month" in match.kwargs:
        try:
            month = Month.parse(match.kwargs["month"])
        except ValueError:
            return {"shown": False}
    return {"shown": True, "stamp": last_change(sources, month=month)}
