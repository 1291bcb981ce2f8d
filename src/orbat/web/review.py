"""The web's write mode (`orbat serve --review`): the review queue and the forms that confirm,
reject and correct events, relations and claims, each POST checked against a CSRF token.

CSRF: the server hands each browser a token in a cookie (``SameSite=Strict``, HttpOnly) and the
same token in every form's hidden ``csrf`` field; a POST whose field does not match its cookie,
or whose token the server did not sign, is refused with 403. A page elsewhere can make the
browser POST here but can neither read the cookie nor plant one the server signed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from orbat.errors import ReviewError
from orbat.read.reviews import ReviewReader
from orbat.store.reviews import FIELDS, ReviewStore
from orbat.store.statement_reviews import correct_statement
from orbat.web.api import EventId

__all__ = ["CSRF_COOKIE", "ReviewMode", "make_router", "review_context"]

CSRF_COOKIE = "orbat_csrf"
#: A review form is a few fields; anything larger is no form of ours.
MAX_FORM_BYTES = 16_384


@dataclass
class ReviewMode:
    """What write mode needs: a writable engine, who reviews, the key that signs tokens."""

    engine: Engine
    reviewer: str
    theatre: tuple[str, ...] = ()
    secret: bytes = b""

    def __post_init__(self) -> None:
        self.secret = self.secret or secrets.token_bytes(32)
        self.store = ReviewStore(self.engine)
        self.reader = ReviewReader(self.engine, self.theatre)

    def new_token(self) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign(nonce)}"

    def valid(self, token: str | None) -> bool:
        if not token or "." not in token:
            return False
        nonce, _, signature = token.partition(".")
        return hmac.compare_digest(signature, self._sign(nonce))

    def _sign(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode(), hashlib.sha256).hexdigest()[:32]


def review_context(request: Request) -> dict[str, Any]:
    """Every template's review variables: whether write mode is on, and the form token."""
    mode = getattr(request.app.state, "review", None)
    return {
        "review_mode": mode is not None,
        "csrf_token": getattr(request.state, "csrf", "") if mode is not None else "",
    }


async def csrf_cookie(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Middleware: give a browser without a valid token one (cookie), for the forms."""
    mode: ReviewMode = request.app.state.review
    token = request.cookies.get(CSRF_COOKIE)
    fresh = not mode.valid(token)
    request.state.csrf = mode.new_token() if fresh else token
    response = await call_next(request)
    if fresh:
        response.set_cookie(
            CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict", path="/"
        )
    return response


async def _form(request: Request) -> dict[str, str]:
    """The POSTed form, after the CSRF check (403 when the token is missing or wrong)."""
    mode: ReviewMode = request.app.state.review
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, f"a review form is at most {MAX_FORM_BYTES} bytes")
    fields = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = fields.get("csrf")
    if not (mode.valid(cookie) and sent and hmac.compare_digest(sent, cookie or "")):
        raise HTTPException(
            403, "the form's CSRF token is missing or does not match: reload the page and retry"
        )
    return fields


def make_router(templates: Jinja2Templates) -> APIRouter:
    """The review routes (mounted only in write mode)."""
    router = APIRouter(include_in_schema=False)

    def mode_of(request: Request) -> ReviewMode:
        mode: ReviewMode = request.app.state.review
        return mode

    def back(event_id: int) -> RedirectResponse:
        return RedirectResponse(f"/events/{event_id}", status_code=303)

    async def recorded(action: Callable[[], int]) -> None:
        # In the thread pool: a write (and a place's gazetteer lookup) must not stall the loop.
        try:
            await run_in_threadpool(action)
        except ReviewError as exc:
            raise HTTPException(422, str(exc)) from None

    @router.get("/review", response_class=HTMLResponse)
    def queue_page(request: Request) -> HTMLResponse:
        reader = mode_of(request).reader
        return templates.TemplateResponse(
            request,
            "review.html",
            {
                "nav": "review",
                "colours": {},
                "queue": reader.queue(limit=100),
                "pending": reader.pending(),
                "done": reader.reviewed(limit=100),
            },
        )

    @router.post("/review/events/{event_id}/{action}")
    async def review_event(request: Request, event_id: EventId, action: str) -> Response:
        form = await _form(request)
        mode = mode_of(request)
        by, note = mode.reviewer, form.get("note")
        if action in ("confirm", "reject"):
            await recorded(
                lambda: mode.store.decide(action, "event", event_id, by=mode.reviewer, note=note)
            )
        elif action == "correct":
            field = form.get("field", "")
            if field not in FIELDS:
                raise HTTPException(422, f"cannot correct {field!r}; one of: {', '.join(FIELDS)}")
            value = form.get("value", "")
            await recorded(lambda: mode.store.correct(event_id, field, value, by=by, note=note))
        elif action == "split":
            mention = form.get("mention", "")
            if not mention.isdigit():
                raise HTTPException(422, "split needs the source's id")
            await recorded(lambda: mode.store.split(event_id, [int(mention)], by=by, note=note))
        elif action == "merge":
            other = form.get("other", "")
            if not other.isdigit():
                raise HTTPException(422, "merge needs the other event's id")
            await recorded(lambda: mode.store.merge(event_id, int(other), by=by, note=note))
        else:
            raise HTTPException(404, f"no review action {action!r}")
        return back(event_id)

    @router.post("/review/{kind}/{statement_id}/{action}")
    async def review_statement(
        request: Request, kind: str, statement_id: EventId, action: str
    ) -> Response:
        form = await _form(request)
        mode = mode_of(request)
        target = {"relations": "relation", "claims": "claim"}.get(kind)
        if target is None or action not in ("confirm", "reject", "correct"):
            raise HTTPException(404, f"no review action {kind}/{action}")
        note, by = form.get("note"), mode.reviewer
        if action == "correct":
            field, value = form.get("field", ""), form.get("value", "")
            await recorded(
                lambda: correct_statement(
                    mode.store, target, statement_id, field, value, by=by, note=note
                )
            )
        else:
            await recorded(
                lambda: mode.store.decide(action, target, statement_id, by=by, note=note)
            )
        back_to = form.get("back", "")
        # Only a path on this server: never an open redirect.
        if not back_to.startswith("/") or back_to.startswith("//"):
            back_to = "/review"
        return RedirectResponse(back_to, status_code=303)

    return router
