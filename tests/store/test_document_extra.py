"""Issue 16: what a reader keeps beside the text (a Telegram post's forwarded-from and
reply-to) is stored with the document and exported, not lost at store time."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from orbat.export.documents import write_documents_jsonl
from orbat.pipeline import ingest
from orbat.store import open_engine

pytestmark = pytest.mark.issue(16)

EXPORT = Path(__file__).resolve().parents[1] / "ingest" / "data" / "telegram" / "alrasd"


def test_reader_metadata_is_stored_and_exported(tmp_path: Path) -> None:
    db = str(tmp_path / "orbat.db")
    ingest([str(EXPORT)], db)
    out = io.StringIO()
    write_documents_jsonl(open_engine(db), out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records
    assert any("forwarded_from" in r["extra"] for r in records), [r["extra"] for r in records]
    assert all(isinstance(r["extra"], dict) for r in records)
