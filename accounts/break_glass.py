"""Passwords when LOCAL_LOGIN=0: only for superusers, the technical administrator's break-glass login.

It takes ModelBackend's place in AUTHENTICATION_BACKENDS, after axes' backend, so
wrong passwords count towards the same lockouts. Anyone else's password is refused
as if it were wrong: the form tells nobody whether a password was right.
"""

import logging

from django.contrib.auth.backends import ModelBackend

log = logging.getLogger("accounts.break_glass")


class BreakGlassBackend(ModelBackend):
    def user_can_authenticate(self, user):
        # Also checked for every request of a session: a superuser who loses the flag is out at once.
        return super().user_can_authenticate(user) and user.is_superuser

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            log.warning("Break-glass sign-in with a password: user=%s", user.username)
        return user
