"""Dates given relative to another dated happening: "issued two days after the ax attack".

A report often dates an event only by its distance from something it has already dated
("On May 7 … a statement … This statement was issued two days after the attack"). When the
event is the object of "N days after/before", its date is the anchor's date minus (after)
or plus (before) N days; the anchor is the latest day-precise date the article gave before
the sentence (the thing the sentence's subject refers back to). A sentence that dates itself
from that day ("The next day, gunmen killed …", "two days later") takes the anchor's date
plus or minus those days.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from orbat.nlp.dates import DateMention

__all__ = ["RelativeDate", "counts_days", "relative_event_date"]

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# A count of days or weeks: "a", "two", "10" (its value: :func:`_count`).
_COUNT = r"an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}"
_RELATIVE = re.compile(
    rf"\b(?P<n>{_COUNT})\s+"
    r"(?P<unit>days?|weeks?)\s+(?:only\s+)?(?P<dir>after|before|prior\s+to|following)\b",
    re.I,
)

# "the next day", "two days later", "the previous day", "a day earlier", "the same day", "the
# same night".
_LATER = re.compile(
    r"\b(?:the\s+(?P<next>next|following)\s+day|the\s+(?P<prev>previous|preceding)\s+day"
    r"|the\s+day\s+(?P<before>before)"
    r"|(?:on\s+|during\s+)?the\s+(?P<same>same)\s+(?:day|night|evening|morning|afternoon)"
    rf"|(?P<n>{_COUNT})\s+days?\s+"
    r"(?P<dir>later|earlier))\b",
    re.I,
)

RelativeDate = tuple[dt.date, int]


def _offset(match: re.Match[str]) -> int:
    """Days from the anchor that a :data:`_LATER` phrase means."""
    if match["next"]:
        return 1
    if match["prev"] or match["before"]:
        return -1
    if match["same"]:
        return 0
    count = _count(match["n"])
    return count if match["dir"].lower() == "later" else -count


def _count(word: str) -> int:
    """The value of a :data:`_COUNT` word."""
    raw = word.lower()
    return int(raw) if raw.isdigit() else _NUMBERS[raw]


def counts_days(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` dates itself from another day: "the previous day", "two
    days later"."""
    return _LATER.search(text, start, end) is not None


def relative_event_date(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[DateMention],
    event_at: int,
) -> RelativeDate | None:
    """``(date, ACLED time_precision)`` of the event whose words start at ``event_at`` in the
    sentence ``text[start:end]``, when the sentence dates it as "N days after/before" an
    already dated happening, or dates itself as "the next day", "two days later" from the
    last day the article gave before it; else ``None``.

    Only an event told *after* the phrase is its object ("issued two days after [the
    attack]"); an event before it is the phrase's subject, dated from the object, which the
    text does not date here.
    """
    later = _LATER.search(text, start, end)
    if later is not None:
        # "The next day, gunmen killed a policeman": the sentence's own day, counted from
        # the last day the article gave; "the army said on Monday that it killed five
        # militants the previous day": from the day the sentence gave before the phrase.
        given = [m for m in mentions if m.end <= later.start() and m.granularity == "day"]
        if not given:
            return None
        last = max(given, key=lambda m: m.start)
        return last.acled_date + dt.timedelta(days=_offset(later)), 1
    anchors = [m for m in mentions if m.end <= start and m.granularity == "day"]
    if not anchors:
        return None
    anchor = max(anchors, key=lambda m: m.start)
    match = _RELATIVE.search(text, start, end)
    if match is None or event_at < match.end():
        return None
    weeks = match["unit"].lower().startswith("week")
    days = _count(match["n"]) * (7 if weeks else 1)
    sign = -1 if match["dir"].lower() in ("after", "following") else 1
    if not text[start : match.start()].strip() and "," in text[match.end() : event_at]:
        # "Two days after the attack, gunmen killed …": fronted, the phrase's object ends at
        # the comma and the clause after it is the subject, dated from the object.
        sign = -sign
    return anchor.acled_date + dt.timedelta(days=sign * days), 2 if weeks else 1
