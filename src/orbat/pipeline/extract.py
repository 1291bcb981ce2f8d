"""The extract stage over the database: one loop over the stored articles not yet read.

:func:`extract_articles` is the only batch loop over pending documents; what it runs is
:class:`~orbat.extract.analysis.Wanted`: events and statements from one parse per article
(what ``orbat ingest`` runs, the default), or either alone (:func:`extract_events`,
:func:`extract_statements`). Each article is held to its budget (:mod:`orbat.extract.budget`):
one too long to parse, over its time, or whose extraction raises is recorded as skipped for
that extractor version (:func:`orbat.store.documents.skip_extraction`) and the batch goes on.
Which documents are done is recorded in ``extraction_runs`` under each extractor's versioned
name; re-running adds nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from orbat.extract.analysis import (
    ArticleAnalyser,
    Unanalysed,
    Wanted,
    event_spans,
    extractor_names,
)
from orbat.extract.budget import ArticleSkipped
from orbat.extract.statements import StatementResult
from orbat.packs import Pack, load_pack
from orbat.pipeline.queries import (
    articles,
    claim_document,
    known_candidates,
    pending,
    record_skip,
    stored_event_spans,
)
from orbat.store.documents import forget_superseded_skips
from orbat.store.events import EventStore
from orbat.store.statements import StatementStore

__all__ = [
    "ArticleSummary",
    "ExtractSummary",
    "StatementSummary",
    "extract_articles",
    "extract_events",
    "extract_statements",
    "pending_articles",
    "save_statements",
]

# Documents per transaction (a crash loses at most this many; a re-run redoes them).
BATCH_SIZE = 50


@dataclass
class ExtractSummary:
    """What the event extractor did."""

    documents: int = 0
    mentions: int = 0
    skipped: int = 0  # documents passed over (too long, over time, failed): recorded with why


@dataclass
class StatementSummary:
    """What the statement extractor did."""

    documents: int = 0
    mentions: int = 0
    relations: int = 0
    claims: int = 0
    candidates: int = 0
    skipped: int = 0  # documents passed over (too long, over time, failed): recorded with why

    def add(self, other: StatementSummary) -> None:
        """Count ``other``'s work in too."""
        for name in ("documents", "mentions", "relations", "claims", "candidates", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class ArticleSummary:
    """What :func:`extract_articles` did: events and statements."""

    events: ExtractSummary = field(default_factory=ExtractSummary)
    statements: StatementSummary = field(default_factory=StatementSummary)
    skipped: int = 0  # documents either extractor passed over (recorded, with why)


def pending_articles(engine: Engine, wanted: Wanted | None = None, pack: Pack | None = None) -> int:
    """How many stored articles :func:`extract_articles` over ``pack`` (default: the selected
    one) would read now (for a progress bar)."""
    names = extractor_names(pack if pack is not None else load_pack())
    with engine.connect() as conn:
        need_events, need_statements = pending(conn, wanted or Wanted(), names)
    return len(need_events | need_statements)


def extract_articles(
    engine: Engine,
    *,
    wanted: Wanted | None = None,
    analyser: ArticleAnalyser | None = None,
    on_progress: Callable[[ArticleSummary], None] | None = None,
    pack: Pack | None = None,
) -> ArticleSummary:
    """What is ``wanted`` (default: events, then statements) of every stored article the
    extractor versions wanted have not read yet, from one parse per article
    (:mod:`orbat.extract.analysis`).

    1. Find the pending articles of each wanted extractor; when statements are wanted, teach
       the statement extractor the discovered actors already stored (not rejected ones), so
       their mentions in new articles resolve.
    2. Per batch, in one transaction, for each article, under its budget: extract its
       events, claim it for the event extractor and store them; extract its statements with
       claims linked to the events just stored (or stored before, when only the statement
       extractor is new), claim it for the statement extractor and store them. An article
       another process has claimed for events is left to that process whole. An article too
       long to parse, over its time, or whose extraction raises is recorded as skipped by the
       extractors that wanted it (events skipped: statements too).
    3. Forget the skips older versions of the wanted extractors recorded for the articles
       this version has now read.

    The extractors are ``analyser``'s, else over ``pack`` (default: the selected one).
    """
    wanted = wanted or Wanted()
    summary = ArticleSummary()
    if analyser is None:
        pack = pack if pack is not None else load_pack()
        names = extractor_names(pack)
    else:
        pack, names = analyser.pack, analyser.names
    events_name, statements_name = names
    # 1.
    with engine.connect() as conn:
        need_events, need_statements = pending(conn, wanted, names)
        known = known_candidates(conn) if wanted.statements else []
    ids = sorted(need_events | need_statements)
    if not ids:
        return summary
    analyser = analyser or ArticleAnalyser(pack=pack)
    if wanted.statements:
        analyser.statements.add_candidates(known)
    event_store, statement_store = EventStore(engine), StatementStore(engine)
    # 2.
    for first in range(0, len(ids), BATCH_SIZE):
        batch = ids[first : first + BATCH_SIZE]
        with engine.begin() as conn:
            stored_spans = stored_event_spans(
                conn, [i for i in batch if i not in need_events and i in need_statements]
            )
            each = (
                (row, Wanted(row.id in need_events, row.id in need_statements))
                for row in articles(conn, batch)
            )
            # One nlp.pipe over the batch: spaCy parses a batch faster than text by text.
            for parsed in analyser.parse_many(each):
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
    # 3.
    with engine.begin() as conn:
        for extractor in wanted.extractors(names):
            forget_superseded_skips(conn, extractor)
    return summary


def extract_events(
    engine: Engine, *, analyser: ArticleAnalyser | None = None, pack: Pack | None = None
) -> ExtractSummary:
    """The events alone of every stored article this event extractor version has not read
    yet (:func:`extract_articles` wanting only them)."""
    done = extract_articles(engine, wanted=Wanted(statements=False), analyser=analyser, pack=pack)
    return dataclasses.replace(done.events, skipped=done.skipped)


def extract_statements(
    engine: Engine, *, analyser: ArticleAnalyser | None = None, pack: Pack | None = None
) -> StatementSummary:
    """The statements alone (mentions, relations, claims, candidate actors) of every stored
    article this statement extractor version has not read yet, their claims linked to the
    events stored for it (:func:`extract_articles` wanting only them)."""
    done = extract_articles(engine, wanted=Wanted(events=False), analyser=analyser, pack=pack)
    return dataclasses.replace(done.statements, skipped=done.skipped)


def save_statements(
    conn: Connection,
    store: StatementStore,
    document_id: int,
    result: StatementResult,
    summary: StatementSummary,
    extractor: str,
) -> None:
    """Store one claimed document's mentions, statements and new candidates (under the
    result's extractor name, else ``extractor``); count them."""
    store.save(
        conn,
        document_id,
        result.extractor or extractor,
        mentions=result.mentions,
        found=result.statements,
        candidates=result.candidates,
    )
    summary.documents += 1
    summary.mentions += len(result.mentions)
    summary.relations += len(result.relations)
    summary.claims += len(result.claims)
    summary.candidates += len(result.candidates)
