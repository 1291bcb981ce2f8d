"""The store opens by path or URL, migrates, and its migrations match the declared schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from orbat.errors import StoreError
from orbat.store import database_url, open_engine
from orbat.store.engine import _alembic_config
from orbat.store.schema import metadata


def test_path_becomes_sqlite_url(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_migrations_create_exactly_the_declared_schema(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # The full-text machinery is dialect-specific and not in the metadata on purpose (FTS5
    # shadow tables on SQLite, a GIN expression index on PostgreSQL); nothing else may differ.
    diff = [
        d
        for d in diff
        if not (d[0] == "remove_table" and d[1].name.startswith("documents_fts"))
        and not (d[0] == "remove_index" and d[1].name == "ix_documents_fts")
    ]
    assert diff == []


def test_reopening_is_a_no_op(db_url: str) -> None:
    open_engine(db_url)
    engine = open_engine(db_url)
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head


def test_database_from_a_newer_orbat_is_refused(db_url: str) -> None:
    db = db_url
    engine = open_engine(db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer orbat"):
        open_engine(db)


def test_missing_database_is_an_error_for_readers(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_engine(str(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.issue(14)
def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    from orbat.store.engine import _declared_head

    assert _declared_head() == ScriptDirectory.from_config(_alembic_config()).get_current_head()


@pytest.mark.issue(14)
def test_opening_a_current_database_needs_no_alembic(tmp_path: Path) -> None:
    """A reader on an up-to-date database imports no Alembic (start-up time) and takes no
    write lock (it must not wait for an ingest's transaction)."""
    import subprocess
    import sys

    db = str(tmp_path / "orbat.db")
    open_engine(db).dispose()
    probe = (
        "import sys\nfrom orbat.store import open_engine\n"
        f"open_engine({db!r}, create=False).dispose()\n"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
