"""The segment & clean stage: cut a raw document into articles, find their metadata, drop chrome."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orbat.clean.chrome import Cleaned, remove_chrome
from orbat.clean.dates import parse_date
from orbat.clean.feeds import FeedItem, find_feed
from orbat.clean.lines import Line, is_separator, split_lines
from orbat.clean.metadata import original_outlet, read_header, site_name, title_outlet
from orbat.clean.pages import PageHeader, find_headers
from orbat.errors import SegmentationError
from orbat.models import Article, RawDocument

__all__ = ["segment"]

# Text before the first story header is page chrome ("logo", navigation) unless it is long
# enough to be a story of its own whose header was lost.
_PREAMBLE_WORDS = 50
# Metadata a document carries for itself, which wins over what the text says.
_OWN_FIELDS = ("title", "url", "source", "external_id", "language")
_NO_TEXT = "no article text after cleaning"


@dataclass(slots=True)
class _Draft:
    """One story cut out of a dump, before its body is cleaned."""

    lines: Sequence[Line]
    start: int
    end: int
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_raw: str | None = None
    source: str | None = None
    header: list[str] = field(default_factory=list)
    excerpt: str = ""
    preamble: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _span(lines: Sequence[Line]) -> tuple[int, int] | None:
    texts = [line for line in lines if line.text]
    return (texts[0].start, texts[-1].end) if texts else None


def _untitled(lines: Sequence[Line], *, preamble: bool) -> list[_Draft]:
    span = _span(lines)
    if span is None:
        return []
    return [_Draft(lines, *span, preamble=preamble)]


def _feed_draft(lines: Sequence[Line], item: FeedItem, stop: int, source: str | None) -> _Draft:
    body = lines[item.line + 1 : stop]
    start = lines[item.line].start
    end = (_span(body) or (start, lines[item.line].end))[1]
    draft = _Draft(body, start, end, item.title or None, item.link, source=source)
    draft.published, draft.published_raw = parse_date(item.published_raw), item.published_raw
    draft.excerpt = item.excerpt
    if item.title and (outlet := title_outlet(item.title)):
        draft.extra["original_source"] = outlet
    return draft


def _page_draft(lines: Sequence[Line], header: PageHeader, stop: int) -> _Draft:
    body = lines[header.end + 1 : stop]
    start = lines[header.start].start
    end = (_span(body) or (start, lines[header.end].end))[1]
    info = read_header(header.lines, header.title)
    draft = _Draft(body, start, end, header.title, header=header.lines, source=info.source)
    draft.published, draft.published_raw = info.published, info.published_raw
    if info.captions:
        draft.extra["captions"] = info.captions
    return draft


def _cut(lines: Sequence[Line]) -> list[_Draft]:
    """Cut one separator-free part of a dump into drafts.

    1. Find the item header lines of a flattened RSS feed.
    2. Find the repeated-headline headers of pages, bar any that overlap an item line.
    3. Each item or header starts a story that runs to the next start; the text before
       the first start is a preamble. A part with no start is one story.
    """
    # 1. feed items
    feed = find_feed(lines)
    items = feed.items if feed is not None else []
    source = site_name(feed.channel) if feed is not None and feed.channel else None
    # 2. page headers
    item_lines = [item.line for item in items]
    headers = [
        h
        for h in find_headers(lines)
        if bisect_left(item_lines, h.start) == bisect_right(item_lines, h.end)
    ]
    # 3. stories
    starts: list[tuple[int, FeedItem | PageHeader]] = sorted(
        [(item.line, item) for item in items] + [(h.start, h) for h in headers],
        key=lambda pair: pair[0],
    )
    if not starts:
        return _untitled(lines, preamble=False)
    drafts = _untitled(lines[: starts[0][0]], preamble=True)
    stops = [line for line, _ in starts[1:]] + [len(lines)]
    for (_, found), stop in zip(starts, stops, strict=True):
        if isinstance(found, FeedItem):
            drafts.append(_feed_draft(lines, found, stop, source))
        else:
            drafts.append(_page_draft(lines, found, stop))
    return drafts


def _parts(lines: list[Line]) -> list[list[Line]]:
    parts: list[list[Line]] = [[]]
    for line in lines:
        if is_separator(line):
            parts.append([])
        else:
            parts[-1].append(line)
    return [part for part in parts if any(line.text for line in part)]


def _outlet(draft: _Draft, cleaned: Cleaned) -> str | None:
    found = draft.extra.get("original_source")
    if found is None and cleaned.outlets:
        found = cleaned.outlets[0]
    if found is None:
        found = original_outlet(cleaned.paragraphs)
    return found if isinstance(found, str) and found != draft.source else None


def _article(raw: RawDocument, draft: _Draft, cleaned: Cleaned) -> Article:
    extra: dict[str, Any] = {**raw.extra, **draft.extra}
    extra.pop("original_source", None)
    if outlet := _outlet(draft, cleaned):
        extra["original_source"] = outlet
    if cleaned.sources:
        extra["sources_list"] = cleaned.sources
    return Article(
        origin=raw.origin,
        format=raw.format,
        text=cleaned.text,
        title=draft.title,
        url=draft.url,
        published=draft.published,
        published_raw=draft.published_raw,
        source=draft.source,
        language=raw.language,
        raw_start=draft.start,
        raw_end=draft.end,
        extra=extra,
    )


def _own_metadata(raw: RawDocument, article: Article, *, whole: bool) -> None:
    """Let the document's own metadata win over what the text said.

    For a document that held several stories only ``source`` and ``language`` can apply
    to each of them, and only where the text named none; the rest describes the dump.
    """
    if whole:
        for name in _OWN_FIELDS:
            if (value := getattr(raw, name)) is not None:
                setattr(article, name, value)
        if raw.published is not None or raw.published_raw is not None:
            article.published, article.published_raw = raw.published, raw.published_raw
        return
    article.source = article.source or raw.source
    article.language = article.language or raw.language


def _locator(raw: RawDocument, n: int) -> str:
    return f"{raw.locator} / article {n}" if raw.locator else f"article {n}"


def _segment_text(raw: RawDocument) -> list[Article]:
    articles: list[Article] = []
    for part in _parts(split_lines(raw.text)):
        for draft in _cut(part):
            header = [draft.title, *draft.header] if draft.title else draft.header
            cleaned = remove_chrome((line.text for line in draft.lines), header=header)
            if not cleaned.paragraphs and draft.excerpt:
                cleaned = remove_chrome([draft.excerpt])
            if not cleaned.paragraphs:
                continue
            if draft.preamble and len(cleaned.text.split()) < _PREAMBLE_WORDS:
                continue
            articles.append(_article(raw, draft, cleaned))
    if not articles:
        raise SegmentationError(_NO_TEXT)
    for n, article in enumerate(articles, 1):
        article.locator = _locator(raw, n)
        _own_metadata(raw, article, whole=len(articles) == 1)
    return articles


def _segment_one(raw: RawDocument) -> Article:
    cleaned = remove_chrome(raw.text.splitlines(), header=[raw.title] if raw.title else [])
    draft = _Draft([], 0, 0, source=raw.source)
    if not cleaned.paragraphs:
        if not raw.title:
            raise SegmentationError(_NO_TEXT)
        # A feed item with a headline and no body (or a body of chrome only) still reports
        # something: keep the headline as the text rather than lose it.
        article = _article(raw, draft, cleaned)
        article.text = raw.title
        article.extra["headline_only"] = True
        article.locator = raw.locator
        article.raw_start = article.raw_end = None
        _own_metadata(raw, article, whole=True)
        return article
    article = _article(raw, draft, cleaned)
    article.locator = raw.locator
    article.raw_start = article.raw_end = None
    _own_metadata(raw, article, whole=True)
    return article


def segment(raw: RawDocument) -> list[Article]:
    """Cut ``raw`` into cleaned articles.

    Plain-text dumps (``format == "text"``) may hold several stories: feeds flattened to
    text, pages with two stories, aggregator pages with related articles; each becomes
    one :class:`Article` with its title, date, outlet and URL where the text gives them,
    its span in ``raw.text`` and a locator ``article N``. Any other format is one article
    already; its text is cleaned and its metadata copied. The document's own metadata wins
    over what the text says.

    Raises:
        SegmentationError: when no article text is left after cleaning.
    """
    if raw.format != "text":
        return [_segment_one(raw)]
    return _segment_text(raw)
