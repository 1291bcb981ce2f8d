"""A real HTTP server on 127.0.0.1 for the watch tests: routes that can change between polls.

Each route is a ``Route`` (status, body, content type, delay, trickle); ETag and
Last-Modified are derived from the body and honoured (304), and every request is logged with
its headers so a test can say exactly what was fetched.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    delay: float = 0.0
    validators: bool = True  # send ETag / Last-Modified and honour conditional requests
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds between two bytes sent: a server that answers but takes forever to finish.
    trickle: float = 0.0
    trickle_headers: bool = False  # trickle the status line and headers too, not just the body


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    status: int
    headers: dict[str, str]
    body: bytes


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out or close idle keep-alive connections are expected


class FixtureServer:
    """Serve ``routes`` on an ephemeral loopback port until ``close()``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []  # answered requests
        self.arrivals: list[str] = []  # paths as requests arrive (before any delay)
        self._lock = threading.Lock()
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:  # keep test output clean
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with server._lock:
                    server.arrivals.append(self.path)
                route = server.routes.get(self.path)
                status = 404 if route is None else route.status
                payload = b"not found" if route is None else route.body
                extra: dict[str, str] = {}
                if route is not None:
                    if route.delay:
                        time.sleep(route.delay)
                    extra.update(route.headers)
                    if route.validators and status == 200:
                        etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                        extra["ETag"] = etag
                        extra["Last-Modified"] = "Sat, 21 Nov 2026 05:00:00 GMT"
                        if self.headers.get("If-None-Match") == etag:
                            status, payload = 304, b""
                with server._lock:
                    server.hits.append(
                        Hit(self.command, self.path, status, dict(self.headers.items()), body)
                    )
                if route is not None and route.trickle:
                    self._trickle(route, status, extra, payload)
                    return
                try:
                    self.send_response(status)
                    ctype = route.content_type if route else "text/plain"
                    self.send_header("Content-Type", ctype)
                    for key, value in extra.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def _trickle(
                self, route: Route, status: int, extra: dict[str, str], payload: bytes
            ) -> None:
                """Send the answer one byte at a time until done, or the client hangs up."""
                lines = [f"HTTP/1.1 {status} {self.responses[status][0]}"]
                lines += [f"Content-Type: {route.content_type}", f"Content-Length: {len(payload)}"]
                lines += [f"{key}: {value}" for key, value in extra.items()]
                head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
                slow = head + payload if route.trickle_headers else payload
                try:
                    if not route.trickle_headers:
                        self.wfile.write(head)
                    for byte in slow:
                        if server._closing.wait(route.trickle):
                            break
                        self.wfile.write(bytes([byte]))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: what the tests expect
                self.close_connection = True

            do_GET = _answer
            do_POST = _answer

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def requests_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
