"""The three roles (Django groups) and the checks views use.

Roles are nested: a manager may do everything an editor may, an editor
everything a viewer may. A superuser has every role.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

VIEWER = "viewer"
EDITOR = "editor"
MANAGER = "manager"
ROLES = [VIEWER, EDITOR, MANAGER]
ROLE_LABELS = {VIEWER: "lezer", EDITOR: "beheerder", MANAGER: "programmamanager"}


def role_names(user) -> set[str]:
    """Return the user's role groups, cached on the user for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_nprz_roles"):
        user._nprz_roles = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    return user._nprz_roles


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
