"""The ingest stage: read → segment & clean → dedup → store, with a running summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from orbat import settings
from orbat.clean import segment
from orbat.dedup import NearDuplicateIndex
from orbat.errors import IngestError
from orbat.ingest import ReadOptions, read_inputs
from orbat.ingest.base import read_position
from orbat.models import Article, RawDocument, Skip
from orbat.store import DocumentStore, StoredArticle, open_engine

__all__ = [
    "ArticleSink",
    "IngestSummary",
    "ingest",
    "ingest_records",
    "open_database",
    "segment_or_skip",
]

# Articles per transaction: large enough that commits do not dominate, small enough that a
# crash loses little (and a re-run re-adds it: ingest is idempotent).
BATCH_SIZE = 200


@dataclass
class IngestSummary:
    """What one ingest run did."""

    files_read: int = 0
    articles_seen: int = 0
    articles_new: int = 0
    articles_known: int = 0
    duplicates: int = 0
    exact_duplicates: int = 0
    skips: list[Skip] = field(default_factory=list)
    #: How far through the file being read now reading is: bytes as stored, and its size.
    file_bytes_read: int = 0
    file_bytes: int = 0

    @property
    def skipped(self) -> int:
        return len(self.skips)

    def skip_reasons(self) -> Counter[str]:
        return Counter(skip.reason for skip in self.skips)


ProgressCallback = Callable[[IngestSummary], None]


class Unset:
    """The type of :data:`UNSET`: "not given", where ``None`` is a meaningful value."""


UNSET = Unset()


def ingest(
    paths: Iterable[str],
    db: str | Engine | None = None,
    *,
    read_options: ReadOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Ingest every article in ``paths`` into the database ``db`` (a URL or path, or an open
    engine).

    1. Open (and migrate) the database; rebuild the near-duplicate index from stored signatures.
    2. Read each input; a file that cannot be read becomes a skip with its reason.
    3. Segment each raw document into articles; a segmentation failure is a skip too.
    4. For each article: already stored (same place, same text) → known; same text stored
       elsewhere → exact copy in that cluster; similar enough to a stored story → near copy
       in its cluster; otherwise a new cluster.
    5. Commit every ``BATCH_SIZE`` articles and at the end; record the run and its skips.

    :mod:`orbat.distributed` runs steps 2-3 (and event extraction) on a Dask cluster and
    feeds the results to the same :class:`ArticleSink`, in the same order.
    """
    paths = list(paths)
    # 1. open
    sink = ArticleSink(open_database(db), paths)
    # 2. read, then 3.-5. in _store_all
    return _store_all(sink, read_inputs(paths, read_options), on_progress)


def ingest_records(
    records: Iterable[RawDocument | Skip],
    db: str | Engine | None = None,
    *,
    label: str = "records",
) -> IngestSummary:
    """Ingest records already in memory (``orbat watch``'s fetched feeds and pages).

    Steps 3-5 of :func:`ingest`, in one ingest run named ``label``; ``files_read`` counts
    distinct origins. ``db`` may be an open engine (a watcher polls for weeks: one engine).
    """
    return _store_all(ArticleSink(open_database(db), [label]), records, None)


def open_database(db: str | Engine | None) -> Engine:
    """``db`` if it is an engine, else the database it (or the setting) names, opened."""
    return db if isinstance(db, Engine) else open_engine(settings.get("db", db))


def _store_all(
    sink: ArticleSink,
    items: Iterable[RawDocument | Skip],
    on_progress: ProgressCallback | None,
) -> IngestSummary:
    """Steps 3-5 of :func:`ingest`: segment each raw document, store its articles, record."""

    def report() -> None:
        position = read_position()
        if position is not None:
            sink.summary.file_bytes_read, sink.summary.file_bytes = position
        if on_progress is not None:
            on_progress(sink.summary)

    try:
        for item in items:
            if isinstance(item, Skip):
                sink.skip(item)
                report()
                continue
            # 3. segment
            articles = segment_or_skip(item)
            if isinstance(articles, Skip):
                sink.skip(articles)
                continue
            sink.saw_file(item.origin)
            for article in articles:
                # 4. dedup and store (5. commits every BATCH_SIZE articles)
                sink.add(article)
                report()
    finally:
        # 5. record
        sink.close()
    return sink.summary


def segment_or_skip(raw: RawDocument) -> list[Article] | Skip:
    """The articles in ``raw``, or the Skip that says why it could not be segmented."""
    try:
        return segment(raw)
    except IngestError as exc:
        return Skip(raw.origin, str(exc), raw.locator)


class ArticleSink:
    """Where articles go once read and segmented: dedup decisions and inserts, in order.

    Every decision depends on what was stored before (is this text known? which cluster
    is it near?), so one sink takes articles one at a time in a fixed order — the reads,
    segmentation and NLP before it can run anywhere.
    """

    def __init__(self, engine: Engine, paths: list[str]) -> None:
        self.store = DocumentStore(engine)
        self.index = NearDuplicateIndex(
            threshold=settings.get("near_duplicate_threshold"),
            num_perm=settings.get("minhash_permutations"),
        )
        self.index.load(self.store.signatures())
        self.run_id = self.store.start_run(paths)
        self.summary = IngestSummary()
        self._origins: set[str] = set()

    def saw_file(self, origin: str) -> None:
        self._origins.add(origin)
        self.summary.files_read = len(self._origins)

    def skip(self, skip: Skip) -> None:
        self.saw_file(skip.origin)
        self.summary.skips.append(skip)
        self.store.record_skip(self.run_id, skip)

    def add(
        self, article: Article, signature: bytes | Unset | None = UNSET
    ) -> StoredArticle | None:
        """Store one article (``None`` if it was already stored); commit every BATCH_SIZE.

        ``signature`` is the article's MinHash as bytes when a worker already computed it.
        """
        summary = self.summary
        summary.articles_seen += 1
        try:
            return self._add(article, signature)
        finally:
            if summary.articles_seen % BATCH_SIZE == 0:
                self.store.commit()

    def _add(self, article: Article, blob: bytes | Unset | None) -> StoredArticle | None:
        store, index, summary = self.store, self.index, self.summary
        known, copy_cluster = store.find_same_text(article)
        if known:
            summary.articles_known += 1
            return None
        if isinstance(blob, Unset):
            signature = index.signature(article.text)
            blob = index.to_bytes(signature) if signature is not None else None
        else:
            signature = index.from_bytes(blob) if blob is not None else None
        cluster_id: int | None
        if copy_cluster is not None:
            kind, cluster_id = "exact", copy_cluster
        else:
            near = index.most_similar(signature) if signature is not None else None
            kind, cluster_id = ("near", store.cluster_of(near[0])) if near else ("original", None)
        stored = store.insert(
            article, run_id=self.run_id, cluster_id=cluster_id, duplicate_kind=kind, minhash=blob
        )
        if stored.status == "known":  # another process stored it while we looked
            summary.articles_known += 1
            return None
        if kind == "original":
            if signature is not None:
                index.add(stored.id, signature)
            summary.articles_new += 1
        else:
            summary.duplicates += 1
            summary.exact_duplicates += kind == "exact"
        return stored

    def commit(self) -> None:
        self.store.commit()

    def close(self) -> None:
        summary = self.summary
        self.store.finish_run(
            self.run_id,
            files_read=summary.files_read,
            articles_new=summary.articles_new,
            articles_known=summary.articles_known,
            duplicates=summary.duplicates,
            skipped=summary.skipped,
        )
        self.store.close()
