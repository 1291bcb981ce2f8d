"""Fighting between two sides that killed people is a clash, not an attack on civilians.

"Clashes between the SDF and tribal fighters killed 12 people", "Gunfire between Saraya al-Salam
fighters and security forces killed at least 15": the cue lexicon hears "killed … people" and
codes an Attack with civilians as its target. ACLED codes an exchange between two armed sides as
an Armed clash, whoever the dead were; here such an event is recoded so, and civilians put in as
the generic target leave actor2 (the other side, when the text names it, was found already).
"""

from __future__ import annotations

import re
from dataclasses import replace

from orbat.extract.records import EventRecord
from orbat.taxonomy import civilian_targeting, interaction, sub_event_type

__all__ = ["clashes_between"]

_BETWEEN = re.compile(
    r"\b(?:clash\w*|fighting|gunfire|gun\s*battles?|battles?|firefights?|exchanges?\s+of\s+fire"
    r"|skirmish\w*)\s+(?:\w+\s+){0,2}?between\b",
    re.I,
)
_CLASH = "Armed clash"


def clashes_between(record: EventRecord) -> EventRecord:
    """``record`` recoded as an Armed clash when its quote tells of fighting between two sides
    and it was coded as an attack on civilians; else ``record`` unchanged."""
    if record.sub_event_type != "Attack" or not _BETWEEN.search(record.evidence.quote):
        return record
    sub = sub_event_type(_CLASH)
    civilians = (record.actor2 or "").startswith("Civilians")
    actor2 = None if civilians else record.actor2
    inter2 = None if civilians else record.inter2
    return replace(
        record,
        sub_event_type=sub.name,
        event_type=sub.event_type,
        disorder_type=sub.disorder_type,
        actor2=actor2,
        inter2=inter2,
        interaction=interaction(record.inter1, inter2) if record.inter1 else None,
        civilian_targeting=civilian_targeting(sub.name, record.inter1, inter2) or None,
    )
