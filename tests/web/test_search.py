"""Search stays cheap whatever the query or the article (issue 17, found by the security probe).

Before: 250 × "the" took a minute of CPU and one word against a 49 MB article over two, in
SQLite's C code, where neither a signal nor SIGTERM could stop it. The heavy requests here go
to a real `orbat serve` in its own process, with the client's 20 s timeout as the watchdog:
a regression fails the test instead of hanging the suite (no timing is asserted), and the
server is killed afterwards whatever it is doing.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from orbat.cli.app import example_corpus
from orbat.pipeline import ingest
from orbat.read.search import MAX_QUERY_CHARS, MAX_TERMS, SCAN_CHARS, query_terms, snippet

pytestmark = pytest.mark.issue(17)

#: "the" 250 times: 999 characters, the probe's query.
THE_250 = " ".join(["the"] * 250)
#: Seconds a request may take before the test fails (it takes well under one).
WATCHDOG = 20


def _big_text(chars: int) -> str:
    """Common words, "Alphaville" once at the start and "Omegaville" once past the scan window."""
    sentence = "the strike hit the base near the river and the officials said "
    body = sentence * (chars // len(sentence))
    return f"Fighting near Alphaville. {body} Omegaville."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """`orbat serve` over the founding corpus plus a 6 MB article and a short one.

    Yields the base URL and the server process.
    """
    folder = tmp_path_factory.mktemp("big")
    feed = folder / "big.jsonl"
    records = [
        {"id": "big", "title": "Long", "date": "2025-03-04", "text": _big_text(6_000_000)},
        {"id": "short", "title": "Short", "date": "2025-03-05", "text": "The strike hit."},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = str(folder / "big.db")
    assert ingest([str(example_corpus()), str(feed)], db).articles_new == 21
    port = _free_port()
    command = [sys.executable, "-c", "from orbat.cli.app import main; main()"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [*command, "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.kill()
        proc.wait()


def _ok(base: str, path: str, **params: Any) -> Any:
    response = httpx.get(base + path, params=params, timeout=WATCHDOG)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_query_of_250_words(big_server: tuple[str, Any]) -> None:
    base, _ = big_server
    found = _ok(base, "/api/search", q=THE_250)
    assert len(found["documents"]) == 20  # the page size: 21 articles hold "the"
    assert all("[the]" in d["snippet"].lower() for d in found["documents"])
    assert len(_ok(base, "/api/documents", q=THE_250)["items"]) == 21
    page = httpx.get(base + "/search", params={"q": THE_250}, timeout=WATCHDOG)
    assert page.status_code == 200 and "[the]" in page.text.lower()


def test_one_word_against_a_big_article(big_server: tuple[str, Any]) -> None:
    base, _ = big_server
    [hit] = _ok(base, "/api/search", q="river")["documents"]
    assert hit["title"] == "Long" and "[river]" in hit["snippet"]
    assert _ok(base, "/api/documents", q="officials")["items"]


def test_a_match_past_the_scan_window_is_found_without_a_mark(
    big_server: tuple[str, Any],
) -> None:
    base, _ = big_server
    [hit] = _ok(base, "/api/search", q="Omegaville")["documents"]
    assert hit["title"] == "Long"
    assert hit["snippet"].startswith("Fighting near Alphaville.") and "[" not in hit["snippet"]


def test_the_server_then_stops_on_sigterm(big_server: tuple[str, Any]) -> None:
    base, proc = big_server
    assert _ok(base, "/api/search", q="the river")["documents"]
    proc.terminate()
    assert proc.wait(timeout=WATCHDOG) is not None


def test_an_overlong_query_is_refused_clearly(client: TestClient) -> None:
    for path in ("/api/search", "/api/documents", "/search"):
        response = client.get(path, params={"q": "x" * (MAX_QUERY_CHARS + 1)})
        assert response.status_code == 422, path
        assert str(MAX_QUERY_CHARS) in response.text


def test_terms_are_deduplicated_as_the_index_tokenizes_them() -> None:
    assert [t.text for t in query_terms(THE_250)] == ["the"]
    assert [t.text for t in query_terms('the The "the," thé THE --- "the"')] == ["the"]
    assert [t.words for t in query_terms('"Jurf al-Sakhar" al-Qaim')] == [
        ("jurf", "al", "sakhar"),
        ("al", "qaim"),
    ]
    many = query_terms(" ".join(f"w{i}" for i in range(100)))
    assert len(many) == MAX_TERMS and many[-1].text == f"w{MAX_TERMS - 1}"


def test_snippet_marks_the_densest_window_and_joins_a_phrase() -> None:
    text = (
        "Shelling hit Mosul. " * 50 + "A drone struck near Jurf al-Sakhar on Monday. " + "x " * 50
    )
    cut = snippet(text, query_terms('"Jurf al-Sakhar" drone'))
    assert cut.startswith("… ") and cut.endswith(" …")
    assert "[drone] struck near [Jurf al-Sakhar]" in cut
    assert snippet("Only the title matched.", query_terms("Mosul")) == "Only the title matched."


def test_snippet_reads_only_the_scan_window() -> None:
    # The match lies past the window: the snippet is the article's start, unmarked.
    text = "word " * (SCAN_CHARS // 5) + "needle"
    cut = snippet(text, query_terms("needle"))
    assert cut == " ".join(["word"] * 12) + " …"


def test_search_results_still_match(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": '"Jurf al-Sakhar" Jurf jurf'})
    found = response.json()
    assert "Strike on militia vehicle near Baghdad" in {d["title"] for d in found["documents"]}
    assert all("[Jurf al-Sakhar]" in d["snippet"] for d in found["documents"])
    assert client.get("/api/search", params={"q": "---"}).json()["documents"] == []
    assert client.get("/api/documents", params={"q": "---"}).json()["items"] == []
