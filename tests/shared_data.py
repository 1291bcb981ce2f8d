"""Where the tests find third-party data: ``../shared/data`` beside the clone, never a copy.

re3d, CASE 2021, CENTCOM, aeb, the RSS/Atom and WARC fixtures and the village gazetteer were
not written by the orbat project, so they are never copied into the repository (the project
rule; see ``../shared/data/README.md`` for what each folder holds and its licence). CI has the
folder beside the clone. Without it a test that needs it is skipped with the path it looked
for — unless ``ORBAT_CI=1``, where a missing folder is a failure (as a missing PostgreSQL or
Chromium is, see ``tests/conftest.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: The shared data folder: ``<repository>/../shared/data``.
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared(*parts: str) -> Path:
    """``SHARED_DATA / parts`` if it exists; else skip (locally) or fail (``ORBAT_CI=1``).

    Callable from a test, a fixture or a module's top level (the skip is allowed there)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        missing_shared(path)
    return path


def missing_shared(path: Path) -> None:
    """Skip, or fail under ``ORBAT_CI=1``, for shared data not found at ``path``."""
    if os.environ.get("ORBAT_CI") == "1":
        pytest.fail(
            f"ORBAT_CI=1 and shared data is missing: {path} (../shared/data beside the clone)"
        )
    pytest.skip(
        f"shared data missing: {path} (third-party data is read from ../shared/data beside "
        "the clone, never copied into the repository)",
        allow_module_level=True,
    )
