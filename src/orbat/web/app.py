"""The web application: JSON API, HTML pages, local static assets, local Swagger UI."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from orbat import __version__
from orbat.packs import Pack, load_pack
from orbat.web import api, pages
from orbat.web.queries import WebQueries

__all__ = ["create_app"]

_HERE = Path(str(resources.files("orbat") / "web"))


def _templates() -> Jinja2Templates:
    # Autoescape every template whatever its name: article text is hostile input.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return Jinja2Templates(env=env)


def create_app(engine: Engine, pack: Pack | None = None) -> FastAPI:
    """A FastAPI app serving ``engine``'s database (open it read-only: ``open_read_only``).

    Only GET routes exist; every asset (scripts, styles, map borders, Swagger UI) is served
    from the package, so the pages make no request outside the machine.
    """
    app = FastAPI(
        title="orbat",
        version=__version__,
        description="Events, actors, relations and their evidence, read-only.",
        docs_url=None,  # served below with local assets instead of a CDN
        redoc_url=None,
    )
    app.state.queries = WebQueries(engine, pack or load_pack())
    templates = _templates()
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.make_router(templates))

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="orbat API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            # The online validator badge would call out to the internet.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.exception_handler(StarletteHTTPException)
    async def not_found(
        request: Request, exc: StarletteHTTPException
    ) -> HTMLResponse | JSONResponse:
        # The API answers JSON; a person following a dead link gets a page.
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get(
            "accept", ""
        ):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail, "nav": "", "colours": {}},
            status_code=exc.status_code,
        )

    return app
