"""`orbat watch` as a user runs it: a subprocess against the loopback server, restarted, killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner

from orbat.cli.app import app
from orbat.store.schema import alerts, documents, watch_pages

from .server import FixtureServer, Route

ORBAT = [sys.executable, "-c", "from orbat.cli.app import main; main()"]
RULES = """
rules:
  - name: tarmiya
    place: Tarmiyah
  - name: is-deadly
    actor: Islamic State
    min_fatalities: 3
"""


def _watch(db: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ORBAT, "watch", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(),
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    env["COLUMNS"] = "200"
    return env


def _rows(db: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        docs = [(r.origin, r.locator) for r in conn.execute(select(documents))]
        fired = [(r.rule, r.subject_id) for r in conn.execute(select(alerts))]
    engine.dispose()
    return docs, fired


def test_once_twice_resumes_without_refetching_or_realerting(
    server: FixtureServer, tmp_path: Path
) -> None:
    db, rules = tmp_path / "watch.db", tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    args = ["--feed", server.url("/wire.rss"), "--once", "--allow-private", "--delay", "0"]

    first = _watch(db, *args, "--alerts", str(rules))
    assert first.returncode == 0, first.stderr
    alerts_out = [json.loads(line) for line in first.stdout.splitlines()]
    assert {a["rule"] for a in alerts_out} == {"tarmiya", "is-deadly"}
    assert "poll" in first.stderr and "2 new articles" in first.stderr

    second = _watch(db, *args, "--alerts", str(rules))
    assert second.returncode == 0, second.stderr
    assert second.stdout == "", "no alert twice"
    assert "not modified" in second.stderr
    assert [h.status for h in server.requests_for("/wire.rss")] == [200, 304]
    assert len(server.requests_for("/pages/is-kills-3.html")) == 1
    docs, fired = _rows(db)
    assert max(Counter(docs).values()) == 1 and len(docs) == 2
    assert len(fired) == len(set(fired)) == len(alerts_out)


def test_killed_mid_poll_the_restart_finishes_the_work_once(
    server: FixtureServer, tmp_path: Path
) -> None:
    db = tmp_path / "watch.db"
    page = "/pages/is-kills-3.html"
    good = server.routes[page]
    server.routes[page] = Route(good.body, content_type="text/html", delay=10)
    args = ["--feed", server.url("/wire.rss"), "--allow-private", "--delay", "0"]
    process = subprocess.Popen(
        [*ORBAT, "watch", "--db", str(db), *args, "--every", "1m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 120
        while page not in server.arrivals and time.monotonic() < deadline:
            time.sleep(0.05)
        assert page in server.arrivals, "the watcher reached the page"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    # The feed was read and the page was pending when it died: nothing is stored yet, and
    # the feed's ETag was not kept (so the restart reads the feed again).
    docs, _ = _rows(db)
    assert docs == []
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(select(watch_pages.c.status)).scalars().all() == ["pending"]
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    engine.dispose()

    server.routes[page] = good
    again = _watch(db, *args, "--once")
    assert again.returncode == 0, again.stderr
    docs, _ = _rows(db)
    assert sorted(docs) == sorted(
        [(server.url(page), ""), (server.url("/wire.rss"), "entry fixture-wire:is-kills-3")]
    )
    assert [h.status for h in server.requests_for("/wire.rss")] == [200, 200]


def test_cli_errors_are_one_clear_line(server: FixtureServer, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - name: x\n    min_fatalities: lots\n", encoding="utf-8")
    bad = _watch(tmp_path / "w.db", "--feed", server.url("/wire.rss"), "--alerts", str(rules))
    assert bad.returncode == 1
    assert "error:" in bad.stderr and "rules[0].min_fatalities" in bad.stderr
    none = CliRunner().invoke(app, ["watch", "--db", str(tmp_path / "w.db"), "--once"])
    assert none.exit_code == 2 and "--feed" in none.output


def test_without_allow_private_loopback_feeds_are_refused(
    server: FixtureServer, tmp_path: Path
) -> None:
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(
        app, ["watch", "--db", db, "--feed", server.url("/wire.rss"), "--once"]
    )
    assert result.exit_code == 0, result.output
    assert "refused" in result.stderr and "--allow-private" in result.stderr
    assert server.hits == []
