"""Forget a user's kept roles (roles.py) the moment their groups change, so a role change counts at once.

Connected in apps.py. Every way Django changes who holds a role ends here:
adding or removing groups from either side (user.groups, group.user_set,
set/clear included: the city sign-in's set_role, the admin), renaming or
deleting a group, deleting a user. Only a change made past Django (SQL by
hand) waits for roles.ROLES_SECONDS.
"""

from __future__ import annotations

import contextlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from redis.exceptions import RedisError

from .roles import FORGOTTEN, roles_key, shares_roles

FORGET_SECONDS = 90  # longer than a request may take (gunicorn.conf.py: timeout 60)
PENDING = "_nprz_role_users"  # the users of a group, noted before the group's members are cleared or it is deleted


def forget(user_ids) -> None:
    """Forget the kept roles of these users, now and again when the change commits.

    Their keys hold FORGOTTEN for FORGET_SECONDS, longer than a request may take
    (gunicorn's timeout): a request that read the old groups while the change was
    under way adds its roles only to an empty key, so it can't keep them.
    """
    keys = [roles_key(user_id) for user_id in user_ids]
    if not keys or not shares_roles():
        return

    def mark():
        with contextlib.suppress(RedisError):  # unreachable Redis: the kept roles expire within ROLES_SECONDS
            cache.set_many(dict.fromkeys(keys, FORGOTTEN), FORGET_SECONDS)

    mark()
    transaction.on_commit(mark)


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:  # group.user_set.clear(): note who loses the group
        setattr(instance, PENDING, list(instance.user_set.values_list("pk", flat=True)))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # user.groups.add/remove/clear: one user
        forget([instance.pk])
    elif action == "post_clear":
        forget(getattr(instance, PENDING, []))
    else:  # group.user_set.add/remove: the users in pk_set
        forget(pk_set or [])


def group_saved(sender, instance, created, **kwargs):
    if not created:  # a renamed group may make or unmake a role
        forget(instance.user_set.values_list("pk", flat=True))


def group_deleting(sender, instance, **kwargs):
    setattr(instance, PENDING, list(instance.user_set.values_list("pk", flat=True)))


def group_deleted(sender, instance, **kwargs):
    forget(getattr(instance, PENDING, []))


def user_deleted(sender, instance, **kwargs):
    forget([instance.pk])


def connect() -> None:
    user_model = get_user_model()
    m2m_changed.connect(groups_changed, sender=user_model.groups.through, dispatch_uid="nprz_roles_groups")
    post_save.connect(group_saved, sender=Group, dispatch_uid="nprz_roles_group_saved")
    pre_delete.connect(group_deleting, sender=Group, dispatch_uid="nprz_roles_group_deleting")
    post_delete.connect(group_deleted, sender=Group, dispatch_uid="nprz_roles_group_deleted")
    post_delete.connect(user_deleted, sender=user_model, dispatch_uid="nprz_roles_user_deleted")
