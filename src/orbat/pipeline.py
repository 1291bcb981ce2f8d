"""The ingest pipeline: read → segment & clean → dedup → store, with a running summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from orbat import settings
from orbat.clean import segment
from orbat.dedup import NearDuplicateIndex
from orbat.errors import IngestError
from orbat.ingest import ReadOptions, read_inputs
from orbat.models import Article, RawDocument, Skip
from orbat.store import DocumentStore, StoredArticle, open_engine

__all__ = ["IngestSummary", "ingest"]

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

    @property
    def skipped(self) -> int:
        return len(self.skips)

    def skip_reasons(self) -> Counter[str]:
        return Counter(skip.reason for skip in self.skips)


ProgressCallback = Callable[[IngestSummary], None]


def ingest(
    paths: Iterable[str],
    db: str | None = None,
    *,
    read_options: ReadOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Ingest every article in ``paths`` into the database ``db``.

    1. Open (and migrate) the database; rebuild the near-duplicate index from stored signatures.
    2. Read each input; a file that cannot be read becomes a skip with its reason.
    3. Segment each raw document into articles; a segmentation failure is a skip too.
    4. For each article: already stored (same place, same text) → known; same text stored
       elsewhere → exact copy in that cluster; similar enough to a stored story → near copy
       in its cluster; otherwise a new cluster.
    5. Commit every ``BATCH_SIZE`` articles and at the end; record the run and its skips.
    """
    paths = list(paths)
    # 1. open
    store = DocumentStore(open_engine(settings.get("db", db)))
    index = NearDuplicateIndex(
        threshold=settings.get("near_duplicate_threshold"),
        num_perm=settings.get("minhash_permutations"),
    )
    index.load(store.signatures())
    run_id = store.start_run(paths)
    summary = IngestSummary()
    origins: set[str] = set()
    try:
        # 2. read
        for item in read_inputs(paths, read_options):
            origins.add(item.origin)
            summary.files_read = len(origins)
            if isinstance(item, Skip):
                summary.skips.append(item)
                store.record_skip(run_id, item)
                continue
            # 3. segment
            for article in _articles(item, summary, store, run_id):
                # 4. dedup and store
                _store_article(article, store, index, run_id, summary)
                if summary.articles_seen % BATCH_SIZE == 0:
                    store.commit()
                if on_progress is not None:
                    on_progress(summary)
    finally:
        # 5. record
        store.finish_run(
            run_id,
            files_read=summary.files_read,
            articles_new=summary.articles_new,
            articles_known=summary.articles_known,
            duplicates=summary.duplicates,
            skipped=summary.skipped,
        )
        store.close()
    return summary


def _articles(
    raw: RawDocument, summary: IngestSummary, store: DocumentStore, run_id: int
) -> list[Article]:
    try:
        return segment(raw)
    except IngestError as exc:
        skip = Skip(raw.origin, str(exc), raw.locator)
        summary.skips.append(skip)
        store.record_skip(run_id, skip)
        return []


def _store_article(
    article: Article,
    store: DocumentStore,
    index: NearDuplicateIndex,
    run_id: int,
    summary: IngestSummary,
) -> None:
    summary.articles_seen += 1
    known, copy_cluster = store.find_same_text(article)
    if known:
        summary.articles_known += 1
        return
    signature = index.signature(article.text)
    blob = index.to_bytes(signature) if signature is not None else None
    if copy_cluster is not None:
        stored = store.insert(
            article, run_id=run_id, cluster_id=copy_cluster, duplicate_kind="exact", minhash=blob
        )
        if _counted_known(stored, summary):
            return
        summary.duplicates += 1
        summary.exact_duplicates += 1
        return
    near = index.most_similar(signature) if signature is not None else None
    if near is not None:
        cluster_id = store.cluster_of(near[0])
        stored = store.insert(
            article, run_id=run_id, cluster_id=cluster_id, duplicate_kind="near", minhash=blob
        )
        if not _counted_known(stored, summary):
            summary.duplicates += 1
        return
    stored = store.insert(
        article, run_id=run_id, cluster_id=None, duplicate_kind="original", minhash=blob
    )
    if _counted_known(stored, summary):
        return
    if signature is not None:
        index.add(stored.id, signature)
    summary.articles_new += 1


def _counted_known(stored: StoredArticle, summary: IngestSummary) -> bool:
    """Count an article another process stored while we looked (concurrent ingest) as known."""
    if stored.status != "known":
        return False
    summary.articles_known += 1
    return True
