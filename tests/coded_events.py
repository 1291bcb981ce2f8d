"""Coding one short text with the event extractor, as the unseen-news tests do."""

from __future__ import annotations

import datetime as dt

from orbat.extract.events import ArticleView, EventExtractor
from orbat.extract.records import EventRecord


def coded(
    extractor: EventExtractor, text: str, day: str | None = "2020-04-10"
) -> list[EventRecord]:
    """The events ``extractor`` finds in ``text`` published on ``day`` (ISO date; ``None``:
    undated, as CASE 2021's snippets): by default the theatre's spring 2020, when the short
    reports these tests imitate were written."""
    published = dt.date.fromisoformat(day) if day is not None else None
    return extractor.extract(ArticleView(1, text, published))
