"""The streamed JSON walk agrees with json.loads at every block size, and survives damage."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbat.errors import UnreadableInput
from orbat.ingest.json_stream import Broken, Item, Member, iter_object

LIMIT = 1_000_000


def walk(data: bytes, block: int = 7, limit: int = LIMIT) -> list[Member | Item | Broken]:
    return list(iter_object(io.BytesIO(data), "messages", max_item_chars=limit, block_bytes=block))


def as_loaded(events: list[Member | Item | Broken]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for event in events:
        if isinstance(event, Member):
            out[event.key] = event.value
        elif isinstance(event, Item):
            out.setdefault("messages", []).append(event.value)
    return out


_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=12)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    head=st.dictionaries(st.sampled_from(["name", "type", "id", "x"]), _values, max_size=4),
    messages=st.lists(st.dictionaries(st.text(max_size=4), _values, max_size=4), max_size=6),
    block=st.integers(1, 64),
    indent=st.sampled_from([None, 1]),
    ascii_only=st.booleans(),
)
def test_walk_matches_json_loads(
    head: dict[str, Any],
    messages: list[dict[str, Any]],
    block: int,
    indent: int | None,
    ascii_only: bool,
) -> None:
    document = {**head, "messages": messages}
    data = json.dumps(document, indent=indent, ensure_ascii=ascii_only).encode()
    expected = {**head, "messages": messages} if messages else head
    assert as_loaded(walk(data, block)) == expected


def test_numbers_cut_by_a_block_are_read_whole() -> None:
    data = b'{"id": 1234567890123, "messages": [{"id": 98765}, {"id": 4}]}'
    for block in range(1, 12):
        assert as_loaded(walk(data, block)) == {
            "id": 1234567890123,
            "messages": [{"id": 98765}, {"id": 4}],
        }


def test_multibyte_text_cut_by_a_block() -> None:
    text = "قاعدة عين الأسد ۲۲ 🔴"
    data = json.dumps({"messages": [{"id": 1, "text": text}]}, ensure_ascii=False).encode()
    for block in range(1, 9):
        assert as_loaded(walk(data, block))["messages"][0]["text"] == text


def test_a_damaged_item_is_reported_and_the_next_is_read() -> None:
    data = b'{"messages": [{"id": 1}, {"id": 2, "text": "a" "b"}, {"id": 3}, {"id": 4}]}'
    events = walk(data)
    assert [type(e).__name__ for e in events] == ["Item", "Broken", "Item", "Item"]
    assert isinstance(events[1], Broken) and events[1].number == 2
    assert [e.value["id"] for e in events if isinstance(e, Item)] == [1, 3, 4]


def test_a_missing_comma_loses_nothing() -> None:
    events = walk(b'{"messages": [{"id": 1} {"id": 2}]}')
    assert [e.value for e in events if isinstance(e, Item)] == [{"id": 1}, {"id": 2}]


def test_an_item_over_the_limit_is_skipped() -> None:
    data = json.dumps({"messages": [{"id": 1, "text": "x" * 500}, {"id": 2}]}).encode()
    events = walk(data, block=16, limit=100)
    assert isinstance(events[0], Broken) and "larger than 100 characters" in events[0].reason
    assert isinstance(events[1], Item) and events[1].value == {"id": 2}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[1, 2]", "not a JSON object"),
        (b"", "not a JSON object"),
        (b'{"messages": [{"id": 1}, {"id": 2, "te', "ends inside item 2"),
        (b'{"messages": [{"id": 1}', "ends after item 1"),
        (b'{"name": "x" "messages": []}', "unexpected '\"' between members"),
        (b'{"messages": [{"id": 1}, {"id": 2, "x": tru}]}', "no item follows it"),
    ],
)
def test_unreadable(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableInput, match=message):
        walk(data)


def test_what_precedes_a_cut_is_yielded() -> None:
    stream = iter_object(
        io.BytesIO(b'{"name": "x", "messages": [{"id": 1}, {"id": 2}, {"i'),
        "messages",
        max_item_chars=LIMIT,
    )
    seen: list[Any] = []
    with pytest.raises(UnreadableInput):
        for event in stream:
            seen.append(event)
    assert seen == [Member("name", "x"), Item(1, {"id": 1}), Item(2, {"id": 2})]
