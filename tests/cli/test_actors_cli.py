"""`orbat actors` and `orbat actor NAME`: the table, candidates apart, and profiles in any
spelling, as text or JSON; unknown names and kinds are clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from actor_corpus import CANDIDATE, ActorDb
from orbat.cli.app import app
from orbat.packs import load_pack

runner = CliRunner()
WIDE = {"COLUMNS": "250"}  # rich wraps cells at the terminal width


def test_actors_table_counts_and_candidates_apart(actor_db: ActorDb) -> None:
    result = runner.invoke(app, ["actors", "--db", actor_db.path], env=WIDE)
    assert result.exit_code == 0, result.output
    pack_part, _, candidate_part = result.output.partition("actors from pack")
    row = next(line for line in pack_part.splitlines() if "│ qasem-al-jabbarin " in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    # id, name, kind, country, ACLED name, inter, mentions, events, relations
    assert cells[:2] == ["qasem-al-jabbarin", "Qasem al-Jabbarin"] and cells[6] == "2"
    relations = len(load_pack().relations_of("qasem-al-jabbarin")) + 1
    assert cells[8] == str(relations)
    assert CANDIDATE not in pack_part
    assert CANDIDATE in candidate_part and "1 candidate actors" in candidate_part


def test_actors_filters(actor_db: ActorDb) -> None:
    result = runner.invoke(
        app,
        ["actors", "--db", actor_db.path, "--kind", "state_forces", "--country", "iraq"],
        env=WIDE,
    )
    assert result.exit_code == 0, result.output
    assert "Popular Mobilization Forces" in result.output
    assert "Kata'ib Hezbollah" not in result.output and "Syrian" not in result.output
    only = runner.invoke(app, ["actors", "--db", actor_db.path, "--candidates"], env=WIDE)
    assert CANDIDATE in only.output and "Kata'ib Hezbollah" not in only.output
    bad = runner.invoke(app, ["actors", "--db", actor_db.path, "--kind", "army"])
    assert bad.exit_code != 0 and "--kind must be one of" in bad.output


def test_actor_profile_as_json(actor_db: ActorDb) -> None:
    result = runner.invoke(app, ["actor", "Kataeb Hizballah", "--db", actor_db.path, "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)
    assert profile["id"] == "kataib-hezbollah"
    assert profile["resolved_from"] == {"query": "Kataeb Hizballah", "score": 0.95, "method": "key"}
    front = next(r for r in profile["relations"] if r["origin"] == "text")
    assert front["subject_id"] == "qasem-al-jabbarin" and front["direction"] == "in"
    assert [e["event_id"] for e in profile["events"]] == [actor_db.brigades_event]


def test_actor_profile_as_text(actor_db: ActorDb) -> None:
    result = runner.invoke(app, ["actor", "PMF", "--db", actor_db.path], env=WIDE)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Popular Mobilization Forces" in out and "الحشد الشعبي" in out
    assert "relations over time" in out and "Hashed al-Shaabi coalition" in out
    assert "Abu Kamal" in out and "22 ⚑" in out  # the event, contested by the denial
    assert "claims by it" in out and "accused" in out
    candidate = runner.invoke(app, ["actor", CANDIDATE, "--db", actor_db.path], env=WIDE)
    assert "candidate, awaiting review" in candidate.output


def test_unknown_actor_is_one_clear_line(actor_db: ActorDb) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from orbat.cli.app import main; main()",
            "actor",
            "Zzyzx Qwerty Vbnm",
            "--db",
            actor_db.path,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "no actor or candidate actor" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.issue(14)
@pytest.mark.parametrize("spelling", ["Kataib Hezbollah", "Kata'ib Hizballah", "كتائب حزب الله"])
def test_events_actor_filter_accepts_any_spelling(actor_db: ActorDb, spelling: str) -> None:
    """The filter goes through the resolver: every spelling finds the same events."""
    result = runner.invoke(
        app, ["events", "--actor", spelling, "--db", actor_db.path, "--limit", "500"], env=WIDE
    )
    assert result.exit_code == 0, result.output
    assert "0 of 0 events" not in result.output
    found = result.output.splitlines()[-1]
    reference = runner.invoke(
        app, ["events", "--actor", "Kataib Hezbollah", "--db", actor_db.path, "--limit", "500"],
        env=WIDE,
    ).output.splitlines()[-1]  # fmt: skip
    assert found == reference


@pytest.mark.issue(14)
def test_actor_profile_by_acled_name_without_its_period(actor_db: ActorDb) -> None:
    result = runner.invoke(app, ["actor", "Military Forces of Turkey", "--db", actor_db.path])
    assert result.exit_code == 0, result.output
    assert "turkey-military" in result.output
