"""Find date expressions in news text and resolve them against the publication date, ACLED-style."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "DateMention",
    "event_date_for_sentence",
    "is_historical",
    "resolve_dates",
    "select_event_date",
]

Granularity = Literal["day", "week", "month", "year"]
Part = Literal["start", "mid", "end"]

# ACLED time_precision: 1 = day, 2 = week/weekend, 3 = month. Year-only references get 3 as
# well but are flagged through ``granularity == "year"``: ACLED does not code them at all.
_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3, "year": 3}
_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: where it is, what it says, and the period it resolves to.

    ``date`` is the day, or the first day of the period; ``end_date`` is the last day of a
    period or range (``None`` for a single day). ``alternatives`` holds the other readings of
    an ambiguous numeric date such as ``12/2/24``. ``part`` records "early"/"mid"/"late" so
    :attr:`acled_date` can apply ACLED's first/last-day rule. ``paragraph`` is the
    ``(start, end)`` of the line-delimited paragraph holding the mention.
    """

    start: int
    end: int
    surface: str
    date: dt.date
    end_date: dt.date | None
    time_precision: int
    is_relative: bool
    granularity: Granularity = "day"
    alternatives: tuple[dt.date, ...] = ()
    part: Part | None = None
    paragraph: tuple[int, int] = (0, 0)
    #: In a dateline ("ADEN, Feb 10 (Reuters) -"): when the story was filed, which dates an
    #: event only if its sentence gives no other day ("on Friday" is read against it).
    filed: bool = False

    @property
    def is_year_level(self) -> bool:
        """True for year-only references, which ACLED does not code as event dates."""
        return self.granularity == "year"

    @property
    def is_ambiguous(self) -> bool:
        """True when another reading (day-first vs month-first) was possible."""
        return bool(self.alternatives)

    @property
    def period_end(self) -> dt.date:
        """The last day the mention can refer to."""
        return self.end_date or self.date

    @property
    def acled_date(self) -> dt.date:
        """The day ACLED would code: the day itself, or the period's midpoint (first/last day
        when the report says beginning/end of the period), per the codebook's Event Time rules.
        """
        if self.granularity == "day" or self.end_date is None:
            return self.date
        if self.part == "start":
            return self.date
        if self.part == "end":
            return self.end_date
        return self.date + (self.end_date - self.date) // 2


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    date: dt.date
    end_date: dt.date | None = None
    gran: Granularity = "day"
    relative: bool = False
    alternatives: tuple[dt.date, ...] = ()
    part: Part | None = None
    year_explicit: bool = True


class _Ctx(NamedTuple):
    text: str
    dayfirst: Literal["auto", "day", "month"]


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SMALL |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# "a few"/"several"/"a couple of" days: the conservative (smallest plausible) reading.
_SMALL |= {"a couple of": 2, "a few": 3, "few": 3, "several": 3}

_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_NUMW = (
    r"(?:\d{1,3}|an?|a couple of|a few|several|one|two|three|four|five|six|seven|eight|nine|ten)"
)
# Count nouns that make "of 2000 people" a number, not a year.
_NOT_YEAR = (
    r"(?!\s+(?:[a-z]+\s+)?(?:people|persons|civilians|fighters|troops|soldiers|men|members"
    r"|militants|km|kilometres|kilometers|miles|dollars|tons|tonnes|barrels|families|refugees"
    r"|vehicles|rockets|missiles|drones)\b)"
)

