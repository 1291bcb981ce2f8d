"""The extract stages hold each article to its budget: an article too long, over its time, or
whose extraction raises is recorded as skipped with the reason, its text stays stored, the
rest of the batch is extracted, and later runs do not retry it (issue 17)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from orbat.extract.analysis import ArticleAnalyser, Parsed, extractor_names
from orbat.extract.budget import Budget
from orbat.packs import load_pack
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_articles, extract_events, extract_statements
from orbat.store import DocumentStore, open_engine
from orbat.store.documents import skip_extraction
from orbat.store.schema import documents, event_mentions, extraction_runs, extraction_skips

pytestmark = pytest.mark.issue(17)

REPORT = (
    "Rockets struck the Ain al-Asad air base in Anbar province on Tuesday, killing two "
    "contractors, Iraqi security officials said. Kataib Hezbollah denied involvement."
)
#: The versioned names of the event and statement extractors over the default pack.
EVENTS, STATEMENTS = extractor_names(load_pack())
LIMIT = 5_000
LONG = " ".join([REPORT] * (LIMIT // len(REPORT) + 1))


@pytest.fixture(scope="module")
def analyser() -> ArticleAnalyser:
    return ArticleAnalyser(budget=Budget(max_chars=LIMIT, seconds=1.0))


@pytest.fixture
def fresh(analyser: ArticleAnalyser) -> Iterator[ArticleAnalyser]:
    """The shared analyser with its budget as the tests set it, restored after."""
    budget = analyser.budget
    yield analyser
    analyser.budget = budget


def _corpus(path: Path, texts: dict[str, str]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for key, text in texts.items():
            record = {"id": key, "title": key, "date": "2021-08-26", "text": text}
            out.write(json.dumps(record) + "\n")
    return path


def _engine(tmp_path: Path, texts: dict[str, str]) -> Engine:
    db = str(tmp_path / "orbat.db")
    ingest([str(_corpus(tmp_path / "in.jsonl", texts))], db)
    return open_engine(db)


def _ids(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(documents.c.external_id, documents.c.id)).all())


def _skips(engine: Engine) -> dict[tuple[int, str], tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(extraction_skips)).all()
    return {(r.document_id, r.extractor): (r.kind, r.reason) for r in rows}


def _misbehave(analyser: ArticleAnalyser, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Make ``where`` ("event_records" or "statement_result") raise on an article containing
    BROKEN and loop forever on one containing SPIN."""
    original = getattr(analyser, where)

    def wrapped(parsed: Parsed, *args: Any) -> Any:
        if "BROKEN" in parsed.article.text:
            raise IndexError("list index out of range")
        if "SPIN" in parsed.article.text:
            while True:
                pass
        return original(parsed, *args)

    monkeypatch.setattr(analyser, where, wrapped)


def test_skipped_articles_are_recorded_and_the_rest_extracted(
    tmp_path: Path, fresh: ArticleAnalyser, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(
        tmp_path,
        {
            "first": REPORT,
            "long": LONG,
            "broken": "BROKEN. " + REPORT,
            "spin": "SPIN. " + REPORT,
            "last": REPORT.replace("Tuesday", "Monday").replace("two", "three"),
        },
    )
    ids = _ids(engine)
    _misbehave(fresh, monkeypatch, "event_records")

    summary = extract_articles(engine, analyser=fresh)

    assert summary.skipped == 3
    assert summary.events.documents == 2 and summary.statements.documents == 2
    skips = _skips(engine)
    for extractor in (EVENTS, STATEMENTS):  # events skipped: statements too
        assert skips[(ids["long"], extractor)] == (
            "too-long",
            f"too long to analyse: {len(LONG):,} characters (max_article_chars is {LIMIT:,})",
        )
        assert skips[(ids["broken"], extractor)] == (
            "error",
            "extraction failed: IndexError: list index out of range",
        )
        kind, reason = skips[(ids["spin"], extractor)]
        assert kind == "timeout" and "time budget of 1 s" in reason
    assert len(skips) == 6
    with engine.connect() as conn:
        reported = set(conn.execute(select(event_mentions.c.document_id)).scalars())
        texts = dict(conn.execute(select(documents.c.id, documents.c.text)).all())
    assert reported == {ids["first"], ids["last"]}, "the articles after the bad ones go on"
    assert texts[ids["long"]].startswith(REPORT), "a skipped article's text stays stored"

    # Later runs do not retry them (for the same extractor versions).
    monkeypatch.undo()
    again = extract_articles(engine, analyser=fresh)
    assert (again.events.documents, again.statements.documents, again.skipped) == (0, 0, 0)
    assert _skips(engine) == skips

    stats = DocumentStore(engine).stats()
    assert stats["extraction_skipped"] == 3
    assert {(r["extractor"], r["kind"], r["documents"]) for r in stats["extraction_skips"]} == {
        (extractor, kind, 1)
        for extractor in (EVENTS, STATEMENTS)
        for kind in ("error", "timeout", "too-long")
    }
    latest = DocumentStore(engine).extraction_skips()
    assert {s.document_id for s in latest} == {ids["long"], ids["broken"], ids["spin"]}


def test_statements_over_budget_keep_the_events(
    tmp_path: Path, fresh: ArticleAnalyser, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(tmp_path, {"spin": "SPIN. " + REPORT, "fine": REPORT})
    ids = _ids(engine)
    _misbehave(fresh, monkeypatch, "statement_result")

    summary = extract_articles(engine, analyser=fresh)

    assert summary.events.documents == 2 and summary.statements.documents == 1
    assert summary.skipped == 1
    assert set(_skips(engine)) == {(ids["spin"], STATEMENTS)}
    with engine.connect() as conn:
        reported = set(conn.execute(select(event_mentions.c.document_id)).scalars())
    assert reported == {ids["spin"], ids["fine"]}


def test_the_events_and_statements_stages_alone_skip_too(
    tmp_path: Path, fresh: ArticleAnalyser
) -> None:
    engine = _engine(tmp_path, {"long": LONG, "fine": REPORT})
    ids = _ids(engine)
    # Analysers on the settings' budget (500,000 characters), then on LIMIT.
    events = extract_events(engine, analyser=ArticleAnalyser(fresh.events))
    assert (events.documents, events.skipped) == (2, 0)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ORBAT_MAX_ARTICLE_CHARS", str(LIMIT))
        on_limit = ArticleAnalyser(fresh.events, fresh.statements)
        statements = extract_statements(engine, analyser=on_limit)
    assert (statements.documents, statements.skipped) == (1, 1)
    assert _skips(engine)[(ids["long"], STATEMENTS)][0] == "too-long"


def test_a_newer_extractor_version_forgets_the_older_versions_skips(
    tmp_path: Path, fresh: ArticleAnalyser
) -> None:
    engine = _engine(tmp_path, {"fine": REPORT})
    (document_id,) = _ids(engine).values()
    older = EVENTS.rsplit(".v", 1)[0] + ".v0"
    with engine.begin() as conn:
        assert skip_extraction(conn, document_id, older, "timeout", "over time")
        # Once recorded, a document is claimed: another process cannot skip it again.
        assert not skip_extraction(conn, document_id, older, "error", "again")
    assert _skips(engine) == {(document_id, older): ("timeout", "over time")}

    extract_articles(engine, analyser=fresh)

    assert _skips(engine) == {}, "the current version extracted it: the old skip is history"
    with engine.connect() as conn:
        runs = set(conn.execute(select(extraction_runs.c.extractor)).scalars())
    assert {EVENTS, STATEMENTS, older} <= runs
