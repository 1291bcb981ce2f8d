"""Tie an event sentence to its time and place through the sentences around it.

News tells one event over several sentences. "Attackers had slit the throats of the mother
and three sisters of an election official in their home." names neither town nor day; the
next sentences do ("The employee, from … the town of Hamrin …", "… the killings late on
Sunday"). "During the operation, large quantities of weapons were seized" happened where
the sentence before put "the operation". A lead that places an airstrike only "across the
border in Syria" is placed by a later sentence about "the US airstrike … in the Syrian border
town of Albu Kamal". This module finds those neighbours; the extractor codes the event from
them and keeps them in the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from orbat.extract.classify import Classification, Cue
from orbat.nlp.sentences import paragraph_of

if TYPE_CHECKING:
    pass

__all__ = [
    "Sentence",
    "definite_spans",
    "fresh_cues",
    "is_follow_up",
    "neighbour_span",
    "new_act_at",
    "placing_sentence",
    "refers_back",
]

# A definite noun phrase naming a kind of event ("the operation", "this attack", "the US
# airstrike", "last week's airstrike"): the sentence continues a story already told.
_EVENT_NOUNS = (
    r"operation|raid|attack|assault|strike|airstrike|air strike|drone strike|bombing|blast|"
    r"explosion|shelling|clash(?:es)?|fighting|battle|campaign|killings?|incident|ambush|"
    r"arrests?|crackdown|offensive|missiles?|rockets?|drones?|shells?"
)
_DEFINITE_EVENT = re.compile(
    rf"\b(?:the|this|that|these|those|\w+(?:'|’)s)\s+(?:[\w-]+\s+){{0,2}}?(?:{_EVENT_NOUNS})\b",
    re.I,
)
# "claimed responsibility for an attack": an indefinite event noun introduces another event.
_NEW_EVENT = re.compile(rf"\b(?:an?|another)\s+(?:[\w-]+\s+){{0,2}}?(?:{_EVENT_NOUNS})\b", re.I)
# A target an event's sentence introduces, which a later sentence may name again.
_NEW_TARGET = re.compile(
    r"\b(?:an?)\s+(?:[\w-]+\s+){0,3}?(?P<noun>post|checkpoint|base|convoy|patrol|position"
    r"|outpost|barracks|headquarters|camp|vehicle|car|house|village)\b",
    re.I,
)
# How far after "the airstrike" a town still says where that airstrike was.
_REFERENCE_REACH = 100
# How many following sentences of the paragraph may complete an event's time and place.
_FOLLOWING = 2

Anchors = Callable[[int, int], bool]


class Sentence(Protocol):
    """A sentence of the article, parsed (a spaCy ``Span``) or not: where it is, what it says."""

    @property
    def start_char(self) -> int: ...
    @property
    def end_char(self) -> int: ...
    @property
    def text(self) -> str: ...


def refers_back(text: str) -> bool:
    """Whether ``text`` refers to an event with a definite noun phrase ("the operation")."""
    return _DEFINITE_EVENT.search(text) is not None


def neighbour_span(
    text: str,
    index: int,
    sents: Sequence[Sentence],
    codes: Sequence[Classification | None],
    anchors: Anchors,
) -> tuple[int, int] | None:
    """The character span from sentence ``index`` over the neighbours that date or place its
    event, or ``None`` when no neighbour does.

    1. Following sentences of the same paragraph (at most two) that tell no other kind of
       event: each that gives a date or a town extends the span.
    2. Else, when the sentence refers back ("During the operation, …"), the sentence before
       it in the same paragraph, if that one gives a date or a town.

    ``anchors(start, end)`` says whether ``text[start:end]`` has a date or town of its own.
    ``sents`` are all the article's sentences, in order; ``codes`` their classifications.
    """
    sentence = sents[index]
    coded = codes[index]
    para_start, para_end = paragraph_of(text, sentence.start_char)
    start, end = sentence.start_char, sentence.end_char
    window = sents[index + 1 : index + 1 + _FOLLOWING]
    if (
        not text[para_start:start].strip()
        and not text[end:para_end].strip()
        and any(refers_back(other.text) for other in window)
    ):
        # Web news often gives each sentence a paragraph of its own: then the story goes on
        # in the next paragraph, when that refers back to it ("… for the killings").
        following = text.find("\n", para_end + 1)
        while following >= 0 and not text[para_end:following].strip():
            following = text.find("\n", following + 1)
        para_end = len(text) if following < 0 else following
    found = False
    # 1.
    for j, other in enumerate(window, start=index + 1):
        if other.start_char >= para_end or _NEW_EVENT.search(other.text):
            break
        told = codes[j]
        if told is not None and coded is not None and told.event_type != coded.event_type:
            break
        if anchors(other.start_char, other.end_char):
            end, found = other.end_char, True
    if found:
        return start, end
    # 2.
    if index > 0 and refers_back(sentence.text):
        before = sents[index - 1]
        if before.start_char >= para_start and anchors(before.start_char, before.end_char):
            return before.start_char, end
    return None


def placing_sentence(
    index: int,
    sents: Sequence[Sentence],
    towns_in: Callable[[int, int], list[str]],
    told: str = "",
) -> int | None:
    """A later sentence of the article that refers back to the event of sentence ``index``
    with a definite noun phrase and names a town (``towns_in`` gives the place ids of the
    towns inside a span, in the event's country); the first one, or ``None``. The noun may
    be the event's ("the attack") or, when ``told`` is the event's own sentence, a target it
    introduced ("an Iraqi army post" … "The militants stormed the post in al-Mataibijah").
    """
    targets = {m["noun"].lower() for m in _NEW_TARGET.finditer(told)}
    echo = (
        re.compile(rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(targets))})\b", re.I)
        if targets
        else None
    )
    for j in range(index + 1, len(sents)):
        other = sents[j]
        references = [*_DEFINITE_EVENT.finditer(other.text)]
        if echo is not None:
            references += echo.finditer(other.text)
        for match in references:
            at = other.start_char + match.end()
            if towns_in(at, min(at + _REFERENCE_REACH, other.end_char)):
                return j
    return None


def definite_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Character spans of the definite event noun phrases in ``sentence`` that refer back
    ("the strike", "last week's airstrike"); "the arrest of 18 individuals" describes a new
    one through its complement and does not count."""
    base, text = sentence.start_char, sentence.text
    return [
        (base + m.start(), base + m.end())
        for m in _DEFINITE_EVENT.finditer(text)
        if not _COMPLEMENT.match(text, m.end())
    ]


def fresh_cues(sentence: Sentence, cues: Sequence[Cue]) -> list[Cue]:
    """The cues of ``sentence`` that lie in no definite back-reference (:func:`definite_spans`):
    the words that tell an act of the sentence's own."""
    told = definite_spans(sentence)
    return [c for c in cues if not any(a <= c.char_start < b for a, b in told)]


def is_follow_up(sentence: Sentence, coded: Classification) -> bool:
    """Whether every cue that decided the sentence's event is a definite back-reference."""
    return bool(coded.cues) and not fresh_cues(sentence, coded.cues)


_COMPLEMENT = re.compile(r"\s+of\b", re.I)


def new_act_at(sentence: Sentence, coded: Classification, default: int) -> int:
    """Where ``sentence`` tells its own act: its first cue that is no back-reference to an act
    told before ("The attack came a day after PKK fighters killed two soldiers": the killing,
    not the attack); ``default`` when it has no cue."""
    cues = fresh_cues(sentence, coded.cues) or list(coded.cues)
    return cues[0].char_start if cues else default
