"""One watcher: poll due feeds, fetch the pages they link, ingest, extract events, alert.

Every step leaves the database in a state a restart can resume from (see ``Watcher.poll``);
nothing about the run lives only in memory except politeness timers and robots.txt caches.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from orbat.errors import IngestError, OrbatError
from orbat.ingest.base import Input, ReadOptions, one_line
from orbat.ingest.feeds import read_feed
from orbat.ingest.html import extract_html
from orbat.models import RawDocument, Skip
from orbat.pipeline import IngestSummary, Pipeline
from orbat.watch.alerting import AlertSink, deliver, evaluate
from orbat.watch.fetch import Fetcher, FetchError
from orbat.watch.rules import RuleSet
from orbat.watch.state import FeedState, WatchStore, backoff

__all__ = ["FeedReport", "PollReport", "WatchConfig", "Watcher"]

_LOGGER = logging.getLogger(__name__)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# documents.locator is String(200): long entry ids are replaced by a digest.
_LOCATOR_LIMIT = 200


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """How a watcher behaves; ``orbat watch`` fills it from its options.

    Attributes:
        every: seconds between two polls of a feed that works.
        retry_base, retry_cap: a failing feed (or page) is retried after retry_base seconds,
            then twice that, and so on up to retry_cap.
        max_pages: linked pages fetched per feed and poll at most (the rest wait).
        fetch_pages: fetch the pages feed items link to (else store the items only).
        extract: extract events after storing (alerts need it).
    """

    every: float = 600.0
    retry_base: float = 60.0
    retry_cap: float = 6 * 3600.0
    max_pages: int = 50
    fetch_pages: bool = True
    extract: bool = True


@dataclass
class FeedReport:
    url: str
    status: str  # new | not modified | failed
    items: int = 0
    links: int = 0
    error: str | None = None
    next_due: datetime | None = None


@dataclass
class PollReport:
    """What one poll did."""

    feeds: list[FeedReport] = field(default_factory=list)
    pages_fetched: int = 0
    pages_failed: int = 0
    ingest: IngestSummary | None = None
    event_mentions: int = 0
    alerts_created: int = 0
    alerts_delivered: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Polled:
    """A feed fetched in this poll, waiting for its entries to be stored."""

    feed_id: int
    entries: list[RawDocument | Skip]
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


def _now() -> datetime:
    return datetime.now(UTC)


def stable_locator(doc: RawDocument) -> str:
    """A locator that names the entry itself (id, else link, else title), not its position.

    The feed reader numbers entries (``item 3``), and a feed's newest entry comes first, so
    the numbers shift at every poll; the entry's own id keeps re-polls from storing it twice.
    """
    key = doc.external_id or doc.url or doc.title or doc.locator
    locator = f"entry {key}"
    if len(locator) > _LOCATOR_LIMIT:
        locator = "entry sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return locator


def feed_records(data: bytes, feed_url: str) -> list[RawDocument | Skip]:
    """The entries of a fetched feed, with stable locators; raises ``IngestError`` for a bad feed.

    The feed reader reads files, so the bytes go through a temporary one.
    """
    with tempfile.TemporaryDirectory(prefix="orbat-watch-") as tmp:
        path = Path(tmp) / "feed.xml"
        path.write_bytes(data)
        records = list(read_feed(Input(path=path, origin=feed_url), ReadOptions()))
    for record in records:
        if isinstance(record, RawDocument):
            record.locator = stable_locator(record)
    return records


class Watcher:
    """Polls feeds into one database. Build it, ``add_feeds``, then ``poll`` or ``run``."""

    def __init__(
        self,
        db: str,
        fetcher: Fetcher,
        config: WatchConfig | None = None,
        *,
        ruleset: RuleSet | None = None,
        sinks: list[tuple[str, AlertSink]] | None = None,
        clock: Callable[[], datetime] = _now,
        report: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.db = db
        self.config = config or WatchConfig()
        # Stores what each poll brings, then extracts it unless config.extract is off.
        self.pipeline = Pipeline(db, extract=self.config.extract)
        self.engine = self.pipeline.engine
        self.store = WatchStore(self.engine)
        self.fetcher = fetcher
        self.ruleset = ruleset
        self.sinks = sinks or []
        self.clock = clock
        self.report = report
        self.feed_ids: list[int] = []

    def add_feeds(self, urls: list[str]) -> list[FeedState]:
        states = self.store.add_feeds(urls, self.clock())
        self.feed_ids = [s.id for s in states]
        return states

    # -- one poll -------------------------------------------------------------------------
    def poll(self, *, everything: bool = False) -> PollReport:
        """Poll every due feed (all of them with ``everything``) and process what came in.

        1. Fetch each due feed conditionally; a failure is reported, backed off, and the next
           feed goes on. New links are recorded as pending pages.
        2. Fetch the pending pages (new ones, and failures whose retry is due).
        3. Ingest feed entries and pages in one run (idempotent: re-polls add nothing).
        4. Only now record the feeds' validators and the pages' outcomes: a crash before this
           point makes the next run fetch again rather than miss anything.
        5. Extract events and statements (claims, new actors) from the new documents.
        6. Evaluate the alert rules on what was added, and deliver pending alerts.
        """
        now = self.clock()
        report = PollReport()
        records: list[RawDocument | Skip] = []
        polled: list[_Polled] = []
        # 1.
        for feed in self._due_feeds(now, everything):
            fetched = self._poll_feed(feed, now, report)
            if fetched is not None:
                records += fetched.entries
                polled.append(fetched)
        # 2.
        outcomes = list(self._fetch_pages(now, report, records))
        # 3.
        if records:
            report.ingest = self.pipeline.ingest_records(records, label=f"watch {now.isoformat()}")
        # 4.
        for done in polled:
            self.store.feed_polled(
                done.feed_id,
                now,
                now + timedelta(seconds=self.config.every),
                status="not modified" if done.not_modified else "ok",
                etag=done.etag,
                last_modified=done.last_modified,
                items=len(done.entries),
            )
        for url, status, http_status, reason, retry in outcomes:
            self.store.page_done(
                url, now, status=status, http_status=http_status, reason=reason, retry_after=retry
            )
        # 5. (Also when nothing came in: a crash may have left stored documents unextracted.)
        if report.ingest is not None or self.ruleset is not None:
            extracted = self.pipeline.extract()
            report.event_mentions = extracted.events.mentions if extracted is not None else 0
        # 6.
        if self.ruleset is not None:
            report.alerts_created = evaluate(self.engine, self.ruleset, now=now)
            delivered, problems = deliver(self.engine, self.sinks, now=now)
            report.alerts_delivered = delivered
            for line in problems:
                report.problems.append(line)
                self.report(f"alert delivery failed: {line}")
        return report

    def _due_feeds(self, now: datetime, everything: bool) -> list[FeedState]:
        feeds = [f for f in self.store.feeds() if not self.feed_ids or f.id in self.feed_ids]
        if everything:
            return feeds
        return [f for f in feeds if f.next_due_at is None or f.next_due_at <= now]

    def _poll_feed(self, feed: FeedState, now: datetime, report: PollReport) -> _Polled | None:
        """The feed's entries and validators, or None when it failed (reported)."""
        try:
            result = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            if result.not_modified:
                report.feeds.append(FeedReport(feed.url, "not modified"))
                return _Polled(feed.id, [], None, None, not_modified=True)
            entries = feed_records(result.content, feed.url)
        except FetchError as err:
            self._feed_failed(feed, now, report, err.kind, str(err))
            return None
        except IngestError as err:
            self._feed_failed(feed, now, report, "malformed", one_line(err))
            return None
        except Exception as err:  # a bug must not stop the other feeds, nor a long-running watch
            # The poll report has one line; the traceback, needed to fix the bug, goes to the log.
            _LOGGER.exception("unexpected error polling feed %s", feed.url)
            self._feed_failed(feed, now, report, "error", f"{type(err).__name__}: {one_line(err)}")
            return None
        links = [
            r.url for r in entries if isinstance(r, RawDocument) and r.url and r.url != feed.url
        ]
        fresh = self.store.new_pages(feed.id, links, now) if self.config.fetch_pages else []
        report.feeds.append(FeedReport(feed.url, "new", items=len(entries), links=len(fresh)))
        return _Polled(feed.id, entries, result.etag, result.last_modified)

    def _feed_failed(
        self, feed: FeedState, now: datetime, report: PollReport, kind: str, error: str
    ) -> None:
        state = self.store.feed_failed(
            feed.id,
            now,
            kind=kind,
            error=error,
            base=self.config.retry_base,
            cap=self.config.retry_cap,
        )
        line = (
            f"feed {feed.url} failed ({kind}): {error}; failure {state.failures}, "
            f"next try {state.next_due_at:%Y-%m-%d %H:%M:%S}Z"
        )
        report.feeds.append(FeedReport(feed.url, "failed", error=line, next_due=state.next_due_at))
        report.problems.append(line)
        self.report(line)

    def _fetch_pages(
        self, now: datetime, report: PollReport, records: list[RawDocument | Skip]
    ) -> Iterator[tuple[str, str, int | None, str | None, float | None]]:
        """Fetch due pages; yield (url, status, http status, reason, retry after) for each."""
        if not self.config.fetch_pages:
            return
        per_feed: dict[int, int] = {}
        for page in self.store.pages_due(now):
            if per_feed.get(page.feed_id, 0) >= self.config.max_pages:
                continue  # politeness: the rest wait for the next poll
            per_feed[page.feed_id] = per_feed.get(page.feed_id, 0) + 1
            try:
                result = self.fetcher.get(page.url)
            except FetchError as err:
                report.pages_failed += 1
                if err.retry:
                    retry = backoff(
                        page.attempts + 1, self.config.retry_base, self.config.retry_cap
                    )
                    self.report(f"page {page.url} failed ({err.kind}): {err}; will retry")
                    yield page.url, "failed", err.status, str(err), retry
                else:
                    yield page.url, "refused", err.status, str(err), None
                continue
            kind = (result.content_type or "text/html").split(";")[0].strip().casefold()
            if kind not in _HTML_TYPES:
                yield page.url, "refused", result.status, f"not an HTML page ({kind})", None
                continue
            try:
                doc = extract_html(result.content, page.url, url=result.url, charset=result.charset)
            except (ValueError, TypeError) as err:
                yield page.url, "empty", result.status, f"unparsable HTML: {one_line(err)}", None
                continue
            report.pages_fetched += 1
            if doc is None:
                yield page.url, "empty", result.status, "no article text", None
                continue
            records.append(doc)
            yield page.url, "stored", result.status, None, None

    # -- the loop -------------------------------------------------------------------------
    def run(self, stop: threading.Event, *, on_poll: Callable[[PollReport], None]) -> None:
        """Poll until ``stop`` is set, sleeping until the next feed (or page retry) is due."""
        while not stop.is_set():
            try:
                on_poll(self.poll())
            except OrbatError as err:
                # The database was unreachable or locked past its timeout: nothing was marked
                # done, so the next poll redoes this one.
                self.report(f"poll failed, will retry: {one_line(err)}")
            except SQLAlchemyError as err:
                self.report(f"poll failed (database), will retry: {one_line(err)}")
            stop.wait(self._seconds_to_next(self.clock()))

    def _seconds_to_next(self, now: datetime) -> float:
        due = [f.next_due_at for f in self.store.feeds() if f.id in self.feed_ids]
        soonest = min((d for d in due if d is not None), default=now)
        return max(1.0, min(self.config.every, (soonest - now).total_seconds()))
