"""Who may read the API: every role (viewer and up), as for the pages; a user without a role gets 403."""

from rest_framework import permissions

from nprz_dashboard.roles import VIEWER, has_role


class HasRole(permissions.BasePermission):
    message = "Je hebt geen rol in de werkmonitor en dus geen toegang tot de cijfers. Vraag de technisch beheerder."

    def has_permission(self, request, view):
        return has_role(request.user, VIEWER)
