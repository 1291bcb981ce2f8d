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
    from orbat.extract.analysis import Analysis, ArticleAnalyser

__all__ = ["FileResult", "ProcessedArticle", "WarmUp", "analyser", "process_file"]

# One per worker process, built on first use (or by WarmUp when the worker starts): loading
# spaCy, the gazetteer and the actor pack takes seconds and hundreds of MB, once.
_ANALYSER: ArticleAnalyser | None = None
_INDEXES: dict[tuple[float, int], NearDuplicateIndex] = {}

#: A discovered actor as the client sends it: (id, name, country).
Candidate = tuple[str, str, str | None]


def analyser() -> ArticleAnalyser:
    global _ANALYSER
    if _ANALYSER is None:
        from orbat.extract.analysis import ArticleAnalyser

        _ANALYSER = ArticleAnalyser()
    return _ANALYSER


def _signer(threshold: float, num_perm: int) -> NearDuplicateIndex:
    key = (threshold, num_perm)
    if key not in _INDEXES:
        _INDEXES[key] = NearDuplicateIndex(threshold=threshold, num_perm=num_perm)
    return _INDEXES[key]


@dataclass(slots=True)
class ProcessedArticle:
    """An article with what the client needs to store it: MinHash bytes and its analysis.

    ``analysis`` is ``None`` when extraction was not asked for; its evidence carries document
    id 0 and its claims name events by the position of the article's event record, until the
    client knows the stored ids (:func:`orbat.extract.statements.for_document`).
    """

    article: Article
    signature: bytes | None
    analysis: Analysis | None


@dataclass(slots=True)
class FileResult:
    """Everything one input file gave, in reading order: articles and skips interleaved.

    ``candidates`` are the discovered actors the worker resolved from the first article on
    (what the client sent); it learnt the ones its articles introduced as it went."""

    path: str
    items: list[ProcessedArticle | Skip | str] = field(default_factory=list)  # str: a raw origin
    candidates: list[Candidate] = field(default_factory=list)


def process_file(
    path: str,
    options: ReadOptions | None,
    *,
    events: bool,
    threshold: float,
    num_perm: int,
    candidates: list[Candidate] | None = None,
) -> FileResult:
    """Read ``path`` and do all the per-article work that needs no database.

    1. Read it (a problem becomes a Skip, exactly as in a single-process run).
    2. Segment each raw document into articles (a failure is a Skip).
    3. MinHash-sign each article (the client decides what it duplicates).
    4. If asked, extract each article's events and statements from one parse, resolving the
       discovered actors in ``candidates`` (and those the file's articles introduce).
    """
    from orbat.extract.analysis import Wanted
    from orbat.extract.events import ArticleView

    signer = _signer(threshold, num_perm)
    result = FileResult(path, candidates=list(candidates or []))
    articles: list[Article] = []
    for item in read_inputs([path], options):  # 1.
        if isinstance(item, Skip):
            result.items.append(item)
            continue
        found = segment_or_skip(item)  # 2.
        if isinstance(found, Skip):
            result.items.append(found)
            continue
        result.items.append(item.origin)
        for article in found:
            signature = signer.signature(article.text)  # 3.
            blob = signer.to_bytes(signature) if signature is not None else None
            result.items.append(ProcessedArticle(article, blob, None))
            articles.append(article)
    if events and articles:  # 4.
        worker = analyser()
        worker.statements.set_candidates(result.candidates)
        processed = [i for i in result.items if isinstance(i, ProcessedArticle)]
        views = (
            (ArticleView(0, a.text, a.published, a.title, a.source), Wanted()) for a in articles
        )
        for entry, parsed in zip(processed, worker.parse_many(views), strict=True):
            entry.analysis = worker.analyse(parsed)
    return result


class WarmUp(WorkerPlugin):
    """A Dask worker plugin that loads the NLP models when a worker starts, not on its first
    task (so the first files are not all waiting on model loads at once)."""

    name = "orbat-warm-up"

    def setup(self, worker: Any) -> None:
        analyser()


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
