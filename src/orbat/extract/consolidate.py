"""Within one article: sentences that continue the same story become one event, fully coded.

News tells an event over several sentences: the lead gives the day ("killed on Friday"), a
later sentence the town ("in an IS attack on their base in Tarmiya"), another the weapon
("Two improvised explosive device attacks"). Coded sentence by sentence, that is three
half-events. This module lets follow-up sentences inherit what the story already said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from orbat.extract.actors import unnamed_attacker
from orbat.extract.candidates import Candidate
from orbat.extract.records import EventRecord
from orbat.extract.retype import retyped
from orbat.extract.unlisted import is_unlisted
from orbat.taxonomy import sub_event_type

__all__ = ["consolidate"]

# Words that mark a real exchange of fire; without them "attacked"/"targeted" is a weak cue
# and a more specific weapon reported for the same day in the article wins.
_BATTLE_WORDS = re.compile(
    r"\b(clash\w*|fight\w*|battl\w*|gunfight|firefight|exchange of fire|engag\w*|ambush\w*"
    # Gunfire is no explosion: "gunmen opened fire on a commander" keeps its own type.
    r"|opened fire|open fire|gunfire|gunm[ae]n|shot dead|sniper"
    # Warding off an attack is a fight: "repelled an ISIS infiltration attempt".
    r"|repell?\w*|repuls\w*|thwart\w*)\b",
    re.I,
)
_PLACE_FIELDS = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "place_id",
)


def consolidate(found: Sequence[Candidate]) -> list[EventRecord]:
    """The records of an article's events (``found``, in order), each follow-up sentence's
    given the story's date, type and place.

    A candidate's ``own_date`` tells whether its sentence (or its paragraph) dated it itself;
    the others fell back to the publication date. Its ``own_place`` tells whether its place
    is named in its evidence; the others borrowed the last town named before it.

    1. Date: an undated follow-up of the same event type takes the date of the nearest
       earlier mention of that type.
    2. Type: on one day, a generic "attack"/"targeted" coded as Armed clash takes the more
       specific Explosions/Remote violence sub-type the article reports for that day, and,
       when it names no attacker, that event's attacker ("U.S. aircraft struck five
       facilities …" then "the strikes on Jurf al-Sakhar and Karbala killed …").
    3. Place: on one day and type, a mention placed only by its country, its province or
       "near" a town (or not at all) takes the one town the article gives in that
       province, so all become one event with several evidence sentences. A borrowed place
       says nothing about the province, so there the town of the day's event of that type
       wins wherever it is ("The two brigades hit in last week's airstrike…" after a
       paragraph that mentioned Tehran is the airstrike in Albu Kamal).
    4. Attacker: mentions of one happening that name no attacker take the one named in
       another mention of it.
    """
    borrowed = [not c.own_place for c in found]
    out = [c.record for c in found]
    # 1.
    for i, record in enumerate(out):
        if found[i].own_date:
            continue
        earlier = [r for r in out[:i] if r.event_type == record.event_type and r.event_date]
        if not earlier and found[i].sentence == 0:
            # A headline tells the story the body dates: "… kills three in Sinjar", then
            # "… killed three members of the PKK in Sinjar on Monday".
            earlier = [
                r
                for r, c in zip(out[i + 1 :], found[i + 1 :], strict=True)
                if c.own_date and r.event_type == record.event_type
            ][:1]
        if earlier:
            source = earlier[-1]
            out[i] = replace(
                record, event_date=source.event_date, time_precision=source.time_precision
            )
    # 2.
    for i, record in enumerate(out):
        if record.sub_event_type != "Armed clash" or _BATTLE_WORDS.search(record.evidence.quote):
            continue
        specific = [
            r
            for r in out
            if r.event_date == record.event_date
            and r.event_type == "Explosions/Remote violence"
            and not _other_attackers(record, r)
        ]
        if specific:
            sub = sub_event_type(specific[0].sub_event_type)
            attacker = _attacker_of(record, specific)
            out[i] = (
                retyped(record, sub.name, **attacker)
                if attacker
                else replace(
                    record,
                    sub_event_type=sub.name,
                    event_type=sub.event_type,
                    disorder_type=sub.disorder_type,
                )
            )
    # 3.
    for i, record in enumerate(out):
        summary = _country_only(record) or _province_only(record)
        if record.geo_precision == 1 or (record.event_date is None and not summary):
            # Undated mentions (no publication date) cannot be told apart by day, except a
            # country- or province-wide summary, which the text's own places retell.
            continue
        if is_unlisted(record.place_id):
            continue  # a village of its own the gazetteer lacks, not a vaguer mention
        loose = borrowed[i]
        precise = [
            r
            for r in out
            if r is not record
            and r.geo_precision == 1
            and r.event_date == record.event_date
            and r.event_type == record.event_type
            and (loose or record.country is None or r.country == record.country)
            # "near Baghdad" → "in Tarmiya, north of Baghdad": the vaguer place must hold the
            # precise one (same province), or the convoy hit in Nasiriyah would move to Taji.
            and (loose or record.admin1 is None or r.admin1 == record.admin1)
            and (loose or record.geo_precision != 2 or record.admin1 is not None)
            # Undated, only the same kind of act retells it.
            and (record.event_date is not None or r.sub_event_type == record.sub_event_type)
        ]
        if not precise and found[i].sentence == 0 and record.location is None:
            # A headline that names no place ("Islamic State kills 11 in attack on Iraqi army
            # post") tells the story the body places, in whatever precision the body has.
            precise = [
                r
                for r in out[i + 1 :]
                if r.location is not None
                and r.event_date == record.event_date
                and r.event_type == record.event_type
            ][:1]
        if not precise and (record.location is None or _country_only(record)):
            # "… landed in Turkey's Kilis province." then "The shells were fired from …":
            # placed nowhere or only by its country, the mention joins the day's one more
            # precise place of its type (in that country), whatever that place's precision.
            finer = {
                r.place_id: r
                for r in out
                if r.event_date == record.event_date
                and r.event_type == record.event_type
                and record.country in (None, r.country)
                and not _country_only(r)
                and r.location is not None
            }
            precise = list(finer.values()) if len(finer) == 1 else []
        if len({r.place_id for r in precise}) == 1 or (precise and summary):
            # A country- or province-wide summary of the day's strikes ("warplanes bombed
            # targets in northern Iraq" before "… in Haftanin and Metina"; "recaptured 8
            # villages in southern Aleppo" before the villages' names) is told again by each
            # of them: it joins the first, not an event of its own.
            out[i] = replace(record, **{f: getattr(precise[0], f) for f in _PLACE_FIELDS})
    # 4.
    return _one_attacker(out)


def _country_only(record: EventRecord) -> bool:
    return record.location is not None and record.location == record.country


def _province_only(record: EventRecord) -> bool:
    """Placed at a governorate as a whole ("in southern Aleppo"), not at a town in it."""
    return (
        record.location is not None
        and record.geo_precision != 1
        and record.location == record.admin1
    )


def _one_attacker(records: list[EventRecord]) -> list[EventRecord]:
    """Mentions of one happening (same day, place and event type: one event in the store)
    that name no attacker take the one another mention names ("Rockets struck near the
    embassy." … "officials said the rockets were fired by Kataib Hezbollah")."""
    happenings: dict[tuple[Any, ...], list[EventRecord]] = {}
    for r in records:
        if r.event_date is not None and r.place_id:
            happenings.setdefault(_happening(r), []).append(r)
    out = []
    for r in records:
        same = happenings.get(_happening(r), []) if r.event_date and r.place_id else []
        attacker = _attacker_of(r, same)
        out.append(retyped(r, r.sub_event_type, **attacker) if attacker else r)
    return out


def _happening(record: EventRecord) -> tuple[Any, ...]:
    return (record.event_date, record.place_id, record.event_type)


def _other_attackers(record: EventRecord, blast: EventRecord) -> bool:
    """Whether two mentions name different attackers ("An IS cell attacked an army post in
    Tarmiyah, while US jets struck hideouts in the Hamrin mountains"): two acts, and the
    attack is not the day's blast."""
    named = [a for a in (record.actor1, blast.actor1) if a and not unnamed_attacker(a)]
    return len(named) == 2 and named[0] != named[1]


def _attacker_of(record: EventRecord, specific: Sequence[EventRecord]) -> dict[str, Any]:
    """The attacker a generic mention takes from the day's specific events (``actor1``,
    ``inter1``): theirs when the mention names none and they all name the same one."""
    if not unnamed_attacker(record.actor1):
        return {}
    named = {(r.actor1, r.inter1) for r in specific if not unnamed_attacker(r.actor1)}
    if len(named) != 1 or next(iter(named))[0] == record.actor2:
        # ("One CTS fighter was wounded in the exchange of fire": the CTS is whom the
        # mention's unnamed attacker fought, never its own attacker.)
        return {}
    ((actor1, inter1),) = named
    return {"actor1": actor1, "inter1": inter1}
