"""The statement stage over the database: every stored article this version has not read yet.

Runs after event extraction, so claims can be linked to the events stored for the same
article. Which documents are done is recorded in ``extraction_runs`` under the extractor's
versioned name, as for events; re-running adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from orbat.extract.arabic.extractor import arabic_extractor, is_arabic_article
from orbat.extract.article import ArticleView
from orbat.extract.statements import (
    EventSpan,
    StatementExtractor,
    StatementResult,
    statements_version,
)
from orbat.packs import Pack, load_pack
from orbat.store.conflicts import insert_unless_present
from orbat.store.documents import forget_superseded_skips, not_yet_extracted
from orbat.store.schema import actor_candidates, documents, event_mentions, extraction_runs
from orbat.store.statements import StatementStore

__all__ = [
    "StatementSummary",
    "claim_document",
    "extract_statements",
    "known_candidates",
    "save_statements",
    "stored_event_spans",
]

# Documents per transaction (a crash loses at most this many; a re-run redoes them).
BATCH_SIZE = 50


@dataclass
class StatementSummary:
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


def extract_statements(
    engine: Engine,
    *,
    extractor: StatementExtractor | None = None,
    on_progress: Callable[[StatementSummary], None] | None = None,
    pack: Pack | None = None,
) -> StatementSummary:
    """Extract mentions, relations, claims and candidate actors from every article not yet
    read by this extractor version (``extractor``'s, else one over ``pack``, default the
    selected pack).

    1. Find the pending documents (no ``extraction_runs`` row for this version).
    2. Teach the extractor the candidate actors already in the database (not rejected ones),
       so their mentions in new articles resolve.
    3. Per batch, in one transaction: extract each document with its stored event mentions
       under its budget (:mod:`orbat.extract.budget`; the parse counts here, as there is one
       per article), replace its statements, mark it done; or record it as skipped.
    """
    from orbat.extract.budget import ArticleSkipped, Budget, record_skip

    # 1.
    pack = extractor.pack if extractor is not None else (pack if pack is not None else load_pack())
    name = statements_version(pack)
    pending = not_yet_extracted(
        name, documents.c.id, documents.c.text, documents.c.published, documents.c.title
    )
    with engine.connect() as conn:
        ids = [row.id for row in conn.execute(pending.with_only_columns(documents.c.id))]
        known = known_candidates(conn)
    summary = StatementSummary()
    if not ids:
        return summary
    # 2.
    extractor = extractor or StatementExtractor(pack=pack)
    extractor.add_candidates(known)
    store = StatementStore(engine)
    budget = Budget.from_settings()
    # 3.
    for first in range(0, len(ids), BATCH_SIZE):
        batch = ids[first : first + BATCH_SIZE]
        with engine.begin() as conn:
            spans = stored_event_spans(conn, batch)
            for row in conn.execute(pending.where(documents.c.id.in_(batch))).all():
                article = ArticleView(row.id, row.text, row.published, row.title)
                try:
                    budget.admit(article.text)
                    # Arabic articles are read by the Arabic path (orbat.extract.arabic).
                    read = (
                        arabic_extractor(pack).statements
                        if is_arabic_article(article)
                        else extractor.extract
                    )
                    result = budget.start().call(read, article, spans.get(row.id, []))
                except ArticleSkipped as exc:
                    summary.skipped += record_skip(conn, row.id, [name], exc)
                    continue
                if not claim_document(conn, row.id, name):
                    continue
                save_statements(conn, store, row.id, result, summary, name)
                if on_progress is not None:
                    on_progress(summary)
    with engine.begin() as conn:
        forget_superseded_skips(conn, name)
    return summary


def claim_document(conn: Connection, document_id: int, extractor: str) -> bool:
    """Claim a document for the statement extractor version ``extractor`` before writing for
    it: of several processes reading it at once, exactly one inserts the row; the others
    move on."""
    claimed = insert_unless_present(
        conn,
        extraction_runs,
        ("document_id", "extractor"),
        {"document_id": document_id, "extractor": extractor, "extracted_at": datetime.now(UTC)},
    )
    return claimed is not None


def save_statements(
    conn: Connection,
    store: StatementStore,
    document_id: int,
    result: StatementResult,
    summary: StatementSummary,
    extractor: str,
) -> None:
    """Store one claimed document's mentions, statements and new candidates under their
    versioned name (the Arabic path's, else ``extractor``); count them."""
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


def stored_event_spans(conn: Connection, document_ids: list[int]) -> dict[int, list[EventSpan]]:
    """The stored event mentions of these documents, as the spans claims link to."""
    spans: dict[int, list[EventSpan]] = {}
    for mention in conn.execute(
        select(
            event_mentions.c.document_id,
            event_mentions.c.event_id,
            event_mentions.c.char_start,
            event_mentions.c.char_end,
            event_mentions.c.event_type,
            event_mentions.c.location,
            event_mentions.c.admin1,
            event_mentions.c.admin2,
        )
        .where(event_mentions.c.document_id.in_(document_ids))
        .order_by(event_mentions.c.id)
    ):
        spans.setdefault(mention.document_id, []).append(
            EventSpan.at(
                mention.event_id,
                mention.char_start,
                mention.char_end,
                mention.event_type,
                mention.location,
                mention.admin1,
                mention.admin2,
            )
        )
    return spans


def known_candidates(conn: Connection) -> list[tuple[str, str, str | None]]:
    """The discovered actors extraction should resolve: all but the rejected, oldest first."""
    return [
        (r.id, r.name, r.country)
        for r in conn.execute(
            select(actor_candidates.c.id, actor_candidates.c.name, actor_candidates.c.country)
            .where(actor_candidates.c.status != "rejected")
            .order_by(actor_candidates.c.first_seen)
        )
    ]
