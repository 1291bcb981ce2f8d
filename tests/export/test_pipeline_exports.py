"""The actor readers on what the real pipeline stores: the founding corpus ingested with
`orbat ingest --example` (events and statements extracted), then every actor export.

Counts move as the extractors improve, so this checks the contract instead: each statement's
evidence quotes the stored text exactly, `ftm validate` keeps every entity unchanged, the
graphs read back, and every profile builds.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import Engine, select
from test_ftm import properties, validate
from typer.testing import CliRunner

from orbat.cli.app import app
from orbat.export import EXPORTERS
from orbat.export.profile import actor_profile
from orbat.packs import load_pack
from orbat.store import open_engine
from orbat.store.schema import documents


@pytest.fixture(scope="module")
def pipeline_db(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    path = str(tmp_path_factory.mktemp("pipeline") / "orbat.db")
    result = CliRunner().invoke(app, ["ingest", "--example", "--db", path])
    assert result.exit_code == 0, result.output
    return open_engine(path)


def export(engine: Engine, name: str) -> str:
    out = io.StringIO()
    EXPORTERS[name](engine, out)
    return out.getvalue()


def records(engine: Engine, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in export(engine, name).splitlines()]


def test_statement_evidence_quotes_the_stored_text(pipeline_db: Engine) -> None:
    with pipeline_db.connect() as conn:
        texts = {r.id: r.text for r in conn.execute(select(documents.c.id, documents.c.text))}
    found = (
        [r["evidence"] for r in records(pipeline_db, "relations-jsonl") if r["origin"] == "text"]
        + [r["evidence"] for r in records(pipeline_db, "claims-jsonl")]
        + [r["evidence"] for r in records(pipeline_db, "mentions-jsonl")]
    )
    assert found, "the statement extractor stored nothing from the founding corpus"
    for evidence in found:
        text = texts[evidence["document_id"]]
        assert text[evidence["start"] : evidence["end"]] == evidence["quote"]
        assert evidence["extractor"].startswith("orbat.")


def test_ftm_of_a_pipeline_run_validates_unchanged(pipeline_db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(export(pipeline_db, "ftm"), encoding="utf-8")
    mine = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    checked = validate(path)
    assert [e["id"] for e in checked] == [e["id"] for e in mine]
    assert all(properties(a) == properties(b) for a, b in zip(mine, checked, strict=True))
    assert {"Organization", "Event", "Article"} <= {e["schema"] for e in mine}


def test_graphs_and_profiles_of_a_pipeline_run(pipeline_db: Engine) -> None:
    graphml = nx.read_graphml(io.BytesIO(export(pipeline_db, "graphml").encode()))
    gexf = nx.read_gexf(io.BytesIO(export(pipeline_db, "gexf").encode()))
    assert graphml.number_of_edges() == gexf.number_of_edges() > len(load_pack().relations)
    pack = load_pack()
    for record in records(pipeline_db, "actors-jsonl"):
        profile = actor_profile(pipeline_db, pack, record["id"])
        assert len(profile["events"]) == record["event_count"]
        assert profile["mention_count"] == record["mention_count"]
