"""The statement extractor: actor mentions, relations and claims of an article, with evidence.

The extractor ``orbat.statements.v1`` reads one article at a time (see
:meth:`StatementExtractor.extract`); the stage over the database is
:func:`orbat.pipeline.extract.extract_statements`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from orbat.extract.arguments import Argument, StateNames, find_arguments
from orbat.extract.article import ArticleView, Unparsed, dated_by_dateline
from orbat.extract.budget import check
from orbat.extract.lexicon.rules import rules_fingerprint
from orbat.extract.records import Evidence
from orbat.extract.statements.claims import ClaimHit, find_claims
from orbat.extract.statements.discovery import candidate_resolver, find_introductions, to_candidates
from orbat.extract.statements.records import CandidateActor, MentionRecord, Statement
from orbat.extract.statements.relations import RelationHit, find_relations
from orbat.extract.statements.stance import stance_for
from orbat.nlp.dates import DateMention, resolve_dates, select_event_date
from orbat.nlp.model import load_nlp, text_of
from orbat.packs import Pack, load_pack
from orbat.resolve.actors import ActorMention, ActorResolver, default_resolver

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = [
    "EventSpan",
    "StatementExtractor",
    "StatementResult",
    "for_document",
    "sentences_of",
    "statements_version",
]


def statements_version(pack: Pack) -> str:
    """The versioned name stored with every mention, statement and candidate an extractor
    over ``pack`` produces. The pack's fingerprint and the rule files' are part of it
    ("orbat.statements.v1+iraq_syria.18d1dc2082+rules.0c1d2e3f4a"): a changed pack or rule
    file, like a new version, re-extracts (see :func:`orbat.extract.events.events_version`)."""
    return f"orbat.statements.v1+{pack.fingerprint}+{rules_fingerprint()}"


# Event types a claim about an attack can concern (ACLED's violent event types).
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_VIOLENCE_WORDS = re.compile(
    r"\b(attack|strike|airstrike|air strike|bomb|bombing|raid|killing|killed|assassination|"
    r"drone|rocket|missile|shelling|clash|ambush|explosion|ied|convoy)",
    re.I,
)
# How many sentences before a claim its event may be reported in (a denial often comes a
# few sentences after the strike it denies), and after it.
_EVENT_WINDOW_BEFORE = 5
_EVENT_WINDOW_AFTER = 1


@dataclass(frozen=True, slots=True)
class EventSpan:
    """A stored event mention of the article: which event, where, of what type."""

    event_id: int
    start: int
    end: int
    event_type: str
    places: tuple[str, ...] = ()  # its location and admin names, to match the claim's words

    @classmethod
    def at(
        cls, event_id: int, start: int, end: int, event_type: str, *places: str | None
    ) -> EventSpan:
        """The span, with the place names that are given (location, admin1, admin2)."""
        return cls(event_id, start, end, event_type, tuple(p for p in places if p))


@dataclass
class StatementResult:
    """What one article yields."""

    mentions: list[MentionRecord] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    candidates: list[CandidateActor] = field(default_factory=list)
    #: The versioned name they are stored under, when not this module's (the Arabic path's).
    extractor: str | None = None

    @property
    def relations(self) -> list[Statement]:
        return [s for s in self.statements if s.kind == "relation"]

    @property
    def claims(self) -> list[Statement]:
        return [s for s in self.statements if s.kind == "claim"]


class StatementExtractor:
    """Finds actor mentions, relations, claims and new groups in articles.

    Build it once per process; :meth:`add_candidates` teaches it discovered actors (from the
    database, or found in earlier articles of the run) so their later mentions resolve.
    ``pack`` is the theatre (default: the ``resolver``'s, else the selected one, loaded when
    the extractor is built); :attr:`version` names it.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        resolver: ActorResolver | None = None,
        pack: Pack | None = None,
    ) -> None:
        if pack is None:
            pack = resolver.pack if resolver is not None else load_pack()
        self.pack = pack
        #: The versioned name stored with every record (:func:`statements_version`).
        self.version = statements_version(self.pack)
        self.nlp = nlp or load_nlp()
        self.resolver = resolver or default_resolver(self.pack)
        self.states = StateNames(self.resolver.pack)
        self._candidates: dict[str, tuple[str, str, str | None]] = {}
        self._candidate_resolver: ActorResolver | None = None

    # -- candidates ------------------------------------------------------------------------
    def set_candidates(self, candidates: Iterable[tuple[str, str, str | None]]) -> None:
        """Resolve exactly these discovered actors ``(id, name, country)`` from now on."""
        self._candidates = {}
        self._candidate_resolver = None
        self.add_candidates(candidates)

    def add_candidates(self, candidates: Iterable[tuple[str, str, str | None]]) -> None:
        """Resolve these discovered actors ``(id, name, country)`` from now on."""
        before = len(self._candidates)
        for cid, name, country in candidates:
            self._candidates.setdefault(cid, (cid, name, country))
        if len(self._candidates) != before:
            self._candidate_resolver = candidate_resolver(
                self._candidates.values(), self.resolver.pack
            )

    def pack_mentions(self, text: str, when: str | None) -> list[ActorMention]:
        """The pack's actors named in ``text``."""
        return self.resolver.find_mentions(text, when=when)

    def _mentions(
        self, text: str, when: str | None, pack: Sequence[ActorMention] | None = None
    ) -> list[ActorMention]:
        """Pack mentions, then candidate mentions where no pack mention is."""
        found = list(pack) if pack is not None else self.pack_mentions(text, when)
        if self._candidate_resolver is not None:
            for m in self._candidate_resolver.find_mentions(text, when=when):
                if all(m.end <= p.start or m.start >= p.end for p in found):
                    found.append(m)
        return sorted(found, key=lambda m: m.start)

    # -- extraction ------------------------------------------------------------------------
    def arguments(self, text: str, when: str | None = None) -> tuple[Doc, list[Argument]]:
        """Parse ``text`` and find its arguments: actor mentions plus named entities."""
        doc = self.nlp(text)
        return doc, find_arguments(
            doc, self._mentions(text, when), self.resolver, self.states, when=when
        )

    def relations_in(self, text: str, when: str | None = None) -> list[RelationHit]:
        """The relations each sentence of ``text`` states (what re3d scores)."""
        doc, arguments = self.arguments(text, when)
        return [
            hit
            for sentence in sentences_of(doc, arguments)
            for hit in find_relations(
                text, sentence.start_char, sentence.end_char, arguments, self.states, when=when
            )
        ]

    def extract(self, article: ArticleView, events: Sequence[EventSpan] = ()) -> StatementResult:
        """Everything the article states about actors, from a parse of the whole text."""
        return self.extract_parsed(article, self.nlp(article.text), (), events)

    def extract_parsed(
        self,
        article: ArticleView,
        doc: Doc,
        unparsed: Sequence[Unparsed] = (),
        events: Sequence[EventSpan] = (),
        pack_mentions: Sequence[ActorMention] | None = None,
    ) -> StatementResult:
        """Everything the article states about actors, from ``doc``: a parse of its text with
        the sentences in ``unparsed`` blanked out (they can state nothing: see
        :class:`~orbat.extract.prefilter.StatementPrefilter`), or of all of it.

        1. Find the sentences (parsed ones, then the unparsed, so sentence distances count
           every sentence) and the dates (statements are dated by their sentence, else by the
           publication date).
        2. Discover groups the article introduces and no resolver knows; learn them.
        3. Find actor mentions over the whole text (pack — ``pack_mentions`` if the caller
           has them — then candidates) and the other arguments (entities).
        4. Per parsed sentence: relations and claims, each with its stance and speaker.
        5. Link claims about attacks to the event reported nearest before them (``events``
           carry whatever key the caller maps back: a stored event id or a record index).
        """
        # 1.
        article = dated_by_dateline(article)  # a press release's dateline dates its statements
        text = article.text
        parsed_text = text_of(doc)
        dates = resolve_dates(text, article.published, doc)
        when = article.published.isoformat() if article.published else None
        blank = [(u.start_char, u.end_char) for u in unparsed]
        result = StatementResult()
        # 2.
        resolvers = [self.resolver]
        if self._candidate_resolver is not None:
            resolvers.append(self._candidate_resolver)
        bounds = _bounds(sentences_of(doc), parsed_text, blank)
        result.candidates = to_candidates(
            find_introductions(text), text, article.id, bounds, resolvers
        )
        self.add_candidates((c.id, c.name, c.country) for c in result.candidates)
        # 3.
        mentions = self._mentions(text, when, pack_mentions)
        result.mentions = [
            MentionRecord(
                m.actor_id, m.surface, m.score, Evidence(article.id, m.start, m.end, m.surface)
            )
            for m in mentions
        ]
        arguments = find_arguments(doc, mentions, self.resolver, self.states, when=when)
        # 4.
        spans = sentences_of(doc, arguments)
        sentences = _bounds(spans, parsed_text, blank)
        index_of = {bound: i for i, bound in enumerate(sentences)}
        for sentence in spans:
            check()  # the article's time budget (orbat.extract.budget)
            start, end = _trimmed(parsed_text, sentence.start_char, sentence.end_char)
            if start >= end:
                continue  # only blanked-out text
            index = index_of[(start, end)]
            evidence = Evidence(article.id, start, end, text[start:end])
            day = _date(dates, start, end, article.published)
            result.statements.extend(self._relations(sentence, arguments, evidence, day, when))
            for hit in find_claims(sentence, arguments):
                claim = self._claim(sentence, hit, arguments, evidence, day)
                # 5.
                event_id = _link_event(claim, index, sentences, events)
                result.statements.append(_with_event(claim, event_id))
        return result

    def _relations(
        self,
        sentence: Span,
        arguments: Sequence[Argument],
        evidence: Evidence,
        day: dt.date | None,
        when: str | None,
    ) -> list[Statement]:
        out = []
        doc = sentence.doc
        for hit in find_relations(
            text_of(doc), sentence.start_char, sentence.end_char, arguments, self.states, when=when
        ):
            anchor = doc.char_span(hit.anchor, hit.anchor + 1, alignment_mode="expand")
            token = anchor[0] if anchor is not None and len(anchor) else sentence.root
            stance, speaker = stance_for(
                sentence,
                token,
                arguments,
                span=(hit.trigger_start, hit.trigger_end),
                sides=(hit.subject, hit.object),
            )
            out.append(
                Statement(
                    kind="relation",
                    predicate=hit.predicate,
                    subject_id=hit.subject.actor_id,
                    subject_text=hit.subject.text,
                    object_id=hit.object.actor_id,
                    object_text=hit.object.text,
                    stance=stance,
                    evidence=evidence,
                    speaker_id=speaker.argument.actor_id if speaker and speaker.argument else None,
                    speaker_text=speaker.text if speaker else "",
                    statement_date=day,
                )
            )
        return out

    def _claim(
        self,
        sentence: Span,
        hit: ClaimHit,
        arguments: Sequence[Argument],
        evidence: Evidence,
        day: dt.date | None,
    ) -> Statement:
        sides = [a for a in (hit.speaker.argument, hit.target) if a is not None]
        stance, outer = stance_for(sentence, hit.trigger, arguments, sides=sides)
        if stance == "denied":  # a denial is the claim's predicate, not a stance on it
            stance = "asserted"
        speaker = hit.speaker.argument
        return Statement(
            kind="claim",
            predicate=hit.predicate,
            subject_id=speaker.actor_id if speaker else None,
            subject_text=speaker.text if speaker else hit.speaker.text,
            object_id=hit.target.actor_id if hit.target else None,
            object_text=hit.target.text if hit.target else "",
            stance=stance,
            evidence=evidence,
            speaker_id=(
                outer.argument.actor_id
                if outer and outer.argument
                else speaker.actor_id
                if speaker
                else None
            ),
            speaker_text=outer.text if outer else hit.speaker.text,
            statement_date=day,
        )


