"""The filters of an event listing, as the web, the API, the downloads and ``orbat.open`` take them.

One :class:`EventQuery` names every filter once; :meth:`EventQuery.to_filter` turns it into the
store's :class:`~orbat.store.events.EventFilter`, which every listing, count, map and export
applies, so a download holds exactly the events the page showed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orbat.store.events import EVENT_SORTS, EventFilter

__all__ = ["EVENT_SORTS", "EventQuery"]


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The filters of an event listing (all optional, all ANDed) and its order."""

    actor: str | None = None
    place: str | None = None
    event_type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    country: str | None = None
    admin1: str | None = None
    min_fatalities: int | None = None
    sort: str = "newest"
    #: Only events an analyst reviewed (orbat.store.reviews).
    reviewed: bool = False

    def to_filter(self) -> EventFilter:
        return EventFilter(
            actor=self.actor or None,
            place=self.place or None,
            since=self.since,
            until=self.until,
            event_type=self.event_type or None,
            text=self.text or None,
            country=self.country or None,
            admin1=self.admin1 or None,
            min_fatalities=self.min_fatalities,
            sort=self.sort,
            reviewed=self.reviewed,
        )

    def params(self) -> dict[str, str]:
        """The non-empty filters as query-string parameters (pagination and download links)."""
        values = {
            "actor": self.actor,
            "place": self.place,
            "type": self.event_type,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "q": self.text,
            "country": self.country,
            "admin1": self.admin1,
            "fatalities": None if self.min_fatalities is None else str(self.min_fatalities),
            "sort": None if self.sort == next(iter(EVENT_SORTS)) else self.sort,
            "reviewed": "true" if self.reviewed else None,
        }
        return {k: v for k, v in values.items() if v}
