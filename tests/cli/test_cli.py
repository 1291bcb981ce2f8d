"""The `orbat` command: every command documented, the main job, exports, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli.app import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "orbat.db")
    result = runner.invoke(app, ["ingest", "--example", "--db", path, "--no-events"])
    assert result.exit_code == 0, result.output
    assert "articles found" in result.output and "19" in result.output
    return path


def test_every_command_has_help() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.callback.__doc__, f"orbat {name} has no help text"  # type: ignore[union-attr]


def test_stats_and_documents(db: str) -> None:
    stats = runner.invoke(app, ["stats", "--db", db])
    assert stats.exit_code == 0 and "documents" in stats.output
    listing = runner.invoke(app, ["documents", "--db", db, "--limit", "100"])
    assert "2021-08-22" in listing.output and "Iraq War News" in listing.output


def test_search(db: str) -> None:
    result = runner.invoke(app, ["search", "Nujaba", "--db", db])
    assert result.exit_code == 0
    assert "IS kills 3 Iraqi" in result.output


def test_export_documents_jsonl(db: str, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    result = runner.invoke(
        app, ["export", "--db", db, "--format", "documents-jsonl", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 19
    keys = {"id", "external_id", "url", "title", "published", "source", "text", "duplicate_cluster"}
    assert all(keys <= set(r) for r in records)
    afp = next(r for r in records if r["title"] == "IS kills 3 Iraqi militias")
    assert afp["published"] == "2021-08-22"
    assert afp["url"] == "https://iraqwarnews.net/is-kills-3-iraqi-militias/"


def test_unknown_format_is_a_usage_error(db: str) -> None:
    result = runner.invoke(app, ["export", "--db", db, "--format", "pdf"])
    assert result.exit_code != 0
    assert "unknown format" in result.output


def test_missing_database_is_one_clear_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from orbat.cli.app import main; main()",
            "stats",
            "--db",
            str(tmp_path / "nope.db"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "no database" in result.stderr and "Traceback" not in result.stderr


def test_resolve_prints_the_actor_as_json() -> None:
    result = runner.invoke(app, ["resolve", "Kata'ib Hizballah"])
    assert result.exit_code == 0
    found = json.loads(result.output)
    assert found["id"] == "kataib-hezbollah" and found["acled_name"]


def test_ingest_with_a_custom_field_map(tmp_path: Path) -> None:
    rows = [
        {
            "uid": "r1",
            "headline": "Rockets hit Ain al-Asad",
            "article_body": "Fourteen rockets hit "
            "the Ain al-Asad air base in Anbar province on Wednesday, causing minor injuries.",
        },
    ]
    source = tmp_path / "export.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    db = str(tmp_path / "f.db")
    result = runner.invoke(
        app,
        [
            "ingest",
            str(source),
            "--db",
            db,
            "--no-events",
            "--field",
            "text=article_body",
            "--field",
            "id=uid",
        ],
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "docs.jsonl"
    runner.invoke(app, ["export", "--db", db, "--format", "documents-jsonl", "-o", str(out)])
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["external_id"] == "r1" and record["title"] == "Rockets hit Ain al-Asad"
    assert record["text"].startswith("Fourteen rockets")


def test_bad_field_option_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--field", "body"])
    assert result.exit_code != 0 and "FIELD=COLUMN" in result.output


@pytest.mark.issue(17)
def test_a_file_that_is_no_database_is_one_line(tmp_path: Path) -> None:
    """It was a 460-line traceback."""
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("just some text\n" * 100, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "from orbat.cli.app import main; main()", "stats", "--db",
         str(not_a_db)],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "not a database" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 2


@pytest.mark.issue(17)
def test_a_database_failing_mid_command_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A full disk surfaces as SQLAlchemy's OperationalError while writing."""
    from sqlalchemy.exc import OperationalError

    import orbat.cli.app as cli

    def full_disk() -> None:
        raise OperationalError("INSERT ...", {}, Exception("database or disk is full"))

    monkeypatch.setattr(cli, "app", full_disk)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "database or disk is full" in err and "Traceback" not in err


@pytest.mark.issue(17)
def test_cli_search_is_bounded_like_the_webs(tmp_path: Path) -> None:
    """`orbat search` used FTS5's snippet(), quadratic in the query's repeated terms."""
    db = str(tmp_path / "orbat.db")
    assert runner.invoke(app, ["ingest", "--example", "--no-events", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["search", " ".join(["the"] * 250), "--db", db, "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "[the]" in result.output or "[The]" in result.output
    too_long = runner.invoke(app, ["search", "x" * 1001, "--db", db])
    assert too_long.exit_code != 0
