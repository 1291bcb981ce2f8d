"""Fixture feeds and pages for the watch tests, built from real inputs.

- The *wire* feed: RSS 2.0 whose items are founding-corpus articles (``orbat.examples``),
  each linking to an HTML page that carries the article (title, date, paragraphs).
- The *real* feed: ``feeds/content-encoded.rss`` of ``../shared/data`` (a real Medium feed)
  with its links moved onto the fixture server, where they are 404s.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from pathlib import Path

from orbat.clean import segment
from orbat.ingest import read_inputs
from orbat.models import Article, RawDocument
from shared_data import shared

SEEDS = Path(__file__).resolve().parents[2] / "src" / "orbat" / "examples" / "seeds"


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]


@cache
def _articles() -> dict[str, Article]:
    found: dict[str, Article] = {}
    for record in read_inputs([str(SEEDS)]):
        if isinstance(record, RawDocument):
            for article in segment(record):
                if article.title:
                    found[article.title] = article
    return found


def story(title_start: str, slug: str) -> Story:
    """The founding-corpus article whose title starts with ``title_start``."""
    article = next(a for t, a in _articles().items() if t.startswith(title_start))
    assert article.published is not None and article.title is not None
    when = datetime(
        article.published.year, article.published.month, article.published.day, 9, tzinfo=UTC
    )
    paragraphs = tuple(p.strip() for p in article.text.split("\n\n") if p.strip())
    return Story(slug, article.title, when, paragraphs)


# "IS kills 3 Iraqi militias": a battle at Tarmiyah, Islamic State vs pro-Iran militia, 3 dead.
def is_kills() -> Story:
    return story("IS kills 3 Iraqi militias", "is-kills-3")


# A second, later story that appears in the feed between polls.
def convoys() -> Story:
    return story("Iraqi militias claim to attack eight US logistics convoys", "convoys")


def page_html(s: Story) -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in s.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(s.title)}</title>
<meta property="og:title" content="{html.escape(s.title)}">
<meta property="og:site_name" content="Fixture Wire">
<meta property="article:published_time" content="{s.published.isoformat()}">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{html.escape(s.title)}</h1>
{body}
</article>
<footer>© Fixture Wire. Download our app.</footer>
</body></html>""".encode()


def wire_feed(base: str, stories: list[Story], extra_links: tuple[str, ...] = ()) -> bytes:
    items = []
    for s in stories:
        items.append(
            f"""<item><title>{html.escape(s.title)}</title>
<link>{base}/pages/{s.slug}.html</link>
<guid isPermaLink="false">fixture-wire:{s.slug}</guid>
<pubDate>{format_datetime(s.published)}</pubDate>
<description>{html.escape(s.paragraphs[0])}</description></item>"""
        )
    for number, link in enumerate(extra_links):
        items.append(
            f"""<item><title>Item {number} behind {html.escape(link)}</title>
<link>{base}{link}</link><guid isPermaLink="false">fixture-wire:extra-{number}</guid>
<description>A link the watcher may or may not follow.</description></item>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fixture Wire</title><link>{base}/</link>
<description>Founding-corpus articles as a feed</description><language>en</language>
{"".join(items)}
</channel></rss>""".encode()


def real_feed(base: str) -> bytes:
    """The real Medium feed, its links moved to the fixture server (skipped without
    ../shared/data, failed in CI)."""
    data = shared("feeds", "content-encoded.rss").read_bytes()
    return data.replace(b"https://medium.com/", f"{base}/medium/".encode())


MALFORMED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken\x00 <<< &&& </chan"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
