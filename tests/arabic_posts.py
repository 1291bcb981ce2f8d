"""Arabic posts written for the tests, ingested and extracted as `orbat ingest` does."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from orbat.pipeline import ingest
from orbat.pipeline.extract import ArticleSummary, extract_articles
from orbat.store import open_engine


def ingest_posts(folder: Path, rows: Iterable[dict[str, Any]]) -> tuple[str, ArticleSummary]:
    """Write ``rows`` (id, text, date, title...) as one JSONL file in ``folder``, ingest it
    into ``folder/ar.db`` and extract; the database path and what extraction did."""
    source = folder / "posts.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    db = str(folder / "ar.db")
    ingest([str(source)], db)
    engine = open_engine(db)
    try:
        return db, extract_articles(engine)
    finally:
        engine.dispose()
