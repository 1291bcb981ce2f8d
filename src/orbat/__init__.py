"""orbat: turn raw conflict news into an evidence-backed order-of-battle database.

The public Python API::

    from orbat import ingest_paths, extract_articles, open_engine
    summary = ingest_paths(["news/"], "orbat.db")    # read → segment → dedup → store
    extract_articles(open_engine("orbat.db"))         # events and statements, with evidence

(``extract_events`` extracts the events alone.)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from orbat.errors import OrbatError
from orbat.extract.stage import extract_articles, extract_events

# Exported as ``ingest_paths``: the name ``orbat.ingest`` belongs to the readers' package.
from orbat.pipeline import IngestSummary
from orbat.pipeline import ingest as ingest_paths
from orbat.store import open_engine

try:
    __version__ = version("orbat")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "IngestSummary",
    "OrbatError",
    "__version__",
    "extract_articles",
    "extract_events",
    "ingest_paths",
    "open_engine",
]
