"""Telegram Desktop JSON exports: one document per post with text, metadata kept, damage reported.

The two exports in ``data/telegram/`` are invented for these tests (see its README): a
faction's public channel that posts a claim in Arabic and English, and a relay channel
that posts a breaking line, forwards the claim and replies to itself.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from orbat.ingest import READERS, ReadOptions, read_inputs
from orbat.ingest.detect import sniff
from orbat.ingest.telegram import Channel, flatten_text, looks_like_telegram_export
from orbat.models import RawDocument, Skip
from orbat.pipeline import ingest
from orbat.store import open_engine
from orbat.store.schema import documents

from .helpers import DATA, split

FACTION = DATA / "telegram" / "saraya_mithal" / "result.json"
RELAY = DATA / "telegram" / "alrasd" / "result.json"


def by_locator(docs: list[RawDocument]) -> dict[str, RawDocument]:
    return {d.locator: d for d in docs}


def test_telegram_is_a_registered_reader() -> None:
    assert "telegram" in READERS


@pytest.mark.issue(16)
def test_faction_channel_export() -> None:
    docs, skips = split(read_inputs([str(FACTION)]))
    assert skips == []
    # 7 messages: 2 service messages and a photo without caption give nothing.
    posts = by_locator(docs)
    assert sorted(posts) == ["message 41", "message 42", "message 44", "message 46"]
    claim = posts["message 41"]
    assert claim.format == "telegram"
    assert claim.source == "سرايا المثال"
    assert claim.external_id == "telegram:1500000001:41"
    assert claim.url == "https://t.me/saraya_mithal_example/41"
    assert claim.published == date(2024, 3, 11)
    assert claim.published_raw == "2024-03-11T06:40:12"
    assert claim.extra["published_utc"] == "2024-03-11T03:40:12+00:00"
    assert claim.language == "ar"
    assert claim.extra["media"] == {"photo": "photos/photo_3@11-03-2024_06-40-12.jpg"}
    # The entity list is flattened: bold header, body, hashtag, no markup left.
    assert claim.text.startswith("بيان صادر عن سرايا المثال\n\nبعون الله، استهدف")
    assert claim.text.endswith("#سرايا_المثال")
    english = posts["message 42"]
    assert english.language is None
    assert english.extra["links"] == ["https://example.org/statements/41"]
    # The channel's sign-off is not part of the post's text.
    assert english.text.endswith("Full statement: https://example.org/statements/41")
    assert english.extra["sign_off"] == ["Follow us: @saraya_mithal_example"]
    reply = posts["message 44"]
    assert reply.extra["reply_to_message_id"] == 41
    assert reply.extra["edited"] == "2024-03-11T09:05:10"
    assert posts["message 46"].published == date(2024, 3, 12)


@pytest.mark.issue(16)
def test_relay_channel_keeps_forwards_and_has_no_url_without_username() -> None:
    docs, skips = split(read_inputs([str(RELAY)]))
    assert skips == []
    posts = by_locator(docs)
    assert sorted(posts) == ["message 1201", "message 1202", "message 1203", "message 1204"]
    assert all(d.url is None and d.source == "الرصد العاجل" for d in docs)
    assert posts["message 1201"].text == (
        "🔴 عاجل | سماع دوي انفجارات في محيط قاعدة عين الأسد الجوية غربي الأنبار."
    )
    assert posts["message 1201"].extra["sign_off"] == ["📡 @alrasd_example"]
    forward = posts["message 1202"]
    assert forward.extra["forwarded_from"] == "سرايا المثال"
    assert forward.external_id == "telegram:1600000002:1202"
    assert posts["message 1204"].extra["reply_to_message_id"] == 1203
    assert posts["message 1204"].extra["links"] == ["https://t.me/saraya_mithal_example/42"]


def test_sniffing_picks_telegram_only_for_a_chat_export() -> None:
    assert sniff(FACTION.read_bytes()[:4096], "result.json") == "telegram"
    assert sniff(b'{"name": "x", "type": "private_group", "id": 3, "messages": []}') == "telegram"
    # A "messages" list without a Telegram chat type is an ordinary JSON export.
    assert sniff(b'{"type": "inbox", "messages": [{"text": "a"}]}') == "json"
    # Quotes in a message's text are escaped, so text cannot fake the header.
    fake = json.dumps({"items": [{"text": '"type": "public_channel", "messages": ['}]})
    assert not looks_like_telegram_export(fake.encode())


def test_text_entities_are_flattened() -> None:
    assert flatten_text("plain") == "plain"
    assert (
        flatten_text(
            [
                "Read ",
                {"type": "bold", "text": "this"},
                " at ",
                {"type": "text_link", "text": "the site", "href": "https://x.example"},
                {"type": "custom_emoji", "text": "🔥", "document_id": "1"},
                7,
            ]
        )
        == "Read this at the site🔥"
    )
    assert flatten_text(None) == "" and flatten_text({"text": "x"}) == ""


def test_channel_username_and_ids() -> None:
    channel = Channel.from_members({"name": "X", "id": 12, "username": "@x_news"})
    assert channel.url(5) == "https://t.me/x_news/5"
    assert channel.external_id(5) == "telegram:12:5"
    assert Channel.from_members({"username": "https://t.me/y_news"}).external_id(5) == (
        "telegram:@y_news:5"
    )
    assert Channel.from_members({"name": ["not", "text"]}) == Channel()


@pytest.mark.issue(16)
def test_second_ingest_adds_nothing_and_forwards_join_the_original(tmp_path: Path) -> None:
    db = str(tmp_path / "orbat.db")
    exports = [str(FACTION), str(RELAY)]
    first = ingest(exports, db)
    assert (first.files_read, first.skipped) == (2, 0)
    assert first.articles_seen == 8
    # The relay's forward is the faction's post, word for word: one story, two sources.
    assert (first.articles_new, first.duplicates) == (7, 1)
    again = ingest(exports, db)
    assert (again.articles_new, again.duplicates, again.articles_known) == (0, 0, 8)
    with open_engine(db).connect() as conn:
        rows = conn.execute(
            select(documents.c.locator, documents.c.source, documents.c.cluster_id)
        ).all()
    assert len(rows) == 8
    clusters = {row.locator: row.cluster_id for row in rows}
    assert clusters["message 41"] == clusters["message 1202"]
    assert len(set(clusters.values())) == 7


def _export(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": "Test", "type": "public_channel", "id": 99, "messages": messages}


def _post(n: int, text: Any = None) -> dict[str, Any]:
    return {
        "id": n,
        "type": "message",
        "date": "2024-03-11T10:00:00",
        "date_unixtime": "1710140400",
        "text": text if text is not None else f"Post number {n} about the front.",
    }


@pytest.mark.issue(16)
def test_a_damaged_message_is_one_skip_and_the_rest_is_read(tmp_path: Path) -> None:
    text = FACTION.read_text(encoding="utf-8")
    # Break message 44 in the middle of the file: a stray token after a value.
    broken = text.replace('"reply_to_message_id": 41,', '"reply_to_message_id": 41 41,')
    assert broken != text
    path = tmp_path / "result.json"
    path.write_text(broken, encoding="utf-8")
    docs, skips = split(read_inputs([str(path)]))
    assert [d.locator for d in docs] == ["message 41", "message 42", "message 46"]
    assert len(skips) == 1
    assert skips[0].locator == "item 5"
    assert skips[0].reason.startswith("damaged message skipped (after message 43): malformed JSON")


@pytest.mark.issue(16)
def test_a_cut_export_keeps_every_message_before_the_cut(tmp_path: Path) -> None:
    text = FACTION.read_text(encoding="utf-8")
    cut = text[: text.index("ارتقاء")]  # inside the last message's text
    path = tmp_path / "result.json"
    path.write_text(cut, encoding="utf-8")
    docs, skips = split(read_inputs([str(path)]))
    assert [d.locator for d in docs] == ["message 41", "message 42", "message 44"]
    assert len(skips) == 1
    assert "ends inside item 7" in skips[0].reason and "cut short" in skips[0].reason


def test_gzipped_export_and_a_cut_gzip(tmp_path: Path) -> None:
    data = gzip.compress(RELAY.read_bytes())
    whole = tmp_path / "relay.json.gz"
    whole.write_bytes(data)
    docs, skips = split(read_inputs([str(whole)]))
    assert len(docs) == 4 and skips == []
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    docs, skips = split(read_inputs([str(cut)]))
    assert len(skips) == 1
    assert "gzip stream breaks off" in skips[0].reason or "cut short" in skips[0].reason


def test_export_without_text_or_messages(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps(_export([])), encoding="utf-8")
    photos = tmp_path / "photos.json"
    photos.write_text(json.dumps(_export([_post(1, ""), _post(2, [])])), encoding="utf-8")
    forced = tmp_path / "list.json"
    forced.write_text("[1, 2]", encoding="utf-8")
    options = ReadOptions(format="telegram")
    reasons = [s.reason for p in (empty, photos) for s in split(read_inputs([str(p)]))[1]] + [
        s.reason for s in split(read_inputs([str(forced)], options))[1]
    ]
    assert reasons == [
        'no messages: the JSON object\'s "messages" list is missing or empty',
        "Telegram export with 2 messages, none of them with text",
        "not a JSON object",
    ]


def test_odd_messages_are_tolerated(tmp_path: Path) -> None:
    messages: list[Any] = [
        _post(1),
        "not an object",
        {"type": "message", "id": "7", "text": "id is not an integer"},
        {**_post(2), "date": "yesterday", "date_unixtime": "1710140400"},
        {**_post(3), "text": "has a NUL\x00 and a bell\x07"},
    ]
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_export(messages)), encoding="utf-8")
    docs, skips = split(read_inputs([str(path)]))
    assert skips == []
    assert [d.locator for d in docs] == ["message 1", "message 2", "message 3"]
    assert docs[1].published == date(2024, 3, 11)  # from the unix time
    assert docs[2].text == "has a NUL and a bell"


@pytest.mark.issue(16)
def test_a_large_export_is_streamed(tmp_path: Path) -> None:
    """3,000 posts (about 3 MB) are read with a fraction of the file's size in memory."""
    import tracemalloc

    body = "استهدفت طائرة مسيرة موقعاً قرب الحدود صباح اليوم. " * 12
    export = _export([_post(n, f"{n}: {body}") for n in range(1, 3001)])
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, indent=1, ensure_ascii=False), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for record in read_inputs([str(path)]) if isinstance(record, RawDocument))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    # Loaded whole, the file's text alone would be about its size again (2 bytes a character).
    assert peak < size / 2, (peak, size)


_SEEDS = {
    "result.json": FACTION.read_bytes(),
    "messages.html": (DATA / "telegram" / "alrasd_html" / "messages.html").read_bytes(),
}


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(_SEEDS)))
    data = bytearray(_SEEDS[name])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1)) if data else 0
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b"{", b"}", b",", b'"', b"]", b"\\", b"<div>"]))
        else:
            del data[at : at + draw(st.integers(1, 64))]
    return name, bytes(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated(), st.sampled_from([None, "telegram", "telegram-html"]))
def test_mutated_exports_give_documents_and_one_line_skips(
    case: tuple[str, bytes], fmt: str | None
) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        records = list(read_inputs([str(path)], ReadOptions(format=fmt)))
    assert records
    for record in records:
        if isinstance(record, Skip):
            assert record.reason and "\n" not in record.reason
            assert not record.reason.startswith("reader failed"), record.reason
        else:
            # A damaged header may send the file to the generic JSON reader instead, whose
            # records may hold a title alone.
            assert isinstance(record, RawDocument) and (record.text or record.title)
