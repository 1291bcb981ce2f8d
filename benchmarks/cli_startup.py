"""How long `orbat` commands take from the shell prompt to their last line (issue 14: "`orbat
--help` and every command that needs no NLP start in under a second").

Each command runs in a fresh process, several times; the median and the fastest wall-clock
times are reported. The database for `events`, `stats` and `search` is the founding corpus
(`orbat ingest --example`), built once in a temporary folder (that build is not timed).

1. `orbat --help`, `orbat --version`: the CLI alone;
2. `orbat events`, `orbat stats`, `orbat search drone`: read commands on a small database;
3. `python -c "import orbat"`: the package alone, the floor of every command.

Run: `python benchmarks/cli_startup.py [--runs N]`; results go to
benchmarks/results/cli_startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORBAT = [sys.executable, "-m", "orbat"]


def _time(command: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100"}
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "orbat.db")
        subprocess.run([*ORBAT, "ingest", "--example", "--db", db], env=env, check=True,
                       capture_output=True)  # fmt: skip
        commands = {
            "orbat --help": [*ORBAT, "--help"],
            "orbat --version": [*ORBAT, "--version"],
            "orbat events": [*ORBAT, "events", "--db", db],
            "orbat stats": [*ORBAT, "stats", "--db", db],
            "orbat search drone": [*ORBAT, "search", "drone", "--db", db],
            "import orbat": [sys.executable, "-c", "import orbat"],
        }
        results = {name: _time(cmd, env, args.runs) for name, cmd in commands.items()}
    report = {
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs (shared)",
        "commands": results,
    }
    out = ROOT / "benchmarks" / "results" / "cli_startup.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for name, result in results.items():
        print(f"{name:22} median {result['median_s']:.2f} s  fastest {result['min_s']:.2f} s")


if __name__ == "__main__":
    main()
