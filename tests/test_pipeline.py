"""Ingest end to end: the founding corpus, idempotence, duplicates kept as provenance, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from orbat.cli.app import example_corpus
from orbat.pipeline import ingest
from orbat.store import DocumentStore, open_engine
from orbat.store.schema import documents

SEEDS = example_corpus()


@pytest.fixture
def db(db_url: str) -> str:
    """Each test runs on SQLite and on PostgreSQL (see tests/conftest.py)."""
    return db_url


def _count(db: str) -> int:
    with open_engine(db).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())


def test_founding_corpus_gives_19_articles(db: str) -> None:
    summary = ingest([str(SEEDS)], db)
    assert (summary.files_read, summary.articles_new, summary.skipped) == (5, 19, 0)
    assert _count(db) == 19


def test_ingest_is_idempotent(db: str) -> None:
    ingest([str(SEEDS)], db)
    again = ingest([str(SEEDS)], db)
    assert again.articles_new == 0 and again.duplicates == 0
    assert again.articles_known == 19
    assert _count(db) == 19


def test_ingest_is_incremental(db: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names[:2]:
        shutil.copy(SEEDS / name, inbox / name)
    first = ingest([str(inbox)], db)
    for name in names[2:]:  # new files arrive in the same folder
        shutil.copy(SEEDS / name, inbox / name)
    second = ingest([str(inbox)], db)
    assert second.articles_known == first.articles_new
    assert first.articles_new + second.articles_new == 19


def test_a_copy_elsewhere_is_kept_in_the_same_cluster(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "mirror" / "002_copy.txt"
    copy.parent.mkdir()
    shutil.copy(next(SEEDS.glob("002_*")), copy)
    ingest([str(SEEDS)], db)
    summary = ingest([str(copy.parent)], db)
    assert summary.duplicates == 2 and summary.articles_new == 0
    rows = DocumentStore(open_engine(db)).articles()
    assert len(rows) == 21
    pairs = [r for r in rows if r.cluster_size == 2]
    assert len(pairs) == 4  # two articles, each stored twice in one cluster


def test_same_wire_story_in_two_outlets_is_one_cluster(db: str, tmp_path: Path) -> None:
    afp = (
        "Three fighters from a pro-Iranian militia were killed in Iraq on Friday when the "
        "Islamic State (IS) group attacked their base near Baghdad, a paramilitary and a security "
        "source said. The men were from the Nujaba movement, part of the Hashed al-Shaabi "
        "coalition of Shiite militias that primarily support Iran. Both sources said they were "
        "killed in an IS attack on their base in Tarmiya, north of Baghdad, and seven other "
        "fighters were injured."
    )
    rows = [
        {"id": "a-1", "title": "IS kills 3 Iraqi militias", "text": afp, "source": "Iraq War News"},
        {
            "id": "b-7",
            "title": "Three pro-Iran fighters killed in IS attack",
            "text": "TIKRIT (AFP) - " + afp + " Copyright AFP.",
            "source": "France 24",
        },
        {"id": "c-2", "title": "Other", "text": "An unrelated story about elections. " * 20},
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    summary = ingest([str(path)], db)
    assert summary.articles_new == 2 and summary.duplicates == 1
    by_id = {r.external_id: r for r in DocumentStore(open_engine(db)).articles()}
    assert by_id["a-1"].cluster_id == by_id["b-7"].cluster_id != by_id["c-2"].cluster_id
    assert by_id["b-7"].duplicate_kind == "near"


def test_bad_files_are_skipped_and_nothing_stored_is_lost(db: str, tmp_path: Path) -> None:
    ingest([str(SEEDS)], db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (bad / "broken.jsonl").write_text(
        '{"id": 1, "text": "Three fighters were killed in Tarmiya on Friday, a source said."}\n'
        "{oops\n",
        encoding="utf-8",
    )
    summary = ingest([str(bad)], db)
    reasons = " | ".join(str(s) for s in summary.skips)
    assert "empty.txt" in reasons and "binary.bin" in reasons and "broken.jsonl" in reasons
    assert _count(db) == 20  # 19 seeds + the one good JSONL line
    engine = open_engine(db)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_full_text_search_finds_transliterated_names(db: str) -> None:
    ingest([str(SEEDS)], db)
    store = DocumentStore(open_engine(db))
    titles = [r.title for r in store.snippets("Tarmiya")]
    assert titles == ["IS kills 3 Iraqi militias"]
    assert store.snippets('"Kataib Hezbollah"')
    assert store.snippets("al-Qaim AND")  # FTS5 syntax in user input is taken literally
