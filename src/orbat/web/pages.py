"""The HTML pages: server-rendered with Jinja2 (autoescaped), small scripts for map and network."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from orbat.read.actors import ActorQuery
from orbat.read.charts import MEASURES, SPLITS, monthly
from orbat.read.events import EVENT_SORTS, EventQuery
from orbat.read.search import MAX_QUERY_CHARS
from orbat.store.events import EventFilter
from orbat.web.api import DocumentId, EventId, Filters, Offset, Queries
from orbat.web.charts import month_chart
from orbat.web.downloads import DOWNLOADS
from orbat.web.errors import or_404
from orbat.web.queries import TYPE_COLOURS, WebQueries
from orbat.web.render import highlight, timeline_dots, type_css

__all__ = ["make_router"]

PAGE = 50


def make_router(templates: Jinja2Templates) -> APIRouter:
    """The page routes, rendering with ``templates``."""
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(
            request, name, {"colours": TYPE_COLOURS, "nav": name.split(".")[0], **context}
        )

    colours_css = type_css()

    @router.get("/types.css")
    def type_colours() -> Response:
        return Response(colours_css, media_type="text/css")

    @router.get("/")
    def overview(
        request: Request,
        db: Queries,
        by: Annotated[Literal["type", "admin1", "actor"], Query()] = "type",
    ) -> HTMLResponse:
        stats = db.stats()
        latest = db.events(EventQuery(), limit=10)["items"]
        return page(
            request,
            "overview.html",
            stats=stats,
            latest=latest,
            by=by,
            splits=SPLITS,
            charts=_charts(db.engine, None, by),
        )

    @router.get("/events")
    def events_page(
        request: Request,
        db: Queries,
        filters: Filters,
        offset: Offset = 0,
    ) -> HTMLResponse:
        found = db.events(filters, limit=PAGE, offset=offset)
        params = filters.params()
        pages = {
            "prev": _link(params, offset - PAGE) if offset > 0 else None,
            "next": _link(params, offset + PAGE) if offset + PAGE < found["total"] else None,
        }
        return page(
            request,
            "events.html",
            found=found,
            filters=filters,
            pages=pages,
            timeline=timeline_dots(db.timeline(filters)),
            chart=month_chart(monthly(db.engine, filters.to_filter()), plot_height=90),
            sorts=list(EVENT_SORTS),
            downloads={name: urlencode({**params, "format": name}) for name in DOWNLOADS},
        )

    @router.get("/events/{event_id}")
    def event_page(request: Request, db: Queries, event_id: EventId) -> HTMLResponse:
        event = or_404(db.event, event_id)
        texts: dict[int, Any] = {}
        for source in event["sources"]:
            doc_id = source["document_id"]
            if doc_id not in texts:
                doc = db.document(doc_id)
                spans = [s["evidence"] for s in event["sources"] if s["document_id"] == doc_id]
                texts[doc_id] = {"doc": doc, "segments": highlight(doc["text"], spans)}
        mark_reviews(db, event["claims"])
        # A source split off: the event the split made of it (orbat.store.splits).
        split_off = {
            (s["document_id"], s["char_start"], s["char_end"]): s.get("into_id")
            for s in event["split_off"]
        }
        for source in event["sources"]:
            ev = source["evidence"]
            here = (ev["document_id"], ev["start"], ev["end"])
            source["split_off"] = here in split_off
            source["split_into"] = split_off.get(here)
        return page(request, "event.html", event=event, texts=texts, here=request.url.path)

    @router.get("/map")
    def map_page(request: Request, db: Queries, filters: Filters) -> HTMLResponse:
        params = filters.params()
        return page(
            request,
            "map.html",
            filters=filters,
            query=urlencode(params),
            query_params=params,
            theatre=sorted(db.pack.countries),
            admin1=_admin1_borders(),
        )

    @router.get("/network")
    def network_page(
        request: Request, focus: Annotated[str | None, Query(max_length=200)] = None
    ) -> HTMLResponse:
        return page(request, "network.html", focus=focus or "")

    @router.get("/actors")
    def actors_page(
        request: Request, db: Queries, q: Annotated[str | None, Query()] = None
    ) -> HTMLResponse:
        return page(request, "actors.html", actors=db.actors(ActorQuery(q=q)), q=q or "")

    @router.get("/actors/{actor_id}")
    def actor_page(request: Request, db: Queries, actor_id: str) -> HTMLResponse:
        actor = or_404(db.actor, actor_id)
        mark_reviews(db, actor["relations"])
        mark_reviews(db, actor["statements"])
        # The actor's events, found as the events page finds them (any spelling it has).
        name = actor["acled_name"]
        charts = _charts(db.engine, EventFilter(actor=name), "type") if name else []
        return page(request, "actor.html", actor=actor, charts=charts, here=request.url.path)

    @router.get("/documents")
    def documents_page(request: Request, db: Queries, offset: Offset = 0) -> HTMLResponse:
        found = db.documents(limit=PAGE, offset=offset)
        total = found["total"] or 0
        pages = {
            "prev": _link({}, offset - PAGE) if offset > 0 else None,
            "next": _link({}, offset + PAGE) if offset + PAGE < total else None,
        }
        return page(request, "documents.html", found=found, pages=pages)

    @router.get("/documents/{document_id}")
    def document_page(request: Request, db: Queries, document_id: DocumentId) -> HTMLResponse:
        doc = or_404(db.document, document_id)
        return page(
            request, "document.html", doc=doc, segments=highlight(doc["text"], doc["mentions"])
        )

    @router.get("/search")
    def search_page(
        request: Request,
        db: Queries,
        q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
    ) -> HTMLResponse:
        return page(request, "search.html", q=q or "", found=db.search(q) if q else None)

    return router


def mark_reviews(db: WebQueries, statements: list[dict[str, Any]]) -> None:
    """Give each relation or claim read from text its review (``review``: status, by, when,
    or None), from the reviewed values its record carries."""
    for s in statements:
        s.setdefault("statement_id", None)  # a pack relation or a source's figure: none
        status = s.get("review_status") if s["statement_id"] else None
        s["review"] = (
            {"status": status, "by": s.get("reviewed_by"), "at": s.get("reviewed_at")}
            if status
            else None
        )


def _admin1_borders() -> Any:
    """The imported governorate borders' manifest (``orbat borders import``), or None."""
    from orbat.borders import load_borders

    found = load_borders()
    return found[0] if found else None


def _charts(engine: Engine, flt: EventFilter | None, by: str) -> list[dict[str, Any]]:
    """Events and fatalities per month over the whole date range, split by ``by``."""
    return [month_chart(monthly(engine, flt, split=by, measure=m)) for m in MEASURES]


def _link(params: dict[str, str], offset: int) -> str:
    return "?" + urlencode({**params, "offset": max(offset, 0)})
