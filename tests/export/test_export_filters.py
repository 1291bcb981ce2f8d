"""Issue 14: `orbat export` takes the same filters as the event list (dates, country,
governorate, actor in any spelling, type), for the event formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from actor_corpus import ActorDb
from orbat.cli.app import app

pytestmark = pytest.mark.issue(14)

runner = CliRunner()


def _acled(db: str, *args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, ["export", "-f", "acled", "--db", db, *args])
    assert result.exit_code == 0, result.output
    body = result.stdout
    return list(csv.DictReader(io.StringIO(body)))


def test_filters_keep_only_matching_events(actor_db: ActorDb) -> None:
    everything = _acled(actor_db.path)
    assert len({r["country"] for r in everything}) > 1
    syria = _acled(actor_db.path, "--country", "syria")
    assert syria and {r["country"] for r in syria} == {"Syria"}
    first = min(r["event_date"] for r in everything)
    assert len(_acled(actor_db.path, "--since", first)) == len(everything)
    day_before = (date.fromisoformat(first) - timedelta(days=1)).isoformat()
    assert _acled(actor_db.path, "--until", day_before) == []
    by_alias = _acled(actor_db.path, "--actor", "Kata'ib Hizballah")
    assert by_alias and all(
        "Kataib Hezbollah" in (r["actor1"] + r["actor2"] + r["assoc_actor_1"] + r["assoc_actor_2"])
        for r in by_alias
    )
    strikes = _acled(actor_db.path, "--type", "Air/drone")
    assert strikes and {r["sub_event_type"] for r in strikes} == {"Air/drone strike"}


def test_jsonl_takes_them_too_and_other_formats_refuse(actor_db: ActorDb) -> None:
    result = runner.invoke(
        app, ["export", "-f", "events-jsonl", "--db", actor_db.path, "--country", "Iraq"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert rows and {r["country"] for r in rows} == {"Iraq"}
    refused = runner.invoke(
        app, ["export", "-f", "actors-jsonl", "--db", actor_db.path, "--country", "Iraq"]
    )
    assert refused.exit_code != 0
    bad_day = runner.invoke(app, ["export", "-f", "acled", "--db", actor_db.path, "--since", "x"])
    assert bad_day.exit_code != 0


def test_a_minimum_toll_and_an_order_as_on_the_events_page(actor_db: ActorDb) -> None:
    everything = _acled(actor_db.path)
    deadly = _acled(actor_db.path, "--fatalities", "1", "--sort", "fatalities")
    assert deadly and len(deadly) < len(everything)
    tolls = [int(r["fatalities"]) for r in deadly]
    assert min(tolls) >= 1 and tolls == sorted(tolls, reverse=True)
    oldest = _acled(actor_db.path, "--sort", "oldest")
    assert [r["event_date"] for r in oldest] == sorted(r["event_date"] for r in everything)
    bad = runner.invoke(app, ["export", "-f", "acled", "--db", actor_db.path, "--sort", "x"])
    assert bad.exit_code != 0
