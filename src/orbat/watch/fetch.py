"""Fetch feeds and pages over HTTP: conditional requests, politeness, robots.txt, size caps.

One ``Fetcher`` serves a whole watch run. It keeps one httpx client (connection reuse) whose
transport carries the SSRF guard, waits ``host_delay`` seconds between two requests to the
same host, obeys each host's robots.txt (RFC 9309), never reads more than ``max_bytes`` of a
response, and gives up on a request not done within ``timeout`` seconds in all (a server that
trickles its answer fails that feed or page for this poll instead of holding the watch).
"""

from __future__ import annotations

import time
import urllib.robotparser
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from orbat import __version__
from orbat.watch.deadline import DeadlineTransport, deadline, expired
from orbat.watch.guard import BlockedAddress, GuardedTransport

__all__ = ["USER_AGENT", "FetchError", "FetchResult", "Fetcher"]

USER_AGENT = f"orbat/{__version__} (+https://github.com/orbat; news monitoring)"
# The token robots.txt rules are matched against.
ROBOTS_AGENT = "orbat"
# How long a host's robots.txt is trusted before it is fetched again.
ROBOTS_TTL = 3600.0


class FetchError(Exception):
    """A fetch that did not give a usable response.

    ``kind`` is short and stable (``timeout``, ``http 500``, ``refused``, ``robots``,
    ``too large``, ``network``) for the poll state; the message says what happened.
    ``retry`` says whether trying again later may help.
    """

    def __init__(self, kind: str, message: str, *, retry: bool, status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.retry = retry
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A response: ``not_modified`` (304) responses have no content."""

    url: str  # after redirects
    status: int
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    charset: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    fetched_at: float
    disallow_all: bool = False


@dataclass
class Fetcher:
    """HTTP GETs for the watcher. Build it with keyword arguments; close it when done.

    ``timeout`` bounds each request as a whole: connecting, waiting for the answer and
    reading the body (and each step on its own). With a ``transport`` of your own, only the
    body's reading is checked against it, between chunks.
    """

    allow_private: bool = False
    timeout: float = 20.0
    host_delay: float = 1.0
    max_bytes: int = 20_000_000
    user_agent: str = USER_AGENT
    transport: httpx.BaseTransport | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _client: httpx.Client = field(init=False)
    _last_request: dict[str, float] = field(init=False, default_factory=dict)
    _robots: dict[str, _Robots] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._client = httpx.Client(
            transport=GuardedTransport(
                self.transport or DeadlineTransport(), allow_private=self.allow_private
            ),
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=True,
            max_redirects=5,
            # Only what _read_capped can inflate with a size cap.
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- public ---------------------------------------------------------------------------
    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url`` (conditionally when validators are given), after robots and politeness.

        Raises ``FetchError`` for anything but a 2xx or 304 response.
        """
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("refused", f"not an http(s) URL: {url}", retry=False)
        if not self.allowed(url):
            raise FetchError("robots", f"robots.txt disallows {url}", retry=False)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers)

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets orbat fetch ``url``."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(base)
        if robots is None or self.clock() - robots.fetched_at > ROBOTS_TTL:
            robots = self._fetch_robots(base)
            self._robots[base] = robots
        if robots.disallow_all:
            return False
        return robots.parser is None or robots.parser.can_fetch(ROBOTS_AGENT, url)

    # -- internals ------------------------------------------------------------------------
    def _fetch_robots(self, base: str) -> _Robots:
        """RFC 9309: 2xx → the rules; 4xx → no rules; 5xx or unreachable → disallow all."""
        now = self.clock()
        try:
            result = self._request(base + "/robots.txt", {})
        except FetchError as err:
            if err.kind == "refused":
                raise  # the host itself is refused: say so, not "robots.txt disallows"
            if err.status is not None and 400 <= err.status < 500:
                return _Robots(None, now)
            # Unreachable: assume complete disallow, and ask again soon rather than in an hour.
            return _Robots(None, now - ROBOTS_TTL + 60, disallow_all=True)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(result.content.decode("utf-8", "replace").splitlines())
        return _Robots(parser, now)

    def _wait_for_host(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            remaining = self.host_delay - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = self.clock()

    def _request(self, url: str, headers: dict[str, str]) -> FetchResult:
        self._wait_for_host(urlsplit(url).netloc)
        try:
            with (
                deadline(self.timeout),
                self._client.stream("GET", url, headers=headers) as response,
            ):
                if response.status_code == 304:
                    return FetchResult(str(response.url), 304)
                if response.status_code >= 400 or response.status_code < 200:
                    code = response.status_code
                    raise FetchError(
                        f"http {code}",
                        f"HTTP {code} {response.reason_phrase} from {response.url}",
                        retry=code >= 500 or code in (408, 429),
                        status=code,
                    )
                content = self._read_capped(response)
                return FetchResult(
                    url=str(response.url),
                    status=response.status_code,
                    content=content,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    content_type=response.headers.get("content-type"),
                    charset=response.charset_encoding,
                )
        except BlockedAddress as err:
            raise FetchError("refused", str(err), retry=False) from None
        except httpx.TimeoutException:
            raise FetchError(
                "timeout", f"no complete answer from {url} within {self.timeout:g} s", retry=True
            ) from None
        except httpx.TooManyRedirects:
            raise FetchError("network", f"too many redirects from {url}", retry=True) from None
        except httpx.HTTPError as err:
            raise FetchError("network", f"{url}: {err or type(err).__name__}", retry=True) from None

    def _read_capped(self, response: httpx.Response) -> bytes:
        """The body, decompressed here rather than by httpx, never past ``max_bytes``.

        httpx inflates each network chunk whole, so one 64 KB chunk of a gzip bomb becomes
        64 MB at once; zlib's ``max_length`` lets us stop at the cap instead.
        """
        decoder = _decoder(response.headers.get("content-encoding", ""), str(response.url))
        parts: list[bytes] = []
        size = 0
        try:
            for raw in response.iter_raw():
                if expired():
                    raise httpx.ReadTimeout("the request's deadline has passed")
                size = self._inflate(response, decoder, raw, parts, size)
        except httpx.TimeoutException:
            raise FetchError(
                "timeout",
                f"{response.url} sent its answer too slowly: not complete after "
                f"{self.timeout:g} s ({size:,} bytes so far)",
                retry=True,
            ) from None
        if decoder is not None:
            parts.append(decoder.flush())
        return b"".join(parts)

    def _inflate(
        self, response: httpx.Response, decoder: Any, raw: bytes, parts: list[bytes], size: int
    ) -> int:
        """Append ``raw``, decompressed, to ``parts``; return the new total size."""
        pending = raw
        while pending:
            if decoder is None:
                chunk, pending = pending, b""
            else:
                try:
                    chunk = decoder.decompress(pending, self.max_bytes - size + 1)
                except zlib.error as err:
                    raise FetchError(
                        "network", f"{response.url}: corrupt compressed body: {err}", retry=True
                    ) from None
                pending = decoder.unconsumed_tail
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(
                    "too large",
                    f"{response.url} is larger than {self.max_bytes:,} bytes",
                    retry=False,
                )
            parts.append(chunk)
            if decoder is not None and not chunk and pending:
                break  # no progress: wait for more input
        return size


def _decoder(encoding: str, url: str) -> Any:
    """A zlib decompressor for ``Content-Encoding`` (we only ask for gzip and deflate)."""
    encoding = encoding.strip().casefold()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return _Deflate()
    raise FetchError("refused", f"{url}: unsupported content encoding {encoding!r}", retry=False)


class _Deflate:
    """``deflate`` is zlib-wrapped by the standard and raw in many servers: try both."""

    def __init__(self) -> None:
        self._inner: Any = None
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._inner is None:
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._inner = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        out: bytes = self._inner.decompress(data, max_length)
        self.unconsumed_tail = self._inner.unconsumed_tail
        return out

    def flush(self) -> bytes:
        return b"" if self._inner is None else bytes(self._inner.flush())
