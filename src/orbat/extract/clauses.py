"""Two acts in one sentence: "Israeli jets struck Hama airport, and Israeli troops clashed
with gunmen near Koya, killing nine of them".

The extractor codes a sentence and then makes one event per town it names. When the towns
stand in coordinated clauses of their own, each clause tells its own act: its type, its
actors and its toll are the clause's, not the sentence's (the clash near Koya is no air
strike, and the nine dead are not the airport's).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from orbat.extract.classify import Classification, EventClassifier
from orbat.resolve.places import ResolvedPlace

__all__ = ["Telling", "tellings"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Telling:
    """The words that tell one event: the sentence or one of its clauses, and its coding."""

    words: Span
    coded: Classification
    start: int
    end: int


def tellings(
    sentence: Span,
    coded: Classification,
    span: tuple[int, int],
    locations: Sequence[ResolvedPlace | None],
    classifier: EventClassifier,
) -> list[Telling]:
    """What tells the event at each of ``locations``: the clause holding it when the
    sentence's towns lie in different coordinated clauses and that clause reports an event
    itself; else the whole sentence (``span``, ``coded``)."""
    whole = Telling(sentence, coded, *span)
    if len(locations) < 2:
        return [whole] * len(locations)
    clauses = _clauses(sentence)
    if len(clauses) < 2:
        return [whole] * len(locations)
    holders = [_holder(clauses, loc) for loc in locations]
    if len({h.start for h in holders if h is not None}) < 2:
        return [whole] * len(locations)
    out = []
    for clause in holders:
        own = classifier.classify(clause) if clause is not None else None
        out.append(
            Telling(clause, own, clause.start_char, clause.end_char)
            if clause is not None and own is not None
            else whole
        )
    return out


def _holder(clauses: Sequence[Span], location: ResolvedPlace | None) -> Span | None:
    if location is None:
        return None
    return next((c for c in clauses if c.start_char <= location.start < c.end_char), None)


def _clauses(sentence: Span) -> list[Span]:
    """The sentence cut before each verb coordinated with another verb that has a subject of
    its own ("…, and Israeli troops clashed …"), also under a reporting verb ("…, state
    media said"); one span when there is none."""
    cuts = sorted(
        _clause_start(t)
        for t in sentence
        if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX") and _has_subject(t)
    )
    if not cuts:
        return [sentence]
    doc = sentence.doc
    bounds = [sentence.start, *cuts, sentence.end]
    return [doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _has_subject(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in verb.children)


def _clause_start(verb: Token) -> int:
    """Where the coordinated clause begins: at its first word, after the ", and" before it."""
    return verb.left_edge.i
