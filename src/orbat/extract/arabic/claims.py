"""Claims of responsibility and denials in Arabic text, with the claimant.

Three ways an Arabic text claims an attack:

1. Outright: "تبنت X", "أعلنت X مسؤوليتها عن", "X تعلن تبنيها" — whoever the sentence
   names next to the claim word claims it (any actor: the Pentagon claims strikes too).
2. Denials: "نفت X", "X تنفي", "مكتب إعلام X: ننفي" — the actor named next to the word.
3. In its own voice: a faction's post reports its own attack ("استهدف مجاهدو المقاومة
   الإسلامية...", "أعلنت قسد أن مقاتليها صدوا هجوماً"): a non-state armed group that is the
   attacker of the post's event, or announces it, claims it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from orbat.extract.arabic.events import SentenceReading
from orbat.extract.arabic.names import ArabicActors
from orbat.extract.arabic.roles import Party
from orbat.extract.arabic.text import ReadText
from orbat.extract.records import Evidence
from orbat.extract.statements import EventSpan
from orbat.extract.statements.records import Statement

__all__ = ["find_claims"]

_ARMED_GROUPS = frozenset({2, 3})  # ACLED inter codes: rebel groups, political militias
_CLAIMANT_REACH = 6  # tokens between a claim word and the name of who makes it
# Lexicon group, the claim's predicate, whether the claimant may follow the word.
_CLAIM_WORDS = (
    ("claimed", "claimed", True),
    ("denied", "denied", True),
    ("claimed_noun", "claimed", False),
    ("denied_noun", "denied", False),
)


def find_claims(
    text: ReadText,
    readings: Sequence[SentenceReading],
    actors: ArabicActors,
    document_id: int,
    published: dt.date | None,
    events: Sequence[EventSpan],
    heading: Party | None,
) -> list[Statement]:
    """Claims and denials of a document, one per claimant and predicate, in text order."""
    out: dict[tuple[str, str], Statement] = {}
    for reading in readings:
        found: list[tuple[str, str, str]] = []  # (predicate, actor id, surface)
        for group, predicate, after in _CLAIM_WORDS:
            if group in reading.claim_words:
                who = _claimant(text, reading, reading.claim_words[group], actors, after=after)
                if who is not None:
                    found.append((predicate, *who))
        found += _own_voice(text, reading, actors, heading)
        for predicate, actor_id, surface in found:
            if (actor_id, predicate) in out:
                continue
            s, e, quote = text.quote(reading.sentence.start, reading.sentence.end)
            record = reading.record
            out[(actor_id, predicate)] = Statement(
                kind="claim",
                predicate=predicate,
                subject_id=actor_id,
                subject_text=surface,
                object_id=None,
                object_text="",
                stance="asserted",
                evidence=Evidence(document_id, s, e, quote),
                speaker_id=actor_id,
                speaker_text=surface,
                statement_date=(record.event_date if record else None) or published,
                event_id=_event_for(s, e, events),
            )
    return list(out.values())


def _surface(text: ReadText, first: int, last: int) -> str:
    tokens = text.tokens
    return text.quote(tokens[first].start, tokens[last - 1].end)[2]


def _claimant(
    text: ReadText, reading: SentenceReading, at: int, actors: ArabicActors, *, after: bool
) -> tuple[str, str] | None:
    """The actor named nearest a claim word: for a verb after it first (Arabic puts the
    subject after the verb), else before it; for a noun ("مسؤوليته") before it only."""
    following = [n for n in reading.names if 0 <= n.first - at <= _CLAIMANT_REACH]
    before = [n for n in reading.names if n.last <= at]
    name = following[0] if following and after else before[-1] if before else None
    if name is None:
        states = [p for p in reading.parties if p.kind == "state" and p.actor_id]
        if states:
            party = min(states, key=lambda p: abs(p.first - at))
            return str(party.actor_id), _surface(text, party.first, party.last)
        return None
    country = reading.record.country if reading.record else None
    day = reading.record.event_date if reading.record else None
    actor = actors.choose(name.ids, country, day)
    return actor.id, _surface(text, name.first, name.last)


def _own_voice(
    text: ReadText, reading: SentenceReading, actors: ArabicActors, heading: Party | None
) -> list[tuple[str, str, str]]:
    """A non-state armed group's claim of the sentence's event in its own voice."""
    record = reading.record
    if record is None or record.sub_event_type in ("Peaceful protest", "Arrests"):
        return []
    if "denied" in reading.claim_words:
        return []  # "نفت ... وقالت في بيان": a statement denying, not claiming
    voiced = "self_voice" in reading.claim_words  # the attacker's own words ("مجاهدونا")
    out = []
    attacker = next((p for p in reading.parties if p.acled_name == record.actor1), None)
    if heading is not None and heading.acled_name == record.actor1:
        # The post opens with the group's name: it speaks of its own attack.
        attacker = attacker or heading
        voiced = True
    if voiced and attacker and attacker.actor_id and attacker.inter in _ARMED_GROUPS:
        out.append(("claimed", attacker.actor_id, _surface(text, attacker.first, attacker.last)))
    if "announce" in reading.claim_words:
        at = reading.claim_words["announce"]
        announcer = next(
            (
                p
                for p in reading.parties
                if p.kind == "named" and 0 <= p.first - at <= 3 and p.inter in _ARMED_GROUPS
            ),
            None,
        )
        if announcer is not None and announcer.actor_id:
            surface = _surface(text, announcer.first, announcer.last)
            out.append(("claimed", announcer.actor_id, surface))
    return out


def _event_for(start: int, end: int, events: Sequence[EventSpan]) -> int | None:
    """The stored event a claim in ``[start, end)`` concerns: one in the same sentence,
    else the nearest before it, else the first after it."""
    inside = [e for e in events if e.start < end and start < e.end]
    if inside:
        return inside[0].event_id
    before = [e for e in events if e.end <= start]
    if before:
        return before[-1].event_id
    after = [e for e in events if e.start >= end]
    return after[0].event_id if after else None
