"""Issue 14: `orbat --help` and every command that needs no NLP start in well under a second.

Startup time is what the heavy libraries cost to import; a test on which ones are imported is
exact where a timing would be flaky (timings belong in benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.issue(14)

HEAVY = ("spacy", "scipy", "sqlalchemy", "alembic", "trafilatura", "lxml", "datasketch",
         "dateparser", "dask", "fastapi", "followthemoney", "networkx")  # fmt: skip


def _loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    modules = set(json.loads(out.stdout.strip().splitlines()[-1]))
    return [name for name in HEAVY if name in modules]


def test_the_cli_and_the_package_import_no_heavy_library() -> None:
    assert _loaded_after("import orbat.cli.app") == []
    assert _loaded_after("import orbat") == []


def test_help_loads_nothing_heavy() -> None:
    code = (
        "import sys\nfrom orbat.cli.app import app\nsys.argv = ['orbat', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert _loaded_after(code) == []


def test_the_public_api_still_imports_on_first_use() -> None:
    import orbat

    assert callable(orbat.ingest_paths) and callable(orbat.extract_articles)
    assert callable(orbat.open_engine)
