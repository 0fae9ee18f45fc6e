"""Who is asking: a personal API token (`Authorization: Bearer wm_…`); the browser uses its session (DRF's).

Tokens obey the login throttling's address rule (nprz_dashboard/login_throttle.py):
- every unknown, expired or revoked token counts as a failed login from its
  address (recorded by django-axes under the name TOKEN_USERNAME), so guessing
  tokens blocks the address after LOGIN_ADDRESS_FAILURE_LIMIT tries, and a
  manager sees and lifts it at /accounts/blokkades/;
- a blocked address is refused (429) even with a valid token: otherwise a 200
  among the 429s would tell a guesser which guess was right, and the block would
  not slow guessing down.
A username locked after wrong passwords does not switch off that user's tokens:
anyone who knows the username can cause that lock, and a token is a credential
of its own (32 random bytes, found by its own prefix, never by the username), so
the lock protects nothing a token could give away.
There is no password (basic) authentication on the API: it would be a way to
try passwords past the login page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from rest_framework import authentication, exceptions

from accounts import api_tokens
from nprz_dashboard import login_throttle

# Not a valid Django username (it has spaces), so no account can be locked by it.
TOKEN_USERNAME = "API-sleutel (ongeldig)"  # noqa: S105 - a name, not a password
KEYWORD = b"bearer"


class Blocked(exceptions.Throttled):
    is_login_block = True
    default_detail = "Aanmelden is tijdelijk geblokkeerd na te veel mislukte pogingen; probeer het later opnieuw."


def address_blocked() -> Blocked:
    """Return the 429 for a blocked address, with Retry-After set to the block's longest remaining time."""
    detail = (
        "Dit internetadres is tijdelijk geblokkeerd na te veel mislukte aanmeldingen. Een programmamanager kan "
        "de blokkade opheffen."
    )
    return Blocked(wait=settings.LOGIN_ADDRESS_WINDOW_MINUTES * 60, detail=detail)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate `Authorization: Bearer <token>` with a personal API token (accounts/api_tokens.py)."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD:
            return None
        http_request = request._request
        address = login_throttle.client_address(http_request)
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Zet na ‘Authorization: Bearer’ precies één API-sleutel, zonder spaties erin."
            )
        if login_throttle.address_is_throttled(address):
            raise address_blocked()
        token = api_tokens.authenticate(header[1].decode("latin-1"))
        if token is None:
            self.fail(http_request, address)
        api_tokens.stamp_use(token)
        return token.user, token

    def fail(self, http_request, address):
        """Refuse an unknown token: count it as a failed login from the address, then 401 (or 429 once blocked)."""
        user_login_failed.send(sender=__name__, credentials={"username": TOKEN_USERNAME}, request=http_request)
        # The API answers a block itself (JSON, 429): AxesMiddleware would put the HTML lockout page in its place.
        http_request.axes_locked_out = False
        if login_throttle.address_is_throttled(address):
            raise address_blocked()
        raise exceptions.AuthenticationFailed(
            "Deze API-sleutel is onbekend, verlopen of ingetrokken. Maak een nieuwe op je profielpagina (/profile/)."
        )

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
