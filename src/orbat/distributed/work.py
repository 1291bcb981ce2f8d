"""What a worker does: read, segment and sign a file; analyse a batch of articles — no database."""

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

__all__ = [
    "Batch",
    "FileResult",
    "ProcessedArticle",
    "WarmUp",
    "analyse_articles",
    "analyser",
    "read_file",
]

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

    ``analysis`` is ``None`` until a worker analysed it (or when extraction was not asked
    for); its evidence carries document id 0 and its claims name events by the position of
    the article's event record, until the client knows the stored ids
    (:func:`orbat.extract.statements.for_document`). ``knew`` are the discovered actors the
    worker resolved in it (those it was sent, and those earlier articles of its batch
    introduced).
    """

    article: Article
    signature: bytes | None
    analysis: Analysis | None = None
    knew: frozenset[str] = frozenset()


@dataclass(slots=True)
class FileResult:
    """Everything one input file gave, in reading order: articles and skips interleaved."""

    path: str
    items: list[ProcessedArticle | Skip | str] = field(default_factory=list)  # str: a raw origin

    @property
    def articles(self) -> list[ProcessedArticle]:
        return [i for i in self.items if isinstance(i, ProcessedArticle)]


@dataclass(slots=True)
class Batch:
    """A worker's analysis of a batch of articles, and the discovered actors it was sent."""

    candidates: list[Candidate]
    analyses: list[Analysis]


def read_file(
    path: str, options: ReadOptions | None, *, threshold: float, num_perm: int
) -> FileResult:
    """Read ``path`` and do the per-article work that needs neither database nor model.

    1. Read it (a problem becomes a Skip, exactly as in a single-process run).
    2. Segment each raw document into articles (a failure is a Skip).
    3. MinHash-sign each article (the client decides what it duplicates).
    """
    signer = _signer(threshold, num_perm)
    result = FileResult(path)
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
            result.items.append(ProcessedArticle(article, blob))
    return result


def analyse_articles(articles: list[Article], candidates: list[Candidate]) -> Batch:
    """Events and statements of each article, from one parse, resolving the discovered
    actors in ``candidates`` and those the batch's articles introduce, in order."""
    from orbat.extract.analysis import Wanted
    from orbat.extract.events import ArticleView

    worker = analyser()
    worker.statements.set_candidates(candidates)
    views = (
        (ArticleView(0, a.text, a.published, a.title, a.source, a.url), Wanted()) for a in articles
    )
    return Batch(list(candidates), [worker.analyse(parsed) for parsed in worker.parse_many(views)])


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
