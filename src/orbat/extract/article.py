"""What the extractors read of an article: the stored article, and the sentences the parse
left out. Shared by the event and the statement extractor (:mod:`orbat.extract.analysis` parses
an article once for both)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from orbat.nlp.dates import dateline_date

__all__ = ["ArticleView", "Prepared", "Unparsed", "dated_by_dateline"]


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A sentence that holds no event cue and was left out of the parse: its place and text
    are all that anchoring a neighbour's event needs."""

    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """What :meth:`~orbat.extract.events.EventExtractor.prepare` hands the parser, and what
    it left out."""

    text: str
    unparsed: tuple[Unparsed, ...]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What the extractor needs of a stored article."""

    id: int
    text: str
    published: dt.date | None
    title: str | None = None
    source: str | None = None
    url: str | None = None


def dated_by_dateline(article: ArticleView) -> ArticleView:
    """``article`` with its dateline's date as its publication date when it was stored
    without one (a press release or a wire copy pasted as text)."""
    if article.published is not None:
        return article
    filed = dateline_date(article.text)
    return article if filed is None else replace(article, published=filed)
