"""The event record: one ACLED-coded event as one source reports it, with its evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

__all__ = ["ACLED_FIELDS", "EventRecord", "Evidence"]

# ACLED's column names, in ACLED's order, as they appear in exports.
ACLED_FIELDS: tuple[str, ...] = (
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)


@dataclass(slots=True, frozen=True)
class Evidence:
    """Where a fact is stated: a span of a stored document's text."""

    document_id: int
    start: int
    end: int
    quote: str


@dataclass(slots=True)
class EventRecord:
    """One event as one article reports it (an *event mention*), coded ACLED's way.

    Mentions of the same event from several articles are merged into one stored event; each
    keeps its own figures (fatalities, actors, stance), so disagreements stay visible.
    """

    event_date: date | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    evidence: Evidence
    extractor: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    place_id: str | None = None
    notes: str = ""
    fatalities: int | None = None
    stance: str = "asserted"  # asserted | alleged | claimed | denied
    #: How sure the extraction is, 0-1 (:mod:`orbat.extract.confidence`).
    confidence: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
