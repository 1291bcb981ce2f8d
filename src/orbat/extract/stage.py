"""The extract stages over the database: every stored article not yet processed by this version.

:func:`extract_articles` (events and statements from one parse; what ``orbat ingest`` runs) and
:func:`extract_events` (events only). Each article is held to its budget
(:mod:`orbat.extract.budget`): one too long to parse, over its time, or whose extraction raises
is recorded as skipped for that extractor version (:func:`orbat.store.documents.skip_extraction`)
and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select

from orbat.extract.analysis import (
    ArticleAnalyser,
    Unanalysed,
    Wanted,
    event_spans,
    extractor_names,
)
from orbat.extract.budget import ArticleSkipped, record_skip
from orbat.extract.events import ArticleView, EventExtractor, events_version
from orbat.extract.statement_stage import (
    StatementSummary,
    claim_document,
    known_candidates,
    save_statements,
    stored_event_spans,
)
from orbat.packs import Pack, load_pack
from orbat.store.documents import forget_superseded_skips, not_yet_extracted
from orbat.store.events import EventStore
from orbat.store.schema import documents
from orbat.store.statements import StatementStore

__all__ = [
    "ArticleSummary",
    "ExtractSummary",
    "extract_articles",
    "extract_events",
    "record_skip",
]

# Documents per transaction (a crash loses at most this many; a re-run redoes them).
BATCH_SIZE = 50


@dataclass
class ExtractSummary:
    documents: int = 0
    mentions: int = 0
    skipped: int = 0  # documents passed over (too long, over time, failed): recorded with why


def extract_events(
    engine: Engine,
    *,
    extractor: EventExtractor | None = None,
    on_progress: Callable[[ExtractSummary], None] | None = None,
    pack: Pack | None = None,
) -> ExtractSummary:
    """Extract events from every stored article this extractor version (``extractor``'s,
    else one over ``pack``, default the selected pack) has not seen yet
    (:func:`extract_articles` without the statements)."""
    pack = extractor.pack if extractor is not None else (pack if pack is not None else load_pack())
    name = events_version(pack)
    pending = not_yet_extracted(name, documents.c.id)
    with engine.connect() as conn:
        ids = list(conn.execute(pending).scalars())
    summary = ExtractSummary()
    if not ids:
        return summary
    extractor = extractor or EventExtractor(pack=pack)
    analyser = ArticleAnalyser(extractor)
    store = EventStore(engine)
    for first in range(0, len(ids), BATCH_SIZE):
        batch = ids[first : first + BATCH_SIZE]
        with engine.begin() as conn:
            rows = _articles(conn, batch)
            wanted = ((row, Wanted(events=True, statements=False)) for row in rows)
            # One nlp.pipe over the batch: spaCy parses a batch faster than text by text.
            for parsed in analyser.parse_many(wanted):
                document_id = parsed.article.id
                if isinstance(parsed, Unanalysed):
                    summary.skipped += record_skip(conn, document_id, [name], parsed.error)
                    continue
                try:
                    records = analyser.budget.start().call(analyser.event_records, parsed)
                except ArticleSkipped as exc:
                    summary.skipped += record_skip(conn, document_id, [name], exc)
                    continue
                summary.mentions += store.save(conn, document_id, name, records)
                summary.documents += 1
                if on_progress is not None:
                    on_progress(summary)
    with engine.begin() as conn:
        forget_superseded_skips(conn, name)
    return summary


def _articles(conn: Connection, ids: list[int]) -> list[ArticleView]:
    """These documents as the extractors see them, in id order."""
    rows = conn.execute(
        select(
            documents.c.id,
            documents.c.text,
            documents.c.published,
            documents.c.title,
            documents.c.source,
        )
        .where(documents.c.id.in_(ids))
        .order_by(documents.c.id)
    )
    return [ArticleView(r.id, r.text, r.published, r.title, r.source) for r in rows]


@dataclass
class ArticleSummary:
    """What :func:`extract_articles` did: events and statements."""

    events: ExtractSummary = field(default_factory=ExtractSummary)
    statements: StatementSummary = field(default_factory=StatementSummary)
    skipped: int = 0  # documents either extractor passed over (recorded, with why)


def pending_articles(engine: Engine, pack: Pack | None = None) -> int:
    """How many stored articles :func:`extract_articles` over ``pack`` (default: the selected
    one) would read now (for a progress bar)."""
    names = extractor_names(pack if pack is not None else load_pack())
    with engine.connect() as conn:
        need_events, need_statements = _pending(conn, names)
    return len(need_events | need_statements)


def _pending(conn: Connection, names: tuple[str, str]) -> tuple[set[int], set[int]]:
    """Ids of the articles the event and the statement extractor (``names``) have not read
    yet."""
    events = set(conn.execute(not_yet_extracted(names[0], documents.c.id)).scalars())
    statements = set(conn.execute(not_yet_extracted(names[1], documents.c.id)).scalars())
    return events, statements


def extract_articles(
    engine: Engine,
    *,
    analyser: ArticleAnalyser | None = None,
    on_progress: Callable[[ArticleSummary], None] | None = None,
    pack: Pack | None = None,
) -> ArticleSummary:
    """Events, then statements, of every stored article either extractor version has not
    read yet, from one parse per article (:mod:`orbat.extract.analysis`).

    Per batch, in one transaction, for each article, under its budget: extract its events,
    claim it for the event extractor and store them; extract its statements with claims
    linked to the events just stored (or stored before, when only the statement extractor
    is new), claim it for the statement extractor and store them. An article another
    process has claimed for events is left to that process whole. An article too long to
    parse, over its time, or whose extraction raises is recorded as skipped by the
    extractors that wanted it (events skipped: statements too). This is what
    ``orbat ingest`` runs. The extractors are ``analyser``'s, else over ``pack`` (default:
    the selected one).
    """
    pack = analyser.pack if analyser is not None else (pack if pack is not None else load_pack())
    names = analyser.names if analyser is not None else extractor_names(pack)
    events_name, statements_name = names
    with engine.connect() as conn:
        need_events, need_statements = _pending(conn, names)
        known = known_candidates(conn)
    summary = ArticleSummary()
    ids = sorted(need_events | need_statements)
    if not ids:
        return summary
    analyser = analyser or ArticleAnalyser(pack=pack)
    analyser.statements.add_candidates(known)
    event_store, statement_store = EventStore(engine), StatementStore(engine)
    for first in range(0, len(ids), BATCH_SIZE):
        batch = ids[first : first + BATCH_SIZE]
        with engine.begin() as conn:
            stored_spans = stored_event_spans(
                conn, [i for i in batch if i not in need_events and i in need_statements]
            )
            wanted = (
                (row, Wanted(row.id in need_events, row.id in need_statements))
                for row in _articles(conn, batch)
            )
            for parsed in analyser.parse_many(wanted):
                document_id = parsed.article.id
                if isinstance(parsed, Unanalysed):
                    summary.skipped += record_skip(
                        conn, document_id, parsed.extractors(), parsed.error
                    )
                    continue
                deadline = analyser.budget.start()
                spans = stored_spans.get(document_id, [])
                if parsed.wanted.events:
                    try:
                        records = deadline.call(analyser.event_records, parsed)
                    except ArticleSkipped as exc:
                        extractors = analyser.extractors(parsed.wanted)
                        summary.skipped += record_skip(conn, document_id, extractors, exc)
                        continue
                    joined = event_store.save_events(conn, document_id, events_name, records)
                    if joined is None:
                        continue  # another process has this article
                    spans = event_spans(records, joined)
                    summary.events.documents += 1
                    summary.events.mentions += len(records)
                if parsed.wanted.statements:
                    try:
                        result = deadline.call(analyser.statement_result, parsed, spans)
                    except ArticleSkipped as exc:
                        summary.skipped += record_skip(conn, document_id, [statements_name], exc)
                    else:
                        if claim_document(conn, document_id, statements_name):
                            save_statements(
                                conn,
                                statement_store,
                                document_id,
                                result,
                                summary.statements,
                                statements_name,
                            )
                if on_progress is not None:
                    on_progress(summary)
    with engine.begin() as conn:
        for extractor in names:
            forget_superseded_skips(conn, extractor)
    return summary
