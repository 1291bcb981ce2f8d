"""The client side of a distributed ingest: hand files to Dask workers, store what comes back."""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from orbat import settings
from orbat.distributed.work import (
    Batch,
    Candidate,
    FileResult,
    WarmUp,
    analyse_articles,
    input_files,
    read_file,
)
from orbat.errors import ConfigError
from orbat.ingest import ReadOptions
from orbat.ingest.sources import STDIN
from orbat.models import Article, Skip
from orbat.pipeline import ArticleSink, IngestSummary, Pipeline
from orbat.pipeline.extract import StatementSummary

if TYPE_CHECKING:
    from distributed import Client, Future
    from sqlalchemy import Connection, Engine

    from orbat.extract.analysis import Analysis, ArticleAnalyser
    from orbat.extract.records import EventRecord
    from orbat.extract.statements import StatementResult
    from orbat.resolve.actors import ActorResolver

__all__ = ["DistributedSummary", "ingest_distributed"]

_LOGGER = logging.getLogger(__name__)

# Analysis tasks in flight per worker: enough that no worker waits for the client, few enough
# that results waiting to be stored stay a small, bounded amount of memory.
IN_FLIGHT_PER_WORKER = 3
# Articles per analysis task: a few seconds of work, so the scheduling overhead (milliseconds)
# stays small and the last tasks leave no worker idle for long.
ARTICLES_PER_TASK = 25


@dataclass
class DistributedSummary:
    """What a distributed ingest did: the ingest summary plus the events and statements."""

    ingest: IngestSummary
    documents_extracted: int = 0
    mentions: int = 0
    skipped: int = 0  # documents extraction passed over (recorded with why)
    workers: int = 0
    statements: StatementSummary = field(default_factory=StatementSummary)


def ingest_distributed(
    paths: list[str],
    db: str | None = None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    events: bool = True,
    read_options: ReadOptions | None = None,
    on_progress: Callable[[DistributedSummary], None] | None = None,
) -> DistributedSummary:
    """Ingest ``paths`` with the per-file work on a Dask cluster; the writes stay here.

    1. Start a local cluster of ``workers`` processes (one thread each: spaCy is CPU-bound
       and holds the GIL), or connect to ``scheduler``; each worker loads the models once.
    2. Submit a reading task per input file and an analysis task per batch of its articles,
       keeping a bounded number in flight (:func:`_results`).
    3. Take the results back in submission order — the order a single-process run reads
       the files — and store each article (dedup decisions as in :func:`orbat.pipeline.ingest`),
       then its events, then its statements with their claims linked to the stored events,
       so documents, clusters, events and statements come out identical (see
       :class:`_Statements` for the one thing a worker cannot know). An article a worker
       skipped (too long, over its time, extraction raised: :mod:`orbat.extract.budget`,
       applied on the worker per article) is recorded as skipped, as in one process; so are
       the articles of an analysis task that failed whole (its worker died, say), and a file
       whose reading task failed is a skip with the error.
    4. Extract events and statements for stored articles that still lack them (ingested
       earlier with ``--no-events``, or read by an older extractor version): the one
       extract loop, :meth:`orbat.pipeline.Pipeline.extract`.

    Workers read the files themselves: with a remote scheduler, the paths must be visible
    to every worker (a shared filesystem). Standard input is read and processed here.
    """
    if (workers is None) == (scheduler is None):
        raise ConfigError("give either a number of local workers or a scheduler address")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    pipeline = Pipeline(db, extract=events)
    engine = pipeline.engine
    options = {
        "events": events,
        "threshold": settings.get("near_duplicate_threshold"),
        "num_perm": settings.get("minhash_permutations"),
    }
    sink = pipeline.sink(list(paths))
    statements = _Statements(engine)
    summary = DistributedSummary(sink.summary, statements=statements.summary)
    try:
        with _cluster(workers, scheduler, warm_up=events) as client:  # 1.
            summary.workers = len(client.scheduler_info().get("workers", {}))
            files = input_files(list(paths))
            for result in _results(client, files, read_options, options, statements.known):
                _store(result, sink, summary, statements)  # 3.
                sink.commit()
                if on_progress is not None:
                    on_progress(summary)
    finally:
        sink.close()
    rest = pipeline.extract()  # 4.
    if rest is not None:
        summary.documents_extracted += rest.events.documents
        summary.mentions += rest.events.mentions
        summary.skipped += rest.skipped
        summary.statements.add(rest.statements)
    return summary


