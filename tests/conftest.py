"""The shared test world: the seeded programme data and one user per role."""

import io
import os
import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from nprz_dashboard.periods import Month

# Every test sees the same data: the letter's figures plus demo data up to
# October 2026, the last complete month on the project's reference day.
SEED_UNTIL = "2026-10"
LAST_MONTH = Month(2026, 10)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the test database once per worker; each test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("seed_demo", until=SEED_UNTIL, no_users=True, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def seeded_again_after_a_flush(request):
    """Seed again where a transactional test (a browser test, a live server) emptied the worker's database.

    pytest-django runs those after the others, but xdist's group scheduling may still hand a worker an
    ordinary test after one: it would find no areas. Autouse fixtures run before `db` opens the test's
    transaction, so the seed is committed once, as at the session's start.
    """
    names = request.fixturenames
    if "db" not in names or "transactional_db" in names or "live_server" in names:
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    from monitoring.models import Area

    with blocker.unblock():
        if not Area.objects.exists():
            call_command("seed_demo", until=SEED_UNTIL, no_users=True, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def page_cache_of_its_own(settings):
    """Each test starts with an empty page cache: a key prefix of its own (per worker, on a shared Redis too)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    prefix = f"{settings.CACHES['default']['KEY_PREFIX']}-test-{worker}-{uuid.uuid4().hex[:12]}"
    # Short-lived: what a test kept is never read again.
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": prefix, "TIMEOUT": 300}}


@pytest.fixture(autouse=True)
def sessions_and_roles_from_the_database(settings):
    """The suite's pinned query counts hold a logged-in request's session and role queries, with or without
    REDIS_URL; tests/accounts/test_sessions_and_roles_in_redis.py turns on what production does with Redis."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.ROLES_IN_CACHE = False


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def pdf_locks_in_tmp(settings, tmp_path_factory):
    """Keep the PDF render locks of tests out of the project's var/."""
    settings.PDF_LOCK_DIR = tmp_path_factory.mktemp("pdf-locks")


@pytest.fixture(autouse=True)
def pdfs_in_process(settings):
    """Print report PDFs in the test's own process, also where REDIS_URL is set (tests/reports/test_pdf_worker.py
    starts a real worker)."""
    settings.PDF_QUEUE = ""


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """Freeze 'today' at 27 November 2026, so October 2026 is the last complete month."""
    import datetime as dt

    from nprz_dashboard import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 11, 27))


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password="correct-horse-battery")
    if role:
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    return user


@pytest.fixture
def viewer(db):
    return make_user("wethouder", "viewer")


@pytest.fixture
def editor(db):
    return make_user("beheerder", "editor")


@pytest.fixture
def manager(db):
    return make_user("programmamanager", "manager")


@pytest.fixture
def outsider(db):
    """A logged-in user without any role."""
    return make_user("buitenstaander", None)


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def runs_on_postgres() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def pytest_report_header(config):
    if runs_on_postgres():
        return "database: PostgreSQL; the PostgreSQL-only tests (marked postgres) run"
    return "database: SQLite; the PostgreSQL-only tests (marked postgres) are deselected: make test-postgres runs them"


def pytest_collection_modifyitems(config, items):
    """Deselect the PostgreSQL-only tests (marked `postgres`) on SQLite, visibly: they run in `make test-postgres`."""
    if runs_on_postgres():
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
