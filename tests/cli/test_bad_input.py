"""Issue 14 §5: bad input gets a clear answer. A missing input path, an unwritable database,
a database on read-only media (`stats`, `serve`), a PDF, a JSON/CSV export whose body field
has another name, a 5 MB text on one line."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from orbat.cli.app import app

pytestmark = pytest.mark.issue(14)

ARTICLE = (
    "Militia fighters attacked an army checkpoint near Baiji on Monday, killing two soldiers "
    "and wounding three others, the security media cell said.\n"
)


def _orbat(*args: str, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    """`orbat ARGS` in a fresh process; ``as_nobody``: as a user who owns nothing here."""
    return subprocess.run(
        [*_nobody(as_nobody), sys.executable, "-m", "orbat", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": "200"},
        check=False,
    )


def _nobody(wanted: bool) -> list[str]:
    # Root writes through any file mode; as root, "read-only" is tried as user nobody.
    if not wanted or os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv to drop to an unprivileged user")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_a_missing_input_path_fails_and_creates_no_database(tmp_path: Path) -> None:
    (tmp_path / "here.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "new.db"
    result = _orbat("ingest", str(tmp_path / "here.txt"), str(tmp_path / "typo.txt"),
                    "--db", str(db), "--no-events")  # fmt: skip
    _one_line_error(result, "no such file or folder", "typo.txt")
    assert not db.exists() and not list(tmp_path.glob("new.db*"))


def test_a_database_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "here.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = _orbat("ingest", str(tmp_path / "here.txt"), "--db",
                    str(tmp_path / "a-file" / "orbat.db"), "--no-events")  # fmt: skip
    _one_line_error(result, "cannot create a database", "--db")


@pytest.fixture
def read_only_db() -> Iterator[Path]:
    """A database in a folder nobody may write (a read-only medium, as far as SQLite can tell)."""
    top = Path(tempfile.mkdtemp(prefix="orbat-ro-"))
    folder = top / "media"
    folder.mkdir()
    (top / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", str(top / "article.txt"), "--db", str(folder / "orbat.db"), "--no-events"]
    )
    assert result.exit_code == 0, result.output
    top.chmod(0o755)
    (folder / "orbat.db").chmod(0o444)
    folder.chmod(0o555)
    try:
        yield folder / "orbat.db"
    finally:
        folder.chmod(stat.S_IRWXU)
        shutil.rmtree(top)


def test_an_unwritable_database_is_one_line(read_only_db: Path) -> None:
    result = _orbat("ingest", str(read_only_db.parent.parent / "article.txt"), "--db",
                    str(read_only_db), "--no-events", as_nobody=True)  # fmt: skip
    _one_line_error(result, "cannot write the database", "--db")


def test_stats_reads_a_database_on_read_only_media(read_only_db: Path) -> None:
    before = sorted(p.name for p in read_only_db.parent.iterdir())
    result = _orbat("stats", "--db", str(read_only_db), as_nobody=True)
    assert result.returncode == 0, result.stderr
    assert "documents" in result.stdout and " 1 " in result.stdout
    assert sorted(p.name for p in read_only_db.parent.iterdir()) == before  # no -wal, -shm


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_reads_a_database_on_read_only_media(read_only_db: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [*_nobody(True), sys.executable, "-m", "orbat", "serve", "--db", str(read_only_db),
               "--port", str(port)]  # fmt: skip
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env
    ) as server:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                    break
                except httpx.TransportError:
                    output = server.stdout.read().decode() if server.poll() is not None else ""
                    assert server.poll() is None and time.monotonic() < deadline, output
                    time.sleep(0.2)
            assert response.status_code == 200 and response.json()["documents"] == 1
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_json_and_csv_with_an_unknown_body_field_name_the_fields_and_field_option(
    tmp_path: Path,
) -> None:
    body = ARTICLE.strip()
    (tmp_path / "export.jsonl").write_text(
        json.dumps({"id": "a1", "headline": "Checkpoint attack", "article_body": body}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "export.csv").write_text(
        f'id,headline,story\nb1,Checkpoint attack,"{body}"\n', encoding="utf-8"
    )
    db = str(tmp_path / "orbat.db")
    result = _orbat("ingest", str(tmp_path / "export.jsonl"), str(tmp_path / "export.csv"),
                    "--db", db, "--no-events")  # fmt: skip
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "fields seen: id, headline, article_body" in said
    assert "--field text=article_body" in said and "--field text=story" in said
    # Nothing half-stored: a re-run with --field keeps both articles whole.
    listing = _orbat("documents", "--db", db)
    assert "Checkpoint attack" not in listing.stdout
    again = _orbat("ingest", str(tmp_path / "export.jsonl"), "--field", "text=article_body",
                   "--db", db, "--no-events")  # fmt: skip
    assert again.returncode == 0 and "fields seen" not in again.stdout
    assert "Checkpoint attack" in _orbat("documents", "--db", db).stdout


def test_a_5_mb_single_line_text_is_read_in_bounded_memory_and_time(tmp_path: Path) -> None:
    sentence = "Militia fighters attacked a checkpoint near Baiji, the ministry said on Monday. "
    big = tmp_path / "one-line.txt"
    big.write_text(sentence * (5_000_000 // len(sentence)), encoding="utf-8")
    # The peak from /proc (VmHWM, this process image's own): getrusage's ru_maxrss survives
    # execve on Linux, so it would report the test runner's size, not the child's.
    probe = (
        "import re, time\n"
        "from pathlib import Path\n"
        "from orbat.pipeline import ingest\n"
        "t = time.perf_counter()\n"
        f"s = ingest([{str(big)!r}], {str(tmp_path / 'orbat.db')!r})\n"
        "peak = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text())\n"
        "print(s.articles_seen, s.skipped, round(time.perf_counter() - t, 1),\n"
        "      int(peak[1]) // 1024 if peak else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=300)  # fmt: skip
    articles, skipped, seconds, peak_mb = out.stdout.split()
    assert int(articles) >= 1 and int(skipped) == 0
    # Read in chunks (text_chunk_bytes), never the 5 MB line at once in several copies.
    assert 20 < int(peak_mb) < 600, out.stdout
    assert float(seconds) < 120, out.stdout
