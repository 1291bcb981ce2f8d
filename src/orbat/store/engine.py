"""Open a database by path or URL and bring its schema up to date."""

from __future__ import annotations

import os
import re
import weakref
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError

from orbat.errors import MissingExtra, StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = ["database_url", "migrate", "open_engine"]

_MIGRATIONS = str(Path(__file__).with_name("migrations"))

# Any constant works; it only has to be the same in every orbat process that migrates.
_MIGRATION_LOCK = 0x0B8A7


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: URLs pass through, anything else is a SQLite file path.

    ``postgresql://`` (and ``postgres://``) URLs get the psycopg 3 driver, the one orbat
    installs; SQLAlchemy's default for them is psycopg2.
    """
    if "://" in db:
        for scheme in ("postgresql://", "postgres://"):
            if db.startswith(scheme):
                return "postgresql+psycopg://" + db[len(scheme) :]
        return db
    if db == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def open_engine(db: str, *, create: bool = True) -> Engine:
    """An engine on ``db`` with its schema migrated to the newest revision.

    With ``create=False`` a SQLite file that does not exist yet is an error rather than
    silently created (read-only commands should not leave empty databases behind).

    An engine opened with ``create=True`` is a writer's: on SQLite each of its transactions
    takes the write lock when it begins (``BEGIN IMMEDIATE``), so several processes ingesting
    into one file take turns instead of failing when a transaction that has read tries to
    write after another process committed. PostgreSQL needs no such thing (row locks and
    ``ON CONFLICT``, see :mod:`orbat.store.documents` and :mod:`orbat.store.events`).
    """
    url = database_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{db!r} is neither a file path nor a database URL: {exc}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite" and parsed.database:
        path = Path(parsed.database)
        if not create and not path.exists():
            raise StoreError(f"no database at {path}; run `orbat ingest` first or pass --db")
        if not create and not _writable(path):
            return _open_unwritable(path)
        _make_room(path)
    try:
        engine = create_engine(url, future=True)
    except ImportError as exc:
        if backend == "postgresql":
            raise MissingExtra("psycopg", "a PostgreSQL database", extra="postgres") from None
        raise StoreError(f"no database driver for {db!r}: {exc}") from None
    # Close pooled connections when the engine goes away: callers (and tests) drop engines
    # without disposing them, and a psycopg connection left to the garbage collector warns.
    weakref.finalize(engine, engine.pool.dispose)
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        engine = engine.execution_options(orbat_write_lock=create)
    try:
        migrate(engine)
    except DatabaseError as exc:  # OperationalError, and "file is not a database"
        raise StoreError(
            f"cannot open database {db!r}: {exc.orig} (is it a file orbat made?)"
        ) from None
    return engine


def _make_room(path: Path) -> None:
    """Create the database's folder, or say in one line why it cannot be written there."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = f"{exc.filename} is a file" if isinstance(exc, FileExistsError) else exc.strerror
        raise StoreError(
            f"cannot create a database at {path}: {why}; pass --db a writable path"
        ) from None
    if not _writable(path) if path.exists() else not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"cannot write the database {path}: permission denied or read-only media; "
            "pass --db a writable path"
        )


def _writable(path: Path) -> bool:
    """Whether SQLite may write ``path`` and, for its -wal and -shm files, the folder."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_unwritable(path: Path) -> Engine:
    """A SQLite file this process cannot write (read-only media, a read-only share, another
    user's file), opened read-only and never migrated: its schema must be this orbat's.

    ``immutable=1`` tells SQLite the file cannot change, so it takes no lock and creates no
    -wal or -shm file (which the folder would refuse). A -wal file beside it holds committed
    pages that immutable would ignore; then the file is opened ``mode=ro`` instead.
    """
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    engine = create_engine(f"sqlite:///file:{quote(str(path))}?{mode}&uri=true", future=True)
    weakref.finalize(engine, engine.pool.dispose)
    event.listen(engine, "connect", _sqlite_read_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    head = _declared_head()
    try:
        current = _current_revision(engine)
    except DatabaseError as exc:
        raise StoreError(f"cannot open database {str(path)!r}: {exc.orig}") from None
    if current != head:
        raise StoreError(
            f"{path} cannot be written here (read-only media or permissions) and its schema "
            f"({current}) is older than this orbat's ({head}); copy it somewhere writable and "
            "run `orbat stats --db COPY` once to update it"
        )
    return engine


def _sqlite_read_pragmas(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # The sqlite3 module's own transaction handling begins lazily before the first write,
    # after the reads; we begin ourselves (below) so a writer can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers (orbat serve) work while an ingest writes; foreign keys are off by
    # default in SQLite and we want the schema's promises kept. The busy timeout is how long
    # a writer waits for another process's batch to commit.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=120000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get("orbat_write_lock"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


@cache
def _declared_head() -> str | None:
    """The newest migration's revision, read from the migration files themselves (each says
    ``revision = "0007"`` and ``down_revision = "0006"``): the one no other revises. None if
    the files do not say it plainly; then Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (Path(_MIGRATIONS) / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(r'^revision\s*=\s*"([^"]+)"', source, re.M)
        parent = re.search(r'^down_revision\s*=\s*(?:"([^"]+)"|None)', source, re.M)
        if found is None or parent is None:
            return None
        revisions.add(found[1])
        if parent[1]:
            parents.add(parent[1])
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def _current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: no schema yet), read without Alembic."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if found is None else str(found)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", _MIGRATIONS)
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision; refuse a database from a newer orbat.

    Several processes may open a new database at once (workers of one ingest): on PostgreSQL
    a transaction-scoped advisory lock lets one migrate while the others wait and then find
    the schema current; on SQLite the write lock taken at ``BEGIN IMMEDIATE`` does the same.
    """
    # The common case, a database already at the newest revision, is settled without Alembic
    # (a fifth of a second of imports) and without the write lock, so a reader never waits
    # for an ingest's transaction just to learn that there is nothing to do.
    head = _declared_head()
    if head is not None and _current_revision(engine) == head:
        return
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    # Readers' SQLite engines begin deferred; migrating must hold the write lock throughout.
    with (
        engine.connect().execution_options(orbat_write_lock=True) as connection,
        connection.begin(),
    ):
        if engine.dialect.name == "postgresql":
            lock = text("SELECT pg_advisory_xact_lock(:key)")
            connection.execute(lock, {"key": _MIGRATION_LOCK})
        _upgrade(connection, config, script, head)


def _upgrade(
    connection: Connection, config: Config, script: ScriptDirectory, head: str | None
) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    if current == head:
        return
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"the database is at schema revision {current}, which this orbat does not know; "
            "it was written by a newer orbat — upgrade orbat"
        )
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
