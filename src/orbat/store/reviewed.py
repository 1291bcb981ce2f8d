"""Reviewed events: analysts' reviews laid over the machine's event rows, for every reader.

The listings, the event page, the JSON API and every event export read events through
:class:`~orbat.store.events.EventStore`, which passes its rows through :func:`overlay`: a
corrected field shows the analyst's value, each row says whether and how it was reviewed, and
:func:`hidden_keys` keeps rejected and merged-away events out (they stay in the review list).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Integer,
    Row,
    Select,
    and_,
    cast,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.engine import Connection

from orbat.records.notes import write_notes
from orbat.store.merged import source_values
from orbat.store.reviews import FIELDS, VERDICTS
from orbat.store.schema import documents, event_mentions, events, reviews

if TYPE_CHECKING:
    from orbat.store.events import EventFilter

__all__ = [
    "ReviewedEvent",
    "anything_hidden",
    "corrected_keys",
    "hidden_keys",
    "matches",
    "overlay",
    "reviewed_keys",
    "reviewed_order",
    "reviewed_query",
]

#: The filters whose fields an analyst can correct (EventFilter's attribute names).
CORRECTABLE = (
    "actor", "place", "country", "admin1", "since", "until", "event_type", "min_fatalities"
)  # fmt: skip
_ACTORS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")

_STATUS = {"confirm": "confirmed", "reject": "rejected", "merge": "merged"}
#: Up to this many events, their reviews are looked up by key (see :func:`overlay`).
_IN_LIST = 500


class ReviewedEvent:
    """An event row with its reviews applied; reads like a SQLAlchemy ``Row`` (attributes and
    ``_mapping``), so every reader of event rows takes it unchanged.

    Beside the event's columns: ``reviewed`` (any review), ``review_status`` (confirmed,
    corrected, rejected, merged, split or None), ``corrected`` (the fields an analyst set),
    ``machine_values`` (the extractor's value of each corrected field, as it stays stored),
    ``reviewed_by``/``reviewed_at`` (the latest review), ``merged_into`` (an event id),
    ``merged_from`` (event ids), ``split_off`` (evidence spans of sources taken out) and
    ``split_from`` (the event a split made this one of).
    """

    __slots__ = ("_mapping",)

    def __init__(self, mapping: dict[str, Any]) -> None:
        self._mapping = mapping

    def __getattr__(self, name: str) -> Any:
        try:
            return self._mapping[name]
        except KeyError:
            raise AttributeError(name) from None

    def _asdict(self) -> dict[str, Any]:
        return dict(self._mapping)


def _latest_verdicts() -> Any:
    """Per reviewed event key, the id of its latest verdict (confirm, reject or merge)."""
    return (
        select(reviews.c.target_key, func.max(reviews.c.id).label("last"))
        .where(reviews.c.target == "event", reviews.c.action.in_(VERDICTS))
        .group_by(reviews.c.target_key)
        .subquery()
    )


def hidden_keys() -> Select[Any]:
    """Event keys whose latest verdict takes them out: rejected, or merged into another."""
    latest = _latest_verdicts()
    return (
        select(reviews.c.target_key)
        .join(latest, reviews.c.id == latest.c.last)
        .where(reviews.c.action.in_(("reject", "merge")))
    )


def anything_hidden(conn: Connection) -> bool:
    """Whether any event was ever rejected or merged (one indexed look at a small table)."""
    query = select(reviews.c.id).where(
        reviews.c.target == "event", reviews.c.action.in_(("reject", "merge"))
    )
    return conn.execute(query.limit(1)).first() is not None


def corrected_keys(field: str | None = None) -> Select[Any]:
    """Event keys with a corrected field (``field``, or any)."""
    query = select(reviews.c.target_key).where(
        reviews.c.target == "event", reviews.c.action == "correct"
    )
    return query.where(reviews.c.field == field) if field else query


def reviewed_keys() -> CompoundSelect[Any]:
    """Event keys an analyst has reviewed in any way, and the events splits made."""
    made = select(reviews.c.new_value).where(
        reviews.c.target == "event", reviews.c.action == "split"
    )
    return select(reviews.c.target_key).where(reviews.c.target == "event").union(made)


def overlay(conn: Connection, rows: Sequence[Row[Any]]) -> list[ReviewedEvent]:
    """``rows`` (event rows) with their reviews applied, in the same order.

    1. Every review of these events, and every merge into them, oldest first (one query: on
       a database nobody has reviewed, the only cost);
    2. the events merged into these ones, if any still stand merged (their latest verdict);
    3. per event: corrections replace their field (and the columns their detail sets), the
       latest verdict gives the status, splits list the spans taken out.
    """
    if not rows:
        return []
    keys = {r.event_key for r in rows}
    # 1. A page of events names its keys; the map's thousands would make a huge IN list, and
    # reviews are few next to events: then every event review is read and matched here.
    query = select(reviews).where(reviews.c.target == "event").order_by(reviews.c.id)
    if len(keys) <= _IN_LIST:
        # Merges into these events, and the splits that made them, name them as new_value.
        made = reviews.c.action.in_(("merge", "split")) & reviews.c.new_value.in_(keys)
        query = query.where(or_(reviews.c.target_key.in_(keys), made))
    found: dict[str, list[Row[Any]]] = defaultdict(list)
    merges: list[Row[Any]] = []
    for review in conn.execute(query):
        if review.target_key in keys:
            found[review.target_key].append(review)
        if review.action == "merge" and review.new_value in keys:
            merges.append(review)
        if review.action == "split" and review.new_value in keys:
            found[review.new_value].append(review)  # the event this split made
    # 2.
    merged_from = _merged_from(conn, merges) if merges else {}
    # 3. (a merge names the event it went into by key: ids can change on re-extraction)
    into = {r.new_value for done in found.values() for r in done if r.action == "merge"}
    splits = [r for done in found.values() for r in done if r.action == "split"]
    into |= {r.target_key for r in splits} | {r.new_value for r in splits if r.new_value}
    ids = _ids(conn, into) if into else {}
    out = [
        _apply(dict(r._mapping), found[r.event_key], merged_from.get(r.event_key, []), ids)
        for r in rows
    ]
    split = [e for e in out if e.split_off and "id" in e._mapping]
    if split:
        _recount(conn, split)
    return out


def _recount(conn: Connection, split: list[ReviewedEvent]) -> None:
    """Sources, source count and tolls of events some sources were split off, from the sources
    they keep (the rules of ``EventStore._refresh``: the lowest figure, each cluster once)."""
    kept: dict[int, list[Row[Any]]] = defaultdict(list)
    by_id = {e.id: e for e in split}
    query = (
        select(event_mentions, documents.c.source.label("outlet"), documents.c.cluster_id)
        .join(documents, documents.c.id == event_mentions.c.document_id)
        .where(event_mentions.c.event_id.in_(list(by_id)))
    )
    for m in conn.execute(query):
        gone = {
            (s["document_id"], s["char_start"], s["char_end"]) for s in by_id[m.event_id].split_off
        }
        if (m.document_id, m.char_start, m.char_end) not in gone:
            kept[m.event_id].append(m)
    for event_id, event in by_id.items():
        derived = source_values(kept[event_id])
        if "fatalities" in event.corrected:
            del derived["fatalities"]
        event._mapping.update(derived)


def _merged_from(conn: Connection, merges: list[Row[Any]]) -> dict[str, list[int]]:
    """Event key → ids of the events merged into it whose latest verdict is still that merge."""
    others = {m.target_key for m in merges}
    latest: dict[str, Row[Any]] = {}
    for verdict in conn.execute(
        select(reviews)
        .where(
            reviews.c.target == "event",
            reviews.c.target_key.in_(others),
            reviews.c.action.in_(VERDICTS),
        )
        .order_by(reviews.c.id)
    ):
        latest[verdict.target_key] = verdict
    ids = _ids(conn, others)
    out: dict[str, list[int]] = defaultdict(list)
    for m in merges:
        standing = latest.get(m.target_key)
        still_merged = standing is not None and standing.id == m.id and m.target_key in ids
        if still_merged and ids[m.target_key] not in out[m.new_value]:
            out[m.new_value].append(ids[m.target_key])
    return out


def _ids(conn: Connection, keys: set[str]) -> dict[str, int]:
    """Today's id of each event key that still stands."""
    query = select(events.c.event_key, events.c.id).where(events.c.event_key.in_(keys))
    return {key: int(event_id) for key, event_id in conn.execute(query)}


def _apply(
    values: dict[str, Any], done: list[Row[Any]], merged_from: list[int], ids: dict[str, int]
) -> ReviewedEvent:
    corrected: list[str] = []
    machine: dict[str, Any] = {}  # the extractor's value of each corrected field
    verdict: Row[Any] | None = None
    split_off: list[dict[str, Any]] = []
    split_from: int | None = None
    for review in done:
        if review.action == "split" and review.new_value == values.get("event_key"):
            split_from = ids.get(review.target_key)  # this event is the one the split made
        elif review.action == "correct" and review.field in FIELDS:
            column = FIELDS[review.field]
            machine.setdefault(review.field, _iso(values.get(column)))
            values[column] = _typed(review.field, review.new_value)
            if review.detail:
                values.update(json.loads(review.detail))
            if review.field not in corrected:
                corrected.append(review.field)
        elif review.action in VERDICTS:
            verdict = review
        elif review.action == "split" and review.detail:
            made = ids.get(review.new_value) if review.new_value else None
            split_off.extend({**s, "into_id": made} for s in json.loads(review.detail))
    if corrected and "notes" in values:
        # The notes tell the coding: after a correction, the analyst's (records/notes.py).
        values["notes"] = write_notes(SimpleNamespace(**values))
    status: str | None = None
    if verdict is not None and verdict.action != "confirm":
        status = _STATUS[verdict.action]
    elif corrected:
        status = "corrected"
    elif verdict is not None:
        status = "confirmed"
    elif any(r.action == "split" for r in done):
        status = "split"
    last = done[-1] if done else None
    values.update(
        reviewed=bool(done),
        review_status=status,
        corrected=corrected,
        machine_values=machine,
        reviewed_by=last.reviewer if last else None,
        reviewed_at=_iso(last.created_at) if last else None,
        merged_into=ids.get(verdict.new_value) if verdict and verdict.action == "merge" else None,
        merged_from=merged_from,
        split_off=split_off,
        split_from=split_from,
    )
    return ReviewedEvent(values)


def _typed(field: str, value: str | None) -> Any:
    if value is None:
        return None
    if field == "date":
        return dt.date.fromisoformat(value)
    if field == "fatalities":
        return int(value)
    return value


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value


def reviewed_query(conn: Connection, flt: EventFilter, query: Any) -> Any:
    """``query`` (over ``events``) filtered as analysts reviewed the events.

    1. While no event is rejected or merged, the condition that leaves them out is dropped:
       a count with any WHERE scans the table, one without is instant.
    2. Filters on a field an analyst corrected (type, place, date, actor) match the corrected
       value: the machine's coding decides for every other event, the reviewed row (matched
       here, in Python: corrections are few) for the corrected ones.
    """
    # 1.
    if not flt.include_rejected and not anything_hidden(conn):
        flt = copy.copy(flt)
        flt.include_rejected = True
    # 2.
    if not any(getattr(flt, name) for name in CORRECTABLE):
        return flt.apply(query)
    corrected = _corrected_events(conn)
    if not corrected:
        return flt.apply(query)
    keys = {e.event_key for e in corrected}
    matching = {e.event_key for e in corrected if matches(flt, e)}
    by_machine = flt.apply(select(events.c.event_key))
    rest = copy.copy(flt)  # the conditions a correction does not touch (reviews, text)
    for name in CORRECTABLE:
        setattr(rest, name, None)
    return rest.apply(query).where(
        or_(
            and_(events.c.event_key.not_in(keys), events.c.event_key.in_(by_machine)),
            events.c.event_key.in_(matching),
        )
    )


def reviewed_order(conn: Connection, flt: EventFilter, query: Any) -> Any:
    """``query`` (over ``events``) in ``flt``'s order, by the reviewed date and toll.

    While no analyst corrected a date or a toll, the machine's columns are the reviewed ones
    (and their indexes serve). Otherwise the latest correction of each field is joined in and
    takes the machine value's place in the sort.
    """
    fields = {"date", "fatalities"}
    corrected = conn.execute(
        select(reviews.c.field)
        .where(
            reviews.c.target == "event",
            reviews.c.action == "correct",
            reviews.c.field.in_(fields),
        )
        .distinct()
    ).scalars()
    found = set(corrected)
    if not found:
        return flt.order(query)
    columns: dict[str, Any] = {}
    for field in sorted(found):
        latest = (
            select(func.max(reviews.c.id))
            .where(
                reviews.c.target == "event",
                reviews.c.action == "correct",
                reviews.c.field == field,
            )
            .group_by(reviews.c.target_key)
        )
        value = (
            select(reviews.c.target_key, reviews.c.new_value)
            .where(reviews.c.id.in_(latest))
            .subquery(f"reviewed_{field}")
        )
        query = query.outerjoin(value, value.c.target_key == events.c.event_key)
        columns[field] = _typed_sql(conn, field, value.c.new_value)
    date = func.coalesce(columns["date"], events.c.event_date) if "date" in columns else None
    toll = (
        func.coalesce(columns["fatalities"], events.c.fatalities)
        if "fatalities" in columns
        else events.c.fatalities
    )
    day = date if date is not None else events.c.event_date
    orders = {
        "newest": (day.desc().nulls_last(), events.c.id),
        "oldest": (day.asc().nulls_last(), events.c.id),
        "fatalities": (toll.desc().nulls_last(), day.desc().nulls_last(), events.c.id),
    }
    return query.order_by(*orders[flt.sort])


def _typed_sql(conn: Connection, field: str, value: Any) -> Any:
    """A review's ``new_value`` (text) as the column it corrects, in SQL."""
    if field == "fatalities":
        return cast(value, Integer)
    # SQLite stores dates as ISO text (a CAST would make them numbers); PostgreSQL as dates.
    return type_coerce(value, Date) if conn.dialect.name == "sqlite" else cast(value, Date)


def _corrected_events(conn: Connection) -> list[ReviewedEvent]:
    """Every event with a corrected field, as reviewed."""
    query = select(events).where(events.c.event_key.in_(corrected_keys()))
    return overlay(conn, conn.execute(query).all())


def matches(flt: EventFilter, event: ReviewedEvent) -> bool:
    """Whether a reviewed event passes ``flt``'s correctable filters (the SQL's rules: parts
    of names, any case; the actor in any spelling the resolver knows)."""

    def has(value: Any, part: str) -> bool:
        return part.casefold() in str(value or "").casefold()

    if flt.actor:
        from orbat.store.actor_names import acled_names_for

        names = (flt.actor, *acled_names_for(flt.actor))
        if not any(has(getattr(event, c), n) for n in names for c in _ACTORS):
            return False
    if flt.place and not any(
        has(v, flt.place) for v in (event.location, event.admin1, event.country)
    ):
        return False
    for name in ("country", "admin1"):
        wanted = getattr(flt, name)
        if wanted and str(getattr(event, name) or "").casefold() != wanted.casefold():
            return False
    if flt.min_fatalities is not None and (event.fatalities or 0) < flt.min_fatalities:
        return False
    day = event.event_date
    if (flt.since or flt.until) and day is None:
        return False
    if (flt.since and day < flt.since) or (flt.until and day > flt.until):
        return False
    return not flt.event_type or any(
        has(v, flt.event_type) for v in (event.event_type, event.sub_event_type)
    )
