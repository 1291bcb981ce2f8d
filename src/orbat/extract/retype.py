"""Recode an event record as another ACLED sub-event type, keeping its codes consistent."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from orbat.extract.records import EventRecord
from orbat.taxonomy import civilian_targeting, interaction, sub_event_type

__all__ = ["retyped"]


def retyped(record: EventRecord, name: str, **fields: Any) -> EventRecord:
    """``record`` as sub-event type ``name`` with ``fields`` changed: the event and disorder
    types follow the sub-type, the interaction and civilian targeting the (new) inter codes."""
    sub = sub_event_type(name)
    inter1 = fields.get("inter1", record.inter1)
    inter2 = fields.get("inter2", record.inter2)
    return replace(
        record,
        sub_event_type=sub.name,
        event_type=sub.event_type,
        disorder_type=sub.disorder_type,
        interaction=interaction(inter1, inter2) if inter1 else None,
        civilian_targeting=civilian_targeting(sub.name, inter1, inter2) or None,
        **fields,
    )
