"""FollowTheMoney entities (JSON lines) for Aleph, OpenSanctions tooling and ``ftm`` itself.

Built with followthemoney's model API, so every value is cleaned and checked against the FtM
schema as it is added (countries become codes, dates ISO, ids and URLs validated):

* actors → ``Organization`` (pack actors and candidates; ``mil`` topic for armed ones);
* leaders a text names that are no actor → ``Person``;
* part-of → ``Membership``; led-by → ``Directorship``; every other relation (front-for,
  backed-by, allied-with, hostile-to, splinter-of, merged-into) and every claim between
  two actors → ``UnknownLink`` with the relation or claim as its ``role``;
* events → ``Event`` (date, place, country, the actors involved, claims about it);
* every article a fact was read from → ``Article``, linked as ``proof``.

Provenance travels with each entity: ``sourceUrl`` (the pack's public source or the article's
URL), ``proof`` (the Article), the quote in ``description`` and the extractor in ``summary``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import Engine, select

from orbat.export.actors import ACTOR_EVENT_FIELDS, actor_records, event_names
from orbat.export.statements import actor_names
from orbat.packs import Pack, load_pack
from orbat.store.events import EventStore
from orbat.store.schema import documents
from orbat.store.statements import StatementStore

__all__ = ["ftm_entities", "write_ftm"]

# Actor kinds that are armed forces (FtM topic "mil"); ACLED's civilians, protesters and
# rioters are actors of events but no military.
_ARMED = frozenset(
    {
        "state_forces",
        "rebel_group",
        "political_militia",
        "identity_militia",
        "external_forces",
        "unidentified",
    }
)


def _id(*parts: object) -> str:
    """An FtM entity id: ``orbat-`` and the parts, with characters FtM ids refuse as ``-``."""
    return "orbat-" + "-".join(re.sub(r"[^0-9A-Za-z.]+", "-", str(p)).strip("-") for p in parts)


def _entity(schema: str, entity_id: str, **props: Any) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for name, value in props.items():
        if value is None or value == "" or value == []:
            continue
        proxy.add(name, value)
    return proxy


class _Builder:
    """Collects entities, remembering which documents are cited so each becomes an Article."""

    def __init__(self, engine: Engine, pack: Pack) -> None:
        self.engine, self.pack = engine, pack
        self.names = actor_names(engine, pack)
        self.actor_ids: dict[str, str] = {}  # orbat actor id → FtM entity id
        self.cited: set[int] = set()

    def document(self, document_id: int) -> str:
        self.cited.add(int(document_id))
        return _id("document", document_id)

    # 1. actors
    def actors(self) -> Iterator[EntityProxy]:
        for record in actor_records(self.engine, self.pack):
            if record["status"] == "rejected":
                continue
            entity_id = _id("actor", record["id"])
            self.actor_ids[record["id"]] = entity_id
            aliases = [a for a in record["aliases"] if a["lang"] != "acled"]
            evidence = record["evidence"]
            summary = f"ACLED actor: {record['acled_name']}"
            if record["inter"] is not None:
                summary += f" (inter {record['inter']})"
            if record["candidate"]:
                summary += f"; candidate actor found in text ({record['status']})"
            yield _entity(
                "Organization",
                entity_id,
                name=record["name"],
                alias=[a["name"] for a in aliases if not a["weak"] and a["name"] != record["name"]],
                weakAlias=[a["name"] for a in aliases if a["weak"]],
                country=record["country"],
                classification=record["kind"],
                topics="mil" if record["kind"] in _ARMED else None,
                incorporationDate=record["start"],
                dissolutionDate=record["end"],
                summary=summary,
                description=f"“{evidence['quote']}”" if evidence else None,
                sourceUrl=[s["url"] for s in record["sources"]]
                + ([evidence["url"]] if evidence and evidence["url"] else []),
                proof=self.document(evidence["document_id"]) if evidence else None,
                keywords=record["id"],
            )

    # 2. relations
    def relations(self) -> Iterator[EntityProxy]:
        for i, rel in enumerate(self.pack.relations):
            if rel.subject not in self.actor_ids or rel.target not in self.actor_ids:
                continue
            yield self._link(
                _id("relation", "pack", i),
                rel.type,
                self.actor_ids[rel.subject],
                self.actor_ids[rel.target],
                status=rel.stance,
                startDate=rel.start,
                endDate=rel.end,
                sourceUrl=rel.source,
                publisher=rel.source_title,
                description=rel.note,
                summary=f"{self.names[rel.subject]} {rel.type} {self.names[rel.target]}",
            )
        for row in StatementStore(self.engine).relations():
            subject = self.actor_ids.get(row.subject_id or "")
            target = self.actor_ids.get(row.object_id or "")
            if subject is None:
                continue
            if target is None and row.predicate == "led-by" and row.object_text:
                # A leader the text names who is no actor: a Person directing the group.
                digest = hashlib.sha1(row.object_text.casefold().encode()).hexdigest()[:16]
                target = _id("person", digest)
                yield _entity("Person", target, name=row.object_text, sourceUrl=row.url)
            if target is None:
                continue
            yield self._link(
                _id("relation", "statement", row.id),
                row.predicate,
                subject,
                target,
                status=row.stance,
                date=row.statement_date.isoformat() if row.statement_date else None,
                sourceUrl=row.url,
                publisher=row.outlet,
                description=f"“{row.quote}”",
                summary=f"{row.subject_text} {row.predicate} {row.object_text}; {row.extractor}",
                proof=self.document(row.document_id),
            )

    @staticmethod
    def _link(entity_id: str, kind: str, subject: str, target: str, **props: Any) -> EntityProxy:
        if kind == "part-of":
            return _entity("Membership", entity_id, member=subject, organization=target, **props)
        if kind == "led-by":
            return _entity(
                "Directorship", entity_id, organization=subject, director=target, role=kind, **props
            )
        return _entity("UnknownLink", entity_id, subject=subject, object=target, role=kind, **props)

    # 3. claims between two actors
    def claims(self) -> Iterator[EntityProxy]:
        for row in StatementStore(self.engine).claims():
            subject = self.actor_ids.get(row.subject_id or "")
            target = self.actor_ids.get(row.object_id or "")
            if subject is None or target is None:
                continue
            yield _entity(
                "UnknownLink",
                _id("claim", row.id),
                subject=subject,
                object=target,
                role=row.predicate,
                status=row.stance,
                date=row.statement_date.isoformat() if row.statement_date else None,
                sourceUrl=row.url,
                publisher=row.outlet,
                description=f"“{row.quote}”",
                summary=f"{row.subject_text} {row.predicate} {row.object_text}; {row.extractor}",
                proof=self.document(row.document_id),
            )

    # 4. events
    def events(self) -> Iterator[EntityProxy]:
        by_acled: dict[str, list[str]] = {}
        for record in actor_records(self.engine, self.pack):
            if record["id"] in self.actor_ids:
                for name in event_names(self.pack, record):
                    by_acled.setdefault(name, []).append(self.actor_ids[record["id"]])
        claims: dict[int, list[str]] = {}
        for row in StatementStore(self.engine).claims():
            if row.event_id is not None:
                line = f"{row.subject_text or row.speaker_text} {row.predicate}: “{row.quote}”"
                claims.setdefault(row.event_id, []).append(line)
        store = EventStore(self.engine)
        offset = 0
        while rows := store.events(limit=500, offset=offset):
            offset += len(rows)
            mentions = store.mentions([r.id for r in rows])
            for row in rows:
                yield self._event(row, mentions[row.id], by_acled, claims.get(row.id, []))

    def _event(
        self, row: Any, mentions: list[Any], by_acled: dict[str, list[str]], claims: list[str]
    ) -> EntityProxy:
        involved: list[str] = []
        for field in ACTOR_EVENT_FIELDS:
            for name in (getattr(row, field) or "").split(";"):
                involved += by_acled.get(name.strip(), [])
        place = ", ".join(dict.fromkeys(x for x in (row.location, row.admin1, row.country) if x))
        quotes = [f"“{m.quote}” ({m.title or m.external_id or m.document_id})" for m in mentions]
        return _entity(
            "Event",
            _id("event", row.id),
            name=f"{row.sub_event_type}: {place or 'unknown place'}"
            + (f", {row.event_date.isoformat()}" if row.event_date else ""),
            date=row.event_date.isoformat() if row.event_date else None,
            location=place,
            country=row.country,
            involved=list(dict.fromkeys(involved)),
            summary=row.notes,
            description="\n".join(quotes + claims),
            keywords=[row.event_type, row.sub_event_type, "contested" if row.contested else ""],
            sourceUrl=[m.url for m in mentions if m.url],
            proof=[self.document(m.document_id) for m in mentions],
        )

    # 5. the articles cited by everything above
    def articles(self) -> Iterator[EntityProxy]:
        ids = sorted(self.cited)
        for start in range(0, len(ids), 500):
            query = select(documents).where(documents.c.id.in_(ids[start : start + 500]))
            with self.engine.connect() as conn:
                rows = list(conn.execute(query))
            for row in rows:
                yield _entity(
                    "Article",
                    _id("document", row.id),
                    title=row.title or row.external_id or f"document {row.id}",
                    bodyText=row.text,
                    publishedAt=row.published.isoformat() if row.published else None,
                    publisher=row.source,
                    sourceUrl=row.url,
                    language=row.language,
                    contentHash=row.content_hash,
                    keywords=row.external_id,
                )


def ftm_entities(engine: Engine, pack: Pack) -> Iterator[EntityProxy]:
    """Every entity, actors first (links refer to them), the cited articles last."""
    builder = _Builder(engine, pack)
    yield from builder.actors()
    yield from builder.relations()
    yield from builder.claims()
    yield from builder.events()
    yield from builder.articles()


def write_ftm(engine: Engine, out: IO[str], *, pack: Pack | None = None) -> int:
    """FollowTheMoney entities as JSON lines (``ftm validate`` accepts them; Aleph loads them),
    with ``pack``'s actors (default: the selected pack)."""
    count = 0
    for entity in ftm_entities(engine, pack if pack is not None else load_pack()):
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
