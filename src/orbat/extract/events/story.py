"""An article tells an event over several sentences: the passes that, once each sentence's
events are coded, tie them into one story. An air strike takes the striker a release named
sentences before, an unclaimed attack its later claimant, an event placed only by its country
the town a later sentence gives, and a follow-up sentence the coding of the event it refers
back to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from orbat.extract.actors import (
    ActorFinder,
    ActorRoles,
    assign_actors,
    named_in_country,
    unnamed_attacker,
)
from orbat.extract.anchor import is_follow_up, placing_sentence
from orbat.extract.article import ArticleView, Unparsed
from orbat.extract.candidates import Candidate
from orbat.extract.classify import Classification, EventClassifier
from orbat.extract.events.reading import dated_only_by_its_telling, event_stance, sentence_days
from orbat.extract.locate import PLACE_KEYS, place_fields
from orbat.extract.records import EventRecord, Evidence
from orbat.extract.retype import retyped
from orbat.extract.state_forces import on_the_day
from orbat.extract.toll_sentences import ACTOR_FIELDS, same_parties
from orbat.resolve.geometry import km_between
from orbat.taxonomy import Inter

if TYPE_CHECKING:
    from spacy.tokens import Span

    from orbat.nlp.dates import DateMention
    from orbat.packs import Pack
    from orbat.resolve.places import ResolvedPlace

__all__ = [
    "date_by_later_sentence",
    "join_follow_ups",
    "name_unnamed_strikers",
    "place_by_later_reference",
]

_AIR_STRIKE = "Air/drone strike"
# How a sentence that only counts strikes is read when looking for who flew them.
_AS_AIR_STRIKE = Classification(
    _AIR_STRIKE, "Explosions/Remote violence", "Political violence", 0.0, (), {}
)
#: How many sentences back an unnamed air strike looks for the force that flew it.
_STRIKER_LOOKBACK = 30
_GENERIC_FIGHTING = frozenset({"Armed clash", "Attack"})
_STATE_SIDES = frozenset({int(Inter.STATE_FORCES), int(Inter.EXTERNAL_OTHER)})


def name_unnamed_strikers(
    sents: Sequence[Span | Unparsed],
    codes: Sequence[Classification | None],
    found: Sequence[Candidate],
    classifier: EventClassifier,
    finder: ActorFinder,
    pack: Pack,
) -> None:
    """An air strike whose sentence names no striker was flown by the striker of the
    latest earlier air-strike sentence that names one. Military releases name the force
    once ("Coalition military forces conducted 15 strikes in Syria"), then list its
    strikes by place ("Near Mosul, seven strikes engaged four ISIL tactical units")."""
    strikers: dict[int, ActorRoles | None] = {}

    def striker(j: int) -> ActorRoles | None:
        if j not in strikers:
            sentence, coded = sents[j], codes[j]
            roles = None
            if not isinstance(sentence, Unparsed):
                roles = _striker_roles(sentence, coded, classifier, finder, pack)
            strikers[j] = roles if roles and not unnamed_attacker(roles.actor1) else None
        return strikers[j]

    for candidate in found:
        record = candidate.record
        if record.sub_event_type != _AIR_STRIKE or not unnamed_attacker(record.actor1):
            continue
        i = candidate.sentence
        named = next(
            (r for j in range(i - 1, max(-1, i - _STRIKER_LOOKBACK), -1) if (r := striker(j))),
            None,
        )
        if named is None:
            continue
        # ... and at the target it names, when the strike's own sentence names none
        # ("Near Ayn Isa, one strike destroyed a repeater station").
        actor2, inter2 = record.actor2, record.inter2
        if actor2 is None and named.actor2 is not None:
            actor2 = on_the_day(
                named_in_country(named.actor2, record.country, pack), record.event_date, pack
            )
            inter2 = named.inter2
        candidate.record = retyped(
            record,
            record.sub_event_type,
            actor1=named.actor1 and on_the_day(named.actor1, record.event_date, pack),
            inter1=named.inter1,
            actor2=actor2,
            inter2=inter2,
        )


def _striker_roles(
    sentence: Span,
    coded: Classification | None,
    classifier: EventClassifier,
    finder: ActorFinder,
    pack: Pack,
) -> ActorRoles | None:
    """Who flies the strikes ``sentence`` tells of or counts, or who attacks in it when that
    is a state or the coalition ("U.S. and coalition military forces continued to attack ISIL
    …": a release's lead names the force whose strikes it then lists)."""
    if _tells_of_air_strikes(classifier, sentence, coded):
        return assign_actors(sentence, coded or _AS_AIR_STRIKE, None, finder, pack=pack)
    if coded is None or coded.sub_event_type not in _GENERIC_FIGHTING:
        return None
    roles = assign_actors(sentence, coded, None, finder, pack=pack)
    return roles if roles and roles.inter1 in _STATE_SIDES else None


def _tells_of_air_strikes(
    classifier: EventClassifier, sentence: Span, coded: Classification | None
) -> bool:
    """An air-strike sentence, or one that counts strikes without coding an event of its
    own ("coalition forces conducted 9 strikes against the group in Iraq")."""
    if coded is not None:
        return coded.sub_event_type == _AIR_STRIKE
    return any(c.label.startswith("cue:air_strike") for c in classifier.cues(sentence))


def place_by_later_reference(
    article: ArticleView,
    sents: Sequence[Span | Unparsed],
    places: Sequence[ResolvedPlace],
    found: list[Candidate],
) -> None:
    """Place events known only by their country, or only as "near" or "north of" a town,
    from a later sentence that refers back to them and names a town of that country (for
    "near", one close by: "north of Baghdad" … "The attack on Camp Taji"); that sentence
    becomes one more mention (one more candidate at the end of ``found``), and its own
    reading of the same town is that mention, not another event."""
    for candidate in found[:]:
        record = candidate.record
        if record.geo_precision not in (None, 2, 3) or not record.country:
            continue
        # "north of Baghdad" points away from the town, to a spot a later sentence may name;
        # "near Baghdad" is the town's surroundings, already placed.
        near = (
            record.geo_precision == 2
            and record.latitude is not None
            and bool(_COMPASS_OF.search(record.evidence.quote))
        )
        if record.geo_precision == 2 and not near:
            continue

        def towns_in(
            start: int,
            end: int,
            country: str = record.country,
            near: bool = near,
            origin: EventRecord = record,
        ) -> list[str]:
            return [
                p.place.id
                for p in places
                if start <= p.start < end
                and p.place.kind in ("city", "site")
                and p.place.country == country
                and (not near or _close(p, origin))
            ]

        j = placing_sentence(candidate.sentence, sents, towns_in, record.evidence.quote)
        if j is None:
            continue
        later = sents[j]
        town = next(
            p
            for p in places
            if later.start_char <= p.start < later.end_char
            and p.place.id in set(towns_in(later.start_char, later.end_char))
        )
        fields = place_fields(town)
        candidate.record = replace(record, **fields)
        quote = article.text[later.start_char : later.end_char]
        mention = replace(
            candidate.record,
            evidence=Evidence(article.id, later.start_char, later.end_char, quote),
            fatalities=None,
            stance=event_stance(quote),
        )
        own = [c.record for c in found if _same_telling(c, j, town, candidate.record)]
        # Sentence j's own reading may know the attacker the first telling did not (a claim
        # named it): the mention that stands for it keeps it.
        named = [r for r in own if not unnamed_attacker(r.actor1)]
        if named and unnamed_attacker(mention.actor1):
            mention = replace(mention, **{f: getattr(named[0], f) for f in _ATTACKER_FIELDS})
        found[:] = [c for c in found if c.record not in own]
        found.append(Candidate(mention, j, candidate.own_date, True, tied=True))


_ATTACKER_FIELDS = ("actor1", "assoc_actor_1", "inter1", "stance")


def _same_telling(other: Candidate, j: int, town: ResolvedPlace, record: EventRecord) -> bool:
    """Whether ``other`` is sentence ``j``'s own reading of the event it refers back to: the
    same town, and the same event type or only a generic "attack" word."""
    return (
        other.sentence == j
        and other.record.place_id == town.place.id
        and (
            other.record.event_type == record.event_type
            or (
                other.record.sub_event_type in ("Armed clash", "Attack")
                and not _BATTLE.search(other.record.evidence.quote)
            )
        )
    )


_COMPASS_OF = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s", re.I)
_BATTLE = re.compile(
    r"\b(?:clash\w*|fight\w*|battl\w*|gunfight|firefight|exchange\s+of\s+fire)", re.I
)


def _close(place: ResolvedPlace, record: EventRecord) -> bool:
    """Whether ``place`` lies near enough to an event placed by a bearing from a town ("north
    of Baghdad") to be the spot that bearing points to."""
    assert record.latitude is not None and record.longitude is not None
    km = km_between(place.place.lat, place.place.lon, record.latitude, record.longitude)
    return km <= _NEAR_TOWN_KM


#: How far from "north of Baghdad" the spot a later sentence names may lie (Taji: 27 km,
#: al-Mataibijah: 110 km).
_NEAR_TOWN_KM = 120.0


def join_follow_ups(
    sents: Sequence[Span | Unparsed],
    codes: Sequence[Classification | None],
    found: Sequence[Candidate],
) -> None:
    """A sentence that names its event only by a definite back-reference ("the two brigades
    hit in last week's airstrike", "fragments of the missiles used in the strike") tells more
    about an event already reported: it takes that event's coding (the latest earlier one of
    the same event type) and becomes one more mention of it."""
    for candidate in found:
        record = candidate.record
        coded = codes[candidate.sentence]
        if candidate.tied or coded is None or not is_follow_up(sents[candidate.sentence], coded):
            continue
        earlier = [
            e
            for e in found
            if e.sentence < candidate.sentence
            and e.record.event_type == record.event_type
            and e.own_place
        ]
        if not earlier:
            continue
        told = max(earlier, key=lambda e: e.sentence)
        source = told.record
        # "Four regime soldiers were killed in the fighting": the fighting's parties, when
        # the follow-up names no one else.
        parties = (
            {f: getattr(source, f) for f in ACTOR_FIELDS} if same_parties(record, source) else {}
        )
        # "A drone strike in eastern Baghdad …" then "The strike hit the vehicle in the Mashtal
        # district": the follow-up's own quarter of the city is the event's place, for both.
        finer = candidate.own_place and _quarter_of(record, source)
        place = {f: getattr(record if finer else source, f) for f in PLACE_KEYS}
        if finer:
            told.record = replace(source, **place)
        candidate.record = replace(
            record,
            **parties,
            sub_event_type=source.sub_event_type,
            disorder_type=source.disorder_type,
            event_date=source.event_date,
            time_precision=source.time_precision,
            **place,
        )
        candidate.own_date = candidate.own_place = True


def _quarter_of(part: EventRecord, city: EventRecord) -> bool:
    """Whether ``part`` is placed at another spot close to ``city``, a city named as its own
    province or district (Baghdad, Mosul, Raqqa): a quarter or suburb of it, not a vaguer
    mention of it."""
    if part.place_id == city.place_id or part.admin1 != city.admin1 or city.location is None:
        return False
    if city.location not in (city.admin1, city.admin2) or part.latitude is None:
        return False
    if city.latitude is None or part.longitude is None or city.longitude is None:
        return False
    km = km_between(part.latitude, part.longitude, city.latitude, city.longitude)
    return km <= _QUARTER_KM


#: How far from a city's point its quarters and suburbs lie (Baghdad's Mashtal: 8 km).
_QUARTER_KM = 20.0


def date_by_later_sentence(
    sents: Sequence[Span | Unparsed], dates: Sequence[DateMention], found: list[Candidate]
) -> None:
    """Date an event its own sentence did not (only the day it was told, or no day) by the
    day a later sentence gives it through a back-reference: "… killed three militants, the
    Joint Operations Command said on Saturday. The strike was carried out on Thursday". That
    sentence becomes one more mention of the event (one more candidate at the end of
    ``found``): the evidence of the day."""
    told = {c.sentence for c in found}
    dating: list[Candidate] = []
    for candidate in found:
        record = candidate.record
        if candidate.own_date and not dated_only_by_its_telling(sents[candidate.sentence], dates):
            continue
        for j in range(candidate.sentence + 1, min(len(sents), candidate.sentence + 3)):
            sentence = sents[j]
            if j in told or not _BACK_REFERENCE.match(sentence.text):
                continue
            day = _day_of_the_act(sentence, dates)
            if day is not None and (record.event_date is None or day.date <= record.event_date):
                candidate.record = replace(
                    record, event_date=day.acled_date, time_precision=day.time_precision
                )
                candidate.own_date = True
                where = Evidence(
                    record.evidence.document_id,
                    sentence.start_char,
                    sentence.end_char,
                    sentence.text,
                )
                mention = replace(
                    candidate.record,
                    evidence=where,
                    fatalities=None,
                    stance=event_stance(sentence.text),
                )
                dating.append(Candidate(mention, j, True, True, tied=True))
            break
    found += dating


def _day_of_the_act(sentence: Span | Unparsed, dates: Sequence[DateMention]) -> DateMention | None:
    """The first day ``sentence`` gives that is not the day something was told."""
    return next((m for m, told in sentence_days(sentence, dates) if not told and not m.filed), None)


# A sentence about the event told just before, by a definite back-reference as its subject:
# "The strike was carried out on Thursday", "The attack took place late on Monday".
_BACK_REFERENCE = re.compile(
    r"^\s*(?:The|This|That)\s+(?:[\w-]+\s+){0,2}?(?:strikes?|airstrikes?|raids?|attacks?"
    r"|bombing|blast|explosion|operation|ambush|clash(?:es)?|shelling|assault|killings?"
    r"|assassination|incident)\s+(?:was|were|took|happened|occurred|came|had\s+been)\b",
    re.I,
)
