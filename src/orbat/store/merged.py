"""An event's merged view from its sources' mentions: ACLED's rules in one place.

The event store applies them when mentions arrive or go, the reviewed read model when an
analyst splits sources off an event, and a split-off event is made from its sources by them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orbat.store.schema import event_mentions, events

__all__ = ["CODING", "best", "merged_values", "source_values"]

#: Columns an event and a mention share (the coding), minus the merged-only ones.
CODING = [
    c.name
    for c in event_mentions.c
    if c.name in events.c and c.name not in ("id", "extractor", "confidence")
]


def best(*values: float | None) -> float | None:
    """An event is as sure as its surest report."""
    known = [v for v in values if v is not None]
    return max(known) if known else None


def source_values(rows: Sequence[Any]) -> dict[str, Any]:
    """What an event's sources say together (``rows``: mentions with ``outlet`` and
    ``cluster_id``): ACLED's toll (the lowest figure any source gives, 0 when none gives
    one), every distinct figure, the outlets, and the sources counted once per duplicate
    cluster."""
    figures = sorted({r.fatalities for r in rows if r.fatalities is not None})
    return {
        "fatalities": figures[0] if figures else 0,
        "fatalities_reported": "; ".join(str(f) for f in figures) or None,
        "source": "; ".join(sorted({r.outlet for r in rows if r.outlet})) or None,
        "mention_count": len({r.cluster_id for r in rows}),
    }


def merged_values(rows: Sequence[Any]) -> dict[str, Any]:
    """The merged view of mentions (oldest first): the first one's coding with gaps (actors,
    admin areas) filled from later ones, :func:`source_values`, contested when the figures
    differ or a source denies it, the best confidence."""
    merged: dict[str, Any] = {name: getattr(rows[0], name) for name in CODING}
    for row in rows[1:]:
        for name in CODING:
            if merged[name] is None and getattr(row, name) is not None:
                merged[name] = getattr(row, name)
    merged.update(source_values(rows))
    figures = merged["fatalities_reported"]
    merged["contested"] = bool(figures and "; " in figures) or any(
        r.stance == "denied" for r in rows
    )
    merged["confidence"] = best(*(r.confidence for r in rows))
    return merged
