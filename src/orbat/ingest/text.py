"""Read plain-text dumps in chunks cut at blank lines, so a huge dump never sits in memory."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from orbat.errors import UnreadableInput
from orbat.ingest.base import (
    GZIP_ERRORS,
    Input,
    ReadOptions,
    Record,
    decode_bytes,
    drop_nul,
    truncated_gzip,
)
from orbat.models import RawDocument, Skip

__all__ = ["iter_chunks", "read_text"]

# Read size of each underlying read(); chunks are assembled from these.
_BLOCK = 1 << 20
# A blank line: two newlines with only horizontal space between them.
_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")


def iter_chunks(stream: IO[bytes], chunk_bytes: int) -> Iterator[bytes]:
    """Byte chunks of about ``chunk_bytes``, each ending at a blank line where there is one.

    1. Fill a buffer until it holds ``chunk_bytes``.
    2. Cut after the last blank line in the buffer; failing that after the last newline; failing
       that (one enormous line) at the size limit.
    3. Keep the remainder for the next chunk; at end of stream emit what is left.
    4. When the stream breaks off (a truncated gzip file), emit what is left, then raise.
    Cutting at a newline byte is safe for UTF-8 and every single-byte encoding.
    """
    # read1: one underlying read at a time, so a break loses no text read before it
    # (GzipFile.read(n) drops what it decompressed in the call that hit the break).
    read = getattr(stream, "read1", stream.read)
    buffer = bytearray()
    while True:
        # 1. Fill a buffer.
        try:
            block = read(min(_BLOCK, max(1, chunk_bytes)))
        except GZIP_ERRORS:
            # 4. A break: what was read before it is text too.
            if buffer.strip():
                yield bytes(buffer)
            raise
        if block:
            buffer += block
        if len(buffer) < chunk_bytes and block:
            continue
        if not block:
            # 3. End of stream: emit the rest.
            if buffer.strip():
                yield bytes(buffer)
            return
        # 2. Cut at the last blank line, else the last newline, else the limit.
        cut = _last_blank_line(buffer, chunk_bytes)
        if cut <= 0:
            cut = buffer.rfind(b"\n", 0, chunk_bytes) + 1
        if cut <= 0:
            cut = min(len(buffer), chunk_bytes)
        chunk, buffer = bytes(buffer[:cut]), buffer[cut:]
        if chunk.strip():
            yield chunk


def _last_blank_line(buffer: bytearray, end: int) -> int:
    """Offset just past the last blank line ending within ``buffer[:end]``, or -1."""
    # Blank lines are frequent in news dumps; looking at the last 256 KB avoids rescanning.
    start = max(0, end - (256 << 10))
    last = -1
    for match in _BLANK_LINE.finditer(buffer, start, end):
        last = match.end()
    return last


def read_text(source: Input, options: ReadOptions) -> Iterator[Record]:
    """One RawDocument per chunk of a plain-text dump (``locator="chunk N"`` when several).

    Each chunk is decoded on its own: UTF-8, else the encoding detected for an earlier chunk,
    else charset-normalizer's guess; NUL characters are dropped. The segmentation stage cuts
    chunks into articles. A truncated gzip file keeps the text before the break, then a Skip.
    """
    encoding: str | None = None
    pending: RawDocument | None = None
    number = 0
    try:
        with source.open() as stream:
            for raw in iter_chunks(stream, options.chunk_bytes):
                number += 1
                try:
                    text, encoding = decode_bytes(raw, encoding)
                except UnreadableInput as err:
                    yield Skip(source.origin, str(err), f"chunk {number}")
                    continue
                doc = RawDocument(
                    origin=source.origin,
                    format="text",
                    text=drop_nul(text),
                    locator=f"chunk {number}",
                    extra={"encoding": encoding},
                )
                # Hold one chunk back: only the second chunk tells us the first needs a locator.
                if pending is not None:
                    yield pending
                pending = doc
    except GZIP_ERRORS as err:
        if pending is not None:
            yield pending
        last = f"chunk {number}" if number else ""
        yield Skip(source.origin, truncated_gzip(err, last), f"chunk {number + 1}")
        return
    if pending is not None:
        if number == 1:
            pending.locator = ""
        yield pending
