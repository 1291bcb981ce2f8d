"""Issue 14 §4: the Parquet export (typed ACLED columns, nested evidence, the event filters)."""

from __future__ import annotations

from pathlib import Path

import pandas
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from actor_corpus import ActorDb
from orbat.cli.app import app

pytestmark = pytest.mark.issue(14)


def test_parquet_has_typed_acled_columns_and_evidence(actor_db: ActorDb, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(
        app, ["export", "--db", actor_db.path, "-f", "parquet", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    schema = pq.read_schema(out)
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("fatalities").type) == "int64"
    assert str(schema.field("latitude").type) == "double"
    frame = pandas.read_parquet(out)
    assert len(frame) == 2
    strike = frame[frame["location"] == "Abu Kamal"].iloc[0]
    assert strike["fatalities"] == 22 and strike["event_id_cnty"].startswith("SYR")
    quote = strike["sources"][0]["quote"]
    assert "alleged US airstrike" in quote


def test_parquet_takes_the_filters(actor_db: ActorDb, tmp_path: Path) -> None:
    out = tmp_path / "iraq.parquet"
    result = CliRunner().invoke(
        app,
        ["export", "--db", actor_db.path, "-f", "parquet", "-o", str(out), "--country", "Iraq"],
    )
    assert result.exit_code == 0, result.output
    assert list(pandas.read_parquet(out)["location"]) == ["Al Qaim"]
