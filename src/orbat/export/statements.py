"""Statements out: relations (pack and text), claims and actor mentions as JSON records.

Every record read from text carries its evidence in one shape, :func:`evidence_record`, so a
reader can open the article at the quoted span; pack relations carry their public source
instead. The same records feed the JSON lines exports, the actor profile and the graph
exports, so all of them say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, Any

from sqlalchemy import Engine, Row, select

from orbat.packs import Pack, Relation, load_pack
from orbat.store.schema import actor_candidates, documents
from orbat.store.statements import StatementStore

__all__ = [
    "actor_names",
    "claim_record",
    "document_index",
    "evidence_record",
    "mention_record",
    "pack_relation_record",
    "statement_review_fields",
    "text_relation_record",
    "write_claims_jsonl",
    "write_mentions_jsonl",
    "write_relations_jsonl",
]


def _iso(value: date | str | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def actor_names(engine: Engine, pack: Pack) -> dict[str, str]:
    """Display name of every actor id a statement can name: the pack's and the candidates'."""
    names = {actor.id: actor.name for actor in pack.actors}
    with engine.connect() as conn:
        for candidate_id, name in conn.execute(
            select(actor_candidates.c.id, actor_candidates.c.name)
        ):
            names.setdefault(str(candidate_id), str(name))
    return names


def document_index(engine: Engine, ids: Iterable[int]) -> dict[int, Row[Any]]:
    """External id, url, title, outlet and date of the documents ``ids`` (one query)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(
        documents.c.id,
        documents.c.external_id,
        documents.c.url,
        documents.c.title,
        documents.c.source,
        documents.c.published,
    ).where(documents.c.id.in_(wanted))
    with engine.connect() as conn:
        rows: list[Row[Any]] = list(conn.execute(query))
    return {int(row.id): row for row in rows}


def evidence_record(
    *,
    document_id: int,
    document: Row[Any] | None,
    start: int,
    end: int,
    quote: str,
    extractor: str,
) -> dict[str, Any]:
    """Where a statement was read: the document (id, external id, url, title, published),
    the character span of the quote in its stored text, and the extractor's versioned name."""
    return {
        "document_id": document_id,
        "document_external_id": document.external_id if document is not None else None,
        "url": document.url if document is not None else None,
        "title": document.title if document is not None else None,
        "published": _iso(document.published) if document is not None else None,
        "start": start,
        "end": end,
        "quote": quote,
        "extractor": extractor,
    }


def _statement_evidence(row: Row[Any]) -> dict[str, Any]:
    # StatementStore's reads already join the document, so no second lookup is needed.
    return {
        "document_id": row.document_id,
        "document_external_id": row.document_external_id,
        "url": row.url,
        "title": row.title,
        "published": _iso(row.published),
        "start": row.char_start,
        "end": row.char_end,
        "quote": row.quote,
        "extractor": row.extractor,
    }


def statement_review_fields(row: Any) -> dict[str, Any]:
    """How analysts reviewed a relation or claim (``orbat review``; see
    :class:`~orbat.store.statement_reviews.ReviewedStatement`): its status, the corrected
    fields and what the extractor said in them; nobody's review for a pack relation."""

    def get(name: str) -> Any:
        return row.get(name) if isinstance(row, dict) else getattr(row, name, None)

    return {
        "review_status": get("review_status"),
        "corrected": list(get("corrected") or []),
        "machine_values": dict(get("machine_values") or {}),
        "reviewed_by": get("reviewed_by"),
        "reviewed_at": get("reviewed_at"),
    }


def pack_relation_record(relation: Relation, names: Mapping[str, str]) -> dict[str, Any]:
    """A reviewed pack relation: dated, with the public source that states it."""
    return {
        "origin": "pack",
        "statement_id": None,
        "type": relation.type,
        "subject_id": relation.subject,
        "subject_name": names.get(relation.subject),
        "subject_text": "",
        "object_id": relation.target,
        "object_name": names.get(relation.target),
        "object_text": "",
        "stance": relation.stance,
        "speaker_id": None,
        "speaker_text": "",
        "start": relation.start,
        "end": relation.end,
        "date": None,
        "event_id": None,
        "note": relation.note,
        "source": {"url": relation.source, "title": relation.source_title},
        "evidence": None,
        # Pack relations are reviewed data files, not `orbat review`'s: no status of their own.
        **statement_review_fields({}),
    }


