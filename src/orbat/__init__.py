"""orbat: turn raw conflict news into an evidence-backed order-of-battle database.

The public Python API::

    from orbat import ingest_paths, extract_articles, open_engine
    summary = ingest_paths(["news/"], "orbat.db")    # read → segment → dedup → store
    extract_articles(open_engine("orbat.db"))         # events and statements, with evidence

    db = orbat.open("orbat.db")                       # read it (see orbat.read.database)
    db.events(actor="Kataib Hezbollah", since="2025-01-01").to_pandas()

(``extract_events`` extracts the events alone.)
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from orbat.errors import OrbatError

if TYPE_CHECKING:
    from orbat.pipeline.extract import extract_articles, extract_events
    from orbat.pipeline.ingest import IngestSummary
    from orbat.pipeline.ingest import ingest as ingest_paths
    from orbat.read.database import Database
    from orbat.read.database import open_database as open
    from orbat.store import open_engine

try:
    __version__ = version("orbat")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

# The API is imported when first used: `import orbat` (and `orbat --help`) must not load spaCy.
# ``ingest_paths`` is ``orbat.pipeline.ingest.ingest``: the name ``orbat.ingest`` is the readers'.
_LAZY = {
    "Database": ("orbat.read.database", "Database"),
    "IngestSummary": ("orbat.pipeline.ingest", "IngestSummary"),
    "extract_articles": ("orbat.pipeline.extract", "extract_articles"),
    "extract_events": ("orbat.pipeline.extract", "extract_events"),
    "ingest_paths": ("orbat.pipeline.ingest", "ingest"),
    "open": ("orbat.read.database", "open_database"),
    "open_engine": ("orbat.store", "open_engine"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'orbat' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


__all__ = [
    "Database",
    "IngestSummary",
    "OrbatError",
    "__version__",
    "extract_articles",
    "extract_events",
    "ingest_paths",
    "open",
    "open_engine",
]
