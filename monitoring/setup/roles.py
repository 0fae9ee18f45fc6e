"""Create the role groups with the model permissions each role needs.

The app's pages check roles, not model permissions; these only matter for a
user who is also given access to the Django admin. Every role may view. Editors
and managers may add and correct monthly figures there, which goes through the
same audited service as the entry form. Nobody may delete, and targets, periods,
annotations and reports change only on the app's own pages, where reasons,
sources and the period workflow are enforced.
"""

from django.contrib.auth.models import Group, Permission

from nprz_dashboard.roles import EDITOR, MANAGER, VIEWER

APPS = ["monitoring", "activities"]
FIGURE_MODELS = {"caseloadfigure", "activityrecord"}


def _codenames(actions, models=None):
    perms = Permission.objects.filter(content_type__app_label__in=APPS).select_related("content_type")
    wanted = [p for p in perms if p.codename.split("_", 1)[0] in actions]
    if models is not None:
        wanted = [p for p in wanted if p.content_type.model in models]
    return wanted


def setup_roles() -> dict[str, Group]:
    """Create or update the viewer, editor and manager groups."""
    viewer_perms = _codenames({"view"})
    editor_perms = viewer_perms + _codenames({"add", "change"}, FIGURE_MODELS)
    manager_perms = editor_perms
    groups = {}
    for name, perms in ((VIEWER, viewer_perms), (EDITOR, editor_perms), (MANAGER, manager_perms)):
        group, _ = Group.objects.get_or_create(name=name)
        current = set(group.permissions.values_list("id", flat=True))
        if current != {p.id for p in perms}:
            group.permissions.set(perms)
        groups[name] = group
    return groups
