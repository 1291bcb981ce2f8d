"""Stream the items of one array inside a large JSON object, without loading the file whole.

Telegram exports are one JSON object whose ``messages`` array holds every post of a channel:
a few thousand messages are megabytes, a busy channel's history is hundreds. The standard
library parses only whole documents, and ``ijson`` is not a dependency, so this module walks
the outer object itself and hands each member and each array item to ``json``'s own decoder
(``JSONDecoder.raw_decode``) as soon as it is complete. Memory is one read block plus the
largest single item.

A damaged item does not end the read: the walk looks for the start of the next item
(``}, {"id":``, which cannot occur unescaped inside a JSON string) and goes on from there,
reporting the damaged stretch as :class:`Broken`. A file cut short ends with
:class:`~orbat.errors.UnreadableInput` after every complete item before the cut.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from orbat.errors import UnreadableInput

__all__ = ["BLOCK_BYTES", "Broken", "Item", "Member", "iter_object"]

# Bytes read at a time: a few hundred messages, and the bulk of the memory a read takes. An
# item longer than the buffer makes the next read as long as the buffer (doubling), so a large
# item costs linear time, not quadratic.
BLOCK_BYTES = 1 << 18
_WS = re.compile(r"[ \t\n\r]*")
# Where the next item of an array of objects starts, after a damaged one. A JSON string
# escapes its quotes, so `{"id":` here is structure, never text.
_NEXT_ITEM = re.compile(r'[}\]]\s*,\s*(?P<item>\{\s*"id"\s*:)')
# How far back from the end of the buffer a decode error still means "the item is cut by the
# end of the buffer" rather than "the item is malformed": the longest token json can stop
# inside (a \uXXXX escape, `false`, a long number) is well under this.
_CUT_MARGIN = 32
_DECODER = json.JSONDecoder()


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the outer object other than the streamed array."""

    key: str
    value: Any


@dataclass(frozen=True, slots=True)
class Item:
    """The ``number``-th item (from 1) of the streamed array."""

    number: int
    value: Any


@dataclass(frozen=True, slots=True)
class Broken:
    """Item ``number`` could not be decoded; the walk resumed at the next item it found."""

    number: int
    reason: str


class _TooLarge(Exception):
    """One item is longer than the limit."""


class _Cursor:
    """Decoded text of the stream, a position in it, and more text on demand."""

    def __init__(self, stream: IO[bytes], block: int) -> None:
        self._stream = stream
        self._block = block
        # utf-8-sig drops a byte-order mark; Telegram writes UTF-8, and bad bytes inside one
        # message's text should cost that character, not the export.
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.buf = ""
        self.pos = 0
        self.eof = False

    def more(self, size: int = 0) -> bool:
        """Append at least ``size`` bytes' worth of text (dropping what was consumed)."""
        if self.eof:
            return False
        data = self._stream.read(max(size, self._block))
        self.buf = self.buf[self.pos :]
        self.pos = 0
        if data:
            self.buf += self._decoder.decode(data)
        else:
            self.buf += self._decoder.decode(b"", final=True)
            self.eof = True
        return True

    def peek(self) -> str:
        """The next character after whitespace ("" at the end of the stream)."""
        while True:
            match = _WS.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self, limit: int) -> Any:
        """Decode the JSON value at the cursor, reading on until it is complete.

        Raises ``json.JSONDecodeError`` for a malformed value (or one cut by the end of the
        stream) and ``_TooLarge`` past ``limit`` characters.
        """
        self.peek()  # raw_decode does not skip leading whitespace
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as err:
                if self.eof or not _maybe_cut(err, len(self.buf)):
                    raise
            else:
                # A value that ends exactly at the buffer's end may go on (a number): read on.
                if end < len(self.buf) or self.eof:
                    self.pos = end
                    return value
            pending = len(self.buf) - self.pos
            if pending > limit:
                raise _TooLarge
            self.more(pending)

    def resync(self, start: int) -> bool:
        """Move to the next item start after ``start``; False when the stream has none.

        The buffer is scanned and dropped block by block, so a long damaged stretch costs no
        more memory than a block.
        """
        at = start
        while True:
            match = _NEXT_ITEM.search(self.buf, at)
            if match:
                self.pos = match.start("item")
                return True
            # Keep a tail: the pattern may straddle two blocks.
            self.pos = at = max(self.pos, len(self.buf) - 64)
            if not self.more():
                return False
            at = 0


