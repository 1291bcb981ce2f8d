"""`orbat watch` (poll feeds, alert) and `orbat alerts` (list past alerts)."""

from __future__ import annotations

import json
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from orbat import settings
from orbat.cli.options import DbOption, engine_for
from orbat.errors import ConfigError

if TYPE_CHECKING:
    from orbat.watch import PollReport

__all__ = ["alerts_command", "watch_command"]

err_console = Console(stderr=True)


def watch_command(
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="A feed URL (repeat for several).")
    ] = None,
    feeds: Annotated[
        Path | None,
        typer.Option("--feeds", help="A file of feed URLs: one a line (# comments), or OPML."),
    ] = None,
    every: Annotated[
        str, typer.Option("--every", help="Time between polls of a feed: 30s, 10m, 2h, 1d.")
    ] = "10m",
    once: Annotated[
        bool, typer.Option("--once", help="Poll every feed once now, then exit.")
    ] = False,
    db: DbOption = None,
    alerts: Annotated[
        Path | None,
        typer.Option("--alerts", help="Alert rules (YAML); see docs/watch.md."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Also fetch from private, loopback and link-local addresses (your own network).",
        ),
    ] = False,
    pages: Annotated[
        bool,
        typer.Option("--pages/--no-pages", help="Fetch the article pages feed items link to."),
    ] = True,
    delay: Annotated[
        float, typer.Option("--delay", help="Seconds between two requests to the same host.")
    ] = 1.0,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            help="Seconds a request may take in all (connecting, answer, body); a feed or page "
            "that is slower fails for this poll.",
        ),
    ] = 20.0,
    retry: Annotated[
        str,
        typer.Option("--retry", help="First wait after a failure; it doubles up to 6h."),
    ] = "1m",
) -> None:
    """Poll RSS/Atom feeds over HTTP, store new articles and their events, and alert.

    Restart-safe: a restarted watch resumes without refetching or alerting twice.

    Alerts go to stdout as JSON lines (or where the rules file says); progress to stderr.
    """
    import httpx

    from orbat.watch import (
        Fetcher,
        GuardedTransport,
        WatchConfig,
        Watcher,
        load_rules,
        parse_interval,
        read_feeds_file,
        sinks_for,
    )
    from orbat.watch.deadline import DeadlineTransport
    from orbat.watch.feeds import check_url

    urls = [check_url(u, "--feed") for u in feed or []]
    if feeds is not None:
        urls += read_feeds_file(feeds)
    if not urls:
        raise typer.BadParameter("give at least one --feed URL or a --feeds FILE")
    config = WatchConfig(
        every=parse_interval(every), retry_base=parse_interval(retry), fetch_pages=pages
    )
    ruleset = load_rules(alerts) if alerts is not None else None
    target = settings.get("db", db)
    webhook_client = httpx.Client(
        transport=GuardedTransport(DeadlineTransport(), allow_private=allow_private),
        timeout=timeout,
    )
    with Fetcher(allow_private=allow_private, timeout=timeout, host_delay=delay) as fetcher:
        watcher = Watcher(
            target,
            fetcher,
            config,
            ruleset=ruleset,
            sinks=sinks_for(ruleset.delivery, sys.stdout, webhook_client) if ruleset else [],
            report=lambda line: err_console.print(f"[yellow]{escape(line)}[/]", highlight=False),
        )
        watcher.add_feeds(list(dict.fromkeys(urls)))
        try:
            if once:
                _show(watcher.poll(everything=True))
            else:
                stop = threading.Event()

                def _stop(_signum: int, _frame: FrameType | None) -> None:
                    stop.set()

                signal.signal(signal.SIGTERM, _stop)
                err_console.print(
                    f"watching {len(urls)} feeds every {every} into {target} (Ctrl-C to stop)"
                )
                try:
                    watcher.run(stop, on_poll=_show)
                except KeyboardInterrupt:
                    err_console.print("stopped; a restart resumes where this left off")
        finally:
            webhook_client.close()


def _show(report: PollReport) -> None:
    for feed in report.feeds:
        if feed.status == "new":
            line = f"{feed.url}: {feed.items} items, {feed.links} new links"
        elif feed.status == "not modified":
            line = f"{feed.url}: not modified"
        else:
            continue  # failures were reported as they happened
        err_console.print(escape(line), highlight=False)
    ingested = report.ingest
    stamp = datetime.now(UTC).strftime("%H:%M:%S")
    err_console.print(
        f"[bold]{stamp} poll[/]: "
        + (
            f"{ingested.articles_new} new articles, {ingested.duplicates} copies, "
            f"{ingested.articles_known} already stored, "
            if ingested
            else "nothing new, "
        )
        + f"{report.pages_fetched} pages fetched, {report.pages_failed} failed, "
        f"{report.event_mentions} event mentions, {report.alerts_created} alerts",
        highlight=False,
    )


def alerts_command(
    db: DbOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only alerts created at or after this date or time (UTC)."),
    ] = None,
) -> None:
    """List past alerts as JSON lines, oldest first, with their delivery state."""
    from orbat.watch import list_alerts

    start: datetime | None = None
    if since is not None:
        try:
            start = datetime.fromisoformat(since)
        except ValueError:
            raise ConfigError(
                f"--since {since!r} is not a date or time like 2026-11-21 or 2026-11-21T06:00"
            ) from None
        start = start.replace(tzinfo=UTC) if start.tzinfo is None else start.astimezone(UTC)
    found = list_alerts(engine_for(db), start)
    for alert in found:
        typer.echo(json.dumps(alert, ensure_ascii=False, default=str, sort_keys=True))
    err_console.print(f"{len(found)} alerts")
