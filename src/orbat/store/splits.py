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

from sqlalchemy import Row, select, update
from sqlalchemy.engine import Connection

from orbat.store.conflicts import insert_unless_present
from orbat.store.merged import merged_values
from orbat.store.schema import documents, event_mentions, events, reviews

__all__ = [
    "SPLIT_EXTRACTOR",
    "Span",
    "make_split_event",
    "relink_splits",
    "span",
    "split_key",
    "split_sources",
]

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


def relink_splits(conn: Connection, document_id: int) -> int:
    """After a document's re-extraction, point the split sources in it whose evidence span is
    gone at the new mention overlapping it most; return how many spans moved.

    A newer extractor may read a split-off source with a slightly different span; without this
    the event the split made would lose that source (and the original would take it back).
    """
    splits = conn.execute(
        select(reviews.c.id, reviews.c.detail).where(
            reviews.c.target == "event", reviews.c.action == "split"
        )
    ).all()
    mentions: list[Row[Any]] | None = None
    moved = 0
    for review_id, detail in splits:
        spans = json.loads(detail)
        if not any(int(s["document_id"]) == document_id for s in spans):
            continue
        if mentions is None:
            mentions = list(
                conn.execute(
                    select(event_mentions.c.char_start, event_mentions.c.char_end).where(
                        event_mentions.c.document_id == document_id
                    )
                )
            )
        present = {(m.char_start, m.char_end) for m in mentions}
        changed = False
        for s in spans:
            here = (s["char_start"], s["char_end"])
            if int(s["document_id"]) != document_id or here in present or not mentions:
                continue
            best = max(mentions, key=lambda m: _overlap(here, m))
            if _overlap(here, best) > 0:
                s["char_start"], s["char_end"] = best.char_start, best.char_end
                changed = True
                moved += 1
        if changed:
            conn.execute(
                update(reviews).where(reviews.c.id == review_id).values(detail=json.dumps(spans))
            )
    return moved


def _overlap(span: tuple[int, int], mention: Any) -> int:
    """How many characters a stored span and a mention's evidence share."""
    return int(min(span[1], mention.char_end) - max(span[0], mention.char_start))
