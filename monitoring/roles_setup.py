"""Create the role groups with model permissions that match what each role may do."""

from django.contrib.auth.models import Group, Permission

from nprz_dashboard.roles import EDITOR, MANAGER, VIEWER

APPS = ["monitoring", "activities"]
# Models an editor enters each month; a manager also owns targets and periods.
EDITOR_MODELS = {"caseloadfigure", "activityrecord", "reportingperiod"}


def _codenames(actions, models=None):
    perms = Permission.objects.filter(content_type__app_label__in=APPS)
    wanted = [p for p in perms if p.codename.split("_", 1)[0] in actions]
    if models is not None:
        wanted = [p for p in wanted if p.content_type.model in models]
    return wanted


def setup_roles() -> dict[str, Group]:
    """Create or update the viewer, editor and manager groups."""
    viewer_perms = _codenames({"view"})
    editor_perms = viewer_perms + _codenames({"add", "change"}, EDITOR_MODELS)
    manager_perms = viewer_perms + _codenames({"add", "change", "delete"})
    groups = {}
    for name, perms in ((VIEWER, viewer_perms), (EDITOR, editor_perms), (MANAGER, manager_perms)):
        group, _ = Group.objects.get_or_create(name=name)
        current = set(group.permissions.values_list("id", flat=True))
        if current != {p.id for p in perms}:
            group.permissions.set(perms)
        groups[name] = group
    return groups
