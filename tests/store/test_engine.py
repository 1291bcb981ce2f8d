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
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_migrations_create_exactly_the_declared_schema(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "orbat.db"))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # FTS5 shadow tables are not in the metadata on purpose; nothing else may differ.
    diff = [
        d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("documents_fts"))
    ]
    assert diff == []


def test_reopening_is_a_no_op(tmp_path: Path) -> None:
    db = str(tmp_path / "orbat.db")
    open_engine(db)
    engine = open_engine(db)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == ScriptDirectory.from_config(_alembic_config()).get_current_head()


def test_database_from_a_newer_orbat_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "orbat.db")
    engine = open_engine(db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer orbat"):
        open_engine(db)


def test_missing_database_is_an_error_for_readers(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_engine(str(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()
