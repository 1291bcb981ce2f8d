"""Live monitoring: poll feeds over HTTP into the database, and alert on what comes in.

from orbat.watch import Fetcher, Watcher, WatchConfig, load_rules
with Fetcher() as fetcher:
    watcher = Watcher("orbat.db", fetcher, WatchConfig(every=600))
    watcher.add_feeds(["https://example.org/feed.xml"])
    report = watcher.poll()
"""

from orbat.watch.alerting import deliver, evaluate, list_alerts, sinks_for
from orbat.watch.feeds import parse_interval, read_feeds_file
from orbat.watch.fetch import Fetcher, FetchError, FetchResult
from orbat.watch.guard import BlockedAddress, GuardedTransport
from orbat.watch.poll import PollReport, WatchConfig, Watcher
from orbat.watch.rules import RuleSet, load_rules, parse_rules

__all__ = [
    "BlockedAddress",
    "FetchError",
    "FetchResult",
    "Fetcher",
    "GuardedTransport",
    "PollReport",
    "RuleSet",
    "WatchConfig",
    "Watcher",
    "deliver",
    "evaluate",
    "list_alerts",
    "load_rules",
    "parse_interval",
    "parse_rules",
    "read_feeds_file",
    "sinks_for",
]
