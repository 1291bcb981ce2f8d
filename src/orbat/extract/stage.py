"""The extract stage over the database: every stored article not yet processed by this version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from orbat.extract.events import EXTRACTOR, ArticleView, EventExtractor
from orbat.store.documents import not_yet_extracted
from orbat.store.events import EventStore
from orbat.store.schema import documents

__all__ = ["ExtractSummary", "extract_events"]

# Documents per transaction (a crash loses at most this many; a re-run redoes them).
BATCH_SIZE = 50


@dataclass
class ExtractSummary:
    documents: int = 0
    mentions: int = 0


def extract_events(
    engine: Engine,
    *,
    extractor: EventExtractor | None = None,
    on_progress: Callable[[ExtractSummary], None] | None = None,
) -> ExtractSummary:
    """Extract events from every stored article this extractor version has not seen yet."""
    pending = not_yet_extracted(
        EXTRACTOR,
        documents.c.id,
        documents.c.text,
        documents.c.published,
        documents.c.title,
        documents.c.source,
    )
    with engine.connect() as conn:
        ids = [row.id for row in conn.execute(pending.with_only_columns(documents.c.id))]
    summary = ExtractSummary()
    if not ids:
        return summary
    extractor = extractor or EventExtractor()
    store = EventStore(engine)
    for first in range(0, len(ids), BATCH_SIZE):
        batch = ids[first : first + BATCH_SIZE]
        with engine.begin() as conn:
            rows = conn.execute(pending.where(documents.c.id.in_(batch))).all()
            articles = (
                ArticleView(row.id, row.text, row.published, row.title, row.source) for row in rows
            )
            # One nlp.pipe over the batch: spaCy parses a batch faster than text by text.
            for article, records in extractor.extract_many(articles):
                summary.mentions += store.save(conn, article.id, EXTRACTOR, records)
                summary.documents += 1
                if on_progress is not None:
                    on_progress(summary)
    return summary
