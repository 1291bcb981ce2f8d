"""Open a database so that nothing done through it can change it (the web UI, `orbat.open`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, event

from orbat import settings
from orbat.store import open_engine

__all__ = ["make_read_only", "open_read_only"]


def make_read_only(engine: Engine) -> Engine:
    """Make every new connection of ``engine`` refuse writes, at the database level.

    The web routes only SELECT, but a bug (or a future route) must not be able to change the
    evidence: SQLite's ``query_only`` and PostgreSQL's read-only sessions make any write fail.
    Connections already pooled are dropped so none escapes the setting.

    A SQLite file is also opened read-only (``mode=ro``), so even a connection whose
    ``query_only`` was turned off (a future bug, an injected statement) cannot write to it.
    """
    engine.dispose()
    if engine.dialect.name == "sqlite":
        event.listen(engine, "do_connect", _sqlite_open_read_only)
        event.listen(engine, "connect", _sqlite_query_only)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgres_read_only)
    return engine


def open_read_only(db: str | None) -> Engine:
    """The database ``--db`` names (never created; schema brought up to date), read-only."""
    return make_read_only(open_engine(settings.get("db", db), create=False))


def _sqlite_open_read_only(
    _dialect: object, _record: object, cargs: list[Any], cparams: dict[str, Any]
) -> None:
    """Open a SQLite file through a ``mode=ro`` URI (whatever mode a URI given asked for)."""
    database = str(cargs[0]) if cargs else ""
    if cparams.get("uri"):
        path, _, query = database.partition("?")
        params = [p for p in query.split("&") if p and not p.startswith("mode=")]
        cargs[0] = path + "?" + "&".join([*params, "mode=ro"])
    elif database and database != ":memory:":
        # A URI, so that SQLite takes the mode; "?", "#" and "%" in the path are escaped.
        cargs[0] = f"file:{quote(database)}?mode=ro"
        cparams["uri"] = True


def _sqlite_query_only(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def _postgres_read_only(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_connection.commit()
