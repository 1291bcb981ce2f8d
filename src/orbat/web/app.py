"""The web application: JSON API, HTML pages, local static assets, local Swagger UI."""

from __future__ import annotations

import os
from collections.abc import Collection
from importlib import resources
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from orbat import __version__
from orbat.errors import ConfigError
from orbat.packs import Pack, load_pack
from orbat.web import api, pages, review
from orbat.web.guard import LOOPBACK_HOSTS, Guard, hosts_for
from orbat.web.queries import WebQueries
from orbat.web.render import text_dir, text_lang, type_class

__all__ = ["WEB_DB_ENV", "WEB_HOST_ENV", "app_from_environment", "create_app"]

#: The database URL ``orbat serve --workers N`` hands to its worker processes.
WEB_DB_ENV = "ORBAT_WEB_DB_URL"
#: The interface ``orbat serve --workers N`` listens on, for each worker's Host check.
WEB_HOST_ENV = "ORBAT_WEB_HOST"

_HERE = Path(str(resources.files("orbat") / "web"))


def _templates() -> Jinja2Templates:
    # Autoescape every template whatever its name: article text is hostile input.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["type_class"] = type_class
    env.filters["text_dir"] = text_dir
    env.filters["text_lang"] = text_lang
    return Jinja2Templates(env=env, context_processors=[review.review_context])


def app_from_environment() -> FastAPI:
    """The app over the database ``$ORBAT_WEB_DB_URL`` names (for uvicorn worker processes)."""
    from orbat.web.database import open_read_only

    url = os.environ.get(WEB_DB_ENV)
    if not url:
        raise ConfigError(f"{WEB_DB_ENV} is not set; start the server with `orbat serve`")
    hosts = hosts_for(os.environ.get(WEB_HOST_ENV, "127.0.0.1"))
    return create_app(open_read_only(url), allowed_hosts=hosts)


def create_app(
    engine: Engine,
    pack: Pack | None = None,
    *,
    allowed_hosts: Collection[str] | None = LOOPBACK_HOSTS,
    review_mode: review.ReviewMode | None = None,
) -> FastAPI:
    """A FastAPI app serving ``engine``'s database (open it read-only: ``open_read_only``).

    Only GET routes exist, unless ``review_mode`` is given (``orbat serve --review``): then
    the review pages and their POST forms, CSRF-checked, write reviews through its own
    engine (the reads still go through the read-only one). Every asset (scripts, styles,
    map borders, Swagger UI) is served from the package, so the pages make no request
    outside the machine, and the
    Content-Security-Policy holds them to that. Requests naming a host outside
    ``allowed_hosts`` are refused (``None``: any; see ``orbat.web.guard.hosts_for``).
    """
    app = FastAPI(
        title="orbat",
        version=__version__,
        description="Events, actors, relations and their evidence, read-only.",
        docs_url=None,  # served below with local assets instead of a CDN
        redoc_url=None,
    )
    app.state.queries = WebQueries(engine, pack or load_pack())
    app.state.review = review_mode
    templates = _templates()
    if review_mode is not None:
        # Added before the Guard, so the Guard (added last, outermost) refuses bad hosts first.
        app.middleware("http")(review.csrf_cookie)
        app.include_router(review.make_router(templates))
    app.add_middleware(Guard, hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.make_router(templates))

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        # FastAPI's own page starts Swagger UI from an inline script, which the CSP refuses.
        return templates.TemplateResponse(
            request, "swagger.html", {"openapi_url": app.openapi_url or "/openapi.json"}
        )

    def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "detail": detail, "nav": "", "colours": {}},
            status_code=status,
        )

    def wants_page(request: Request) -> bool:
        # The API answers JSON; everything else is a page (a person following a dead link or
        # a bad filter, whatever their client's Accept header says) and answers a page.
        path = request.url.path
        return not path.startswith("/api/") and path != (app.openapi_url or "/openapi.json")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_page(request):
            return error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if wants_page(request):
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
            )
            return error_page(request, 422, problems)
        return await request_validation_exception_handler(request, exc)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        # What went wrong is logged on the server (uvicorn prints the traceback); the answer
        # names no file, path or SQL, which are the machine's business, not the reader's.
        detail = "orbat could not answer this request (an internal error); see the server log"
        if wants_page(request):
            return error_page(request, 500, detail)
        return JSONResponse({"detail": detail}, status_code=500)

    return app
