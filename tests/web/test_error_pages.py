"""Issue 14 §5: pages answer errors with pages (whatever the client's Accept header), an
internal error names no file or path, and no page shows the ingesting machine's folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from orbat.cli.app import example_corpus
from orbat.web import create_app
from orbat.web.queries import WebQueries

pytestmark = pytest.mark.issue(14)


def test_page_errors_are_pages_whatever_the_accept_header(client: TestClient) -> None:
    for accept in ("*/*", "application/json", "text/html"):
        response = client.get("/events/999999", headers={"accept": accept})
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html"), accept
        assert "no event 999999" in response.text
    bad = client.get("/events", params={"since": "soon"}, headers={"accept": "*/*"})
    assert bad.status_code == 422 and "<html" in bad.text and "since" in bad.text
    assert client.get("/api/events/999999").json() == {"detail": "no event 999999"}


def test_an_internal_error_is_a_page_without_paths(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "/srv/analyst/private/orbat.db"

    def broken(self: WebQueries, **_: object) -> None:
        raise RuntimeError(f"disk I/O error reading {secret}")

    app: FastAPI = create_app(engine)
    monkeypatch.setattr(WebQueries, "stats", broken)
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        page = client.get("/")
        assert page.status_code == 500 and "<html" in page.text
        assert "internal error" in page.text and secret not in page.text
        api = client.get("/api/stats")
        assert api.status_code == 500 and secret not in api.text
        assert api.headers["content-type"].startswith("application/json")


def test_no_page_shows_the_folders_articles_were_read_from(client: TestClient) -> None:
    folder = str(Path(example_corpus()).resolve())
    listing = client.get("/api/documents", params={"limit": 100}).json()["items"]
    for item in listing[:5]:
        page = client.get(f"/documents/{item['id']}").text
        assert folder not in page and "/examples/" not in page
        record = client.get(f"/api/documents/{item['id']}").json()
        assert "/" not in record["origin"] or "://" in record["origin"]
    first = client.get(f"/documents/{listing[-1]['id']}").text
    assert Path(client.get(f"/api/documents/{listing[-1]['id']}").json()["origin"]).name in first
