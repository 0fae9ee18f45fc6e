"""Reading the environment for settings.py: each helper refuses a value it can't read, naming the variable."""

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean variable; anything but a clear yes/no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def _env_number(name: str, default, read, what: str):
    """Return a variable read by `read` (int or float), the default when unset or empty; else an error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return read(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {what}, got {raw!r}") from None


def env_int(name: str, default: int) -> int:
    """Return an integer variable; non-numbers are an error."""
    return _env_number(name, default, int, "an integer")


def env_float(name: str, default: float) -> float:
    """Return a decimal-number variable (with a dot); anything else is an error."""
    return _env_number(name, default, float, "a number like 0.25")


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list variable without empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, default: str) -> str:
    """Return an http(s) address without its trailing slash; anything else is an error."""
    raw = os.environ.get(name, "").strip() or default
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{name} must be an address like https://host, got {raw!r}")
    return raw.rstrip("/")


def email_settings(url: str) -> dict:
    """Return Django's e-mail settings for an EMAIL_URL; anything unclear is an error."""
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    parts = urlsplit(url)
    if parts.scheme in backends:
        return {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL must look like smtp://user:password@host:587, got {parts.scheme}://…")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        # STARTTLS whenever a password is sent over plain SMTP
        "EMAIL_USE_TLS": parts.scheme == "smtp" and bool(parts.password),
    }


# The endpoints of the city's OpenID Connect provider: every one needed to sign in, the last two optional.
_OIDC_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": True,
    "OIDC_OP_TOKEN_ENDPOINT": True,
    "OIDC_OP_JWKS_ENDPOINT": True,
    "OIDC_OP_USER_ENDPOINT": False,  # extra claims (e-mail, name); Entra ID's id_token holds them already
    "OIDC_OP_LOGOUT_ENDPOINT": False,  # the provider's end_session_endpoint: logging out ends its session too
}
OIDC_ROLE_VARIABLES = {"viewer": "OIDC_GROUPS_VIEWER", "editor": "OIDC_GROUPS_EDITOR", "manager": "OIDC_GROUPS_MANAGER"}


def _provider_url(name: str) -> str:
    """Return an https address of the sign-in provider, as written (plain http only on this machine, for tests).

    Not env_url: an issuer is compared character for character, trailing slash included.
    """
    value = os.environ.get(name, "").strip()
    parts = urlsplit(value)
    local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
    if value and not ((parts.scheme == "https" and parts.hostname) or local):
        raise ImproperlyConfigured(f"{name} must be an https:// address, got {value!r}")
    return value


def oidc_settings() -> dict:
    """Return mozilla-django-oidc's settings from the OIDC_* variables; OIDC_ENABLED is False without them.

    Sign-in with the city's account is on when OIDC_RP_CLIENT_ID is set; then the
    issuer, the secret, the required endpoints and at least one role's groups must
    be set too, or the app refuses to start, naming what is missing.
    """
    client_id = os.environ.get("OIDC_RP_CLIENT_ID", "").strip()
    issuer = _provider_url("OIDC_ISSUER")
    endpoints = {name: _provider_url(name) for name in _OIDC_ENDPOINTS}
    groups = {role: env_list(variable, []) for role, variable in OIDC_ROLE_VARIABLES.items()}
    algorithm = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256").strip()
    if algorithm[:2] not in ("RS", "ES", "PS") or algorithm[2:] not in ("256", "384", "512"):
        raise ImproperlyConfigured(f"OIDC_RP_SIGN_ALGO must be an asymmetric algorithm like RS256, got {algorithm!r}")
    scopes = os.environ.get("OIDC_RP_SCOPES", "openid email profile").strip()
    if "openid" not in scopes.split():
        raise ImproperlyConfigured(f"OIDC_RP_SCOPES must include openid, got {scopes!r}")
    recheck_minutes = env_int("OIDC_RECHECK_MINUTES", 15)
    if recheck_minutes < 1:
        raise ImproperlyConfigured(f"OIDC_RECHECK_MINUTES must be 1 or more, got {recheck_minutes}")
    enabled = bool(client_id)
    if enabled:
        endpoints_needed = [name for name, required in _OIDC_ENDPOINTS.items() if required]
        needed = ["OIDC_ISSUER", "OIDC_RP_CLIENT_SECRET", *endpoints_needed]
        missing = [name for name in needed if not os.environ.get(name, "").strip()]
        if not any(groups.values()):
            missing.append("one of " + ", ".join(OIDC_ROLE_VARIABLES.values()))
        if missing:
            raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set, so these are needed too: {', '.join(missing)}")
    return {
        "OIDC_ENABLED": enabled,
        "OIDC_ISSUER": issuer,
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": os.environ.get("OIDC_RP_CLIENT_SECRET", "").strip(),
        **endpoints,
        "OIDC_RP_SIGN_ALGO": algorithm,
        "OIDC_RP_SCOPES": scopes,
        "OIDC_GROUPS_CLAIM": os.environ.get("OIDC_GROUPS_CLAIM", "groups").strip(),
        "OIDC_ROLE_GROUPS": groups,
        # How often a signed-in user's account is checked with the provider again (a leaver is out after it).
        "OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS": recheck_minutes * 60,
        "OIDC_TIMEOUT": env_int("OIDC_TIMEOUT_SECONDS", 10),
        "OIDC_USE_PKCE": True,
        "OIDC_STORE_ID_TOKEN": True,  # the hint for the provider's logout
        "OIDC_CREATE_USER": True,
    }


def oidc_form_targets(oidc: dict) -> list[str]:
    """Return the origins besides our own that a form may lead to: the provider's, where logging out goes on.

    Browsers hold the redirect after the logout form to CSP's form-action.
    """
    endpoint = oidc.get("OIDC_OP_LOGOUT_ENDPOINT")
    if not endpoint:
        return []
    parts = urlsplit(endpoint)
    return [f"{parts.scheme}://{parts.netloc}"]
