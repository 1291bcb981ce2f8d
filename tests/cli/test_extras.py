"""Issue 14 §4: a feature whose optional library is missing says, in one line, which extra
installs it (`pip install 'orbat[parquet]'`), instead of a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from actor_corpus import ActorDb
from orbat.cli.app import main
from orbat.errors import MissingExtra
from orbat.store import open_engine

pytestmark = pytest.mark.issue(14)


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    monkeypatch.setattr(sys, "argv", ["orbat", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1


@pytest.mark.parametrize(
    ("module", "args", "extra"),
    [
        ("pyarrow", ["export", "-f", "parquet", "-o", "-"], "parquet"),
        ("followthemoney", ["export", "-f", "ftm", "-o", "-"], "ftm"),
    ],
)
def test_a_missing_extra_is_one_line_naming_the_install(
    module: str,
    args: list[str],
    extra: str,
    actor_db: ActorDb,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    _run(monkeypatch, *args, "--db", actor_db.path)
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert f"pip install 'orbat[{extra}]'" in err


def test_ingest_on_a_cluster_without_dask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    _run(monkeypatch, "ingest", "--workers", "2", "--db", f"{tmp_path}/x.db", str(tmp_path))
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "pip install 'orbat[dask]'" in err, err


def test_postgres_without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingExtra, match=r"pip install 'orbat\[postgres\]'"):
        open_engine("postgresql://orbat@127.0.0.1:1/none")


def test_dataframes_without_pandas(actor_db: ActorDb, monkeypatch: pytest.MonkeyPatch) -> None:
    import orbat

    records = orbat.open(actor_db.path).events()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match=r"pip install 'orbat\[pandas\]'"):
        records.to_pandas()
