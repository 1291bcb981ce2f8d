"""Weapons seized or destroyed in the course of a fight are part of it, not an event of their own.

"Security forces raided a neighbourhood of Jableh; gunmen opened fire and an exchange of fire
followed. It said rifles, grenades and ammunition were seized." ACLED codes the raid (an Armed
clash), not a Disrupted weapons use beside it: the seizure is what the raid found. Likewise
"The militia said two of its fighters were killed and a weapons store was destroyed" tells the
toll of the air strike reported just before. A seizure told on its own ("Police seized a cache of
rockets in Tarmiyah") stays one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from orbat.extract.candidates import Candidate
from orbat.extract.toll_sentences import coding_of

__all__ = ["fold_seizures"]

_SEIZURE = "Disrupted weapons use"
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: How many sentences back the fight may be told.
_REACH = 3


def fold_seizures(found: Sequence[Candidate]) -> None:
    """Make each seizure that names no place of its own one more mention of the fight told
    just before it on the same day (in place)."""
    for candidate in found:
        record = candidate.record
        if record.sub_event_type != _SEIZURE or candidate.own_place or candidate.tied:
            continue
        fights = [
            e
            for e in found
            if 0 < candidate.sentence - e.sentence <= _REACH
            and e.record.event_type in _VIOLENT
            and e.record.event_date == record.event_date
        ]
        if not fights:
            continue
        fight = max(fights, key=lambda e: e.sentence).record
        candidate.record = replace(record, **coding_of(fight))
        candidate.tied = True
