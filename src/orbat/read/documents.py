"""Stored articles for readers: a page of them (full-text search too), and one article with its
text, where it came from, its copies and the event spans it reports. Shared by the web pages
and the JSON API."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from sqlalchemy import Engine, func, select

from orbat.errors import NotFound
from orbat.read.search import match_expression, query_terms
from orbat.store.documents import DocumentStore
from orbat.store.schema import documents, event_mentions

__all__ = ["document_page", "document_view", "public_origin"]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def document_page(
    engine: Engine, *, limit: int = 50, offset: int = 0, q: str | None = None
) -> dict[str, Any]:
    """A page of stored articles, newest first (``q``: full-text search), with how many event
    mentions each has."""
    # The same bounded terms as the search (see ``orbat.read.search``); a query of no word
    # matches nothing.
    search = (match_expression(query_terms(q)) or '""') if q else None
    rows = DocumentStore(engine).articles(limit=limit, offset=offset, search=search)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        ids = [r.id for r in rows]
        mention_counts: dict[int, int] = dict(
            conn.execute(
                select(event_mentions.c.document_id, func.count())
                .where(event_mentions.c.document_id.in_(ids))
                .group_by(event_mentions.c.document_id)
            ).all()
        )
    return {
        "total": total if not q else None,
        "limit": limit,
        "offset": offset,
        "items": [
            {
                "id": r.id,
                "external_id": r.external_id,
                "title": r.title,
                "url": r.url,
                "published": _iso(r.published),
                "source": r.source,
                "format": r.format,
                "words": len(r.text.split()),
                "cluster": r.cluster_id,
                "cluster_size": r.cluster_size,
                "event_mentions": mention_counts.get(r.id, 0),
            }
            for r in rows
        ],
    }


def document_view(engine: Engine, document_id: int) -> dict[str, Any]:
    """One article: its text, where it came from, its copies, and the events it reports."""
    with engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
        if row is None:
            raise NotFound(f"no document {document_id}")
        copies = conn.execute(
            select(documents.c.id, documents.c.title, documents.c.source)
            .where(documents.c.cluster_id == row.cluster_id, documents.c.id != document_id)
            .order_by(documents.c.id)
        ).all()
        mentions = conn.execute(
            select(
                event_mentions.c.id,
                event_mentions.c.event_id,
                event_mentions.c.char_start,
                event_mentions.c.char_end,
                event_mentions.c.quote,
                event_mentions.c.event_type,
                event_mentions.c.sub_event_type,
                event_mentions.c.event_date,
                event_mentions.c.location,
                event_mentions.c.extractor,
            )
            .where(event_mentions.c.document_id == document_id)
            .order_by(event_mentions.c.char_start, event_mentions.c.id)
        ).all()
    return {
        "id": row.id,
        "external_id": row.external_id,
        "title": row.title,
        "url": row.url,
        "published": _iso(row.published),
        "source": row.source,
        "language": row.language,
        "format": row.format,
        "origin": public_origin(row.origin),
        "locator": row.locator,
        "cluster": row.cluster_id,
        "duplicate_kind": row.duplicate_kind,
        "copies": [{"id": c.id, "title": c.title, "source": c.source} for c in copies],
        "text": row.text,
        "mentions": [
            {
                "mention_id": m.id,
                "event_id": m.event_id,
                "start": m.char_start,
                "end": m.char_end,
                "quote": m.quote,
                "event_type": m.event_type,
                "sub_event_type": m.sub_event_type,
                "event_date": _iso(m.event_date),
                "location": m.location,
                "extractor": m.extractor,
            }
            for m in mentions
        ],
    }


def public_origin(origin: str) -> str:
    """Where an article came from, as a reader may see it: a URL whole, a file by its name
    only (the folders it sat in on the ingesting machine are nobody's business)."""
    if "://" in origin or origin == "-":
        return origin
    return PurePath(origin).name
