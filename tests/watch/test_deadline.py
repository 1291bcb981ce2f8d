"""Issue 17: a server that trickles its answer fails that feed for this poll, within --timeout.

httpx's timeouts are per read, so one byte a second never trips them; without a deadline per
request the watcher waited forever on such a feed, and every feed after it (polled in turn)
and every alert waited too. Each test runs under the watchdog, so a regression fails instead
of hanging the suite.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from orbat.cli.app import app
from orbat.watch import Fetcher, FetchError, sinks_for
from orbat.watch.deadline import DeadlineTransport
from orbat.watch.guard import GuardedTransport
from orbat.watch.rules import Delivery

from . import fixtures
from .conftest import WatcherFactory
from .server import FixtureServer, Route

pytestmark = [pytest.mark.issue(17), pytest.mark.usefixtures("watchdog")]


def _trickle(server: FixtureServer, path: str, *, headers: bool = False) -> str:
    """A route that sends the real feed one byte a second (a quarter of an hour's worth)."""
    body = fixtures.real_feed(server.base)
    server.routes[path] = Route(body, trickle=1.0, trickle_headers=headers)
    return server.url(path)


def test_a_trickled_body_fails_within_the_timeout(server: FixtureServer) -> None:
    url = _trickle(server, "/trickle.rss")
    started = time.monotonic()
    with (
        Fetcher(allow_private=True, host_delay=0.0, timeout=2.0) as fetcher,
        pytest.raises(FetchError) as err,
    ):
        fetcher.get(url)
    assert time.monotonic() - started < 10
    assert err.value.kind == "timeout" and err.value.retry
    assert "too slowly" in str(err.value) and "after 2 s" in str(err.value)
    assert "\n" not in str(err.value)


def test_trickled_headers_fail_within_the_timeout(server: FixtureServer) -> None:
    # Still waiting for the headers, so nothing of the body reached orbat's own loop: this
    # is the deadline in the sockets (DeadlineTransport), not the check between chunks.
    url = _trickle(server, "/trickle.rss", headers=True)
    started = time.monotonic()
    with (
        Fetcher(allow_private=True, host_delay=0.0, timeout=2.0) as fetcher,
        pytest.raises(FetchError, match=r"no complete answer from .* within 2 s") as err,
    ):
        fetcher.get(url)
    assert time.monotonic() - started < 10
    assert err.value.kind == "timeout"


def test_a_body_from_any_transport_is_checked_between_chunks() -> None:
    class Slow(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            while True:
                time.sleep(0.2)
                yield b"x"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, stream=Slow())

    started = time.monotonic()
    with (
        Fetcher(
            allow_private=True,
            host_delay=0.0,
            timeout=1.0,
            transport=httpx.MockTransport(handler),
        ) as fetcher,
        pytest.raises(FetchError, match="too slowly") as err,
    ):
        fetcher.get("http://news.example/feed.xml")
    assert time.monotonic() - started < 10
    assert err.value.kind == "timeout"


def test_a_trickling_feed_fails_and_the_other_feeds_and_pages_go_on(
    server: FixtureServer, make_watcher: WatcherFactory
) -> None:
    slow_feed = _trickle(server, "/trickle.rss")
    _trickle(server, "/pages/trickle.html")
    server.routes["/wire.rss"] = Route(
        fixtures.wire_feed(server.base, [fixtures.is_kills()], extra_links=("/pages/trickle.html",))
    )
    lines: list[str] = []
    watcher = make_watcher([slow_feed, server.url("/wire.rss")], lines=lines)  # timeout 1 s

    report = watcher.poll()
    status = {f.url: f.status for f in report.feeds}
    assert status == {slow_feed: "failed", server.url("/wire.rss"): "new"}
    [failed] = [line for line in lines if line.startswith(f"feed {slow_feed}")]
    assert "(timeout)" in failed and "too slowly" in failed and "\n" not in failed
    # The healthy feed's page was stored; the trickling page failed and waits for a retry.
    assert report.pages_fetched == 1 and report.pages_failed == 1
    assert any("/pages/trickle.html failed (timeout)" in line for line in lines)


def test_watch_once_with_a_trickling_feed_finishes(server: FixtureServer, tmp_path: Path) -> None:
    """As the probe ran it: ``watch --once --allow-private --timeout 2``."""
    slow_feed = _trickle(server, "/trickle.rss")
    started = time.monotonic()
    result = CliRunner().invoke(
        app,
        [
            "watch",
            "--db",
            str(tmp_path / "w.db"),
            "--feed",
            slow_feed,
            "--feed",
            server.url("/wire.rss"),
            "--once",
            "--allow-private",
            "--timeout",
            "2",
            "--delay",
            "0",
            "--no-pages",
        ],
    )
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert f"feed {slow_feed} failed (timeout)" in result.stderr
    assert f"{server.url('/wire.rss')}: 1 items" in result.stderr
    assert elapsed < 30


def test_a_trickling_webhook_fails_within_the_timeout(server: FixtureServer) -> None:
    server.routes["/hook"] = Route(b"ok" * 500, content_type="text/plain", trickle=1.0)
    transport = GuardedTransport(DeadlineTransport(), allow_private=True)
    with httpx.Client(transport=transport, timeout=2.0) as client:
        delivery = Delivery(stdout=False, webhook=server.url("/hook"))
        [(name, sink)] = sinks_for(delivery, io.StringIO(), client)
        started = time.monotonic()
        with pytest.raises(httpx.TimeoutException):
            sink({"rule": "r", "event": {}})
    assert time.monotonic() - started < 10
    assert name.startswith("webhook")
