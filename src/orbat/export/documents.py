"""Documents as JSON lines: one object per stored article, with its duplicate cluster."""

from __future__ import annotations

import json
from typing import IO, Any

from sqlalchemy import Engine, Row

from orbat.store import DocumentStore

__all__ = ["document_record", "write_documents_jsonl"]


def document_record(row: Row[Any]) -> dict[str, Any]:
    """The public JSON shape of one stored article."""
    return {
        "id": row.id,
        "external_id": row.external_id,
        "url": row.url,
        "title": row.title,
        "published": row.published.isoformat() if row.published else None,
        "source": row.source,
        "text": row.text,
        "duplicate_cluster": row.cluster_id,
        "duplicate_kind": row.duplicate_kind,
        "origin": row.origin,
        "locator": row.locator,
        "format": row.format,
        "language": row.language,
        "extra": json.loads(row.extra) if getattr(row, "extra", None) else {},
    }


def write_documents_jsonl(engine: Engine, out: IO[str]) -> int:
    """Write every stored article to ``out``; return how many were written."""
    count = 0
    for row in DocumentStore(engine).iter_all():
        out.write(json.dumps(document_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count
