"""Who the city's provider says you are, and the one role the city's groups give you.

The role is set again at every sign-in and every re-check (middleware.py): a
changed group changes it, and a user in none of the mapped groups keeps no role
and gets no session. Each sign-in, refusal and role change is logged.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from nprz_dashboard.roles import ROLES

from .models import CityAccount

log = logging.getLogger("accounts.oidc")
NO_ROLE = "geen"


def role_for(groups: list[str]) -> str | None:
    """Return the highest role whose configured groups the user is in, None when in none."""
    mapped = settings.OIDC_ROLE_GROUPS
    return next((role for role in reversed(ROLES) if set(groups) & set(mapped.get(role, []))), None)


def set_role(user, role: str | None, reason: str) -> None:
    """Give the user exactly this role group (or none), leaving other groups alone; log a change."""
    held = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    wanted = {role} if role else set()
    if held == wanted:
        return
    with transaction.atomic():
        user.groups.remove(*Group.objects.filter(name__in=held - wanted))
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
    log.warning(
        "Role changed: user=%s from=%s to=%s reason=%r",
        user.username,
        ",".join(sorted(held)) or NO_ROLE,
        role or NO_ROLE,
        reason,
    )


def _groups(claims: dict) -> list[str]:
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    return [value] if isinstance(value, str) else [str(group) for group in value]


class CityAccountBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow; users matched on issuer and subject, roles from group claims."""

    def authenticate(self, request, **kwargs):
        # Only the callback passes a nonce: a password login never reaches the provider.
        if not settings.OIDC_ENABLED or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        # Switching sign-in with the city off ends the sessions it made.
        return super().get_user(user_id) if settings.OIDC_ENABLED else None

    def verify_token(self, token, **kwargs):
        """Check the signature and nonce (the library), then the issuer and audience it leaves out."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.OIDC_ISSUER or self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The id_token was issued by another provider or for another client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """Return the id_token's claims and what the userinfo endpoint adds (Entra ID puts groups in the token only)."""
        if not self.OIDC_OP_USER_ENDPOINT:
            return dict(payload)
        extra = super().get_userinfo(access_token, id_token, payload)
        if extra.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo endpoint answered for another subject")
        return {**extra, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        subject = claims.get("sub")
        if not subject:
            raise SuspiciousOperation("The provider sent no subject")
        user = (
            get_user_model()
            .objects.filter(city_account__issuer=settings.OIDC_ISSUER, city_account__subject=subject)
            .first()
        )
        groups = _groups(claims)
        role = role_for(groups)
        if role is None:
            if user is not None:
                set_role(user, None, "in geen gekoppelde groep van de gemeente")
            self.request.city_login_refused = True
            overage = settings.OIDC_GROUPS_CLAIM in claims.get("_claim_names", {})
            log.warning(
                "OIDC sign-in refused: no mapped group: sub=%s user=%s groups=%s%s",
                subject,
                user.username if user else "-",
                groups,
                " (too many groups for the token: assign groups to the application)" if overage else "",
            )
            return None
        with transaction.atomic():
            if user is None:
                user = self._create(subject, claims)
            self._update(user, claims)
            set_role(user, role, "groepen van de gemeente bij inloggen")
        log.info("OIDC sign-in: user=%s sub=%s role=%s", user.username, subject, role)
        return user

    def _create(self, subject: str, claims: dict):
        User = get_user_model()
        name = (claims.get("preferred_username") or claims.get("email") or subject)[:120]
        if User.objects.filter(username=name).exists():  # a local account keeps its name
            name = f"{name}-{hashlib.sha256(subject.encode()).hexdigest()[:8]}"
        user = User.objects.create_user(name)  # no usable password: this account signs in at the city only
        CityAccount.objects.create(user=user, issuer=settings.OIDC_ISSUER, subject=subject)
        log.warning("OIDC account created: user=%s sub=%s", user.username, subject)
        return user

    def _update(self, user, claims: dict) -> None:
        """Keep name and e-mail as the city has them (the reminders use the address)."""
        user.first_name = (claims.get("given_name") or claims.get("name") or "")[:150]
        user.last_name = (claims.get("family_name") or "")[:150]
        user.email = claims.get("email") or user.email
        user.save(update_fields=["first_name", "last_name", "email"])
