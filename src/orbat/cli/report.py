"""What the CLI prints after ingesting and extracting: shared by `orbat ingest` (one process)
and its Dask path (`orbat.cli.distributed`), so neither imports the other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from orbat.extract.stage import ExtractSummary
    from orbat.extract.statement_stage import StatementSummary
    from orbat.pipeline import IngestSummary

__all__ = ["print_extracted", "print_summary"]

console = Console()


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
