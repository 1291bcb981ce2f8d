"""Read Telegram Desktop chat exports (``result.json``): one RawDocument per message with text.

Telegram Desktop's "Export chat history" writes one JSON object per channel or group::

    {"name": "...", "type": "public_channel", "id": 1234567890,
     "messages": [{"id": 7, "type": "message", "date": "2024-03-11T10:15:00",
                   "date_unixtime": "1710141300", "from": "...", "from_id": "channel1234567890",
                   "forwarded_from": "...", "reply_to_message_id": 5, "photo": "photos/...",
                   "text": ["plain ", {"type": "bold", "text": "bold"}, ...],
                   "text_entities": [...]}, ...]}

The file is streamed message by message (:mod:`orbat.ingest.json_stream`), so an export of
any size costs the memory of one message. Service messages (joins, pins, title changes) and
messages without text (a sticker, a photo without caption) give nothing, silently; a damaged
message gives a Skip and the messages after it are still read.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from orbat.errors import UnreadableInput
from orbat.ingest.base import Input, ReadOptions, Record, one_line, strip_controls
from orbat.ingest.json_stream import Broken, Item, Member, iter_object
from orbat.models import RawDocument, Skip
from orbat.nlp.arabic import is_arabic_text

__all__ = [
    "CHAT_TYPES",
    "Channel",
    "flatten_text",
    "looks_like_telegram_export",
    "message_document",
    "read_telegram",
]

# The values of a chat export's "type" (Telegram Desktop's export_output_json.cc).
CHAT_TYPES = frozenset(
    {
        "personal_chat",
        "bot_chat",
        "saved_messages",
        "private_group",
        "private_supergroup",
        "public_supergroup",
        "private_channel",
        "public_channel",
    }
)
_HEAD_TYPE = re.compile(
    rb'"type"\s*:\s*"(?:' + b"|".join(t.encode() for t in sorted(CHAT_TYPES)) + rb')"'
)
_HEAD_MESSAGES = re.compile(rb'"messages"\s*:\s*\[')
# What reading a gzipped export raises when the stream breaks off or is corrupt.
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
# Entity types whose text is a link, and the key holding a text link's target.
_LINK_ENTITIES = frozenset({"link"})
# Message keys kept in ``extra`` as they are (when present): threads and forwards, authors,
# edits and how the post was made.
_KEPT = (
    "forwarded_from",
    "forwarded_from_id",
    "saved_from",
    "reply_to_message_id",
    "reply_to_peer_id",
    "from",
    "from_id",
    "author",
    "via_bot",
    "edited",
)
_MEDIA_KEYS = (
    "photo",
    "file",
    "file_name",
    "media_type",
    "mime_type",
    "duration_seconds",
    "sticker_emoji",
)


@dataclass(frozen=True, slots=True)
class Channel:
    """The exported chat: its name, numeric id, type and public username (when known).

    Telegram Desktop does not write the username; exports made by other tools often do
    (``"username"``), and a user may add it to ``result.json`` by hand to get post URLs.
    """

    name: str | None = None
    id: str | None = None
    type: str | None = None
    username: str | None = None

    @classmethod
    def from_members(cls, members: Mapping[str, Any]) -> Channel:
        def text(key: str) -> str | None:
            value = members.get(key)
            if isinstance(value, bool) or not isinstance(value, str | int):
                return None
            return strip_controls(str(value)).strip() or None

        username = text("username")
        if username is not None:
            username = username.removeprefix("https://t.me/").lstrip("@").strip("/") or None
        return cls(text("name"), text("id"), text("type"), username)

    def url(self, message_id: int) -> str | None:
        """The post's public address: ``https://t.me/<username>/<id>``, when there is one."""
        return f"https://t.me/{self.username}/{message_id}" if self.username else None

    def external_id(self, message_id: int) -> str | None:
        """``telegram:<chat id>:<message id>`` (``telegram:@<username>:...`` without an id)."""
        if self.id:
            return f"telegram:{self.id}:{message_id}"
        if self.username:
            return f"telegram:@{self.username}:{message_id}"
        return None


def looks_like_telegram_export(head: bytes) -> bool:
    """True for the head of a Telegram chat export: a chat "type" and a "messages" array.

    Quotes inside JSON strings are escaped, so neither pattern can come from a message's text.
    """
    messages = _HEAD_MESSAGES.search(head)
    return messages is not None and _HEAD_TYPE.search(head, 0, messages.start()) is not None


def flatten_text(value: Any) -> str:
    """A message's text as plain text: a string, or a list of strings and entity objects.

    Entities (bold, links, mentions, hashtags, ...) are ``{"type": ..., "text": ...}``;
    only their text is kept (a text link's target is in :func:`message_document`'s links).
    """
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
    return "".join(parts)


def _links(message: Mapping[str, Any]) -> list[str]:
    """The links a message carries: plain links and the targets of text links, in order."""
    entities = message.get("text_entities")
    if not isinstance(entities, list):
        text = message.get("text")
        entities = text if isinstance(text, list) else []
    links: list[str] = []
    for entity in entities:
        if not isinstance(entity, dict):
            continue
        kind, href, text = entity.get("type"), entity.get("href"), entity.get("text")
        if kind == "text_link" and isinstance(href, str):
            links.append(href)
        elif kind in _LINK_ENTITIES and isinstance(text, str):
            links.append(text)
    return list(dict.fromkeys(links))


