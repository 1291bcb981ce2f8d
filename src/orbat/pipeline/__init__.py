"""Every loop over the database: ingest, extract, and the chain of both that the CLI, the
watcher and the Dask client run (:mod:`orbat.pipeline.run`).

- :mod:`orbat.pipeline.ingest`: read → segment & clean → dedup → store;
- :mod:`orbat.pipeline.extract`: the one batch loop over the stored articles not read yet,
  for events, statements or both (it loads spaCy: import it when extracting);
- :mod:`orbat.pipeline.queries`: the SQL that loop runs;
- :mod:`orbat.pipeline.run`: :class:`Pipeline`, the stages in order over one database.

The ingest stage's names are importable from here (``from orbat.pipeline import ingest``);
the function :func:`ingest` hides the submodule of that name as an attribute, so import the
module's other names from ``orbat.pipeline.ingest`` itself.
"""

from orbat.pipeline.ingest import (
    ArticleSink,
    IngestSummary,
    ingest,
    ingest_records,
    open_database,
    segment_or_skip,
)
from orbat.pipeline.run import Observer, Pipeline, RunSummary

__all__ = [
    "ArticleSink",
    "IngestSummary",
    "Observer",
    "Pipeline",
    "RunSummary",
    "ingest",
    "ingest_records",
    "open_database",
    "segment_or_skip",
]
