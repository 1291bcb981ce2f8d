"""A Dask run of the pipeline stores exactly what a single-process run stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, select

from orbat.cli.app import example_corpus
from orbat.distributed import ingest_distributed
from orbat.errors import ConfigError
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_articles
from orbat.store import open_engine
from orbat.store.schema import (
    actor_candidates,
    actor_mentions,
    clusters,
    documents,
    event_mentions,
    events,
    extraction_runs,
    statements,
)

# Timestamps differ between any two runs; everything else must not.
_CLOCKS = {"ingested_at", "updated_at", "created_at", "extracted_at", "first_seen"}
# Two articles written for the statement tests: the first introduces a group the pack does not
# know, the second only names it.
NEW_GROUP = Path(__file__).parent.parent / "extract" / "data" / "statements"


def _dump(db: str) -> dict[str, list[dict[str, Any]]]:
    engine = open_engine(db)
    tables: list[Table] = [
        documents,
        clusters,
        events,
        event_mentions,
        extraction_runs,
        actor_mentions,
        statements,
        actor_candidates,
    ]
    out = {}
    with engine.connect() as conn:
        for table in tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            out[table.name] = [{k: v for k, v in r.items() if k not in _CLOCKS} for r in rows]
    engine.dispose()
    return out


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return _single_run(str(example_corpus()), tmp_path_factory.mktemp("single"))


def _single_run(path: str, folder: Path) -> dict[str, list[dict[str, Any]]]:
    db = str(folder / "orbat.db")
    ingest([path], db)
    extract_articles(open_engine(db))
    return _dump(db)


def test_two_workers_store_what_one_process_stores(
    single: dict[str, list[dict[str, Any]]], db_url: str
) -> None:
    """The reference is a single process on SQLite; the cluster writes to SQLite and to
    PostgreSQL, and both must hold the very same rows."""
    db = db_url
    summary = ingest_distributed([str(example_corpus())], db, workers=2)
    assert summary.workers == 2
    assert summary.ingest.articles_new == 19 and summary.ingest.files_read == 5
    assert summary.mentions == len(single["event_mentions"]) > 0
    assert summary.statements.documents == 19
    assert summary.statements.relations + summary.statements.claims == len(single["statements"])
    _assert_same(_dump(db), single)
    # A second run finds everything known and adds nothing.
    again = ingest_distributed([str(example_corpus())], db, workers=1)
    assert again.ingest.articles_known == 19 and again.mentions == 0
    _assert_same(_dump(db), single)


def _assert_same(
    got: dict[str, list[dict[str, Any]]], want: dict[str, list[dict[str, Any]]]
) -> None:
    """Table by table, row by row, naming the first column that differs."""
    for table, rows in want.items():
        assert len(got[table]) == len(rows), table
        for mine, theirs in zip(got[table], rows, strict=True):
            diff = {k: (mine[k], v) for k, v in theirs.items() if mine[k] != v}
            assert not diff, f"{table} row {theirs.get('id')}: {diff}"


def test_an_actor_found_by_another_worker_resolves_as_in_one_process(tmp_path: Path) -> None:
    """The group one file introduces is named in another file, extracted at the same time by
    the other worker, which could not know it: the client extracts that article again
    knowing it, so both articles' mentions resolve to the candidate, as in one process."""
    single = _single_run(str(NEW_GROUP), tmp_path)
    db = str(tmp_path / "dask.db")
    summary = ingest_distributed([str(NEW_GROUP)], db, workers=2)
    assert summary.statements.candidates == 1
    got = _dump(db)
    candidate = "candidate:saraya-thar-al-muhandis"
    named_in = {m["document_id"] for m in got["actor_mentions"] if m["actor_id"] == candidate}
    assert named_in == {d["id"] for d in got["documents"]} and len(named_in) == 2
    _assert_same(got, single)


def test_workers_or_scheduler_but_not_both(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="either"):
        ingest_distributed([], str(tmp_path / "x.db"))
    with pytest.raises(ConfigError, match="at least 1"):
        ingest_distributed([], str(tmp_path / "x.db"), workers=0)


def test_cli_on_an_existing_scheduler(tmp_path: Path) -> None:
    from distributed import LocalCluster
    from typer.testing import CliRunner

    from orbat.cli.app import app

    db = str(tmp_path / "orbat.db")
    with LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        result = CliRunner().invoke(
            app,
            ["ingest", str(example_corpus()), "--db", db, "--no-events",
             "--scheduler", cluster.scheduler_address],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "19" in result.output  # articles found
    with open_engine(db).connect() as conn:
        assert len(conn.execute(select(documents.c.id)).all()) == 19


def test_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORBAT_SCHEDULER_TIMEOUT", "3")
    with pytest.raises(ConfigError, match="cannot reach"):
        ingest_distributed(
            [str(example_corpus())], str(tmp_path / "x.db"), scheduler="tcp://127.0.0.1:9"
        )