# A channel's sign-off under each post ("Follow us: @channel", "📡 t.me/channel"): removed from
# the text, so a relay's copy of a post is the same text as the original and dedups with it.
_HANDLE = re.compile(r"(?<![\w@])@\w{4,}|(?:https?://)?(?:t\.me|telegram\.me)/\S+", re.I)
_SIGN_OFF_WORDS = frozenset(
    [
        *("تابعونا", "تابعوا", "تابعنا", "اشترك", "اشتركوا", "للاشتراك", "انضم", "انضموا"),
        *("للانضمام", "قناة", "قناتنا", "القناة", "رابط", "على", "عبر", "في"),
        *("تلغرام", "تليغرام", "تيليغرام", "telegram", "follow", "us", "on", "subscribe"),
        *("join", "our", "channel", "via", "here"),
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def _sign_off(line: str) -> bool:
    if not _HANDLE.search(line):
        return False
    words = _WORD.findall(_HANDLE.sub(" ", line).casefold())
    return all(word in _SIGN_OFF_WORDS for word in words)


def _split_sign_off(text: str) -> tuple[str, list[str]]:
    """``text`` without its trailing sign-off lines, and those lines."""
    lines = text.rstrip().split("\n")
    cut = len(lines)
    while cut > 1 and (not lines[cut - 1].strip() or _sign_off(lines[cut - 1])):
        cut -= 1
    if not any(line.strip() for line in lines[:cut]):
        return text, []
    removed = [line.strip() for line in lines[cut:] if line.strip()]
    return "\n".join(lines[:cut]).rstrip(), removed


def _published(message: Mapping[str, Any]) -> tuple[date | None, str | None, str | None]:
    """The post's day (export's local time), the raw date, and the UTC instant if given."""
    raw = message.get("date")
    raw = raw if isinstance(raw, str) else None
    day: date | None = None
    if raw:
        try:
            day = datetime.fromisoformat(raw).date()
        except ValueError:
            day = None
    utc: str | None = None
    stamp = message.get("date_unixtime")
    if isinstance(stamp, str | int) and str(stamp).isdigit():
        try:
            utc = datetime.fromtimestamp(int(stamp), UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            utc = None
        if day is None and utc is not None:
            day = datetime.fromisoformat(utc).date()
    return day, raw, utc


def message_document(
    message: Mapping[str, Any], channel: Channel, origin: str, fmt: str = "telegram"
) -> RawDocument | None:
    """The RawDocument of one exported message, or ``None`` for one without text.

    1. Service messages and messages without an integer id or without text are ``None``.
    2. The text is flattened and a trailing channel sign-off removed (kept in ``extra``).
    3. Source: the channel's name; id, URL and date from the message; forwards, replies,
       authors, media and links in ``extra``; ``ar`` as language when the text is Arabic.
    """
    # 1. what has no text
    message_id = message.get("id")
    if message.get("type", "message") != "message" or type(message_id) is not int:
        return None
    # 2. text
    text = strip_controls(flatten_text(message.get("text"))).strip()
    if not text:
        text = strip_controls(flatten_text(message.get("text_entities"))).strip()
    if not text:
        return None
    text, sign_off = _split_sign_off(text)
    # 3. metadata
    published, published_raw, utc = _published(message)
    extra: dict[str, Any] = {"telegram_message_id": message_id}
    if channel.id:
        extra["telegram_chat_id"] = channel.id
    if channel.type:
        extra["telegram_chat_type"] = channel.type
    if utc:
        extra["published_utc"] = utc
    extra |= {key: message[key] for key in _KEPT if message.get(key) not in (None, "")}
    media = {key: message[key] for key in _MEDIA_KEYS if message.get(key) not in (None, "")}
    if media:
        extra["media"] = media
    if isinstance(location := message.get("location_information"), dict):
        extra["location"] = location
    if links := _links(message):
        extra["links"] = links
    if sign_off:
        extra["sign_off"] = sign_off
    return RawDocument(
        origin=origin,
        format=fmt,
        text=text,
        locator=f"message {message_id}",
        url=channel.url(message_id),
        published=published,
        published_raw=published_raw,
        source=channel.name,
        external_id=channel.external_id(message_id),
        language="ar" if is_arabic_text(text) else None,
        extra=extra,
    )


def read_telegram(source: Input, options: ReadOptions) -> Iterator[Record]:
    """A Telegram Desktop ``result.json`` (gzipped or not), streamed message by message.

    1. Walk the export's object: its members before ``messages`` describe the chat.
    2. Each message with text is a RawDocument (:func:`message_document`); a damaged one is
       a Skip, and reading resumes at the next message.
    3. A file cut short, or no "messages" list at all, ends with ``UnreadableInput``
       (one Skip after everything that was read).
    """
    members: dict[str, Any] = {}
    channel: Channel | None = None
    seen = documents = 0
    last_id: object = None
    with source.open() as stream:
        try:
            for event in iter_object(stream, "messages", max_item_chars=options.markup_limit):
                # 1. chat members
                if isinstance(event, Member):
                    members[event.key] = event.value
                    continue
                # 2. messages (Telegram writes the chat's members first)
                channel = channel or Channel.from_members(members)
                if isinstance(event, Broken):
                    after = f" (after message {last_id})" if last_id is not None else ""
                    yield Skip(
                        source.origin,
                        f"damaged message skipped{after}: {event.reason}",
                        f"item {event.number}",
                    )
                    continue
                assert isinstance(event, Item)
                seen += 1
                if not isinstance(event.value, dict):
                    continue
                last_id = event.value.get("id", last_id)
                document = message_document(event.value, channel, source.origin)
                if document is not None:
                    documents += 1
                    yield document
        except _GZIP_ERRORS as err:
            where = f"after message {last_id}" if last_id is not None else "at its start"
            raise UnreadableInput(f"gzip stream breaks off {where}: {one_line(err)}") from None
    # 3. nothing to read
    if channel is None:
        raise UnreadableInput('no messages: the JSON object\'s "messages" list is missing or empty')
    if documents == 0:
        raise UnreadableInput(f"Telegram export with {seen} messages, none of them with text")