_MDY = re.compile(
    rf"\b(?:{_WD},?\s+)?{_MON}\s+(?P<day>\d{{1,2}}){_ORD}(?:\s*[-–]\s*(?P<day2>\d{{1,2}}){_ORD})?"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
)
_DMY = re.compile(
    rf"\b(?:{_WD},?\s+)?(?P<day>\d{{1,2}}){_ORD}(?:\s*[-–]\s*(?P<day2>\d{{1,2}}){_ORD})?"
    rf"\s+(?:of\s+)?{_MON}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
)
_MONTH_YEAR = re.compile(
    r"\b(?:(?P<part>(?i:early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of))[\s-]+)?"
    rf"{_MON},?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d|(?i:last|this)\s+year)\b"
)
_MONTH = re.compile(
    r"(?:\b(?P<kw>(?i:last|this|next|early|mid|late|earlier\s+this|later\s+this)"
    r"|(?P<prep>(?i:in|since|by|until|from|through|during|of|and|to)))[\s-]+)?"
    rf"\b{_MON}\b(?!\s*\d)"
)
_NUMERIC = re.compile(
    r"(?<![\w/.,-])(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})"
    r"(?![\w/-]|[.,]\d)"
)
_YEAR = re.compile(
    r"\b(?P<kw>(?i:in|since|by|until|till|from|before|after|during|of|early|mid|late"
    r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of|through|throughout|between|and|to|a|the"
    r"|its|their))[\s-]+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d|[,.]\d|s\b)" + _NOT_YEAR
)
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>(?i:late|early)\s+(?:(?i:on)\s+)?)|(?P<rel>(?i:last|this|next|this\s+past"
    rf"|past)\s+))?(?P<wd>{_WD})(?:\s+(?P<tod>(?i:morning|afternoon|evening|night)))?\b"
)
_REL_DAY = re.compile(
    r"\b(?i:(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night"
    r"|this\s+(?:morning|afternoon|evening)|earlier\s+today|overnight)"
    rf"|(?P<n>{_NUMW})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)\b"
)
_PERIOD = re.compile(
    r"\b(?:(?P<pre>(?i:earlier|later|early|late|mid|(?:at\s+)?the\s+(?:end|beginning"
    r"|start|middle)\s+of))[\s-]+)?(?P<rel>(?i:last|this|past|previous|(?:(?:over|in|during)\s+)?"
    r"the\s+(?:past|last|previous)))\s+(?P<unit>(?i:week|weekend|month|year))\b"
)
_WEEKEND = re.compile(r"\b(?i:(?:over|during|at|on)\s+the\s+weekend)\b")
_ROLLING = re.compile(
    r"\b(?i:(?:(?:over|in|during|within)\s+)?the\s+(?:past|last|previous)\s+"
    rf"(?P<n>{_NUMW})\s+(?P<unit>days|weeks|months|years)"
    r"|in\s+recent\s+(?P<recent>days|weeks))\b"
)
_SINCE_BEFORE = re.compile(r"(?i:\bsince)\s+$")
_RANGE_BEFORE = re.compile(r"(?i:\b(?P<kw>between|from))\s+$")
_RANGE_JOIN = re.compile(r"\s*(?:(?i:and|to|until|till|through)\s+|[-–]\s*)")
_FUTURE_BEFORE = re.compile(
    r"(?i:\b(?:expected|scheduled|due|planned|slated|set|will\s+\w+)\s+(?:to\s+\w+\s+)?(?:on\s+)?)$"
)


_SEMANTIC = frozenset(("last", "this", "next", "early", "mid", "late", "earlier", "later"))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_cand(s: int, e: int, first: dt.date, relative: bool, part: Part | None) -> _Cand:
    end = _month_end(first.year, first.month)
    return _Cand(s, e, first.replace(day=1), end, "month", relative, part=part)


def _year_cand(s: int, e: int, year: int, relative: bool, part: Part | None = None) -> _Cand:
    return _Cand(s, e, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", relative, part=part)


def _add_months(d: dt.date, k: int) -> dt.date:
    """First day of the month ``k`` months from ``d``'s month."""
    idx = d.year * 12 + d.month - 1 + k
    return dt.date(idx // 12, idx % 12 + 1, 1)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _n(word: str) -> int:
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else _SMALL.get(w, 1)


def _month_no(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _part(word: str | None) -> Part | None:
    w = (word or "").lower()
    if "early" in w or "beginning" in w or "start" in w:
        return "start"
    if "late" in w or "end" in w:
        return "end"
    return "mid" if ("mid" in w) else None


def _day_month(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    month, day = _month_no(m["mon"]), int(m["day"])
    if m["year"]:
        year, explicit = int(m["year"]), True
    elif pub is not None:
        year, explicit = pub.year, False
        if (_safe_date(year, month, day) or pub) > pub:
            year -= 1  # no year given: the most recent such day on or before publication
    else:
        return None
    date = _safe_date(year, month, day)
    if date is None:
        return None
    day2 = int(m["day2"]) if m["day2"] else 0
    end = _safe_date(year, month, day2) if day2 > day else None
    return _Cand(m.start(), m.end(), date, end, "day", not explicit, year_explicit=explicit)


def _month_year(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    raw = m["year"]
    if raw[0].isdigit():
        year, relative = int(raw), False
    elif pub is None:
        return None
    else:
        year, relative = pub.year - raw.lower().startswith("last"), True
    first = dt.date(year, _month_no(m["mon"]), 1)
    return _month_cand(m.start(), m.end(), first, relative, _part(m["part"]))


def _month(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    kw = (m["kw"] or "").lower()
    semantic = kw.split()[:1] and kw.split()[0] in _SEMANTIC
    # "May" and "March" are also ordinary words; only trust them after a date word.
    if pub is None or (not kw and not m["prep"] and m["mon"].rstrip(".") in {"May", "March"}):
        return None
    month = _month_no(m["mon"])
    year = pub.year if month <= pub.month else pub.year - 1
    if kw.startswith("last") and month >= pub.month:
        year = pub.year - 1
    elif kw.startswith("next"):
        year = pub.year if month > pub.month else pub.year + 1
    start = m.start() if semantic else m.start("mon")
    return _month_cand(start, m.end(), dt.date(year, month, 1), True, _part(kw))


def _numeric(m: re.Match[str], pub: dt.date | None, ctx: _Ctx) -> _Cand | None:
    a, b, c, sep = m["a"], int(m["b"]), m["c"], m["sep"]
    if len(a) == 4:  # ISO-like year first: always y-m-d
        date = _safe_date(int(a), b, int(c)) if len(c) <= 2 else None
        return _Cand(m.start(), m.end(), date) if date else None
    if len(a) == 3 or (sep == "." and len(c) != 4):  # "3.8.18" is a version number
        return None
    year = int(c) if len(c) == 4 else 2000 + int(c)
    if pub is not None and year > pub.year + 1 and len(c) == 2:
        year -= 100
    readings = [_safe_date(year, int(a), b), _safe_date(year, b, int(a))]  # month-first, day-first
    if ctx.dayfirst == "day":
        readings.reverse()
    valid = list(dict.fromkeys(d for d in readings if d is not None))
    if not valid:
        return None
    if pub is not None and ctx.dayfirst == "auto" and len(valid) > 1:
        # Prefer a reading on or before publication, then the one closest to it.
        valid.sort(key=lambda d: (d > pub, abs((pub - d).days)))
    return _Cand(m.start(), m.end(), valid[0], alternatives=tuple(valid[1:]))


def _year(m: re.Match[str], _pub: dt.date | None, _: _Ctx) -> _Cand | None:
    part = _part(m["kw"])
    return _year_cand(m.start() if part else m.start("year"), m.end(), int(m["year"]), False, part)


def _weekday(m: re.Match[str], pub: dt.date | None, ctx: _Ctx) -> _Cand | None:
    if pub is None:
        return None
    wd = _WEEKDAYS[m["wd"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    if rel == "next":
        date = pub + dt.timedelta(days=fwd or 7)
    elif not rel and _FUTURE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        date = pub + dt.timedelta(days=fwd)  # "expected on Friday": the coming one
    else:
        # "on Thursday" in a Thursday piece is that day; "last Thursday" is a week earlier.
        if back == 0 and rel in {"last", "past", "this past"}:
            back = 7
        date = pub - dt.timedelta(days=back)
    start = m.start("rel") if m["rel"] else m.start("mod") if m["mod"] else m.start("wd")
    return _Cand(start, m.end(), date, relative=True)


def _rel_day(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    if pub is None:
        return None
    word = " ".join((m["word"] or "").lower().split())
    if word:
        back = 2 if "before" in word else 1 if word in {"yesterday", "last night"} else 0
        if word == "overnight":  # the night before publication, running into the day
            return _Cand(m.start(), m.end(), pub - dt.timedelta(1), pub, relative=True)
        return _Cand(m.start(), m.end(), pub - dt.timedelta(back), relative=True)
    n, unit = _n(m["n"]), m["unit"].lower().rstrip("s")
    if unit == "day":
        vague = " ".join(m["n"].lower().split()) in {"a couple of", "a few", "few", "several"}
        gran: Granularity = "week" if vague else "day"
        return _Cand(m.start(), m.end(), pub - dt.timedelta(n), gran=gran, relative=True)
    if unit == "week":
        date = pub - dt.timedelta(7 * n)
        gran = "week" if n == 1 else "month"
        return _Cand(m.start(), m.end(), date - dt.timedelta(3), date + dt.timedelta(3), gran, True)
    if unit == "month":
        return _month_cand(m.start(), m.end(), _add_months(pub, -n), True, None)
    return _year_cand(m.start(), m.end(), pub.year - n, True)


def _weekend_of(pub: dt.date, strict: bool) -> dt.date:
    """The Saturday of the most recent weekend (the current one unless ``strict``)."""
    if pub.weekday() >= 5 and not strict:
        return pub - dt.timedelta(pub.weekday() - 5)
    return pub - dt.timedelta((pub.weekday() - 5) % 7 or 7)


def _period(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    if pub is None:
        return None
    pre = " ".join((m["pre"] or "").lower().split())
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    part = _part(pre) if pre not in {"earlier", "later", "since"} else None
    s, e = m.start(), m.end()
    if unit == "weekend":
        sat = _weekend_of(pub, strict=rel != "this")
        return _Cand(s, e, sat, min(sat + dt.timedelta(1), pub), "week", True)
    if rel.endswith(("the past", "the last", "the previous")):  # rolling window ending now
        if unit == "year":
            return _Cand(s, e, pub - dt.timedelta(365), pub, "year", True)
        days = 7 if unit == "week" else 30
        return _Cand(s, e, pub - dt.timedelta(days), pub, "week" if days == 7 else "month", True)
    back = 0 if rel == "this" else 1
    if unit == "week":
        monday = pub - dt.timedelta(pub.weekday() + 7 * back)
        end = pub if back == 0 else monday + dt.timedelta(6)
        if pre == "later":
            monday, end = pub + dt.timedelta(1), monday + dt.timedelta(6)
        return _Cand(s, e, monday, end, "week", True, part=part)
    if unit == "month":
        first = _add_months(pub, -back)
        end = pub if back == 0 and pre in {"earlier", ""} else _month_end(first.year, first.month)
        if pre == "later":
            first = pub + dt.timedelta(1)
        return _Cand(s, e, first, end, "month", True, part=part)
    return _year_cand(s, e, pub.year - back, True, part)


def _weekend(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    if pub is None:
        return None
    sat = _weekend_of(pub, strict=False)
    return _Cand(m.start(), m.end(), sat, min(sat + dt.timedelta(1), pub), "week", True)


def _rolling(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    if pub is None:
        return None
    if m["recent"]:
        days = 7 if m["recent"].lower() == "days" else 21
    else:
        n, unit = _n(m["n"]), m["unit"].lower()
        days = n * {"days": 1, "weeks": 7, "months": 30, "years": 365}[unit]
    # ACLED: "in the past two or three weeks" is month precision; up to a week is precision 2.
    gran: Granularity = "week" if days <= 7 else "month" if days <= 62 else "year"
    return _Cand(m.start(), m.end(), pub - dt.timedelta(days), pub, gran, True)


_Handler = Callable[[re.Match[str], dt.date | None, _Ctx], _Cand | None]
# Order matters only for equal spans; overlaps are settled longest-first afterwards.
_PATTERNS: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (_MDY, _day_month),
    (_DMY, _day_month),
    (_MONTH_YEAR, _month_year),
    (_NUMERIC, _numeric),
    (_PERIOD, _period),
    (_ROLLING, _rolling),
    (_REL_DAY, _rel_day),
    (_WEEKEND, _weekend),
    (_WEEKDAY, _weekday),
    (_MONTH, _month),
    (_YEAR, _year),
)
# Cheap pre-filter for spaCy DATE entities worth a dateparser call.
_DP_WORTH = re.compile(rf"\b(?:(?i:ago)|{_MON}|{_WD}|(?:19|20)\d\d)\b")
_DURATION = re.compile(r"^(?:the\s+)?(?:\w+\s+)?\w+\s+(?:hours|days|weeks|months|years|decades)$")


@functools.lru_cache(maxsize=64)
def _date_data_parser(published: dt.date) -> Any:
    from dateparser.date import DateDataParser  # slow import; only when the fallback runs

    base = dt.datetime(published.year, published.month, published.day)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=8192)
def _dateparser(surface: str, published: dt.date) -> tuple[dt.date, Granularity] | None:
    """dateparser's reading of ``surface``, cached: a call costs about a millisecond."""
    data = _date_data_parser(published).get_date_data(surface)
    if data.date_obj is None:
        return None
    period = {"week": "week", "month": "month", "year": "year"}.get(str(data.period), "day")
    return data.date_obj.date(), period  # type: ignore[return-value]


def _from_entity(text: str, start: int, end: int, pub: dt.date) -> _Cand | None:
    surface = text[start:end]
    if not _DP_WORTH.search(surface) or _DURATION.match(surface.lower()):
        return None
    found = _dateparser(surface, pub)
    if found is None:
        return None
    date, gran = found
    relative = not re.search(r"\b(?:19|20)\d\d\b", surface)
    if gran == "month":
        return _month_cand(start, end, date, relative, None)
    if gran == "year":
        return _year_cand(start, end, date.year, relative)
    if gran == "week":
        monday = date - dt.timedelta(date.weekday())
        return _Cand(start, end, monday, monday + dt.timedelta(6), gran, relative)
    return _Cand(start, end, date, None, gran, relative)


def _merge_ranges(cands: list[_Cand], text: str, pub: dt.date | None) -> list[_Cand]:
    """Join "between A and B" / "from A to B" into one mention; extend "since A" to publication."""
    out: list[_Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        join = _RANGE_JOIN.fullmatch(text, prev.end, cand.start) if prev else None
        before = _RANGE_BEFORE.search(text, max(0, prev.start - 9), prev.start) if prev else None
        if prev is not None and join and (before or join.group().strip() in {"-", "–"}):
            if not prev.year_explicit and cand.year_explicit:
                moved = _safe_date(cand.date.year, prev.date.month, prev.date.day)
                if moved is not None:
                    prev.relative = cand.relative
                    prev.date = moved if moved <= cand.date else moved.replace(year=moved.year - 1)
            last = cand.end_date or cand.date
            if last >= prev.date:
                prev.start = before.start("kw") if before else prev.start
                prev.end, prev.end_date = cand.end, last
                prev.gran = max(prev.gran, cand.gran, key=_RANK.__getitem__)
                continue
        since = _SINCE_BEFORE.search(text, max(0, cand.start - 8), cand.start)
        if pub is not None and since:
            cand.start = since.start()
            cand.end_date = max(pub, cand.end_date or cand.date)
        out.append(cand)
    return out


def resolve_dates(
    text: str,
    published: dt.date | None,
    doc: Doc | None = None,
    *,
    dayfirst: bool | None = None,
) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published`` (see
    :func:`_resolve_dates`); with a ``doc``, worked out once per doc and question, since
    event and statement extraction both ask it of the same parse."""
    if doc is None:
        return _resolve_dates(text, published, None, dayfirst=dayfirst)
    key = f"orbat.dates|{published}|{dayfirst}|{len(text)}|{hash(text)}"
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = _resolve_dates(text, published, doc, dayfirst=dayfirst)
    return list(cached)


def _resolve_dates(
    text: str,
    published: dt.date | None,
    doc: Doc | None = None,
    *,
    dayfirst: bool | None = None,
) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published``.

    1. Run the precompiled patterns (absolute dates, numeric dates, weekdays, relative days
       and periods, months, years); each is one linear scan.
    2. Keep the longest of overlapping matches.
    3. Where ``doc`` is given, resolve its DATE entities that no pattern covered with
       dateparser (cached, pre-filtered: never one call per token).
    4. Merge ranges ("between A and B") and open ranges ("since A").

    Relative expressions need ``published``; without it they are skipped. ``dayfirst``
    settles numeric dates: ``None`` picks the reading closest before publication (month-first
    when there is no publication date) and keeps the other in ``alternatives``.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    ctx = _Ctx(text, "auto" if dayfirst is None else "day" if dayfirst else "month")
    # 1. pattern matches
    cands: list[_Cand] = []
    for pattern, handler in _PATTERNS:
        for m in pattern.finditer(text):
            cand = handler(m, published, ctx)
            if cand is not None:
                cands.append(cand)
    # 2. longest wins among overlaps
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Cand] = []
    for cand in cands:
        if not kept or cand.start >= kept[-1].end:
            kept.append(cand)
    # 3. spaCy DATE entities the patterns missed
    if doc is not None and published is not None:
        extra = []
        starts = [k.start for k in kept]
        for ent in doc.ents:
            # kept is sorted and disjoint: only the one before the entity's end can overlap
            i = bisect.bisect_left(starts, ent.end_char) - 1
            if ent.label_ != "DATE" or (i >= 0 and kept[i].end > ent.start_char):
                continue
            cand = _from_entity(text, ent.start_char, ent.end_char, published)
            if cand is not None:
                extra.append(cand)
        kept = sorted(kept + extra, key=lambda c: c.start)
    # 4. ranges
    return [_to_mention(c, text) for c in _merge_ranges(kept, text, published)]


# A dateline around a date: "ADEN, Feb 10 (Wire) -", "MARIB, Yemen, March 9 (Reuters) —".
_FILED_BEFORE = re.compile(r"^\s*[A-Z][A-Z'’./\- ]+(?:,\s*[A-Z][\w'’.\- ]*)*,\s*$")
_FILED_AFTER = re.compile(r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]")


def _to_mention(c: _Cand, text: str) -> DateMention:
    para_start = text.rfind("\n", 0, c.start) + 1
    para_end = text.find("\n", c.end)
    filed = bool(_FILED_BEFORE.match(text, para_start, c.start) and _FILED_AFTER.match(text, c.end))
    return DateMention(
        start=c.start,
        end=c.end,
        surface=text[c.start : c.end],
        date=c.date,
        end_date=c.end_date if c.end_date != c.date else None,
        time_precision=_PRECISION[c.gran],
        is_relative=c.relative,
        granularity=c.gran,
        alternatives=c.alternatives,
        part=c.part,
        paragraph=(para_start, len(text) if para_end < 0 else para_end),
        filed=filed,
    )


def is_historical(
    mention: DateMention, published: dt.date | None, *, max_age_days: int = 30
) -> bool:
    """True when the mention is background rather than news: a year-only reference to a past
    year ("the 2020 strike that killed Soleimani" in a 2021 piece), or a period that ended more
    than ``max_age_days`` before publication. Without a publication date nothing is historical.
    """
    if published is None:
        return False
    if mention.is_year_level:
        return mention.date.year < published.year
    if mention.granularity == "month" and mention.period_end < published.replace(day=1):
        return True  # "Last month, a drone attack killed …": a whole past month is background
    return (published - mention.period_end).days > max_age_days


def select_event_date(
    mentions: Sequence[DateMention], sentence_start: int, sentence_end: int
) -> DateMention | None:
    """The mention that dates a sentence: the most precise one inside it (year-only ones last,
    a dateline's filing date after any other), else the closest preceding non-year mention in
    the same paragraph, else ``None``.
    """
    inside = [m for m in mentions if sentence_start <= m.start and m.end <= sentence_end]
    if inside:
        return min(inside, key=lambda m: (m.filed, _RANK[m.granularity], m.start))
    before = [
        m
        for m in mentions
        if m.end <= sentence_start
        and m.paragraph[0] <= sentence_start < m.paragraph[1]
        and not m.is_year_level
    ]
    return max(before, key=lambda m: m.start) if before else None


def event_date_for_sentence(
    mentions: Sequence[DateMention],
    sentence_start: int,
    sentence_end: int,
    published: dt.date | None,
) -> tuple[dt.date, int] | None:
    """ACLED ``(event_date, time_precision)`` for an event reported in a sentence.

    The date comes from :func:`select_event_date` and is coded as ACLED codes it (the
    period midpoint for week and month precision, see :attr:`DateMention.acled_date`). With no
    usable mention the publication date is returned with precision 2: ACLED codes the report
    date only as a fallback, because news usually reports events of the past few days, so
    the report date pins the event down to about a week, not to a day. ``None`` when there is
    neither a mention nor a publication date.
    """
    mention = select_event_date(mentions, sentence_start, sentence_end)
    if mention is not None:
        return mention.acled_date, mention.time_precision
    if published is None:
        return None
    return published, 2
