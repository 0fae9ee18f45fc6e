"""The sign-in pages: login (the city's button, passwords where allowed), the city's start and callback
(with the Dutch refusal page), and a logout that ends the provider's session too."""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backend import set_role

log = logging.getLogger("accounts.oidc")
CITY_BACKEND = "accounts.oidc.backend.CityAccountBackend"


class Login(LoginView):
    """/accounts/login/: the city's button, and the password form while LOCAL_LOGIN is on.

    /accounts/break-glass/ always has the password form; with LOCAL_LOGIN=0 only
    superusers get past it (accounts/break_glass.py).
    """

    redirect_authenticated_user = True
    break_glass = False

    def passwords_here(self) -> bool:
        return settings.LOCAL_LOGIN or self.break_glass

    def post(self, request, *args, **kwargs):
        if not self.passwords_here():
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            city_login=settings.OIDC_ENABLED and not self.break_glass,
            password_login=self.passwords_here(),
            break_glass=self.break_glass,
        )
        return context


class _OnlyWithCityLogin:
    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("Inloggen met de gemeente-account staat uit.")
        return super().dispatch(request, *args, **kwargs)


class Start(_OnlyWithCityLogin, OIDCAuthenticationRequestView):
    """Send the browser to the city's provider (/oidc/authenticate/?next=…)."""


class Callback(_OnlyWithCityLogin, OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back (/oidc/callback/), after a sign-in or a re-check."""

    def get(self, request):
        if (error := request.GET.get("error")) and request.user.is_authenticated:
            # A re-check the provider refused: the account is blocked, gone or signed out there.
            # Its role goes at once, also for the user's other sessions and API tokens; the next
            # sign-in that succeeds sets it again from the groups.
            set_role(request.user, None, f"de gemeente weigert de controle: {error}")
            log.warning("OIDC re-check refused: user=%s error=%s", request.user.username, error)
            self.recheck_refused = True
        try:
            return super().get(request)
        except requests.RequestException as exc:
            log.error("OIDC provider did not answer: %s", type(exc).__name__)
            return self._refuse("accounts/oidc_unavailable.html", 502)

    def login_failure(self):
        user = getattr(self, "user", None)
        if getattr(self.request, "city_login_refused", False) or (user is not None and not user.is_active):
            if user is not None and not user.is_active:
                log.warning("OIDC sign-in refused: user=%s is deactivated", user.username)
            return self._refuse("accounts/no_access.html", 403)
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        if getattr(self, "recheck_refused", False):
            text = "Je bent uitgelogd: de gemeente bevestigde je aanmelding niet meer. Log opnieuw in."
        else:
            text = "Inloggen met je gemeente-account is niet gelukt. Probeer het opnieuw."
        messages.error(self.request, text)
        return redirect("login")

    def _refuse(self, template: str, status: int):
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        context = {"page_title": "Geen toegang", "contact": settings.OIDC_ACCESS_CONTACT}
        return render(self.request, template, context, status=status)


start = login_not_required(Start.as_view())
callback = login_not_required(Callback.as_view())


@require_POST
def logout(request):
    """Log out; a session of a city account ends at the provider too, which then sends the browser back here."""
    target = resolve_url(settings.LOGOUT_REDIRECT_URL)
    session = request.session
    if settings.OIDC_OP_LOGOUT_ENDPOINT and session.get(auth.BACKEND_SESSION_KEY) == CITY_BACKEND:
        back = request.build_absolute_uri(target)
        params = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": back}
        if id_token := session.get("oidc_id_token"):
            params["id_token_hint"] = id_token
        target = f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(params)}"
        log.info("OIDC logout: user=%s, ending the provider's session too", request.user.username)
    auth.logout(request)
    return redirect(target)
