"""Write and read statements about actors: mentions, relations, claims, candidate actors.

One document's statements are written together and replaced together: re-running the same
extractor version on a document changes nothing, and a new version replaces the old one's rows
(the same contract as :class:`~orbat.store.events.EventStore`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Engine,
    Row,
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from orbat.records.statements import CandidateActor, MentionRecord, Statement
from orbat.store.conflicts import insert_unless_present
from orbat.store.documents import extractor_family
from orbat.store.reviews import relink
from orbat.store.schema import (
    actor_candidates,
    actor_mentions,
    documents,
    events,
    statements,
)
from orbat.store.statement_reviews import overlay_statements

__all__ = ["StatementStore", "claims_contest_event"]

# Claims that put an event on someone ("claimed responsibility", "accused", "reported").
_ATTRIBUTING = ("claimed", "accused", "reported")


def claims_contest_event(conn: Connection, event_id: int) -> bool:
    """Whether the claims about an event disagree: a denial, or blame laid on different actors.

    A claim and a denial ("the PMF blamed the US; the US denied it") or two groups claiming
    the same attack are exactly what an analyst must see, so the event is marked contested.
    """
    about = statements.c.event_id == event_id
    denied = conn.execute(
        select(exists().where(about, statements.c.predicate == "denied"))
    ).scalar()
    if denied:
        return True
    blamed = conn.execute(
        select(func.count(func.distinct(_responsible())))
        .where(about, statements.c.predicate.in_(_ATTRIBUTING))
        .where(_responsible().is_not(None))
    ).scalar_one()
    return int(blamed) > 1


def _responsible() -> Any:
    """Who a claim makes responsible: the claimant for "claimed", the accused otherwise."""
    return case(
        (statements.c.predicate == "claimed", statements.c.subject_id),
        else_=statements.c.object_id,
    )


def _of_document(table: Any) -> Any:
    """The rows of one document (``:document_id``) from one extractor family (``:family``)."""
    return and_(
        table.c.document_id == bindparam("document_id"),
        table.c.extractor.like(bindparam("family")),
    )


# Statements built once (building one per row cost as much as running it).
_INSERT_MENTION = insert(actor_mentions)
_INSERT_STATEMENT = insert(statements)
_LINKED_EVENTS = select(statements.c.event_id).where(
    _of_document(statements), statements.c.event_id.is_not(None)
)
_DELETE_STATEMENTS = delete(statements).where(_of_document(statements))
_DELETE_MENTIONS = delete(actor_mentions).where(_of_document(actor_mentions))


class StatementStore:
    """The actor-statements side of the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing -------------------------------------------------------------------------
    def save(
        self,
        conn: Connection,
        document_id: int,
        extractor: str,
        *,
        mentions: Iterable[MentionRecord] = (),
        found: Iterable[Statement] = (),
        candidates: Iterable[CandidateActor] = (),
    ) -> int:
        """Replace one document's rows from this extractor family; return statements stored.

        Candidate actors are kept on first sight (their first evidence) and never duplicated;
        events that claims are linked to get their ``contested`` flag re-derived.
        """
        touched_events = self._drop_document(conn, document_id, extractor)
        now = datetime.now(UTC)
        for candidate in candidates:
            # Kept on first sight; a candidate another document (or process) found stays as is.
            insert_unless_present(
                conn,
                actor_candidates,
                ("id",),
                {
                    "id": candidate.id,
                    "name": candidate.name,
                    "kind": candidate.kind,
                    "country": candidate.country,
                    "status": "candidate",
                    "document_id": candidate.evidence.document_id,
                    "char_start": candidate.evidence.start,
                    "char_end": candidate.evidence.end,
                    "quote": candidate.evidence.quote,
                    "extractor": extractor,
                    "first_seen": now,
                },
            )
        seen_mentions: set[tuple[int, int, str]] = set()
        mention_rows = []
        for mention in mentions:
            span = (mention.evidence.start, mention.evidence.end, mention.actor_id)
            if span in seen_mentions:
                continue
            seen_mentions.add(span)
            mention_rows.append(
                {
                    "actor_id": mention.actor_id,
                    "document_id": document_id,
                    "char_start": mention.evidence.start,
                    "char_end": mention.evidence.end,
                    "surface": mention.surface,
                    "score": mention.score,
                    "extractor": extractor,
                    "created_at": now,
                }
            )
        if mention_rows:  # one executemany: an article names actors a dozen times
            conn.execute(_INSERT_MENTION, mention_rows)
        count = 0
        seen: set[tuple[Any, ...]] = set()
        statement_rows: list[dict[str, Any]] = []
        for statement in found:
            ev = statement.evidence
            key = (
                ev.start,
                ev.end,
                statement.kind,
                statement.predicate,
                statement.subject_text,
                statement.object_text,
            )
            if key in seen:
                continue
            seen.add(key)
            statement_rows.append(
                {
                    "kind": statement.kind,
                    "predicate": statement.predicate,
                    "subject_id": statement.subject_id,
                    "subject_text": statement.subject_text,
                    "object_id": statement.object_id,
                    "object_text": statement.object_text,
                    "stance": statement.stance,
                    "speaker_id": statement.speaker_id,
                    "speaker_text": statement.speaker_text,
                    "statement_date": statement.statement_date,
                    "event_id": statement.event_id,
                    "document_id": document_id,
                    "char_start": ev.start,
                    "char_end": ev.end,
                    "quote": ev.quote,
                    "extractor": extractor,
                    "created_at": now,
                }
            )
            if statement.event_id is not None:
                touched_events.add(statement.event_id)
            count += 1
        if statement_rows:
            conn.execute(_INSERT_STATEMENT, statement_rows)
        self.refresh_contested(conn, touched_events)
        # Analysts' reviews of relations and claims this document stated follow the new rows.
        relink(conn, document_id)
        return count

    def _drop_document(self, conn: Connection, document_id: int, extractor: str) -> set[int]:
        """Delete the document's rows from every version of this extractor; return their events."""
        rows = {"document_id": document_id, "family": extractor_family(extractor)}
        affected = {int(r[0]) for r in conn.execute(_LINKED_EVENTS, rows)}
        conn.execute(_DELETE_STATEMENTS, rows)
        conn.execute(_DELETE_MENTIONS, rows)
        return affected

    @staticmethod
    def refresh_contested(conn: Connection, event_ids: Iterable[int]) -> None:
        """Set ``contested`` on events whose claims disagree (mention-level disagreement is
        :class:`~orbat.store.events.EventStore`'s and is kept)."""
        for event_id in set(event_ids):
            if claims_contest_event(conn, event_id):
                conn.execute(update(events).where(events.c.id == event_id).values(contested=True))

    def set_candidate_status(self, candidate: str, status: str) -> bool:
        """Mark a candidate actor ``accepted`` or ``rejected`` after review; False if unknown."""
        if status not in ("candidate", "accepted", "rejected"):
            raise ValueError(f"unknown candidate status {status!r}")
        with self.engine.begin() as conn:
            result = conn.execute(
                update(actor_candidates)
                .where(actor_candidates.c.id == candidate)
                .values(status=status)
            )
        return bool(result.rowcount)

    # -- reading -------------------------------------------------------------------------
    def _statements(self, kind: str, *conditions: Any, include_rejected: bool = False) -> list[Any]:
        """Relations or claims as analysts reviewed them (corrected values, ``review_status``;
        :mod:`orbat.store.statement_reviews`), those rejected left out unless asked for."""
        query = (
            select(
                statements,
                documents.c.external_id.label("document_external_id"),
                documents.c.url,
                documents.c.title,
                documents.c.source.label("outlet"),
                documents.c.published,
            )
            .join(documents, documents.c.id == statements.c.document_id)
            .where(statements.c.kind == kind, *conditions)
            .order_by(statements.c.statement_date.nulls_last(), statements.c.id)
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
            return overlay_statements(conn, rows, include_rejected=include_rejected)

    def relations(
        self,
        actor_id: str | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
        include_rejected: bool = False,
    ) -> list[Any]:
        """Relation statements (optionally about one actor, either side), oldest first, as
        reviewed (see :meth:`_statements`)."""
        conditions: list[Any] = []
        if actor_id is not None:
            conditions.append(
                or_(statements.c.subject_id == actor_id, statements.c.object_id == actor_id)
            )
        if since is not None:
            conditions.append(statements.c.statement_date >= since)
        if until is not None:
            conditions.append(statements.c.statement_date <= until)
        return self._statements("relation", *conditions, include_rejected=include_rejected)

    def claims(
        self,
        actor_id: str | None = None,
        *,
        event_id: int | None = None,
        include_rejected: bool = False,
    ) -> list[Any]:
        """Claims (optionally by or about one actor, or about one event), oldest first, as
        reviewed (see :meth:`_statements`)."""
        conditions: list[Any] = []
        if actor_id is not None:
            conditions.append(
                or_(
                    statements.c.subject_id == actor_id,
                    statements.c.object_id == actor_id,
                    statements.c.speaker_id == actor_id,
                )
            )
        if event_id is not None:
            conditions.append(statements.c.event_id == event_id)
        return self._statements("claim", *conditions, include_rejected=include_rejected)

    def mentions(
        self, actor_id: str | None = None, *, document_id: int | None = None
    ) -> list[Row[Any]]:
        """Actor mentions with their document's external id and title, in text order."""
        query = select(
            actor_mentions,
            documents.c.external_id.label("document_external_id"),
            documents.c.title,
            documents.c.published,
        ).join(documents, documents.c.id == actor_mentions.c.document_id)
        if actor_id is not None:
            query = query.where(actor_mentions.c.actor_id == actor_id)
        if document_id is not None:
            query = query.where(actor_mentions.c.document_id == document_id)
        query = query.order_by(actor_mentions.c.document_id, actor_mentions.c.char_start)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def counts(self) -> dict[str, int]:
        """How many relations, claims, actor mentions and candidate actors are stored."""
        with self.engine.connect() as conn:
            by_kind = {
                str(kind): int(n)
                for kind, n in conn.execute(
                    select(statements.c.kind, func.count()).group_by(statements.c.kind)
                )
            }
            mentioned = conn.execute(select(func.count()).select_from(actor_mentions)).scalar_one()
            found = conn.execute(select(func.count()).select_from(actor_candidates)).scalar_one()
        return {
            "relations": int(by_kind.get("relation", 0)),
            "claims": int(by_kind.get("claim", 0)),
            "actor_mentions": int(mentioned),
            "candidate_actors": int(found),
        }

    def mention_counts(self) -> dict[str, int]:
        """How many mentions each actor id has (the "most active actors" of an overview)."""
        query = select(actor_mentions.c.actor_id, func.count()).group_by(actor_mentions.c.actor_id)
        with self.engine.connect() as conn:
            return {str(a): int(n) for a, n in conn.execute(query)}

    def candidates(self, status: str | None = None) -> list[Row[Any]]:
        """Discovered actors with their first evidence and how often they are mentioned."""
        mentions_of = (
            select(func.count())
            .where(actor_mentions.c.actor_id == actor_candidates.c.id)
            .scalar_subquery()
        )
        query = select(actor_candidates, mentions_of.label("mention_count")).order_by(
            actor_candidates.c.first_seen, actor_candidates.c.id
        )
        if status is not None:
            query = query.where(actor_candidates.c.status == status)
        with self.engine.connect() as conn:
            return list(conn.execute(query))
