"""The actor listing: the pack's actors, then those only events name, filtered and counted.

Shared by ``/api/actors``, the /actors page and ``orbat.open(db).actors(...)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from orbat.packs import Actor, Pack
from orbat.read.graph import pack_relation, sorted_relations
from orbat.store.reviewed import overlay
from orbat.store.schema import events, reviews

__all__ = [
    "ActorQuery",
    "acled_index",
    "actor_coding",
    "actor_list",
    "actor_slug",
    "event_actor_counts",
    "outside_pack_head",
    "pack_actor_head",
    "split_names",
]

ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def actor_slug(name: str) -> str:
    """A URL id for an actor the events name but the pack does not know ("x-unidentified-…")."""
    return "x-" + re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def split_names(value: str | None) -> list[str]:
    """ACLED packs several associated actors into one cell, separated by "; "."""
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def acled_index(pack: Pack) -> dict[str, Actor]:
    """ACLED names (and the older period names ACLED used), casefolded → pack actor, so an
    event's actor cell finds the actor it names."""
    index: dict[str, Actor] = {}
    for actor in pack:
        index[actor.acled_name.casefold()] = actor
        for alias in actor.aliases:
            if alias.lang == "acled":
                index.setdefault(alias.name.casefold(), actor)
    return index


def event_actor_counts(engine: Engine) -> Counter[str]:
    """How many events name each actor string (actor, associated actor, either side), as
    analysts reviewed them: a corrected actor counts under its new name, a rejected or merged
    event not at all."""
    counts: Counter[str] = Counter()
    reviewed = select(reviews.c.target_key).where(reviews.c.target == "event")
    with engine.connect() as conn:
        query = select(*(events.c[name] for name in ACTOR_COLUMNS))
        for row in conn.execute(query.where(events.c.event_key.not_in(reviewed))):
            counts.update({n for cell in row for n in split_names(cell)})
        # Reviews are few next to events: those events are read with their reviews applied.
        rows = conn.execute(select(events).where(events.c.event_key.in_(reviewed))).all()
        for event in overlay(conn, rows):
            if event.review_status in ("rejected", "merged"):
                continue
            cells = (getattr(event, name) for name in ACTOR_COLUMNS)
            counts.update({n for cell in cells for n in split_names(cell)})
    return counts


def actor_coding(actor: Actor) -> dict[str, Any]:
    """A pack actor's identity and ACLED coding, as every listing and profile starts."""
    return {
        "id": actor.id,
        "name": actor.name,
        "acled_name": actor.acled_name,
        "kind": actor.kind,
        "country": actor.country,
        "inter": actor.inter,
    }


@dataclass(frozen=True, slots=True)
class ActorQuery:
    """Filters of the actor listing (all optional, all ANDed).

    ``q`` is part of a name or alias; ``kind`` the pack's kind ("political_militia", or
    "unknown" for actors only events name); ``country`` the actor's country (exact, any case).
    """

    q: str | None = None
    kind: str | None = None
    country: str | None = None

    def keeps(self, names: list[str], kind: str | None, country: str | None) -> bool:
        needle = (self.q or "").casefold()
        if needle and not any(needle in n.casefold() for n in names):
            return False
        if self.kind and (kind or "unknown") != self.kind:
            return False
        return not (self.country and (country or "").casefold() != self.country.casefold())


def actor_list(
    pack: Pack, by_acled: Mapping[str, Actor], counts: Counter[str], query: ActorQuery
) -> list[dict[str, Any]]:
    """Actors matching ``query``, most events first, with their event counts.

    ``counts`` is how many events name each ACLED name; ``by_acled`` maps casefolded ACLED
    names to pack actors (a name it lacks is an actor only the events know).
    """
    per_actor: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    for name, n in counts.items():
        actor = by_acled.get(name.casefold())
        if actor is not None:
            per_actor[actor.id] += n
        else:
            unknown[name] += n
    out: list[dict[str, Any]] = []
    for actor in pack:
        names = [actor.name, actor.acled_name, *(a.name for a in actor.aliases)]
        if not query.keeps(names, actor.kind, actor.country):
            continue
        out.append(
            {
                **actor_coding(actor),
                "aliases": len(actor.aliases),
                "relations": len(pack.relations_of(actor.id)),
                "events": per_actor.get(actor.id, 0),
                "in_pack": True,
            }
        )
    for name, n in sorted(unknown.items()):
        if not query.keeps([name], None, None):
            continue
        out.append(
            {
                "id": actor_slug(name),
                "name": name,
                "acled_name": name,
                "kind": None,
                "country": None,
                "inter": None,
                "aliases": 0,
                "relations": 0,
                "events": n,
                "in_pack": False,
            }
        )
    out.sort(key=lambda a: (-a["events"], a["name"].casefold()))
    return out


def pack_actor_head(pack: Pack, actor_id: str) -> dict[str, Any]:
    """A pack actor's page head: its coding, dates, aliases, the pack's relations (with their
    source) and the public sources of its entry."""
    actor = pack.actor(actor_id)
    return {
        **actor_coding(actor),
        "start": actor.start,
        "end": actor.end,
        "in_pack": True,
        "aliases": [
            {"name": a.name, "lang": a.lang, "script": a.script, "weak": a.weak}
            for a in actor.aliases
        ],
        "relations": [
            pack_relation(pack, r, actor.id) for r in sorted_relations(pack.relations_of(actor_id))
        ],
        "sources": [
            {
                "key": key,
                "url": pack.sources.get(key, ("", ""))[0],
                "title": pack.sources.get(key, ("", ""))[1],
            }
            for key in actor.sources
        ],
    }


def outside_pack_head(
    actor_id: str,
    name: str,
    *,
    kind: str | None = None,
    acled_name: str | None = None,
    start: dt.date | None = None,
) -> dict[str, Any]:
    """The page head of an actor the pack does not have: a candidate the statement extractor
    discovered (``kind`` candidate, first seen ``start``), or a name only events give."""
    return {
        "id": actor_id,
        "name": name,
        "acled_name": acled_name,
        "kind": kind,
        "country": None,
        "inter": None,
        "start": start.isoformat() if start else None,
        "end": None,
        "in_pack": False,
        "aliases": [],
        "relations": [],
        "sources": [],
    }
