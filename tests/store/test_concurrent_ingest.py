"""Several processes ingesting the same corpus into one database store it once.

Each worker runs the ingest pipeline (articles, then events) at the same moment; the
database must end with every document once, every cluster accounted for, every article
extracted once and the same events a single run finds.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from orbat.cli.app import example_corpus
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_articles
from orbat.store import open_engine
from orbat.store.schema import (
    clusters,
    documents,
    event_mentions,
    events,
    extraction_runs,
    statements,
)

WORKERS = 3


def _events(db: str) -> list[tuple[Any, ...]]:
    engine = open_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(
            select(events.c.event_key, events.c.fatalities, events.c.mention_count).order_by(
                events.c.event_key
            )
        ).all()
    engine.dispose()
    # Which worker stored an article first decides its id, and undated events are keyed by
    # their document's id: compare those keys without the number.
    return sorted((re.sub(r"undated-doc\d+", "undated", key), *rest) for key, *rest in rows)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple[Any, ...]], int]:
    """The events and the number of statements a single process stores from the corpus."""
    db = str(tmp_path_factory.mktemp("reference") / "orbat.db")
    ingest([str(example_corpus())], db)
    engine = open_engine(db)
    extract_articles(engine)
    with engine.connect() as conn:
        stored = int(conn.execute(select(func.count()).select_from(statements)).scalar_one())
    engine.dispose()
    return _events(db), stored


def test_concurrent_workers_store_everything_once(
    db_url: str, reference: tuple[list[tuple[Any, ...]], int], tmp_path: Path
) -> None:
    reference_events, reference_statements = reference
    open_engine(db_url).dispose()  # an empty, migrated database; workers race on the rest
    # Each worker does what `orbat ingest` does: store the articles, then extract their
    # events and statements (mentions, relations, claims, candidate actors) from one parse.
    script = (
        "import sys; from orbat.pipeline import ingest; from orbat.store import open_engine; "
        "from orbat.pipeline.extract import extract_articles; "
        "ingest([sys.argv[1]], sys.argv[2]); extract_articles(open_engine(sys.argv[2]))"
    )
    command = [sys.executable, "-c", script, str(example_corpus()), db_url]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(WORKERS)
    ]
    outputs = [proc.communicate(timeout=600) for proc in procs]  # all, before any assert
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err + out
    engine = open_engine(db_url)
    with engine.connect() as conn:

        def count(query: Any) -> int:
            return int(conn.execute(query).scalar_one())

        assert count(select(func.count()).select_from(documents)) == 19
        # No cluster left behind by a worker that lost a race, none double-counted.
        assert count(select(func.count()).select_from(clusters)) == 19
        assert count(select(func.sum(clusters.c.size))) == 19
        # Every article extracted by every extractor (events, statements) exactly once.
        extractors = count(select(func.count(extraction_runs.c.extractor.distinct())))
        assert extractors == 2
        assert count(select(func.count()).select_from(extraction_runs)) == 19 * extractors
        mentions = count(select(func.count()).select_from(event_mentions))
        distinct = count(
            select(func.count()).select_from(
                select(
                    event_mentions.c.document_id,
                    event_mentions.c.char_start,
                    event_mentions.c.char_end,
                    event_mentions.c.place_id,
                )
                .distinct()
                .subquery()
            )
        )
        statements_stored = count(select(func.count()).select_from(statements))
    engine.dispose()
    assert mentions == distinct > 0  # no mention stored twice
    assert statements_stored == reference_statements
    assert _events(db_url) == reference_events
