"""Publication dates as page headers and feeds write them: find one in a header line, parse it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

from orbat.clean.lines import looks_like_outlet

__all__ = ["HeaderDate", "find_header_date", "parse_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
# A clock time after the date ("18:57 GMT", "10:32 am", "07:00:00 +0000") belongs to the
# header, not to the text before it, so the whole line still counts as a date line.
_CLOCK = (
    r"(?:\s*(?:,|\||at|-)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:GMT|UTC|UT|Z|[A-Z]{3,4}|[+-]\d{2}:?\d{2}))?)?"
)

# Each form is anchored at the end of the line: a header date ends its line, while a date
# inside a caption or a body sentence ("in Yerevan on September 27, 2020. Arch foes...")
# is followed by more text. That is how body sentences are kept out.
_RFC822 = re.compile(
    r"(?P<date>(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s+)?\d{1,2}\s+" + _MONTH + r"\s+\d{4}"
    r"\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|GMT|UTC|UT|Z|[ECMP][SD]T))\s*$"
)
_ISO = re.compile(
    r"(?P<date>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*$"
)
# Numeric dates are read day first (12-03-2025 is 12 March): that is how the outlets this
# project reads (Gulf, Iraqi, European, wire copy) write them in page headers.
_NUMERIC = re.compile(
    r"(?P<date>(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2}))"
    + _CLOCK
    + r"\s*$"
)
_DAY_MONTH = re.compile(
    r"(?P<date>" + _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>" + _MONTH + r"),?\s+"
    r"(?P<y>\d{4}))" + _CLOCK + r"\s*$"
)
_MONTH_DAY = re.compile(
    r"(?P<date>" + _WEEKDAY + r"(?P<mon>" + _MONTH + r")\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<y>\d{4}))" + _CLOCK + r"\s*$"
)
# Aggregators write "5 hours ago" / "a day ago": a real header date, but with no absolute
# date in it; it is kept as written and ``published`` stays None.
_RELATIVE = re.compile(
    r"(?P<date>(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago)"
    r"\s*$",
    re.IGNORECASE,
)
# Words a header puts before its date; "time" is the alt text of a clock icon glued to it.
_LABEL = re.compile(
    r"(?:\b(?:updated|published|posted|last\s+updated|first\s+published|date|on)\s*:?\s*"
    r"|time)+$",
    re.IGNORECASE,
)
# The text before a header date may name the outlet ("The National12-03-2025") but is short
# and holds no digits; anything longer is a sentence that happens to end with a date.
_MAX_PREFIX_WORDS = 6


@dataclass(frozen=True, slots=True)
class HeaderDate:
    """A date found in a header line.

    Attributes:
        published: the calendar date, or None when the header only says "5 hours ago".
        raw: the date exactly as the line writes it.
        prefix: the text before the date once its label ("Updated", "Posted") is dropped;
            often the outlet's name on aggregator pages, else empty.
    """

    published: date | None
    raw: str
    prefix: str


def _safe_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        # Two-digit years in news headers are this century's.
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _from_match(form: re.Pattern[str], m: re.Match[str]) -> date | None:
    if form is _RFC822:
        return _rfc822(m.group("date"))
    if form is _RELATIVE:
        return None
    year, day = int(m.group("y")), int(m.group("d"))
    month = int(m.group("m")) if form in (_ISO, _NUMERIC) else _month(m.group("mon"))
    return _safe_date(year, month, day)


def find_header_date(line: str) -> HeaderDate | None:
    """Find the publication date in one header line, or return None.

    Only lines that *are* a date, possibly after a label ("Updated 26 June 2018", "Posted:")
    or an outlet name glued in front ("The National12-03-2025"), count; a date in the middle
    of a sentence does not.
    """
    text = line.strip()
    # Header date lines are short; the bound also keeps the end-anchored searches cheap.
    if not text or len(text) > 120:
        return None
    if not any(c.isdigit() for c in text) and _RELATIVE.search(text) is None:
        return None
    for form in (_RFC822, _ISO, _DAY_MONTH, _MONTH_DAY, _NUMERIC, _RELATIVE):
        m = form.search(text)
        if m is None:
            continue
        prefix = text[: m.start()]
        if any(c.isdigit() for c in prefix) or len(prefix.split()) > _MAX_PREFIX_WORDS:
            return None
        prefix = _LABEL.sub("", prefix).strip(" \t:|-–—•·,")
        if prefix and not looks_like_outlet(prefix):
            # "Officials met in Yerevan on 27 September 2020": the tail of a sentence.
            return None
        published = _from_match(form, m)
        if published is None and form is not _RELATIVE:
            return None  # 31-02-2024 looks like a date but is none
        return HeaderDate(published, m.group("date"), prefix)
    return None


def parse_date(raw: str) -> date | None:
    """Parse a date string as feeds and exports write it; None when it is not a date.

    RFC 822 (``Thu, 02 Jun 2022 07:00:00 +0000``) goes through ``email.utils``, ISO through
    ``date.fromisoformat``, the header forms through :func:`find_header_date`; ``dateparser``
    handles the rest (other languages, unusual orders).
    """
    text = raw.strip()
    if not text:
        return None
    found_rfc = _rfc822(text)
    if found_rfc is not None:
        return found_rfc
    m = _ISO.fullmatch(text)
    if m:
        return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    found = find_header_date(text)
    if found is not None:
        return found.published
    return _dateparser(text)


def _rfc822(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _dateparser(text: str) -> date | None:
    # Imported late: dateparser costs ~0.3 s to import and most inputs never need it.
    import dateparser

    try:
        parsed = dateparser.parse(
            text,
            settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
        )
    except (ValueError, TypeError, OverflowError, AttributeError, KeyError):
        return None
    return parsed.date() if parsed is not None else None
