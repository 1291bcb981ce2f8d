"""Polling a real loopback server: feeds that change, ETags, robots.txt, pages fetched once."""

from __future__ import annotations

import logging
from collections import Counter

import pytest
from sqlalchemy import func, select

from orbat.store.schema import documents, event_mentions, events, watch_feeds, watch_pages

from . import fixtures
from .conftest import Clock, WatcherFactory
from .server import FixtureServer, Route


def _documents(watcher: object) -> list[tuple[str, str]]:
    with watcher.engine.connect() as conn:  # type: ignore[attr-defined]
        return [(r.origin, r.locator) for r in conn.execute(select(documents))]


def test_feed_items_and_pages_are_stored_once_across_changing_polls(
    server: FixtureServer, make_watcher: WatcherFactory, clock: Clock
) -> None:
    wire, real = server.url("/wire.rss"), server.url("/real.rss")
    watcher = make_watcher([wire, real])

    # 1. First poll: the wire's one item and its page, the real feed's entries.
    first = watcher.poll()
    assert [f.status for f in first.feeds] == ["new", "new"]
    stored = _documents(watcher)
    page = server.url("/pages/is-kills-3.html")
    assert (page, "") in stored
    assert (wire, "entry fixture-wire:is-kills-3") in stored
    entries = fixtures.real_feed(server.base).count(b"<item>")
    assert sum(origin == real for origin, _ in stored) == entries == 7
    # Its events are extracted: the battle at Tarmiyah with 3 dead, from the page.
    with watcher.engine.connect() as conn:
        battle = conn.execute(
            select(events).where(events.c.location == "At Tarmiyah", events.c.fatalities == 3)
        ).first()
        assert battle is not None and battle.actor1 == "Islamic State (Iraq)"
        quotes = conn.execute(
            select(event_mentions.c.quote).where(event_mentions.c.event_id == battle.id)
        ).scalars()
        assert any("Tarmiya" in q for q in quotes)

    # 2. Nothing changed: the server answers 304 to the stored ETag; nothing is added.
    clock.advance(601)
    second = watcher.poll()
    assert [f.status for f in second.feeds] == ["not modified", "not modified"]
    last = server.requests_for("/wire.rss")[-1]
    assert last.status == 304 and last.headers["If-None-Match"].startswith('"')
    assert last.headers["If-Modified-Since"] == "Sat, 21 Nov 2026 05:00:00 GMT"
    assert _documents(watcher) == stored

    # 3. A new item appears (newest first, so every item's position shifts).
    server.routes["/wire.rss"] = Route(
        fixtures.wire_feed(server.base, [fixtures.convoys(), fixtures.is_kills()])
    )
    clock.advance(601)
    third = watcher.poll()
    assert third.feeds[0].status == "new" and third.feeds[0].links == 1
    after = _documents(watcher)
    new = Counter(after) - Counter(stored)
    assert set(new) == {
        (server.url("/pages/convoys.html"), ""),
        (wire, "entry fixture-wire:convoys"),
    }
    assert max(Counter(after).values()) == 1, "no article stored twice"
    # Each page was fetched exactly once over the three polls.
    assert len(server.requests_for("/pages/is-kills-3.html")) == 1
    assert len(server.requests_for("/pages/convoys.html")) == 1


def test_robots_txt_is_obeyed_and_404_pages_are_not_retried(
    server: FixtureServer, make_watcher: WatcherFactory, clock: Clock
) -> None:
    server.routes["/wire.rss"] = Route(
        fixtures.wire_feed(
            server.base, [fixtures.is_kills()], extra_links=("/private/secret.html",)
        )
    )
    watcher = make_watcher([server.url("/wire.rss"), server.url("/real.rss")])
    watcher.poll()
    clock.advance(7200)
    watcher.poll()
    assert server.requests_for("/private/secret.html") == [], "robots.txt disallows /private/"
    assert len(server.requests_for("/robots.txt")) == 1, "robots.txt is cached"
    with watcher.engine.connect() as conn:
        pages = {r.url: r for r in conn.execute(select(watch_pages))}
    refused = pages[server.url("/private/secret.html")]
    assert refused.status == "refused" and "robots.txt" in refused.reason
    medium = [p for url, p in pages.items() if "/medium/" in url]
    assert medium and all(p.status == "refused" and p.http_status == 404 for p in medium)
    # A 404 is final: none was requested twice.
    medium_hits = Counter(h.path for h in server.hits if h.path.startswith("/medium/"))
    assert set(medium_hits.values()) == {1}


