"""Actor profiles: everything the database and the pack hold about one actor, as one dict.

Used by ``orbat actor NAME`` and by the JSON API (``/api/actors/{id}``). A profile is derived
on request, never stored: pack facts keep their public source, facts read from text keep
their evidence, and a candidate actor is profiled from what the text says about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Row, or_, select

from orbat.errors import OrbatError
from orbat.export.actors import (
    ACTOR_EVENT_FIELDS,
    actor_record,
    candidate_record,
    event_ids_by_acled_name,
    event_names,
)
from orbat.export.statements import (
    actor_names,
    claim_record,
    document_index,
    mention_record,
    pack_relation_record,
    text_relation_record,
)
from orbat.extract.statements.records import candidate_id
from orbat.packs import Pack
from orbat.resolve.actors import actor_key, default_resolver
from orbat.store.events import EventFilter
from orbat.store.reviewed import corrected_keys, overlay, reviewed_order, reviewed_query
from orbat.store.schema import actor_candidates, events
from orbat.store.statements import StatementStore

__all__ = ["ActorLookup", "UnknownActor", "actor_profile", "find_actor"]

#: Resolver scores at or above this are spellings of a pack name (exact, key, supported
#: acronym); below it (descriptor, fuzzy, bare acronym) a candidate with the same name wins.
_SURE = 0.9
#: The actor fields an analyst can correct (``orbat review correct --field actor1``).
_ACTOR_FIELDS = ("actor1", "actor2")


class UnknownActor(OrbatError):
    """No actor of the pack and no candidate actor goes by the name or id asked for."""


@dataclass(frozen=True, slots=True)
class ActorLookup:
    """Which actor a name was taken to mean, and how."""

    actor_id: str
    candidate: bool
    score: float
    method: str


def _candidate_rows(engine: Engine) -> list[Row[Any]]:
    with engine.connect() as conn:
        return list(conn.execute(select(actor_candidates)))


def find_actor(engine: Engine, pack: Pack, name: str) -> ActorLookup:
    """The actor ``name`` means: an id, a pack actor's name, or a candidate's name.

    1. An actor id (``kataib-hezbollah``, ``candidate:ya-ali-popular-formations``) as given.
    2. The pack resolver, when it is sure (exact alias, transliteration key, acronym with
       support in the name).
    3. A candidate actor whose name has the same transliteration key.
    4. The resolver's best guess otherwise (descriptor, fuzzy).
    Raises :class:`UnknownActor` when nothing fits.
    """
    query = " ".join(name.split())
    candidates = _candidate_rows(engine)
    # 1.
    if query in pack:
        return ActorLookup(query, False, 1.0, "id")
    for row in candidates:
        if query in (row.id, candidate_id(query)) and row.status != "rejected":
            return ActorLookup(row.id, True, 1.0, "id")
    # 2.
    matches = default_resolver(pack).resolve(query) if query else []
    if matches and matches[0].score >= _SURE:
        return ActorLookup(matches[0].actor_id, False, matches[0].score, matches[0].method)
    # 3.
    key = actor_key(query)
    for row in candidates:
        if key and actor_key(row.name) == key and row.status != "rejected":
            return ActorLookup(row.id, True, 0.95, "candidate-key")
    # 4.
    if matches:
        return ActorLookup(matches[0].actor_id, False, matches[0].score, matches[0].method)
    raise UnknownActor(f"no actor or candidate actor is called {name!r}; see `orbat actors`")


def _event_record(row: Any, names: set[str]) -> dict[str, Any]:
    roles = [
        field
        for field in ACTOR_EVENT_FIELDS
        if names & {p.strip() for p in (getattr(row, field) or "").split(";")}
    ]
    return {
        "event_id": row.id,
        "event_date": row.event_date.isoformat() if row.event_date else None,
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "roles": roles,
        **{field: getattr(row, field) for field in ACTOR_EVENT_FIELDS},
        "location": row.location,
        "admin1": row.admin1,
        "country": row.country,
        "fatalities": row.fatalities,
        "contested": bool(row.contested),
        "sources": row.mention_count,
        "review_status": row.review_status,
    }


def _events(engine: Engine, names: set[str]) -> list[dict[str, Any]]:
    """The events naming one of ``names``, as analysts reviewed them, oldest first: rejected
    and merged-away ones left out, corrected actors, dates and tolls counted (an event an
    analyst gave this actor is in, one whose actor was corrected away is not)."""
    if not names:
        return []
    index = event_ids_by_acled_name(engine)
    ids = set().union(*(index.get(n, set()) for n in names))
    actors_corrected = or_(*(events.c.event_key.in_(corrected_keys(f)) for f in _ACTOR_FIELDS))
    flt = EventFilter(sort="oldest")
    with engine.connect() as conn:
        query = reviewed_query(
            conn, flt, select(events).where(or_(events.c.id.in_(sorted(ids)), actors_corrected))
        )
        rows = overlay(conn, conn.execute(reviewed_order(conn, flt, query)).all())
    records = [_event_record(row, names) for row in rows]
    return [r for r in records if r["roles"]]


def _when(record: dict[str, Any]) -> str:
    return str(record.get("start") or record.get("date") or "")


def actor_profile(
    engine: Engine, pack: Pack, actor_id: str, *, mention_limit: int = 50
) -> dict[str, Any]:
    """Everything about ``actor_id`` (a pack id or a ``candidate:`` id).

    1. Head: the actor's record (:func:`~orbat.export.actors.actor_record`), or a
       candidate's with the evidence it was discovered in.
    2. Relations over time: pack relations (with their public source) and relations read
       from text (with document, quote, date, stance), each with ``direction`` (``out``
       when the actor is the subject), ordered by start or statement date; undated first.
    3. Events it took part in: any ACLED actor field naming one of its ACLED names.
    4. Claims by it (as claimant or speaker) and about it.
    5. Mentions: the count and the first ``mention_limit`` with evidence.
    Raises :class:`UnknownActor` for an id that is neither.
    """
    store = StatementStore(engine)
    names = actor_names(engine, pack)
    # 1.
    if actor_id in pack:
        profile = actor_record(pack.actor(actor_id), pack)
    else:
        found = [row for row in store.candidates() if row.id == actor_id]
        if not found:
            raise UnknownActor(f"no actor or candidate actor has the id {actor_id!r}")
        docs = document_index(engine, [found[0].document_id])
        profile = candidate_record(found[0], docs.get(found[0].document_id))
    # 2.
    relations = [pack_relation_record(r, names) for r in pack.relations_of(actor_id)]
    relations += [text_relation_record(r, names) for r in store.relations(actor_id)]
    for record in relations:
        record["direction"] = "out" if record["subject_id"] == actor_id else "in"
    profile["relations"] = sorted(relations, key=_when)
    # 3.
    profile["events"] = _events(engine, set(event_names(pack, profile)))
    # 4.
    claims = [claim_record(r, names) for r in store.claims(actor_id)]
    profile["claims_by"] = [c for c in claims if actor_id in (c["subject_id"], c["speaker_id"])]
    profile["claims_about"] = [c for c in claims if c["object_id"] == actor_id]
    # 5.
    mentions = store.mentions(actor_id)
    docs = document_index(engine, (m.document_id for m in mentions[:mention_limit]))
    profile["mention_count"] = len(mentions)
    profile["mention_documents"] = len({m.document_id for m in mentions})
    profile["mentions"] = [
        mention_record(m, docs.get(m.document_id), names) for m in mentions[:mention_limit]
    ]
    return profile
