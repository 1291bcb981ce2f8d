"""Sentences that only count the dead of an event just told are that event, not another.

Short reports and wire copy tell the act first and the toll after it: "Fighting broke out
between the Syrian National Army and the SDF near Ain Issa. Three SNA fighters died.", "Peshmerga
forces repelled an ISIS attack near Makhmour. One Peshmerga fighter was killed and three were
injured." Coded alone, the second sentence is an "Attack" by nobody on the Peshmerga, and the
clash has no toll. Here such a sentence becomes one more mention of the event before it: it takes
that event's coding and keeps its own figure, so the stored event gets the toll (the lowest
figure of its mentions, as ACLED's codebook says) and no second event appears.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Span

from orbat.extract.anchor import fresh_cues
from orbat.extract.candidates import Candidate
from orbat.extract.classify import Classification
from orbat.extract.locate import PLACE_KEYS
from orbat.extract.records import ACLED_FIELDS, EventRecord, Evidence
from orbat.nlp.numbers import CasualtyMention, acled_fatalities

__all__ = [
    "ACTOR_FIELDS",
    "absorb_toll_sentences",
    "attach_following_tolls",
    "coding_of",
    "same_parties",
]

# Cues that only say people died or were hurt: no act of their own.
_TOLL_CUE = re.compile(
    r"^(?:killed|kill|died|dies|dead|death|deaths|die|wounded|injured|injuries|wounding"
    r"|casualties|lost\s+their\s+lives|perished|martyred)$",
    re.I,
)
#: How many sentences after the event's a toll sentence may come.
_REACH = 2
#: The fields that say who took part in an event: ACLED's columns from actor1 to
#: civilian_targeting.
ACTOR_FIELDS = ACLED_FIELDS[
    ACLED_FIELDS.index("actor1") : ACLED_FIELDS.index("civilian_targeting") + 1
]
#: The coding a mention takes from the event it tells more of: ACLED's columns up to
#: civilian_targeting.
_CODING = ACLED_FIELDS[: ACLED_FIELDS.index("civilian_targeting") + 1]


def coding_of(event: EventRecord) -> dict[str, Any]:
    """What a later mention of ``event`` takes from it (a toll sentence, weapons seized in
    its fight): its date, type, actors and place, so that it joins the same stored event."""
    return {name: getattr(event, name) for name in (*_CODING, *PLACE_KEYS)}


def absorb_toll_sentences(
    sents: Sequence[object],
    codes: Sequence[Classification | None],
    found: Sequence[Candidate],
) -> None:
    """Make each toll-only event of ``found`` a mention of the event told just before it
    (in place)."""
    for candidate in found:
        record = candidate.record
        coded = codes[candidate.sentence]
        sentence = sents[candidate.sentence]
        if coded is None or not coded.cues or not isinstance(sentence, Span):
            continue
        # "killed", or a back-reference to the act ("were killed in the fighting").
        if not all(_TOLL_CUE.match(c.text.strip()) for c in fresh_cues(sentence, coded.cues)):
            continue
        earlier = [
            e for e in found if candidate.sentence - _REACH <= e.sentence < candidate.sentence
        ]
        if not earlier:
            continue
        source = max(earlier, key=lambda e: e.sentence)
        event = source.record
        if candidate.own_place and record.place_id != event.place_id:
            continue  # a toll somewhere else is news of its own
        if candidate.own_date and record.event_date != event.event_date:
            continue
        if not same_parties(record, event):
            continue
        candidate.record = replace(record, **coding_of(event))
        candidate.own_date = source.own_date
        candidate.own_place = source.own_place


def same_parties(toll: EventRecord, event: EventRecord) -> bool:
    """Whether the dead of ``toll`` can be of ``event``: a named party of the toll sentence is
    one of the event's, or the toll sentence names none ("two people were killed")."""
    named = {a for a in (toll.actor1, toll.actor2) if a and not _generic(a)}
    return not named or bool(named & {event.actor1, event.actor2})


def _generic(actor: str) -> bool:
    return actor.startswith(("Unidentified", "Civilians"))


def attach_following_tolls(
    text: str,
    sentence_spans: Sequence[tuple[int, int]],
    codes: Sequence[Classification | None],
    found: Sequence[Candidate],
    casualties: Sequence[CasualtyMention],
) -> None:
    """Give an event without a toll the toll of the very next sentence, when that sentence
    reports nothing else ("... near Ain Issa on Wednesday. Three SNA fighters died."); its
    evidence then runs on to the end of that sentence, so the figure is in the quote."""
    sentence_of = [c.sentence for c in found]
    coded_sentences = set(sentence_of)
    for candidate in found:
        record = candidate.record
        after = candidate.sentence + 1
        if record.fatalities is not None or after >= len(sentence_spans):
            continue
        if after in coded_sentences or sentence_of.count(candidate.sentence) > 1:
            continue  # the next sentence is an event of its own; or whose toll would it be?
        coded = codes[after]
        if coded is not None and not all(_TOLL_CUE.match(c.text.strip()) for c in coded.cues):
            continue
        start, end = sentence_spans[after]
        if "\n\n" in text[record.evidence.end : start]:
            continue  # a new paragraph tells something else
        killed = [c for c in casualties if start <= c.start and c.end <= end]
        figure = acled_fatalities(killed)
        if figure is None:
            continue
        evidence = record.evidence
        candidate.record = replace(
            record,
            fatalities=figure,
            evidence=Evidence(
                evidence.document_id, evidence.start, end, text[evidence.start : end]
            ),
        )
