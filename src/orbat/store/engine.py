"""Open a database by path or URL and bring its schema up to date."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from orbat.errors import StoreError

__all__ = ["database_url", "migrate", "open_engine"]

_MIGRATIONS = str(Path(__file__).with_name("migrations"))


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: URLs pass through, anything else is a SQLite file path."""
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def open_engine(db: str, *, create: bool = True) -> Engine:
    """An engine on ``db`` with its schema migrated to the newest revision.

    With ``create=False`` a SQLite file that does not exist yet is an error rather than
    silently created (read-only commands should not leave empty databases behind).
    """
    url = database_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{db!r} is neither a file path nor a database URL: {exc}") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = Path(parsed.database)
        if not create and not path.exists():
            raise StoreError(f"no database at {path}; run `orbat ingest` first or pass --db")
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine)
    except OperationalError as exc:
        raise StoreError(f"cannot open database {db!r}: {exc.orig}") from None
    return engine


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL lets readers (orbat serve) work while an ingest writes; foreign keys are off by
    # default in SQLite and we want the schema's promises kept.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", _MIGRATIONS)
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision; refuse a database from a newer orbat."""
    config = _alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                f"the database is at schema revision {current}, which this orbat does not know; "
                "it was written by a newer orbat — upgrade orbat"
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
