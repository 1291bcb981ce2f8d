"""Read JSON, JSONL and CSV exports: one RawDocument per record, columns named by a FieldMap."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from orbat.errors import UnreadableInput
from orbat.ingest.base import (
    FieldMap,
    Input,
    ReadOptions,
    Record,
    decode_bytes,
    one_line,
    parse_date,
    read_capped,
)
from orbat.models import RawDocument, Skip

__all__ = ["read_csv", "read_json", "read_jsonl", "record_to_document"]

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
        return value.strip() or None
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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
    if not text and not title:
        wanted = "/".join(fields.names("text"))
        return Skip(origin, f"record has no text (looked for {wanted}) and no title", locator)
    extra = {str(k): v for k, v in row.items() if k is not None and str(k).casefold() not in used}
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
        yield record_to_document(row, options.field_map, source.origin, locator, "json")


def read_jsonl(source: Input, options: ReadOptions) -> Iterator[Record]:
    """A JSON-lines export, streamed; a bad line is skipped on its own."""
    limit = options.markup_limit
    with source.open() as stream:
        number = 0
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
            try:
                row = json.loads(decode_bytes(raw)[0])
            except (json.JSONDecodeError, UnreadableInput) as err:
                yield Skip(source.origin, f"invalid JSON line: {one_line(err)}", locator)
                continue
            if not isinstance(row, dict):
                yield Skip(source.origin, f"line is a {type(row).__name__}, not an object", locator)
                continue
            yield record_to_document(row, options.field_map, source.origin, locator, "jsonl")


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",\t;|")
    except csv.Error:
        return csv.excel


def read_csv(source: Input, options: ReadOptions) -> Iterator[Record]:
    """A CSV (or TSV) export with a header row, streamed row by row."""
    # Article bodies outgrow the csv module's 128 KB default field limit; the markup limit is
    # the bound orbat already puts on one parsed unit.
    csv.field_size_limit(max(csv.field_size_limit(), options.markup_limit))
    with source.open() as stream:
        head = stream.read(64 * 1024)
        # Judge the encoding on whole lines only: a cut UTF-8 sequence is not a different codec.
        _, encoding = decode_bytes(head[: head.rfind(b"\n") + 1] or head)
        stream.seek(0)
        with io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="") as text:
            dialect = _dialect(head.decode(encoding, "replace"))
            reader = csv.DictReader(text, dialect=dialect)
            number = 1
            try:
                for number, row in enumerate(reader, start=2):
                    yield record_to_document(
                        row, options.field_map, source.origin, f"row {number}", "csv"
                    )
            except csv.Error as err:
                yield Skip(source.origin, f"malformed CSV: {one_line(err)}", f"row {number + 1}")
