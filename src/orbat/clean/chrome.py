"""Page chrome: lines and fragments a scraper keeps that are not the article, and their removal."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from orbat.clean.lines import BULLET, ends_sentence
from orbat.nlp.arabic import is_arabic_text

__all__ = [
    "INLINE_CHROME",
    "LINE_CHROME",
    "Cleaned",
    "clean_text",
    "is_chrome_line",
    "normal_key",
    "remove_chrome",
]

# Whole-line chrome: (pattern, why it exists). A pattern is searched case-insensitively in
# one stripped line; a named group ``outlet`` records the publisher the line names, which
# is how syndication notices tell us where a reposted article came from.
LINE_CHROME: tuple[tuple[str, str], ...] = (
    # -- images and layout
    (r"^(?:site\s+)?logo$", "alt text of the site logo image, first line of many scrapes"),
    (r"^\w+ background$", "alt text of a decorative banner image ('Orange background')"),
    (r"description automatically generated", "alt text Word/Office writes for pasted images"),
    (r"^automatically generated \w*\s*description$", "the same alt text, words reordered"),
    (r"^(?:advertisement|sponsored(?: content)?|scroll to continue)$", "ad slot labels"),
    (r"^skip to (?:main )?content$", "accessibility link at the top of a page"),
    # -- feed flattening
    (r"^(?:\]\]>|<!\[CDATA\[)$", "CDATA markers left when an RSS feed is flattened to text"),
    (r"^[\W_]+$", "lines of bare punctuation: a lone '.' after a paywall, stray bullets"),
    # -- product promotion on aggregator pages
    (r"^try our ai features$", "aggregator product promotion"),
    (r"^explore what .{1,40} can do for you:?$", "aggregator product promotion"),
    (r"\bdownload (?:the|our) app\b", "app-store promotion ('DOWNLOAD THE APP', 'Get Started')"),
    (r"^app-?store\s*play-?store$", "alt texts of the two store badges, glued"),
    (r"^get (?:it|started) (?:now|on)\b.{0,40}$", "app-store promotion"),
    # -- comment boxes and related links
    (r"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?:?$", "comment box heading"),
    (r"^no comments(?: yet)?\s*(?:\.{3}|…|:|\.)?$", "empty comment box"),
    (r"^(?:post|leave|add) a (?:comment|reply)$", "comment form"),
    (
        r"^(?:related|recommended|more|latest|popular) (?:articles|stories|posts|news|reads)$",
        "heading of the related-articles block",
    ),
    (r"^(?:read more|also read|see also|read also|related)\s*:.*$", "inline related link"),
    # -- sharing widgets
    (
        r"^(?:share(?: this(?: article)?)?|tweet|print|email|whatsapp|get a short url)$",
        "share buttons ('Get a short url' is Sputnik's)",
    ),
    # -- paywalls and syndication notices
    (r"^the full text of this article is available to subscribers\.?$", "paywall note"),
    (
        r"^please (?:log ?in|sign in) or register\b.*?(?:\bfrom (?P<outlet>[A-Z][\w&.'’-]*"
        r"(?: [A-Z][\w&.'’-]*){0,3}))?\.?$",
        "paywall note; names the publisher",
    ),
    (
        r"^the following report is now\b.*?\b(?-i:(?P<outlet>[A-Z]{3,}))\b.*"
        r"\bsubscription information\b.*$",
        "syndication notice of a subscription service; names the publisher",
    ),
    (r"^(?:subscribe|sign up) (?:now|today|here)\b.{0,80}$", "subscription call"),
    # -- Arabic channel and site chrome (Telegram posts and Arabic news pages)
    (r"^(?:تابعونا|تابعوا|اشتركوا|اشترك|انضموا|انضم)\b.{0,80}$", "Arabic follow/subscribe call"),
    (r"^(?:رابط|لينك) (?:القناة|قناتنا|الاشتراك)\b.{0,60}$", "Arabic channel link line"),
    (r"^(?:اقرأ|إقرأ|اقرا) (?:أيضا|أيضاً|ايضا|المزيد)\s*:?.{0,120}$", "Arabic 'read also' link"),
    (r"^(?:شارك|مشاركة) (?:الخبر|المقال|عبر)\b.{0,40}$", "Arabic share buttons"),
    (r"^(?:إعلان|اعلان|محتوى مدعوم)$", "Arabic ad slot labels"),
    # -- markers and legal notes
    (r"^(?:highlights?|pull ?quote)$", "pull-quote marker; the quote repeats a paragraph"),
    (
        r"^\*?\s*(?:an? )?(?:terrorist )?(?:group|organi[sz]ation)s? (?:is )?banned in russia\b.*$",
        "legal note Russian outlets append to names of banned groups",
    ),
)

# Chrome inside a paragraph (scrapers glue link texts and sign-up boxes into the body).
# Each rule is (needle, pattern, why): the pattern only runs on paragraphs holding the
# needle, a plain substring, because a pattern that may start with spaces would otherwise
# be tried at every position of every paragraph.
INLINE_CHROME: tuple[tuple[str, str, str], ...] = (
    ("Read More", r"\s*\bRead More\s*»", "link text of an inline related-article teaser"),
    (
        "Sign up",
        r"\s*(?:New [\w ]{1,30} newsletter:[^.]{0,80}?\s*)?Sign up to (?:get|receive) the latest"
        r"[^.]{0,200}?newsletters?\b",
        "newsletter sign-up box flattened into the text",
    ),
)

_LINE_RULES = tuple(re.compile(p, re.IGNORECASE) for p, _ in LINE_CHROME)
_INLINE_RULES = tuple((needle, re.compile(p)) for needle, p, _ in INLINE_CHROME)
# Only short lines can be chrome: a paragraph that mentions "download the app" is content.
_MAX_CHROME_WORDS = 40
# A trailing line this short that does not end a sentence is a widget label, a section
# heading with nothing after it or a related-article link; at the head, a section label.
_TAIL_WORDS = 8
_HEAD_WORDS = 3
# Source lists: a heading then citation lines, at the end of blog posts and reports.
_SOURCES_HEADING = re.compile(
    r"^(?:sources?|references|bibliography|works cited|notes and sources)\s*:?$", re.IGNORECASE
)
_SOURCE_LINE_WORDS = 80


@dataclass(slots=True)
class Cleaned:
    """An article body after chrome removal.

    Attributes:
        paragraphs: the kept lines, in order.
        outlets: publishers named by syndication or paywall notices that were removed.
        sources: the entries of a trailing source list, cut out of the body.
    """

    paragraphs: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)


def normal_key(text: str) -> str:
    """The form two lines share when they repeat each other (case and spacing dropped)."""
    return " ".join(text.split()).casefold()


def _match_chrome(text: str) -> re.Match[str] | None:
    if len(text.split()) > _MAX_CHROME_WORDS:
        return None
    for rule in _LINE_RULES:
        m = rule.search(text)
        if m is not None:
            return m
    return None


def is_chrome_line(text: str) -> bool:
    """True when the stripped line ``text`` is page chrome."""
    return _match_chrome(text.strip()) is not None


def _cut_sources(lines: list[str]) -> tuple[list[str], list[str]]:
    # Search from the end: the heading belongs to the last block, and a "Sources" heading
    # in the middle of the text with paragraphs after it is a subheading, not a list.
    for i in range(len(lines) - 1, -1, -1):
        if _SOURCES_HEADING.match(lines[i]):
            tail = lines[i + 1 :]
            if tail and all(len(s.split()) <= _SOURCE_LINE_WORDS for s in tail):
                return lines[:i], [BULLET.sub("", s) for s in tail]
            break
    return lines, []


def remove_chrome(lines: Iterable[str], *, header: Iterable[str] = ()) -> Cleaned:
    """Drop page chrome from an article's body lines.

    1. Drop lines that a :data:`LINE_CHROME` rule matches, noting the outlets they name.
    2. Drop exact repeats of a line seen earlier in the article or in its ``header``
       (duplicated captions, pull quotes, the title printed again).
    3. Cut a trailing source list out of the body.
    4. Trim the tail: short lines that do not end a sentence (Arabic ones are kept: Arabic
       posts and headlines end without a stop).
    5. Trim the head: a section label of a few words.
    6. Remove :data:`INLINE_CHROME` fragments inside the kept paragraphs.
    """
    out = Cleaned()
    seen = {normal_key(h) for h in header}
    kept: list[str] = []
    for raw_line in lines:
        text = raw_line.strip()
        if not text:
            continue
        # 1. whole-line chrome
        m = _match_chrome(text)
        if m is not None:
            outlet = m.groupdict().get("outlet")
            if outlet:
                out.outlets.append(outlet)
            continue
        # 2. repeats
        key = normal_key(text)
        if key in seen:
            continue
        seen.add(key)
        kept.append(text)
    # 3. source list
    kept, out.sources = _cut_sources(kept)
    # 4. tail (not Arabic lines: Telegram posts and Arabic headlines end without a stop)
    while (
        kept
        and len(kept[-1].split()) <= _TAIL_WORDS
        and not ends_sentence(kept[-1])
        and not is_arabic_text(kept[-1])
    ):
        kept.pop()
    # 5. head
    head = 0
    while head < len(kept) and len(kept[head].split()) <= _HEAD_WORDS:
        if ends_sentence(kept[head]) or BULLET.match(kept[head]):
            break
        head += 1
    # 6. inline chrome
    for text in kept[head:]:
        for needle, rule in _INLINE_RULES:
            if needle in text:
                text = rule.sub("", text)
        text = text.strip()
        if text:
            out.paragraphs.append(text)
    return out


def clean_text(text: str) -> str:
    """``text`` with page chrome removed, paragraphs separated by a blank line."""
    return remove_chrome(text.splitlines()).text
