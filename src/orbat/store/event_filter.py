"""Which events a listing, a count or an export keeps, and in what order.

One filter for the CLI, the web, the exports and the Python read API (``orbat.read`` builds it
from a query): any actor spelling the pack knows, place, country, governorate, dates, type,
text, a minimum toll, analysts' reviews.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from orbat.store.actor_names import acled_names_for
from orbat.store.reviewed import hidden_keys, reviewed_keys
from orbat.store.schema import event_mentions, events

__all__ = ["EVENT_SORTS", "EventFilter"]


#: The orders a listing (and an export of it) may take; the first is the default. Every one
#: ends on the id, so pages of a listing never overlap.
EVENT_SORTS: dict[str, tuple[Any, ...]] = {
    "newest": (events.c.event_date.desc().nulls_last(), events.c.id),
    "oldest": (events.c.event_date.asc().nulls_last(), events.c.id),
    "fatalities": (
        events.c.fatalities.desc().nulls_last(),
        events.c.event_date.desc().nulls_last(),
        events.c.id,
    ),
}


class EventFilter:
    """Filters for listing events (all optional, all ANDed)."""

    def __init__(
        self,
        *,
        actor: str | None = None,
        place: str | None = None,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        text: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        reviewed: bool = False,
        include_rejected: bool = False,
        min_fatalities: int | None = None,
        sort: str = "newest",
    ) -> None:
        if sort not in EVENT_SORTS:
            raise ValueError(f"sort must be one of {', '.join(EVENT_SORTS)}, not {sort!r}")
        self.actor, self.place, self.since, self.until = actor, place, since, until
        self.event_type, self.text = event_type, text
        self.country, self.admin1 = country, admin1
        # Analysts' reviews (orbat.store.reviews): only reviewed events; rejected and
        # merged-away events too (the review list shows them, nothing else does).
        self.reviewed, self.include_rejected = reviewed, include_rejected
        self.min_fatalities, self.sort = min_fatalities, sort

    def order(self, query: Any) -> Any:
        """``query`` in this filter's order (see :data:`EVENT_SORTS`)."""
        return query.order_by(*EVENT_SORTS[self.sort])

    def apply(self, query: Any) -> Any:
        if not self.include_rejected:
            query = query.where(events.c.event_key.not_in(hidden_keys()))
        if self.reviewed:
            query = query.where(events.c.event_key.in_(reviewed_keys()))
        if self.actor:
            # Any spelling the resolver knows ("Kata'ib Hizballah", an Arabic name, the ACLED
            # name without its period) finds the events coded with that actor's ACLED name.
            likes = [f"%{name}%" for name in (self.actor, *acled_names_for(self.actor))]
            query = query.where(
                or_(
                    *(
                        column.ilike(like)
                        for like in likes
                        for column in (
                            events.c.actor1,
                            events.c.actor2,
                            events.c.assoc_actor_1,
                            events.c.assoc_actor_2,
                        )
                    )
                )
            )
        if self.place:
            like = f"%{self.place}%"
            query = query.where(
                or_(
                    events.c.location.ilike(like),
                    events.c.admin1.ilike(like),
                    events.c.country.ilike(like),
                )
            )
        if self.country:
            query = query.where(func.lower(events.c.country) == self.country.casefold())
        if self.admin1:
            query = query.where(func.lower(events.c.admin1) == self.admin1.casefold())
        if self.min_fatalities is not None:
            query = query.where(events.c.fatalities >= self.min_fatalities)
        if self.since:
            query = query.where(events.c.event_date >= self.since)
        if self.until:
            query = query.where(events.c.event_date <= self.until)
        if self.event_type:
            like = f"%{self.event_type}%"
            query = query.where(
                or_(events.c.event_type.ilike(like), events.c.sub_event_type.ilike(like))
            )
        if self.text:
            # The notes are generated from the coding; the words a reader remembers ("Jurf
            # al-Sakhar") are in the sources' sentences, so those count too.
            like = f"%{self.text}%"
            quoted = (
                select(event_mentions.c.id)
                .where(event_mentions.c.event_id == events.c.id, event_mentions.c.quote.ilike(like))
                .exists()
            )
            query = query.where(or_(events.c.notes.ilike(like), quoted))
        return query
