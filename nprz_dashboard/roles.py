"""The three roles (Django groups) and the checks views use.

Roles are nested: a manager may do everything an editor may, an editor
everything a viewer may. A superuser has every role.
"""

import contextlib
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied

VIEWER = "viewer"
EDITOR = "editor"
MANAGER = "manager"
ROLES = [VIEWER, EDITOR, MANAGER]
ROLE_LABELS = {VIEWER: "lezer", EDITOR: "beheerder", MANAGER: "programmamanager"}
# How long a user's roles stay in the shared cache at most: every change through Django
# (the admin, the city sign-in, a shell) forgets them at once (role_cache.py); this only
# bounds a change made past Django, in SQL.
ROLES_SECONDS = 5 * 60


def role_names(user) -> set[str]:
    """Return the user's role groups, kept on the user for the request.

    With Redis (ROLES_IN_CACHE) they are also kept there between requests, under the
    user's id, and forgotten whenever the user's groups change (role_cache.py):
    a logged-in request then needs no query for them, and a role taken away
    counts from the next request on, in every worker.
    """
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_nprz_roles"):
        user._nprz_roles = _roles_of(user)
    return user._nprz_roles


def roles_key(user_id) -> str:
    return f"roles:{user_id}"


# What a forgotten user's key holds for a while (role_cache.FORGET_SECONDS): no roles are kept
# under it, so a request that read the groups before a change committed can't put them back.
FORGOTTEN = "forgotten"


def shares_roles() -> bool:
    """Whether roles are kept between requests: only in a cache every worker shares (Redis: ROLES_IN_CACHE)."""
    return settings.ROLES_IN_CACHE


def _roles_of(user) -> set[str]:
    if not shares_roles():
        return set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    from django.core.cache import cache
    from redis.exceptions import RedisError

    key = roles_key(user.pk)
    try:
        kept = cache.get(key)
    except RedisError:
        kept = FORGOTTEN
    if isinstance(kept, list):
        return set(kept)
    roles = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    if kept is None:  # add, not set: a change that forgot this user in the meantime holds the key
        with contextlib.suppress(RedisError):
            cache.add(key, sorted(roles), ROLES_SECONDS)
    return roles


def has_role(user, role: str) -> bool:
    """Return whether the user holds `role` or a role above it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    held = role_names(user)
    return any(r in held for r in ROLES[ROLES.index(role) :])


def role_required(role: str):
    """Decorate a view so users without `role` get 403 (login is already required)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, role):
                raise PermissionDenied("Je hebt geen toegang tot deze pagina.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