@contextmanager
def _cluster(workers: int | None, scheduler: str | None, *, warm_up: bool) -> Iterator[Client]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise ConfigError(f"Dask's distributed scheduler is not installed: {exc}") from None
    if scheduler is not None:
        try:
            timeout = f"{float(settings.get('scheduler_timeout'))}s"
            client = Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            if warm_up:
                client.register_plugin(WarmUp())
            yield client
        return
    with (
        # Dask starts workers with glibc told to hand freed memory back to the OS at 64 KiB
        # (MALLOC_TRIM_THRESHOLD_); spaCy allocates and frees arrays all the time, and with it
        # a worker's extraction ran ~7 % slower. Unset, glibc keeps its own default.
        dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            # The scheduler always serves HTTP (metrics); on loopback and a free port, so two
            # local clusters never collide on 8787 and nothing listens beyond this machine.
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=40,  # logging.ERROR: progress is ours to show
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        if warm_up:  # without events the models are never needed
            client.register_plugin(WarmUp())
        yield client


def _results(
    client: Client,
    files: list[str],
    read_options: ReadOptions | None,
    options: dict[str, Any],
    known: Callable[[], list[Candidate]],
) -> Iterator[FileResult]:
    """Each file's result in ``files`` order, its articles analysed if ``options["events"]``.

    Two kinds of task: reading a file (a few ahead of the one being stored), and analysing
    a batch of ARTICLES_PER_TASK of its articles — small tasks, so both workers stay busy
    to the end whatever the files' sizes, and a single huge dump is spread too. Each batch
    is sent the discovered actors ``known`` when it is submitted. At most
    IN_FLIGHT_PER_WORKER analysis tasks per worker are out at once, and results are
    taken back in order, so memory stays bounded.
    """
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = workers * IN_FLIGHT_PER_WORKER
    read_kwargs = {"threshold": options["threshold"], "num_perm": options["num_perm"]}
    reads: deque[tuple[str, Future[FileResult] | FileResult]] = deque()
    waiting: deque[_FileWork] = deque()  # read, in order, batches being analysed
    paths = iter(files)
    more_paths = True
    while True:
        while more_paths and len(reads) < workers:  # read a few files ahead
            path = next(paths, None)
            if path is None:
                more_paths = False
            elif path == STDIN:  # this process's stdin: only the client can read it
                reads.append((path, read_file(path, read_options, **read_kwargs)))
            else:
                task = client.submit(read_file, path, read_options, pure=False, **read_kwargs)
                reads.append((path, task))
        if reads and all(w.submitted_all() for w in waiting):
            path, head = reads.popleft()  # the next file, once the earlier are all out
            result = head if isinstance(head, FileResult) else _read_result(path, head)
            waiting.append(_FileWork(result, ARTICLES_PER_TASK if options["events"] else 0))
            continue  # read ahead again, then submit its batches
        busy = sum(w.in_flight() for w in waiting)
        for work in waiting:
            while busy < limit and not work.submitted_all():
                work.submit_next(client, known())
                busy += 1
        if not waiting:
            if not reads and not more_paths:
                return
            continue
        first = waiting[0]
        if first.finished():
            # The workers hold their next batches (submitted above) while this file is stored.
            yield first.finish()
            waiting.popleft()
        else:
            first.wait_for_one()


class _FileWork:
    """A file read and its articles' analysis tasks, submitted batch by batch."""

    def __init__(self, result: FileResult, size: int) -> None:
        self.result = result
        self.articles = result.articles if size else []
        self.size = size
        self.tasks: list[Future[Batch]] = []

    def submitted_all(self) -> bool:
        return len(self.tasks) * self.size >= len(self.articles)

    def in_flight(self) -> int:
        return sum(not t.done() for t in self.tasks)  # type: ignore[no-untyped-call]

    def submit_next(self, client: Client, candidates: list[Candidate]) -> None:
        first = len(self.tasks) * self.size
        batch = [a.article for a in self.articles[first : first + self.size]]
        self.tasks.append(client.submit(analyse_articles, batch, candidates, pure=False))

    def finished(self) -> bool:
        return self.submitted_all() and not self.in_flight()

    def wait_for_one(self) -> None:
        from distributed import wait

        pending = [t for t in self.tasks if not t.done()]  # type: ignore[no-untyped-call]
        if pending:
            wait(pending[:1])  # type: ignore[no-untyped-call]  # failed counts as done

    def finish(self) -> FileResult:
        """The file's result with every article's analysis, and what the worker knew."""
        for number, task in enumerate(self.tasks):
            items = self.articles[number * self.size : (number + 1) * self.size]
            batch = _batch_result(task, [item.article for item in items])
            knew = {c[0] for c in batch.candidates}
            for item, analysis in zip(items, batch.analyses, strict=True):
                item.analysis, item.knew = analysis, frozenset(knew)
                if analysis.statements is not None:
                    knew.update(c.id for c in analysis.statements.candidates)
        return self.result


def _store(
    result: FileResult, sink: ArticleSink, summary: DistributedSummary, statements: _Statements
) -> None:
    """Store one file's articles, their events and their statements, in reading order."""
    from orbat.extract.events import events_version
    from orbat.packs import load_pack
    from orbat.pipeline.queries import record_skip
    from orbat.store.events import EventStore

    name = events_version(load_pack())  # the workers extract over the selected pack

    event_store = EventStore(sink.store.engine)
    for item in result.items:
        if isinstance(item, Skip):
            sink.skip(item)
        elif isinstance(item, str):
            sink.saw_file(item)
        else:
            analysis = item.analysis
            stored = sink.add(item.article, item.signature)
            if stored is None or analysis is None:
                continue
            for extractor, error in analysis.skipped.items():
                summary.skipped += record_skip(sink.store.conn, stored.id, [extractor], error)
            if analysis.events is None:
                continue
            records = [_with_document(r, stored.id) for r in analysis.events]
            conn = sink.store.conn
            joined = event_store.save_events(conn, stored.id, name, records)
            if joined is None:
                continue  # another writer has this article
            summary.mentions += len(records)
            summary.documents_extracted += 1
            if analysis.statements is not None:
                statements.store(
                    conn, item.article, stored.id, (records, joined), analysis, item.knew
                )


class _Statements:
    """The client's side of statements: store each article's, with the discovered actors a
    single-process run would have resolved in it.

    A single process reads the articles in order and resolves, in each, every discovered
    actor stored before it or introduced by an earlier article. A worker knew those sent with
    its file and those its file introduced before the article; one introduced by an article
    in another file in flight at the same time it could not know. When such an actor is named
    in the article, the client extracts the article's statements again itself, knowing it
    (rare: only for actors discovered in the run, only in articles that name them), so the
    statements are those a single-process run stores.
    """

    def __init__(self, engine: Engine) -> None:
        from orbat.pipeline.queries import known_candidates
        from orbat.store.statements import StatementStore

        with engine.connect() as conn:
            self._known: dict[str, Candidate] = {c[0]: c for c in known_candidates(conn)}
        self.store_ = StatementStore(engine)
        self.summary = StatementSummary()
        self._local: ArticleAnalyser | None = None

    def known(self) -> list[Candidate]:
        return list(self._known.values())

    def store(
        self,
        conn: Connection,
        article: Article,
        document_id: int,
        events: tuple[list[EventRecord], list[int]],
        analysis: Analysis,
        worker_knew: frozenset[str],
    ) -> None:
        """Store one article's statements (``events``: its records and the events they
        joined)."""
        from orbat.extract.statements import for_document, statements_version
        from orbat.packs import load_pack
        from orbat.pipeline.extract import save_statements
        from orbat.pipeline.queries import claim_document

        # The workers extract over the selected pack, as this process does.
        name = statements_version(load_pack())
        if not claim_document(conn, document_id, name):
            return
        assert analysis.statements is not None
        records, joined = events
        result = for_document(analysis.statements, document_id, joined)
        unknown = [c for cid, c in self._known.items() if cid not in worker_knew]
        if unknown and _names_any(article.text, tuple(unknown)):
            result = self._extract_here(article, document_id, records, joined) or result
        for candidate in result.candidates:
            self._known.setdefault(candidate.id, (candidate.id, candidate.name, candidate.country))
        save_statements(conn, self.store_, document_id, result, self.summary, name)

    def _extract_here(
        self, article: Article, document_id: int, records: list[EventRecord], joined: list[int]
    ) -> StatementResult | None:
        """The statements, extracted here; None if that overran the budget (or raised): the
        worker's are then kept."""
        from orbat.extract.analysis import ArticleAnalyser, Unanalysed, Wanted, event_spans
        from orbat.extract.budget import ArticleSkipped
        from orbat.extract.events import ArticleView

        if self._local is None:
            self._local = ArticleAnalyser()
        local = self._local
        local.statements.set_candidates(self._known.values())
        view = ArticleView(document_id, article.text, article.published, article.title)
        parsed = next(local.parse_many([(view, Wanted(events=False))]))
        if isinstance(parsed, Unanalysed):
            return None
        spans = event_spans(records, joined)
        try:
            return local.budget.start().call(local.statement_result, parsed, spans)
        except ArticleSkipped:
            return None


@lru_cache(maxsize=256)
def _candidate_finder(candidates: tuple[Candidate, ...]) -> ActorResolver | None:
    from orbat.extract.statements.discovery import candidate_resolver
    from orbat.resolve.actors import default_resolver

    return candidate_resolver(candidates, default_resolver().pack)


def _names_any(text: str, candidates: tuple[Candidate, ...]) -> bool:
    """Whether ``text`` names one of these discovered actors, as statement extraction would
    find it."""
    finder = _candidate_finder(candidates)
    return finder is not None and bool(finder.find_mentions(text))


def _read_result(path: str, task: Future[FileResult]) -> FileResult:
    """A reading task's result; a task that failed (its worker died, say) is a skip."""
    try:
        return task.result()
    except Exception as exc:
        _LOGGER.warning("reading %s on a Dask worker failed", path, exc_info=exc)
        return FileResult(path, [Skip(path, f"reading it on a Dask worker failed: {exc!r}")])


def _batch_result(task: Future[Batch], articles: list[Article]) -> Batch:
    """An analysis task's result; when the task failed whole, every article of it skipped."""
    from orbat.extract.analysis import Analysis, Wanted, extractor_names
    from orbat.extract.budget import ExtractionFailed
    from orbat.extract.events import ArticleView
    from orbat.packs import load_pack

    try:
        return task.result()
    except Exception as exc:
        _LOGGER.warning("a Dask task analysing %d articles failed", len(articles), exc_info=exc)
        error = ExtractionFailed(f"the Dask task analysing it failed: {type(exc).__name__}: {exc}")
        return Batch(
            [],
            [
                Analysis(
                    ArticleView(0, a.text, a.published, a.title, a.source, a.url),
                    None,
                    None,
                    dict.fromkeys(Wanted().extractors(extractor_names(load_pack())), error),
                )
                for a in articles
            ],
        )


def _with_document(record: Any, document_id: int) -> Any:
    evidence = dataclasses.replace(record.evidence, document_id=document_id)
    return dataclasses.replace(record, evidence=evidence)
