"""The place gazetteer's cost: build time, load time and resident memory, with and without the
village files imported (issue 13: "the gazetteer's memory is reported").

Each measurement runs in a fresh process (the gazetteer is cached per process and its pickle
per machine), in a cache folder of its own so the user's cache is never touched:

1. ``embedded``: GeoNames cities500 and the pack only.
2. ``villages``: with ``../shared/data/gazetteer/`` (Who's On First Iraq/Syria, OCHA Syria)
   imported as ``orbat gazetteer import`` does.

For each: the first load (which builds and pickles), a second load (from the pickle), the
number of places and names, and the growth of the process's peak resident memory over a bare
interpreter with orbat imported.

Run: `python benchmarks/gazetteer_memory.py`; results go to
benchmarks/results/gazetteer_memory.json.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "gazetteer"
VILLAGE_FILES = ("ocha_syr_locations.tsv.gz", "wof_iq_sy_places.tsv.gz")

# Runs in the child: import, measure the baseline, load twice, report.
_CHILD = """
import json, os, resource, sys, time
from pathlib import Path
import orbat.nlp.gazetteer as G
from orbat.nlp.gazetteer_store import ImportedGazetteer
for name in sys.argv[1:]:
    ImportedGazetteer().import_file(Path(name))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter(); gaz = G.load_gazetteer(); first = time.perf_counter() - t
G.load_gazetteer.cache_clear()
t = time.perf_counter(); gaz = G.load_gazetteer(); second = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
growth = round((peak - base) / 1024)
print(json.dumps({"places": len(gaz), "names": gaz.name_count, "first_load_s": round(first, 2),
                  "cached_load_s": round(second, 2), "peak_growth_mib": growth}))
"""


def measure(files: list[Path]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ORBAT_CACHE_DIR": cache}
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, *map(str, files)],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    results = {
        "machine": platform.processor() or platform.machine(),
        "embedded": measure([]),
        "villages": measure([SHARED / name for name in VILLAGE_FILES]),
    }
    path = ROOT / "benchmarks" / "results" / "gazetteer_memory.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