def _maybe_cut(err: json.JSONDecodeError, size: int) -> bool:
    """Whether more text might complete the value (so: read on before calling it malformed)."""
    return err.msg.startswith("Unterminated string") or err.pos >= size - _CUT_MARGIN


_TOKEN_START = re.compile(r"-?\d*\.?\d*(?:[eE][-+]?\d*)?|u[0-9a-fA-F]{0,3}")


def _cut_by_end(err: json.JSONDecodeError, text: str) -> bool:
    """Whether a decode error at the end of the stream is the stream ending, not bad JSON.

    It is when the error is an open string, or all that follows it is the start of a token
    (``tru``, ``-1.``, a ``\\u12`` escape) or nothing.
    """
    rest = text[err.pos :].strip()
    return (
        err.msg.startswith("Unterminated string")
        or any(word.startswith(rest) for word in ("true", "false", "null"))
        or _TOKEN_START.fullmatch(rest.lstrip("\\")) is not None
    )


def iter_object(
    stream: IO[bytes], array_key: str, *, max_item_chars: int, block_bytes: int = BLOCK_BYTES
) -> Iterator[Member | Item | Broken]:
    """Walk the JSON object in ``stream``: its members, and the ``array_key`` array item by item.

    1. Expect ``{``; read each key and its ``:``.
    2. The member ``array_key`` holding an array: decode its items one at a time, yielding
       each; a damaged item yields ``Broken`` and the walk resyncs at the next item.
    3. Any other member: decode its value whole, yield a ``Member``.
    4. Stop at the closing ``}``; whatever follows is ignored.

    Raises:
        UnreadableInput: the stream holds no JSON object, or it ends (or breaks) outside an
            item, where nothing after the break can be found. Everything before is yielded.
    """
    cur = _Cursor(stream, block_bytes)
    # 1. the outer object
    if cur.peek() != "{":
        raise UnreadableInput("not a JSON object")
    cur.pos += 1
    first = True
    while True:
        char = cur.peek()
        if char == "}":
            return  # 4. done
        if not first:
            if char != ",":
                raise _broken_outside(cur, char)
            cur.pos += 1
            cur.peek()
        first = False
        key = _decode(cur, "a key", max_item_chars)
        if not isinstance(key, str):
            raise UnreadableInput("malformed JSON: object key is not a string")
        if cur.peek() != ":":
            raise _broken_outside(cur, cur.peek())
        cur.pos += 1
        if key == array_key and cur.peek() == "[":
            # 2. the streamed array
            cur.pos += 1
            yield from _items(cur, array_key, max_item_chars)
        else:
            # 3. any other member
            yield Member(key, _decode(cur, f"the value of {key!r}", max_item_chars))


def _decode(cur: _Cursor, what: str, limit: int) -> Any:
    try:
        return cur.value(limit)
    except json.JSONDecodeError as err:
        raise UnreadableInput(f"malformed JSON in {what}: {err.msg}") from None
    except _TooLarge:
        raise UnreadableInput(f"{what} is larger than {limit:,} characters") from None


def _broken_outside(cur: _Cursor, char: str) -> UnreadableInput:
    if not char:
        return UnreadableInput("the file ends before the JSON object is closed (cut short?)")
    return UnreadableInput(f"malformed JSON: unexpected {char!r} between members")


def _items(cur: _Cursor, key: str, limit: int) -> Iterator[Item | Broken]:
    if cur.peek() == "]":
        cur.pos += 1
        return
    number = 0
    while True:
        number += 1
        start = cur.pos
        try:
            yield Item(number, cur.value(limit))
        except json.JSONDecodeError as err:
            if cur.eof and _cut_by_end(err, cur.buf):
                raise UnreadableInput(
                    f"the file ends inside item {number} of {key!r} (cut short?); "
                    f"the {number - 1} items before it were read"
                ) from None
            reason = f"malformed JSON: {err.msg}"
        except _TooLarge:
            reason = f"larger than {limit:,} characters"
        else:
            char = cur.peek()
            if char == ",":
                cur.pos += 1
                continue
            if char == "{":
                continue  # a missing comma loses nothing: read the next item as it stands
            if char == "]":
                cur.pos += 1
                return
            if not char:
                raise UnreadableInput(
                    f"the file ends after item {number} of {key!r} (cut short?); "
                    f"the {number} items before the cut were read"
                )
            reason = f"malformed JSON: unexpected {char!r} after the item"
            start = cur.pos
        yield Broken(number, reason)
        if not cur.resync(start + 1):
            raise UnreadableInput(
                f"item {number} of {key!r} is damaged and no item follows it: {reason}"
            )
