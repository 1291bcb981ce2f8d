"""Lines of a raw text with their character offsets, and the shape tests segmenting relies on."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "BULLET",
    "Line",
    "ends_sentence",
    "is_separator",
    "is_title_like",
    "looks_like_outlet",
    "split_lines",
    "strip_bullet",
]

# Bullets scrapers keep in front of summary lines and source labels ("  • Middle East Eye").
BULLET = re.compile(r"^[•·▪◦●■\-–*]\s+")
# A hard break between articles in a dump: a form feed, or a rule of "=" / "#" / "~" / "_".
# ("-----" and "* * *" are left alone: articles use them as section breaks.)
_SEPARATOR = re.compile(r"^(?:={5,}|#{5,}|~{5,}|_{10,})$")
# Words an outlet name may hold in lower case ("Voice of America", "Asharq al-Awsat").
_NAME_JOINERS = frozenset({"of", "the", "al", "el", "and", "for", "de", "&", "al-"})
# A sentence ends with a stop, possibly inside quotes or brackets; a line that ends with a
# closing quote alone ('hypocritical, not “anti-imperialist”') is a headline or a link.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


class Line(NamedTuple):
    """One line of the raw text: its stripped text and where that text sits in the raw text.

    ``end`` is exclusive; for a blank line ``start == end`` is the line's offset.
    """

    text: str
    start: int
    end: int
    form_feed: bool = False


def split_lines(text: str) -> list[Line]:
    """Cut ``text`` into lines, keeping the offset of each line's stripped text.

    Uses ``str.splitlines`` so every line break Python knows (``\\r\\n``, ``\\x0c``,
    ``\\u2028``...) ends a line; offsets are counted on the pieces, so they stay exact.
    """
    out: list[Line] = []
    pos = 0
    for piece in text.splitlines(keepends=True):
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        start = pos + lead if stripped else pos
        out.append(Line(stripped, start, start + len(stripped), "\x0c" in piece))
        pos += len(piece)
    return out


def is_separator(line: Line) -> bool:
    """True for a line that hard-separates two articles in a dump."""
    if not line.text:
        return line.form_feed
    return _SEPARATOR.match(line.text) is not None


def strip_bullet(text: str) -> str:
    """``text`` without a leading bullet."""
    return BULLET.sub("", text, count=1)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends the way a sentence does (not a heading, label or link)."""
    return _SENTENCE_END.search(text[-4:]) is not None


def is_title_like(text: str) -> bool:
    """True for a line that could be a headline: a few words, not a bullet or a sentence run.

    Headlines may end with a full stop ("Instead, they flex their muscles."), so that is
    allowed; what rules a line out is length and shape.
    """
    if len(text) < 8 or len(text) > 300 or BULLET.match(text):
        return False
    words = text.split()
    if not 2 <= len(words) <= 30:
        return False
    return any(c.isalpha() for c in text) and not text[0].islower()


def looks_like_outlet(text: str) -> bool:
    """True for a short line that reads as an outlet's name ("Middle East Eye", "Kurdistan 24").

    One to five words, each capitalised, numeric or a name joiner; not a 1-3 letter code
    such as the "TT" marker some sites print.
    """
    text = strip_bullet(text).strip()
    if len(text) < 4 or len(text) > 60 or ends_sentence(text) or text.endswith(":"):
        return False
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if not words[0][:1].isupper():
        return False
    for word in words:
        if word.lower() in _NAME_JOINERS or word.isdigit():
            continue
        if not word[:1].isupper() or not any(c.isalpha() for c in word):
            return False
    return True
