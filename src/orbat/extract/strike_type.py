"""A state's "strikes" are air strikes unless the sentence names a ground weapon.

News writes "Israeli strikes hit a residential building", "U.S. forces struck three facilities",
"Turkish strikes hit villages near Kobani": the weapon is left unsaid because everyone knows
these forces strike from the air (ACLED codes them Air/drone strike, with civilian targeting
when civilians are the target). The cue lexicon reads "hit a building … killing five people" as
an Attack and "struck … facilities, killing a fighter" as a clash; here such an event becomes
an air strike when a state's military struck and nothing names artillery, rockets, guns or a
fight on the ground.
"""

from __future__ import annotations

import re

from orbat.extract.records import EventRecord
from orbat.extract.retype import retyped

__all__ = ["strikes_from_the_air"]

_STRIKE_WORDS = re.compile(r"\b(?:strikes?|struck|striking|bombed|bombing)\b", re.I)
# Anything that says how the strike was delivered on the ground, or that there was a fight.
_GROUND = re.compile(
    r"\b(?:shell\w*|artillery|mortars?|rockets?|missiles?|howitzers?|tank\s+(?:fire|shells?)"
    r"|with\s+tanks|gun\w*|shot|shooting|fire[ds]?\s+(?:on|at)|open(?:ed)?\s+fire|clash\w*"
    r"|fight(?:ing|s)?|battl\w*|ambush\w*|raid\w*|storm\w*|ied|roadside|bomb\s+(?:planted|placed)"
    r"|explosive\s+device|suicide|knife|stabb\w*|hunger\s+strike|general\s+strike|strikers?)\b",
    re.I,
)
# "US forces bombed PMU positions": the lexicon's "bombed" fits a planted bomb as well.
_RETYPED = frozenset({"Attack", "Armed clash", "Remote explosive/landmine/IED"})
_AIR_STRIKE = "Air/drone strike"


def strikes_from_the_air(record: EventRecord) -> EventRecord:
    """``record`` recoded as an air strike when a state's military "struck" with no ground
    weapon named; else ``record`` unchanged."""
    if record.sub_event_type not in _RETYPED or not _state_military(record.actor1):
        return record
    quote = record.evidence.quote
    if not _STRIKE_WORDS.search(quote) or _GROUND.search(quote):
        return record
    return retyped(record, _AIR_STRIKE)


def _state_military(actor: str | None) -> bool:
    return bool(actor) and str(actor).startswith(
        ("Military Forces of", "Global Coalition", "Unidentified Military Forces")
    )
