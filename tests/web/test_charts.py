"""Issue 14 §3: the monthly charts cover the whole date range, count what the filter keeps,
and draw round gridlines and labels inside the picture."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import Engine, func, select

from orbat.read.charts import OTHER, monthly
from orbat.store.events import EventFilter
from orbat.store.schema import events
from orbat.web.charts import month_chart

pytestmark = pytest.mark.issue(14)


def _dated(engine: Engine, *where: object) -> tuple[int, int, str, str]:
    with engine.connect() as conn:
        n, deaths, first, last = conn.execute(
            select(
                func.count(),
                func.coalesce(func.sum(events.c.fatalities), 0),
                func.min(events.c.event_date),
                func.max(events.c.event_date),
            ).where(events.c.event_date.is_not(None), *where)
        ).one()
    return int(n), int(deaths), str(first)[:7], str(last)[:7]


def test_months_run_unbroken_from_the_first_event_to_the_last(engine: Engine) -> None:
    n, deaths, first, last = _dated(engine)
    by_type = monthly(engine)
    assert by_type.months[0] == first and by_type.months[-1] == last
    years = int(last[:4]) - int(first[:4])
    assert len(by_type.months) == years * 12 + int(last[5:]) - int(first[5:]) + 1
    assert sum(sum(row.values()) for row in by_type.rows) == n == by_type.events
    fatalities = monthly(engine, measure="fatalities")
    assert sum(sum(row.values()) for row in fatalities.rows) == deaths == fatalities.fatalities


def test_governorates_and_actors_keep_the_largest_and_fold_the_rest(engine: Engine) -> None:
    n = _dated(engine)[0]
    places = monthly(engine, split="admin1", top=3)
    assert len([s for s in places.series if s != OTHER]) == 3 and OTHER in places.series
    assert sum(sum(row.values()) for row in places.rows) == n  # one place per event
    actors = monthly(engine, split="actor", top=4)
    assert sum(sum(row.values()) for row in actors.rows) > n  # an event counts for each side


def test_the_filter_applies(engine: Engine) -> None:
    syria = monthly(engine, EventFilter(country="Syria"))
    assert syria.events == _dated(engine, events.c.country == "Syria")[0] > 0
    assert syria.events < monthly(engine).events


def test_gridlines_are_round_and_reach_the_tallest_bar(engine: Engine) -> None:
    series = monthly(engine, measure="fatalities")
    chart = month_chart(series)
    values = [int(g["text"].replace(",", "")) for g in chart["grid"]]
    tallest = max(sum(row.values()) for row in series.rows)
    assert values[0] == 0 and values[-1] >= tallest and len(values) <= 5
    steps = {b - a for a, b in itertools.pairwise(values)}
    assert len(steps) == 1 and str(steps.pop())[0] in "125"
    assert all(chart["left"] <= t["x"] <= chart["right"] for t in chart["ticks"])
    # The first and the last month are labelled, the labels far enough apart not to touch.
    assert chart["ticks"][0]["text"] == series.months[0]
    assert chart["ticks"][-1]["text"] == series.months[-1]
    xs = [t["x"] for t in chart["ticks"]]
    assert all(b - a >= 50 for a, b in itertools.pairwise(xs))
    assert {b["label"].split(":")[0] for b in chart["bars"]} <= set(series.months)
