"""The JSON API (`/api/...`): read-only views of events, actors, relations, documents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BeforeValidator, Field

from orbat.read.actors import ActorQuery
from orbat.read.events import EVENT_SORTS, EventQuery
from orbat.read.search import MAX_QUERY_CHARS, MAX_TERMS
from orbat.web.downloads import download
from orbat.web.errors import or_404
from orbat.web.queries import WebQueries

__all__ = ["DocumentId", "EventId", "Offset", "event_query", "queries", "router"]

router = APIRouter(prefix="/api", tags=["api"])

MAX_PAGE = 500
#: The largest id or offset the database takes (a signed 64-bit integer; SQLite raises past it).
MAX_INT = 2**63 - 1


def queries(request: Request) -> WebQueries:
    """The app's one :class:`WebQueries` (built by ``create_app``)."""
    found: WebQueries = request.app.state.queries
    return found


# An HTML form sends its empty date inputs as "since=&until="; empty means "no bound".
OptionalDate = Annotated[dt.date | None, BeforeValidator(lambda v: v or None)]
OptionalCount = Annotated[
    Annotated[int, Field(ge=0, le=2**63 - 1)] | None, BeforeValidator(lambda v: v or None)
]
SortName = Annotated[
    Literal["newest", "oldest", "fatalities"], BeforeValidator(lambda v: v or "newest")
]


def event_query(
    actor: Annotated[str | None, Query(description="Part of an actor's ACLED name.")] = None,
    place: Annotated[
        str | None, Query(description="Part of the location, admin1 or country.")
    ] = None,
    type: Annotated[
        str | None, Query(description="Part of the event type or sub-event type.")
    ] = None,
    since: Annotated[OptionalDate, Query(description="First event date (YYYY-MM-DD).")] = None,
    until: Annotated[OptionalDate, Query(description="Last event date (YYYY-MM-DD).")] = None,
    q: Annotated[
        str | None, Query(description="Words in the event's notes or its sources' sentences.")
    ] = None,
    country: Annotated[str | None, Query(description="The country (exact, any case).")] = None,
    admin1: Annotated[
        str | None, Query(description="The governorate / province (exact, any case).")
    ] = None,
    fatalities: Annotated[
        OptionalCount, Query(description="At least this many fatalities.")
    ] = None,
    sort: Annotated[
        SortName, Query(description=f"Order: {', '.join(EVENT_SORTS)} (default newest).")
    ] = "newest",
    reviewed: Annotated[bool, Query(description="Only events an analyst reviewed.")] = False,
) -> EventQuery:
    """The event filters, shared by the API, the downloads and the /events and /map pages."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return EventQuery(
        actor=actor,
        place=place,
        event_type=type,
        since=since,
        until=until,
        text=q,
        country=country,
        admin1=admin1,
        min_fatalities=fatalities,
        sort=sort,
        reviewed=reviewed,
    )


DownloadFormat = Literal["acled", "geojson", "jsonl"]
Queries = Annotated[WebQueries, Depends(queries)]
Filters = Annotated[EventQuery, Depends(event_query)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="How many to pass over first.")]
EventId = Annotated[int, Path(ge=1, le=MAX_INT, description="The event's id.")]
DocumentId = Annotated[int, Path(ge=1, le=MAX_INT, description="The document's id.")]


@router.get("/events", summary="Events, newest first, filtered and paginated")
def list_events(db: Queries, filters: Filters, limit: Limit = 50, offset: Offset = 0) -> Any:
    # Already JSON-ready (dates as ISO strings): skip FastAPI's generic encoder, the costliest
    # step of the busiest endpoint.
    return JSONResponse(db.events(filters, limit=limit, offset=offset))


@router.get("/events/geo", summary="Events with coordinates as GeoJSON points (the map)")
def event_points(db: Queries, filters: Filters) -> Any:
    return db.event_points(filters)


@router.get("/borders", summary="Imported governorate (admin-1) borders as GeoJSON")
def borders() -> Any:
    """The polygons ``orbat borders import`` stored, with their attribution; 404 when none."""
    from orbat.borders import load_borders

    found = load_borders()
    if found is None:
        raise HTTPException(404, "no governorate borders imported (`orbat borders import`)")
    return FileResponse(found[1], media_type="application/geo+json")


@router.get(
    "/events/download",
    summary="The filtered events as a file: ACLED CSV, GeoJSON or JSON lines",
    response_class=Response,
)
def download_events(
    db: Queries,
    filters: Filters,
    format: Annotated[
        DownloadFormat, Query(description="acled (CSV), geojson or jsonl (with evidence).")
    ] = "acled",
) -> Response:
    return download(db.engine, filters, format)


@router.get("/events/{event_id}", summary="One event: every source, its evidence, claims")
def get_event(db: Queries, event_id: EventId) -> Any:
    return or_404(db.event, event_id)


@router.get("/actors", summary="Actors (the pack's, then those only events name), paginated")
def list_actors(
    db: Queries,
    q: Annotated[str | None, Query(description="Part of a name or alias.")] = None,
    kind: Annotated[
        str | None,
        Query(description='A pack kind ("political_militia"); "unknown": only events name it.'),
    ] = None,
    country: Annotated[str | None, Query(description="The actor's country.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    found = db.actors(ActorQuery(q=q, kind=kind, country=country))
    return {
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "items": found[offset : offset + limit],
    }


@router.get("/actors/{actor_id}", summary="One actor: aliases, relations over time, events")
def get_actor(db: Queries, actor_id: str) -> Any:
    return or_404(db.actor, actor_id)


@router.get("/graph", summary="Actors and their relations (nodes and edges)")
def graph(
    db: Queries,
    on: Annotated[
        dt.date | None, Query(description="Only relations that hold on this day.")
    ] = None,
    since: Annotated[dt.date | None, Query(description="Event edges from this day.")] = None,
    until: Annotated[dt.date | None, Query(description="Event edges up to this day.")] = None,
    undated: Annotated[
        bool, Query(description="With `on`: keep pack relations that have no start date.")
    ] = False,
) -> Any:
    return db.graph(on=on, since=since, until=until, undated=undated)


@router.get("/documents", summary="Stored articles, newest first")
def list_documents(
    db: Queries,
    limit: Limit = 50,
    offset: Offset = 0,
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY_CHARS, description="Full-text query.")
    ] = None,
) -> Any:
    return db.documents(limit=limit, offset=offset, q=q)


@router.get("/documents/{document_id}", summary="One article with its text and event spans")
def get_document(db: Queries, document_id: DocumentId) -> Any:
    return or_404(db.document, document_id)


@router.get("/search", summary="Articles, events and actors matching a query")
def search(
    db: Queries,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_CHARS,
            description=f'Words or "a phrase" (the first {MAX_TERMS} distinct ones count).',
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    return db.search(q, limit=limit)


@router.get("/stats", summary="Counts, date range, events per week by type, top actors")
def stats(db: Queries) -> Any:
    return db.stats()
