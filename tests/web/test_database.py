"""The web's database connections cannot write, even if a statement turns ``query_only`` off."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from orbat.pipeline import ingest
from orbat.store.schema import documents
from orbat.web import open_read_only

DATA = Path(__file__).parent / "data"


@pytest.mark.issue(17)
def test_the_sqlite_file_itself_is_opened_read_only(tmp_path: Path) -> None:
    # A folder name with a space: the path goes into a file: URI.
    db = tmp_path / "read only" / "orbat.db"
    db.parent.mkdir()
    assert ingest([str(DATA / "hostile.jsonl")], str(db)).articles_new == 2
    engine = open_read_only(str(db))
    with engine.connect() as conn:
        # What a bug or an injected statement could do: the PRAGMA guard is lifted...
        conn.exec_driver_sql("PRAGMA query_only = OFF")
        # ...and the file, opened with mode=ro, still refuses the write.
        with pytest.raises(OperationalError, match="readonly database"):
            conn.execute(text("DELETE FROM documents"))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == 2
    engine.dispose()
