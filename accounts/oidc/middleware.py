"""The re-check: a city account's session asks the provider again every OIDC_RECHECK_MINUTES.

mozilla-django-oidc's SessionRefresh sends the browser to the provider without a
prompt (prompt=none) on the first GET after the interval. The provider answers with
a fresh id_token, whose groups set the role again, or with an error, and then the
callback ends the session and takes the role away (views.Callback). Someone who
leaves the city is therefore out within the interval, in every session.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property
from mozilla_django_oidc.middleware import SessionRefresh


class RecheckCityAccount(SessionRefresh):
    def is_refreshable_url(self, request):
        return settings.OIDC_ENABLED and super().is_refreshable_url(request)

    @cached_property
    def exempt_urls(self):
        return {reverse(name) for name in ("oidc_authentication_init", "oidc_authentication_callback", "logout")}
