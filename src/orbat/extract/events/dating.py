"""When an article's event happened: the day its sentence gives, or the day the article was
published, and what an undated article's address says of when it was published.

A press release pasted without its date is often still dated by its address: the State
Department's ``…/ps/2016/10/263174.htm``, a news site's ``/2020/04/03/…``. A full day in the
address is the publication day; a year and month alone say only the month, so an event the
text dates only by the day it was told ("today", "on Tuesday") is known to its month: ACLED
codes it to the month's midpoint with time precision 3.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from orbat.extract.article import ArticleView
from orbat.extract.events.reading import is_background
from orbat.extract.records import EventRecord
from orbat.nlp.dates import DateMention, event_date_for_sentence, select_event_date

__all__ = ["dated_by_url", "sentence_date", "to_the_month"]

# "/2016/10/263174.htm", "/2020/04/03/iraq-…": a year from 1990 on, a month, maybe a day.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")
_NAMES_THE_DAY = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|$)", re.I
)
#: ACLED's day for an event known only to its month.
_MIDMONTH = 15


def dated_by_url(article: ArticleView) -> tuple[ArticleView, dt.date | None]:
    """``article`` with the publication day its address gives when it was stored without
    one, and the first day of the month when the address gives only the month (the article
    then stands dated by that month's midpoint: see :func:`to_the_month`)."""
    if article.published is not None or not article.url:
        return article, None
    m = _URL_DATE.search(article.url)
    if m is None:
        return article, None
    year, month = int(m[1]), int(m[2])
    try:
        if m[3] is not None:
            return replace(article, published=dt.date(year, month, int(m[3]))), None
        return replace(article, published=dt.date(year, month, _MIDMONTH)), dt.date(year, month, 1)
    except ValueError:  # "/2019/02/30/": no such day
        return article, None


def to_the_month(
    record: EventRecord, month: dt.date | None, dates: Sequence[DateMention]
) -> EventRecord:
    """``record`` dated to ``month`` (the article's, known only so) at ACLED's month
    precision, unless a date its text states gives its day ("on October 3")."""
    if month is None or record.event_date is None or record.time_precision != 1:
        return record
    # "October 3", "3/10", "the 3rd" name the day; "today", "on Tuesday" count from the
    # publication day, which the address does not give.
    stated = {m.date for m in dates if m.granularity == "day" and _NAMES_THE_DAY.search(m.surface)}
    if record.event_date in stated:
        return record
    return replace(record, event_date=month.replace(day=_MIDMONTH), time_precision=3)


def sentence_date(
    dates: Sequence[DateMention],
    start: int,
    end: int,
    published: dt.date | None,
    focus: int | None = None,
    horizon: int | None = None,
) -> tuple[tuple[dt.date, int] | None, bool] | None:
    """``((date, precision) or None if undatable, whether the text dated it itself)``, or
    ``None`` when the sentence ``start``-``end`` is background.

    Of several day-precise dates in the sentence, the one nearest the event word
    ``focus`` dates it ("On Tuesday, Reuters reported … US airstrikes … on June 27").
    ``horizon`` stands in for the publication date of an undated article (see
    :func:`~orbat.extract.events.reading.is_background`).
    """
    mention = select_event_date(dates, start, end)
    days = [
        m
        for m in dates
        if start <= m.start and m.end <= end and m.granularity == "day" and not m.filed
    ]
    if focus is not None and len(days) > 1:
        mention = min(days, key=lambda m: abs(m.start - focus))
        if is_background(mention, published, horizon):
            return None
        return (mention.acled_date, mention.time_precision), True
    if mention is not None and is_background(mention, published, horizon):
        return None
    if mention is None and (published is not None or horizon is not None):
        # A year-only mention inside the sentence ("in 2016") marks it as history too.
        inside = [m for m in dates if start <= m.start < end and m.is_year_level]
        if any(is_background(m, published, horizon) for m in inside):
            return None
    return event_date_for_sentence(dates, start, end, published), mention is not None
