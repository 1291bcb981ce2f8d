"""ACLED's names for a country's state forces: its police and military at a date.

From the pack given (the extractor's): its state actors ("Military Forces of Syria (2024-)"),
their period names ("Police Forces of Syria (2024-)") and ACLED's generic names
(``acled_names.yaml``) when the pack has none for the country.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orbat.extract.arguments import StateNames
    from orbat.packs import Actor, Pack

__all__ = [
    "bare_forces",
    "military_name",
    "on_the_day",
    "police_name",
    "security_is_military",
    "state_names",
]

_PERIOD = re.compile(r"\((?P<start>\d{4})-(?P<end>\d{4})?\)$")


def police_name(country: str, when: dt.date | None, pack: Pack) -> str:
    """ACLED's name for the police of ``country`` at ``when``: the pack's ``Police Forces of
    <country> (<period>)`` whose period holds the year (the latest one when undated or
    when two periods meet in that year); for a country whose police the pack does not name,
    ``Police Forces of <country>`` with the period of its military's name, if it has one."""
    plain = pack.words.acled_name("police", country)
    best: tuple[int, str] | None = None
    for name in _police_names(pack):
        if not name.startswith(plain):
            continue
        rest = name[len(plain) :].strip()
        period = _PERIOD.fullmatch(rest) if rest else None
        if rest and period is None:
            continue  # a unit ("… (2022-) Asayish"), not the force as a whole
        start = int(period["start"]) if period else 0
        end = int(period["end"]) if period and period["end"] else 9999
        if when is not None and not start <= when.year <= end:
            continue
        if best is None or start > best[0]:
            best = (start, name)
    if best is not None:
        return best[1]
    if _PERIOD.search(plain):
        return plain  # the base lists the country's periods ("Police Forces of Jordan (1999-)")
    # No police of the country in the pack: ACLED names a state's police by the same period
    # as its military ("Military Forces of Turkey (2016-)", "Police Forces of Turkey (2016-)").
    period = _PERIOD.search(military_name(country, when, pack))
    return f"{plain} {period.group(0)}" if period else plain


def on_the_day(acled_name: str, when: dt.date | None, pack: Pack) -> str:
    """``acled_name`` as ACLED names that actor on ``when``. A name read without a date (an
    attacker named in another sentence, by its latest period) takes the period of the
    event's day: "Military Forces of Israel (2022-)" struck in September 2022 as
    "Military Forces of Israel (2021-2022)"."""
    if when is None:
        return acled_name
    actor = _actors_by_name(pack).get(acled_name)
    if actor is not None:
        return actor.acled_name_on(when.isoformat())
    state = _STATE_FORCES.fullmatch(acled_name)
    if state is None:
        return acled_name
    if state["force"] == "Police":
        return police_name(state["country"], when, pack)
    return military_name(state["country"], when, pack)


_STATE_FORCES = re.compile(
    r"(?P<force>Military|Police) Forces of (?P<country>.+?)(?: \(\d{4}-(?:\d{4})?\))?"
)


@lru_cache(maxsize=4)
def _actors_by_name(pack: Pack) -> dict[str, Actor]:
    """The pack's actors by every ACLED name they bear (their periods' too)."""
    named: dict[str, Actor] = {}
    for actor in pack:
        for name in (actor.acled_name, *(period for period, _ in actor.acled_periods)):
            named.setdefault(name, actor)
    return named


@lru_cache(maxsize=4)
def _police_names(pack: Pack) -> tuple[str, ...]:
    police = pack.words.acled_name("police", "")
    return tuple(a.acled_name for a in pack if a.acled_name.startswith(police))


def military_name(country: str, when: dt.date | None, pack: Pack) -> str:
    """ACLED's name for ``country``'s military at ``when``: the pack's state forces of that
    country for the period, else the plain ``Military Forces of <country>``."""
    actor_id = state_names(pack).actor(country, when.isoformat() if when else None)
    if actor_id is not None:
        return pack.actor(actor_id).acled_name_on(when.isoformat() if when else None)
    return pack.words.acled_name("military", country, when.isoformat() if when else None)


@lru_cache(maxsize=4)
def state_names(pack: Pack) -> StateNames:
    """The pack's state names (country words → state forces), built once per pack."""
    from orbat.extract.arguments import StateNames

    return StateNames(pack)


