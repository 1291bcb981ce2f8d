"""Two acts in one sentence: "Israeli jets struck Hama airport, and Israeli troops clashed
with gunmen near Koya, killing nine of them".

The extractor codes a sentence and then makes one event per town it names. When the towns
stand in coordinated clauses of their own, each clause tells its own act: its type, its
actors and its toll are the clause's, not the sentence's (the clash near Koya is no air
strike, and the nine dead are not the airport's).
"""

from __future__ import annotations

import itertools
import re
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
) -> list[tuple[ResolvedPlace | None, Telling]]:
    """Each event the sentence tells, with its location: for each of ``locations``, the
    clause holding it when the sentence's towns lie in different clauses and that clause
    reports an event itself, else the whole sentence (``span``, ``coded``). At one location,
    clauses that report events of different types ("an IS cell attacked regime positions near
    al-Sukhnah, while Russian warplanes carried out 20 strikes on the area") are two events
    there."""
    whole = Telling(sentence, coded, *span)
    if len(locations) == 1:
        # Each clause must tell an act by someone ("Russian warplanes carried out"): "a
        # militant was killed and ten were injured when a device detonated" is one blast.
        own = [(c, classifier.classify(c)) for c in _clauses(sentence) if _active(c)]
        acts = [Telling(c, k, c.start_char, c.end_char) for c, k in own if k is not None]
        if len({t.coded.event_type for t in acts}) == len(acts) > 1 or _own_days(acts):
            return [(locations[0], t) for t in acts]
        return [(locations[0], whole)]
    # Towns in coordinated verb phrases of one subject are told apart the same way.
    clauses = _clauses(sentence, verb_phrases=True)
    if len(clauses) < 2:
        return [(loc, whole) for loc in locations]
    holders = [_holder(clauses, loc) for loc in locations]
    if len({h.start for h in holders if h is not None}) < 2:
        return [(loc, whole) for loc in locations]
    out = []
    for location, clause in zip(locations, holders, strict=True):
        own_coding = classifier.classify(clause) if clause is not None else None
        if clause is None:
            out.append((location, whole))
        elif not any(c.dep_ in _SUBJECTS for c in clause.root.children):
            # "Gunmen killed two shepherds in Khanaqin and wounded a third in Jalawla": the
            # verb phrase tells its own toll and type; who acted is the sentence's subject.
            told = Telling(sentence, own_coding or coded, clause.start_char, clause.end_char)
            out.append((location, told))
        elif own_coding is not None:
            out.append((location, Telling(clause, own_coding, clause.start_char, clause.end_char)))
        else:
            out.append((location, whole))
    return out


def _own_days(acts: Sequence[Telling]) -> bool:
    """Whether two or more clauses each tell their act's own, different day: "On Thursday, a
    Reaper destroyed a building, and on Friday two Typhoons struck a group of fighters" is
    an event a day (ACLED codes one per actor, day and place)."""
    days = [tuple(m.group().lower() for m in _DAY.finditer(t.words.text)) for t in acts]
    return len(acts) > 1 and all(days) and len(set(days)) == len(days)


_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b",
    re.I,
)


def _holder(clauses: Sequence[Span], location: ResolvedPlace | None) -> Span | None:
    if location is None:
        return None
    return next((c for c in clauses if c.start_char <= location.start < c.end_char), None)


def _clauses(sentence: Span, verb_phrases: bool = False) -> list[Span]:
    """The sentence cut before each verb coordinated with another verb, or set beside it by
    "while", that has a subject of its own ("…, and Israeli troops clashed …"), also under a
    reporting verb ("…, state media said"); with ``verb_phrases``, also before a coordinated
    verb that shares the subject ("… and wounded a third in Jalawla"). One span when there
    is none."""
    cuts = sorted(
        _clause_start(t)
        for t in sentence
        if ((t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX")) or _contrasted(t))
        and (_has_subject(t) or (verb_phrases and t.dep_ == "conj" and t.pos_ == "VERB"))
    )
    if not cuts:
        return [sentence]
    doc = sentence.doc
    bounds = [sentence.start, *cuts, sentence.end]
    return [doc[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _contrasted(verb: Token) -> bool:
    """A clause set beside the main one by "while" or "whereas" ("An IS cell attacked an army
    post in Tarmiyah, while US jets struck hideouts in the Hamrin mountains") tells another
    act; "as", "when" and "after" clauses mostly tell the same one ("killed when a bomb
    exploded")."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children
    )


def _active(clause: Span) -> bool:
    """Whether the clause's verb has an active subject: somebody did something."""
    return any(c.dep_ == "nsubj" for c in clause.root.children)


def _has_subject(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in verb.children)


def _clause_start(verb: Token) -> int:
    """Where the coordinated clause begins: at its first word, after the ", and" before it."""
    return verb.left_edge.i
