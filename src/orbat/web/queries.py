"""The reads the web UI and JSON API make, as plain JSON-ready dicts (SELECTs only): events,
the overview, the map and timeline, actors, the graph and search here; articles, event claims,
actor page heads and weekly counts in `orbat.read` (documents, claims, actors, charts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from typing import Any

from sqlalchemy import Engine, Row, and_, func, or_, select, true

from orbat.errors import NotFound
from orbat.export.events import review_fields
from orbat.export.statements import actor_names, claim_record
from orbat.packs import Pack
from orbat.read.actors import (
    ACTOR_COLUMNS,
    ActorQuery,
    acled_index,
    actor_list,
    actor_slug,
    event_actor_counts,
    outside_pack_head,
    pack_actor_head,
    split_names,
)
from orbat.read.charts import per_week
from orbat.read.claims import event_claims, statement_claim
from orbat.read.documents import document_page, document_view
from orbat.read.events import EventQuery
from orbat.read.graph import actor_graph, text_relation
from orbat.read.search import document_hits, query_terms
from orbat.records.events import ACLED_FIELDS
from orbat.store.documents import DocumentStore
from orbat.store.events import EventFilter, EventStore
from orbat.store.reviewed import (
    ReviewedEvent,
    anything_hidden,
    corrected_keys,
    hidden_keys,
    overlay,
    reviewed_order,
    reviewed_query,
)
from orbat.store.schema import event_mentions, events
from orbat.store.statements import StatementStore
from orbat.taxonomy import EVENT_TYPES

__all__ = ["TYPE_COLOURS", "EventQuery", "NotFound", "WebQueries", "actor_slug"]

#: One colour per ACLED event type, shared by the map, the charts and the timeline.
TYPE_COLOURS: dict[str, str] = dict(
    zip(
        EVENT_TYPES, ("#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#1f77b4"), strict=True
    )
)

#: Seconds a listing's total may be reused (see ``WebQueries._count``).
COUNT_TTL = 5.0


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class WebQueries:
    """Read-only views over the stores and the actor pack, shaped for pages and the API."""

    def __init__(self, engine: Engine, pack: Pack) -> None:
        self.engine = engine
        self.pack = pack
        self.events_store = EventStore(engine)
        self.documents_store = DocumentStore(engine)
        self.statements = StatementStore(engine)
        # An event's actor cell links to the actor's page.
        self._by_acled = acled_index(pack)
        self._refs: dict[str, dict[str, Any]] = {}
        self._counts: dict[tuple[Any, ...], tuple[float, int]] = {}

    # -- actors names --------------------------------------------------------------------
    def actor_ref(self, name: str) -> dict[str, Any]:
        """An actor named in an event, with the id of its page."""
        ref = self._refs.get(name)
        if ref is None:
            actor = self._by_acled.get(name.casefold())
            if actor is not None:
                ref = {"id": actor.id, "name": name, "in_pack": True}
            else:
                ref = {"id": actor_slug(name), "name": name, "in_pack": False}
            # Few distinct names recur in every listing; the pack never changes while serving.
            if len(self._refs) < 50_000:
                self._refs[name] = ref
        return dict(ref)

    def _names_of(self, actor_id: str) -> set[str] | None:
        """Every ACLED name an actor's events may carry (casefolded); None if unknown."""
        if actor_id in self.pack:
            actor = self.pack.actor(actor_id)
            names = {actor.acled_name.casefold()}
            names.update(a.name.casefold() for a in actor.aliases if a.lang == "acled")
            return names
        if actor_id.startswith("candidate:"):
            for row in self.statements.candidates():
                if row.id == actor_id:
                    return {str(row.name).casefold()}
            return None
        for name in self._event_actor_counts():
            if actor_slug(name) == actor_id:
                return {name.casefold()}
        return None

    def _event_actor_counts(self) -> Counter[str]:
        return event_actor_counts(self.engine)

    # -- stats ---------------------------------------------------------------------------
    def stats(self, *, weeks: int = 26, top: int = 10) -> dict[str, Any]:
        """Counts, date range, events per type, per week by type, most active actors."""
        docs = self.documents_store.stats()
        with self.engine.connect() as conn:
            # Events analysts rejected or merged away are not counted (orbat.store.reviewed);
            # while none is, the condition is left out so the counts stay instant.
            shown = events.c.event_key.not_in(hidden_keys()) if anything_hidden(conn) else true()
            total = conn.execute(select(func.count()).select_from(events).where(shown)).scalar_one()
            contested = conn.execute(
                select(func.count()).select_from(events).where(events.c.contested.is_(True), shown)
            ).scalar_one()
            mentions = conn.execute(select(func.count()).select_from(event_mentions)).scalar_one()
            first, last = conn.execute(
                select(func.min(events.c.event_date), func.max(events.c.event_date)).where(shown)
            ).one()
            by_type: dict[str, int] = dict(
                conn.execute(
                    select(events.c.event_type, func.count())
                    .where(shown)
                    .group_by(events.c.event_type)
                ).all()
            )
            dated: list[tuple[Any, Any]] = [
                tuple(r)
                for r in conn.execute(
                    select(events.c.event_date, events.c.event_type).where(
                        events.c.event_date.is_not(None), shown
                    )
                )
            ]
            if conn.execute(corrected_keys().limit(1)).first() is not None:
                # Types, dates and the week chart as analysts corrected them (corrections are
                # few; while there is none, the machine's columns are the reviewed ones).
                cols = (events.c.event_key, events.c.event_date, events.c.event_type)
                rows = overlay(conn, list(conn.execute(select(*cols).where(shown))))
                by_type = dict(Counter(r.event_type for r in rows))
                dated = [(r.event_date, r.event_type) for r in rows if r.event_date]
                days = [d for d, _ in dated]
                first, last = (min(days), max(days)) if days else (None, None)
        actors = self._event_actor_counts()
        return {
            "documents": docs["documents"],
            "duplicate_clusters": docs["clusters"],
            # Articles stored but passed over by extraction (too long, over time, failed).
            "extraction_skipped": docs["extraction_skipped"],
            "extraction_skips": docs["extraction_skips"],
            "events": total,
            "contested_events": contested,
            "event_mentions": mentions,
            "actors_in_pack": len(self.pack),
            "pack_relations": len(self.pack.relations),
            **{f"text_{k}": v for k, v in self.statements.counts().items()},
            "event_date_from": _iso(first),
            "event_date_to": _iso(last),
            "published_from": _iso(docs["published_from"]),
            "published_to": _iso(docs["published_to"]),
            "events_by_type": {t: by_type.get(t, 0) for t in EVENT_TYPES if by_type.get(t)},
            "events_per_week": per_week(((d, t) for d, t in dated), weeks=weeks, last=last),
            "top_actors": [
                {**self.actor_ref(name), "events": n} for name, n in actors.most_common(top)
            ],
        }

    # -- events --------------------------------------------------------------------------
    def events(self, query: EventQuery, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """One page of events, newest first, with the total that match."""
        flt = query.to_filter()
        rows = self.events_store.events(flt, limit=limit, offset=offset)
        return {
            "total": self._count(query, flt),
            "limit": limit,
            "offset": offset,
            "items": [self._event_summary(row) for row in rows],
        }

    def _count(self, query: EventQuery, flt: EventFilter) -> int:
        """How many events match, remembered for a few seconds.

        Counting a filtered listing scans the table (substring filters cannot use an index)
        and costs as much as the page itself; an analyst paging through one filter asks the
        same count again and again. A total at most ``COUNT_TTL`` seconds old is good enough
        while an ingest runs; the page's rows are always read fresh.
        """
        key = dataclasses.astuple(query)
        now = time.monotonic()
        cached = self._counts.get(key)
        if cached is not None and now - cached[0] < COUNT_TTL:
            return cached[1]
        total = self.events_store.count(flt)
        if len(self._counts) > 1_000:
            self._counts.clear()
        self._counts[key] = (now, total)
        return total

    def _event_summary(self, row: Row[Any] | ReviewedEvent) -> dict[str, Any]:
        """An event row as ACLED's fields (as ``acled_row`` gives them) plus orbat's extras.

        Built from the row's mapping in one pass: this runs 50 times per listing request.
        """
        values = row._mapping
        record: dict[str, Any] = {"id": values["id"]}
        for name in ACLED_FIELDS:
            value = values.get(name)
            record[name] = value.isoformat() if isinstance(value, dt.date) else value
        record["fatalities_reported"] = values["fatalities_reported"]
        record["contested"] = bool(values["contested"])
        record["sources_count"] = values["mention_count"]
        if isinstance(row, ReviewedEvent):  # as analysts reviewed it (orbat.store.reviewed)
            record.update(review_fields(row))
        record["actors"] = [
            self.actor_ref(name) for col in ACTOR_COLUMNS for name in split_names(values[col])
        ]
        return record

    def event(self, event_id: int) -> dict[str, Any]:
        """One event with every source: its document, evidence span and quote, and its claims."""
        with self.engine.connect() as conn:
            found = conn.execute(select(events).where(events.c.id == event_id)).first()
            if found is None:
                raise NotFound(f"no event {event_id}")
            row = overlay(conn, [found])[0]
        record = self._event_summary(row)
        record["extractor"] = row.extractor
        sources = []
        for m in self.events_store.mentions([event_id])[event_id]:
            sources.append(
                {
                    "mention_id": m.id,
                    "document_id": m.document_id,
                    "document_external_id": m.external_id,
                    "title": m.title,
                    "url": m.url,
                    "outlet": m.outlet,
                    "cluster": m.cluster,
                    "evidence": {
                        "document_id": m.document_id,
                        "start": m.char_start,
                        "end": m.char_end,
                        "quote": m.quote,
                        "extractor": m.extractor,
                    },
                    "stance": m.stance,
                    "event_date": _iso(m.event_date),
                    "location": m.location,
                    "fatalities": m.fatalities,
                    "sub_event_type": m.sub_event_type,
                }
            )
        record["sources"] = sources
        known = actor_names(self.engine, self.pack)
        record["claims"] = event_claims(record, sources) + [
            statement_claim(claim_record(r, known))
            for r in self.statements.claims(event_id=event_id, include_rejected=True)
        ]
        return record

    def event_points(self, query: EventQuery, *, limit: int = 20_000) -> dict[str, Any]:
        """Events with coordinates as a GeoJSON FeatureCollection (for the map)."""
        flt = query.to_filter()
        cols = (
            events.c.id,
            events.c.event_date,
            events.c.event_type,
            events.c.sub_event_type,
            events.c.location,
            events.c.country,
            events.c.latitude,
            events.c.longitude,
            events.c.fatalities,
            events.c.contested,
            events.c.event_key,
        )
        located = or_(
            and_(events.c.latitude.is_not(None), events.c.longitude.is_not(None)),
            events.c.event_key.in_(corrected_keys("place")),
        )
        # As reviewed: filters match, and the order is, the reviewed values; a corrected
        # place moves its point (or takes it off the map when the gazetteer has no point).
        with self.engine.connect() as conn:
            sql = reviewed_query(conn, flt, select(*cols).where(located))
            sql = reviewed_order(conn, flt, sql).limit(limit)
            rows = [r for r in overlay(conn, conn.execute(sql).all()) if r.latitude is not None]
        features = [
            {
                "type": "Feature",
                "id": r.id,
                "geometry": {"type": "Point", "coordinates": [r.longitude, r.latitude]},
                "properties": {
                    "id": r.id,
                    "event_date": _iso(r.event_date),
                    "event_type": r.event_type,
                    "sub_event_type": r.sub_event_type,
                    "location": r.location,
                    "country": r.country,
                    "fatalities": r.fatalities,
                    "contested": bool(r.contested),
                    "colour": TYPE_COLOURS.get(r.event_type, "#555555"),
                },
            }
            for r in rows
        ]
        return {"type": "FeatureCollection", "features": features}

    def timeline(self, query: EventQuery, *, limit: int = 5_000) -> list[dict[str, Any]]:
        """Dated events (id, date, type) matching the filters, for the timeline strip."""
        flt = query.to_filter()
        flt.sort = "oldest"
        dated = or_(
            events.c.event_date.is_not(None), events.c.event_key.in_(corrected_keys("date"))
        )
        cols = (events.c.id, events.c.event_date, events.c.event_type, events.c.location)
        with self.engine.connect() as conn:  # filtered and ordered as reviewed
            sql = reviewed_query(conn, flt, select(*cols, events.c.event_key).where(dated))
            sql = reviewed_order(conn, flt, sql).limit(limit)
            return [
                {
                    "id": r.id,
                    "event_date": r.event_date,
                    "event_type": r.event_type,
                    "location": r.location,
                }
                for r in overlay(conn, conn.execute(sql).all())
                if r.event_date is not None
            ]

    # -- actors --------------------------------------------------------------------------
    def actors(self, query: ActorQuery | None = None) -> list[dict[str, Any]]:
        """Pack actors, then actors only the events name; with their event counts."""
        return actor_list(
            self.pack, self._by_acled, self._event_actor_counts(), query or ActorQuery()
        )

    def actor(self, actor_id: str, *, event_limit: int = 200) -> dict[str, Any]:
        """An actor: its coding, aliases, dated relations with sources, events, claims."""
        names = self._names_of(actor_id)
        if names is None:
            raise NotFound(f"no actor {actor_id!r}")
        rows = self._events_naming(names, limit=event_limit)
        event_items = [self._event_summary(r) for r in rows]
        if actor_id in self.pack:
            record = pack_actor_head(self.pack, actor_id)
        elif actor_id.startswith("candidate:"):
            row = next(r for r in self.statements.candidates() if r.id == actor_id)
            record = outside_pack_head(actor_id, row.name, kind="candidate", start=row.first_seen)
        else:  # named by events only: by the name the events show
            display = next(
                (a["name"] for e in event_items for a in e["actors"] if a["id"] == actor_id),
                next(iter(names)),
            )
            record = outside_pack_head(actor_id, display, acled_name=display)
        # Relations read from text (with their sentence), next to the pack's (with a source).
        known = actor_names(self.engine, self.pack)
        record["relations"] = sorted(
            [
                *record["relations"],
                *(
                    text_relation(r, known, actor_id)
                    for r in self.statements.relations(actor_id, include_rejected=True)
                ),
            ],
            key=lambda r: r["start"] or "",
        )
        record["statements"] = [
            claim_record(r, known) for r in self.statements.claims(actor_id, include_rejected=True)
        ]
        record["events"] = event_items
        record["claims"] = [
            claim for e in event_items for claim in event_claims(e, []) if claim["kind"] != "source"
        ]
        return record

    def _events_naming(self, names: set[str], *, limit: int) -> list[ReviewedEvent]:
        """Events whose actor cells hold one of ``names`` (exact, or one of several in a cell)."""
        conditions = []
        for name in names:
            for col in ACTOR_COLUMNS:
                conditions.append(func.lower(events.c[col]).like(f"%{name}%"))
        sql = (
            select(events)
            .where(or_(*conditions), events.c.event_key.not_in(hidden_keys()))
            .order_by(events.c.event_date.desc().nulls_last(), events.c.id)
        )
        with self.engine.connect() as conn:  # as reviewed; rejected and merged ones left out
            candidates = overlay(conn, conn.execute(sql).all())
        # LIKE also matches longer names containing this one; keep exact cell members only.
        out = [
            row
            for row in candidates
            if any(
                n.casefold() in names
                for col in ACTOR_COLUMNS
                for n in split_names(row._mapping[col])
            )
        ]
        return out[:limit]

    # -- graph ---------------------------------------------------------------------------
    def graph(
        self,
        *,
        on: dt.date | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        undated: bool = False,
    ) -> dict[str, Any]:
        """Actors and their relations (see :func:`orbat.read.graph.actor_graph`)."""
        return actor_graph(
            self.engine,
            self.pack,
            self.actor_ref,
            on=on,
            since=since,
            until=until,
            undated=undated,
        )

    # -- documents -----------------------------------------------------------------------
    def documents(
        self, *, limit: int = 50, offset: int = 0, q: str | None = None
    ) -> dict[str, Any]:
        """A page of articles (see :func:`orbat.read.documents.document_page`)."""
        return document_page(self.engine, limit=limit, offset=offset, q=q)

    def document(self, document_id: int) -> dict[str, Any]:
        """One article (see :func:`orbat.read.documents.document_view`)."""
        return document_view(self.engine, document_id)

    # -- search --------------------------------------------------------------------------
    def search(self, q: str, *, limit: int = 20) -> dict[str, Any]:
        """Articles (full text), events (notes) and actors (names, aliases) matching ``q``."""
        q = q.strip()
        if not q:
            return {"query": q, "documents": [], "events": [], "actors": []}
        return {
            "query": q,
            "documents": document_hits(self.engine, query_terms(q), limit=limit),
            "events": self.events(EventQuery(text=q), limit=limit)["items"],
            "actors": self.actors(ActorQuery(q=q))[:limit],
        }
