"""Issue 15's proof that a theatre is data: the Yemen pack (examples/packs/yemen, no Python),
copied to a folder outside the repository and chosen with `--pack`, codes the right events,
actors and places from reports written for it, and its eval scores hold their floors.

The events asserted one by one are from the development half of the pack's gold; the held-out
half is only measured, by the floors of the second test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]

PACK = Path(__file__).resolve().parents[2] / "examples" / "packs" / "yemen"
ORBAT = [sys.executable, "-c", "from orbat.cli.app import main; main()"]


def _orbat(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("ORBAT_PACK", None)
    result = subprocess.run([*ORBAT, *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def yemen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """The pack in a folder of its own, its reports ingested, the events exported."""
    root = tmp_path_factory.mktemp("elsewhere")
    pack = root / "yemen"
    shutil.copytree(PACK, pack)
    db = str(root / "yemen.db")
    _orbat("--pack", str(pack), "ingest", str(pack / "eval" / "texts.jsonl"), "--db", db)
    out = _orbat("--pack", str(pack), "export", "-f", "events-jsonl", "--db", db)
    return pack, [json.loads(line) for line in out.splitlines() if line.strip()]


def _event(events: list[dict[str, Any]], doc: str, sub_event_type: str) -> dict[str, Any]:
    found = [
        e
        for e in events
        if e["sub_event_type"] == sub_event_type
        and any(s["document_external_id"] == f"local:{doc}" for s in e["sources"])
    ]
    assert found, f"no {sub_event_type} from {doc}"
    return found[0]


def test_events_actors_and_places_come_from_the_pack(
    yemen: tuple[Path, list[dict[str, Any]]],
) -> None:
    _pack, events = yemen
    bombing = _event(events, "yemen-10", "Suicide bomb")
    assert (bombing["actor1"], bombing["actor2"]) == (
        "Islamic State (Yemen)",
        "Military Forces of Yemen (2017-) Houthi",
    )
    assert (bombing["country"], bombing["admin1"], bombing["event_date"]) == (
        "Yemen",
        "Al Bayda",
        "2024-11-17",
    )
    # A group of the pack against another, at a town of the general gazetteer ...
    clash = _event(events, "yemen-05", "Armed clash")
    assert (clash["actor1"], clash["actor2"], clash["location"], clash["admin1"]) == (
        "AQAP: Al Qaeda in the Arabian Peninsula",
        "Shabwa Defence Forces",
        "Nisab",
        "Shabwah",
    )
    # ... and at a suburb only the pack's places.yaml knows.
    shelling = [
        e
        for e in events
        if e["location"] == "Al-Hawban"
        and any(s["document_external_id"] == "local:yemen-22" for s in e["sources"])
    ]
    assert [(e["actor1"], e["admin1"]) for e in shelling] == [
        ("Military Forces of Yemen (2022-)", "Taiz")
    ]
    # The coalition's strikes code to Saudi Arabia's forces; in 2021 the government was Hadi's.
    strike = _event(events, "yemen-02", "Air/drone strike")
    assert strike["actor1"] == "Military Forces of Saudi Arabia (2015-)"
    assert strike["admin1"] == "Marib" and strike["fatalities"] == 15
    # Every event carries its evidence and names the pack it came from.
    for event in events:
        assert event["extractor"].startswith("orbat.events.v4+yemen.")
        assert all(s["quote"] for s in event["sources"])


def test_the_pack_scores_hold_their_floors(yemen: tuple[Path, list[dict[str, Any]]]) -> None:
    pack, _events = yemen
    code = (
        "import json, sys; from pathlib import Path; from orbat.eval.news import run_news_eval;"
        "s = run_news_eval(Path('.'), Path(sys.argv[1]))['all'];"
        "print(json.dumps([s.recall, s.precision, s.field_accuracy()]))"
    )
    env = {**os.environ, "ORBAT_PACK": str(pack)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(pack / "eval")], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    recall, precision, fields = json.loads(out.stdout.splitlines()[-1])
    # Floors a little under the scores of the first run (docs/packs.md): a drop fails.
    assert recall >= 0.95 and precision >= 0.8
    assert fields["date"] >= 0.9 and fields["admin1"] >= 0.9 and fields["actor1"] >= 0.7
