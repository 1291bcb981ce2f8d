"""RSS feeds flattened to text: find the item header lines and read the channel and items."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from orbat.clean.lines import Line

__all__ = ["FeedItem", "FlatFeed", "find_feed"]

# When a scraper saves an RSS feed as text, each <item> becomes one line holding its child
# elements' text in order: title, link, pubDate, guid, description (a CDATA excerpt ending
# in "]]>"), then the content:encoded body on the following lines. The link-pubDate-guid
# triple is what marks an item: nothing in an article body reads "URL <RFC 822 date> URL".
_RFC822 = (
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s)?\d{1,2}\s"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s\d{4}\s\d{2}:\d{2}(?::\d{2})?\s"
    r"(?:[+-]\d{4}|GMT|UTC|UT|Z|[ECMP][SD]T)"
)
# The guid must look like a URL or URN ("en-US" after the channel's own date does not).
# Nothing after the guid is in the pattern: ".*$" there would rescan the rest of the line
# at every URL, which is quadratic on a long line full of links.
_ITEM = re.compile(r"(?P<link>https?://\S+) (?P<date>" + _RFC822 + r") (?P<guid>\S*[:/]\S*)")
_URL = re.compile(r"\S+://\S+")
# The channel's header glued in front of the first item ends with URLs and the image's
# width and height ("... http://site/ 32 32"); the item title starts after them.
_SIZES = re.compile(r"^(?:\s*\d+\b)*\s*")
# The CDATA end and truncation marks of a WordPress excerpt, stripped in this order.
_EXCERPT_ENDS = ("]]>", "[…]", "[...]")


@dataclass(slots=True)
class FeedItem:
    """One item's header line.

    Attributes:
        line: index of the header line in the lines searched.
        title, link: the item's title and link.
        published_raw: its pubDate as written.
        excerpt: its description, without the truncation mark.
    """

    line: int
    title: str
    link: str
    published_raw: str
    excerpt: str


@dataclass(slots=True)
class FlatFeed:
    """A flattened feed: the channel's title when its header survived, and the items."""

    channel: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def _read_item(index: int, text: str, m: re.Match[str]) -> tuple[FeedItem, str | None]:
    before = text[: m.start()].strip()
    channel: str | None = None
    title = before
    urls = list(_URL.finditer(before))
    if urls:
        channel = before[: urls[0].start()].strip()
        title = _SIZES.sub("", before[urls[-1].end() :], count=1).strip()
    excerpt = text[m.end() :].strip()
    for mark in _EXCERPT_ENDS:
        if excerpt.endswith(mark):
            excerpt = excerpt[: -len(mark)].rstrip()
    item = FeedItem(index, title, m.group("link"), m.group("date"), excerpt)
    return item, channel or None


def find_feed(lines: Sequence[Line]) -> FlatFeed | None:
    """Find the items of a flattened RSS feed in ``lines``; None when it is no feed.

    One header line that ends in the CDATA mark is enough; without that mark two are
    needed, so that a single "URL date URL" line in prose does not make a feed.
    """
    feed = FlatFeed()
    closed = False
    for index, line in enumerate(lines):
        text = line.text
        # Cheap tests first: most lines of a 4 MB dump hold no URL at all.
        if "://" not in text or ":" not in text[8:]:
            continue
        m = _ITEM.search(text)
        if m is None:
            continue
        item, channel = _read_item(index, text, m)
        if channel and feed.channel is None:
            feed.channel = channel
        closed = closed or text.endswith("]]>")
        feed.items.append(item)
    if not feed.items or (len(feed.items) < 2 and not closed):
        return None
    return feed
