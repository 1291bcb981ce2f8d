"""Issue 14 §4: `orbat --version`, the events table at 80 columns, search snippets that keep
their [marked] words (Rich would read "[airstrike]" as markup and drop it)."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version

import pytest

from actor_corpus import ActorDb

pytestmark = pytest.mark.issue(14)


def _orbat(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "orbat", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_version_prints_the_installed_version() -> None:
    result = _orbat("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"orbat {version('orbat')}"


def test_events_table_is_readable_at_80_columns(actor_db: ActorDb) -> None:
    result = _orbat("events", "--db", actor_db.path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in result.stdout  # nothing cut short
    header = lines[0].split()
    assert header == ["id", "date", "type", "actor", "1", "actor", "2", "location", "dead", "src"]
    # The date whole on one line; every word of the long ACLED names is there.
    assert "2018-06-17" in result.stdout and "~week" in result.stdout
    words = result.stdout.split()
    for word in ("Military", "Forces", "(2018-)", "Popular", "Mobilization", "22"):
        assert word in words, word


def test_search_snippets_keep_their_marked_words(actor_db: ActorDb) -> None:
    result = _orbat("search", "airstrike", "--db", actor_db.path, columns=200)
    assert result.returncode == 0, result.stderr
    assert "[airstrike]" in result.stdout.lower()


def test_events_take_the_web_filters(actor_db: ActorDb) -> None:
    syria = _orbat("events", "--db", actor_db.path, "--country", "Syria", columns=200)
    assert syria.returncode == 0, syria.stderr
    assert "Abu Kamal" in syria.stdout and "Al Qaim" not in syria.stdout
    deadly = _orbat("events", "--db", actor_db.path, "--fatalities", "1", columns=200)
    assert "1 of 1 events" in deadly.stdout and " 22 " in deadly.stdout
    bad = _orbat("events", "--db", actor_db.path, "--sort", "loudest")
    assert bad.returncode != 0 and "--sort" in bad.stderr