# Forces a text names without saying whose: in a report of an event in one country they are
# that country's ("police fired tear gas" in Lahore: Police Forces of Pakistan).
_BARE_FORCES = re.compile(
    # (A gendarmerie polices: ACLED names it among a state's police forces.)
    r"\b(?:the\s+)?(?:(?P<police>police\s+officers?|police(?:men|man)?|riot\s+police|"
    r"gendarmerie(?:\s+forces)?|gendarmes?)|"
    # Border guards are an interior ministry's in some states, an army's in others: like
    # "security forces", the country's pack says whose ("Border Guards forces engaged …").
    r"(?P<security>security\s+forces|security\s+personnel|border\s+guards?(?:\s+forces)?"
    r"|border\s+forces)|(?P<military>"
    # What only a state flies or fires, named for the state without saying which: "government
    # warplanes", "army helicopters", "the air force carried out strikes".
    r"(?:government|regime|army|military)\s+(?:war\s*planes?|jets|aircraft|helicopters?|"
    r"gunships?|air\s*strikes?|air\s+raids?|drones?|artillery|shelling)|air\s+force|"
    # A state's military intelligence is its military's ("military intelligence forces
    # arrested five suspects"), though "intelligence" alone after "military" is a modifier.
    r"military\s+intelligence(?:\s+(?:forces|service|directorate|agents|units?))?|"
    r"army|troops|soldiers|military|armed\s+forces|"
    r"air\s+defen[cs]es?(?:\s+systems?)?|"
    r"government\s+forces|regime\s+forces|government\s+troops|"
    # "Pro-government forces" in Yemen are Yemen's, in Syria Syria's: the event's country says.
    r"(?:pro[-\s]?government|pro[-\s]?regime|loyalist)\s+(?:forces|troops|units)|"
    r"(?:forces|troops|units|soldiers)\s+loyal\s+to\s+the\s+(?:government|regime)))\b"
    # A modifier of a thing is no force: "a military base", "army officers said". (Its
    # checkpoint, post or positions are the force itself: "attacked an army checkpoint".)
    r"(?!\s+(?:base|bases|operations?"
    r"|helicopters?|officers?|officials?|commanders?|spokes\w+|sources?|council|court"
    r"|academy|college|hospital|camps?|airport|barracks|intelligence|"
    r"complex|compound|installations?|facilit(?:y|ies)|sites?|depots?|warehouses?|"
    r"headquarters|chief|general)\b)",
    re.I,
)


_NO_OWNER = frozenset(
    ["the", "a", "an", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "several", "some", "many", "dozens", "hundreds", "scores", "both",
     "all", "most", "more", "other", "its", "their"]
)  # fmt: skip


def security_is_military(country: str | None, pack: Pack) -> bool:
    """Whether the pack says ``country``'s unowned "security forces" are its military
    (``security_forces: military`` in countries.yaml: Iraq's) rather than its police."""
    known = pack.words.by_name.get(country) if country else None
    return known is not None and known.security_forces == "military"


_GOVERNMENT = re.compile(r"(?:the\s+)?(?:government|regime)\b", re.I)


def bare_forces(text: str) -> list[tuple[int, int, str]]:
    """Forces ``text`` names without saying whose, as ``(start, end, kind)``, the kind
    ``police`` ("police", "riot police"), ``security`` ("security forces": a country's pack
    says whose) or ``military`` ("the army", "troops", "air defences"); not "Turkish-backed
    forces", "Kurdish troops" or "Syrian Democratic Forces", whose owner is named."""
    out = []
    for m in _BARE_FORCES.finditer(text):
        before = text[max(0, m.start() - 25) : m.start()]
        owner = re.search(r"(?:(?P<word>[A-Z][\w.]*)|(?P<backer>-backed|-led|-allied))\s*$", before)
        # "Russian-backed government forces" are still the government's own.
        backed_government = owner is not None and owner["backer"] and _GOVERNMENT.match(m[0])
        # "Three soldiers were killed": a capital that opens the sentence names no owner.
        named = owner is not None and (owner["word"] or "").lower() not in _NO_OWNER
        if named and not backed_government:
            continue
        kind = "police" if m["police"] else "security" if m["security"] else "military"
        out.append((m.start(), m.end(), kind))
    return out
