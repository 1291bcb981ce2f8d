"""Dates given relative to another dated happening: "issued two days after the ax attack".

A report often dates an event only by its distance from something it has already dated
("On May 7 … a statement … This statement was issued two days after the attack"). When the
event is the object of "N days after/before", its date is the anchor's date minus (after)
or plus (before) N days; the anchor is the latest day-precise date the article gave before
the sentence (the thing the sentence's subject refers back to).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from orbat.nlp.dates import DateMention

__all__ = ["RelativeDate", "relative_event_date"]

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
_RELATIVE = re.compile(
    r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<unit>days?|weeks?)\s+(?:only\s+)?(?P<dir>after|before|prior\s+to|following)\b",
    re.I,
)

RelativeDate = tuple[dt.date, int]


def relative_event_date(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[DateMention],
    event_at: int,
) -> RelativeDate | None:
    """``(date, ACLED time_precision)`` of the event whose words start at ``event_at`` in the
    sentence ``text[start:end]``, when the sentence dates it as "N days after/before" an
    already dated happening; else ``None``.

    Only an event told *after* the phrase is its object ("issued two days after [the
    attack]"); an event before it is the phrase's subject, dated from the object, which the
    text does not date here.
    """
    match = _RELATIVE.search(text, start, end)
    if match is None or event_at < match.end():
        return None
    anchors = [m for m in mentions if m.end <= start and m.granularity == "day"]
    if not anchors:
        return None
    anchor = max(anchors, key=lambda m: m.start)
    raw = match["n"].lower()
    count = int(raw) if raw.isdigit() else _NUMBERS[raw]
    weeks = match["unit"].lower().startswith("week")
    days = count * (7 if weeks else 1)
    sign = -1 if match["dir"].lower() in ("after", "following") else 1
    return anchor.acled_date + dt.timedelta(days=sign * days), 2 if weeks else 1
