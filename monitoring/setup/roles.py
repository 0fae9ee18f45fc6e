"""The role groups with the model permissions each role needs.

The groups come from a data migration (programme/migrations/0001_role_groups.py),
so every database has them after `migrate`; `seed_demo` calls `setup_roles`
again, which changes nothing when they are right.

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


def _permissions(permission_model, actions, models=None) -> list:
    perms = permission_model.objects.filter(content_type__app_label__in=APPS).select_related("content_type")
    wanted = [p for p in perms if p.codename.split("_", 1)[0] in actions]
    if models is not None:
        wanted = [p for p in wanted if p.content_type.model in models]
    return wanted


def setup_roles(group_model=Group, permission_model=Permission) -> dict[str, Group]:
    """Create or update the viewer, editor and manager groups (a migration passes its historical models)."""
    viewer_perms = _permissions(permission_model, {"view"})
    editor_perms = viewer_perms + _permissions(permission_model, {"add", "change"}, FIGURE_MODELS)
    manager_perms = editor_perms
    groups = {}
    for name, perms in ((VIEWER, viewer_perms), (EDITOR, editor_perms), (MANAGER, manager_perms)):
        group, _ = group_model.objects.get_or_create(name=name)
        current = set(group.permissions.values_list("id", flat=True))
        if current != {p.id for p in perms}:
            group.permissions.set(perms)
        groups[name] = group
    return groups
