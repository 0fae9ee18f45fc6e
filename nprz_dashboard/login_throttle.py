"""Login throttling on top of django-axes: per username across addresses, and per address across usernames.

- A username is locked after AXES_FAILURE_LIMIT (5) wrong passwords, from any
  address, for AXES_COOLOFF_TIME (an hour); axes does this with
  AXES_LOCKOUT_PARAMETERS = ["username"].
- An address is throttled after LOGIN_ADDRESS_FAILURE_LIMIT (20) failures within
  LOGIN_ADDRESS_WINDOW_MINUTES (10), whatever usernames it tried (password
  spraying). axes has one failure limit for every parameter, so this handler
  adds the second rule itself, counting the same AccessAttempt rows axes keeps.

A manager lifts a block at /accounts/blokkades/; a superuser also in the admin
(Axes → Access attempts) or with `manage.py axes_reset_username <naam>` /
`manage.py axes_reset_ip <adres>`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

log = logging.getLogger(__name__)

USERNAME = "username"
ADDRESS = "address"


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_address(request) -> str | None:
    """Return the client's address: the socket peer, or behind our TLS proxy the address the proxy saw.

    Only with DJANGO_BEHIND_TLS_PROXY, and only when the request comes from the proxy
    on this machine, is X-Forwarded-For used, and then only its last entry: the one
    the proxy appended itself. Anything before it is what the client claimed.
    """
    peer = request.META.get("REMOTE_ADDR")
    if settings.BEHIND_TLS_PROXY and peer in ("127.0.0.1", "::1"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if _is_ip(forwarded):
            return forwarded
    return peer


def address_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_ADDRESS_WINDOW_MINUTES)


def address_failures(address: str | None) -> int:
    """Return the failures from one address within the window (every username and browser together)."""
    if not address:
        return 0
    since = timezone.now() - address_window()
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_is_throttled(address: str | None) -> bool:
    return address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler plus the per-address rule."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            request.login_block = USERNAME
            return True
        if address_is_throttled(request.axes_ip_address):
            request.login_block = ADDRESS
            return True
        return False

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        if request.axes_locked_out:
            request.login_block = getattr(request, "login_block", USERNAME)
        elif address_is_throttled(request.axes_ip_address):
            log.warning("Login throttled for address %s after repeated failures", request.axes_ip_address)
            request.axes_locked_out = True
            request.login_block = ADDRESS


def lockout_response(request, original_response=None, credentials=None):
    """Render the Dutch lockout page: which rule blocked the login and for how long."""
    block = getattr(request, "login_block", USERNAME)
    if block == ADDRESS:
        minutes = settings.LOGIN_ADDRESS_WINDOW_MINUTES
        limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    else:
        minutes = round(settings.AXES_COOLOFF_TIME * 60)
        limit = settings.AXES_FAILURE_LIMIT
    context = {
        "blocked_by": block,
        "username": get_client_username(request, credentials) or "",
        "failure_limit": limit,
        "minutes": minutes,
    }
    return render(request, "registration/lockout.html", context, status=429)


def blocked_usernames() -> list[dict]:
    """Return the usernames locked now, with their failures and last attempt (one query)."""
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username")
    )
    return list(rows)


def throttled_addresses() -> list[dict]:
    """Return the addresses throttled now, with their failures and last attempt (one query)."""
    since = timezone.now() - address_window()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.LOGIN_ADDRESS_FAILURE_LIMIT)
        .order_by("ip_address")
    )
    return list(rows)


def lift(*, username: str = "", address: str = "", by=None) -> int:
    """Remove the failures behind a block (of a username or an address); return how many records went."""
    from axes.utils import reset

    if username:
        count = reset(username=username)
    elif address:
        count = reset(ip=address)
    else:
        return 0
    log.warning("Login block lifted by %s: username=%r address=%r (%s records)", by, username, address, count)
    return count
