"""Middleware for logged-in use: nothing cached on the way, and sessions that end after idle hours.

- Every response that passes through Django (pages, exports, PDFs, errors) gets
  `Cache-Control: no-store` (Django's never-cache headers): figures, reports and
  exports must not stay behind in a shared browser cache or a proxy. Static files
  are served by WhiteNoise earlier in the chain and stay cacheable, as does a view
  that declares itself public (the favicon redirect).
- A session lives SESSION_COOKIE_AGE (8 hours) after the last activity, and the
  cookie ends when the browser closes (SESSION_EXPIRE_AT_BROWSER_CLOSE). Saving
  the session on every request would cost a database write per page; instead the
  last activity is stamped at most every REFRESH, so a session ends between 8 hours
  and 8 hours 5 minutes after the last click. The store expires it then (the
  database row, and the Redis copy with the same expiry); this middleware also
  logs out a session whose stamp is older than that, whatever kept it.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers

LAST_ACTIVITY = "laatste_activiteit"
REFRESH = 5 * 60  # seconds


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            last = request.session.get(LAST_ACTIVITY, 0)
            now = int(time.time())
            if last and now - last >= settings.SESSION_COOKIE_AGE:
                logout(request)  # idle longer than a session lives: the store should have dropped it already
            elif now - last >= REFRESH:
                request.session[LAST_ACTIVITY] = now  # saved by SessionMiddleware with a new expiry date
        response = self.get_response(request)
        if "public" not in response.get("Cache-Control", ""):  # a view that says public (the favicon) means it
            add_never_cache_headers(response)
        return response


@receiver(user_logged_in)
def stamp_login(sender, request, user, **kwargs):
    """Stamp the activity at login, which saves the session anyway."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = int(time.time())
