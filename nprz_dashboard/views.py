"""Views of the shared kernel: the health check, the favicon address browsers ask for, and the login
blocks a manager can lift."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache

from . import login_throttle
from .glossary import TERMS
from .http_methods import form_page, probe, read_only_page
from .models import DemoState
from .roles import MANAGER, VIEWER, role_required


@login_not_required
@never_cache
@probe
def healthz(request):
    """Answer 'ok' when the app and its database respond, 503 when the database doesn't (to GET, HEAD, OPTIONS)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@cache_control(max_age=86400, public=True)
@read_only_page
def favicon(request):
    """Send /favicon.ico (asked for by pages without our <link rel=icon>, such as the admin) to the SVG icon.

    A temporary redirect: the icon's hashed name changes when it does.
    """
    return HttpResponseRedirect(static("favicon.svg"))


@role_required(MANAGER)
@form_page
def login_blocks(request):
    """List the usernames and addresses blocked by login throttling; lift one on request."""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        address = request.POST.get("address", "")[:45]
        if login_throttle.lift(username=username, address=address, by=request.user.get_username()):
            messages.success(request, f"De blokkade van {username or address} is opgeheven.")
        else:
            messages.info(request, "Er was geen blokkade om op te heffen.")
        return redirect("login-blocks")
    context = {
        "page_title": "Geblokkeerde aanmeldingen",
        "usernames": login_throttle.blocked_usernames(),
        "addresses": login_throttle.throttled_addresses(),
        "username_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        "address_minutes": settings.LOGIN_ADDRESS_WINDOW_MINUTES,
        "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }
    return render(request, "registration/login_blocks.html", context)


@role_required(VIEWER)
@read_only_page
def glossary(request):
    """Explain the terms the pages use (/begrippen/); pages link to an entry by its anchor.

    "demo" is explained on a demo database only: elsewhere no page shows demo values.
    """
    is_demo = DemoState.is_set()
    terms = [term for term in TERMS if is_demo or not term.demo_only]
    return render(request, "glossary.html", {"page_title": "Begrippen", "terms": terms})
