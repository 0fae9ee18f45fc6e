"""The rate limit per token (or per logged-in user for the browser): API_RATE_LIMIT requests, e.g. 120/min.

Counted per clock window by nprz_dashboard/counters.py: with REDIS_URL one atomic
Redis counter that every gunicorn worker shares, so exactly the limit gets through
in each window however many workers and parallel clients there are; without it
each worker counts for itself, so with WEB_CONCURRENCY workers a token can make up
to that many times the limit. The limit is against runaway scripts, not an access
control: tokens, roles and disclosure are that.
"""

from rest_framework.throttling import SimpleRateThrottle

from accounts.api_tokens import ApiToken
from nprz_dashboard import counters


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
        if request.user and request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None  # anonymous requests are refused (401) before they count

    def allow_request(self, request, view):
        """Count the request in its window; refuse it once the window holds more than the limit."""
        key = self.get_cache_key(request, view)
        if self.rate is None or key is None:
            return True
        self.hit = counters.hit(key, self.duration)
        return self.hit.count <= self.num_requests

    def wait(self):
        """Seconds until the window ends (Retry-After)."""
        return self.hit.seconds_left
