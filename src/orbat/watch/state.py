"""Poll state in the database: each feed's validators and schedule, each linked page's fate.

Keeping this in the database (not in memory or a side file) is what makes a watcher
restart-safe: a restarted ``orbat watch`` sends the same conditional requests, keeps the
same backoff, and never fetches a page it already stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, Row, insert, or_, select, update

from orbat.store.schema import documents, watch_feeds, watch_pages

__all__ = ["FeedState", "PageState", "WatchStore", "backoff"]

# A page that failed this many times is given up (its status stays ``failed``).
MAX_PAGE_ATTEMPTS = 5
# Stored reasons are one line of at most this many characters.
_REASON_LIMIT = 500


def backoff(failures: int, base: float, cap: float) -> float:
    """Seconds to wait after ``failures`` consecutive failures: base, 2·base, 4·base … cap."""
    return float(min(cap, base * 2 ** max(0, failures - 1)))


@dataclass(frozen=True, slots=True)
class FeedState:
    id: int
    url: str
    etag: str | None
    last_modified: str | None
    failures: int
    next_due_at: datetime | None
    last_status: str | None
    last_error: str | None
    last_polled_at: datetime | None


@dataclass(frozen=True, slots=True)
class PageState:
    id: int
    url: str
    feed_id: int
    status: str
    attempts: int


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _feed(row: Row[tuple[object, ...]]) -> FeedState:
    m = row._mapping
    return FeedState(
        id=m["id"],
        url=m["url"],
        etag=m["etag"],
        last_modified=m["last_modified"],
        failures=m["failures"],
        next_due_at=_utc(m["next_due_at"]),
        last_status=m["last_status"],
        last_error=m["last_error"],
        last_polled_at=_utc(m["last_polled_at"]),
    )


class WatchStore:
    """Reads and writes ``watch_feeds`` and ``watch_pages``; each call is its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- feeds ----------------------------------------------------------------------------
    def add_feeds(self, urls: list[str], now: datetime) -> list[FeedState]:
        """Register ``urls`` (already known ones keep their state); return their states."""
        with self.engine.begin() as conn:
            known = {
                r.url
                for r in conn.execute(select(watch_feeds.c.url).where(watch_feeds.c.url.in_(urls)))
            }
            for url in dict.fromkeys(urls):
                if url not in known:
                    conn.execute(
                        insert(watch_feeds).values(
                            url=url, failures=0, items_seen=0, added_at=now, next_due_at=now
                        )
                    )
            rows = conn.execute(select(watch_feeds).where(watch_feeds.c.url.in_(urls))).all()
        by_url = {row.url: _feed(row) for row in rows}
        return [by_url[url] for url in dict.fromkeys(urls)]

    def feeds(self) -> list[FeedState]:
        with self.engine.connect() as conn:
            return [_feed(r) for r in conn.execute(select(watch_feeds).order_by(watch_feeds.c.id))]

    def feed(self, feed_id: int) -> FeedState:
        with self.engine.connect() as conn:
            return _feed(conn.execute(select(watch_feeds).where(watch_feeds.c.id == feed_id)).one())

    def feed_polled(
        self,
        feed_id: int,
        now: datetime,
        next_due: datetime,
        *,
        status: str,
        etag: str | None,
        last_modified: str | None,
        items: int,
    ) -> None:
        """A successful poll: new validators (kept when the server sent none), failures reset."""
        values: dict[str, object] = {
            "last_polled_at": now,
            "last_status": status,
            "last_error": None,
            "failures": 0,
            "next_due_at": next_due,
            "items_seen": watch_feeds.c.items_seen + items,
        }
        if etag is not None:
            values["etag"] = etag
        if last_modified is not None:
            values["last_modified"] = last_modified
        with self.engine.begin() as conn:
            conn.execute(update(watch_feeds).where(watch_feeds.c.id == feed_id).values(**values))

    def feed_failed(
        self, feed_id: int, now: datetime, *, kind: str, error: str, base: float, cap: float
    ) -> FeedState:
        """A failed poll: one more failure, next try after the backoff. Returns the new state."""
        with self.engine.begin() as conn:
            failures = conn.execute(
                select(watch_feeds.c.failures).where(watch_feeds.c.id == feed_id)
            ).scalar_one()
            failures += 1
            conn.execute(
                update(watch_feeds)
                .where(watch_feeds.c.id == feed_id)
                .values(
                    last_polled_at=now,
                    last_status=kind[:40],
                    last_error=error[:_REASON_LIMIT],
                    failures=failures,
                    next_due_at=now + timedelta(seconds=backoff(failures, base, cap)),
                )
            )
        return self.feed(feed_id)

    # -- pages ----------------------------------------------------------------------------
    def new_pages(self, feed_id: int, urls: list[str], now: datetime) -> list[str]:
        """Record the links of a feed; return those never seen before (to fetch now)."""
        fresh: list[str] = []
        with self.engine.begin() as conn:
            for url in dict.fromkeys(urls):
                seen = conn.execute(
                    select(watch_pages.c.id).where(watch_pages.c.url == url)
                ).first()
                if seen is None:
                    conn.execute(
                        insert(watch_pages).values(
                            url=url,
                            feed_id=feed_id,
                            status="pending",
                            attempts=0,
                            first_seen=now,
                            next_due_at=now,
                        )
                    )
                    fresh.append(url)
        return fresh

    def pages_due(self, now: datetime) -> list[PageState]:
        """Pages still to fetch: pending ones (a crash interrupted them) and failures to retry."""
        query = (
            select(watch_pages)
            .where(
                or_(
                    watch_pages.c.status == "pending",
                    (watch_pages.c.status == "failed")
                    & (watch_pages.c.attempts < MAX_PAGE_ATTEMPTS),
                )
            )
            .where(or_(watch_pages.c.next_due_at.is_(None), watch_pages.c.next_due_at <= now))
            .order_by(watch_pages.c.id)
        )
        with self.engine.connect() as conn:
            return [
                PageState(r.id, r.url, r.feed_id, r.status, r.attempts) for r in conn.execute(query)
            ]

    def page_done(
        self,
        url: str,
        now: datetime,
        *,
        status: str,
        http_status: int | None = None,
        reason: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Record a page's outcome; ``stored`` pages get their document linked."""
        with self.engine.begin() as conn:
            values: dict[str, object] = {
                "status": status,
                "http_status": http_status,
                "reason": reason[:_REASON_LIMIT] if reason else None,
                "attempts": watch_pages.c.attempts + 1,
                "fetched_at": now,
                "next_due_at": now + timedelta(seconds=retry_after) if retry_after else None,
            }
            if status == "stored":
                values["document_id"] = conn.execute(
                    select(documents.c.id)
                    .where(documents.c.origin == url)
                    .order_by(documents.c.id)
                    .limit(1)
                ).scalar()
            conn.execute(update(watch_pages).where(watch_pages.c.url == url).values(**values))

    def page_counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            rows = conn.execute(
                select(watch_pages.c.status, func.count()).group_by(watch_pages.c.status)
            ).all()
        return {status: int(n) for status, n in rows}
