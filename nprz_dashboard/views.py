"""Views of the shared kernel: the health check and the favicon address browsers ask for."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Answer 'ok' when the app and its database respond, 503 when the database doesn't."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@cache_control(max_age=86400, public=True)
@require_GET
def favicon(request):
    """Send /favicon.ico (asked for by pages without our <link rel=icon>, such as the admin) to the SVG icon.

    A temporary redirect: the icon's hashed name changes when it does.
    """
    return HttpResponseRedirect(static("favicon.svg"))
