"""Read pages served from a cache that follows the data.

`cached_page` wraps a read view. The first request renders the page as usual;
base.html's `{% page_part %}` tags hand the rendered blocks (title, head, banner,
content, scripts) to this module, which keeps them in Django's cache (Redis when
REDIS_URL is set, else each process's memory). The next request with the same
key renders only base.html around them: the header with the user's name, the
logout form's CSRF token, the menu and any messages stay per request.

The key holds everything that changes the parts:
- the data version (data_version.py), which every committed write replaces;
- the audience: viewers (readers, with disclosure control), editors and managers
  never share a page;
- the current month from clock.today() and the disclosure threshold;
- the path and its sorted query (area, year, filters, sorting, page);
- this server's start, so a new release never serves what the old code rendered.

A part with a form that posts (a CSRF token) is never kept, nor is anything but
a 200 HTML page (exports, redirects, errors). An unreachable Redis makes pages
slower, never broken.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import zlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.safestring import mark_safe
from redis.exceptions import RedisError

from . import clock, data_version
from .roles import EDITOR, MANAGER, VIEWER, has_role

PARTS = ("title", "head", "banner", "content", "scripts")
COLLECTOR = "page_parts"  # the request attribute that {% page_part %} fills
# Made once when the app loads; gunicorn loads it in the master (preload_app), so its workers share it.
STARTED = secrets.token_hex(4)
CSRF_FIELD = "csrfmiddlewaretoken"

logger = logging.getLogger(__name__)


def audience(user) -> str | None:
    """Return the highest role of the user, which decides what a page shows them (None: no role)."""
    return next((role for role in (MANAGER, EDITOR, VIEWER) if has_role(user, role)), None)


def page_key(request, who: str, version: str) -> str:
    """Return the cache key of the page this request asks for, as `who` sees it at `version`."""
    query = urlencode(sorted((name, value) for name in request.GET for value in request.GET.getlist(name)))
    address = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
    month = clock.today().strftime("%Y-%m")
    return ":".join(["page", STARTED, version, who, month, str(settings.DISCLOSURE_THRESHOLD), address])


def cached_page(view):
    """Serve a read view's rendered parts from the cache; put role_required outside it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        who = audience(request.user)
        if request.method != "GET" or who is None or cache.default_timeout == 0:  # 0: the cache is off
            return view(request, *args, **kwargs)
        key = page_key(request, who, data_version.current())
        parts = _read(key)
        if parts is not None:
            response = render(request, "partials/cached_page.html", {"parts": parts})
            response["Server-Timing"] = 'page;desc="hit"'
            return response
        collected: dict[str, str] = {}
        setattr(request, COLLECTOR, collected)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()  # a TemplateResponse renders after the view returns; the parts are needed now
        if response.status_code == 200 and _keepable(collected):
            _write(key, collected)
            response["Server-Timing"] = 'page;desc="miss"'
        return response

    return wrapped


def _keepable(parts: dict[str, str]) -> bool:
    """Whether the parts are one whole page without a form that posts."""
    return set(parts) == set(PARTS) and not any(CSRF_FIELD in html for html in parts.values())


def _unavailable(error: RedisError) -> None:
    logger.warning(
        "page cache unavailable", extra={"fields": {"msg": "page cache unavailable", "error": type(error).__name__}}
    )


def _read(key: str) -> dict | None:
    try:
        packed = cache.get(key)
    except RedisError as error:
        _unavailable(error)
        return None
    if packed is None:
        return None
    return {name: mark_safe(html) for name, html in json.loads(zlib.decompress(packed)).items()}


def _write(key: str, parts: dict[str, str]) -> None:
    # Compressed: a page is 20-90 KB of HTML and a few KB packed, in Redis and in each worker's memory.
    packed = zlib.compress(json.dumps(parts).encode(), 1)
    try:
        cache.set(key, packed)
    except RedisError as error:
        _unavailable(error)
