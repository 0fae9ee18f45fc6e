"""Load many plain rows into one table fast: COPY on PostgreSQL, multi-row INSERTs on SQLite.

For synthetic data sets only (the bench, tests at scale). It writes no history rows
and skips model save(): such data is not an audited write, so never use it for
figures a user enters or imports.
"""

import csv
import io
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.db import connection, transaction

COPY_CHUNK = 100_000  # rows per COPY: bounds the memory of one buffer
NULL = "\\N"  # COPY's marker for NULL, so an empty field stays an empty string (a text of exactly \N would not)
SQLITE_ROWS_PER_INSERT = 500  # larger statements gain little and cost memory


def insert_rows(model, columns: list[str], rows: Iterable[tuple], shared: dict | None = None) -> int:
    """Insert `rows` (tuples in the order of `columns`) into the model's table; return how many.

    `shared` maps further columns to the one value every row gets, converted once
    instead of per row (a timestamp's text costs more than the rest of a row).
    """
    shared = {name: model._meta.get_field(name).get_db_prep_value(v, connection) for name, v in (shared or {}).items()}
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in [*columns, *shared])
    if connection.vendor == "postgresql":
        tail = tuple(NULL if value is None else str(value) for value in shared.values())
        with transaction.atomic(), _keys_and_indexes_built_after(model._meta.db_table):
            copy = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')"
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


@contextmanager
def _keys_and_indexes_built_after(table: str):
    """Drop the table's foreign keys and plain indexes for the load, then build them again.

    PostgreSQL's advice for bulk loads: one index build and one validating join
    are far cheaper than an index entry and a key-check trigger per row, which
    otherwise take most of the time at a million rows. Unique indexes stay.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses while key checks are pending
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = %s::regclass AND NOT indisunique",
            [table],
        )
        indexes = cursor.fetchall()
        quoted = connection.ops.quote_name(table)
        for name, _ in keys:
            cursor.execute(f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _, definition in indexes:
            cursor.execute(definition)
        for name, definition in keys:
            cursor.execute(f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again


def _insert_many(table: str, names: str, width: int, rows: Iterable[tuple]) -> int:
    """Insert in statements of many rows each, within SQLite's limit on parameters."""
    row_marks = "(" + ", ".join(["%s"] * width) + ")"
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        per_statement = max(1, min(SQLITE_ROWS_PER_INSERT, limit // width))
        while chunk := list(islice(iterator, per_statement)):
            values = ", ".join([row_marks] * len(chunk))
            sql = f"INSERT INTO {table} ({names}) VALUES {values}"  # noqa: S608 (names from _meta)
            cursor.execute(sql, [value for row in chunk for value in row])
            count += len(chunk)
    return count
