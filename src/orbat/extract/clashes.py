"""Fighting between two sides that killed people is a clash, not an attack on civilians.

"Clashes between the SDF and tribal fighters killed 12 people", "Gunfire between Saraya al-Salam
fighters and security forces killed at least 15": the cue lexicon hears "killed … people" and
codes an Attack with civilians as its target. ACLED codes an exchange between two armed sides as
an Armed clash, whoever the dead were; here such an event is recoded so, and civilians put in as
the generic target leave actor2 (the other side, when the text names it, was found already).
"""

from __future__ import annotations

import re

from orbat.extract.records import EventRecord
from orbat.extract.retype import retyped
from orbat.taxonomy import Inter

__all__ = ["clashes_between", "gunmen_on_protesters"]

_BETWEEN = re.compile(
    r"\b(?:clash\w*|fighting|gunfire|gun\s*battles?|battles?|firefights?|exchanges?\s+of\s+fire"
    r"|skirmish\w*)\s+(?:\w+\s+){0,2}?between\b",
    re.I,
)
_CLASH = "Armed clash"
# ACLED inter codes of armed actors: state forces, rebels, political and identity militias,
# external forces.
_ARMED = frozenset({int(Inter.STATE_FORCES), int(Inter.REBEL_GROUP), int(Inter.POLITICAL_MILITIA),
                    int(Inter.IDENTITY_MILITIA), int(Inter.EXTERNAL_OTHER)})  # fmt: skip


def clashes_between(record: EventRecord) -> EventRecord:
    """``record`` recoded as an Armed clash when it was coded as an attack on civilians but its
    quote tells of fighting between two sides, or both its sides are armed ("two members of
    the PMF were killed in an ISIS attack": ACLED's Attack is on civilians only); else
    ``record`` unchanged."""
    if record.sub_event_type != "Attack":
        return record
    if record.inter1 in _ARMED and record.inter2 in _ARMED:
        return retyped(record, _CLASH)
    if not _BETWEEN.search(record.evidence.quote):
        return record
    civilians = (record.actor2 or "").startswith("Civilians")
    if not civilians:
        return retyped(record, _CLASH)
    return retyped(record, _CLASH, actor2=None, inter2=None)


def gunmen_on_protesters(record: EventRecord) -> EventRecord:
    """``record`` recoded as an Attack when it was coded as excessive force against
    protesters but the force is no state's: ACLED keeps "Excessive force" for state forces;
    "unidentified gunmen opened fire on protesters" is an attack on them, and "a group of Turks
    attacked a peaceful rally" Mob violence by rioters."""
    if record.sub_event_type != "Excessive force against protesters":
        return record
    if _MOB.search(record.evidence.quote) and not _STATE_FORCE.search(record.evidence.quote):
        # "a group of Turks attacked a peaceful rally": a crowd on a crowd is a mob (ACLED's
        # Mob violence, its actor rioters), not the state's force.
        where = f" ({record.country})" if record.country else ""
        return retyped(record, "Mob violence", actor1=f"Rioters{where}", inter1=int(Inter.RIOTERS))
    if record.inter1 not in _NON_STATE_ARMED or not _GUNMEN.search(record.evidence.quote):
        return record  # an unnamed force ("Officers attacked …") is taken for the state's
    return retyped(record, "Attack")


# People who are no force, acting as a crowd: "a group of Turks", "a mob", "counter-protesters".
_MOB = re.compile(
    r"\b(?:an?\s+)?(?:(?:group|gang|crowd)\s+of\s+(?!(?:armed|masked|gunmen|militia|security|"
    r"soldiers|police|officers|troops)\b)\w+|mob|counter[-\s]?protesters)\s+(?:\w+\s+){0,2}?"
    r"(?:attacked|assaulted|beat|stormed|set\s+upon|pelted)\b",
    re.I,
)
_STATE_FORCE = re.compile(
    r"\b(?:police\w*|security\s+forces|soldiers|troops|army|officers|riot\s+police)\b", re.I
)


_GUNMEN = re.compile(
    r"\b(?:gunmen|gunman|militia\w*|armed\s+men|masked\s+men|assailants|attackers|supporters)\b",
    re.I,
)


_NON_STATE_ARMED = frozenset(
    {int(Inter.REBEL_GROUP), int(Inter.POLITICAL_MILITIA), int(Inter.IDENTITY_MILITIA)}
)
