"""Shared fixtures: a database URL for every storage backend, and a throwaway PostgreSQL.

Tests that take ``db_url`` run once against SQLite and once against a real PostgreSQL server
started for the session (``initdb`` + ``pg_ctl`` on a temporary directory, loopback only, a
free port). PostgreSQL refuses to run as root, so as root the server runs as the ``postgres``
system user (Debian's package creates it) via ``runuser``. Without PostgreSQL installed the
PostgreSQL half is skipped with the reason — unless ``ORBAT_CI=1``, where a missing server is a
failure: CI must test both.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hypothesis import Phase, settings

from shared_data import SHARED_DATA, shared

# Hypothesis's "explain" phase re-runs a failing example under sys.settrace to say which
# lines mattered; on Python 3.11 that tracing through the readers and spaCy is so slow that a
# failure took CI past its time limit instead of being reported. Failures still shrink.
settings.register_profile("orbat", phases=[p for p in Phase if p is not Phase.explain])
settings.load_profile("orbat")


# Markers by what a test needs, so `make test-fast` (-m "not slow and not browser and not
# postgres and not dask and not hardening") leaves out the heavy ones without each test file
# having to say so; `make test` runs everything. Tests may also mark themselves `slow`.
_MARK_BY_FOLDER = {"dask_cluster": "dask", "hardening": "hardening"}
# Tests that take seconds each (end-to-end runs in subprocesses, whole-corpus floors); timings
# from `pytest --durations` on the shared development machine, session 6.
_SLOW_TESTS = (
    "tests/store/test_concurrent_ingest.py::test_concurrent_workers_store_everything_once",
    "tests/watch/test_cli.py::test_once_twice_resumes_without_refetching_or_realerting",
    "tests/watch/test_cli.py::test_killed_mid_poll_the_restart_finishes_the_work_once",
    "tests/watch/test_cli.py::test_cli_errors_are_one_clear_line",
    "tests/extract/test_fuzz_extraction.py::test_every_text_of_the_test_data_extracts_within_budget",
    "tests/extract/test_prefilter.py::test_one_shared_parse_gives_the_statements_of_a_full_parse",
    "tests/extract/test_prefilter.py::test_no_codable_sentence_of_the_founding_corpus_is_filtered_out",
    "tests/nlp/test_model.py::test_parse_is_the_same_as_the_stock_pipeline",
    "tests/web/test_serve.py::test_serve_answers_on_loopback_and_leaves_the_database_unchanged",
    "tests/eval/test_centcom.py",
    "tests/eval/test_re3d.py",
    "tests/ingest/test_aeb.py::test_aeb_f1_floor",
)
_MARK_BY_FIXTURE = {
    "browser": "browser",
    "postgres_server": "postgres",
    "village_gazetteer": "slow",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(_SLOW_TESTS):
            item.add_marker("slow")
        folder = item.path.parent.name
        if folder in _MARK_BY_FOLDER:
            item.add_marker(_MARK_BY_FOLDER[folder])
        fixtures = getattr(item, "fixturenames", ())
        for fixture, marker in _MARK_BY_FIXTURE.items():
            if fixture in fixtures:
                item.add_marker(marker)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("db_url") == "postgresql":
            item.add_marker("postgres")


class PostgresUnavailable(Exception):
    """No PostgreSQL server binaries here (or they would not start)."""

    @staticmethod
    def skip_or_fail(reason: str) -> NoReturn:
        if os.environ.get("ORBAT_CI") == "1":
            pytest.fail(f"ORBAT_CI=1 and PostgreSQL is not usable: {reason}")
        pytest.skip(f"PostgreSQL is not usable here: {reason}")


def _bindir() -> Path:
    """Where initdb and pg_ctl live: $ORBAT_PG_BINDIR, pg_config, Debian's layout, or PATH."""
    candidates: list[str] = []
    if os.environ.get("ORBAT_PG_BINDIR"):
        candidates.append(os.environ["ORBAT_PG_BINDIR"])
    if shutil.which("pg_config"):
        result = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(result.stdout.strip())
    candidates += sorted((str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).resolve().parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise PostgresUnavailable("initdb/pg_ctl not found (apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    root: Path
    port: int
    run_as: list[str]
    bindir: Path

    @classmethod
    def start(cls) -> PostgresServer:
        bindir = _bindir()
        root = Path(tempfile.mkdtemp(prefix="orbat-pg-"))
        run_as: list[str] = []
        if os.geteuid() == 0:
            import pwd

            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root and there is no postgres user") from None
            os.chown(root, user.pw_uid, user.pw_gid)
            run_as = ["runuser", "-u", "postgres", "--"]
        server = cls(root, _free_port(), run_as, bindir)
        server._run(
            "initdb",
            "-D",
            str(root / "data"),
            "-U",
            "orbat",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
        )
        # fsync off: a test server that loses data in a power cut loses nothing of value.
        options = (
            f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        server._run(
            "pg_ctl",
            "-D",
            str(root / "data"),
            "-o",
            options,
            "-l",
            str(root / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        return server

    def _run(self, program: str, *args: str) -> None:
        command = [*self.run_as, str(self.bindir / program), *args]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = (self.root / "log").read_text() if (self.root / "log").exists() else ""
            raise PostgresUnavailable(
                f"{program} failed ({result.returncode}): {result.stderr.strip()} {log[-500:]}"
            )

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://orbat@127.0.0.1:{self.port}/postgres"

    def url(self, name: str) -> str:
        return f"postgresql://orbat@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        """A new, empty database on this server; its URL."""
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=orbat dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as exc:
        PostgresUnavailable.skip_or_fail(str(exc))
        raise  # not reached: skip_or_fail raises
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, or a new database on the session's server."""
    if request.param == "sqlite":
        return str(tmp_path / "orbat.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(f"t{next(_counter)}")


# --- Village gazetteer -----------------------------------------------------------------------

#: The shared village-level gazetteer files (third-party data, never copied into the repo).
SHARED_GAZETTEER = SHARED_DATA / "gazetteer"
VILLAGE_FILES = ("ocha_syr_locations.tsv.gz", "wof_iq_sy_places.tsv.gz")


@dataclass
class VillageGazetteer:
    """A cache folder with the shared village gazetteer imported, and the gazetteer built."""

    cache_dir: Path
    gazetteer: Any

    def env(self) -> dict[str, str]:
        """The environment that makes orbat (also in a subprocess) use this gazetteer."""
        return {**os.environ, "ORBAT_CACHE_DIR": str(self.cache_dir)}


@pytest.fixture(scope="session")
def village_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> VillageGazetteer:
    """The shared village files imported into a session's own cache folder (never the user's),
    and the gazetteer built from it once (about a minute)."""
    for name in VILLAGE_FILES:
        shared("gazetteer", name)  # skipped without it; a failure under ORBAT_CI=1
    from orbat.nlp.gazetteer import load_gazetteer
    from orbat.nlp.gazetteer_store import ImportedGazetteer

    cache = tmp_path_factory.mktemp("orbat-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ORBAT_CACHE_DIR", str(cache))
        store = ImportedGazetteer()
        for name in VILLAGE_FILES:
            store.import_file(SHARED_GAZETTEER / name)
        gazetteer = load_gazetteer.__wrapped__()  # not the process-wide cached default
    return VillageGazetteer(cache, gazetteer)


@pytest.fixture
def village_env(
    village_gazetteer: VillageGazetteer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[VillageGazetteer]:
    """While the test runs, ``load_gazetteer()`` (and so every stage) uses the village
    gazetteer; afterwards the default one again."""
    from orbat.nlp.gazetteer import load_gazetteer

    monkeypatch.setenv("ORBAT_CACHE_DIR", str(village_gazetteer.cache_dir))
    load_gazetteer.cache_clear()
    try:
        yield village_gazetteer
    finally:
        load_gazetteer.cache_clear()
