"""Events and fatalities per month, split by event type, governorate or actor (the charts).

One pass over the dated events the filter keeps; months run from the first event's to the
last one's with none left out, so a chart covers the whole date range and a quiet month
shows as a gap, not as nothing. A split with many values (governorates, actors) keeps its
``top`` largest and folds the rest into "other".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Engine, or_, select

from orbat.store.events import EventFilter
from orbat.store.reviewed import corrected_keys, overlay, reviewed_query
from orbat.store.schema import events
from orbat.taxonomy import EVENT_TYPES

__all__ = ["MEASURES", "SPLITS", "MonthlySeries", "monthly", "per_week", "week_start"]

Split = Literal["type", "admin1", "actor"]
Measure = Literal["events", "fatalities"]
#: What a chart may be split by, with the words a page shows.
SPLITS: dict[str, str] = {"type": "event type", "admin1": "governorate", "actor": "actor"}
#: What a chart may count.
MEASURES: dict[str, str] = {"events": "events", "fatalities": "fatalities"}

OTHER = "other"
_ACTOR_COLUMNS = ("actor1", "actor2")


@dataclass(frozen=True, slots=True)
class MonthlySeries:
    """A count per month per series: ``rows[i][name]`` is month ``months[i]``'s count."""

    months: list[str]
    series: list[str]
    rows: list[dict[str, int]]
    split: str
    measure: str
    events: int = 0
    fatalities: int = 0


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_range(first: dt.date, last: dt.date) -> list[str]:
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _keys(row: Any, split: str) -> list[str]:
    """The series an event counts in: its type, its governorate, or each actor it names."""
    if split == "type":
        return [row.event_type]
    if split == "admin1":
        return [row.admin1 or row.country or "unknown place"]
    names = {row.actor1, row.actor2} - {None, ""}
    return sorted(str(n) for n in names) or ["unnamed actor"]


def monthly(
    engine: Engine,
    flt: EventFilter | None = None,
    *,
    split: str = "type",
    measure: str = "events",
    top: int = 7,
) -> MonthlySeries:
    """Events (or fatalities) per month split by ``split`` (a key of :data:`SPLITS`).

    1. read the dated events the filter keeps (the columns the split needs);
    2. count per (month, series); an actor split counts an event once for each side;
    3. keep the ``top`` series by total ("type" keeps ACLED's order), fold the rest into "other";
    4. fill every month between the first and the last, so the axis has no holes.
    """
    if split not in SPLITS or measure not in MEASURES:
        raise ValueError(f"split is one of {', '.join(SPLITS)}; measure one of events, fatalities")
    # 1. (as analysts reviewed them: rejected ones out, corrected values counted)
    dated = or_(events.c.event_date.is_not(None), events.c.event_key.in_(corrected_keys("date")))
    columns = (
        events.c.event_date,
        events.c.event_type,
        events.c.admin1,
        events.c.country,
        *(events.c[c] for c in _ACTOR_COLUMNS),
        events.c.fatalities,
        events.c.event_key,
    )
    # 2.
    table: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    first: dt.date | None = None
    last: dt.date | None = None
    seen = deaths = 0
    with engine.connect() as conn:
        sql = reviewed_query(conn, flt or EventFilter(), select(*columns).where(dated))
        found: Sequence[Any] = conn.execute(sql).all()
        # Corrections are few; while there is none, the machine's rows are the reviewed ones.
        if conn.execute(corrected_keys().limit(1)).first() is not None:
            found = [r for r in overlay(conn, found) if r.event_date is not None]
        for row in found:
            seen += 1
            deaths += row.fatalities or 0
            day: dt.date = row.event_date
            first = day if first is None or day < first else first
            last = day if last is None or day > last else last
            amount = 1 if measure == "events" else (row.fatalities or 0)
            for key in _keys(row, split):
                table[_month(day)][key] += amount
                totals[key] += amount
    if first is None or last is None:
        return MonthlySeries([], [], [], split, measure)
    # 3.
    if split == "type":
        kept = [t for t in EVENT_TYPES if t in totals]
    else:
        kept = [name for name, _ in totals.most_common(top) if totals[name] > 0]
    folded = set(totals) - set(kept)
    # 4.
    months = _month_range(first, last)
    rows: list[dict[str, int]] = []
    for month in months:
        counts = table.get(month, Counter())
        row_counts = {name: counts[name] for name in kept if counts[name]}
        other = sum(counts[name] for name in folded)
        if other:
            row_counts[OTHER] = other
        rows.append(row_counts)
    series = kept + ([OTHER] if folded and any(OTHER in r for r in rows) else [])
    return MonthlySeries(months, series, rows, split, measure, seen, deaths)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def per_week(
    dated: Iterable[tuple[dt.date, str]], *, weeks: int, last: dt.date | None
) -> list[dict[str, Any]]:
    """Events per ISO week (Monday start) by type, for the ``weeks`` weeks ending at ``last``."""
    if last is None:
        return []
    end = week_start(last)
    starts = [end - dt.timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    table: dict[dt.date, Counter[str]] = defaultdict(Counter)
    for day, event_type in dated:
        week = week_start(day)
        if week >= starts[0]:
            table[week][event_type] += 1
    return [
        {"week": w.isoformat(), "counts": {t: table[w][t] for t in EVENT_TYPES if table[w][t]}}
        for w in starts
    ]
