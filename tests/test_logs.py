"""Issue 15 (habits): errors a run catches and goes on from keep their traceback in orbat's
log, through named loggers, while the run's own report stays one line."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orbat.ingest import ReadOptions, sources
from orbat.ingest.sources import read_file
from orbat.models import Skip

pytestmark = pytest.mark.issue(15)


def test_a_reader_bug_is_a_one_line_skip_and_a_logged_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object) -> object:
        raise KeyError("title")

    monkeypatch.setitem(sources.READERS, "text", broken)
    path = tmp_path / "news.txt"
    path.write_text("Gunmen attacked a checkpoint near Tikrit on Monday.\n", encoding="utf-8")
    logger = logging.getLogger("orbat.ingest.sources")
    logger.addHandler(caplog.handler)  # the CLI may have stopped orbat's logs propagating
    try:
        records = list(read_file(path, ReadOptions()))
    finally:
        logger.removeHandler(caplog.handler)
    assert [r.reason for r in records if isinstance(r, Skip)] == [
        "reader failed: KeyError: 'title'"
    ]
    # (once or twice: through the handler above and, when orbat's logs propagate, the root's)
    logged = next(r for r in caplog.records if r.name == "orbat.ingest.sources")
    assert logged.exc_info is not None and logged.exc_info[0] is KeyError
    assert str(path.resolve()) in logged.getMessage()


def _orbat(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    code = "from orbat.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **env},
    )


def test_log_settings_reach_the_cli(tmp_path: Path) -> None:
    wrong = _orbat("stats", "--db", str(tmp_path / "x.db"), ORBAT_LOG_LEVEL="LOUD")
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines() == [
        "error: log_level 'LOUD' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL"
    ]
    log = tmp_path / "logs" / "orbat.log"
    unwritable = _orbat("stats", "--db", str(tmp_path / "y.db"), ORBAT_LOG_FILE=str(log))
    assert unwritable.returncode == 1
    assert unwritable.stderr.startswith(f"error: cannot open log_file '{log}'")
    log.parent.mkdir()
    news = tmp_path / "news.txt"
    news.write_text("Gunmen attacked a checkpoint near Tikrit on Monday.\n", encoding="utf-8")
    db = str(tmp_path / "y.db")
    fine = _orbat("ingest", str(news), "--db", db, "--no-events", ORBAT_LOG_FILE=str(log))
    assert fine.returncode == 0, fine.stderr
    assert log.is_file()
