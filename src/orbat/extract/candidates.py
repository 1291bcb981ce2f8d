"""One candidate per event an article's sentence reports, while the passes over the article
(:mod:`orbat.extract.events.story`, :mod:`orbat.extract.toll_sentences`,
:mod:`orbat.extract.protest_followups`, :mod:`orbat.extract.consolidate`) still change it."""

from __future__ import annotations

from dataclasses import dataclass

from orbat.extract.records import EventRecord

__all__ = ["Candidate"]


@dataclass(slots=True)
class Candidate:
    """An event found in an article: its record so far and what the passes over the article
    need to know of it."""

    record: EventRecord
    #: the position of the sentence that reports it, among the article's sentences
    sentence: int
    #: whether its sentence (or its paragraph) dated it itself; else the publication date
    #: stood in
    own_date: bool
    #: whether its place is named in its evidence; else it borrowed the last town named before
    own_place: bool
    #: whether it is a later sentence's mention of an earlier event, already tied to it (a
    #: back-reference that placed it): no other pass may tie it to another event
    tied: bool = False
