"""The records that flow between pipeline stages: raw inputs, articles, skip reports."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = ["Article", "RawDocument", "Skip", "content_hash"]


@dataclass(slots=True)
class RawDocument:
    """One unit as a reader found it, before segmentation and cleaning.

    A reader yields one per file for plain text, one per item for feeds and tabular exports,
    one per HTML response for WARC archives.

    Attributes:
        origin: where it came from: a file path, ``-`` for stdin, or a URL.
        locator: where inside the origin (``item 3``, ``row 17``, ``record 5 @ 1234``);
            empty when the origin is the whole unit.
        format: the reader that produced it (``text``, ``rss``, ``html``, ``jsonl``, ...).
        text: the document's text (for HTML: the extracted article body).
        title, url, published, source, external_id, language: metadata the format carried,
            or ``None`` when it did not.
        published_raw: the date exactly as the input wrote it, for provenance.
        extra: anything else the format carried that is worth keeping.
    """

    origin: str
    format: str
    text: str
    locator: str = ""
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_raw: str | None = None
    source: str | None = None
    external_id: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Article:
    """One news article, cleaned, ready to store.

    ``origin`` + ``locator`` identify it inside its input; ``text`` is the cleaned body;
    ``raw_start``/``raw_end`` are the character span of the article inside the raw document's
    text when it was cut from a multi-article dump (``None`` when it is the whole document).
    """

    origin: str
    format: str
    text: str
    locator: str = ""
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_raw: str | None = None
    source: str | None = None
    external_id: str | None = None
    language: str | None = None
    raw_start: int | None = None
    raw_end: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised text: equal for copies that differ only in spacing/case."""
        return content_hash(self.text)


@dataclass(slots=True, frozen=True)
class Skip:
    """An input (or part of one) that could not be ingested, and why."""

    origin: str
    reason: str
    locator: str = ""

    def __str__(self) -> str:
        where = f"{self.origin} [{self.locator}]" if self.locator else self.origin
        return f"{where}: {self.reason}"


_WS = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of ``text`` with whitespace folded and case dropped."""
    normal = _WS.sub(" ", text).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
