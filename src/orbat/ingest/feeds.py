"""Read RSS and Atom feeds with feedparser: one RawDocument per entry, hostile XML refused."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

import feedparser
from lxml import etree

from orbat.errors import UnreadableInput, UnsupportedFormat
from orbat.ingest.base import Input, ReadOptions, Record, html_to_text, one_line, read_capped
from orbat.ingest.detect import SNIFF_BYTES, root_element
from orbat.models import RawDocument, Skip

__all__ = ["check_xml_safety", "parse_feed", "read_feed"]

_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
# Entity declarations are what billion-laughs and external-entity attacks need, and no real
# feed declares any; refusing them up front costs one scan and no parsing at all.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def check_xml_safety(data: bytes) -> None:
    """Refuse XML that declares entities (billion laughs, external entities) or nests absurdly.

    Raises ``UnreadableInput``. A plain ``<!DOCTYPE rss PUBLIC ...>`` is fine: feedparser never
    fetches DTDs.
    """
    if _ENTITY_DECL.search(data):
        raise UnreadableInput(
            "hostile XML refused: the document declares DTD entities (billion-laughs / XXE risk)"
        )
    # feedparser's time grows with the square of the nesting depth (200,000 nested elements
    # took 100 s; found by tests/hardening/test_memory.py). libxml2 stops at 256 levels unless
    # asked for huge trees, and in recover mode it reports that instead of raising: one fast C
    # pass tells us. No real feed nests anywhere near that deep.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return  # not well-formed enough even to recover: feedparser will say what is wrong
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise UnreadableInput("hostile XML refused: elements nested more than 256 deep")


def parse_feed(data: bytes) -> Any:
    """feedparser's result for ``data`` after the safety checks; raises for non-feeds.

    Raises ``UnreadableInput`` (hostile or malformed) or ``UnsupportedFormat`` (not a feed).
    """
    check_xml_safety(data)
    root = root_element(data[:SNIFF_BYTES].decode("latin-1"))
    if root not in _FEED_ROOTS:
        found = f"<{root}>" if root else "no element"
        raise UnsupportedFormat(f"not a feed: no <rss>/<feed> root (found {found})")
    # feedparser reads the encoding from the XML declaration and falls back to windows-1252 for
    # undeclared non-UTF-8 bytes (UOL's feed), which is what such feeds use in practice.
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except (UnicodeError, ValueError, LookupError) as err:
        # feedparser decodes by the declared encoding before parsing, and a mangled
        # declaration (encoding="\x80utf-8", a NUL inside it) escapes as these (found by
        # tests/hardening/test_fuzz.py).
        raise UnreadableInput(
            f"malformed feed: bad encoding declaration ({one_line(err)})"
        ) from None
    if parsed.bozo and not parsed.entries:
        raise UnreadableInput(f"malformed feed: {one_line(parsed.get('bozo_exception', ''))}")
    return parsed


def _entry_text(entry: Mapping[str, Any]) -> str:
    """content:encoded (the full body) when the entry has it, else the summary, as plain text."""
    candidates: list[Mapping[str, Any]] = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    for part in candidates:
        value = part.get("value") or ""
        if not value.strip():
            continue
        kind = (part.get("type") or "text/html").casefold()
        return html_to_text(value) if kind in _HTML_TYPES else value.strip()
    return ""


def _entry_date(entry: dict[str, Any]) -> tuple[date | None, str | None]:
    for key in ("published", "updated", "created"):
        # dict.get, not entry.get: FeedParserDict maps a missing "updated" to "published"
        # with a DeprecationWarning (feedparser issue 310); we want each key as it is.
        raw = dict.get(entry, key)
        parsed: time.struct_time | None = dict.get(entry, f"{key}_parsed")
        if raw or parsed:
            day = date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
            return day, raw
    return None, None


def _language(value: str | None) -> str | None:
    """The primary language subtag (``en-US`` → ``en``)."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip(), maxsplit=1)[0].casefold()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def read_feed(source: Input, options: ReadOptions) -> Iterator[Record]:
    """One RawDocument per feed entry; entries with neither title nor text are skipped.

    1. Read the whole feed (capped by ``max_markup_bytes``) and check it is safe XML.
    2. Parse it with feedparser.
    3. Map each entry: content:encoded or summary → text, link → url, published/updated →
       date, feed title → source, entry id → external_id, entry or feed language.
    """
    # 1. Read and check.
    data = read_capped(source, options.markup_limit, "feed")
    # 2. Parse.
    parsed = parse_feed(data)
    feed = parsed.feed
    feed_title = (feed.get("title") or "").strip() or None
    feed_language = _language(feed.get("language"))
    # 3. Map each entry.
    for number, entry in enumerate(parsed.entries, start=1):
        locator = f"item {number}"
        title = (entry.get("title") or "").strip() or None
        text = _entry_text(entry)
        if not title and not text:
            yield Skip(source.origin, "feed entry has neither title nor text", locator)
            continue
        day, raw = _entry_date(entry)
        detail = entry.get("title_detail") or entry.get("summary_detail") or {}
        extra: dict[str, Any] = {}
        if entry.get("author"):
            extra["author"] = entry["author"]
        if tags := [t.get("term") for t in entry.get("tags") or [] if t.get("term")]:
            extra["tags"] = tags
        yield RawDocument(
            origin=source.origin,
            format="rss",
            text=text,
            locator=locator,
            title=title,
            url=entry.get("link") or None,
            published=day,
            published_raw=raw,
            source=feed_title,
            external_id=entry.get("id") or None,
            language=_language(detail.get("language")) or feed_language,
            extra=extra,
        )
