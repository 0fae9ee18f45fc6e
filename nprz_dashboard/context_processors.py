"""Template context shared by every page."""

from .roles import EDITOR, MANAGER, VIEWER, has_role


def roles(request):
    """Tell templates what the current user may do (for the navigation)."""
    user = request.user
    return {
        "can_view": has_role(user, VIEWER),
        "can_enter": has_role(user, EDITOR),
        "can_manage": has_role(user, MANAGER),
    }
