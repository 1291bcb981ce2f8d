"""Telegram Desktop's HTML export gives the same posts as its JSON export of the same channel.

``data/telegram/alrasd_html/`` is the relay channel of ``data/telegram/alrasd/result.json``
written the way Telegram Desktop writes HTML pages, over two pages (see the folder's README).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orbat.ingest import read_inputs
from orbat.ingest.detect import sniff
from orbat.pipeline import ingest

from .helpers import DATA, split

PAGES = DATA / "telegram" / "alrasd_html"
JSON = DATA / "telegram" / "alrasd" / "result.json"

pytestmark = pytest.mark.issue(16)


def test_pages_are_sniffed_as_telegram_html() -> None:
    for page in ("messages.html", "messages2.html"):
        assert sniff((PAGES / page).read_bytes()[:65536], page) == "telegram-html"
    assert sniff(b"<!DOCTYPE html><html><body><div class='history'>") == "html"


def test_html_pages_give_the_json_exports_posts() -> None:
    docs, skips = split(read_inputs([str(PAGES)]))
    assert skips == []
    from_json = {d.locator: d for d in split(read_inputs([str(JSON)]))[0]}
    assert [d.locator for d in docs] == [
        "message 1201",
        "message 1202",
        "message 1203",
        "message 1204",
    ]
    for doc in docs:
        twin = from_json[doc.locator]
        assert doc.format == "telegram-html"
        assert (doc.text, doc.source, doc.published, doc.language) == (
            twin.text,
            twin.source,
            twin.published,
            twin.language,
        )
        # The HTML export has no chat id and no username: no external id, no URL.
        assert doc.external_id is None and doc.url is None
        for key in ("forwarded_from", "reply_to_message_id", "links", "media", "sign_off"):
            assert doc.extra.get(key) == twin.extra.get(key), key
        assert doc.extra["published_utc"] == twin.extra["published_utc"]
        assert doc.extra["from"] == "الرصد العاجل"  # joined messages take the sender before
    forward = docs[1]
    assert forward.extra["forwarded_from"] == "سرايا المثال"
    assert forward.published_raw == "11.03.2024 06:41:00 UTC+03:00"
    assert forward.published == date(2024, 3, 11)


def test_both_exports_of_a_channel_are_one_set_of_stories(tmp_path: Path) -> None:
    db = str(tmp_path / "orbat.db")
    first = ingest([str(JSON)], db)
    assert first.articles_new == 4
    second = ingest([str(PAGES)], db)
    assert (second.files_read, second.articles_new, second.duplicates) == (2, 0, 4)


def test_a_page_without_posts(tmp_path: Path) -> None:
    page = tmp_path / "messages.html"
    head = (PAGES / "messages.html").read_text(encoding="utf-8")
    history = head.index('<div class="history">') + len('<div class="history">')
    page.write_text(
        head[:history]
        + '<div class="message service" id="message-1"><div class="body details">1 March'
        + "</div></div>"
        + '<div class="message default clearfix" id="message7"><div class="body">'
        + '<div class="media_wrap clearfix"><a class="photo_wrap" href="p.jpg"></a></div>'
        + "</div></div></div></div></div></body></html>",
        encoding="utf-8",
    )
    docs, skips = split(read_inputs([str(page)]))
    assert docs == []
    assert [s.reason for s in skips] == [
        "Telegram HTML export with 1 messages, none of them with text"
    ]
