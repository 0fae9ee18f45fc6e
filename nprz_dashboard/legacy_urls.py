"""Keep old links working: query parameters once named in Dutch redirect to their English names.

Every page now names its parameters in English (?year=, ?version=, ?view=print,
...), as the URL contract's ?area= does; a bookmark or a link in a mailed report
with the old names gets a permanent redirect to the same page.
"""

from django.http import HttpResponsePermanentRedirect, QueryDict

from nprz_dashboard.redirects import same_site_path

RENAMED = {
    "jaar": "year",
    "versie": "version",
    "weergave": "view",
    "sjabloon": "template",
    "maand": "month",
    "herzien": "revise",
    "sorteer": "sort",
    "maat": "measure",
    "gebied": "area",
    "van": "start",
    "tot": "end",
    "herkomst": "origin",
}
RENAMED_VALUES = {"view": {"afdrukken": "print"}}


def current_query(query: QueryDict) -> QueryDict:
    """Return the query with old parameter names and values replaced by the current ones."""
    renamed = QueryDict(mutable=True)
    for name, values in query.lists():
        new = RENAMED.get(name, name)
        renamed.setlist(new, [RENAMED_VALUES.get(new, {}).get(value, value) for value in values])
    return renamed


class LegacyParametersMiddleware:
    """Redirect a GET with an old parameter name to the same URL with the current names (on this site)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and any(name in RENAMED for name in request.GET):
            path = same_site_path(request.path)
            return HttpResponsePermanentRedirect(f"{path}?{current_query(request.GET).urlencode()}")
        return self.get_response(request)
