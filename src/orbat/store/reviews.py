"""Write analysts' reviews (confirm, reject, correct, merge, split) as records of their own.

Machine output is never changed: a review is a row in ``reviews`` naming its target by a key
that survives re-extraction, and readers lay the reviews over the machine's rows
(:mod:`orbat.store.reviewed`). Keys:

* an event: its ``event_key`` (date | place | type of the machine's coding). A newer extractor
  that codes the same sentences the same way re-derives the same key, whatever the row's id;
* a relation or claim: its evidence and what it says (:func:`statement_key`).

Each review also keeps the target's first evidence span (document, characters) as an anchor.
When a newer extractor re-derives a target under another key (it now reads another date, or a
longer evidence span), :func:`relink` moves the target's reviews to whatever the new version
stored on that evidence, so no analyst's decision is lost.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Row, and_, insert, select, update
from sqlalchemy.engine import Connection

from orbat.errors import ReviewError
from orbat.store.schema import event_mentions, events, reviews, statements
from orbat.store.splits import make_split_event, span
from orbat.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

__all__ = [
    "ACTIONS",
    "FIELDS",
    "TARGETS",
    "VERDICTS",
    "ReviewStore",
    "Target",
    "add_review",
    "default_reviewer",
    "relink",
    "statement_key",
]

TARGETS = ("event", "relation", "claim")
ACTIONS = ("confirm", "reject", "correct", "merge", "split")
#: The actions that decide whether a target stands; the latest one counts (a confirm after a
#: reject restores the event).
VERDICTS = ("confirm", "reject", "merge")
#: The event fields a correction may set: name on the command line and in forms → column.
FIELDS: dict[str, str] = {
    "type": "event_type",
    "sub_type": "sub_event_type",
    "date": "event_date",
    "place": "location",
    "actor1": "actor1",
    "actor2": "actor2",
    "fatalities": "fatalities",
}


def default_reviewer() -> str:
    """Who reviews when nobody says: the operating-system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


@dataclass(frozen=True, slots=True)
class Target:
    """What a review is about, as stored: kind, stable key, today's id, first evidence."""

    kind: str
    key: str
    id: int
    document_id: int | None
    char_start: int | None
    char_end: int | None


def statement_key(row: Any) -> str:
    """A relation's or claim's stable key: its document, span, predicate, subject and object
    (as the machine stored them: a reviewed row keeps its key in ``review_key``)."""
    reviewed = getattr(row, "review_key", None)
    if reviewed:
        return str(reviewed)
    subject = row.subject_id or row.subject_text
    obj = row.object_id or row.object_text
    span = f"{row.char_start}-{row.char_end}"
    return f"{row.kind}|{row.document_id}|{span}|{row.predicate}|{subject}|{obj}"


def event_target(conn: Connection, event_id: int) -> Target:
    """The event ``event_id`` as a review target; :class:`ReviewError` if there is none."""
    key = conn.execute(select(events.c.event_key).where(events.c.id == event_id)).scalar()
    if key is None:
        raise ReviewError(f"no event {event_id}; `orbat review queue` lists them")
    first = conn.execute(
        select(event_mentions.c.document_id, event_mentions.c.char_start, event_mentions.c.char_end)
        .where(event_mentions.c.event_id == event_id)
        .order_by(event_mentions.c.id)
        .limit(1)
    ).first()
    doc, start, end = first if first is not None else (None, None, None)
    return Target("event", str(key), event_id, doc, start, end)


def statement_target(conn: Connection, kind: str, statement_id: int) -> Target:
    row = conn.execute(
        select(statements).where(statements.c.id == statement_id, statements.c.kind == kind)
    ).first()
    if row is None:
        raise ReviewError(f"no {kind} {statement_id}")
    return Target(
        kind, statement_key(row), statement_id, row.document_id, row.char_start, row.char_end
    )


