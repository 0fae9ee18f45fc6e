"""Personal API tokens: a secret shown once, kept only as its SHA-256, with an expiry and a last-used stamp.

A token reads `wm_<prefix>_<secret>`. The prefix (8 characters, stored as is)
finds the row; the SHA-256 of the whole token proves it. The secret is 32
random bytes, so guessing is hopeless and a plain hash suffices: a slow
password hash would cost every API request without making a guess likelier.
Issuing and revoking go through `issue` and `revoke`, each one transaction
with its TokenEvent (who, when, which token), which is never changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from nprz_dashboard.models import AppendOnly

log = logging.getLogger(__name__)

SCHEME = "wm"
PREFIX_LENGTH = 8
SECRET_BYTES = 32
DEFAULT_DAYS = 90
DAY_CHOICES = [(30, "30 dagen"), (90, "90 dagen"), (180, "180 dagen"), (365, "een jaar")]
MAX_ACTIVE = 10  # per user: enough for every tool one analyst uses, few enough to keep track of
STAMP_EVERY = dt.timedelta(minutes=1)  # last-used is written at most this often: not a write per request


def digest(raw: str) -> str:
    """Return the SHA-256 (hex) a token is stored as."""
    return hashlib.sha256(raw.encode()).hexdigest()


def parse_prefix(raw: str) -> str | None:
    """Return the prefix of a token as typed, or None when it cannot be one of ours."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME or len(parts[1]) != PREFIX_LENGTH or not parts[2]:
        return None
    return parts[1]


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now: dt.datetime | None = None):
        """Return tokens that are neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def of_user(self, user):
        """Return a user's tokens, newest first."""
        return self.filter(user=user).order_by("-created_at", "-id")


class ApiToken(models.Model):
    """One personal API token of a user; the secret itself is never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("naam", max_length=100, help_text="Waarvoor je de sleutel gebruikt, bv. ‘Power BI’.")
    prefix = models.CharField("begin", max_length=PREFIX_LENGTH, unique=True)
    digest = models.CharField("controlegetal (SHA-256)", max_length=64)
    created_at = models.DateTimeField("gemaakt op", default=timezone.now)
    expires_at = models.DateTimeField("verloopt op")
    last_used_at = models.DateTimeField("laatst gebruikt op", null=True, blank=True)
    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingetrokken door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        app_label = "accounts"
        verbose_name = "API-sleutel"
        verbose_name_plural = "API-sleutels"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="api_token_expires_after_creation", condition=models.Q(expires_at__gt=models.F("created_at"))
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.display_prefix})"

    @property
    def display_prefix(self) -> str:
        return f"{SCHEME}_{self.prefix}_…"

    def state(self, now: dt.datetime | None = None) -> str:
        """Return 'actief', 'verlopen' or 'ingetrokken'."""
        if self.revoked_at is not None:
            return "ingetrokken"
        return "actief" if self.expires_at > (now or timezone.now()) else "verlopen"

    @property
    def is_active(self) -> bool:
        return self.state() == "actief"


class TokenAction(models.TextChoices):
    CREATED = "created", "gemaakt"
    REVOKED = "revoked", "ingetrokken"


class TokenEvent(AppendOnly):
    """The audit trail of API tokens: one row per creation or revocation, never changed or deleted.

    The token is kept by its plain id and prefix, as the figures' audit keeps a
    measure: the row stays when a token or its user is removed.
    """

    action = models.CharField("handeling", max_length=10, choices=TokenAction.choices)
    token_id = models.PositiveBigIntegerField("sleutel (id)")
    token_prefix = models.CharField("begin van de sleutel", max_length=PREFIX_LENGTH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="van", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("op", default=timezone.now)

    class Meta:
        app_label = "accounts"
        verbose_name = "wijziging API-sleutel"
        verbose_name_plural = "wijzigingen API-sleutels"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {SCHEME}_{self.token_prefix}_… op {self.at:%Y-%m-%d %H:%M}"


class TooManyTokens(Exception):
    """The user already has MAX_ACTIVE active tokens."""


def issue(user, name: str, days: int = DEFAULT_DAYS) -> tuple[ApiToken, str]:
    """Create a token for the user, audited; return it and the full token text (shown once, never stored)."""
    with transaction.atomic():
        if ApiToken.objects.filter(user=user).active().count() >= MAX_ACTIVE:
            raise TooManyTokens
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        raw = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
        now = timezone.now()
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            digest=digest(raw),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
        TokenEvent.objects.create(
            action=TokenAction.CREATED, token_id=token.pk, token_prefix=prefix, owner=user, actor=user, at=now
        )
    log.info("API token %s (id %s) created by %s, expires %s", prefix, token.pk, user.pk, token.expires_at.date())
    return token, raw


def revoke(token: ApiToken, by) -> bool:
    """Revoke a token, audited; return False when it was revoked already (nothing changes then)."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            return False
        now = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=now, revoked_by=by)
        TokenEvent.objects.create(
            action=TokenAction.REVOKED, token_id=token.pk, token_prefix=token.prefix, owner_id=token.user_id, actor=by,
            at=now,
        )  # fmt: skip
    token.revoked_at, token.revoked_by = now, by
    log.info("API token %s (id %s) revoked by %s", token.prefix, token.pk, getattr(by, "pk", None))
    return True


def authenticate(raw: str) -> ApiToken | None:
    """Return the active token (with its user) that `raw` is, or None (one query)."""
    prefix = parse_prefix(raw)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, digest(raw)):
        return None
    if not token.is_active or not token.user.is_active:
        return None
    return token


def stamp_use(token: ApiToken) -> None:
    """Record that the token was used now; written at most once a minute (one UPDATE when due)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= STAMP_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
