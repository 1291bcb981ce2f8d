"""Evaluate alert rules on what a poll added, store each alert once, deliver it.

Alerts are at-least-once towards the outputs and exactly-once in the database:

1. ``evaluate`` reads the documents added since the alert cursor (only those both extractors
   have read), matches the events they mention and the candidate actors they introduced
   against the rules, inserts one ``alerts`` row per (rule, event key | actor id) — the
   unique key drops repeats — and moves the cursor, all in one transaction.
2. ``deliver`` sends every alert not yet delivered and marks it; a crash or a failing webhook
   leaves it undelivered, and the next call sends it again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any, TextIO

import httpx
from sqlalchemy import Engine, and_, func, insert, select, update
from sqlalchemy.engine import Connection

from orbat.extract.events import events_version
from orbat.extract.statements import statements_version
from orbat.packs import Pack, load_pack
from orbat.store.schema import (
    actor_candidates,
    alert_cursor,
    alerts,
    documents,
    event_mentions,
    events,
    extraction_runs,
)
from orbat.watch.deadline import deadline
from orbat.watch.rules import Delivery, RuleSet

__all__ = ["AlertSink", "deliver", "evaluate", "list_alerts"]

CURSOR = "alerts"
_EVENT_FIELDS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "fatalities",
    "fatalities_reported",
    "contested",
    "mention_count",
)

# Something that takes one alert (a JSON-able dict) and raises when it could not.
AlertSink = Callable[[dict[str, Any]], None]


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def _dumps(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, default=_json_default, sort_keys=True)


def _cursor(conn: Connection) -> int:
    value = conn.execute(
        select(alert_cursor.c.document_id).where(alert_cursor.c.name == CURSOR)
    ).scalar()
    return int(value or 0)


def _extracted_through(conn: Connection, after: int, pack: Pack) -> int:
    """The highest document id such that every document in (after, id] has been read by both
    extractors over ``pack`` (events, and statements, which find new actors and denials)."""
    high = int(conn.execute(select(func.max(documents.c.id))).scalar() or after)
    for extractor in (events_version(pack), statements_version(pack)):
        done = and_(
            extraction_runs.c.document_id == documents.c.id,
            extraction_runs.c.extractor == extractor,
        )
        first_pending = conn.execute(
            select(func.min(documents.c.id))
            .outerjoin(extraction_runs, done)
            .where(documents.c.id > after, extraction_runs.c.document_id.is_(None))
        ).scalar()
        if first_pending is not None:
            high = min(high, int(first_pending) - 1)
    return high


def _evidence(conn: Connection, event_id: int, low: int, high: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(
            event_mentions.c.document_id,
            event_mentions.c.char_start,
            event_mentions.c.char_end,
            event_mentions.c.quote,
            event_mentions.c.extractor,
            documents.c.url,
            documents.c.title,
        )
        .join(documents, documents.c.id == event_mentions.c.document_id)
        .where(event_mentions.c.event_id == event_id)
        .order_by(event_mentions.c.document_id, event_mentions.c.char_start)
    ).all()
    return [dict(r._mapping) | {"new": low < r.document_id <= high} for r in rows]


def _insert(conn: Connection, now: datetime, **values: Any) -> bool:
    known = conn.execute(
        select(alerts.c.id).where(
            alerts.c.rule == values["rule"],
            alerts.c.subject_kind == values["subject_kind"],
            alerts.c.subject_id == values["subject_id"],
        )
    ).first()
    if known is not None:
        return False
    conn.execute(insert(alerts).values(created_at=now, **values))
    return True


def evaluate(
    engine: Engine, ruleset: RuleSet, *, now: datetime | None = None, pack: Pack | None = None
) -> int:
    """Match the rules against what was added since the last call, once the extractors over
    ``pack`` (default: the selected one) have read it; return alerts created."""
    now = now or datetime.now(UTC)
    created = 0
    with engine.begin() as conn:
        low = _cursor(conn)
        high = _extracted_through(conn, low, pack if pack is not None else load_pack())
        if high <= low:
            return 0
        new_docs = and_(event_mentions.c.document_id > low, event_mentions.c.document_id <= high)
        touched = select(event_mentions.c.event_id).where(new_docs).distinct()
        rows = conn.execute(select(events).where(events.c.id.in_(touched)).order_by(events.c.id))
        for event in rows:
            data = dict(event._mapping)
            for rule in ruleset.event_rules:
                if not rule.matches(data):
                    continue
                evidence = _evidence(conn, data["id"], low, high)
                payload = {
                    "rule": rule.name,
                    "kind": "event",
                    "event": {"id": data["id"], "key": data["event_key"]}
                    | {f: data[f] for f in _EVENT_FIELDS},
                    "evidence": evidence,
                    "created_at": now,
                }
                created += _insert(
                    conn,
                    now,
                    rule=rule.name,
                    subject_kind="event",
                    subject_id=data["event_key"][:300],
                    event_id=data["id"],
                    document_id=max(e["document_id"] for e in evidence),
                    payload=_dumps(payload),
                )
        if ruleset.actor_rules:
            found = conn.execute(
                select(actor_candidates, documents.c.url)
                .join(documents, documents.c.id == actor_candidates.c.document_id)
                .where(actor_candidates.c.document_id > low)
                .where(actor_candidates.c.document_id <= high)
                .order_by(actor_candidates.c.first_seen, actor_candidates.c.id)
            )
            for actor in found:
                a = actor._mapping
                for rule in ruleset.actor_rules:
                    payload = {
                        "rule": rule.name,
                        "kind": "actor",
                        "actor": {k: a[k] for k in ("id", "name", "kind", "country", "status")},
                        "evidence": [
                            {k: a[k] for k in ("document_id", "char_start", "char_end", "quote")}
                            | {"extractor": a["extractor"], "url": a["url"]}
                        ],
                        "created_at": now,
                    }
                    created += _insert(
                        conn,
                        now,
                        rule=rule.name,
                        subject_kind="actor",
                        subject_id=a["id"],
                        document_id=a["document_id"],
                        payload=_dumps(payload),
                    )
        values = {"document_id": high, "updated_at": now}
        moved = conn.execute(
            update(alert_cursor).where(alert_cursor.c.name == CURSOR).values(**values)
        )
        if moved.rowcount == 0:
            conn.execute(insert(alert_cursor).values(name=CURSOR, **values))
    return created


def sinks_for(
    delivery: Delivery, out: TextIO, client: httpx.Client | None = None
) -> list[tuple[str, AlertSink]]:
    """The outputs a rules file asks for, as named callables."""
    result: list[tuple[str, AlertSink]] = []
    if delivery.stdout:

        def to_stream(alert: dict[str, Any]) -> None:
            out.write(_dumps(alert) + "\n")
            out.flush()

        result.append(("stdout", to_stream))
    if delivery.file is not None:
        path = delivery.file

        def to_file(alert: dict[str, Any]) -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as fh:
                fh.write(_dumps(alert) + "\n")

        result.append((f"file {path}", to_file))
    if delivery.webhook is not None:
        url = delivery.webhook
        if client is None:
            raise ValueError("a webhook needs an HTTP client")
        http = client

        def to_webhook(alert: dict[str, Any]) -> None:
            # The whole exchange within the client's timeout: with a ``DeadlineTransport``, a
            # webhook that answers one byte a second cannot hold every later poll.
            with deadline(http.timeout.read):
                response = http.post(
                    url,
                    content=_dumps(alert).encode("utf-8"),
                    headers={"Content-Type": "application/json"},
                )
            response.raise_for_status()

        result.append((f"webhook {url}", to_webhook))
    return result


def deliver(
    engine: Engine, sinks: Iterable[tuple[str, AlertSink]], *, now: datetime | None = None
) -> tuple[int, list[str]]:
    """Send every undelivered alert to every sink; return (delivered, one line per failure).

    An alert counts as delivered when every sink took it. When a sink fails, the alert stays
    undelivered and is sent again next time (to every sink: outputs are at-least-once).
    """
    sinks = list(sinks)
    with engine.connect() as conn:
        pending = conn.execute(
            select(alerts.c.id, alerts.c.payload)
            .where(alerts.c.delivered_at.is_(None))
            .order_by(alerts.c.id)
        ).all()
    delivered = 0
    problems: list[str] = []
    for row in pending:
        alert = {"alert_id": row.id} | json.loads(row.payload)
        failed: list[str] = []
        for name, sink in sinks:
            try:
                sink(alert)
            except (OSError, httpx.HTTPError) as err:
                failed.append(f"{name}: {err or type(err).__name__}")
        with engine.begin() as conn:
            if failed:
                conn.execute(
                    update(alerts)
                    .where(alerts.c.id == row.id)
                    .values(delivery_error="; ".join(failed)[:500])
                )
                problems.append(f"alert {row.id} ({alert['rule']}): " + "; ".join(failed))
            else:
                conn.execute(
                    update(alerts)
                    .where(alerts.c.id == row.id)
                    .values(delivered_at=now or datetime.now(UTC), delivery_error=None)
                )
                delivered += 1
    return delivered, problems


def list_alerts(engine: Engine, since: datetime | None = None) -> list[dict[str, Any]]:
    """Stored alerts, oldest first, each as delivered plus its id and delivery state."""
    query = select(alerts).order_by(alerts.c.id)
    if since is not None:
        query = query.where(alerts.c.created_at >= since)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {"alert_id": r.id}
        | json.loads(r.payload)
        | {"delivered_at": r.delivered_at, "delivery_error": r.delivery_error}
        for r in rows
    ]
