"""Run the ingest pipeline on a Dask cluster: local worker processes or an existing scheduler.

The expensive, pure stages (read → segment → MinHash signature → event extraction) run on the
workers, one input file per task; the writes (dedup decisions, inserts, event merging) stay
in the client and happen in input order, so the database ends up exactly as a single-process
run leaves it.
"""

from orbat.distributed.client import DistributedSummary, ingest_distributed
from orbat.distributed.work import FileResult, ProcessedArticle, process_file

__all__ = [
    "DistributedSummary",
    "FileResult",
    "ProcessedArticle",
    "ingest_distributed",
    "process_file",
]