def test_failing_feeds_back_off_while_the_others_go_on(
    server: FixtureServer, make_watcher: WatcherFactory, clock: Clock
) -> None:
    failing = {
        server.url("/broken.rss"): "http 500",
        server.url("/slow.rss"): "timeout",
        server.url("/malformed.rss"): "malformed",
    }
    lines: list[str] = []
    watcher = make_watcher([*failing, server.url("/wire.rss")], lines=lines)

    report = watcher.poll()
    status = {f.url: f.status for f in report.feeds}
    assert status[server.url("/wire.rss")] == "new"
    assert report.ingest is not None and report.ingest.articles_new >= 2
    for url, kind in failing.items():
        assert status[url] == "failed"
        assert any(url in line and f"({kind})" in line for line in lines), (url, lines)

    def state() -> dict[str, tuple[int, float]]:
        with watcher.engine.connect() as conn:
            rows = conn.execute(select(watch_feeds)).all()
        return {
            r.url: (r.failures, (r.next_due_at - clock.now.replace(tzinfo=None)).total_seconds())
            for r in rows
        }

    assert {url: state()[url] for url in failing} == dict.fromkeys(failing, (1, 60.0))
    # Before the backoff ends, nothing is retried (and the working feed is not due either).
    clock.advance(30)
    assert watcher.poll().feeds == []
    # After it, they are retried, fail again, and the wait doubles.
    clock.advance(31)
    retried = watcher.poll()
    assert sorted(f.url for f in retried.feeds) == sorted(failing)
    assert {url: state()[url] for url in failing} == dict.fromkeys(failing, (2, 120.0))
    # A feed that recovers is back to its normal schedule with its failures forgotten.
    server.routes["/broken.rss"] = Route(fixtures.real_feed(server.base))
    clock.advance(121)
    watcher.poll()
    assert state()[server.url("/broken.rss")] == (0, 600.0)


def test_a_failing_page_is_retried_later_and_stored_once(
    server: FixtureServer, make_watcher: WatcherFactory, clock: Clock
) -> None:
    page_path = "/pages/is-kills-3.html"
    good = server.routes[page_path]
    server.routes[page_path] = Route(b"try later", status=503, content_type="text/plain")
    watcher = make_watcher([server.url("/wire.rss")])
    first = watcher.poll()
    assert first.pages_failed == 1
    server.routes[page_path] = good
    clock.advance(61)  # the page's retry is due, the feed is not
    second = watcher.poll()
    assert second.feeds == [] and second.pages_fetched == 1
    with watcher.engine.connect() as conn:
        row = conn.execute(select(watch_pages).where(watch_pages.c.url.like("%is-kills-3%"))).one()
        count = conn.execute(
            select(func.count()).select_from(documents).where(documents.c.origin == row.url)
        ).scalar()
    assert (row.status, row.attempts, count) == ("stored", 2, 1)
    assert row.document_id is not None


def test_the_loop_polls_until_stopped(server: FixtureServer, make_watcher: WatcherFactory) -> None:
    import threading

    from orbat.watch import PollReport

    watcher = make_watcher([server.url("/wire.rss")])
    polls: list[PollReport] = []
    stop = threading.Event()

    def on_poll(report: PollReport) -> None:
        polls.append(report)
        stop.set()  # one poll is enough: the loop must return promptly once stopped

    loop = threading.Thread(target=watcher.run, args=(stop,), kwargs={"on_poll": on_poll})
    loop.start()
    loop.join(timeout=120)
    assert not loop.is_alive()
    assert [f.status for f in polls[0].feeds] == ["new"]
    # The next poll is due after --every (600 s here), capped at that.
    assert watcher._seconds_to_next(watcher.clock()) == 600


@pytest.mark.issue(17)
def test_a_bug_while_polling_a_feed_is_logged_with_its_traceback(
    server: FixtureServer,
    make_watcher: WatcherFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from orbat.watch import poll

    def broken(data: bytes, feed_url: str) -> list[object]:
        raise RuntimeError("a bug in the feed reader")

    monkeypatch.setattr(poll, "feed_records", broken)
    lines: list[str] = []
    watcher = make_watcher([server.url("/wire.rss")], lines=lines)
    with caplog.at_level(logging.ERROR, logger="orbat.watch.poll"):
        report = watcher.poll()
    assert report.feeds[0].status == "failed"
    assert "(error): RuntimeError: a bug in the feed reader" in lines[0]
    [record] = [r for r in caplog.records if r.name == "orbat.watch.poll"]
    assert record.exc_info is not None and "broken" in caplog.text  # the traceback, not just a line
