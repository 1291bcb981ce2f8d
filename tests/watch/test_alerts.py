"""Alert rules evaluated on each poll: fired once per event and rule, delivered, listed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from typer.testing import CliRunner

from orbat.cli.app import app
from orbat.store.schema import actor_candidates, alerts
from orbat.watch import load_rules, parse_rules, sinks_for

from . import fixtures
from .conftest import Clock, WatcherFactory
from .server import FixtureServer, Route

ROOT = Path(__file__).resolve().parents[2]


def _five_dead() -> fixtures.Story:
    """Another outlet's report of the Tarmiya attack that gives a different toll."""
    story = fixtures.is_kills()
    paragraphs = tuple(p.replace("Three fighters", "Five fighters") for p in story.paragraphs)
    return replace(story, slug="is-kills-5", paragraphs=paragraphs)


def _stored(watcher: Any) -> list[Any]:
    with watcher.engine.connect() as conn:
        return conn.execute(select(alerts).order_by(alerts.c.id)).all()


def test_rules_fire_once_per_event_and_are_delivered(
    server: FixtureServer, make_watcher: WatcherFactory, clock: Clock, tmp_path: Path
) -> None:
    ruleset = parse_rules(
        {
            "deliver": {"stdout": True, "file": str(tmp_path / "alerts.jsonl")},
            "rules": [
                {"name": "is-deadly", "actor": "ISIS", "min_fatalities": 3},
                {"name": "near-tarmiya", "near": {"lat": 33.67, "lon": 44.39, "km": 10}},
                {"name": "disputed", "contested": True},
                {"name": "protests", "event_type": "Protests"},
            ],
        }
    )
    received: list[dict[str, Any]] = []
    sinks = [("memory", received.append), *sinks_for(ruleset.delivery, _Null())[1:]]
    watcher = make_watcher([server.url("/wire.rss")], ruleset=ruleset, sinks=sinks)

    # 1. The IS attack at Tarmiya (3 dead): "ISIS" resolves to the pack's Islamic State.
    first = watcher.poll()
    fired = {(a["rule"], a["event"]["location"]) for a in received}
    assert ("is-deadly", "At Tarmiyah") in fired
    assert ("near-tarmiya", "At Tarmiyah") in fired
    assert not any(rule in ("disputed", "protests") for rule, _ in fired)
    assert first.alerts_created == first.alerts_delivered == len(received)
    tarmiya = next(a for a in received if a["rule"] == "near-tarmiya")
    assert tarmiya["event"]["fatalities"] == 3
    quotes = [e["quote"] for e in tarmiya["evidence"]]
    assert any("Tarmiya" in q for q in quotes)
    assert all(e["extractor"].startswith("orbat.events") for e in tarmiya["evidence"])
    assert all(e["document_id"] and e["char_end"] > e["char_start"] for e in tarmiya["evidence"])

    # 2. Re-polls of the same feed add no alert.
    clock.advance(601)
    assert watcher.poll().alerts_created == 0

    # 3. A second outlet gives 5 dead for the same attack: the event is now contested, so
    #    "disputed" fires; "is-deadly" and "near-tarmiya" do not fire again for it.
    server.routes["/pages/is-kills-5.html"] = Route(
        fixtures.page_html(_five_dead()), content_type="text/html"
    )
    server.routes["/wire.rss"] = Route(
        fixtures.wire_feed(server.base, [_five_dead(), fixtures.is_kills()])
    )
    clock.advance(601)
    before = len(received)
    watcher.poll()
    later = received[before:]
    assert [a["rule"] for a in later if a["event"]["location"] == "At Tarmiyah"] == ["disputed"]
    disputed = later[0]
    assert disputed["event"]["contested"] is True
    assert disputed["event"]["fatalities_reported"] == "3; 5"
    assert any(e["new"] for e in disputed["evidence"]) and not all(
        e["new"] for e in disputed["evidence"]
    )

    # Stored once each, all delivered; the file holds exactly the delivered alerts.
    rows = _stored(watcher)
    keys = [(r.rule, r.subject_kind, r.subject_id) for r in rows]
    assert len(keys) == len(set(keys)) == len(received)
    assert all(r.delivered_at is not None for r in rows)
    lines = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["alert_id"] for line in lines] == [r.id for r in rows]

    # `orbat alerts` lists them; --since in the future lists none.
    runner = CliRunner()
    listed = runner.invoke(app, ["alerts", "--db", str(watcher.db)])
    assert listed.exit_code == 0, listed.output
    out = [json.loads(line) for line in listed.stdout.splitlines() if line.startswith("{")]
    assert [a["alert_id"] for a in out] == [r.id for r in rows]
    none = runner.invoke(app, ["alerts", "--db", str(watcher.db), "--since", "2100-01-01"])
    assert none.exit_code == 0 and "{" not in none.stdout


