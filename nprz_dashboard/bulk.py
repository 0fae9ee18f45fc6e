"""Load many plain rows into one table fast: COPY on PostgreSQL, multi-row INSERTs on SQLite.

For synthetic data sets only (the bench, tests at scale). It writes no history rows
and skips model save(): such data is not an audited write, so never use it for
figures a user enters or imports.
"""

import io
import sqlite3
from collections.abc import Iterable
from itertools import islice

from django.db import connection

COPY_CHUNK = 100_000  # rows per COPY: bounds the memory of one text buffer
SQLITE_ROWS_PER_INSERT = 500  # larger statements gain little and cost memory


def insert_rows(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in the order of `columns`) into the model's table; return how many."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        return _copy(f"COPY {table} ({names}) FROM STDIN", rows)
    return _insert_many(table, names, len(columns), rows)


def _copy(statement: str, rows: Iterable[tuple]) -> int:
    """Stream the rows in PostgreSQL's text format, one COPY per chunk."""
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, COPY_CHUNK)):
            text = "".join("\t".join(map(_copy_value, row)) + "\n" for row in chunk)
            cursor.copy_expert(statement, io.StringIO(text))  # psycopg2 cursor through Django's wrapper
            count += len(chunk)
    return count


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    if any(c in text for c in "\\\t\n\r"):
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


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
