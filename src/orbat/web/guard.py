"""What every request passes before a route sees it (issue 17, the security probe's findings)."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["Guard"]

_NUL = "a NUL character (%00) is in the {where}; no field of orbat's API may hold one"


class Guard:
    """ASGI middleware refusing, with 400 and a JSON reason, requests no route should see.

    A NUL in the path or the query string: SQLite's full-text parser and PostgreSQL refuse
    it with an error that would be a 500.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        reason = _refusal(scope)
        if reason is None:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": reason}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _refusal(scope: Scope) -> str | None:
    """Why the request is refused, or None."""
    if "\x00" in scope["path"]:
        return _NUL.format(where="path")
    query: bytes = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        return _NUL.format(where="query string")
    return None
