"""The SQL the extract loop runs: what is pending, the articles, what was stored before.

The extractors read articles and return records; they never touch the database. Everything
the loop (:mod:`orbat.pipeline.extract`) and the Dask client (:mod:`orbat.distributed.client`)
read or claim in it is here, on a connection the caller holds in its transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from orbat.extract.analysis import Wanted
from orbat.extract.events import ArticleView
from orbat.extract.statements import EventSpan
from orbat.store.conflicts import insert_unless_present
from orbat.store.documents import not_yet_extracted, skip_extraction
from orbat.store.schema import actor_candidates, documents, event_mentions, extraction_runs

if TYPE_CHECKING:
    from orbat.extract.budget import ArticleSkipped

__all__ = [
    "articles",
    "claim_document",
    "known_candidates",
    "pending",
    "record_skip",
    "stored_event_spans",
]


def pending(conn: Connection, wanted: Wanted, names: tuple[str, str]) -> tuple[set[int], set[int]]:
    """Ids of the articles the event and the statement extractor (their versioned ``names``)
    have not read yet (an extractor not ``wanted``: none)."""

    def unread(extractor: str, want: bool) -> set[int]:
        if not want:
            return set()
        return set(conn.execute(not_yet_extracted(extractor, documents.c.id)).scalars())

    return unread(names[0], wanted.events), unread(names[1], wanted.statements)


def articles(conn: Connection, ids: list[int]) -> list[ArticleView]:
    """These documents as the extractors see them, in id order."""
    rows = conn.execute(
        select(
            documents.c.id,
            documents.c.text,
            documents.c.published,
            documents.c.title,
            documents.c.source,
            documents.c.url,
        )
        .where(documents.c.id.in_(ids))
        .order_by(documents.c.id)
    )
    return [ArticleView(r.id, r.text, r.published, r.title, r.source, r.url) for r in rows]


def claim_document(conn: Connection, document_id: int, extractor: str) -> bool:
    """Claim a document for the statement extractor's version (``extractor``) before writing
    for it: of several processes reading it at once, exactly one inserts the row; the others
    move on."""
    claimed = insert_unless_present(
        conn,
        extraction_runs,
        ("document_id", "extractor"),
        {"document_id": document_id, "extractor": extractor, "extracted_at": datetime.now(UTC)},
    )
    return claimed is not None


def record_skip(
    conn: Connection, document_id: int, extractors: list[str], error: ArticleSkipped
) -> int:
    """Record the document as skipped by each of ``extractors``; 1 if this process did."""
    done = [skip_extraction(conn, document_id, e, error.kind, str(error)) for e in extractors]
    return int(any(done))


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
