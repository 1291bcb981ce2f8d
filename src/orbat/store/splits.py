"""Split: sources an analyst takes off an event become an event of their own.

The machine's rows stay as they are: the split-off mentions still belong to the event the
extractor put them in. The review (``action`` split, its ``detail`` the sources' evidence spans,
``new_value`` the new event's key) is the record; the new event's row is made from those
sources by the merged-view rules (:mod:`orbat.store.merged`) and marked as the analyst's by
its ``extractor``, :data:`SPLIT_EXTRACTOR`. Its key names the first source's evidence span, so
it does not depend on any event id; a newer extractor never touches it (it has no mentions of
its own), and its sources are found again by their spans (:func:`split_sources`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.engine import Connection

from orbat.store.conflicts import insert_unless_present
from orbat.store.merged import merged_values
from orbat.store.schema import documents, event_mentions, events, reviews

__all__ = ["SPLIT_EXTRACTOR", "Span", "make_split_event", "span", "split_key", "split_sources"]

#: The ``extractor`` of an event an analyst made by splitting sources off another.
SPLIT_EXTRACTOR = "orbat.review.split"

Span = tuple[int, int, int]  # document id, first character, end


def span(row: Any) -> Span:
    """A mention's (or a split's stored span's) evidence: document, start, end."""
    if isinstance(row, dict):
        return (int(row["document_id"]), int(row["char_start"]), int(row["char_end"]))
    return (int(row.document_id), int(row.char_start), int(row.char_end))


def split_key(spans: Iterable[Span]) -> str:
    """The event key of the event made of these sources: its first evidence span."""
    doc, start, end = min(spans)
    return f"split|{doc}|{start}-{end}"


def make_split_event(conn: Connection, mentions: Sequence[Row[Any]]) -> tuple[int, str]:
    """Store the event these mentions (oldest first) report; return its id and key."""
    rows = conn.execute(
        select(event_mentions, documents.c.source.label("outlet"), documents.c.cluster_id)
        .join(documents, documents.c.id == event_mentions.c.document_id)
        .where(event_mentions.c.id.in_([m.id for m in mentions]))
        .order_by(event_mentions.c.id)
    ).all()
    key = split_key(span(m) for m in rows)
    values = {
        **merged_values(rows),
        "event_key": key,
        "extractor": SPLIT_EXTRACTOR,
        "updated_at": dt.datetime.now(dt.UTC),
    }
    insert_unless_present(conn, events, ("event_key",), values)
    event_id = conn.execute(select(events.c.id).where(events.c.event_key == key)).scalar_one()
    return int(event_id), key


def split_sources(conn: Connection, event_ids: Iterable[int]) -> dict[int, list[Span]]:
    """The evidence spans of the sources of those of ``event_ids`` an analyst split off."""
    made = dict(
        conn.execute(
            select(events.c.event_key, events.c.id).where(
                events.c.id.in_(list(event_ids)), events.c.extractor == SPLIT_EXTRACTOR
            )
        ).all()
    )
    if not made:
        return {}
    out: dict[int, list[Span]] = defaultdict(list)
    for key, detail in conn.execute(
        select(reviews.c.new_value, reviews.c.detail).where(
            reviews.c.target == "event",
            reviews.c.action == "split",
            reviews.c.new_value.in_(list(made)),
        )
    ):
        out[int(made[key])].extend(span(s) for s in json.loads(detail))
    return dict(out)
