"""Run the ingest pipeline on a Dask cluster: local worker processes or an existing scheduler.

The expensive, pure stages run on the workers: read → segment → MinHash signature, one input
file per task, then events and statements from one parse, a batch of articles per task; the
writes (dedup decisions, inserts, event merging) stay
in the client and happen in input order, so the database ends up exactly as a single-process
run leaves it.
"""

from orbat.distributed.client import DistributedSummary, ingest_distributed
from orbat.distributed.work import (
    Batch,
    FileResult,
    ProcessedArticle,
    analyse_articles,
    read_file,
)

__all__ = [
    "Batch",
    "DistributedSummary",
    "FileResult",
    "ProcessedArticle",
    "analyse_articles",
    "ingest_distributed",
    "read_file",
]
