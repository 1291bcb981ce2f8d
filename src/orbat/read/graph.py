"""Actors and their relations as a network: the pack's dated relations, relations read from
text, and who fought whom in the events. Shared by ``/api/graph``, the /network page, actor
profiles and ``orbat.open(db).relations(...)``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, Row, select

from orbat.export.statements import actor_names, statement_review_fields
from orbat.packs import Pack, Relation
from orbat.store.event_filter import EventFilter
from orbat.store.reviewed import corrected_keys, overlay, reviewed_query
from orbat.store.schema import events
from orbat.store.statements import StatementStore

__all__ = ["actor_graph", "holds_on", "pack_relation", "sorted_relations", "text_relation"]

ActorRef = Callable[[str], dict[str, Any]]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def holds_on(relation: Relation, day: str) -> bool:
    """Whether a dated relation holds on ``day`` (bounds may be partial: "2014", "2019-06")."""
    if relation.start and day < relation.start[: len(day)]:
        return False
    return not (relation.end and day[: len(relation.end)] > relation.end)


def sorted_relations(relations: Iterable[Relation]) -> list[Relation]:
    return sorted(relations, key=lambda r: (r.start or "", r.type, r.subject, r.target))


def _direction(subject: str | None, perspective: str | None) -> str | None:
    return None if perspective is None else ("out" if subject == perspective else "in")


def pack_relation(pack: Pack, r: Relation, perspective: str | None = None) -> dict[str, Any]:
    """A pack relation with its citation; ``direction`` as seen from ``perspective``."""

    def name(actor_id: str) -> str:
        return pack.actor(actor_id).name if actor_id in pack else actor_id

    return {
        "subject": r.subject,
        "subject_name": name(r.subject),
        "type": r.type,
        "target": r.target,
        "target_name": name(r.target),
        "start": r.start,
        "end": r.end,
        "stance": r.stance,
        "citation": r.source,
        "citation_title": r.source_title,
        "note": r.note,
        "origin": "pack",
        "evidence": None,
        "direction": _direction(r.subject, perspective),
    }


def text_relation(
    row: Row[Any], known: dict[str, str], perspective: str | None = None
) -> dict[str, Any]:
    """A relation statement read from an article, shaped like a pack relation."""
    return {
        "statement_id": row.id,
        "subject": row.subject_id,
        "subject_name": known.get(row.subject_id or "") or row.subject_text,
        "type": row.predicate,
        "target": row.object_id,
        "target_name": known.get(row.object_id or "") or row.object_text,
        "start": _iso(row.statement_date),
        "end": None,
        "stance": row.stance,
        "citation": row.url,
        "citation_title": row.title or row.outlet,
        "note": f"said by {row.speaker_text}" if row.speaker_text else None,
        "origin": "text",
        "evidence": {
            "document_id": row.document_id,
            "start": row.char_start,
            "end": row.char_end,
            "quote": row.quote,
            "extractor": row.extractor,
        },
        "direction": _direction(row.subject_id, perspective),
        **statement_review_fields(row),
    }


def _edge(edge_id: str, relation: dict[str, Any]) -> dict[str, Any]:
    """A relation record as a graph edge (``source``/``target`` instead of subject/target)."""
    rest = {k: v for k, v in relation.items() if k not in ("subject", "target")}
    return {"id": edge_id, "source": relation["subject"], "target": relation["target"], **rest}


def actor_graph(
    engine: Engine,
    pack: Pack,
    actor_ref: ActorRef,
    *,
    on: dt.date | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    undated: bool = False,
) -> dict[str, Any]:
    """Actors and their relations: the pack's dated relations, and who fought whom.

    ``on`` keeps the relations that hold that day; a pack relation with no start date is
    left out then (nothing says it held that day) unless ``undated`` asks for it.
    ``since``/``until`` bound the events whose two sides become "event" edges.

    1. pack relations (those holding ``on``);
    2. an "event" edge per pair of actors on the two sides of events, weighted by count;
    3. relations read from text between two known actors, up to ``on``;
    4. the nodes: every pack actor (only those with an edge when ``on`` is set), then the
       actors only events or text name.
    """
    day = on.isoformat() if on else None
    edges: list[dict[str, Any]] = []
    # 1.
    for i, r in enumerate(sorted_relations(pack.relations)):
        if day and (not holds_on(r, day) or (not r.start and not undated)):
            continue
        edges.append({**_edge(f"r{i}", pack_relation(pack, r)), "dated": bool(r.start)})
    # 2. (as analysts reviewed the events: rejected ones out, corrected actors and dates)
    last = min((d for d in (on, until) if d), default=None)
    flt = EventFilter(since=since, until=last)
    columns = (events.c.actor1, events.c.actor2, events.c.event_date, events.c.event_key)
    pairs: Counter[tuple[str, str]] = Counter()
    names: dict[str, str] = {}
    with engine.connect() as conn:
        found: Sequence[Any] = conn.execute(reviewed_query(conn, flt, select(*columns))).all()
        if conn.execute(corrected_keys().limit(1)).first() is not None:
            found = overlay(conn, found)
        for row in found:
            if not (row.actor1 and row.actor2):
                continue
            a, b = actor_ref(row.actor1), actor_ref(row.actor2)
            if a["id"] == b["id"]:
                continue
            names.setdefault(a["id"], a["name"])
            names.setdefault(b["id"], b["name"])
            pairs[(a["id"], b["id"])] += 1
    for (a_id, b_id), n in sorted(pairs.items()):
        edges.append(
            {"id": f"e-{a_id}-{b_id}", "source": a_id, "target": b_id, "type": "event", "events": n}
        )
    # 3.
    known = actor_names(engine, pack)
    for rel in StatementStore(engine).relations(since=since, until=until or on):
        if not (rel.subject_id and rel.object_id) or rel.subject_id == rel.object_id:
            continue
        names.setdefault(rel.subject_id, known.get(rel.subject_id, rel.subject_text))
        names.setdefault(rel.object_id, known.get(rel.object_id, rel.object_text))
        edges.append(_edge(f"t{rel.id}", text_relation(rel, known)))
    # 4.
    used = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [
        {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "country": actor.country,
            "in_pack": True,
        }
        for actor in pack
        if actor.id in used or not day
    ]
    for actor_id, name in sorted(names.items()):
        if actor_id not in pack:
            kind = "candidate" if actor_id.startswith("candidate:") else None
            nodes.append(
                {"id": actor_id, "name": name, "kind": kind, "country": None, "in_pack": False}
            )
    return {"nodes": nodes, "edges": edges, "on": day}
