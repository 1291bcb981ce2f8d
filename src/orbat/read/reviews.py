"""The review read model, shared by `orbat review` and the web's review pages: the queue of
events awaiting an analyst, the list of reviewed (and rejected) events, a target's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Row, func, or_, select

from orbat.errors import ReviewError
from orbat.store.events import EventFilter
from orbat.store.reviewed import ReviewedEvent, overlay, reviewed_keys
from orbat.store.reviews import VERDICTS, ReviewStore, statement_key
from orbat.store.schema import events, reviews, statements

__all__ = ["QueueItem", "ReviewReader", "StatementReview"]

_STATUS = {"confirm": "confirmed", "reject": "rejected"}


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One event in a review list, as it reads now (reviewed values), and why to look at it."""

    event: ReviewedEvent
    outside_theatre: bool  # coded in a country that is not one of the pack's theatre's


@dataclass(frozen=True, slots=True)
class StatementReview:
    """A relation's or claim's review state: confirmed or rejected, by whom, when."""

    status: str
    by: str
    at: dt.datetime


class ReviewReader:
    """Read reviews. ``theatre`` is the pack's countries (``Pack.countries``), which the queue
    flags events outside of."""

    def __init__(self, engine: Engine, theatre: Iterable[str] = ()) -> None:
        self.engine = engine
        self.theatre = frozenset(c.casefold() for c in theatre)

    def queue(
        self, *, limit: int = 50, offset: int = 0, include_reviewed: bool = False
    ) -> list[QueueItem]:
        """Events awaiting review: least confident first (the likeliest mistakes), newest
        first among equals; events the extractor gave no confidence first of all."""
        query = select(events).order_by(
            events.c.confidence.asc().nulls_first(),
            events.c.event_date.desc().nulls_last(),
            events.c.id,
        )
        if not include_reviewed:
            query = query.where(events.c.event_key.not_in(reviewed_keys()))
        query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [self._item(e) for e in overlay(conn, list(conn.execute(query)))]

    def pending(self) -> int:
        """How many events await review."""
        query = select(func.count()).where(events.c.event_key.not_in(reviewed_keys()))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def reviewed(self, *, status: str | None = None, limit: int = 200) -> list[QueueItem]:
        """Reviewed events, rejected and merged ones included, most recently reviewed first;
        ``status`` keeps one kind (confirmed, corrected, rejected, merged, split)."""
        last = (
            select(reviews.c.target_key, func.max(reviews.c.id).label("last"))
            .where(reviews.c.target == "event")
            .group_by(reviews.c.target_key)
            .subquery()
        )
        query = (
            EventFilter(reviewed=True, include_rejected=True)
            .apply(select(events).join(last, last.c.target_key == events.c.event_key))
            .order_by(last.c.last.desc())
        )
        with self.engine.connect() as conn:
            found = overlay(conn, list(conn.execute(query)))
        items = [self._item(e) for e in found if status is None or e.review_status == status]
        return items[:limit]

    def _item(self, event: ReviewedEvent) -> QueueItem:
        country = (event.country or "").casefold()
        outside = bool(self.theatre) and bool(country) and country not in self.theatre
        return QueueItem(event, outside)

    def event(self, event_id: int) -> ReviewedEvent:
        """One event as reviewed (rejected ones too); :class:`ReviewError` if none."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.id == event_id)).first()
            if row is None:
                raise ReviewError(f"no event {event_id}")
            return overlay(conn, [row])[0]

    def history(self, kind: str, target_id: int) -> list[Row[Any]]:
        """Every review of a target, oldest first; for an event, merges into it too."""
        with self.engine.connect() as conn:
            target = ReviewStore(self.engine).target(conn, kind, target_id)
            about: Any = (reviews.c.target == kind) & (reviews.c.target_key == target.key)
            if kind == "event":
                merged_in = (reviews.c.action == "merge") & (reviews.c.new_value == target.key)
                about = or_(about, merged_in)
            return list(conn.execute(select(reviews).where(about).order_by(reviews.c.id)))

    def statement_reviews(self, statement_ids: Iterable[int]) -> dict[int, StatementReview]:
        """The latest verdict on each of these relations or claims that has one."""
        ids = sorted(set(statement_ids))
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(statements).where(statements.c.id.in_(ids))).all()
        verdicts = self.statement_verdicts()
        return {int(r.id): verdicts[k] for r in rows if (k := statement_key(r)) in verdicts}

    def statement_verdicts(self) -> dict[str, StatementReview]:
        """The latest verdict on every reviewed relation and claim, by statement key
        (:func:`~orbat.store.reviews.statement_key`); reviews are few, so all are read."""
        with self.engine.connect() as conn:
            verdicts = conn.execute(
                select(reviews)
                .where(
                    reviews.c.target.in_(("relation", "claim")),
                    reviews.c.action.in_(VERDICTS),
                )
                .order_by(reviews.c.id)
            ).all()
        # Oldest first: the latest verdict wins.
        return {
            v.target_key: StatementReview(_STATUS.get(v.action, v.action), v.reviewer, v.created_at)
            for v in verdicts
        }
