"""Shared fixtures: one database built from the founding corpus per session, the app over it,
a real uvicorn server on a free loopback port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from orbat.cli.app import example_corpus
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_events, extract_statements
from orbat.store import open_engine
from orbat.web import create_app, open_read_only

DATA = Path(__file__).parent / "data"
CHROMIUM = os.environ.get("ORBAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The founding corpus plus two test articles: ingested, events and statements extracted."""
    db = str(tmp_path_factory.mktemp("web") / "seed.db")
    summary = ingest([str(example_corpus()), str(DATA / "hostile.jsonl")], db)
    assert summary.articles_new == 21, summary
    engine = open_engine(db)
    extract_events(engine)
    extract_statements(engine)
    engine.dispose()
    return db


@pytest.fixture(scope="session")
def engine(seed_db: str) -> Engine:
    return open_read_only(seed_db)


@pytest.fixture(scope="session")
def app(engine: Engine) -> FastAPI:
    return create_app(engine)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    # The app answers to loopback names only (not TestClient's default "testserver").
    with TestClient(app, base_url="http://localhost") as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """A real uvicorn serving ``app`` on loopback, in a thread; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(app: FastAPI) -> Iterator[str]:
    """The read-only app served by a real uvicorn; yields its base URL."""
    with running(app) as url:
        yield url


def serve(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    with running(app) as url:
        yield url


def _need_chromium() -> None:
    """Skip without Chromium locally; in CI (ORBAT_CI=1) its absence is a failure."""
    missing = not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None
    if missing:
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("ORBAT_CI") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _need_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("ORBAT_CI") == "1":
            pytest.fail("playwright is not installed (pip install -e '.[dev]')")
        pytest.skip("playwright is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $ORBAT_SCREENSHOTS (e.g. docs/screenshots) or a temp dir."""
    target = os.environ.get("ORBAT_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
