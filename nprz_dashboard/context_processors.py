"""Template context shared by every page."""

from django.contrib.auth.models import AnonymousUser

from .roles import EDITOR, MANAGER, VIEWER, has_role


def roles(request):
    """Tell templates what the current user may do (for the navigation)."""
    # An error page can be rendered before AuthenticationMiddleware ran (a disallowed Host
    # header is refused by CommonMiddleware): then nobody is logged in.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "can_view": has_role(user, VIEWER),
        "can_enter": has_role(user, EDITOR),
        "can_manage": has_role(user, MANAGER),
    }