def sentences_of(doc: Doc, arguments: Sequence[Argument] = ()) -> list[Span]:
    """The parser's sentences, rejoined where it cut inside parentheses ("Qasem al-Jabbarin
    (lit. “Smasher of the Oppressors”), an obscure militia force ...") or inside a name
    ("Asaib Ahl | Al-Haq added")."""
    out: list[Span] = []
    for sentence in doc.sents:
        if out and (
            out[-1].text.count("(") > out[-1].text.count(")")
            or any(a.start < sentence.start_char < a.end for a in arguments)
        ):
            out[-1] = doc[out[-1].start : sentence.end]
        else:
            out.append(sentence)
    return out


def _bounds(
    spans: Sequence[Span], parsed_text: str, unparsed: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Every sentence's ``(start, end)`` in text order: the parsed ones trimmed of space
    (and of blanked-out text, which is space in the parse), then the unparsed ones."""
    parsed = [_trimmed(parsed_text, s.start_char, s.end_char) for s in spans]
    return sorted({*(b for b in parsed if b[0] < b[1]), *unparsed})


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _date(
    dates: Sequence[DateMention], start: int, end: int, published: dt.date | None
) -> dt.date | None:
    mention = select_event_date(dates, start, end)
    return mention.date if mention is not None else published


def _link_event(
    claim: Statement,
    index: int,
    sentences: Sequence[tuple[int, int]],
    events: Sequence[EventSpan],
) -> int | None:
    """The stored event a claim concerns: an event mention in the same sentence, else the
    nearest one in the sentences just before (or the one after), of a matching type; when
    the claim names a place, an event at a place it names comes first ("the strike in Albu
    Kamal" is not the IED in Babil two sentences up).

    Threats concern the future, so only claims of responsibility, denials, and accusations
    and reports that speak of violence are linked.
    """
    if claim.predicate == "threatened" or not events:
        return None
    violent = bool(_VIOLENCE_WORDS.search(claim.evidence.quote))
    if claim.predicate in ("reported", "accused") and not violent:
        return None  # "accused the US of obstructing a bloc" concerns no event
    best: tuple[int, int, int] | None = None
    words = claim.evidence.quote.casefold()
    for event in events:
        if violent and event.event_type not in _VIOLENT:
            continue
        at = next((i for i, (s, e) in enumerate(sentences) if s <= event.start < e), None)
        if at is None:
            continue
        distance = index - at
        if not -_EVENT_WINDOW_AFTER <= distance <= _EVENT_WINDOW_BEFORE:
            continue
        # Same sentence first, then before (nearest), then after.
        rank = 0 if distance == 0 else distance if distance > 0 else _EVENT_WINDOW_BEFORE + 1
        elsewhere = int(not any(p and p.casefold() in words for p in event.places))
        if best is None or (elsewhere, rank) < best[:2]:
            best = (elsewhere, rank, event.event_id)
    return best[2] if best else None


def _with_event(claim: Statement, event_id: int | None) -> Statement:
    return claim if event_id is None else replace(claim, event_id=event_id)


def for_document(
    result: StatementResult, document_id: int, event_ids: Sequence[int] = ()
) -> StatementResult:
    """``result`` of an article extracted before it had an id (on a Dask worker): every
    piece of evidence moved to ``document_id``, every claim's event — the position of an
    event record of the article — to ``event_ids`` at that position (the stored event)."""

    def moved(evidence: Evidence) -> Evidence:
        return replace(evidence, document_id=document_id)

    statements = [
        replace(
            s,
            evidence=moved(s.evidence),
            event_id=event_ids[s.event_id] if s.event_id is not None else None,
        )
        for s in result.statements
    ]
    return StatementResult(
        mentions=[replace(m, evidence=moved(m.evidence)) for m in result.mentions],
        statements=statements,
        candidates=[replace(c, evidence=moved(c.evidence)) for c in result.candidates],
    )