class _Null:
    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def test_a_failing_webhook_is_retried_until_delivered(
    server: FixtureServer, make_watcher: WatcherFactory, clock: Clock
) -> None:
    import httpx

    server.routes["/hook"] = Route(b"down", status=502, content_type="text/plain")
    ruleset = parse_rules(
        {
            "deliver": {"webhook": server.url("/hook")},
            "rules": [{"name": "tarmiya", "place": "Tarmiyah"}],
        }
    )
    with httpx.Client() as client:
        watcher = make_watcher(
            [server.url("/wire.rss")],
            ruleset=ruleset,
            sinks=sinks_for(ruleset.delivery, _Null(), client),
        )
        first = watcher.poll()
        assert first.alerts_created == 1 and first.alerts_delivered == 0
        assert first.problems and "webhook" in first.problems[0] and "502" in first.problems[0]
        [row] = _stored(watcher)
        assert row.delivered_at is None and "502" in row.delivery_error

        server.routes["/hook"] = Route(b"ok", content_type="text/plain", validators=False)
        clock.advance(30)  # no feed is due: the retry comes from the undelivered alert alone
        second = watcher.poll()
        assert second.alerts_created == 0 and second.alerts_delivered == 1
        clock.advance(30)
        assert watcher.poll().alerts_delivered == 0  # delivered alerts are not sent again

    posts = [h for h in server.requests_for("/hook") if h.status == 200]
    assert len(posts) == 1
    body = json.loads(posts[0].body)
    assert body["rule"] == "tarmiya" and body["event"]["location"] == "At Tarmiyah"
    assert posts[0].headers["Content-Type"] == "application/json"


def test_new_actor_rule_fires_once_per_new_group(
    server: FixtureServer, make_watcher: WatcherFactory, clock: Clock
) -> None:
    # The phrasing the discovery stage looks for, with a name no pack knows.
    story = fixtures.Story(
        "new-group",
        "New militia claims attack",
        datetime(2020, 3, 16, 9, tzinfo=UTC),
        (
            "BAGHDAD - A previously unknown militia, which calls itself Saraya Nasr "
            "al-Mubin, claimed responsibility for Saturday's rocket attack on the Taji base, "
            "Iraqi security officials said.",
            "The group said in a statement that more attacks would follow.",
        ),
    )
    server.routes["/pages/new-group.html"] = Route(
        fixtures.page_html(story), content_type="text/html"
    )
    server.routes["/wire.rss"] = Route(fixtures.wire_feed(server.base, [story]))
    ruleset = parse_rules({"rules": [{"name": "new-groups", "new_actor": True}]})
    received: list[dict[str, Any]] = []
    watcher = make_watcher(
        [server.url("/wire.rss")], ruleset=ruleset, sinks=[("memory", received.append)]
    )
    watcher.poll()
    # Named in the feed item and on the page: one candidate, one alert.
    assert [a["actor"]["name"] for a in received] == ["Saraya Nasr al-Mubin"]
    [alert] = received
    assert alert["kind"] == "actor" and alert["actor"]["status"] == "candidate"
    evidence = alert["evidence"][0]
    assert "Saraya Nasr al-Mubin" in evidence["quote"]
    assert evidence["extractor"].startswith("orbat.statements")
    clock.advance(601)
    server.routes["/wire.rss"] = Route(
        fixtures.wire_feed(server.base, [fixtures.is_kills(), story])
    )
    watcher.poll()
    assert len(received) == 1, "a known candidate does not alert again"
    with watcher.engine.connect() as conn:
        assert conn.execute(select(actor_candidates.c.name)).scalars().all() == [
            "Saraya Nasr al-Mubin"
        ]


def test_the_example_rules_file_is_valid() -> None:
    ruleset = load_rules(ROOT / "examples" / "alerts.yaml")
    assert [r.name for r in ruleset.rules][:2] == ["kataib-hezbollah", "deadly-near-baghdad"]
    assert "Kata'ib Hezbollah" in ruleset.rules[0].actor  # the pack's spelling is added
    assert ruleset.delivery.file == ROOT / "examples" / "alerts.jsonl"
