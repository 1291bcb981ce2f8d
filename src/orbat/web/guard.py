"""What every request passes before a route sees it, and what every response carries.

Issue 17 (the security probe of ``orbat serve``): the server has no login, so it must not be
reachable from a web page the user happens to visit, nor able to run script an article
smuggled in.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["LOOPBACK_HOSTS", "SECURITY_HEADERS", "Guard", "host_name", "hosts_for"]

#: The names a server on loopback answers to (whatever the port).
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})

#: Every page's scripts, styles, images and data come from this server; nothing may frame it.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Swagger UI's stylesheet draws its icons as data: URIs.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_RAW_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
_HEADER_NAMES = frozenset(name for name, _ in _RAW_HEADERS)

_NUL = "a NUL character (%00) is in the {where}; no field of orbat's API may hold one"


def hosts_for(bind: str) -> frozenset[str] | None:
    """The ``Host`` names a server listening on ``bind`` answers to; None for any name.

    On loopback, only loopback names: a page on another site can point its own name at
    127.0.0.1 (DNS rebinding) and would then read everything, as the same origin. A server
    listening on another interface was exposed on purpose, under names we cannot know.
    """
    host = bind.strip("[]").lower()
    if host == "localhost":
        return LOOPBACK_HOSTS
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if not address.is_loopback:
        return None
    return LOOPBACK_HOSTS | {f"[{host}]" if address.version == 6 else host}


def host_name(header: str) -> str:
    """The name in a ``Host`` header: lowercased, without port or final dot; IPv6 in brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[: end + 1] if end > 0 else value
    if value.count(":") == 1:
        value = value.split(":")[0]
    return value.rstrip(".")


class Guard:
    """ASGI middleware: refuse what no route should see, add the security headers to all.

    1. A ``Host`` the server does not answer to (see :func:`hosts_for`) is a 400.
       A request without one comes from no browser, so it cannot be a rebinding attack.
    2. A NUL in the path or the query string is a 400: SQLite's full-text parser and
       PostgreSQL refuse it with an error that would be a 500.
    3. Every response, refusals included, carries :data:`SECURITY_HEADERS`.
    """

    def __init__(self, app: ASGIApp, hosts: Collection[str] | None = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # 3. Set here so no route, error handler or static file can forget them.
                headers = [h for h in message.get("headers", []) if h[0] not in _HEADER_NAMES]
                message = {**message, "headers": [*headers, *_RAW_HEADERS]}
            await send(message)

        reason = self._refusal(scope)
        if reason is None:
            await self.app(scope, receive, send_with_headers)
            return
        body = json.dumps({"detail": reason}).encode()
        await send_with_headers(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send_with_headers({"type": "http.response.body", "body": body})

    def _refusal(self, scope: Scope) -> str | None:
        """Why the request is refused, or None."""
        # 1. The Host header.
        if self.hosts is not None:
            header = next((v for k, v in scope["headers"] if k == b"host"), None)
            if header is not None:
                typed = header.decode("latin-1")
                if host_name(typed) not in self.hosts:
                    names = ", ".join(sorted(self.hosts))
                    return (
                        f"this server answers only to {names} (Host was {typed!r}): it "
                        "listens on loopback, and refuses other names so that no web page "
                        "can reach it by pointing its own name at this machine"
                    )
        # 2. NUL characters.
        if "\x00" in scope["path"]:
            return _NUL.format(where="path")
        query: bytes = scope.get("query_string", b"")
        if b"%00" in query or b"\x00" in query:
            return _NUL.format(where="query string")
        return None
