"""What every reader shares: the input handle, read options, decoding, dates and HTML→text."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, cast

import lxml.html
from charset_normalizer import from_bytes
from lxml import etree

from orbat import settings
from orbat.errors import UnreadableInput
from orbat.models import RawDocument, Skip

__all__ = [
    "GZIP_ERRORS",
    "FieldMap",
    "Input",
    "ReadOptions",
    "Reader",
    "Record",
    "decode_bytes",
    "drop_nul",
    "html_to_text",
    "one_line",
    "parse_date",
    "read_capped",
    "strip_controls",
    "truncated_gzip",
]

Record = RawDocument | Skip


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which column or key of a tabular export holds which field (matched case-insensitively).

    Each attribute is a tuple of candidate names tried in order, or one name. The defaults fit
    most exports; override one with e.g. ``FieldMap(text="article_body")``.
    """

    id: str | tuple[str, ...] = ("id",)
    url: str | tuple[str, ...] = ("url", "link")
    title: str | tuple[str, ...] = ("title", "headline")
    text: str | tuple[str, ...] = ("text", "content", "body")
    date: str | tuple[str, ...] = ("date", "published")
    source: str | tuple[str, ...] = ("source",)
    language: str | tuple[str, ...] = ("language", "lang")

    def names(self, attribute: str) -> tuple[str, ...]:
        """The candidate keys for ``attribute``, lower-cased."""
        value: str | tuple[str, ...] = getattr(self, attribute)
        names = (value,) if isinstance(value, str) else value
        return tuple(n.casefold() for n in names)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How ``read_inputs`` reads; ``None`` means the value from ``orbat.settings``.

    Attributes:
        field_map: column names of tabular exports (JSON, JSONL, CSV).
        format: force one reader (``text``, ``rss``, ``html``, ``json``, ``jsonl``, ``csv``,
            ``warc``) instead of detecting it from the content.
        text_chunk_bytes: setting ``text_chunk_bytes``.
        max_markup_bytes: setting ``max_markup_bytes``.
    """

    field_map: FieldMap = field(default_factory=FieldMap)
    format: str | None = None
    text_chunk_bytes: int | None = None
    max_markup_bytes: int | None = None

    @property
    def chunk_bytes(self) -> int:
        return int(settings.get("text_chunk_bytes", self.text_chunk_bytes))

    @property
    def markup_limit(self) -> int:
        return int(settings.get("max_markup_bytes", self.max_markup_bytes))

    @property
    def html_limit(self) -> int:
        """The largest HTML page read: ``max_html_bytes``, within ``max_markup_bytes``."""
        return min(self.markup_limit, int(settings.get("max_html_bytes")))

    @property
    def html_limit_setting(self) -> str:
        """Which setting :attr:`html_limit` comes from (what a refusal tells to raise)."""
        html = int(settings.get("max_html_bytes"))
        return "max_html_bytes" if html < self.markup_limit else "max_markup_bytes"


@dataclass(frozen=True, slots=True)
class Input:
    """One file to read: where it is, what records call it, and whether it is gzipped.

    ``open()`` gives the (decompressed) content; ``open_raw()`` the bytes as stored, for readers
    such as WARC that handle compression themselves.
    """

    path: Path
    origin: str
    gzipped: bool = False

    @contextmanager
    def open_raw(self) -> Iterator[IO[bytes]]:
        with self.path.open("rb") as fh, _reading(fh, self.path):
            yield fh

    @contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        with self.path.open("rb") as fh, _reading(fh, self.path):
            if not self.gzipped:
                yield fh
                return
            with gzip.GzipFile(fileobj=fh, mode="rb") as unzipped:
                yield cast(IO[bytes], unzipped)


# The file being read now, so that progress can say how far through it reading is: a 1 GiB
# gzip streams for minutes, and articles alone do not say how long is left.
_NOW_READING: ContextVar[tuple[IO[bytes], int] | None] = ContextVar("now_reading", default=None)


@contextmanager
def _reading(fh: IO[bytes], path: Path) -> Iterator[None]:
    token = _NOW_READING.set((fh, path.stat().st_size))
    try:
        yield
    finally:
        _NOW_READING.reset(token)


def read_position() -> tuple[int, int] | None:
    """``(bytes read, size)`` of the file being read now (as stored: compressed bytes of a
    gzip), or None between files."""
    now = _NOW_READING.get()
    if now is None or now[0].closed:
        return None
    fh, size = now
    try:
        return fh.tell(), size
    except (OSError, ValueError):
        return None


Reader = Callable[[Input, ReadOptions], Iterator[Record]]

# What reading a gzip stream raises when it breaks off (EOFError) or is corrupt.
GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def truncated_gzip(err: BaseException, last: str) -> str:
    """The reason of the Skip for a gzip stream that breaks off after ``last`` (``""``: at once)."""
    where = f"after {last}; everything before it was read" if last else "before any content"
    return f"truncated or corrupt gzip stream {where} ({one_line(err)})"


def read_capped(source: Input, limit: int, what: str, setting: str = "max_markup_bytes") -> bytes:
    """The whole (decompressed) content, refused past ``limit`` bytes: markup is parsed whole."""
    parts: list[bytes] = []
    size = 0
    try:
        with source.open() as fh:
            # Block by block: read(limit + 1) would allocate the whole limit up front.
            while size <= limit and (block := fh.read(min(1 << 20, limit + 1 - size))):
                parts.append(block)
                size += len(block)
    except (EOFError, gzip.BadGzipFile) as err:
        raise UnreadableInput(f"truncated or corrupt gzip stream: {one_line(err)}") from None
    if size > limit:
        raise UnreadableInput(
            f"{what} larger than {setting} ({limit:,} bytes); raise the setting or split the file"
        )
    return b"".join(parts)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Decode ``data``: a BOM, else UTF-8, else ``hint``, else charset-normalizer's best guess.

    Returns the text and the encoding used. Raises ``UnreadableInput`` when nothing fits,
    which for real inputs means the bytes are not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    for candidate in ("utf-8", hint):
        if candidate:
            try:
                return data.decode(candidate), candidate
            except (UnicodeDecodeError, LookupError):
                pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableInput("binary file: no text encoding fits the bytes")
    # charset-normalizer often ranks cp1250 first for French or Portuguese text in cp1252,
    # turning "près" into "prčs"; when a Western codepage decodes the bytes just as cleanly,
    # it is by far the likelier one for the press.
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos:
            return str(match), match.encoding
    return str(best), best.encoding


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_date(raw: str | None) -> date | None:
    """The calendar day of a date string in ISO 8601 or RFC 2822 form, else ``None``.

    Deliberately narrow: exports and feeds use these two forms; free-text dates inside
    articles are resolved later by the NLP stage against the publication date.
    """
    if not raw or not (raw := raw.strip()):
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    if match := _ISO_DAY.search(raw):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


# Elements after which a reader sees a paragraph break.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
    ]
)
_DROP = ("script", "style", "noscript", "iframe", "svg", "form")
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
_BREAKS = re.compile(r"\s*\n\s*\n\s*")


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed item bodies), with paragraphs kept as blank lines.

    lxml rather than trafilatura: feed snippets are short and trafilatura's boilerplate
    heuristics would discard most of them.
    """
    markup = strip_controls(markup)
    if "<" not in markup:
        return _tidy(markup)
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]*>", " ", markup))
    for bad in list(root.iter(*_DROP)):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return _tidy(root.text_content())


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """``text`` without the control characters that lxml refuses (and no reader wants)."""
    return _CONTROLS.sub("", text)


def drop_nul(text: str) -> str:
    """``text`` without NUL characters: they carry no text, and PostgreSQL refuses them."""
    return text.replace("\x00", "") if "\x00" in text else text


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()


def one_line(err: BaseException | str, limit: int = 200) -> str:
    """An error message squeezed onto one line of at most ``limit`` characters."""
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
