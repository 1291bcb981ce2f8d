"""Fixtures for the watch tests: the loopback feed server and a watcher with a settable clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hang_guard import run_within
from orbat.watch import Fetcher, WatchConfig, Watcher
from orbat.watch.rules import RuleSet

from . import fixtures
from .server import FixtureServer, Route


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer()
    base = srv.base
    srv.routes.update(
        {
            "/robots.txt": Route(fixtures.ROBOTS, content_type="text/plain"),
            "/wire.rss": Route(fixtures.wire_feed(base, [fixtures.is_kills()])),
            "/real.rss": Route(fixtures.real_feed(base)),
            "/pages/is-kills-3.html": Route(
                fixtures.page_html(fixtures.is_kills()), content_type="text/html; charset=utf-8"
            ),
            "/pages/convoys.html": Route(
                fixtures.page_html(fixtures.convoys()), content_type="text/html; charset=utf-8"
            ),
            "/private/secret.html": Route(b"<html>secret</html>", content_type="text/html"),
            "/broken.rss": Route(b"internal error", status=500, content_type="text/plain"),
            "/slow.rss": Route(fixtures.real_feed(base), delay=3.0),
            "/malformed.rss": Route(fixtures.MALFORMED),
        }
    )
    yield srv
    srv.close()


@pytest.fixture
def watchdog() -> Iterator[None]:
    """Fail a test that runs past 90 s instead of hanging the suite (tests of hangs use it)."""
    with run_within(90, "the watchdog expired: this would have hung"):
        yield


@pytest.fixture
def clock() -> Clock:
    return Clock()


WatcherFactory = Callable[..., Watcher]


@pytest.fixture
def make_watcher(tmp_path: Path, clock: Clock) -> Iterator[WatcherFactory]:
    fetchers: list[Fetcher] = []

    def make(
        feeds: list[str],
        *,
        ruleset: RuleSet | None = None,
        sinks: list[object] | None = None,
        db: Path | None = None,
        lines: list[str] | None = None,
    ) -> Watcher:
        fetcher = Fetcher(allow_private=True, host_delay=0.0, timeout=1.0)
        fetchers.append(fetcher)
        watcher = Watcher(
            str(db or tmp_path / "watch.db"),
            fetcher,
            WatchConfig(every=600, retry_base=60, retry_cap=3600),
            ruleset=ruleset,
            sinks=sinks or [],  # type: ignore[arg-type]
            clock=clock,
            report=(lines.append if lines is not None else lambda _line: None),
        )
        watcher.add_feeds(feeds)
        return watcher

    yield make
    for fetcher in fetchers:
        fetcher.close()
