"""Read WARC archives (plain or gzipped) with warcio: each HTML response through the HTML reader."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from orbat.errors import UnreadableInput
from orbat.ingest.base import Input, ReadOptions, Record, one_line
from orbat.ingest.html import extract_html
from orbat.models import Skip

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_TYPES = frozenset({"response", "resource"})


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio writes a warning straight to stderr when a record overruns its Content-Length.

    We report that ourselves, as a Skip, from ``err_count``; an empty template keeps warcio's
    own write a no-op without touching the process-wide ``sys.stderr``.
    """

    INC_RECORD = ""


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().casefold() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _html_of(record: Any) -> tuple[str, str] | None:
    """``(content type, charset or "")`` when the record is an HTML page, else ``None``."""
    if record.rec_type not in _RECORD_TYPES:
        return None
    if record.http_headers is not None:
        if record.http_headers.get_statuscode() not in ("200", None, ""):
            return None  # redirects, errors: no article
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not content_type.casefold().startswith(_HTML_TYPES):
        return None
    return content_type, _charset(content_type) or ""


def _read_body(stream: Any, size: int) -> bytes:
    """Up to ``size`` bytes: warcio's ``read(n)`` returns one buffer at a time, not n bytes."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0 and (part := stream.read(min(remaining, 1 << 16))):
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def _broken_archive_reason(err: BaseException, count: int) -> str:
    where = f"after record {count}" if count else "before the first record"
    if isinstance(err, EOFError | zlib.error):
        return f"truncated gzip stream {where}"
    if "non-chunked gzip" in str(err):
        # warcio's own message is a paragraph; this is what it means.
        return f"broken WARC {where}: one gzip stream holds several records (not a WARC.gz)"
    if isinstance(err, _MANGLED_HEADERS):
        return f"broken WARC {where}: a record's headers are mangled ({one_line(err)})"
    return f"broken WARC {where}: {one_line(err)}"


_BREAKS = (ArchiveLoadFailed, EOFError, zlib.error, ValueError)
# warcio parses a record's headers trusting them: a mangled header block (a WARC-Target-URI
# cut away, a garbled length) surfaces as one of these from inside its parser.
_MANGLED_HEADERS = (AttributeError, TypeError, IndexError, KeyError)


def _read_record(
    record: Any, origin: str, locator: str, limit: int, setting: str = "max_markup_bytes"
) -> Iterator[Record]:
    """The document of one record when it is an HTML page, or the Skip saying why not."""
    html = _html_of(record)
    if html is None:
        return
    try:
        body = _read_body(record.content_stream(), limit + 1)
    except (EOFError, zlib.error, ValueError) as err:
        yield Skip(origin, f"unreadable record body: {one_line(err)}", locator)
        return
    if len(body) > limit:
        yield Skip(origin, f"record larger than {setting}", locator)
        return
    if not body.strip():
        return
    headers = record.rec_headers
    try:
        doc = extract_html(
            body,
            origin,
            url=headers.get_header("WARC-Target-URI"),
            locator=locator,
            external_id=headers.get_header("WARC-Record-ID"),
            charset=html[1] or None,
            fmt="warc",
        )
    except (UnreadableInput, ValueError, TypeError) as err:
        yield Skip(origin, f"unreadable HTML: {one_line(err)}", locator)
        return
    if doc is not None:
        if crawled := headers.get_header("WARC-Date"):
            doc.extra["crawled"] = crawled
        yield doc


def _cut_short(iterator: ArchiveIterator, record: Any) -> str | None:
    """Why ``record`` is incomplete when the archive ends before its Content-Length, else None.

    warcio reads a record short without a word: its length reader just runs out.
    """
    try:
        iterator.read_to_end()  # what the next step of the walk does anyway
    except (*_BREAKS, *_MANGLED_HEADERS):
        return None  # that next step meets the same error and reports the break
    missing = getattr(record.raw_stream, "limit", 0)
    if not isinstance(missing, int) or missing <= 0:
        return None
    return (
        f"record truncated: the archive ends {missing:,} bytes short of its Content-Length; "
        "the part before the cut was read"
    )


def read_warc(source: Input, options: ReadOptions) -> Iterator[Record]:
    """One RawDocument per HTML response; records read before a break are kept.

    1. Walk the records with warcio (which handles per-record gzip members itself).
    2. Pass each HTML response/resource through the HTML reader, with the URL from
       WARC-Target-URI and the record id as ``external_id``.
    3. On a broken or truncated archive, stop and report where, as a Skip.
    4. A record the archive ends inside is read as far as it goes, then reported as a Skip.
    """
    limit = options.html_limit  # every record read is an HTML page
    count = 0
    with source.open_raw() as raw:
        # 1. Walk the records.
        iterator = _QuietArchiveIterator(raw)
        records = iter(iterator)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (*_BREAKS, *_MANGLED_HEADERS) as err:
                # 3. A break: what came before has been yielded already.
                yield Skip(source.origin, _broken_archive_reason(err, count), f"record {count + 1}")
                return
            count += 1
            # `offset` is where this record starts; get_record_offset() would consume the body.
            locator = f"record {count} @ {iterator.offset}"
            # 2. Through the HTML reader.
            yield from _read_record(
                record, source.origin, locator, limit, options.html_limit_setting
            )
            # 4. Cut short?
            if cut := _cut_short(iterator, record):
                yield Skip(source.origin, cut, locator)
    if iterator.err_count:
        yield Skip(
            source.origin,
            f"{iterator.err_count} record(s) overran their Content-Length: archive truncated "
            "or corrupt; records before the fault were read",
        )
