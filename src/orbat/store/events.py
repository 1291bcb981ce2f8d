"""Write and read events: each source's mention kept, merged into one event per happening."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, Row, and_, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from orbat.records.events import ACLED_FIELDS, EventRecord
from orbat.store.actor_names import acled_names_for
from orbat.store.conflicts import insert_unless_present, retrying
from orbat.store.documents import extractor_family
from orbat.store.event_filter import EVENT_SORTS, EventFilter
from orbat.store.merged import CODING, best, merged_values
from orbat.store.reviewed import overlay, reviewed_order, reviewed_query
from orbat.store.reviews import relink
from orbat.store.schema import (
    clusters,
    documents,
    event_mentions,
    events,
    extraction_runs,
    statements,
)
from orbat.store.splits import relink_splits, span, split_sources
from orbat.store.statements import claims_contest_event

__all__ = ["EVENT_SORTS", "EventFilter", "EventStore", "acled_names_for", "event_key"]

_CODING = CODING


# Statements built once (building one per mention cost as much as running it).
_INSERT_MENTION = insert(event_mentions)
# A document's mentions by an older version of an extractor (same family, other version).
_STALE = and_(
    event_mentions.c.document_id == bindparam("document_id"),
    event_mentions.c.extractor.like(bindparam("family")),
    event_mentions.c.extractor != bindparam("extractor"),
)
_STALE_MENTIONS = select(event_mentions.c.event_id).where(_STALE)
# The event a mention joins, locked until commit (see EventStore._event_for).
_EVENT_BY_KEY = select(events).where(events.c.event_key == bindparam("key")).with_for_update()
_MERGED_ONLY = (
    "fatalities", "fatalities_reported", "contested", "source", "mention_count", "confidence"
)  # fmt: skip
_FOLD_MENTION = (
    update(events)
    .where(events.c.id == bindparam("event_id"))
    .values(
        {
            **{
                name: func.coalesce(events.c[name], bindparam(f"new_{name}"))
                for name in _CODING
                if name != "fatalities"
            },
            **{name: bindparam(f"new_{name}") for name in (*_MERGED_ONLY, "updated_at")},
        }
    )
)


def event_key(record: EventRecord, document_id: int) -> str:
    """What makes two mentions one event: same day, same place, same event type.

    Undated mentions are never merged across articles (there is nothing to align them on),
    so their key names the document.
    """
    place = record.place_id or f"{record.country or '?'}:{(record.location or '?').casefold()}"
    when = record.event_date.isoformat() if record.event_date else f"undated-doc{document_id}"
    return f"{when}|{place}|{record.event_type}"


class EventStore:
    """The events side of the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing -------------------------------------------------------------------------
    def already_extracted(self, conn: Connection, document_id: int, extractor: str) -> bool:
        return (
            conn.execute(
                select(extraction_runs.c.document_id).where(
                    extraction_runs.c.document_id == document_id,
                    extraction_runs.c.extractor == extractor,
                )
            ).first()
            is not None
        )

    def save(
        self, conn: Connection, document_id: int, extractor: str, records: Iterable[EventRecord]
    ) -> int:
        """Store one document's event mentions and mark it extracted; return mentions stored.

        A document already processed by this extractor version is left alone, so re-running
        adds nothing. Mentions made by an older version of the same extractor are replaced.
        """
        return len(self.save_events(conn, document_id, extractor, records) or ())

    def save_events(
        self, conn: Connection, document_id: int, extractor: str, records: Iterable[EventRecord]
    ) -> list[int] | None:
        """As :meth:`save`, returning the event each record joined, in order (claims link to
        them); None when the document was extracted already (by this or another process)."""
        records = list(records)
        return retrying(conn, lambda: self._save(conn, document_id, extractor, records))

    def _save(
        self, conn: Connection, document_id: int, extractor: str, records: list[EventRecord]
    ) -> list[int] | None:
        # Claim the document first: of several processes extracting it at once, exactly one
        # inserts this row (the others wait for it on PostgreSQL, then find it and stop).
        claimed = insert_unless_present(
            conn,
            extraction_runs,
            ("document_id", "extractor"),
            {"document_id": document_id, "extractor": extractor, "extracted_at": _now()},
        )
        if claimed is None:
            return None
        self._drop_older_versions(conn, document_id, extractor)
        if not records:
            return []
        outlet, cluster_id = conn.execute(
            select(documents.c.source, documents.c.cluster_id).where(documents.c.id == document_id)
        ).one()
        # Clusters another copy of this story belongs to (rare); an event counts a cluster once.
        copies = self._other_copies(conn, cluster_id, document_id)
        counted: set[int] = set()
        joined: list[int] = []
        for record in records:
            event = self._event_for(conn, record, document_id)
            values = {name: getattr(record, name) for name in _CODING}
            conn.execute(
                _INSERT_MENTION,
                {
                    "event_id": event.id,
                    "document_id": document_id,
                    "char_start": record.evidence.start,
                    "char_end": record.evidence.end,
                    "quote": record.evidence.quote,
                    "stance": record.stance,
                    "confidence": record.confidence,
                    "extractor": extractor,
                    "created_at": _now(),
                    **values,
                },
            )
            new_cluster = event.id not in counted and not self._cluster_counted(
                conn, event.id, copies
            )
            counted.add(event.id)
            self._add_to_merged(conn, event, record, outlet, new_cluster)
            joined.append(int(event.id))
        # Analysts' reviews of what an older version stored here follow it to the new events,
        # and the sources they split off to the new mentions.
        relink(conn, document_id)
        relink_splits(conn, document_id)
        return joined

    def _other_copies(self, conn: Connection, cluster_id: int, document_id: int) -> list[int]:
        size = conn.execute(select(clusters.c.size).where(clusters.c.id == cluster_id)).scalar()
        if not size or size <= 1:
            return []
        return [
            int(i)
            for i in conn.execute(
                select(documents.c.id).where(
                    documents.c.cluster_id == cluster_id, documents.c.id != document_id
                )
            ).scalars()
        ]

    def _cluster_counted(self, conn: Connection, event_id: int, copies: list[int]) -> bool:
        """Does a copy of this story (same duplicate cluster) already report this event?

        Looked up from the copies' side (a handful of documents, by the index on
        ``event_mentions.document_id``), never by scanning every mention of a busy event.
        """
        if not copies:
            return False
        found = conn.execute(
            select(event_mentions.c.event_id).where(event_mentions.c.document_id.in_(copies))
        ).scalars()
        return event_id in set(found)

    def _add_to_merged(
        self,
        conn: Connection,
        event: Row[Any],
        record: EventRecord,
        outlet: str | None,
        new_cluster: bool,
    ) -> None:
        """Fold one new mention into an event's merged view, in constant time.

        The same rules as :meth:`_refresh`, applied incrementally (mentions only ever arrive
        in id order here): gaps in the coding filled from the newcomer, its figure added to
        the reported ones (the lowest is ACLED's), its outlet to the sources, its cluster
        counted once. Re-reading every mention of an event each time would make a busy event
        (one strike, thousands of reports) cost quadratic time.
        """
        outlets = set(event.source.split("; ")) if event.source else set()
        if any("; " in name for name in outlets | {outlet or ""}):
            self._refresh(conn, event.id)  # an outlet name with our separator: recount all
            return
        # A new event's row already holds this first mention's coding; for an older one the
        # statement fills only its gaps (COALESCE), so one prebuilt statement serves both.
        figures = {int(f) for f in (event.fatalities_reported or "").split("; ") if f}
        if record.fatalities is not None:
            figures.add(record.fatalities)
        if outlet:
            outlets.add(outlet)
        conn.execute(
            _FOLD_MENTION,
            {
                **{f"new_{name}": getattr(record, name) for name in _CODING},
                "event_id": event.id,
                "new_fatalities": min(figures) if figures else 0,
                "new_fatalities_reported": "; ".join(str(f) for f in sorted(figures)) or None,
                "new_contested": bool(event.contested)
                or len(figures) > 1
                or record.stance == "denied",
                "new_source": "; ".join(sorted(outlets)) or None,
                "new_mention_count": event.mention_count + (1 if new_cluster else 0),
                "new_confidence": best(event.confidence, record.confidence),
                "new_updated_at": _now(),
            },
        )

    def _drop_older_versions(self, conn: Connection, document_id: int, extractor: str) -> None:
        rows = {
            "document_id": document_id,
            "family": extractor_family(extractor),
            "extractor": extractor,
        }
        affected = [r[0] for r in conn.execute(_STALE_MENTIONS, rows)]
        if not affected:
            return
        conn.execute(delete(event_mentions).where(_STALE), rows)
        for event_id in set(affected):
            self._refresh(conn, event_id)

    def _event_for(self, conn: Connection, record: EventRecord, document_id: int) -> Row[Any]:
        """The event this mention belongs to, created if new, locked until commit.

        The row lock (PostgreSQL; SQLite writers hold the whole database) keeps two workers
        from folding mentions into one event's merged view at the same time.
        """
        key = {"key": event_key(record, document_id)}
        # Look first: most mentions join an existing event, and on PostgreSQL an INSERT that
        # meets a conflict still uses up a sequence number (ids would then differ by backend).
        existing = conn.execute(_EVENT_BY_KEY, key).first()
        if existing is not None:
            return existing
        values = {name: getattr(record, name) for name in _CODING}
        insert_unless_present(
            conn,
            events,
            ("event_key",),
            {
                "event_key": key["key"],
                "contested": False,
                "mention_count": 0,
                "extractor": record.extractor,
                "updated_at": _now(),
                **values,
            },
        )
        return conn.execute(_EVENT_BY_KEY, key).one()

    def _refresh(self, conn: Connection, event_id: int) -> None:
        """Re-derive an event's merged view from all its mentions.

        1. No mentions left → the event goes.
        2. Coding: the first mention's, with gaps (actors, admin areas) filled from later ones.
        3. Fatalities: ACLED's rule — the lowest figure any source gives; every distinct
           figure is kept in ``fatalities_reported`` and makes the event contested, as does
           a source that denies it, or claims about it that disagree (a claim and a denial).
        4. Sources: distinct outlets; mentions counted once per duplicate cluster.
        """
        rows = list(
            conn.execute(
                select(event_mentions, documents.c.source.label("outlet"), documents.c.cluster_id)
                .join(documents, documents.c.id == event_mentions.c.document_id)
                .where(event_mentions.c.event_id == event_id)
                .order_by(event_mentions.c.id)
            )
        )
        # 1. (Claims linked to it lose the link first: a newer extractor re-deriving the
        # events would otherwise fail on the foreign key of the older claims it replaces next.)
        if not rows:
            conn.execute(
                update(statements).where(statements.c.event_id == event_id).values(event_id=None)
            )
            conn.execute(delete(events).where(events.c.id == event_id))
            return
        # 2.-4. (orbat.store.merged); claims about it that disagree make it contested too.
        merged = merged_values(rows)
        merged["contested"] = merged["contested"] or claims_contest_event(conn, event_id)
        conn.execute(
            update(events).where(events.c.id == event_id).values(**merged, updated_at=_now())
        )

    # -- reading -------------------------------------------------------------------------
    def events(
        self, filters: EventFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[Any]:
        """Events in the filter's order (newest first unless it says otherwise), as analysts
        reviewed them: :class:`ReviewedEvent` rows (they read like SQLAlchemy rows); without
        filters, every event not rejected or merged away."""
        filters = filters or EventFilter()
        with self.engine.connect() as conn:
            query = reviewed_query(conn, filters, select(events))
            query = reviewed_order(conn, filters, query).offset(offset)
            if limit is not None:
                query = query.limit(limit)
            return overlay(conn, list(conn.execute(query)))

    def count(self, filters: EventFilter | None = None) -> int:
        query = select(func.count()).select_from(events)
        with self.engine.connect() as conn:
            query = reviewed_query(conn, filters or EventFilter(), query)
            return int(conn.execute(query).scalar_one())

    def mentions(self, event_ids: list[int]) -> dict[int, list[Row[Any]]]:
        """Every mention (with its document's id, external id, url, title) per event id; an
        event an analyst split off another has the mentions of the sources it was made of."""
        result: dict[int, list[Row[Any]]] = {i: [] for i in event_ids}
        if not event_ids:
            return result
        query = (
            select(
                event_mentions,
                documents.c.external_id,
                documents.c.url,
                documents.c.title,
                documents.c.source.label("outlet"),
                clusters.c.id.label("cluster"),
            )
            .join(documents, documents.c.id == event_mentions.c.document_id)
            .join(clusters, clusters.c.id == documents.c.cluster_id)
            .order_by(event_mentions.c.id)
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query.where(event_mentions.c.event_id.in_(event_ids))):
                result[row.event_id].append(row)
            # Only an event without mentions of its own can be one a split made.
            made = split_sources(conn, [i for i, found in result.items() if not found])
            if made:
                wanted = {s: i for i, spans in made.items() for s in spans}
                docs = {s[0] for s in wanted}
                for row in conn.execute(query.where(event_mentions.c.document_id.in_(docs))):
                    if (event_id := wanted.get(span(row))) is not None:
                        result[event_id].append(row)
        return result


def acled_row(row: Row[Any]) -> dict[str, Any]:
    """An event row as ACLED's columns (dates ISO, missing values empty)."""
    out: dict[str, Any] = {}
    for name in ACLED_FIELDS:
        value = getattr(row, name, None)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def _now() -> datetime:
    return datetime.now(UTC)
