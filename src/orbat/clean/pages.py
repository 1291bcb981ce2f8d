"""Article pages and aggregator pages saved as text: find where each story's header is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from orbat.clean.chrome import is_chrome_line
from orbat.clean.dates import find_header_date
from orbat.clean.lines import Line, is_title_like, looks_like_outlet, strip_bullet

__all__ = ["PageHeader", "find_headers"]

# News pages print a story's headline more than once near its top: as the page title and
# as the article heading, often with the image caption, the outlet, the date or a marker
# between ("Title / caption / Updated 26 June 2018 / Title", "Title / Title / Outlet /
# 5 hours ago / • Outlet / Title"). A short line printed again within a few lines, with
# header matter around it, is therefore where a story starts. The same habit on an
# aggregator page marks each "related article".
#
# How many non-blank lines may separate two copies of the headline.
_WINDOW = 8
# How many non-blank lines a header may span in all; also bounds the work per line, so a
# text of one line repeated 100,000 times stays linear.
_MAX_HEADER = 3 * _WINDOW
# How many header lines (date, outlet, marker) may follow the last copy.
_META_AFTER = 2
# A line between two copies longer than this is a paragraph: the copies are not a header.
_MAX_BETWEEN_WORDS = 100


@dataclass(slots=True)
class PageHeader:
    """The header of one story.

    Attributes:
        start: index of its first line (the first copy of the headline).
        end: index of its last line.
        title: the headline.
        lines: the header's other lines (captions, outlet, date, markers), in order.
    """

    start: int
    end: int
    title: str
    lines: list[str] = field(default_factory=list)


# Cached: while scanning ahead, each line is looked at from up to _MAX_HEADER positions.
@lru_cache(maxsize=4096)
def _is_meta(text: str) -> bool:
    """True for a header line that is a date, an outlet or a short marker ("TT")."""
    text = strip_bullet(text)
    if len(text) <= 3:
        return text.isupper()
    return find_header_date(text) is not None or looks_like_outlet(text)


_is_chrome = lru_cache(maxsize=4096)(is_chrome_line)


def _header_at(lines: Sequence[Line], nonblank: list[int], k: int) -> PageHeader | None:
    """The header whose headline is the ``k``-th non-blank line, if that line starts one."""
    title = lines[nonblank[k]].text
    copies = [k]
    j = k + 1
    while j < len(nonblank) and j - copies[-1] <= _WINDOW and j - k <= _MAX_HEADER:
        if lines[nonblank[j]].text == title:
            copies.append(j)
        j += 1
    if len(copies) < 2:
        return None
    # Chrome between the copies does not make a header: "HIGHLIGHT" between a paragraph
    # and its pull quote is a marker, not the date or outlet of a new story.
    between = [
        lines[nonblank[m]].text
        for m in range(copies[0] + 1, copies[-1])
        if lines[nonblank[m]].text != title and not _is_chrome(lines[nonblank[m]].text)
    ]
    if any(len(text.split()) > _MAX_BETWEEN_WORDS for text in between):
        return None
    after: list[str] = []
    m = copies[-1] + 1
    while m < len(nonblank) and len(after) < _META_AFTER and _is_meta(lines[nonblank[m]].text):
        after.append(lines[nonblank[m]].text)
        m += 1
    # A header names a date, an outlet or a marker. Two copies with none of these around
    # them are a caption printed twice, or a paragraph and its pull quote.
    if not after and not any(_is_meta(text) for text in between):
        return None
    end = nonblank[copies[-1] + len(after)]
    return PageHeader(nonblank[k], end, title, between + after)


def find_headers(lines: Sequence[Line]) -> list[PageHeader]:
    """Find the story headers in ``lines``, in order; empty when the text holds none.

    A line already seen in the current story's header (a caption printed again below the
    headline) cannot start the next story.
    """
    nonblank = [i for i, line in enumerate(lines) if line.text]
    headers: list[PageHeader] = []
    current: set[str] = set()
    k = 0
    while k < len(nonblank):
        text = lines[nonblank[k]].text
        if text not in current and is_title_like(text):
            header = _header_at(lines, nonblank, k)
            if header is not None and not is_chrome_line(text):
                headers.append(header)
                current = {header.title, *header.lines}
                while k < len(nonblank) and nonblank[k] <= header.end:
                    k += 1
                continue
        k += 1
    return headers
