"""The data version: one token that the database itself replaces on every write to the programme's data.

The page cache (page_cache.py) keys every page on it, so a write shows on the
next request in every worker process at once. Triggers bump it, not Python
code, so no write path can forget: the services, the admin, `seed_demo`,
`loaddata`, a bulk load or an operator's SQL all bump it, inside the write's own
transaction: a rolled-back write leaves it as it was, a committed one always
changed it. After every `migrate` (and `flush`), `install_triggers` puts a trigger
on each table of the apps in DATA_VERSION_APPS:

- PostgreSQL: one statement-level trigger per table (a COPY of a million rows
  bumps once);
- SQLite: a row-level trigger per table and event (SQLite has no other kind).

History tables are left out (simple-history writes them together with the row
they record), and so are the tables in DATA_VERSION_EXEMPT (settings).
"""

from __future__ import annotations

import secrets

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .models import DataVersion

TRIGGER = "data_version_bump"
EVENTS = ("INSERT", "UPDATE", "DELETE")


def new_token() -> str:
    return secrets.token_hex(16)


def current(using: str = DEFAULT_DB_ALIAS) -> str:
    """Return the data version as the database holds it now (1 query)."""
    token = DataVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).first()
    if token is None:  # the row was removed (`flush`, or by hand): a new one starts a fresh version
        DataVersion.objects.using(using).bulk_create([DataVersion(pk=1, token=new_token())], ignore_conflicts=True)
        token = DataVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).get()
    return token


def followed_models() -> list:
    """Return the models whose tables carry the trigger: the data apps' tables but history and exemptions."""
    exempt = set(settings.DATA_VERSION_EXEMPT)
    followed = []
    for label in settings.DATA_VERSION_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed or hasattr(model, "instance_type"):
                continue  # instance_type marks simple-history's models
            if model._meta.label not in exempt:
                followed.append(model)
    return followed


def followed_tables() -> set[str]:
    return {model._meta.db_table for model in followed_models()}


def install_triggers(using: str = DEFAULT_DB_ALIAS, **_) -> None:
    """Give every followed table its trigger and take it from any other; make sure the version row exists."""
    connection = connections[using]
    wanted = followed_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _install_postgresql(cursor, connection, wanted)
        else:
            _install_sqlite(cursor, connection, wanted)
    DataVersion.objects.using(using).bulk_create([DataVersion(pk=1, token=new_token())], ignore_conflicts=True)


def triggered_tables(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Return the tables that carry the trigger now (on SQLite: for each of the three events)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgresql_triggered(cursor)
        names: dict[str, set[str]] = {}
        for table, name in _sqlite_triggers(cursor):
            names.setdefault(table, set()).add(name)
        return {table for table, found in names.items() if found == {_sqlite_name(table, e) for e in EVENTS}}


# The table's name comes from the model's _meta, never from input.
_VERSION_TABLE = DataVersion._meta.db_table
_PG_BUMP = f"UPDATE {_VERSION_TABLE} SET token = replace(gen_random_uuid()::text, '-', '')"  # noqa: S608
SQLITE_BUMP = f"UPDATE {_VERSION_TABLE} SET token = lower(hex(randomblob(16)))"  # noqa: S608
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {_PG_BUMP};
  RETURN NULL;
END $$
"""


def _postgresql_triggered(cursor) -> set[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.tgname = %s AND n.nspname = current_schema()",
        [TRIGGER],
    )
    return {row[0] for row in cursor.fetchall()}


def _install_postgresql(cursor, connection, wanted: set[str]) -> None:
    cursor.execute(_PG_FUNCTION)
    present = _postgresql_triggered(cursor)
    quote = connection.ops.quote_name
    for table in sorted(wanted - present):
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
        )
    for table in sorted(present - wanted):
        cursor.execute(f"DROP TRIGGER {TRIGGER} ON {quote(table)}")


def _sqlite_triggers(cursor) -> list[tuple[str, str]]:
    cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{TRIGGER}%"])
    return cursor.fetchall()


def _sqlite_name(table: str, event: str) -> str:
    return f"{TRIGGER}_{table}_{event.lower()}"


def _install_sqlite(cursor, connection, wanted: set[str]) -> None:
    quote = connection.ops.quote_name
    for table, name in _sqlite_triggers(cursor):
        if table not in wanted:
            cursor.execute(f"DROP TRIGGER {quote(name)}")
    for table in sorted(wanted):
        for event in EVENTS:
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {quote(_sqlite_name(table, event))} AFTER {event} ON {quote(table)} "
                f"BEGIN {SQLITE_BUMP}; END"
            )
