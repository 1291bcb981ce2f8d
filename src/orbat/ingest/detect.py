"""Tell an input's format from its first bytes (the file name is only a tie-breaker)."""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from orbat.errors import UnreadableInput, UnsupportedFormat
from orbat.ingest.telegram import looks_like_telegram_export
from orbat.ingest.telegram_html import looks_like_telegram_html

__all__ = ["SNIFF_BYTES", "Sniffed", "root_element", "sniff", "sniff_file"]

# Enough to get past an XML prolog, a long <head> or a CSV header; small enough to be free.
SNIFF_BYTES = 64 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
_CSV_SUFFIXES = frozenset({".csv", ".tsv"})
_HTML_HINT = re.compile(rb"<(?:html|head|body|!doctype\s+html|meta|title|div|p)[\s>/]", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_ROOT = re.compile(r"<(?![?!])([A-Za-z_][\w:.-]*)")
_HEADER_CELL = re.compile(r"^[A-Za-z_][\w.-]{0,63}$")
_KNOWN_COLUMNS = frozenset(
    [
        "id",
        "url",
        "link",
        "title",
        "headline",
        "text",
        "content",
        "body",
        "date",
        "published",
        "source",
        "language",
    ]
)


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The detected reader name, and whether the content sits inside a gzip stream."""

    format: str
    gzipped: bool = False


def sniff_file(path: Path) -> Sniffed:
    """Read the head of ``path`` (decompressing a gzip stream) and detect its format."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head.startswith(_GZIP_MAGIC):
        return Sniffed(sniff(head, path.name))
    try:
        inner = zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
    except zlib.error as err:
        raise UnreadableInput(f"corrupt gzip stream: {err}") from None
    if not inner:
        raise UnreadableInput("empty or truncated gzip stream")
    # A WARC.gz is a series of gzip members that warcio reads itself, one record per member.
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    detected = sniff(inner, name)
    return Sniffed(detected, gzipped=detected != "warc")


def sniff(head: bytes, name: str = "") -> str:
    """The reader for content starting with ``head`` (file ``name`` breaks ties).

    Raises ``UnreadableInput("empty file")`` for nothing but whitespace and
    ``UnsupportedFormat`` for binary content.
    """
    suffix = Path(name).suffix.casefold()
    body = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not body:
        raise UnreadableInput("empty file")
    if body.startswith((b"WARC/", b"warc/")):
        return "warc"
    # Before the binary checks: a PDF is page code, never text, compressed or not.
    if body.startswith(b"%PDF-"):
        return "pdf"
    if b"\x00" in head:
        raise UnsupportedFormat(
            "binary file (NUL bytes); orbat reads text, HTML, feeds, JSON, CSV and WARC "
            "(UTF-16 text must be converted to UTF-8 first)"
        )
    if _control_share(head) > 0.01:
        raise UnsupportedFormat("binary file (control bytes); not text, markup or a WARC")
    if body.startswith(b"<"):
        return _sniff_markup(body, suffix)
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        return _sniff_json_object(body, suffix)
    if suffix in _CSV_SUFFIXES or _looks_like_csv_header(body):
        return "csv"
    if _HTML_HINT.search(body[:4096]):
        return "html"
    return "text"


def root_element(head: str) -> str | None:
    """The name of the first element of an XML/HTML document (comments and prolog skipped)."""
    match = _ROOT.search(_COMMENT.sub("", head))
    return match[1].casefold() if match else None


_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27})


def _control_share(head: bytes) -> float:
    """Share of bytes that no text file holds (NUL aside, caught earlier)."""
    sample = head[:8192]
    return (len(sample) - len(sample.translate(None, _CONTROL))) / max(1, len(sample))


def _sniff_markup(body: bytes, suffix: str) -> str:
    if looks_like_telegram_html(body):
        return "telegram-html"
    root = root_element(body.decode("latin-1"))
    if root in _FEED_ROOTS:
        return "rss"
    if root == "html" or re.match(rb"<!doctype\s+html", body, re.I):
        return "html"
    # A feed URL that served something else (an error page, a redirect notice): let the feed
    # reader say so, rather than pass an error page off as an article.
    if suffix in _FEED_SUFFIXES or body.startswith(b"<?xml"):
        return "rss"
    return "html"


def _sniff_json_object(body: bytes, suffix: str) -> str:
    if looks_like_telegram_export(body):
        return "telegram"
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    first, _, rest = body.partition(b"\n")
    if rest.strip():
        try:
            json.loads(first)
        except ValueError:
            return "json"  # the object spans lines: a pretty-printed JSON document
        return "jsonl"
    return "json"


def _looks_like_csv_header(body: bytes) -> bool:
    """A first line of identifier-like cells, at least one of them a column orbat knows."""
    first = body.split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    for delimiter in (",", "\t", ";"):
        cells = [c.strip().strip('"').casefold() for c in first.split(delimiter)]
        if len(cells) >= 2 and all(_HEADER_CELL.match(c) for c in cells):
            return bool(_KNOWN_COLUMNS.intersection(cells))
    return False
