"""With Redis, a logged-in request reads its session and its roles from there (issue 23), and nothing else changes.

Production turns both on with REDIS_URL (settings.py: SESSION_ENGINE cached_db, ROLES_IN_CACHE);
the rest of the suite reads them from the database so its pinned query counts hold either way.
Here the test's cache (Redis under REDIS_URL, else this process's memory) stands in for Redis.
The promises: a warm page costs two queries instead of four, a session still ends after eight
idle hours, and a role given or taken away counts from the very next request.
"""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from nprz_dashboard import roles
from nprz_dashboard.middleware import LAST_ACTIVITY
from tests.helpers import WARM_PAGE_QUERIES

CACHED_DB = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def with_redis(settings):
    settings.SESSION_ENGINE = CACHED_DB
    settings.ROLES_IN_CACHE = True


def settled(user):
    """Let the time pass after the user's groups were set up (role_cache.FORGET_SECONDS): roles may be kept again."""
    cache.delete(roles.roles_key(user.pk))


@pytest.fixture
def reader(with_redis, viewer):
    settled(viewer)
    client = Client()
    assert client.post("/accounts/login/", {"username": "wethouder", "password": "correct-horse-battery"}).status_code
    return client


def test_a_warm_page_needs_only_the_user_and_the_data_version(reader, django_assert_num_queries):
    reader.get("/")  # the page, and the session and roles kept
    # 1 the user (its password hash checks the session), 2 the data version (the page cache's key).
    with django_assert_num_queries(WARM_PAGE_QUERIES - 2):
        response = reader.get("/")
    assert response.status_code == 200 and response["Server-Timing"] == 'page;desc="hit"'


def test_the_session_is_kept_in_the_database_too_with_the_same_eight_hour_expiry(reader):
    key = reader.session.session_key
    row = Session.objects.get(session_key=key)
    remaining = (row.expire_date - row.expire_date.now(row.expire_date.tzinfo)).total_seconds()
    assert 8 * 3600 - 60 < remaining <= 8 * 3600
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is not None


def test_after_eight_idle_hours_the_reader_has_to_log_in_again_whatever_store_kept_the_session(reader):
    stored = reader.session
    stored[LAST_ACTIVITY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    stored.save()  # as if Redis had kept it past its expiry
    response = reader.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Session.objects.filter(session_key=stored.session_key).exists()  # logged out: gone everywhere


def test_when_redis_forgets_a_session_the_database_still_knows_it(reader):
    cache.delete(f"django.contrib.sessions.cached_db{reader.session.session_key}")
    assert reader.get("/").status_code == 200


def test_a_logout_ends_the_session_in_redis_as_well(reader):
    key = reader.session.session_key
    reader.post("/accounts/logout/")
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is None
    fresh = Client()
    fresh.cookies[settings.SESSION_COOKIE_NAME] = key
    assert fresh.get("/").status_code == 302


@pytest.mark.parametrize("how", ["user.groups.remove", "group.user_set.remove", "group.user_set.clear", "set_role"])
def test_a_role_taken_away_counts_from_the_next_request(with_redis, manager, how):
    settled(manager)
    client = Client()
    client.force_login(manager)
    assert client.get("/entry/").status_code == 200  # the manager's roles now kept in the cache
    assert cache.get(roles.roles_key(manager.pk)) == ["manager"]
    group = Group.objects.get(name="manager")
    if how == "user.groups.remove":
        manager.groups.remove(group)
    elif how == "group.user_set.remove":
        group.user_set.remove(manager)
    elif how == "group.user_set.clear":
        group.user_set.clear()
    else:
        from accounts.oidc.backend import set_role

        set_role(manager, None, "test: left the city")
    assert client.get("/entry/").status_code == 403


def test_a_role_given_counts_from_the_next_request(with_redis, viewer):
    settled(viewer)
    client = Client()
    client.force_login(viewer)
    assert client.get("/entry/").status_code == 403
    viewer.groups.add(Group.objects.get_or_create(name="editor")[0])
    assert client.get("/entry/").status_code == 200


def test_a_renamed_or_deleted_role_group_counts_from_the_next_request(with_redis, editor):
    settled(editor)
    client = Client()
    client.force_login(editor)
    assert client.get("/entry/").status_code == 200
    assert cache.get(roles.roles_key(editor.pk)) == ["editor"]
    group = Group.objects.get(name="editor")
    group.name = "editor-old"
    group.save()
    assert client.get("/entry/").status_code == 403
    group.name = "editor"
    group.save()
    assert client.get("/entry/").status_code == 200
    group.delete()
    assert client.get("/entry/").status_code == 403


def test_roles_read_while_a_change_was_under_way_are_not_kept_after_it(with_redis, manager):
    """A request that read the old groups before a change committed adds them only to an empty key."""
    old = roles._roles_of(manager)  # read, not yet kept: as a request in another worker, mid-change
    cache.delete(roles.roles_key(manager.pk))
    manager.groups.clear()  # forgets: the key now says so for a while
    assert not cache.add(roles.roles_key(manager.pk), sorted(old), roles.ROLES_SECONDS)
    fresh = type(manager).objects.get(pk=manager.pk)
    assert roles.role_names(fresh) == set()


def test_without_redis_roles_are_read_every_request(viewer, django_assert_num_queries, settings):
    settings.ROLES_IN_CACHE = False
    fresh = type(viewer).objects.get(pk=viewer.pk)
    with django_assert_num_queries(1):
        assert roles.role_names(fresh) == {"viewer"}
    assert cache.get(roles.roles_key(viewer.pk)) is None
