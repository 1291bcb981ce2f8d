"""Actors out: the pack's actors and the candidates found in text, with their counts.

One record shape serves ``actors-jsonl``, the ``orbat actors`` table and the head of an actor
profile. Candidates (groups the pack does not know, found in text and awaiting review) are
listed beside the pack's actors, flagged ``candidate`` and carrying the evidence they were
discovered in.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from sqlalchemy import Engine, Row, select

from orbat.export.statements import document_index, evidence_record
from orbat.packs import Actor, Pack, load_pack
from orbat.store.schema import events
from orbat.store.statements import StatementStore

__all__ = [
    "ACTOR_EVENT_FIELDS",
    "ActorCounts",
    "acled_names",
    "actor_counts",
    "actor_record",
    "actor_records",
    "candidate_record",
    "event_ids_by_acled_name",
    "event_names",
    "write_actors_jsonl",
]

#: The event columns that name actors, as ACLED codes them.
ACTOR_EVENT_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def acled_names(actor: Actor) -> tuple[str, ...]:
    """Every name ACLED has used for the actor: the exported one and older period names
    (aliases with ``lang: acled``), so events coded under any of them are found."""
    older = (a.name for a in actor.aliases if a.lang == "acled")
    return tuple(dict.fromkeys((actor.acled_name, *older)))


def event_names(pack: Pack, record: dict[str, Any]) -> tuple[str, ...]:
    """The ACLED names under which an event is the actor's (``record`` from :func:`actor_record`
    or :func:`candidate_record`).

    A unit that shares its parent's ACLED name (CENTCOM and the US military, the Tribal
    Mobilization and the PMF, the Iraqi Army and the Iraqi Security Forces) leaves those events
    to the parent: ACLED's name cannot tell them apart, and it names the parent.
    """
    names = tuple(record["acled_names"])
    if record["candidate"]:
        return names
    parents = {
        r.target for r in pack.relations if r.subject == record["id"] and r.type == "part-of"
    }
    taken = {n for p in parents if p in pack for n in acled_names(pack.actor(p))}
    return tuple(n for n in names if n not in taken)


def _split(value: str | None) -> list[str]:
    # ACLED joins several associated actors with "; ".
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def event_ids_by_acled_name(engine: Engine) -> dict[str, set[int]]:
    """ACLED actor name → ids of the events that name it in any actor field (one query)."""
    index: dict[str, set[int]] = defaultdict(set)
    query = select(events.c.id, *(events.c[f] for f in ACTOR_EVENT_FIELDS))
    with engine.connect() as conn:
        for row in conn.execute(query):
            for field in ACTOR_EVENT_FIELDS:
                for name in _split(getattr(row, field)):
                    index[name].add(int(row.id))
    return index


def actor_record(actor: Actor, pack: Pack) -> dict[str, Any]:
    """A pack actor: coding, aliases with their script and weak flag, and its sources."""
    titles = dict(pack.sources.values())
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "acled_name": actor.acled_name,
        "acled_names": list(acled_names(actor)),
        "inter": actor.inter,
        "candidate": False,
        "status": "pack",
        "start": actor.start,
        "end": actor.end,
        "aliases": [
            {
                "name": a.name,
                "lang": a.lang,
                "script": a.script,
                "weak": a.weak,
                "cues": list(a.cues),
                "source": a.source,
            }
            for a in actor.aliases
        ],
        "sources": [{"url": url, "title": titles.get(url)} for url in actor.sources],
        "evidence": None,
    }


def candidate_record(row: Row[Any], document: Row[Any] | None) -> dict[str, Any]:
    """A discovered actor: what the text says it is, its review status and first evidence.

    ACLED codes a new group under its own name, so that is its ``acled_name`` until review.
    """
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "country": row.country,
        "acled_name": row.name,
        "acled_names": [row.name],
        "inter": None,
        "candidate": True,
        "status": row.status,
        "start": None,
        "end": None,
        "aliases": [],
        "sources": [],
        "evidence": evidence_record(
            document_id=row.document_id,
            document=document,
            start=row.char_start,
            end=row.char_end,
            quote=row.quote,
            extractor=row.extractor,
        ),
    }


def actor_records(engine: Engine, pack: Pack, *, status: str | None = None) -> list[dict[str, Any]]:
    """The pack's actors, then every candidate (of ``status``, if given) in discovery order."""
    records = [actor_record(actor, pack) for actor in pack.actors]
    rows = StatementStore(engine).candidates(status)
    docs = document_index(engine, (r.document_id for r in rows))
    records += [candidate_record(r, docs.get(r.document_id)) for r in rows if r.id not in pack]
    return records


@dataclass(frozen=True, slots=True)
class ActorCounts:
    """How much the database holds about each actor id."""

    mentions: dict[str, int]
    events: dict[str, int]
    relations: dict[str, int]


def actor_counts(engine: Engine, pack: Pack, records: Iterable[dict[str, Any]]) -> ActorCounts:
    """Mentions, events (by ACLED name) and relations (pack + text) of every actor record."""
    by_name = event_ids_by_acled_name(engine)
    event_counts = {}
    for record in records:
        ids: set[int] = set()
        for name in event_names(pack, record):
            ids |= by_name.get(name, set())
        event_counts[record["id"]] = len(ids)
    relations: dict[str, int] = defaultdict(int)
    for rel in pack.relations:
        relations[rel.subject] += 1
        relations[rel.target] += 1
    for row in StatementStore(engine).relations():
        for side in {row.subject_id, row.object_id} - {None}:
            relations[side] += 1
    return ActorCounts(
        mentions=StatementStore(engine).mention_counts(),
        events=event_counts,
        relations=dict(relations),
    )


def write_actors_jsonl(engine: Engine, out: IO[str], *, pack: Pack | None = None) -> int:
    """Every actor (``pack``'s, default the selected one, and candidates) with its mention,
    event and relation counts."""
    pack = pack if pack is not None else load_pack()
    records = actor_records(engine, pack)
    counts = actor_counts(engine, pack, records)
    for record in records:
        record["mention_count"] = counts.mentions.get(record["id"], 0)
        record["event_count"] = counts.events.get(record["id"], 0)
        record["relation_count"] = counts.relations.get(record["id"], 0)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)
