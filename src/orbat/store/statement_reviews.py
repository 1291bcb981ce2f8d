"""Analysts' reviews of relations and claims read from text: corrections, and the reviewed
rows every reader gets.

A relation's type, stance and actors, and a claim's type, stance, claimant (its subject) and
claimed value (its object), can be corrected as well as confirmed or rejected. Like an event's,
a correction is a review row of its own (``target`` relation or claim, ``action`` correct,
``field``, ``old_value``, ``new_value``, ``detail`` the columns an actor sets, note, reviewer,
time), keyed by the statement's stable key (:func:`~orbat.store.reviews.statement_key`), so a
newer extractor's row on the same evidence keeps it. The stored statement is never changed;
:func:`overlay_statements` lays the reviews over the rows as they are read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.engine import Connection

from orbat.errors import ReviewError
from orbat.records.statements import CLAIM_PREDICATES, RELATION_PREDICATES, STANCES
from orbat.store.reviewed import ReviewedEvent
from orbat.store.reviews import VERDICTS, ReviewStore, add_review, statement_key
from orbat.store.schema import reviews, statements

__all__ = [
    "STATEMENT_FIELDS",
    "ReviewedStatement",
    "checked_statement_value",
    "correct_statement",
    "current_statement_value",
    "overlay_statements",
]

#: The fields a correction may set, per kind: name on the command line and in forms → what it
#: sets (``predicate``, ``stance``, or the ``subject``/``object`` actor: id and words).
STATEMENT_FIELDS: dict[str, dict[str, str]] = {
    "relation": {"type": "predicate", "stance": "stance", "subject": "subject", "object": "object"},
    "claim": {"type": "predicate", "stance": "stance", "claimant": "subject", "value": "object"},
}
_STATUS = {"confirm": "confirmed", "reject": "rejected"}


class ReviewedStatement(ReviewedEvent):
    """A relation or claim row with its reviews applied (reads like a SQLAlchemy ``Row``).

    Beside the statement's columns: ``review_key`` (its stable key, from the machine's values),
    ``review_status`` (confirmed, corrected, rejected or None), ``corrected``,
    ``machine_values``, ``reviewed_by``, ``reviewed_at``.
    """

    __slots__ = ()


def _fields(kind: str) -> dict[str, str]:
    return STATEMENT_FIELDS.get(kind, {})


def _machine_value(row: Any, column: str) -> str | None:
    if column in ("subject", "object"):
        return getattr(row, f"{column}_id") or getattr(row, f"{column}_text") or None
    value = getattr(row, column)
    return None if value is None else str(value)


def current_statement_value(conn: Connection, key: str, field: str, row: Any) -> str | None:
    """What the analyst sees in ``field`` now: the latest correction, else the machine's."""
    latest = conn.execute(
        select(reviews.c.new_value)
        .where(
            reviews.c.target_key == key,
            reviews.c.target == row.kind,
            reviews.c.action == "correct",
            reviews.c.field == field,
        )
        .order_by(reviews.c.id.desc())
        .limit(1)
    ).first()
    if latest is not None:
        return latest.new_value  # type: ignore[no-any-return]
    return _machine_value(row, _fields(row.kind)[field])


def checked_statement_value(kind: str, field: str, value: str) -> tuple[str, str | None]:
    """The stored form of a corrected relation or claim field and the columns it sets (JSON),
    or :class:`ReviewError` saying what a valid value looks like."""
    fields = _fields(kind)
    if field not in fields:
        raise ReviewError(f"cannot correct a {kind}'s {field!r}; one of: {', '.join(fields)}")
    value = value.strip()
    column = fields[field]
    if column == "predicate":
        allowed = RELATION_PREDICATES if kind == "relation" else CLAIM_PREDICATES
        return _one_of(value, allowed, f"{kind} type"), None
    if column == "stance":
        return _one_of(value, STANCES, "stance"), None
    if not value:
        raise ReviewError(f"a {kind}'s {field} needs a name")
    from orbat.store.actor_names import actor_id_for

    actor_id, name = actor_id_for(value)
    return name, json.dumps({f"{column}_id": actor_id, f"{column}_text": value})


def correct_statement(
    store: ReviewStore,
    kind: str,
    statement_id: int,
    field: str,
    value: str,
    *,
    by: str,
    note: str | None = None,
) -> int:
    """Correct one field of a relation or claim (see :data:`STATEMENT_FIELDS`), checked first;
    the old value recorded is the one the analyst saw. Returns the review's id."""
    new, detail = checked_statement_value(kind, field, value)
    with store.engine.begin() as conn:
        target = store.target(conn, kind, statement_id)
        row = conn.execute(select(statements).where(statements.c.id == statement_id)).one()
        old = current_statement_value(conn, target.key, field, row)
        return add_review(
            conn, target, "correct", by=by, note=note, field=field, old=old, new=new,
            detail=detail,
        )  # fmt: skip


def _one_of(value: str, allowed: Sequence[str], what: str) -> str:
    found = next((a for a in allowed if a.casefold() == value.casefold()), None)
    if found is None:
        raise ReviewError(f"{value!r} is no {what}; one of: {', '.join(allowed)}")
    return found


def overlay_statements(
    conn: Connection, rows: Sequence[Row[Any]], *, include_rejected: bool = True
) -> list[ReviewedStatement]:
    """``rows`` (relation or claim rows) with their reviews applied, in the same order; those
    an analyst rejected left out unless ``include_rejected``. Reviews of statements are few:
    all are read at once."""
    if not rows:
        return []
    found: dict[str, list[Row[Any]]] = defaultdict(list)
    query = (
        select(reviews).where(reviews.c.target.in_(tuple(STATEMENT_FIELDS))).order_by(reviews.c.id)
    )
    for review in conn.execute(query):
        found[review.target_key].append(review)
    out = []
    for row in rows:
        key = statement_key(row)
        reviewed = _apply(dict(row._mapping), key, found.get(key, []))
        if include_rejected or reviewed.review_status != "rejected":
            out.append(reviewed)
    return out


def _apply(values: dict[str, Any], key: str, done: list[Row[Any]]) -> ReviewedStatement:
    fields = _fields(values["kind"])
    corrected: list[str] = []
    machine: dict[str, Any] = {}
    verdict: Row[Any] | None = None
    for review in done:
        if review.action == "correct" and review.field in fields:
            column = fields[review.field]
            machine.setdefault(review.field, _machine_value(_Values(values), column))
            if review.detail:
                values.update(json.loads(review.detail))
            else:
                values[column] = review.new_value
            if review.field not in corrected:
                corrected.append(review.field)
        elif review.action in VERDICTS:
            verdict = review
    status: str | None = None
    if verdict is not None and verdict.action == "reject":
        status = "rejected"
    elif corrected:
        status = "corrected"
    elif verdict is not None:
        status = _STATUS.get(verdict.action, verdict.action)
    last = done[-1] if done else None
    values.update(
        review_key=key,
        review_status=status,
        corrected=corrected,
        machine_values=machine,
        reviewed_by=last.reviewer if last else None,
        reviewed_at=_iso(last.created_at) if last else None,
    )
    return ReviewedStatement(values)


class _Values:
    """Attribute access to a dict (the machine's values while corrections are applied)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value
