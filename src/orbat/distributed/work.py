"""What a worker does with one input file: read, segment, sign and extract — no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

from orbat.dedup import NearDuplicateIndex
from orbat.ingest import ReadOptions, read_inputs
from orbat.models import Article, Skip
from orbat.pipeline import segment_or_skip

if TYPE_CHECKING:
    from orbat.extract.events import EventExtractor
    from orbat.extract.records import EventRecord

__all__ = ["FileResult", "ProcessedArticle", "WarmUp", "process_file"]

# One per worker process, built on first use (or by WarmUp when the worker starts): loading
# spaCy, the gazetteer and the actor pack takes seconds and hundreds of MB, once.
_EXTRACTOR: EventExtractor | None = None
_INDEXES: dict[tuple[float, int], NearDuplicateIndex] = {}


def extractor() -> EventExtractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from orbat.extract.events import EventExtractor

        _EXTRACTOR = EventExtractor()
    return _EXTRACTOR


def _signer(threshold: float, num_perm: int) -> NearDuplicateIndex:
    key = (threshold, num_perm)
    if key not in _INDEXES:
        _INDEXES[key] = NearDuplicateIndex(threshold=threshold, num_perm=num_perm)
    return _INDEXES[key]


@dataclass(slots=True)
class ProcessedArticle:
    """An article with what the client needs to store it: MinHash bytes and its events.

    ``events`` is ``None`` when extraction was not asked for; the records' evidence carries
    document id 0 until the client knows the stored id.
    """

    article: Article
    signature: bytes | None
    events: list[EventRecord] | None


@dataclass(slots=True)
class FileResult:
    """Everything one input file gave, in reading order: articles and skips interleaved."""

    path: str
    items: list[ProcessedArticle | Skip | str] = field(default_factory=list)  # str: a raw origin


def process_file(
    path: str,
    options: ReadOptions | None,
    *,
    events: bool,
    threshold: float,
    num_perm: int,
) -> FileResult:
    """Read ``path`` and do all the per-article work that needs no database.

    1. Read it (a problem becomes a Skip, exactly as in a single-process run).
    2. Segment each raw document into articles (a failure is a Skip).
    3. MinHash-sign each article (the client decides what it duplicates).
    4. Extract each article's events, if asked.
    """
    from orbat.extract.events import ArticleView

    signer = _signer(threshold, num_perm)
    result = FileResult(path)
    for item in read_inputs([path], options):  # 1.
        if isinstance(item, Skip):
            result.items.append(item)
            continue
        articles = segment_or_skip(item)  # 2.
        if isinstance(articles, Skip):
            result.items.append(articles)
            continue
        result.items.append(item.origin)
        for article in articles:
            signature = signer.signature(article.text)  # 3.
            blob = signer.to_bytes(signature) if signature is not None else None
            records = None
            if events:  # 4.
                view = ArticleView(
                    0, article.text, article.published, article.title, article.source
                )
                records = extractor().extract(view)
            result.items.append(ProcessedArticle(article, blob, records))
    return result


class WarmUp(WorkerPlugin):
    """A Dask worker plugin that loads the NLP models when a worker starts, not on its first
    task (so the first files are not all waiting on model loads at once)."""

    name = "orbat-warm-up"

    def setup(self, worker: Any) -> None:
        extractor()


def input_files(paths: list[str]) -> list[str]:
    """The files ``paths`` name, in the order a single-process run reads them."""
    from orbat.ingest.sources import iter_files

    files: list[str] = []
    for name in paths:
        path = Path(name).expanduser()
        if path.is_dir():
            files.extend(str(f) for f in iter_files(path))
        else:
            files.append(name)  # a missing path is reported by the reader, as a Skip
    return files