class ReviewStore:
    """Record reviews; every method returns the new review's id (or ids)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def target(self, conn: Connection, kind: str, target_id: int) -> Target:
        if kind not in TARGETS:
            raise ReviewError(f"cannot review a {kind!r}; one of: {', '.join(TARGETS)}")
        if kind == "event":
            return event_target(conn, target_id)
        return statement_target(conn, kind, target_id)

    def decide(
        self, action: str, kind: str, target_id: int, *, by: str, note: str | None = None
    ) -> int:
        """Confirm or reject an event, relation or claim (the latest verdict counts)."""
        if action not in ("confirm", "reject"):
            raise ReviewError(f"no verdict {action!r}; confirm or reject")
        with self.engine.begin() as conn:
            return add_review(conn, self.target(conn, kind, target_id), action, by=by, note=note)

    def confirm(self, kind: str, target_id: int, *, by: str, note: str | None = None) -> int:
        return self.decide("confirm", kind, target_id, by=by, note=note)

    def reject(self, kind: str, target_id: int, *, by: str, note: str | None = None) -> int:
        return self.decide("reject", kind, target_id, by=by, note=note)

    def correct(
        self, event_id: int, field: str, value: str, *, by: str, note: str | None = None
    ) -> int:
        """Correct one field of an event (see :data:`FIELDS`; a relation's or claim's:
        :func:`orbat.store.statement_reviews.correct_statement`); the value is checked first.

        The old value recorded is the one the analyst saw: the latest correction of that
        field, else the machine's.
        """
        if field not in FIELDS:
            raise ReviewError(f"cannot correct {field!r}; one of: {', '.join(FIELDS)}")
        with self.engine.begin() as conn:
            target = event_target(conn, event_id)
            machine = conn.execute(select(events).where(events.c.id == event_id)).one()
            old = _current(conn, target.key, field, machine)
            new, detail = _checked(field, value, conn, target.key, machine)
            return add_review(
                conn,
                target,
                "correct",
                by=by,
                note=note,
                field=field,
                old=old,
                new=new,
                detail=detail,
            )

    def merge(self, keep_id: int, other_id: int, *, by: str, note: str | None = None) -> int:
        """Record that event ``other_id`` is the same happening as ``keep_id``: the other
        leaves listings and exports; ``keep_id`` lists it as merged in."""
        if keep_id == other_id:
            raise ReviewError("an event cannot be merged into itself")
        with self.engine.begin() as conn:
            keep = event_target(conn, keep_id)
            other = event_target(conn, other_id)
            detail = json.dumps({"into_id": keep_id})
            return add_review(conn, other, "merge", by=by, note=note, new=keep.key, detail=detail)

    def split(
        self, event_id: int, mention_ids: list[int], *, by: str, note: str | None = None
    ) -> int:
        """Record that some of an event's sources report another happening: they leave the
        event's sources (kept by their evidence span, which survives re-extraction) and become
        an event of their own (:mod:`orbat.store.splits`), which the review names."""
        if not mention_ids:
            raise ReviewError("name the sources to split off (--mention, see `orbat review show`)")
        with self.engine.begin() as conn:
            target = event_target(conn, event_id)
            rows = conn.execute(
                select(event_mentions)
                .where(event_mentions.c.event_id == event_id, event_mentions.c.id.in_(mention_ids))
                .order_by(event_mentions.c.id)
            ).all()
            missing = sorted(set(mention_ids) - {r.id for r in rows})
            if missing:
                raise ReviewError(f"event {event_id} has no source {missing[0]}")
            # Earlier splits count too: the event must keep at least one source.
            earlier = conn.execute(
                select(reviews.c.detail).where(
                    reviews.c.target == "event",
                    reviews.c.target_key == target.key,
                    reviews.c.action == "split",
                )
            ).scalars()
            gone = {span(s) for detail in earlier for s in json.loads(detail)}
            again = next((r.id for r in rows if span(r) in gone), None)
            if again is not None:
                raise ReviewError(f"source {again} of event {event_id} was split off already")
            gone |= {span(r) for r in rows}
            left = conn.execute(
                select(event_mentions).where(event_mentions.c.event_id == event_id)
            ).all()
            if all(span(m) in gone for m in left):
                raise ReviewError("a split must leave the event at least one source")
            _, new_key = make_split_event(conn, rows)
            spans = [
                {"document_id": r.document_id, "char_start": r.char_start, "char_end": r.char_end}
                for r in rows
            ]
            return add_review(
                conn,
                target,
                "split",
                by=by,
                note=note,
                field="sources",
                old=target.key,
                new=new_key,
                detail=json.dumps(spans),
            )


def add_review(
    conn: Connection,
    target: Target,
    action: str,
    *,
    by: str,
    note: str | None,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
    detail: str | None = None,
) -> int:
    by = by.strip()
    if not by:
        raise ReviewError("a review needs a reviewer (--by)")
    result = conn.execute(
        insert(reviews).values(
            target=target.kind,
            target_key=target.key,
            target_id=target.id,
            document_id=target.document_id,
            char_start=target.char_start,
            char_end=target.char_end,
            action=action,
            field=field,
            old_value=old,
            new_value=new,
            detail=detail,
            note=(note or "").strip() or None,
            reviewer=by[:120],
            created_at=dt.datetime.now(dt.UTC),
        )
    )
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])


def _current(conn: Connection, key: str, field: str, machine: Row[Any]) -> str | None:
    # A sub-type correction sets the type too (each sub-type belongs to one type).
    fields = ("type", "sub_type") if field == "type" else (field,)
    latest = conn.execute(
        select(reviews.c.field, reviews.c.new_value, reviews.c.detail)
        .where(
            reviews.c.target == "event",
            reviews.c.target_key == key,
            reviews.c.action == "correct",
            reviews.c.field.in_(fields),
        )
        .order_by(reviews.c.id.desc())
        .limit(1)
    ).first()
    if latest is not None:
        if latest.field != field:
            return str(json.loads(latest.detail)["event_type"])
        return latest.new_value  # type: ignore[no-any-return]
    value = getattr(machine, FIELDS[field])
    return None if value is None else str(value.isoformat() if field == "date" else value)


def _checked(
    field: str, value: str, conn: Connection, key: str, machine: Row[Any]
) -> tuple[str | None, str | None]:
    """The stored form of a corrected value and the other columns it sets (JSON), or
    :class:`ReviewError` saying what a valid value looks like."""
    value = value.strip()
    if field == "date":
        try:
            return dt.date.fromisoformat(value).isoformat(), None
        except ValueError:
            raise ReviewError(f"date {value!r} is not a date like 2024-01-31") from None
    if field == "fatalities":
        if not value.isdigit():
            raise ReviewError(f"fatalities {value!r} is not a whole number of 0 or more")
        return str(int(value)), None
    if field == "sub_type":
        found = next((s for s in SUB_EVENT_TYPES if s.name.casefold() == value.casefold()), None)
        if found is None:
            names = "; ".join(s.name for s in SUB_EVENT_TYPES)
            raise ReviewError(f"{value!r} is no ACLED sub-event type; one of: {names}")
        detail = {"event_type": found.event_type, "disorder_type": found.disorder_type}
        return found.name, json.dumps(detail)
    if field == "type":
        kind = next((t for t in EVENT_TYPES if t.casefold() == value.casefold()), None)
        if kind is None:
            raise ReviewError(f"{value!r} is no ACLED event type; one of: {'; '.join(EVENT_TYPES)}")
        sub = _current(conn, key, "sub_type", machine)
        if not any(s.name == sub and s.event_type == kind for s in SUB_EVENT_TYPES):
            fits = "; ".join(s.name for s in SUB_EVENT_TYPES if s.event_type == kind)
            raise ReviewError(
                f"the sub-event type {sub!r} is not one of {kind}'s; correct sub_type instead "
                f"(it sets the type too): {fits}"
            )
        return kind, None
    if field == "place":
        return _place(value, machine)
    # actor1 / actor2: the ACLED name when the resolver surely knows the spelling.
    if not value:
        if field == "actor1":
            raise ReviewError("an event always has an actor1")
        return None, None
    from orbat.store.actor_names import acled_names_for

    acled = acled_names_for(value)
    return (acled[0] if len(acled) == 1 else value), None


def _place(value: str, machine: Row[Any]) -> tuple[str | None, str | None]:
    """A corrected place: the gazetteer's entry of that name (in the theatre's countries and the
    event's own country first, then the most populous), with its admin1 and coordinates. A name
    the gazetteer does not know keeps the name and loses the machine's coordinates, which were
    of another place."""
    if not value:
        raise ReviewError("a place needs a name")
    from orbat.nlp.gazetteer import load_gazetteer
    from orbat.packs import load_pack

    theatre = set(load_pack().countries)
    found = sorted(
        load_gazetteer().lookup(value),
        key=lambda p: (p.country != machine.country, p.country not in theatre, -p.population),
    )
    if not found:
        unknown = {"location": value, "latitude": None, "longitude": None, "geo_precision": None}
        return value, json.dumps(unknown)
    place = found[0]
    detail = {
        "location": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "latitude": place.lat,
        "longitude": place.lon,
        "geo_precision": 1,
        "place_id": place.id,
    }
    return place.name, json.dumps(detail)


def relink(conn: Connection, document_id: int) -> int:
    """After a document's re-extraction, point its reviews whose target is gone at what the new
    version stored on the same evidence; return how many targets moved.

    1. Each distinct target anchored in this document whose key no longer exists;
    2. the event whose mention (or the statement of the same kind and predicate) in this
       document overlaps the anchor span most;
    3. every review of that target (and merges into it) follows to the new key.
    """
    anchored = conn.execute(
        select(reviews.c.target, reviews.c.target_key, reviews.c.char_start, reviews.c.char_end)
        .where(reviews.c.document_id == document_id, reviews.c.char_start.is_not(None))
        .distinct()
    ).all()
    moved = 0
    for kind, key, start, end in anchored:
        # 1.
        if _exists(conn, kind, key):
            continue
        # 2.
        new_key = _successor(conn, kind, key, document_id, start, end)
        if new_key is None or new_key == key:
            continue
        # 3.
        conn.execute(
            update(reviews)
            .where(reviews.c.target == kind, reviews.c.target_key == key)
            .values(target_key=new_key)
        )
        if kind == "event":
            conn.execute(
                update(reviews)
                .where(reviews.c.action == "merge", reviews.c.new_value == key)
                .values(new_value=new_key)
            )
        moved += 1
    return moved


def _exists(conn: Connection, kind: str, key: str) -> bool:
    if kind == "event":
        found = conn.execute(select(events.c.id).where(events.c.event_key == key)).first()
        return found is not None
    document_id, span = key.split("|")[1:3]
    start, end = (int(n) for n in span.split("-"))
    rows = conn.execute(
        select(statements).where(
            statements.c.document_id == int(document_id),
            statements.c.char_start == start,
            statements.c.char_end == end,
        )
    ).all()
    return any(statement_key(r) == key for r in rows)


def _successor(
    conn: Connection, kind: str, key: str, document_id: int, start: int, end: int
) -> str | None:
    table = event_mentions if kind == "event" else statements
    overlapping = and_(
        table.c.document_id == document_id, table.c.char_start < end, table.c.char_end > start
    )
    if kind == "event":
        rows = conn.execute(
            select(events.c.event_key, event_mentions.c.char_start, event_mentions.c.char_end)
            .join(events, events.c.id == event_mentions.c.event_id)
            .where(overlapping)
        ).all()
        candidates = [(r.event_key, r.char_start, r.char_end) for r in rows]
    else:
        predicate = key.split("|")[3]
        found = conn.execute(
            select(statements).where(
                overlapping, statements.c.kind == kind, statements.c.predicate == predicate
            )
        ).all()
        candidates = [(statement_key(r), r.char_start, r.char_end) for r in found]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: min(end, c[2]) - max(start, c[1]))
    return str(best[0])
