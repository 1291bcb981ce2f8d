"""ACLED-coded events from Arabic text, with evidence in the original words.

:class:`ArabicEventCoder` reads one document sentence by sentence (see :meth:`~ArabicEventCoder.
code`). The sub-event type comes from the cue lexicon (``lexicon/arabic_cues.toml``), places
from the gazetteer's Arabic names, actors from the pack's Arabic aliases, dates relative to the
post's date, tolls from Arabic number words and digits. The coded fields are ACLED's English
vocabulary; the evidence quotes the sentence as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from orbat.extract.arabic.facts import sentence_date, sentence_toll
from orbat.extract.arabic.lexicon import ArabicLexicon
from orbat.extract.arabic.names import (
    ActorName,
    ArabicActors,
    ArabicPlaces,
    PlaceName,
    precision_of,
)
from orbat.extract.arabic.roles import Party, assign_roles, find_parties, generic_party
from orbat.extract.arabic.text import ReadText, Sentence
from orbat.extract.records import EventRecord, Evidence
from orbat.packs import Actor
from orbat.taxonomy import civilian_targeting, interaction, sub_event_type

__all__ = ["ArabicEventCoder", "SentenceReading"]

# Violent sub-types whose attacker, when the text names none, is ACLED's unidentified group.
_UNNAMED_ATTACKER = frozenset({"remote_explosive", "attack", "shelling", "grenade"})
_GEO_PRECISION = {"site": 1, "city": 1, "admin3": 2, "admin2": 2, "admin1": 3, "country": 3}
# After a dateline's place: an outlet in brackets, then a dash or a colon.
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?[-–—:]")
_CONFIDENCE = 0.6
# Cue rank from which a sentence is an event even when the document names no place.
_PLACELESS_RANK = 70
# Cue rank up to which a later sentence with no place of its own refers back to the event
# before it ("الهجوم", "الحادث") rather than reporting a new one.
_ANAPHOR_RANK = 30  # one rule-based reading of one sentence; no second opinion


@dataclass(slots=True)
class SentenceReading:
    """What one sentence gives: its cue, names, places, and (if it reports one) its event."""

    sentence: Sentence
    sub_event: str | None
    names: list[ActorName]
    places: list[PlaceName]
    claim_words: dict[str, int] = field(default_factory=dict)  # claims group → token index
    cue_clauses: frozenset[int] = frozenset()  # clauses holding an event cue
    trigger_at: int | None = None  # token of the first cue
    rank: int = 0  # rank of the cue that chose the sub-event type
    keys: frozenset[str] = frozenset()  # every sub-event type a cue of the sentence names
    dateline: int | None = None  # token where a dateline's place starts ("الموصل (رويترز) -")
    record: EventRecord | None = None
    parties: list[Party] = field(default_factory=list)


class ArabicEventCoder:
    """Events of an Arabic document; build once per process."""

    def __init__(
        self, extractor: str, lexicon: ArabicLexicon, actors: ArabicActors, places: ArabicPlaces
    ) -> None:
        self.extractor = extractor
        self.lexicon = lexicon
        self.actors = actors
        self.places = places

    # -- reading ---------------------------------------------------------------------------
    def read(self, text: ReadText) -> list[SentenceReading]:
        """Every sentence with its cue, names and places (no coding yet)."""
        out = []
        for sentence in text.sentences:
            names = self.actors.find(text, sentence.first, sentence.last)
            taken = {i for n in names for i in range(n.first, n.last)}
            places = self.places.find(text, sentence.first, sentence.last, taken)
            claims: dict[str, int] = {}
            for i, phrase in self.lexicon.claims.find(text.tokens, sentence.first, sentence.last):
                claims.setdefault(phrase.value, i)
            cues = self.lexicon.cues.find(text.tokens, sentence.first, sentence.last)
            clauses = frozenset(sentence.clause_of[i - sentence.first] for i, _ in cues)
            sub_event, rank = self._sub_event(text, sentence)
            reading = SentenceReading(sentence, sub_event, names, places, claims, clauses)
            reading.rank = rank
            reading.keys = frozenset(p.value.split("|")[0] for _, p in cues)
            reading.dateline = _dateline(text, sentence, places)
            reading.trigger_at = cues[0][0] if cues else None
            out.append(reading)
        return out

    def _sub_event(self, text: ReadText, sentence: Sentence) -> tuple[str | None, int]:
        """The sentence's sub-event key and its cue's rank: the highest-ranked cue, if a
        trigger that no threat or rumour word governs is among them."""
        tokens = text.tokens
        blocked_from: dict[int, int] = {}  # clause → token index of its first blocking word
        for i, _phrase in self.lexicon.blocking.find(tokens, sentence.first, sentence.last):
            clause = sentence.clause_of[i - sentence.first]
            blocked_from.setdefault(clause, i)
        best: tuple[int, str] | None = None
        triggered = False
        for i, phrase in self.lexicon.cues.find(tokens, sentence.first, sentence.last):
            key, rank, kind = phrase.value.split("|")
            clause = sentence.clause_of[i - sentence.first]
            if clause in blocked_from and blocked_from[clause] < i:
                continue
            triggered = triggered or kind != "means"
            if best is None or int(rank) > best[0]:
                best = (int(rank), key)
        return (best[1], best[0]) if best and triggered else (None, 0)

    # -- coding ----------------------------------------------------------------------------
    def code(
        self,
        text: ReadText,
        readings: list[SentenceReading],
        document_id: int,
        published: dt.date | None,
        heading: Party | None,
    ) -> list[EventRecord]:
        """Events of the document, one per sentence that reports one, twins merged.

        1. Place: the most precise place the sentence names, else the nearest sentence's.
           With no place in the document, only a cue that says how (a drone, a rocket, a
           bomb) makes an event: a bare "الهجوم" in a denial is nothing to code.
        2. Date: the sentence's day word or date, else the post's date.
        3. Parties and roles (:mod:`orbat.extract.arabic.roles`); an attack with no named
           attacker is the heading group's in its own post, the claimant's when claimed,
           else ACLED's unidentified group for blasts and shootings.
        4. Toll: the lowest figure of the killed the sentence gives.
        5. A later sentence reporting the same sub-type, place and day (a post's title line
           and body) is the same event: its missing fields fill the first one's; so is a
           later sentence that names no place and only says "the attack" (a cue no more
           precise than a clash).
        """
        records: list[EventRecord] = []
        seen: dict[tuple[str, str | None, dt.date | None], EventRecord] = {}
        for index, reading in enumerate(readings):
            if reading.sub_event is None:
                continue
            place = self._place(readings, index)  # 1.
            if place is None and reading.rank < _PLACELESS_RANK:
                continue  # "نفت ... علاقتها بالهجوم": no place, no weapon, nothing to code
            day = sentence_date(text, reading.sentence, published) if published else None  # 2.
            day = day or published
            record = self._record(text, reading, place, day, document_id, heading)  # 3. 4.
            reading.record = record
            if records and not reading.places and reading.rank <= _ANAPHOR_RANK:
                # "ولم تعلن أي جهة مسؤوليتها عن الهجوم": the attack already reported
                _fill(records[-1], record)
                reading.record = records[-1]
                continue
            key = (record.sub_event_type, record.place_id, record.event_date)
            if key in seen:  # 5.
                _fill(seen[key], record)
                reading.record = seen[key]
                continue
            seen[key] = record
            records.append(record)
        return records

    def _place(self, readings: list[SentenceReading], index: int) -> PlaceName | None:
        """Where the sentence's event happened.

        1. Of the places the sentence names: those in a clause with an event cue and after
           its first cue, else in a cued clause, else after its first cue (Arabic puts the
           target after the verb: "ونصرةً لأهلنا في غزة، استهدف ... قاعدة ... في عين
           الأسد" is not in Gaza), else all; a dateline's place ("الموصل (رويترز) -",
           where the story was filed) only when no other is.
        2. The most precise of them (a site before a town, a town before a governorate),
           the first named among equals.
        3. A sentence naming none takes the nearest sentence's place.
        """
        order = sorted(range(len(readings)), key=lambda j: (abs(j - index), j))
        for j in order:
            reading = readings[j]
            places = [p for p in reading.places if p.first != reading.dateline]
            cued = [
                p
                for p in places
                if reading.sentence.clause_of[p.first - reading.sentence.first]
                in reading.cue_clauses
            ]
            after = [
                p for p in places if reading.trigger_at is not None and p.first > reading.trigger_at
            ]
            both = [p for p in cued if p in after]
            chosen = both or cued or after or places or reading.places
            if chosen:
                return min(chosen, key=lambda p: (precision_of(p.place), p.first))
        return None

    def _host(self, place_id: str, country_code: str, actor1: Party | None) -> Party | None:
        """Who an attack on this place is against when the text names no one: a base's
        host (``[actors.site_hosts]``), or the country's military when an armed group
        strikes it from outside (``[actors.country_targets]``)."""
        host = self.lexicon.site_hosts.get(place_id)
        if host is not None:
            return _party(self.actors.pack.actor(host), "host")
        target = self.lexicon.country_targets.get(country_code)
        if target is not None and actor1 is not None and actor1.inter in (2, 3):
            return _party(self.actors.pack.actor(target), "host")
        return None

    def _record(
        self,
        text: ReadText,
        reading: SentenceReading,
        place_name: PlaceName | None,
        day: dt.date | None,
        document_id: int,
        heading: Party | None,
    ) -> EventRecord:
        key = reading.sub_event or self.lexicon.default_attack
        place = place_name.place if place_name else None
        country = place.country if place else None
        code = place.country_code if place else None
        parties = find_parties(
            text, reading.sentence, reading.names, country, code, day, self.actors, self.lexicon
        )
        reading.parties = parties
        actor1, actor2 = assign_roles(parties)
        if actor1 is None and heading is not None and heading.acled_name != _name(actor2):
            actor1 = heading
        toll = sentence_toll(text, reading.sentence, self.lexicon)
        if key == "armed_clash" and "arrests" in reading.keys and not toll:
            key = "arrests"  # a raid ("عملية إنزال") that arrested and killed no one
        if key == "arrests" and actor1 is not None and actor1.inter != 1:
            actor1, actor2 = None, actor1  # ACLED: the state arrests; the arrested are actor2
        if actor2 is None and place is not None:
            actor2 = self._host(place.id, place.country_code, actor1)
        if key == "armed_clash" and actor2 is not None and actor2.kind == "civilians":
            key = "attack"  # ACLED: an armed attack on civilians is violence against them
        if actor1 is None and key in _UNNAMED_ATTACKER:
            actor1 = generic_party("unidentified", country, 0, 0, "agent", self.actors)
        kind = sub_event_type(key)
        inter1 = actor1.inter if actor1 else None
        inter2 = actor2.inter if actor2 else None
        s, e, quote = text.quote(reading.sentence.start, reading.sentence.end)
        return EventRecord(
            event_date=day,
            time_precision=1 if day else 3,
            disorder_type=kind.disorder_type,
            event_type=kind.event_type,
            sub_event_type=kind.name,
            evidence=Evidence(document_id, s, e, quote),
            extractor=self.extractor,
            actor1=_name(actor1),
            inter1=inter1,
            actor2=_name(actor2),
            inter2=inter2,
            interaction=interaction(inter1, inter2) if inter1 else None,
            civilian_targeting=civilian_targeting(kind.name, inter1, inter2) or None,
            country=country,
            admin1=place.admin1 if place and place.kind != "country" else None,
            admin2=place.admin2 if place else None,
            location=place.name if place and place.kind != "country" else None,
            latitude=place.lat if place else None,
            longitude=place.lon if place else None,
            geo_precision=_GEO_PRECISION.get(place.kind) if place else None,
            place_id=place.id if place else None,
            notes=f"Coded from Arabic by {self.extractor}.",
            fatalities=toll,
            stance="claimed"
            if {"claimed", "claimed_noun"} & reading.claim_words.keys()
            else "asserted",
            confidence=_CONFIDENCE,
            extra={"language": "ar"},
        )


def _dateline(text: ReadText, sentence: Sentence, places: list[PlaceName]) -> int | None:
    """The token of a place that opens the text as a dateline ("بغداد - قالت...")."""
    if sentence.first != 0 or not places or places[0].first != 0:
        return None
    after = text.tokens[places[0].last - 1].end
    return 0 if _DATELINE_AFTER.match(text.norm.text, after) else None


def _party(actor: Actor, kind: str) -> Party:
    return Party(actor.acled_name, actor.inter, actor.id, 0, 0, "target", kind)


def _name(party: Party | None) -> str | None:
    return party.acled_name if party else None


def _fill(first: EventRecord, later: EventRecord) -> None:
    """Fields the first mention of an event lacks, taken from a later one."""
    for name in ("actor1", "inter1", "actor2", "inter2", "fatalities"):
        if getattr(first, name) is None and getattr(later, name) is not None:
            setattr(first, name, getattr(later, name))
    if first.inter1:
        first.interaction = interaction(first.inter1, first.inter2)
