"""Load many plain rows into one table fast: COPY on PostgreSQL, multi-row INSERTs on SQLite.

Two uses, one loader:

- `add_rows` keeps the table's indexes and checks; the one audited write path
  (programme.entry.writes.write_figures) uses it for new figures, their history
  rows and their audit rows, so a history import of 500.000 figures builds no
  model instance per row. It skips model save(): the caller does what the model
  needs (MonthlyValueQuerySet.create_rows).
- `insert_rows` is for synthetic data sets only (the bench, tests at scale). It
  writes no history rows and skips model save(): such data is not an audited
  write, so never use it for figures a user enters or imports.

For `insert_rows`, both databases build the table's indexes, unique constraints and foreign keys
after the load (PostgreSQL's advice for bulk loads): one sorted index build and
one validating join cost far less than an index entry and a key check per row,
which otherwise take most of the time at a million rows. Everything runs in one
transaction, so a failed load leaves the table as it was.
"""

import csv
import io
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.db import connection, transaction

from .data_version import SQLITE_BUMP

COPY_CHUNK = 100_000  # rows per COPY: bounds the memory of one buffer
NULL = "\\N"  # COPY's marker for NULL, so an empty field stays an empty string (a text of exactly \N would not)
SQLITE_ROWS_PER_INSERT = 500  # larger statements gain little and cost memory
SQLITE_LOAD_CACHE_KIB = 256 * 1024


def insert_rows(model, columns: list[str], rows: Iterable[tuple], shared: dict | None = None) -> int:
    """Insert `rows` (tuples in the order of `columns`) into the model's table; return how many.

    `shared` maps further columns to the one value every row gets, converted once
    instead of per row (a timestamp's text costs more than the rest of a row).
    The table's indexes and constraints are built after the load (synthetic data only).
    """
    with transaction.atomic(), _indexes_built_after(model._meta.db_table):
        return _load(model, columns, rows, shared)


def add_rows(model, columns: list[str], rows: Iterable[tuple], shared: dict | None = None) -> int:
    """Insert rows as insert_rows does, keeping the table's indexes and checks (for audited writes)."""
    with transaction.atomic():
        return _load(model, columns, rows, shared)


def next_ids(model, count: int) -> list[int]:
    """Reserve `count` new ids of the model's table, so rows that name them (history) can be written with them.

    Call it inside the write's transaction: on SQLite that transaction already holds
    the database's write lock, so nobody else takes the same ids.
    """
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
            )
            return [value for (value,) in cursor.fetchall()]
        # AUTOINCREMENT never hands out an id again, even a deleted one: start above its counter and the rows.
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608 (names from _meta)
            f"COALESCE((SELECT MAX({connection.ops.quote_name(pk)}) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        last = cursor.fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def _load(model, columns: list[str], rows: Iterable[tuple], shared: dict | None) -> int:
    shared = {name: model._meta.get_field(name).get_db_prep_value(v, connection) for name, v in (shared or {}).items()}
    table = model._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in [*columns, *shared])
    if connection.vendor == "postgresql":
        tail = tuple(NULL if value is None else str(value) for value in shared.values())
        copy = f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')"
        return _copy(copy, (row + tail for row in rows))
    tail = tuple(shared.values())
    return _insert_many(table, names, len(columns) + len(tail), (row + tail for row in rows))


def _copy(statement: str, rows: Iterable[tuple]) -> int:
    """Stream the rows as CSV (written by the csv module, in C), one COPY per chunk."""
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, COPY_CHUNK)):
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(_nulls_marked(chunk))
            buffer.seek(0)
            cursor.copy_expert(statement, buffer)  # psycopg2's cursor, through Django's wrapper
            count += len(chunk)
    return count


def _nulls_marked(rows: list[tuple]) -> Iterator[tuple]:
    for row in rows:
        yield tuple(NULL if value is None else value for value in row) if None in row else row


def _insert_many(table: str, names: str, width: int, rows: Iterable[tuple]) -> int:
    """Insert in statements of many rows each, within SQLite's limit on parameters."""
    connection.ensure_connection()
    raw = connection.connection  # the DB-API connection: the SQL keeps its ? marks, no rewriting per statement
    per_statement = max(1, min(SQLITE_ROWS_PER_INSERT, raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    row_marks = "(" + ", ".join(["?"] * width) + ")"
    count = 0
    iterator = iter(rows)
    while chunk := list(islice(iterator, per_statement)):
        values = ", ".join([row_marks] * len(chunk))
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES {values}"  # noqa: S608 (names from _meta)
        raw.execute(sql, [value for row in chunk for value in row])
        count += len(chunk)
    return count


@contextmanager
def _indexes_built_after(table: str):
    """Drop the table's indexes, unique constraints and foreign keys (not its primary key); build them after."""
    drop, build = _postgres_ddl(table) if connection.vendor == "postgresql" else _sqlite_ddl(table)
    with connection.cursor() as cursor:
        for statement in drop:
            cursor.execute(statement)
    yield
    with connection.cursor() as cursor:
        for statement in build:
            cursor.execute(statement)


def _postgres_ddl(table: str) -> tuple[list[str], list[str]]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
            [table],
        )
        constraints = cursor.fetchall()  # unique ones first: their indexes are built before the key checks
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = %s::regclass AND NOT indisprimary "
            "AND indexrelid NOT IN (SELECT conindid FROM pg_constraint)",
            [table],
        )
        indexes = cursor.fetchall()
    drop = ["SET CONSTRAINTS ALL IMMEDIATE"]  # ALTER TABLE refuses while key checks are pending
    drop += [f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}" for name, _ in constraints]
    drop += [f"DROP INDEX {quote(name)}" for name, _ in indexes]
    build = [definition for _, definition in indexes]
    build += [f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {sql}" for name, sql in constraints]
    build += ["SET CONSTRAINTS ALL DEFERRED"]  # Django's default again
    return drop, build


def _sqlite_ddl(table: str) -> tuple[list[str], list[str]]:
    # Unique constraints are indexes in SQLite; foreign keys are part of the table and are checked per row.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL", [table]
        )
        indexes = cursor.fetchall()
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        triggers = cursor.fetchall()
        cursor.execute("PRAGMA cache_size")
        cache_size = int(cursor.fetchone()[0])
    drop = [f"PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB}"]  # the index builds sort in memory
    drop += [f"DROP INDEX {connection.ops.quote_name(name)}" for name, _ in indexes]
    # The data version's row triggers would bump once per row (twice the load's time): off during
    # the load, bumped once after it, in the same transaction (PostgreSQL's fire once per COPY).
    drop += [f"DROP TRIGGER {connection.ops.quote_name(name)}" for name, _ in triggers]
    build = [sql for _, sql in indexes] + [sql for _, sql in triggers] + ([SQLITE_BUMP] if triggers else [])
    return drop, [*build, f"PRAGMA cache_size = {cache_size}"]
