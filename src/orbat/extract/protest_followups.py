"""A protest and what the police did to it, told in the next sentence, are one event.

"Hundreds rallied in Tahrir Square on Friday to demand early elections. Police fired tear gas to
disperse them, and dozens were injured." The second sentence names no protest and no place of
its own, so alone it codes nothing, and the rally stays a Peaceful protest. ACLED codes the
whole as a Protest with intervention (police actor2), or as Excessive force against protesters
(police actor1) when they used lethal force. Here the next sentence upgrades the protest when
it tells of intervention and codes nothing of its own; the evidence then runs on to include it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span

from orbat.extract.candidates import Candidate
from orbat.extract.classify import EventClassifier
from orbat.extract.records import EventRecord, Evidence
from orbat.extract.retype import retyped
from orbat.extract.state_forces import police_name
from orbat.nlp.numbers import CasualtyMention, acled_fatalities
from orbat.taxonomy import Inter

if TYPE_CHECKING:
    from orbat.packs import Pack

__all__ = ["police_the_protest"]

_PEACEFUL = "Peaceful protest"
_INTERVENTION = "Protest with intervention"
_EXCESSIVE = "Excessive force against protesters"


def police_the_protest(
    text: str,
    sents: Sequence[object],
    classifier: EventClassifier,
    found: Sequence[Candidate],
    casualties: Sequence[CasualtyMention],
    pack: Pack,
) -> None:
    """Upgrade each peaceful protest of ``found`` whose next sentence tells of intervention
    (in place); the police are named as ``pack`` names the country's."""
    for candidate in found:
        record = candidate.record
        after = candidate.sentence + 1
        if record.sub_event_type != _PEACEFUL or after >= len(sents):
            continue
        # The next sentence may have coded the shooting as an event of its own ("Security
        # forces opened fire with live ammunition, killing two"): it is this protest's.
        told = [c for c in found if c.sentence == after]
        if any(not (_the_police_acting(c.record) or _at_the_protest(c.record)) for c in told):
            continue
        sentence = sents[after]
        if not isinstance(sentence, Span):
            continue
        start, end = sentence.start_char, sentence.end_char
        if "\n\n" in text[record.evidence.end : start]:
            continue  # a new paragraph tells something else
        labels = {c.label for c in classifier.cues(sentence) if c.stance == "asserted"}
        if not labels & {"ctx:intervention", "ctx:excessive_force"}:
            continue
        killed = acled_fatalities([c for c in casualties if start <= c.start and c.end <= end])
        lethal = "ctx:excessive_force" in labels and bool(killed)
        # The force other than the state's own that the next sentence names ("SDF members
        # dispersed the demonstrators"), else the country's police.
        named = [
            force
            for c in told
            if not _the_police_acting(c.record) and (force := _force(c.record))[0]
        ]
        if named:
            police, police_inter = named[0]
        else:
            police = (
                police_name(record.country, record.event_date, pack) if record.country else "Police"
            )
            police_inter = int(Inter.STATE_FORCES)
        protesters = record.actor1
        actor1: str | None
        actor2: str | None
        inter1: int | None
        inter2: int | None
        if lethal:
            actor1, inter1, actor2, inter2 = police, police_inter, protesters, record.inter1
        else:
            actor1, inter1, actor2, inter2 = protesters, record.inter1, police, police_inter
        evidence = record.evidence
        candidate.record = upgraded = retyped(
            record,
            _EXCESSIVE if lethal else _INTERVENTION,
            actor1=actor1,
            inter1=inter1,
            actor2=actor2,
            inter2=inter2,
            fatalities=killed if lethal else record.fatalities,
            evidence=Evidence(
                evidence.document_id, evidence.start, end, text[evidence.start : end]
            ),
        )
        for c in told:
            c.record = replace(
                upgraded,
                evidence=c.record.evidence,
                fatalities=c.record.fatalities,
                extra=c.record.extra,
            )


def _at_the_protest(record: EventRecord) -> bool:
    """Whether ``record`` codes a force acting on protesters ("SDF members dispersed the
    demonstrators by firing into the air"): the protest told before, seen again."""
    return record.sub_event_type in (_INTERVENTION, _EXCESSIVE) and any(
        (a or "").startswith("Protesters") for a in (record.actor1, record.actor2)
    )


def _force(record: EventRecord) -> tuple[str | None, int | None]:
    """The force that acted on the protesters in ``record``, and its inter code."""
    if (record.actor1 or "").startswith("Protesters"):
        return record.actor2, record.inter2
    return record.actor1, record.inter1


def _the_police_acting(record: EventRecord) -> bool:
    """Whether ``record`` is the state's forces acting on nobody named (how a sentence about
    firing on a crowd that says "them" is coded on its own)."""
    return (record.actor1 or "").startswith(("Police Forces", "Military Forces")) and (
        record.actor2 is None or record.actor2.startswith(("Protesters", "Civilians"))
    )
