"""Read CSV and TSV exports record by record: a broken record costs itself, never the rest."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Generator, Iterator
from typing import IO, NamedTuple

from orbat.errors import UnreadableInput
from orbat.ingest.base import (
    GZIP_ERRORS,
    Input,
    ReadOptions,
    Record,
    decode_bytes,
    one_line,
    truncated_gzip,
)
from orbat.ingest.tabular import record_to_document
from orbat.models import Skip

__all__ = ["read_csv"]

Dialect = type[csv.Dialect] | csv.Dialect

# How many times one file is read again after an unclosed quote. Each time costs a pass over
# the rest of the file: a hostile file of stray quotes must not cost a pass per line.
_MAX_REREADS = 20

_NEWLINES = ("\n", "\r")


class _RecordTooLarge(Exception):
    """Raised into csv.reader when the record it is reading outgrows ``max_markup_bytes``."""


class _Quotes:
    """Follows a record's quoting as csv.reader (lenient mode) does, to find where it ends.

    Only what decides the end matters: a field that starts with the quote character runs to
    its closing quote, across lines; a doubled or escaped quote does not close it.
    """

    START, FIELD, QUOTED, QUOTE_IN_QUOTED, ESCAPED, ESCAPED_IN_QUOTED, ESCAPED_NEWLINE = range(7)

    def __init__(self, dialect: Dialect) -> None:
        self.quote = dialect.quotechar if dialect.quoting != csv.QUOTE_NONE else None
        self.delimiter = dialect.delimiter
        self.escape = dialect.escapechar
        self.doublequote = dialect.doublequote
        self.skip_space = dialect.skipinitialspace
        self.state = self.START
        in_quoted = "".join(c for c in (self.quote, self.escape) if c)
        self._in_quoted = re.compile(f"[{re.escape(in_quoted)}]") if in_quoted else None
        self._in_field = re.compile(f"[{re.escape(self.delimiter + (self.escape or ''))}]")

    @property
    def open(self) -> bool:
        """Inside a quoted field, or after an escaped line break: the record goes on."""
        return self.state in (self.QUOTED, self.ESCAPED_IN_QUOTED, self.ESCAPED_NEWLINE)

    def feed(self, piece: str) -> bool:
        """Follow ``piece`` (a line, or part of an overlong one); True when the record ends."""
        state, i, n = self.state, 0, len(piece)
        while i < n:
            if state == self.QUOTED:
                found = self._in_quoted.search(piece, i) if self._in_quoted else None
                if found is None:
                    break
                i = found.end()
                if found[0] == self.escape:
                    state = self.ESCAPED_IN_QUOTED
                else:
                    state = self.QUOTE_IN_QUOTED if self.doublequote else self.FIELD
            elif state == self.ESCAPED_NEWLINE:
                state = self.FIELD  # the line after an escaped line break goes on the field
            elif state == self.FIELD:
                # A line ends at its newline: in a field that is only delimiters and escapes.
                found = self._in_field.search(piece, i)
                if found is None:
                    break
                i = found.end()
                state = self.ESCAPED if found[0] == self.escape else self.START
            else:
                char, i = piece[i], i + 1
                if state == self.ESCAPED:
                    state = self.ESCAPED_NEWLINE if char in _NEWLINES else self.FIELD
                elif state == self.ESCAPED_IN_QUOTED:
                    state = self.QUOTED
                elif state == self.QUOTE_IN_QUOTED:
                    if char == self.quote:
                        state = self.QUOTED
                    else:
                        state = self.START if char == self.delimiter else self.FIELD
                elif char == self.quote:
                    state = self.QUOTED
                elif char == self.escape:
                    state = self.ESCAPED
                elif char != self.delimiter and not (char == " " and self.skip_space):
                    state = self.FIELD
        self.state = state
        if piece.endswith(_NEWLINES) and not self.open:
            self.state = self.START
            return True
        return False


class _Lines:
    """The lines of a CSV text stream as csv.reader pulls them, one record at a time.

    Keeps the lines of the record being read, so that one found too large or malformed can be
    followed to its real end, and counts lines, so that a Skip can say where a record starts.
    """

    def __init__(self, text: IO[str], limit: int) -> None:
        self.text = text
        self.limit = limit
        self.lines_read = 0
        self.start = 1  # the line the record being read starts on
        self.record: list[str] = []
        self.size = 0
        self.at_end = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        piece = self._read()
        if not piece:
            self.at_end = True
            raise StopIteration
        self.record.append(piece)
        self.size += len(piece)
        if self.size > self.limit:
            raise _RecordTooLarge
        return piece

    def _read(self) -> str:
        # Never more than the limit at once: a file without line breaks must not be read whole.
        piece = self.text.readline(self.limit + 1)
        self.lines_read += piece.endswith(_NEWLINES)
        return piece

    def next_record(self) -> None:
        self.start = self.lines_read + 1
        self.record, self.size = [], 0

    def skip_to(self, line: int) -> None:
        """Pass over the lines before ``line``."""
        while self.lines_read < line - 1 and self._read():
            pass
        self.next_record()

    def skip_record(self, dialect: Dialect) -> bool:
        """Read on to the real end of the record begun in ``record``, keeping nothing.

        Returns False when the file ends first inside a quoted field: an unclosed quote.
        """
        quotes = _Quotes(dialect)
        ended = False
        for piece in self.record:
            ended = quotes.feed(piece)
        self.record, self.size = [], 0
        while not ended:
            piece = self._read()
            if not piece:
                self.at_end = True
                return not quotes.open
            ended = quotes.feed(piece)
        return True


class _Resume(NamedTuple):
    """Where to read a file again after an unclosed quote."""

    line: int
    row: int
    header: list[str]


def read_csv(source: Input, options: ReadOptions) -> Iterator[Record]:
    """A CSV (or TSV) export with a header row, streamed record by record.

    1. Detect the encoding and the dialect from the head of the file.
    2. Read records with csv.reader, counting the lines each one spans (``_records``).
    3. After an unclosed quote, read the file again from the line after the one the quote
       was opened on; give up, with a Skip, after ``_MAX_REREADS`` times.
    A truncated gzip stream ends the file with a Skip after the records read before it.
    """
    limit = options.markup_limit
    # Article bodies outgrow the csv module's 128 KB default field limit; _Lines bounds each
    # record by the markup limit, the bound orbat already puts on one parsed unit.
    csv.field_size_limit(max(csv.field_size_limit(), limit))
    # 1. Encoding and dialect.
    head = _head(source, 64 * 1024)
    # Judge the encoding on whole lines only: a cut UTF-8 sequence is not a different codec.
    _, encoding = decode_bytes(head[: head.rfind(b"\n") + 1] or head)
    dialect = _dialect(head.decode(encoding, "replace"))
    resume = _Resume(1, 1, [])
    for _ in range(_MAX_REREADS + 1):
        # 2. Records, from the start or from where an unclosed quote sent us back.
        with (
            source.open() as stream,
            io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="") as text,
        ):
            lines = _Lines(text, limit)
            try:
                lines.skip_to(resume.line)
                again = yield from _records(lines, dialect, resume, source.origin, options)
            except GZIP_ERRORS as err:
                last = f"line {lines.lines_read}" if lines.lines_read else ""
                yield Skip(source.origin, truncated_gzip(err, last), f"line {lines.lines_read + 1}")
                return
        if again is None:
            return
        resume = again
    # 3. Given up.
    yield Skip(
        source.origin,
        f"unclosed quotes on more than {_MAX_REREADS} rows; the rest of the file, from line "
        f"{resume.line}, was not read",
        f"row {resume.row + 1}",
    )


def _records(
    lines: _Lines, dialect: Dialect, resume: _Resume, origin: str, options: ReadOptions
) -> Generator[Record, None, _Resume | None]:
    """The records from ``resume.line`` on; where to read again after an unclosed quote.

    1. A record past ``max_markup_bytes``, or one csv.reader refuses, is followed to its real
       end by its quotes and skipped; reading goes on after it.
    2. A record still inside a quoted field at the end of the file has an unclosed quote: it
       is skipped, and the caller reads again from the line after its first.
    Rows are numbered as records, the header being row 1.
    """
    header, row, fields = resume.header, resume.row, options.field_map
    reader = csv.reader(lines, dialect)
    while True:
        lines.next_record()
        try:
            cells = next(reader)
        except StopIteration:
            return None
        except (_RecordTooLarge, csv.Error) as err:
            # 1. Too large or refused.
            start = lines.start
            if lines.skip_record(dialect):
                if isinstance(err, _RecordTooLarge):
                    reason = (
                        f"row larger than max_markup_bytes ({options.markup_limit:,} "
                        "characters); raise the setting or split the file"
                    )
                else:
                    reason = f"malformed CSV: {one_line(err)}"
                if not header:
                    raise UnreadableInput(f"header row: {reason}") from None
                row += 1
                yield Skip(origin, f"{reason} (line {start})", f"row {row}")
                reader = csv.reader(lines, dialect)
                continue
            cells = []  # never closed: 2.
        if lines.at_end:
            # 2. An unclosed quote swallowed the rest of the file.
            where = f"line {lines.start}"
            if not header:
                raise UnreadableInput(f"unclosed quote in the header row ({where})")
            row += 1
            yield Skip(
                origin,
                f"unclosed quote: a field opened in this row ({where}) runs to the end of the "
                "file; the lines after it were read again as rows",
                f"row {row}",
            )
            return _Resume(lines.start + 1, row, header)
        if not cells:
            continue  # a blank line
        if not header:
            header = cells
            continue
        row += 1
        yield record_to_document(_as_dict(header, cells), fields, origin, f"row {row}", "csv")


def _as_dict(header: list[str], cells: list[str]) -> dict[str, str | None]:
    """A row by column name, as csv.DictReader makes it: missing cells ``None``, extras dropped."""
    row: dict[str, str | None] = dict.fromkeys(header)
    row.update(zip(header, cells, strict=False))
    return row


def _head(source: Input, size: int) -> bytes:
    """Up to ``size`` first bytes; of a truncated gzip file, those before the break.

    The break itself is reported by the reading that follows, after the rows before it.
    """
    parts: list[bytes] = []
    got = 0
    with source.open() as stream:
        read = getattr(stream, "read1", stream.read)
        try:
            while got < size and (part := read(size - got)):
                parts.append(part)
                got += len(part)
        except GZIP_ERRORS:
            pass
    return b"".join(parts)


def _dialect(sample: str) -> Dialect:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",\t;|")
    except csv.Error:
        return csv.excel
