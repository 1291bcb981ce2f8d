"""The client side of a distributed ingest: hand files to Dask workers, store what comes back."""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orbat import settings
from orbat.distributed.work import FileResult, WarmUp, input_files, process_file
from orbat.errors import ConfigError
from orbat.ingest import ReadOptions
from orbat.ingest.sources import STDIN
from orbat.models import Skip
from orbat.pipeline import ArticleSink, IngestSummary
from orbat.store import open_engine

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["DistributedSummary", "ingest_distributed"]

# Files in flight per worker: enough that no worker waits for the client, few enough that
# results waiting to be stored stay a small, bounded amount of memory.
IN_FLIGHT_PER_WORKER = 3


@dataclass
class DistributedSummary:
    """What a distributed ingest did: the ingest summary plus the events stored."""

    ingest: IngestSummary
    documents_extracted: int = 0
    mentions: int = 0
    workers: int = 0


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
    2. Submit one task per input file, keeping a bounded number in flight.
    3. Take the results back in submission order — the order a single-process run reads
       the files — and store each article (dedup decisions as in :func:`orbat.pipeline.ingest`),
       then its events, so documents, clusters and events come out identical.
    4. Extract events for stored articles that still lack them (ingested earlier with
       ``--no-events``), then record the run.

    Workers read the files themselves: with a remote scheduler, the paths must be visible
    to every worker (a shared filesystem). Standard input is read and processed here.
    """
    if (workers is None) == (scheduler is None):
        raise ConfigError("give either a number of local workers or a scheduler address")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    engine = open_engine(settings.get("db", db))
    options = {
        "events": events,
        "threshold": settings.get("near_duplicate_threshold"),
        "num_perm": settings.get("minhash_permutations"),
    }
    sink = ArticleSink(engine, list(paths))
    summary = DistributedSummary(sink.summary)
    try:
        with _cluster(workers, scheduler, warm_up=events) as client:  # 1.
            summary.workers = len(client.scheduler_info().get("workers", {}))
            for result in _results(client, input_files(list(paths)), read_options, options):
                _store(result, sink, summary, engine)  # 3.
                sink.commit()
                if on_progress is not None:
                    on_progress(summary)
    finally:
        sink.close()
    if events:  # 4.
        from orbat.extract.stage import extract_events

        rest = extract_events(engine)
        summary.documents_extracted += rest.documents
        summary.mentions += rest.mentions
    return summary


@contextmanager
def _cluster(workers: int | None, scheduler: str | None, *, warm_up: bool) -> Iterator[Client]:
    try:
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
    client: Client, files: list[str], read_options: ReadOptions | None, options: dict[str, Any]
) -> Iterator[FileResult]:
    """Each file's result in ``files`` order, with a bounded number of tasks in flight."""
    limit = max(1, len(client.scheduler_info().get("workers", {}))) * IN_FLIGHT_PER_WORKER
    pending: deque[Future[FileResult] | FileResult] = deque()
    queue = iter(files)
    exhausted = False
    while pending or not exhausted:
        while not exhausted and len(pending) < limit:  # 2.
            path = next(queue, None)
            if path is None:
                exhausted = True
            elif path == STDIN:  # this process's stdin: only the client can read it
                pending.append(process_file(path, read_options, **options))
            else:
                pending.append(
                    client.submit(process_file, path, read_options, pure=False, **options)
                )
        if pending:
            head = pending.popleft()
            yield head if isinstance(head, FileResult) else head.result()


def _store(result: FileResult, sink: ArticleSink, summary: DistributedSummary, engine: Any) -> None:
    """Store one file's articles and their events, in reading order."""
    from orbat.extract.events import EXTRACTOR
    from orbat.store.events import EventStore

    event_store = EventStore(engine)
    for item in result.items:
        if isinstance(item, Skip):
            sink.skip(item)
        elif isinstance(item, str):
            sink.saw_file(item)
        else:
            stored = sink.add(item.article, item.signature)
            if stored is None or item.events is None:
                continue
            records = [_with_document(r, stored.id) for r in item.events]
            summary.mentions += event_store.save(sink.store.conn, stored.id, EXTRACTOR, records)
            summary.documents_extracted += 1


def _with_document(record: Any, document_id: int) -> Any:
    evidence = dataclasses.replace(record.evidence, document_id=document_id)
    return dataclasses.replace(record, evidence=evidence)
