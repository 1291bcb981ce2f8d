"""`orbat ingest --workers N / --scheduler ADDRESS`: the pipeline on a Dask cluster."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from orbat.distributed import DistributedSummary, ingest_distributed
from orbat.ingest import ReadOptions

__all__ = ["ingest_on_cluster"]

console = Console()
err_console = Console(stderr=True)


def ingest_on_cluster(
    inputs: list[str],
    db: str | None,
    workers: int | None,
    scheduler: str | None,
    *,
    events: bool,
    read_options: ReadOptions,
) -> None:
    """Ingest (and extract events) with the per-file work on Dask workers; print a summary."""
    from orbat.cli.report import print_extracted, print_summary
    from orbat.pipeline.extract import ExtractSummary

    started = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingesting on {task.fields[where]}"),
        TextColumn("{task.completed} articles · {task.fields[mentions]} event mentions"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        where = scheduler or f"{workers} local workers"
        task = progress.add_task("ingest", total=None, where=where, mentions=0)

        def update(summary: DistributedSummary) -> None:
            progress.update(task, completed=summary.ingest.articles_seen, mentions=summary.mentions)

        result = ingest_distributed(
            inputs,
            db,
            workers=workers,
            scheduler=scheduler,
            events=events,
            read_options=read_options,
            on_progress=update,
        )
    seconds = time.perf_counter() - started
    print_summary(result.ingest, seconds)
    if events:
        print_extracted(
            ExtractSummary(result.documents_extracted, result.mentions),
            result.statements,
            seconds,
            where=f" on {result.workers} Dask workers",
            skipped=result.skipped,
        )
