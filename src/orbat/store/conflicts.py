"""Writes that stay correct when several processes ingest into one database at once.

Two workers may store the same article or create the same event at the same moment. The
database's unique constraints decide who wins: ``INSERT … ON CONFLICT DO NOTHING`` (SQLite ≥ 3.24
and PostgreSQL both have it) inserts a row only when no equal one exists, and tells the loser
so, instead of failing its whole batch. On PostgreSQL two transactions that wait for each
other's rows deadlock; the server aborts one statement, and :func:`retrying` rolls back to a
savepoint and tries again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from orbat.errors import StoreError

__all__ = ["insert_unless_present", "retrying"]

T = TypeVar("T")

# SQLSTATEs PostgreSQL raises when it gives up one of two conflicting transactions.
_RETRYABLE = {"40P01", "40001"}  # deadlock detected, serialization failure
_ATTEMPTS = 5


def insert_unless_present(
    conn: Connection, table: Table, unique: Sequence[str], values: dict[str, Any]
) -> Any | None:
    """Insert ``values`` into ``table`` unless a row with equal ``unique`` columns exists.

    Returns the new row's primary key, or ``None`` when an equal row was already there (on
    PostgreSQL: or was being inserted by a transaction that has since committed).
    """
    statement = _insert_statement(conn.dialect.name, table, tuple(unique))
    if statement is None:  # other databases: a plain insert; a duplicate fails loudly
        result = conn.execute(table.insert(), values)
        key = result.inserted_primary_key
        return key[0] if key is not None else None
    row = conn.execute(statement, values).first()
    if row is None:
        return None
    return row[0] if len(row) == 1 else tuple(row)


@lru_cache(maxsize=64)
def _insert_statement(dialect: str, table: Table, unique: tuple[str, ...]) -> Any:
    """The INSERT … ON CONFLICT DO NOTHING RETURNING statement, built once per table."""
    if dialect == "postgresql":
        statement: Any = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:
        return None
    return statement.on_conflict_do_nothing(index_elements=list(unique)).returning(
        *table.primary_key.columns
    )


def retrying(conn: Connection, work: Callable[[], T]) -> T:
    """Run ``work`` in a savepoint; retry it when PostgreSQL aborts it to break a deadlock."""
    if conn.dialect.name != "postgresql":
        # SQLite writers hold the database's write lock for the whole transaction
        # (orbat.store.engine): they cannot deadlock, and a savepoint would only cost time.
        return work()
    for attempt in range(_ATTEMPTS):
        savepoint = conn.begin_nested()
        try:
            result = work()
        except DBAPIError as exc:
            savepoint.rollback()
            code = getattr(exc.orig, "sqlstate", None)
            if code not in _RETRYABLE or attempt == _ATTEMPTS - 1:
                if code in _RETRYABLE:
                    raise StoreError(
                        f"gave up after {_ATTEMPTS} attempts: concurrent writers kept "
                        f"conflicting ({exc.orig})"
                    ) from exc
                raise
            continue
        savepoint.commit()
        return result
    raise AssertionError("unreachable")
