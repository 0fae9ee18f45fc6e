"""The role groups come from a migration: every database has them after `migrate`, with their admin permissions."""

import io

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from monitoring.setup.roles import setup_roles

FIGURE_WRITES = {"add_caseloadfigure", "change_caseloadfigure", "add_activityrecord", "change_activityrecord"}


def codenames(group: Group) -> set[str]:
    return set(group.permissions.values_list("codename", flat=True))


def roles() -> dict[str, set[str]]:
    return {g.name: codenames(g) for g in Group.objects.filter(name__in=["viewer", "editor", "manager"])}


def test_setting_the_roles_up_again_changes_nothing(db):
    before = roles()
    ids = dict(Group.objects.values_list("name", "id"))
    setup_roles()
    assert roles() == before
    assert dict(Group.objects.values_list("name", "id")) == ids


def test_the_migration_creates_the_three_role_groups_with_their_permissions(transactional_db):
    call_command("flush", interactive=False, verbosity=0)
    Group.objects.all().delete()
    Permission.objects.all().delete()  # the migration must make the permissions it gives, not find them
    call_command("migrate", "programme", "zero", verbosity=0, stdout=io.StringIO())
    assert not Group.objects.exists()
    call_command("migrate", "programme", verbosity=0, stdout=io.StringIO())
    groups = roles()
    assert set(groups) == {"viewer", "editor", "manager"}
    assert {"view_caseloadfigure", "view_activityrecord", "view_target", "view_changeevent"} <= groups["viewer"]
    assert all(c.startswith("view_") for c in groups["viewer"])
    assert groups["editor"] == groups["viewer"] | FIGURE_WRITES
    assert groups["manager"] == groups["editor"]
    assert not any(c.startswith("delete_") for c in groups["manager"])
