"""Read Telegram Desktop's HTML chat exports (``messages.html``, ``messages2.html``, ...).

The HTML export writes up to 1,000 messages per page, each a ``div.message``::

    <div class="page_header"><div class="content"><div class="text bold">Channel</div>...
    <div class="history">
     <div class="message service" id="message-1">...</div>
     <div class="message default clearfix" id="message41">
      <div class="body">
       <div class="pull_right date details" title="11.03.2024 06:40:12 UTC+03:00">06:40</div>
       <div class="from_name">Channel</div>
       <div class="reply_to details">In reply to <a href="#go_to_message40">...</a></div>
       <div class="media_wrap clearfix"><a class="photo_wrap ..." href="photos/...">...</div>
       <div class="text">first line<br>second line</div>
      </div>
     </div>
     <div class="message default clearfix joined" id="message42">...
       <div class="forwarded body"><div class="from_name">Other channel<span ...></div>
        <div class="text">...</div></div>

Each message is turned into the mapping the JSON export has and read by
:func:`orbat.ingest.telegram.message_document`, so both exports of a channel give the same
documents (the HTML export has no chat id, hence no external id). Each page is one input:
a folder with ``messages.html`` and ``messages2.html`` reads both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from orbat.errors import UnreadableInput
from orbat.ingest.base import Input, ReadOptions, Record, read_capped, strip_controls
from orbat.ingest.telegram import Channel, message_document

__all__ = ["looks_like_telegram_html", "read_telegram_html"]

_HEAD_HISTORY = re.compile(rb'<div class="history">')
_HEAD_MESSAGE = re.compile(rb'<div class="message (?:default|service)[^"]*" id="message-?\d+"')
_MESSAGE_ID = re.compile(r"^message(\d+)$")
_REPLY_ID = re.compile(r"go_to_message(\d+)|GoToMessage\((\d+)\)")
# "11.03.2024 06:40:12" and, in newer versions, " UTC+03:00" after it.
_TITLE_DATE = re.compile(
    r"^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):(\d{2}))?"
)


def looks_like_telegram_html(head: bytes) -> bool:
    """True for the head of a Telegram Desktop HTML export page."""
    history = _HEAD_HISTORY.search(head)
    return history is not None and _HEAD_MESSAGE.search(head, history.end()) is not None


def _class(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _children(element: HtmlElement, *classes: str) -> list[HtmlElement]:
    """Direct child divs carrying every class in ``classes``."""
    wanted = set(classes)
    return [c for c in element if c.tag == "div" and wanted <= _class(c)]


def _first(element: HtmlElement | None, *classes: str) -> HtmlElement | None:
    found = _children(element, *classes) if element is not None else []
    return found[0] if found else None


def _plain(element: HtmlElement) -> str:
    """The text of a ``div.text``: ``<br>`` as a line break, the export's own layout dropped."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return strip_controls(element.text_content()).strip()


def _date(body: HtmlElement) -> tuple[str | None, str | None, str | None]:
    """The message's local ISO date, its unix time (when the title has an offset), the title."""
    for div in _children(body, "date"):
        title = div.get("title") or ""
        match = _TITLE_DATE.match(title)
        if not match:
            continue
        day, month, year, hour, minute, second = (int(g) for g in match.groups()[:6])
        try:
            local = datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None, None, title
        stamp = None
        if match[7]:
            offset = timedelta(hours=int(match[8]), minutes=int(match[9]))
            zone = timezone(offset if match[7] == "+" else -offset)
            stamp = str(int(local.replace(tzinfo=zone).timestamp()))
        return local.isoformat(), stamp, title
    return None, None, None


def _message(div: HtmlElement) -> tuple[dict[str, Any], str | None] | None:
    """The JSON export's mapping for one ``div.message`` (``None`` for no message), and the
    date as the page wrote it.

    1. The id from ``id="message41"``; service messages and messages without a body are
       ``None``.
    2. Date, reply, and (from the forwarded block when there is one) the text and media.
    """
    # 1. which message
    match = _MESSAGE_ID.match(div.get("id") or "")
    body = _first(div, "body")
    if not match or "service" in _class(div) or body is None:
        return None
    message: dict[str, Any] = {"id": int(match[1]), "type": "message"}
    # 2. what it says
    iso, stamp, title = _date(body)
    if iso:
        message["date"] = iso
    if stamp:
        message["date_unixtime"] = stamp
    reply = _first(body, "reply_to")
    if reply is not None:
        for link in reply.iter("a"):
            target = _REPLY_ID.search((link.get("href") or "") + (link.get("onclick") or ""))
            if target:
                message["reply_to_message_id"] = int(target[1] or target[2])
                break
    sender = _first(body, "from_name")
    if sender is not None and sender.text_content().strip():
        message["from"] = strip_controls(sender.text_content()).strip()
    content = body
    forwarded = _first(body, "forwarded", "body")
    if forwarded is not None:
        content = forwarded
        name = _first(forwarded, "from_name")
        if name is not None and (name.text or "").strip():
            message["forwarded_from"] = strip_controls(name.text or "").strip()
    signature = _first(body, "signature")
    if signature is not None and signature.text_content().strip():
        message["author"] = strip_controls(signature.text_content()).strip()
    media = _first(content, "media_wrap")
    if media is not None:
        for link in media.iter("a"):
            href = link.get("href")
            if href:
                key = "photo" if "photo_wrap" in _class(link) else "file"
                message.setdefault(key, href)
    text = _first(content, "text")
    if text is not None:
        message["text_entities"] = [
            {"type": "text_link", "text": a.text_content(), "href": a.get("href")}
            for a in text.iter("a")
            if a.get("href", "").startswith(("http://", "https://"))
        ]
        message["text"] = _plain(text)
    return message, title


def read_telegram_html(source: Input, options: ReadOptions) -> Iterator[Record]:
    """One page of a Telegram Desktop HTML export: a RawDocument per message with text.

    1. Parse the page whole (a page holds at most 1,000 messages); the chat's name is the
       page header's.
    2. Read every ``div.message`` of ``div.history`` in order; a "joined" message takes the
       sender of the one before it.
    """
    # 1. the page
    data = read_capped(source, options.markup_limit, "HTML export page")
    try:
        root = lxml.html.document_fromstring(strip_controls(data.decode("utf-8", "replace")))
    except (etree.ParserError, ValueError) as err:
        raise UnreadableInput(f"not an HTML page: {err}") from None
    history = root.find(".//div[@class='history']")
    if history is None:
        raise UnreadableInput('not a Telegram HTML export: no <div class="history">')
    header = root.find(".//div[@class='page_header']//div[@class='content']/div")
    name = header.text_content().strip() if header is not None else ""
    channel = Channel(name=strip_controls(name) or None)
    # 2. the messages
    documents = seen = 0
    sender: str | None = None
    for div in history.iter("div"):
        if "message" not in _class(div):
            continue
        found = _message(div)
        if found is None:
            continue
        seen += 1
        message, title = found
        # A "joined" message (the same sender again) has no name of its own.
        sender = message.setdefault("from", sender)
        document = message_document(message, channel, source.origin, "telegram-html")
        if document is None:
            continue
        document.published_raw = title or document.published_raw
        documents += 1
        yield document
    if documents == 0:
        raise UnreadableInput(f"Telegram HTML export with {seen} messages, none of them with text")
