"""The rate limit per token (or per logged-in user for the browser): API_RATE_LIMIT requests, e.g. 120/min.

The counts live in Django's default cache. With REDIS_URL that is Redis, shared
by every gunicorn worker, and the limit is exact; without it each worker keeps
its own local-memory cache and counts for itself, so with WEB_CONCURRENCY
workers a token can make up to that many times the limit before every worker
refuses it. The limit
is against runaway scripts, not an access control: tokens, roles and disclosure
are that.
"""

from rest_framework.throttling import SimpleRateThrottle

from accounts.api_tokens import ApiToken


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
        if request.user and request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None  # anonymous requests are refused (401) before they count
