"""What the CLI shows while ingesting and extracting and prints after: shared by `orbat ingest`
(one process: :class:`IngestBars`) and its Dask path (`orbat.cli.distributed`), so neither
imports the other."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from orbat.pipeline import IngestSummary
    from orbat.pipeline.extract import ArticleSummary, ExtractSummary, StatementSummary

__all__ = ["IngestBars", "print_extracted", "print_summary"]

console = Console()
err_console = Console(stderr=True)


class IngestBars:
    """`orbat ingest`'s progress bar for each stage, and its summary when the stage is done
    (an :class:`orbat.pipeline.run.Observer`)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.bar = _bar(
            "ingesting",
            "{task.fields[files]} files · {task.completed} articles · {task.fields[rate]}/s"
            "{task.fields[reading]}",
        )
        self.task = self.bar.add_task("ingest", total=None, files=0, rate="0", reading="")
        self.bar.start()

    def ingesting(self, summary: IngestSummary) -> None:
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.bar.update(
            self.task,
            completed=summary.articles_seen,
            files=summary.files_read,
            rate=f"{summary.articles_seen / elapsed:.0f}",
            reading=_reading(summary),
        )

    def ingested(self, summary: IngestSummary) -> None:
        self.bar.stop()
        print_summary(summary, time.perf_counter() - self.started)

    def extracting(self, pending: int) -> None:
        self.started = time.perf_counter()
        self.bar = _bar(
            "extracting events and statements",
            "{task.completed}/{task.total} articles · {task.fields[mentions]} event mentions",
            TimeRemainingColumn(),
        )
        self.task = self.bar.add_task("extract", total=pending, mentions=0)
        self.bar.start()

    def extracted_one(self, summary: ArticleSummary) -> None:
        completed = summary.events.documents + summary.skipped
        self.bar.update(self.task, completed=completed, mentions=summary.events.mentions)

    def extracted(self, summary: ArticleSummary) -> None:
        self.bar.stop()
        seconds = time.perf_counter() - self.started
        print_extracted(summary.events, summary.statements, seconds, skipped=summary.skipped)

    def stop(self) -> None:
        """Take the bar being shown off the screen (a stage failed: its error comes next)."""
        self.bar.stop()


def _bar(doing: str, counts: str, *more: ProgressColumn) -> Progress:
    """A progress bar on standard error that goes once done: what is being done, counts, time."""
    return Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{doing}"),
        BarColumn(bar_width=None),
        TextColumn(counts),
        TimeElapsedColumn(),
        *more,
        console=err_console,
        transient=True,
    )


def _reading(summary: IngestSummary) -> str:
    """ " · file 412 of 1,024 MB" while a big file is read (nothing for small ones)."""
    if summary.file_bytes < 50_000_000:
        return ""
    mb = 1_000_000
    return f" · file {summary.file_bytes_read // mb:,} of {summary.file_bytes // mb:,} MB"


def print_extracted(
    events: ExtractSummary,
    statements: StatementSummary,
    seconds: float,
    where: str = "",
    skipped: int = 0,
) -> None:
    """What extraction found (events, statements), what it skipped and how long it took."""
    console.print(
        f"events: {events.mentions} event mentions from {events.documents} new articles"
        f"{where} — see `orbat events`"
    )
    console.print(
        f"statements: {statements.relations} relations, {statements.claims} claims, "
        f"{statements.mentions} actor mentions, {statements.candidates} new candidate actors "
        f"from {statements.documents} new articles — see `orbat actors`"
    )
    if skipped:
        console.print(
            f"[yellow]skipped[/] {skipped} articles (too long, over their time budget, or "
            "extraction failed; their text is stored) — see `orbat stats`",
            highlight=False,
        )
    console.print(f"extraction took {seconds:.1f} s")


def print_summary(summary: IngestSummary, seconds: float) -> None:
    """The ingest summary table, then every skip with its one-line reason."""
    table = Table(title="ingest summary", show_header=False)
    table.add_row("files read", str(summary.files_read))
    table.add_row("articles found", str(summary.articles_seen))
    table.add_row("  new", str(summary.articles_new))
    table.add_row("  duplicates (kept as copies)", str(summary.duplicates))
    table.add_row("  already stored", str(summary.articles_known))
    table.add_row("skipped", str(summary.skipped))
    rate = summary.articles_seen / seconds if seconds > 0 else 0.0
    table.add_row("time", f"{seconds:.1f} s ({rate:.0f} articles/s)")
    console.print(table)
    for skip in summary.skips:
        console.print(f"[yellow]skipped[/] {escape(str(skip))}", highlight=False)
