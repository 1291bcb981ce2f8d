"""One parse per article for both extractors: its events, then what it states about actors.

The spaCy parse is most of orbat's cost (a full parse of the founding-corpus mix runs at about
25 articles/s on one core of the reference machine). Events and statements each need it only
for some sentences — a sentence with no event cue cannot report an event
(:class:`~orbat.extract.prefilter.CuePrefilter`), one with no claim trigger and no relation
words between two names cannot state a claim or relation
(:class:`~orbat.extract.prefilter.StatementPrefilter`) — so an article is tokenized and
split into sentences cheaply, the union of the sentences either extractor needs is parsed
once, and both read that one parse.

Statements link claims to the article's events; :func:`event_spans` turns its event records
into the spans they link to, keyed by whatever the caller maps back (the stored event ids
in the database stage, the record's position on a Dask worker, which has no database).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from orbat.extract.events import ArticleView, EventExtractor, Unparsed
from orbat.extract.prefilter import StatementPrefilter
from orbat.extract.statements import EventSpan, StatementExtractor, StatementResult

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from orbat.extract.records import EventRecord
    from orbat.resolve.actors import ActorMention

__all__ = ["Analysis", "ArticleAnalyser", "Parsed", "Wanted", "event_spans"]


@dataclass(frozen=True, slots=True)
class Wanted:
    """Which extractors an article still needs (a new article: both)."""

    events: bool = True
    statements: bool = True


@dataclass(slots=True)
class Parsed:
    """An article parsed for what it needs: the parse, the sentences left out of it, and the
    pack's actor mentions (found before the parse, to choose the sentences)."""

    article: ArticleView
    wanted: Wanted
    doc: Doc
    unparsed: tuple[Unparsed, ...]
    pack_mentions: list[ActorMention] | None


@dataclass(slots=True)
class Analysis:
    """What one article gave: event records and statements (None: not asked for)."""

    article: ArticleView
    events: list[EventRecord] | None
    statements: StatementResult | None


class ArticleAnalyser:
    """Both extractors over one shared model: build once per process (or Dask worker)."""

    def __init__(
        self, events: EventExtractor | None = None, statements: StatementExtractor | None = None
    ) -> None:
        self.events = events or EventExtractor()
        self.statements = statements or StatementExtractor(nlp=self.events.nlp)
        self.nlp = self.events.nlp
        self.statement_filter = StatementPrefilter(self.events.prefilter)

    def parse_many(
        self, articles: Iterable[tuple[ArticleView, Wanted]], batch_size: int = 16
    ) -> Iterator[Parsed]:
        """Each article parsed for what it wants, in order, in ``nlp.pipe`` batches (faster
        than a parse call per article); lazily, so memory stays bounded."""
        first, second = itertools.tee(self._prepared(articles))
        docs = self.nlp.pipe((ready.text for ready in first), batch_size=batch_size)
        for ready, doc in zip(second, docs, strict=True):
            yield Parsed(ready.article, ready.wanted, doc, ready.unparsed, ready.mentions)

    def analyse(self, parsed: Parsed, events: Sequence[EventSpan] = ()) -> Analysis:
        """Events and statements of one parsed article, for a caller with no database: the
        claims link to the article's own event records, keyed by their position."""
        records = self.event_records(parsed) if parsed.wanted.events else None
        if records is not None:
            events = event_spans(records, range(len(records)))
        result = self.statement_result(parsed, events) if parsed.wanted.statements else None
        return Analysis(parsed.article, records, result)

    def event_records(self, parsed: Parsed) -> list[EventRecord]:
        return self.events.extract_parsed(parsed.article, parsed.doc, parsed.unparsed)

    def statement_result(self, parsed: Parsed, events: Sequence[EventSpan]) -> StatementResult:
        return self.statements.extract_parsed(
            parsed.article, parsed.doc, parsed.unparsed, events, parsed.pack_mentions
        )

    def _prepared(self, articles: Iterable[tuple[ArticleView, Wanted]]) -> Iterator[_Ready]:
        """Each article's text to parse: what neither extractor can use blanked out."""
        for article, wanted in articles:
            mentions = None
            keep = None
            if wanted.statements:
                when = article.published.isoformat() if article.published else None
                mentions = self.statements.pack_mentions(article.text, when)
                spans = [(m.start, m.end) for m in mentions]

                def keep(sentences: list[Span], spans: list[tuple[int, int]] = spans) -> set[int]:
                    return self.statement_filter.keep(sentences, spans)

            prepared = self.events.prepare(article.text, events=wanted.events, also=keep)
            yield _Ready(article, wanted, prepared.text, prepared.unparsed, mentions)


class _Ready(NamedTuple):
    """An article prepared for the parse."""

    article: ArticleView
    wanted: Wanted
    text: str
    unparsed: tuple[Unparsed, ...]
    mentions: list[ActorMention] | None


def event_spans(records: Sequence[EventRecord], keys: Iterable[int]) -> list[EventSpan]:
    """The spans statements link claims to, one per event record, under ``keys``."""
    return [
        EventSpan.at(
            key,
            record.evidence.start,
            record.evidence.end,
            record.event_type,
            record.location,
            record.admin1,
            record.admin2,
        )
        for record, key in zip(records, keys, strict=True)
    ]
