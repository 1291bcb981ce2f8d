"""`orbat serve` as a user runs it: a real process on loopback, read-only, clear errors."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from orbat.cli.app import app

_MAIN = "from orbat.cli.app import main; main()"


def _dump(db: str) -> list[str]:
    """Every table's schema and rows, as SQL (the database's content, not its file header)."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise AssertionError(f"orbat serve did not come up: {out}") from None
            time.sleep(0.2)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_loopback_and_leaves_the_database_unchanged(
    seed_db: str, workers: int
) -> None:
    before = _dump(seed_db)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            _MAIN,
            "serve",
            "--db",
            seed_db,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    ) as proc:
        try:
            response = _wait_for(f"http://127.0.0.1:{port}/api/stats", proc)
            assert response.status_code == 200 and response.json()["documents"] == 21
            page = httpx.get(f"http://127.0.0.1:{port}/events", timeout=10)
            assert page.status_code == 200 and "Kataib Hezbollah" in page.text
            assert "script-src 'self'" in page.headers["content-security-policy"]
            # Issue 17: a page elsewhere whose name resolves to 127.0.0.1 (DNS rebinding).
            rebound = httpx.get(
                f"http://127.0.0.1:{port}/api/stats", headers={"host": "rebind.example"}
            )
            assert rebound.status_code == 400, rebound.text
            local = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": f"localhost:{port}"})
            assert local.status_code == 200
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    assert _dump(seed_db) == before


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    proc = subprocess.run(
        [sys.executable, "-c", _MAIN, "serve", "--db", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert proc.returncode == 1
    assert "no database at" in proc.stderr
    assert not missing.exists()


def test_serve_help_names_the_defaults() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "8000" in result.output and "--db" in result.output
