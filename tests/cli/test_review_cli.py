"""`orbat review` and `orbat export --reviewed` on SQLite and PostgreSQL (issue 14 §1)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli.app import app
from orbat.read.reviews import ReviewReader
from orbat.store import open_engine

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

runner = CliRunner()


@pytest.fixture
def db(db_url: str) -> str:
    result = runner.invoke(app, ["ingest", "--example", "--db", db_url])
    assert result.exit_code == 0, result.output
    return db_url


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def _export(tmp_path: Path, db: str, *args: str) -> str:
    out = tmp_path / "export.out"
    _ok("export", *args, "--db", db, "-o", str(out))
    return out.read_text(encoding="utf-8")


def test_review_flow_confirm_correct_reject_history_and_export(db: str, tmp_path: Path) -> None:
    queue = _ok("review", "queue", "--db", db, "--limit", "100")
    assert "awaiting review" in queue
    # The founding corpus has events coded in Turkey: flagged, and counted under the table.
    assert any("⚠" in line and "Kilis" in line for line in queue.splitlines())
    assert "outside the theatre's countries" in queue
    first, second, third = (
        i.event.id for i in ReviewReader(open_engine(db)).queue(limit=3)
    )  # least confident first

    assert "confirmed" in _ok("review", "confirm", str(first), "--db", db, "--by", "alice")
    out = _ok(
        "review", "correct", str(second), "--field", "fatalities", "--value", "5",
        "--note", "the ministry's figure", "--by", "bob", "--db", db,
    )  # fmt: skip
    assert "fatalities is now 5" in out
    assert "rejected" in _ok("review", "reject", str(third), "--db", db, "--note", "duplicate")

    history = _ok("review", "history", str(second), "--db", db)
    assert "bob" in history and "fatalities" in history and "ministry" in history
    assert str(third) in _ok("review", "list", "--status", "rejected", "--db", db)

    listed = _ok("events", "--reviewed", "--db", db)
    assert f"{first} ✓" in listed and f"{second} ✓" in listed and "2 of 2 events" in listed

    jsonl = _export(tmp_path, db, "-f", "events-jsonl", "--reviewed")
    records = {r["event_id"]: r for r in map(json.loads, jsonl.splitlines())}
    assert set(records) == {first, second}  # the rejected one left the export
    assert records[second]["fatalities"] == 5 and records[second]["corrected"] == ["fatalities"]
    assert records[first]["review_status"] == "confirmed"

    rows = list(csv.DictReader(io.StringIO(_export(tmp_path, db, "-f", "acled"))))
    ids = {r["event_id_cnty"][3:]: r for r in rows}
    assert str(third) not in ids
    if str(second) in ids:  # undated events are not in ACLED's CSV
        assert ids[str(second)]["fatalities"] == "5"
        assert ids[str(second)]["reviewed"] == "corrected"


def test_a_bad_value_is_one_clear_line_and_stores_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "review.db")
    _ok("ingest", "--example", "--db", db, "--no-events")
    _ok("review", "queue", "--db", db)  # no events yet: an empty queue, no error
    result = subprocess.run(
        [
            sys.executable, "-c", "from orbat.cli.app import main; main()",
            "review", "correct", "1", "--field", "date", "--value", "soon", "--db", db,
        ],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: no event 1")
    assert "Traceback" not in result.stderr


def test_every_review_command_has_help() -> None:
    from orbat.cli.review import review_app

    names = set()
    for command in review_app.registered_commands:
        name = command.name or ""
        names.add(name)
        result = runner.invoke(app, ["review", name, "--help"])
        assert result.exit_code == 0 and command.callback.__doc__, name  # type: ignore[union-attr]
    assert names == {
        "queue", "list", "show", "confirm", "reject", "correct", "merge", "split", "history"
    }  # fmt: skip


def test_split_makes_an_event_of_the_sources_taken_out(db: str, tmp_path: Path) -> None:
    from sqlalchemy import select

    from orbat.store.events import EventStore
    from orbat.store.schema import events

    # Two outlets' own reports of one attack: one event, two sources.
    text = "Islamic State militants attacked a base in Tarmiyah on Friday, police said."
    reports = tmp_path / "reports.jsonl"
    reports.write_text(
        "\n".join(
            json.dumps({"id": f"r{i}", "date": "2021-08-20", "source": name, "text": text})
            for i, name in enumerate(("Wire One", "Paper Two"))
        ),
        encoding="utf-8",
    )
    _ok("ingest", str(reports), "--db", db)
    engine = open_engine(db)
    with engine.connect() as conn:
        event_id = conn.execute(
            select(events.c.id).where(events.c.mention_count > 1).order_by(events.c.id)
        ).scalar_one()
    mention = EventStore(engine).mentions([event_id])[event_id][-1].id
    out = _ok("review", "split", str(event_id), "--mention", str(mention), "--db", db)
    made = int(out.split("into event")[1].split()[0])
    shown = _ok("review", "show", str(made), "--db", db)
    assert f"source {mention}:" in shown and "review: split" in shown
    history = _ok("review", "history", str(event_id), "--db", db)
    assert "split" in history
