"""The date expressions orbat finds in news text: their patterns, and what each one resolves
to against the publication date (:func:`orbat.nlp.dates.resolve_dates` runs them)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple

__all__ = ["Granularity", "Part"]

Granularity = Literal["day", "week", "month", "year"]
Part = Literal["start", "mid", "end"]


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
# "on the 4th of this month", "the 28th of last month" (Arabic reporting in translation).
_DAY_OF_MONTH = re.compile(
    r"\b(?i:the)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\s+of\s+(?P<which>(?i:this|the\s+current|last"
    r"|the\s+past|the\s+previous))\s+(?i:month)\b"
)
_MONTH_YEAR = re.compile(
    r"\b(?:(?P<part>(?i:early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of))[\s-]+)?"
    rf"{_MON},?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d|(?i:last|this)\s+year)\b"
)
_MONTH = re.compile(
    r"(?:\b(?P<kw>(?i:last|this|next|early|mid|late|earlier\s+this|later\s+this)"
    r"|(?P<prep>(?i:in|since|by|until|from|through|during|of|and|to)))[\s-]+)?"
    # (Not a name that opens like a month: "Near Mar'a, four strikes …", "Mar-Elias".)
    rf"\b{_MON}\b(?!\s*\d|[’'‑-]\w)"
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


def _day_of_month(m: re.Match[str], pub: dt.date | None, _: _Ctx) -> _Cand | None:
    if pub is None:
        return None
    back = 0 if m["which"].lower() in ("this", "the current") else -1
    first = _add_months(pub, back)
    date = _safe_date(first.year, first.month, int(m["day"]))
    if date is None or date > pub:
        return None
    return _Cand(m.start(), m.end(), date, None, "day", True)


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
    if ctx.dayfirst == "day" or sep == ".":
        readings.reverse()  # (dotted dates are day-first wherever they are written: 11.10.2021)
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
    (_DAY_OF_MONTH, _day_of_month),
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
