"""Find date expressions in news text and resolve them against the publication date, ACLED-style."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orbat.nlp.date_patterns import (
    _MON,
    _PATTERNS,
    _RANGE_BEFORE,
    _RANGE_JOIN,
    _SINCE_BEFORE,
    _WD,
    Granularity,
    Part,
    _Cand,
    _Ctx,
    _day_month,
    _month_cand,
    _safe_date,
    _year_cand,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "DateMention",
    "Granularity",
    "dateline_date",
    "event_date_for_sentence",
    "is_historical",
    "resolve_dates",
    "select_event_date",
]


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
    if published is None:
        cands += _years_from_context(text, cands, ctx)
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


def _years_from_context(text: str, cands: list[_Cand], ctx: _Ctx) -> list[_Cand]:
    """In a text with no publication date, "on 26 October" takes the year of the latest date
    with a year written before it ("In October 2008 … On 26 October, …"), as a reader does."""
    years = sorted((c.start, c.date.year) for c in cands if c.year_explicit)
    out = []
    for pattern, handler in _PATTERNS:
        if handler is not _day_month:
            continue
        for m in pattern.finditer(text):
            prior = [year for start, year in years if start < m.start()]
            if m["year"] or not prior:
                continue
            cand = handler(m, dt.date(prior[-1], 12, 31), ctx)
            if cand is not None:
                out.append(cand)
    return out


def dateline_date(text: str) -> dt.date | None:
    """The day a story was filed, from a dateline that opens it with a full date
    ("WASHINGTON, Nov. 25, 2016 —", "SOUTHWEST ASIA, Oct. 15, 2016 -"): the publication date
    of a text stored without one, which its "yesterday" and "on Tuesday" count from."""
    head = text.lstrip()[:_DATELINE_REACH]
    filed = next(
        (
            m.date
            for m in _resolve_dates(head, None)
            if m.filed and m.granularity == "day" and _YEAR.search(m.surface)
        ),
        None,
    )
    return filed or _header_date(text)


def _header_date(text: str) -> dt.date | None:
    """The one full date of a short first line standing as the text's header ("IRAQ SECURITY
    DIGEST | 11.10.2021", "SYRIA | Field monitoring | 05.09.2023"): a digest's day."""
    first = text.lstrip().split("\n", 1)[0]
    if len(first) > _HEADER_LINE or "\n" not in text.strip():
        return None
    days = [
        m.date
        for m in _resolve_dates(first, None)
        if m.granularity == "day" and _YEAR.search(m.surface)
    ]
    return days[0] if len(days) == 1 else None


_HEADER_LINE = 80


_DATELINE_REACH = 120
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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
    # (Overlapping counts: a digest's "#Diyala | 11 Oct: Two farmers shot dead …" may be cut
    # inside its date by the parser.)
    inside = [m for m in mentions if sentence_start < m.end and m.start < sentence_end]
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