def text_relation_record(row: Row[Any], names: Mapping[str, str]) -> dict[str, Any]:
    """A relation read from an article (same keys as :func:`pack_relation_record`), with
    the words the text used for either side, its stance, date and evidence."""
    return {
        "origin": "text",
        "statement_id": row.id,
        "type": row.predicate,
        "subject_id": row.subject_id,
        "subject_name": names.get(row.subject_id) if row.subject_id else None,
        "subject_text": row.subject_text,
        "object_id": row.object_id,
        "object_name": names.get(row.object_id) if row.object_id else None,
        "object_text": row.object_text,
        "stance": row.stance,
        "speaker_id": row.speaker_id,
        "speaker_text": row.speaker_text,
        "start": None,
        "end": None,
        "date": _iso(row.statement_date),
        "event_id": row.event_id,
        "note": None,
        "source": None,
        "evidence": _statement_evidence(row),
        **statement_review_fields(row),
    }


def claim_record(row: Row[Any], names: Mapping[str, str]) -> dict[str, Any]:
    """A claim (claimed, denied, accused, threatened, reported): who says it, about whom,
    about which event, in which stance, with its evidence."""
    return {
        "statement_id": row.id,
        "predicate": row.predicate,
        "subject_id": row.subject_id,
        "subject_name": names.get(row.subject_id) if row.subject_id else None,
        "subject_text": row.subject_text,
        "object_id": row.object_id,
        "object_name": names.get(row.object_id) if row.object_id else None,
        "object_text": row.object_text,
        "speaker_id": row.speaker_id,
        "speaker_text": row.speaker_text,
        "stance": row.stance,
        "date": _iso(row.statement_date),
        "event_id": row.event_id,
        "evidence": _statement_evidence(row),
        **statement_review_fields(row),
    }


def mention_record(
    row: Row[Any], document: Row[Any] | None, names: Mapping[str, str]
) -> dict[str, Any]:
    """A span that names an actor; its quote is the span itself."""
    return {
        "mention_id": row.id,
        "actor_id": row.actor_id,
        "actor_name": names.get(row.actor_id),
        "surface": row.surface,
        "score": row.score,
        "evidence": evidence_record(
            document_id=row.document_id,
            document=document,
            start=row.char_start,
            end=row.char_end,
            quote=row.surface,
            extractor=row.extractor,
        ),
    }


def _write(out: IO[str], records: Iterable[dict[str, Any]]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_relations_jsonl(engine: Engine, out: IO[str], *, pack: Pack | None = None) -> int:
    """``pack``'s relations first (reviewed, sourced; default: the selected pack), then
    relations read from text, oldest first, as analysts reviewed them (corrected values;
    those rejected left out)."""
    pack = pack if pack is not None else load_pack()
    names = actor_names(engine, pack)
    count = _write(out, (pack_relation_record(r, names) for r in pack.relations))
    rows = StatementStore(engine).relations()
    return count + _write(out, (text_relation_record(r, names) for r in rows))


def write_claims_jsonl(engine: Engine, out: IO[str], *, pack: Pack | None = None) -> int:
    """Claims read from text, oldest first, as analysts reviewed them (corrected values;
    those rejected left out), actors named as ``pack`` (default: the selected one) names
    them."""
    names = actor_names(engine, pack if pack is not None else load_pack())
    rows = StatementStore(engine).claims()
    return _write(out, (claim_record(r, names) for r in rows))


def write_mentions_jsonl(engine: Engine, out: IO[str], *, pack: Pack | None = None) -> int:
    """Actor mentions, actors named as ``pack`` (default: the selected one) names them."""
    names = actor_names(engine, pack if pack is not None else load_pack())
    rows = StatementStore(engine).mentions()
    docs = document_index(engine, (r.document_id for r in rows))
    return _write(out, (mention_record(r, docs.get(r.document_id), names) for r in rows))
