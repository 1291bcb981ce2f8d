"""Read JSON and JSONL exports: one RawDocument per record, keys named by a FieldMap."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from orbat.errors import UnreadableInput
from orbat.ingest.base import (
    GZIP_ERRORS,
    FieldMap,
    Input,
    ReadOptions,
    Record,
    decode_bytes,
    drop_nul,
    one_line,
    parse_date,
    read_capped,
    truncated_gzip,
)
from orbat.models import RawDocument, Skip

__all__ = ["read_json", "read_jsonl", "record_to_document"]

# Keys under which JSON exports commonly nest their list of records, tried first.
_LIST_KEYS = ("articles", "items", "data", "results", "documents", "records", "entries")


def _pick(row: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = row.get(name)
        if value not in (None, ""):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return drop_nul(value).strip() or None
    if isinstance(value, list | dict):
        return drop_nul(json.dumps(value, ensure_ascii=False))
    return drop_nul(str(value))


#: A value this long in a field orbat does not map is an article body, not metadata.
_BODY_WORDS = 12


def _unmapped_body(extra: Mapping[str, Any]) -> str | None:
    """The unmapped field that most looks like an article body (the longest long text)."""
    texts = {k: v for k, v in extra.items() if isinstance(v, str) and len(v.split()) >= _BODY_WORDS}
    return max(texts, key=lambda k: len(texts[k])) if texts else None


def record_to_document(
    row: Mapping[str, Any], fields: FieldMap, origin: str, locator: str, fmt: str
) -> RawDocument | Skip:
    """Map one export record to a RawDocument; a record without text or title is a Skip.

    Keys are matched case-insensitively; unmapped keys are kept in ``extra``.
    """
    folded = {str(k).casefold(): v for k, v in row.items() if k is not None}
    mapped: dict[str, str | None] = {}
    used: set[str] = set()
    for attribute in ("id", "url", "title", "text", "date", "source", "language"):
        names = fields.names(attribute)
        mapped[attribute] = _as_text(_pick(folded, names))
        used.update(names)
    text, title = mapped["text"] or "", mapped["title"]
    wanted = "/".join(fields.names("text"))
    if not text and not title:
        return Skip(origin, f"record has no text (looked for {wanted}) and no title", locator)
    extra = {str(k): v for k, v in row.items() if k is not None and str(k).casefold() not in used}
    if not text and (body := _unmapped_body(extra)) is not None:
        # The article is there under a name orbat does not know: storing the title alone
        # would lose it silently. Refused (nothing stored), so a re-run with --field keeps it.
        seen = ", ".join(str(k) for k in row if k is not None)
        return Skip(
            origin,
            f"no text field (looked for {wanted}); fields seen: {seen} — "
            f"pass --field text=COLUMN, e.g. --field text={body}",
            locator,
        )
    return RawDocument(
        origin=origin,
        format=fmt,
        text=text,
        locator=locator,
        title=title,
        url=mapped["url"],
        published=parse_date(mapped["date"]),
        published_raw=mapped["date"],
        source=mapped["source"],
        external_id=mapped["id"],
        language=mapped["language"],
        extra=extra,
    )


def _records_of(value: Any) -> list[Any]:
    """The records of a JSON document: an array, or the list inside an object."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        raise UnreadableInput("JSON holds neither an array nor an object of records")
    for key in (*_LIST_KEYS, *value):
        inner = value.get(key)
        if isinstance(inner, list) and any(isinstance(v, dict) for v in inner):
            return inner
    return [value]  # one object: one record


def read_json(source: Input, options: ReadOptions) -> Iterator[Record]:
    """A JSON export: an array of objects, or an object holding a list of them."""
    data = read_capped(source, options.markup_limit, "JSON document")
    text, _ = decode_bytes(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise UnreadableInput(f"invalid JSON: {err}") from None
    for number, row in enumerate(_records_of(value), start=1):
        locator = f"record {number}"
        if not isinstance(row, dict):
            yield Skip(source.origin, f"record is a {type(row).__name__}, not an object", locator)
            continue
        try:
            yield record_to_document(row, options.field_map, source.origin, locator, "json")
        except RecursionError:  # a value nested past the interpreter's limit, in json.dumps
            yield Skip(source.origin, "record nested too deeply to read (RecursionError)", locator)


def read_jsonl(source: Input, options: ReadOptions) -> Iterator[Record]:
    """A JSON-lines export, streamed; a bad line is skipped on its own.

    Lines are decoded as UTF-8, which JSON must be (RFC 8259): a line with invalid bytes keeps
    its record with those bytes replaced by U+FFFD, and a Skip names the lines repaired.
    Guessing another codepage per line garbled the whole line (cp1251 for one stray byte).
    """
    limit = options.markup_limit
    repaired: list[int] = []
    number = 0
    try:
        with source.open() as stream:
            # readline(limit + 1), not plain iteration: a file with no newlines must not be
            # pulled into memory whole.
            while raw := stream.readline(limit + 1):
                number += 1
                locator = f"line {number}"
                if len(raw) > limit:
                    yield Skip(source.origin, "line larger than max_markup_bytes", locator)
                    while raw and not raw.endswith(b"\n"):  # drop the rest of that line
                        raw = stream.readline(1 << 20)
                    continue
                if not raw.strip():
                    continue
                line, valid = _utf8(raw, "utf-8-sig" if number == 1 else "utf-8")
                record = _jsonl_record(line, source.origin, locator, options.field_map)
                if not valid and isinstance(record, RawDocument):
                    repaired.append(number)
                yield record
    except GZIP_ERRORS as err:
        last = f"line {number}" if number else ""
        yield Skip(source.origin, truncated_gzip(err, last), f"line {number + 1}")
    if repaired:
        yield Skip(
            source.origin,
            f"invalid UTF-8 replaced by U+FFFD in {len(repaired)} line(s) (JSON must be UTF-8); "
            "the rest of each line was read",
            _line_list(repaired),
        )


def _utf8(raw: bytes, codec: str) -> tuple[str, bool]:
    """``raw`` decoded, invalid bytes replaced by U+FFFD; whether it was valid as it stood."""
    try:
        return raw.decode(codec), True
    except UnicodeDecodeError:
        return raw.decode(codec, errors="replace"), False


def _jsonl_record(line: str, origin: str, locator: str, fields: FieldMap) -> Record:
    """The record of one JSON line, or the Skip saying why it has none."""
    try:
        row = json.loads(line)
        if not isinstance(row, dict):
            return Skip(origin, f"line is a {type(row).__name__}, not an object", locator)
        return record_to_document(row, fields, origin, locator, "jsonl")
    except json.JSONDecodeError as err:
        return Skip(origin, f"invalid JSON line: {one_line(err)}", locator)
    except RecursionError:
        # json's C scanner refuses past ~1,000 levels; the next line is read as usual.
        return Skip(origin, "line nested too deeply to read (RecursionError)", locator)


def _line_list(numbers: list[int], shown: int = 5) -> str:
    """``line 3`` or ``lines 3, 7, 12 and 40 more``: a locator that fits its column."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    listed = ", ".join(str(n) for n in numbers[:shown])
    more = f" and {len(numbers) - shown} more" if len(numbers) > shown else ""
    return f"lines {listed}{more}"
