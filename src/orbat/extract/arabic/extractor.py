"""The Arabic extractor: events and claims of one Arabic document, as the English one gives.

:class:`ArabicExtractor` is what :class:`orbat.extract.analysis.ArticleAnalyser` hands an
article to when its text is Arabic (:func:`is_arabic_article`); its records and statements
are stored by the same stages as the English ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from orbat.extract.arabic.claims import find_claims
from orbat.extract.arabic.events import ArabicEventCoder, SentenceReading
from orbat.extract.arabic.lexicon import load_arabic_lexicon
from orbat.extract.arabic.names import ArabicActors, ArabicPlaces
from orbat.extract.arabic.roles import Party
from orbat.extract.arabic.text import ReadText, read_text
from orbat.extract.article import ArticleView
from orbat.extract.records import EventRecord, Evidence
from orbat.extract.statements import EventSpan, StatementResult
from orbat.extract.statements.records import MentionRecord
from orbat.nlp.arabic import is_arabic_text
from orbat.nlp.gazetteer import Gazetteer, gazetteer_for
from orbat.packs import Pack, load_pack

__all__ = [
    "ArabicExtractor",
    "arabic_extractor",
    "is_arabic_article",
]

_Reading = tuple[ReadText, list[SentenceReading], Party | None]

# How many opening sentences may name the group whose post it is ("المقاومة الإسلامية في
# العراق" alone on the first line, "بيان" on the second).
_HEADING_SENTENCES = 2


def is_arabic_article(article: ArticleView) -> bool:
    """Whether the Arabic path reads this article: its text is mostly Arabic script."""
    return is_arabic_text(article.text)


class ArabicExtractor:
    """Events and claims of Arabic articles; build once per process and pack
    (:func:`arabic_extractor`). ``pack`` defaults to the selected one, ``gazetteer`` to the
    pack's."""

    def __init__(self, gazetteer: Gazetteer | None = None, pack: Pack | None = None) -> None:
        self.pack = pack if pack is not None else load_pack()
        #: Versioned name of the Arabic path, stored with every event it codes
        #: (``events.extractor`` and each mention's notes). The pack's fingerprint is part of
        #: it, as for the English one.
        self.version = f"orbat.events.ar.v1+{self.pack.fingerprint}"
        #: Versioned name the Arabic path's mentions and claims are stored under.
        self.statements_version = f"orbat.statements.ar.v1+{self.pack.fingerprint}"
        self.lexicon = load_arabic_lexicon()
        self.actors = ArabicActors(self.pack, self.lexicon)
        self.places = ArabicPlaces(gazetteer or gazetteer_for(self.pack), self.lexicon)
        self.coder = ArabicEventCoder(self.version, self.lexicon, self.actors, self.places)
        self._last: tuple[tuple[int, str], _Reading] | None = None

    def _read(self, article: ArticleView) -> _Reading:
        # The stages ask for an article's events, then its statements: read it once.
        if self._last is not None and self._last[0] == (article.id, article.text):
            return self._last[1]
        text = read_text(article.text)
        readings = self.coder.read(text)
        read = (text, readings, self._heading(readings))
        self._last = ((article.id, article.text), read)
        return read

    def events(self, article: ArticleView) -> list[EventRecord]:
        """The article's events, ACLED-coded, evidence in its own words."""
        text, readings, heading = self._read(article)
        return self.coder.code(text, readings, article.id, article.published, heading)

    def statements(self, article: ArticleView, events: Sequence[EventSpan]) -> StatementResult:
        """The article's actor mentions and claims, linked to its stored ``events``."""
        text, readings, heading = self._read(article)
        self.coder.code(text, readings, article.id, article.published, heading)
        claims = find_claims(
            text, readings, self.actors, article.id, article.published, events, heading
        )
        return StatementResult(
            mentions=self._mentions(text, readings, article),
            statements=claims,
            extractor=self.statements_version,
        )

    def _heading(self, readings: list[SentenceReading]) -> Party | None:
        """The armed group whose post this is: named at the very start of one of the first
        sentences ("المقاومة الإسلامية في العراق" / "كتائب حزب الله: استهدف مجاهدونا")."""
        for reading in readings[:_HEADING_SENTENCES]:
            for name in reading.names:
                if name.first > reading.sentence.first + 1:
                    break
                actor = self.actors.choose(name.ids, None, None)
                if actor.inter in (2, 3):
                    return Party(actor.acled_name, actor.inter, actor.id, name.first,
                                 name.last, "agent")  # fmt: skip
        return None

    def _mentions(
        self, text: ReadText, readings: list[SentenceReading], article: ArticleView
    ) -> list[MentionRecord]:
        out = []
        for reading in readings:
            for name in reading.names:
                record = reading.record
                actor = self.actors.choose(
                    name.ids,
                    record.country if record else None,
                    record.event_date if record else article.published,
                )
                tokens = text.tokens
                s, e, quote = text.quote(tokens[name.first].start, tokens[name.last - 1].end)
                out.append(MentionRecord(actor.id, quote, 1.0, Evidence(article.id, s, e, quote)))
        return out


_current: dict[str, ArabicExtractor] = {}


def arabic_extractor(pack: Pack | None = None) -> ArabicExtractor:
    """The process's Arabic extractor for ``pack`` (default: the selected one; its gazetteer
    index takes a second to build), rebuilt when the pack's gazetteer is another one
    (``orbat gazetteer import`` in between, a test switching gazetteers)."""
    pack = pack if pack is not None else load_pack()
    gazetteer = gazetteer_for(pack)
    current = _current.get(pack.fingerprint)
    if current is None or current.places.gazetteer is not gazetteer or current.pack is not pack:
        if len(_current) >= _KEPT:
            _current.clear()
        current = _current[pack.fingerprint] = ArabicExtractor(gazetteer, pack)
    return current


#: How many packs' Arabic extractors a process keeps.
_KEPT = 4
