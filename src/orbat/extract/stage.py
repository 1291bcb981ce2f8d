"""The extract stages over the database: every stored article not yet processed by this version.

:func:`extract_articles` (events and statements from one parse; what ``orbat ingest`` runs) and
:func:`extract_events` (events only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from orbat.extract.analysis import ArticleAnalyser, Wanted, event_spans
from orbat.extract.events import EXTRACTOR, ArticleView, EventExtractor
from orbat.extract.statement_stage import (
    StatementSummary,
    claim_document,
    known_candidates,
    save_statements,
    stored_event_spans,
)
from orbat.store.documents import not_yet_extracted
from orbat.store.events import EventStore
from orbat.store.schema import documents
from orbat.store.statements import StatementStore

__all__ = ["ArticleSummary", "ExtractSummary", "extract_articles", "extract_events"]

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


@dataclass
class ArticleSummary:
    """What :func:`extract_articles` did: events and statements."""

    events: ExtractSummary = field(default_factory=ExtractSummary)
    statements: StatementSummary = field(default_factory=StatementSummary)


def extract_articles(
    engine: Engine,
    *,
    analyser: ArticleAnalyser | None = None,
    on_progress: Callable[[ArticleSummary], None] | None = None,
) -> ArticleSummary:
    """Events, then statements, of every stored article either extractor version has not
    read yet, from one parse per article (:mod:`orbat.extract.analysis`).

    Per batch, in one transaction, for each article: claim it for the event extractor,
    extract and store its events; claim it for the statement extractor, extract its
    statements with claims linked to the events just stored (or stored before, when only
    the statement extractor is new), store them. An article another process has claimed
    for events is left to that process whole. This is what ``orbat ingest`` runs.
    """
    from orbat.extract.statements import EXTRACTOR as STATEMENTS

    events_pending = not_yet_extracted(EXTRACTOR, documents.c.id)
    statements_pending = not_yet_extracted(STATEMENTS, documents.c.id)
    with engine.connect() as conn:
        need_events = set(conn.execute(events_pending).scalars())
        need_statements = set(conn.execute(statements_pending).scalars())
        known = known_candidates(conn)
    summary = ArticleSummary()
    ids = sorted(need_events | need_statements)
    if not ids:
        return summary
    analyser = analyser or ArticleAnalyser()
    analyser.statements.add_candidates(known)
    event_store, statement_store = EventStore(engine), StatementStore(engine)
    for first in range(0, len(ids), BATCH_SIZE):
        batch = ids[first : first + BATCH_SIZE]
        with engine.begin() as conn:
            rows = conn.execute(
                select(
                    documents.c.id,
                    documents.c.text,
                    documents.c.published,
                    documents.c.title,
                    documents.c.source,
                )
                .where(documents.c.id.in_(batch))
                .order_by(documents.c.id)
            ).all()
            stored_spans = stored_event_spans(
                conn, [i for i in batch if i not in need_events and i in need_statements]
            )
            wanted = (
                (
                    ArticleView(row.id, row.text, row.published, row.title, row.source),
                    Wanted(row.id in need_events, row.id in need_statements),
                )
                for row in rows
            )
            for parsed in analyser.parse_many(wanted):
                document_id = parsed.article.id
                spans = stored_spans.get(document_id, [])
                if parsed.wanted.events:
                    records = analyser.event_records(parsed)
                    joined = event_store.save_events(conn, document_id, EXTRACTOR, records)
                    if joined is None:
                        continue  # another process has this article
                    spans = event_spans(records, joined)
                    summary.events.documents += 1
                    summary.events.mentions += len(records)
                if parsed.wanted.statements and claim_document(conn, document_id):
                    result = analyser.statement_result(parsed, spans)
                    save_statements(conn, statement_store, document_id, result, summary.statements)
                if on_progress is not None:
                    on_progress(summary)
    return summary
