"""Coding one short text with the event extractor, as the unseen-news tests do."""

from __future__ import annotations

import datetime as dt

from orbat.extract.events import ArticleView, EventExtractor
from orbat.extract.records import EventRecord


def coded(extractor: EventExtractor, text: str, day: str = "2020-04-10") -> list[EventRecord]:
    """The events ``extractor`` finds in ``text`` published on ``day`` (ISO date): the
    theatre's spring 2020, when the short reports these tests imitate were written."""
    return extractor.extract(ArticleView(1, text, dt.date.fromisoformat(day)))
