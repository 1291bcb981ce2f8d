"""How sure orbat is of an event it extracted: a number from 0 to 1 on every event mention.

Analysts read the surest events first and review the rest; exports carry the figure as a
column. It is a documented weighting of what the extractor itself knows about its reading,
not a calibrated probability; ``orbat eval news`` reports how precision rises with it (see
docs/events.md, "Confidence"). Each part is 0-1:

* **cue** (weight 0.30): how strongly the sentence's words name the event type (the
  classifier's score; a strong cue such as "airstrike" scores 3, a weak one such as "hit" 1),
  capped at 4;
* **place** (0.20): a town or village 1.0, near a town or in a district 0.7, only a
  governorate or country 0.4, no place 0.1;
* **theatre** (0.10): in one of the pack's theatre countries 1.0, unplaced 0.5, elsewhere
  0.0 (a "meeting in Rome" read as an event is more often a misreading than news);
* **date** (0.15): the sentence dates the event itself 1.0, dated by its neighbours or its
  publication 0.6, undated 0.2;
* **actor** (0.15): a named attacker 1.0, an unidentified one 0.5;
* **stance** (0.10): told as fact 1.0; alleged, claimed or denied 0.5.
"""

from __future__ import annotations

from orbat.extract.records import EventRecord

__all__ = ["WEIGHTS", "event_confidence"]

WEIGHTS = {
    "cue": 0.30, "place": 0.20, "theatre": 0.10, "date": 0.15, "actor": 0.15, "stance": 0.10
}  # fmt: skip
_STRONGEST_CUE = 4.0
_PLACE = {1: 1.0, 2: 0.7, 3: 0.4}


def event_confidence(record: EventRecord, *, own_date: bool, in_theatre: bool | None) -> float:
    """The confidence of one event mention (see the module docstring for the parts);
    ``in_theatre`` is None for an unplaced event."""
    score = float(record.extra.get("classifier_score") or 0.0)
    actor1 = record.actor1 or ""
    parts = {
        "cue": min(score, _STRONGEST_CUE) / _STRONGEST_CUE,
        "place": _PLACE.get(record.geo_precision or 0, 0.1),
        "theatre": 0.5 if in_theatre is None else float(in_theatre),
        "date": 1.0 if own_date and record.event_date else 0.6 if record.event_date else 0.2,
        "actor": 0.5 if not actor1 or actor1.startswith("Unidentified") else 1.0,
        "stance": 1.0 if record.stance == "asserted" else 0.5,
    }
    return round(sum(WEIGHTS[name] * value for name, value in parts.items()), 3)
