"""One parse per article for both extractors: its events, then what it states about actors.

The spaCy parse is most of orbat's cost (a full parse of the founding-corpus mix runs at about
25 articles/s on one core of the reference machine). Events and statements each need it only
for some sentences — a sentence with no event cue cannot report an event
(:class:`~orbat.extract.prefilter.CuePrefilter`), one with no claim trigger and no relation
words between two names cannot state a claim or relation
(:class:`~orbat.extract.prefilter.StatementPrefilter`) — so an article is tokenized and
split into sentences cheaply, the union of the sentences either extractor needs is parsed
once, and both read that one parse.

Every article is held to its :class:`~orbat.extract.budget.Budget`: one longer than
``max_article_chars`` is not parsed, and one whose parse fails does not take its batch with it
(:meth:`ArticleAnalyser.parse_many` yields an :class:`Unanalysed` for each); the stages run the
extractors under the article's deadline and record both as skipped.

Statements link claims to the article's events; :func:`event_spans` turns its event records
into the spans they link to, keyed by whatever the caller maps back (the stored event ids
in the database stage, the record's position on a Dask worker, which has no database).

An Arabic article (mostly Arabic script) is not parsed: both extractors hand it to the Arabic
path, :mod:`orbat.extract.arabic`, whose records and statements are stored the same way.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from orbat.extract.arabic.extractor import arabic_extractor, is_arabic_article
from orbat.extract.article import ArticleView, Unparsed
from orbat.extract.budget import ArticleSkipped, Budget, ExtractionFailed
from orbat.extract.events import EventExtractor, events_version
from orbat.extract.prefilter import StatementPrefilter
from orbat.extract.statements import (
    EventSpan,
    StatementExtractor,
    StatementResult,
    statements_version,
)
from orbat.packs import Pack, load_pack

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from orbat.extract.records import EventRecord
    from orbat.resolve.actors import ActorMention

__all__ = [
    "Analysis",
    "ArticleAnalyser",
    "Parsed",
    "Unanalysed",
    "Wanted",
    "event_spans",
    "extractor_names",
]

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Wanted:
    """Which extractors an article still needs (a new article: both)."""

    events: bool = True
    statements: bool = True

    def extractors(self, names: tuple[str, str]) -> list[str]:
        """The versioned names of the extractors wanted, of ``names`` (events, statements:
        :func:`extractor_names`)."""
        wants = (self.events, self.statements)
        return [name for name, want in zip(names, wants, strict=True) if want]


def extractor_names(pack: Pack) -> tuple[str, str]:
    """The versioned names of the event and the statement extractor over ``pack``."""
    return events_version(pack), statements_version(pack)


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
class Unanalysed:
    """An article that could not be parsed: too long, or its preparation or parse raised."""

    article: ArticleView
    wanted: Wanted
    error: ArticleSkipped
    #: the analyser's extractors' versioned names (events, statements)
    names: tuple[str, str]

    def extractors(self) -> list[str]:
        """The versioned names of the extractors that wanted it (which pass over it)."""
        return self.wanted.extractors(self.names)


@dataclass(slots=True)
class Analysis:
    """What one article gave: event records and statements (None: not asked for, or
    skipped — then ``skipped`` holds why, under the extractor's versioned name)."""

    article: ArticleView
    events: list[EventRecord] | None
    statements: StatementResult | None
    skipped: dict[str, ArticleSkipped] = field(default_factory=dict)


class ArticleAnalyser:
    """Both extractors over one shared model and one theatre pack: build once per process
    (or Dask worker). ``pack`` defaults to the extractors' given, else the selected pack."""

    def __init__(
        self,
        events: EventExtractor | None = None,
        statements: StatementExtractor | None = None,
        budget: Budget | None = None,
        pack: Pack | None = None,
    ) -> None:
        given = events or statements
        self.pack = pack if pack is not None else given.pack if given is not None else load_pack()
        self.events = events or EventExtractor(pack=self.pack)
        self.nlp = self.events.nlp
        self._statements = statements
        #: The versioned names of its event and statement extractors.
        self.names = (
            self.events.version,
            statements.version if statements is not None else statements_version(self.pack),
        )
        self.statement_filter = StatementPrefilter(self.events.prefilter)
        self.budget = budget or Budget.from_settings()

    @property
    def statements(self) -> StatementExtractor:
        """The statement extractor, built when first needed (events alone never need it)."""
        if self._statements is None:
            self._statements = StatementExtractor(nlp=self.nlp, pack=self.pack)
        return self._statements

    def extractors(self, wanted: Wanted) -> list[str]:
        """The versioned names of the extractors ``wanted``."""
        return wanted.extractors(self.names)

    def parse_many(
        self, articles: Iterable[tuple[ArticleView, Wanted]], batch_size: int = 16
    ) -> Iterator[Parsed | Unanalysed]:
        """Each article parsed for what it wants, in order, in ``nlp.pipe`` batches (faster
        than a parse call per article); lazily, ``batch_size`` at a time, so memory stays
        bounded.

        An article over the budget's size, or whose preparation raises, is not parsed; when
        a batch's parse raises, its articles are parsed one by one, so only the one that
        fails is lost. Either way it comes out as an :class:`Unanalysed`, in its place.
        """
        for chunk in _batched(articles, batch_size):
            ready = [self._ready(article, wanted) for article, wanted in chunk]
            texts = [r.text for r in ready if isinstance(r, _Ready)]
            try:
                docs: list[Doc | ArticleSkipped] = list(self.nlp.pipe(texts, batch_size=batch_size))
            except Exception:
                # One bad text fails the whole batch: parse them one by one to find it.
                _LOGGER.warning("batch parse failed; parsing its texts one by one", exc_info=True)
                docs = [self._parse_one(text) for text in texts]
            parses = iter(docs)
            for item in ready:
                if isinstance(item, Unanalysed):
                    yield item
                    continue
                doc = next(parses)
                if isinstance(doc, ArticleSkipped):
                    yield Unanalysed(item.article, item.wanted, doc, self.names)
                else:
                    yield Parsed(item.article, item.wanted, doc, item.unparsed, item.mentions)

    def analyse(self, parsed: Parsed | Unanalysed, events: Sequence[EventSpan] = ()) -> Analysis:
        """Events and statements of one parsed article, for a caller with no database: the
        claims link to the article's own event records, keyed by their position.

        Both run under the article's deadline; what overruns it or raises is in ``skipped``
        (events skipped: statements too, as their claims link to the events).
        """
        if isinstance(parsed, Unanalysed):
            return Analysis(
                parsed.article, None, None, dict.fromkeys(parsed.extractors(), parsed.error)
            )
        deadline = self.budget.start()
        try:
            records = deadline.call(self.event_records, parsed) if parsed.wanted.events else None
        except ArticleSkipped as exc:
            return Analysis(
                parsed.article, None, None, dict.fromkeys(self.extractors(parsed.wanted), exc)
            )
        if records is not None:
            events = event_spans(records, range(len(records)))
        result = None
        skipped: dict[str, ArticleSkipped] = {}
        if parsed.wanted.statements:
            try:
                result = deadline.call(self.statement_result, parsed, events)
            except ArticleSkipped as exc:
                skipped[self.names[1]] = exc
        return Analysis(parsed.article, records, result, skipped)

    def event_records(self, parsed: Parsed) -> list[EventRecord]:
        if is_arabic_article(parsed.article):
            return arabic_extractor(self.pack).events(parsed.article)
        return self.events.extract_parsed(parsed.article, parsed.doc, parsed.unparsed)

    def statement_result(self, parsed: Parsed, events: Sequence[EventSpan]) -> StatementResult:
        if is_arabic_article(parsed.article):
            return arabic_extractor(self.pack).statements(parsed.article, events)
        return self.statements.extract_parsed(
            parsed.article, parsed.doc, parsed.unparsed, events, parsed.pack_mentions
        )

    def _ready(self, article: ArticleView, wanted: Wanted) -> _Ready | Unanalysed:
        """The article's text to parse, what neither extractor can use blanked out; or why
        it will not be parsed."""
        try:
            self.budget.admit(article.text)
            return self._prepared(article, wanted)
        except ArticleSkipped as exc:
            return Unanalysed(article, wanted, exc, self.names)
        except Exception as exc:
            _LOGGER.exception("preparing article %s for the parse failed", article.id)
            failed = _failed("preparing it for the parse", exc)
            return Unanalysed(article, wanted, failed, self.names)

    def _prepared(self, article: ArticleView, wanted: Wanted) -> _Ready:
        if is_arabic_article(article):
            # The Arabic path (orbat.extract.arabic) reads the text itself; the English
            # model has nothing to parse.
            return _Ready(article, wanted, "", (), None)
        mentions = None
        keep = None
        if wanted.statements:
            when = article.published.isoformat() if article.published else None
            mentions = self.statements.pack_mentions(article.text, when)
            spans = [(m.start, m.end) for m in mentions]

            def keep(sentences: list[Span], spans: list[tuple[int, int]] = spans) -> set[int]:
                return self.statement_filter.keep(sentences, spans)

        prepared = self.events.prepare(article.text, events=wanted.events, also=keep)
        return _Ready(article, wanted, prepared.text, prepared.unparsed, mentions)

    def _parse_one(self, text: str) -> Doc | ArticleSkipped:
        try:
            return self.nlp(text)
        except Exception as exc:
            _LOGGER.exception("parsing a text of %d characters failed", len(text))
            return _failed("parsing it", exc)


def _failed(doing: str, exc: Exception) -> ExtractionFailed:
    return ExtractionFailed(f"extraction failed {doing}: {type(exc).__name__}: {exc}")


def _batched(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    """``itertools.batched`` (Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk


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
