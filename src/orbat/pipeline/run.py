"""The chain every entry point runs over one database: store what is read, then extract it.

``orbat ingest`` and the evaluations call :meth:`Pipeline.run`; ``orbat watch`` calls
:meth:`Pipeline.ingest_records`, records its poll's outcome, then :meth:`Pipeline.extract`;
the Dask client stores what its workers read and analysed into :meth:`Pipeline.sink`, then
calls :meth:`Pipeline.extract` for whatever they did not do. What runs after storing, and
on which database, is decided here once; the callers only choose what to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine

from orbat.pipeline.ingest import (
    ArticleSink,
    IngestSummary,
    ProgressCallback,
    ingest,
    ingest_records,
    open_database,
)

if TYPE_CHECKING:
    from orbat.extract.analysis import ArticleAnalyser
    from orbat.ingest import ReadOptions
    from orbat.models import RawDocument, Skip
    from orbat.packs import Pack
    from orbat.pipeline.extract import ArticleSummary

__all__ = ["Observer", "Pipeline", "RunSummary"]


class Observer(Protocol):
    """What a caller sees of :meth:`Pipeline.run` (the CLI's progress bars and summaries)."""

    def ingesting(self, summary: IngestSummary) -> None:
        """After each article is stored (and each skip)."""

    def ingested(self, summary: IngestSummary) -> None:
        """Once every input is stored."""

    def extracting(self, pending: int) -> None:
        """Before extraction, with the number of articles it will read."""

    def extracted_one(self, summary: ArticleSummary) -> None:
        """After each article is extracted (or skipped)."""

    def extracted(self, summary: ArticleSummary) -> None:
        """Once extraction is done."""


class _Quiet:
    """The observer of a run nobody watches."""

    def ingesting(self, summary: IngestSummary) -> None:
        pass

    def ingested(self, summary: IngestSummary) -> None:
        pass

    def extracting(self, pending: int) -> None:
        pass

    def extracted_one(self, summary: ArticleSummary) -> None:
        pass

    def extracted(self, summary: ArticleSummary) -> None:
        pass


@dataclass
class RunSummary:
    """What one :meth:`Pipeline.run` did."""

    ingest: IngestSummary
    extract: ArticleSummary | None = None  # None: extraction was not asked for


class Pipeline:
    """One database and what is wanted of it: store articles, then (``extract``) read events
    and statements out of every stored article not read yet by these extractor versions,
    over the theatre ``pack`` (default: the selected one, loaded when first extracting)."""

    def __init__(
        self, db: str | Engine | None = None, *, extract: bool = True, pack: Pack | None = None
    ) -> None:
        self.engine = open_database(db)
        self.extracts = extract
        self.pack = pack

    def ingest(
        self,
        paths: Iterable[str],
        *,
        read_options: ReadOptions | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> IngestSummary:
        """Store every article in ``paths`` (:func:`orbat.pipeline.ingest.ingest`)."""
        return ingest(paths, self.engine, read_options=read_options, on_progress=on_progress)

    def ingest_records(
        self, records: Iterable[RawDocument | Skip], *, label: str = "records"
    ) -> IngestSummary:
        """Store records already in memory (:func:`orbat.pipeline.ingest.ingest_records`)."""
        return ingest_records(records, self.engine, label=label)

    def sink(self, paths: list[str]) -> ArticleSink:
        """Where a caller that reads and segments elsewhere (Dask) stores articles, in order."""
        return ArticleSink(self.engine, paths)

    def pending(self) -> int:
        """How many stored articles :meth:`extract` would read now (0 when not extracting)."""
        if not self.extracts:
            return 0
        from orbat.pipeline.extract import pending_articles

        return pending_articles(self.engine, pack=self.pack)

    def extract(
        self,
        *,
        analyser: ArticleAnalyser | None = None,
        on_progress: Callable[[ArticleSummary], None] | None = None,
    ) -> ArticleSummary | None:
        """Events and statements of the stored articles not read yet
        (:func:`orbat.pipeline.extract.extract_articles`); None when not extracting."""
        if not self.extracts:
            return None
        return self._extract(analyser, on_progress)

    def _extract(
        self,
        analyser: ArticleAnalyser | None,
        on_progress: Callable[[ArticleSummary], None] | None,
    ) -> ArticleSummary:
        from orbat.pipeline.extract import extract_articles  # loads spaCy: only when extracting

        return extract_articles(
            self.engine, analyser=analyser, on_progress=on_progress, pack=self.pack
        )

    def run(
        self,
        paths: Iterable[str],
        *,
        read_options: ReadOptions | None = None,
        observer: Observer | None = None,
    ) -> RunSummary:
        """Store every article in ``paths``, then extract what is pending.

        1. Ingest the inputs (read, segment, dedup, store).
        2. When extracting: count the articles to read, then extract them.
        """
        show: Observer = observer or _Quiet()
        # 1.
        stored = self.ingest(paths, read_options=read_options, on_progress=show.ingesting)
        summary = RunSummary(stored)
        show.ingested(summary.ingest)
        # 2.
        if self.extracts:
            show.extracting(self.pending())
            summary.extract = self._extract(None, show.extracted_one)
            show.extracted(summary.extract)
        return summary
