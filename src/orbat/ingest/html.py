"""Read HTML pages: the article body with trafilatura, plus title, date, URL, site and language."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import load_html

from orbat.errors import UnreadableInput
from orbat.ingest.base import (
    Input,
    ReadOptions,
    Record,
    decode_bytes,
    parse_date,
    read_capped,
    strip_controls,
)
from orbat.models import RawDocument

__all__ = ["EXTRACTION_OPTIONS", "extract_html", "read_html"]

# Tuned on the aeb benchmark (`python -m orbat.eval.aeb ../shared/data/aeb`):
# - include_comments=False: reader comments are never the article, and cost precision.
# - fast=True: skips the justext/readability fallback; on aeb it *raises* F1 slightly and
#   makes extraction about 1.5x faster.
# - favor_recall=True: with the fallback off, it keeps a few short closing paragraphs.
# Metadata is not asked of trafilatura (with_metadata): it also hunts authors, tags,
# categories and licences, which orbat does not need and which cost ~40 % of the time.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "fast": True,
    "favor_recall": True,
    "include_tables": True,
    "deduplicate": False,
}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_LOGGER = logging.getLogger(__name__)


def _decode_html(data: bytes, hint: str | None) -> str:
    """HTML bytes as text: UTF-8 if they are valid UTF-8, else the declared charset, else a guess.

    Valid UTF-8 wins over a declaration because pages often keep a stale ``gb2312`` or
    ``iso-8859-1`` meta tag after moving to UTF-8, while non-UTF-8 text almost never happens
    to be valid UTF-8.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = hint
    if declared is None and (match := _META_CHARSET.search(data[:8192])):
        declared = match[1].decode("ascii", "replace")
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong too; fall back to detection
    return decode_bytes(data)[0]


def _language(tree: HtmlElement) -> str | None:
    raw = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    primary = re.split(r"[-_]", raw.strip(), maxsplit=1)[0].casefold()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _metadata(tree: HtmlElement, url: str | None) -> dict[str, str | None]:
    """Title, URL, site name and date, by trafilatura's and htmldate's own routines."""
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as err:  # JSON-LD in the wild trips trafilatura's parser in many ways
        _LOGGER.debug("JSON-LD metadata unreadable: %s", err)
    page_url = meta.url or extract_url(tree, url) or url
    # extensive_search=False: scanning the whole text for date-like strings is slow and finds
    # dates of events, not of publication.
    published = find_date(tree, url=page_url, extensive_search=False, original_date=True)
    return {
        "title": meta.title or extract_title(tree),
        "url": url or page_url,
        "source": (meta.sitename or extract_sitename(tree) or "").lstrip("@") or None,
        "date": published,
    }


def extract_html(
    data: bytes | str,
    origin: str,
    *,
    url: str | None = None,
    locator: str = "",
    external_id: str | None = None,
    charset: str | None = None,
    fmt: str = "html",
) -> RawDocument | None:
    """The article in one HTML page, or ``None`` when the page holds no article text.

    1. Decode the bytes (declared charset, else detection) and parse the tree once.
    2. Extract the body with trafilatura (``EXTRACTION_OPTIONS``) from a copy of the tree.
    3. Read the metadata from the original tree.
    """
    # 1. Decode and parse.
    markup = _decode_html(data, charset) if isinstance(data, bytes) else data
    markup = strip_controls(markup)  # lxml refuses strings holding them
    tree = load_html(markup)
    if tree is None:
        return None
    # 2. Extract the body (bare_extraction copies a tree it is given, so ours stays whole).
    document = bare_extraction(tree, url=url, **EXTRACTION_OPTIONS)
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        return None
    # 3. Metadata.
    meta = _metadata(tree, url)
    return RawDocument(
        origin=origin,
        format=fmt,
        text=text,
        locator=locator,
        title=meta["title"],
        url=meta["url"],
        published=parse_date(meta["date"]),
        published_raw=meta["date"],
        source=meta["source"],
        external_id=external_id,
        language=_language(tree),
    )


def read_html(source: Input, options: ReadOptions) -> Iterator[Record]:
    """One RawDocument for an HTML page (nothing when it holds no article text)."""
    data = read_capped(source, options.html_limit, "HTML page", options.html_limit_setting)
    try:
        doc = extract_html(data, source.origin)
    except (ValueError, TypeError) as err:
        # lxml refuses some byte soups outright; that is a property of the file, not a bug.
        raise UnreadableInput(f"unparsable HTML: {err}") from None
    if doc is not None:
        yield doc
