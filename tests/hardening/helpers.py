"""Shared by the hardening tests: run orbat as a user does, and read a database from outside."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

ORBAT = [sys.executable, "-c", "from orbat.cli.app import main; main()"]


def env() -> dict[str, str]:
    """The environment for orbat subprocesses: this checkout's sources first."""
    result = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2] / "src")
    result["PYTHONPATH"] = src + os.pathsep + result.get("PYTHONPATH", "")
    return result


def count(db: Path, table: str = "documents") -> int:
    """Rows in ``table``, read-only; 0 while the database is not created or migrated yet."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p95 and max of ``values`` in milliseconds."""
    ordered = sorted(values)
    if not ordered:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"p50_ms": at(0.5), "p95_ms": at(0.95), "max_ms": ordered[-1] * 1000}
