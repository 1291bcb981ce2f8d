"""The web's write mode (issue 14 §1): review forms behind a CSRF check, the banner, the queue,
reviewed values in the JSON API; and the review flow in a real Chromium."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from orbat.cli.app import example_corpus
from orbat.export.events import write_events_jsonl
from orbat.pipeline import ingest
from orbat.pipeline.extract import extract_events
from orbat.store import open_engine
from orbat.store.schema import events, reviews, statements
from orbat.web import create_app, open_read_only
from orbat.web.review import CSRF_COOKIE, ReviewMode

from .conftest import running
from .test_browser import Watched
from .test_serve import _MAIN, _free_port, _wait_for

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def review_db(seed_db: str, tmp_path: Path) -> str:
    """A copy of the session's database, for tests that write reviews into it."""
    path = tmp_path / "review.db"
    # SQLite's backup, not a file copy: the last commits may still be in the -wal file.
    with sqlite3.connect(seed_db) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return str(path)


@pytest.fixture
def writer(review_db: str) -> Engine:
    return open_engine(review_db, create=False)


@pytest.fixture
def review_app(review_db: str, writer: Engine) -> FastAPI:
    mode = ReviewMode(writer, "analyst-1", ("Iraq", "Syria"))
    return create_app(open_read_only(review_db), review_mode=mode)


@pytest.fixture
def review_client(review_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(review_app, base_url="http://localhost") as test_client:
        yield test_client


def _first_event(engine: Engine, *conditions: Any) -> int:
    with engine.connect() as conn:
        query = select(events.c.id).where(*conditions).order_by(events.c.id).limit(1)
        return int(conn.execute(query).scalar_one())


def _stored(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(reviews)))


def test_orbat_serve_review_writes_reviews_by_the_named_reviewer(
    review_db: str, writer: Engine
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-c", _MAIN, "serve", "--review", "--by", "tester"]
    with subprocess.Popen(
        [*command, "--db", review_db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    ) as proc:
        try:
            _wait_for(f"{base}/api/stats", proc)
            with httpx.Client(base_url=base, timeout=10) as browser:
                page = browser.get("/events/1").text
                assert "Review mode is on" in page
                token = _TOKEN.search(page)
                assert token is not None
                refused = browser.post("/review/events/1/confirm", data={"csrf": "forged"})
                assert refused.status_code == 403
                done = browser.post("/review/events/1/confirm", data={"csrf": token.group(1)})
                assert done.status_code == 303
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    assert [(r.target_id, r.action, r.reviewer) for r in _stored(writer)] == [
        (1, "confirm", "tester")
    ]


def test_review_mode_runs_one_process(review_db: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _MAIN, "serve", "--review", "--workers", "2", "--db", review_db],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.returncode != 0 and "--review runs one server process" in result.stderr


def test_read_only_server_has_no_banner_forms_or_review_routes(client: TestClient) -> None:
    page = client.get("/events/1").text
    assert "review-banner" not in page and 'name="csrf"' not in page
    assert client.post("/review/events/1/confirm", data={"csrf": "x"}).status_code == 404
    assert client.get("/review").status_code == 404
    assert CSRF_COOKIE not in client.cookies


def test_banner_queue_and_forms_in_review_mode(review_client: TestClient) -> None:
    queue = review_client.get("/review")
    assert queue.status_code == 200
    cookie = queue.headers["set-cookie"].lower()  # out of other sites' reach and scripts'
    assert cookie.startswith(CSRF_COOKIE) and "httponly" in cookie and "samesite=strict" in cookie
    assert "Review mode is on" in queue.text
    assert 'id="review-queue"' in queue.text and "outside theatre" in queue.text
    page = review_client.get("/events/1").text
    token = _TOKEN.search(page)
    assert token and review_client.cookies.get(CSRF_COOKIE) == token.group(1)
    assert 'action="/review/events/1/correct"' in page


def test_posts_without_the_right_token_are_refused(
    review_client: TestClient, writer: Engine
) -> None:
    page = review_client.get("/events/1").text
    token = _TOKEN.search(page)
    assert token is not None
    url = "/review/events/1/reject"
    # No field; a field that is not the cookie's; a token the server never signed.
    assert review_client.post(url, data={}).status_code == 403
    assert review_client.post(url, data={"csrf": token.group(1) + "x"}).status_code == 403
    forged = "nonce.0123456789abcdef0123456789abcdef"
    review_client.cookies.set(CSRF_COOKIE, forged)
    assert review_client.post(url, data={"csrf": forged}).status_code == 403
    # Without the cookie (another site's form: SameSite keeps the cookie home).
    review_client.cookies.clear()
    assert review_client.post(url, data={"csrf": token.group(1)}).status_code == 403
    assert _stored(writer) == []


def test_confirm_correct_reject_through_the_forms(
    review_client: TestClient, writer: Engine
) -> None:
    token = _TOKEN.search(review_client.get("/events/1").text)
    assert token is not None
    csrf = {"csrf": token.group(1)}
    event_id = _first_event(writer, events.c.event_date.is_not(None))
    done = review_client.post(
        f"/review/events/{event_id}/correct",
        data={**csrf, "field": "fatalities", "value": "12", "note": "hospital figure"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/events/{event_id}"
    bad = review_client.post(
        f"/review/events/{event_id}/correct", data={**csrf, "field": "date", "value": "later"}
    )
    assert bad.status_code == 422 and "not a date" in bad.text
    api = review_client.get(f"/api/events/{event_id}").json()
    assert api["fatalities"] == 12 and api["review_status"] == "corrected"
    assert api["reviewed_by"] == "analyst-1"

    actor = api["actors"][0]["id"]
    assert event_id in {e["id"] for e in review_client.get(f"/api/actors/{actor}").json()["events"]}
    counted = review_client.get("/api/stats").json()["events"]
    review_client.post(f"/review/events/{event_id}/reject", data=csrf)
    # A rejected event leaves the overview's counts too.
    assert review_client.get("/api/stats").json()["events"] == counted - 1
    listed = review_client.get("/api/events?limit=500").json()["items"]
    assert event_id not in {e["id"] for e in listed}
    profile = review_client.get(f"/api/actors/{actor}").json()
    assert event_id not in {e["id"] for e in profile["events"]}
    assert review_client.get(f"/api/events/{event_id}").json()["review_status"] == "rejected"

    with writer.connect() as conn:
        claim = conn.execute(select(statements.c.id).where(statements.c.kind == "claim")).scalar()
    back = review_client.post(
        f"/review/claims/{claim}/reject",
        data={**csrf, "back": "//evil.example/"},
        follow_redirects=False,
    )
    assert back.status_code == 303 and back.headers["location"] == "/review"
    assert [(r.target, r.action) for r in _stored(writer)] == [
        ("event", "correct"),
        ("event", "reject"),
        ("claim", "reject"),
    ]


def test_claims_and_relations_are_corrected_through_the_forms(
    review_client: TestClient, writer: Engine
) -> None:
    with writer.connect() as conn:
        claim = conn.execute(
            select(statements).where(
                statements.c.kind == "claim", statements.c.event_id.is_not(None)
            )
        ).first()
        relation = conn.execute(
            select(statements).where(
                statements.c.kind == "relation", statements.c.subject_id.is_not(None)
            )
        ).first()
    assert claim is not None and relation is not None
    page = review_client.get(f"/events/{claim.event_id}").text
    token = _TOKEN.search(page)
    assert token is not None and f"/review/claims/{claim.id}/correct" in page
    csrf = {"csrf": token.group(1), "back": f"/events/{claim.event_id}"}
    stance = "alleged" if claim.stance != "alleged" else "attributed"
    done = review_client.post(
        f"/review/claims/{claim.id}/correct",
        data={**csrf, "field": "stance", "value": stance},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"/events/{claim.event_id}"
    bad = review_client.post(
        f"/review/claims/{claim.id}/correct", data={**csrf, "field": "stance", "value": "??"}
    )
    assert bad.status_code == 422 and "no stance" in bad.text
    [shown] = [
        c
        for c in review_client.get(f"/api/events/{claim.event_id}").json()["claims"]
        if c.get("statement_id") == claim.id
    ]
    assert shown["stance"] == stance and shown["review_status"] == "corrected"
    assert shown["machine_values"] == {"stance": claim.stance}
    page = review_client.get(f"/events/{claim.event_id}").text
    assert 'data-corrected="stance"' in page

    actor_page = f"/actors/{relation.subject_id}"
    assert f"/review/relations/{relation.id}/correct" in review_client.get(actor_page).text
    review_client.post(
        f"/review/relations/{relation.id}/correct",
        data={**csrf, "back": actor_page, "field": "type", "value": "hostile-to"},
    )
    relations = review_client.get(f"/api/actors/{relation.subject_id}").json()["relations"]
    [rel] = [r for r in relations if r.get("statement_id") == relation.id]
    assert rel["type"] == "hostile-to" and rel["review_status"] == "corrected"
    edges = review_client.get("/api/graph").json()["edges"]
    assert any(e["id"] == f"t{relation.id}" and e["type"] == "hostile-to" for e in edges)


def test_map_timeline_charts_order_and_profiles_read_the_reviewed_values(
    review_client: TestClient, review_app: FastAPI, writer: Engine
) -> None:
    from orbat.export.profile import actor_profile
    from orbat.packs import load_pack
    from orbat.read.charts import monthly
    from orbat.read.events import EventQuery
    from orbat.store.events import EventFilter

    token = _TOKEN.search(review_client.get("/events/1").text)
    assert token is not None
    csrf = {"csrf": token.group(1)}
    moved = _first_event(writer, events.c.latitude.is_not(None), events.c.event_date.is_not(None))
    gone = _first_event(writer, events.c.latitude.is_not(None), events.c.id != moved)
    for field, value in (
        ("date", "1999-01-15"),
        ("fatalities", "999"),
        ("actor2", "Kata'ib Hizballah"),
    ):
        review_client.post(
            f"/review/events/{moved}/correct", data={**csrf, "field": field, "value": value}
        )
    review_client.post(f"/review/events/{gone}/reject", data=csrf)

    # The map: filtered on the reviewed date; rejected events off it.
    january = {"since": "1999-01-01", "until": "1999-01-31"}
    points = review_client.get("/api/events/geo", params=january).json()["features"]
    assert [p["id"] for p in points] == [moved]
    everything = review_client.get("/api/events/geo").json()["features"]
    assert gone not in {p["id"] for p in everything}
    dated = [p["id"] for p in everything if p["properties"]["event_date"]]
    assert dated[-1] == moved  # newest first, by the reviewed date
    # Listing order: by the reviewed date and toll.
    oldest = review_client.get("/api/events", params={"sort": "oldest"}).json()["items"]
    assert oldest[0]["id"] == moved
    deadliest = review_client.get("/api/events", params={"sort": "fatalities"}).json()
    assert deadliest["items"][0]["id"] == moved
    # The timeline and the charts.
    dots = review_app.state.queries.timeline(
        EventQuery(since=dt.date(1999, 1, 1), until=dt.date(1999, 1, 31))
    )
    assert [d["id"] for d in dots] == [moved]
    chart = monthly(writer, EventFilter(until=dt.date(1999, 12, 31)))
    assert chart.months == ["1999-01"] and chart.fatalities == 999
    assert review_client.get("/api/stats").json()["event_date_from"] == "1999-01-15"
    # Actor profiles: the corrected actor's events include it; rejected ones are left out.
    profile = actor_profile(writer, load_pack(), "kataib-hezbollah")
    [event] = [e for e in profile["events"] if e["event_id"] == moved]
    assert event["fatalities"] == 999 and event["review_status"] == "corrected"
    assert "actor2" in event["roles"]
    assert gone not in {e["event_id"] for e in profile["events"]}


def test_review_mode_on_postgresql(postgres_server: Any) -> None:
    """The same forms over PostgreSQL: reads through a read-only session, reviews written."""
    url = postgres_server.create_database("review_web")
    ingest([str(example_corpus())], url)
    writer = open_engine(url)
    extract_events(writer)
    app = create_app(open_read_only(url), review_mode=ReviewMode(writer, "pg-analyst"))
    event_id = _first_event(writer, events.c.event_date.is_not(None))
    with TestClient(app, base_url="http://localhost") as browser:
        token = _TOKEN.search(browser.get(f"/events/{event_id}").text)
        assert token is not None
        data = {"csrf": token.group(1), "field": "fatalities", "value": "4"}
        assert browser.post(f"/review/events/{event_id}/correct", data=data).status_code == 200
        assert browser.post(f"/review/events/{event_id}/reject", data={}).status_code == 403
        shown = browser.get(f"/api/events/{event_id}").json()
    assert shown["fatalities"] == 4 and shown["reviewed_by"] == "pg-analyst"
    assert [(r.action, r.new_value) for r in _stored(writer)] == [("correct", "4")]


def test_a_source_split_off_in_the_page_leaves_the_event(
    review_client: TestClient, writer: Engine
) -> None:
    event_id = _first_event(writer, events.c.mention_count > 1)
    page = review_client.get(f"/events/{event_id}").text
    token = _TOKEN.search(page)
    buttons = re.findall(r'name="mention" value="(\d+)"', page)
    assert token is not None and len(buttons) > 1
    data = {"csrf": token.group(1), "mention": buttons[-1]}
    assert review_client.post(f"/review/events/{event_id}/split", data=data).status_code == 200
    shown = review_client.get(f"/events/{event_id}").text
    assert shown.count("<strong>split off</strong>") == 1
    assert review_client.get(f"/api/events/{event_id}").json()["review_status"] == "split"
    # The source is an event of its own now: in the API, the listing and its page.
    made = re.search(r'class="split-into" href="/events/(\d+)"', shown)
    assert made is not None
    new = review_client.get(f"/api/events/{made.group(1)}").json()
    assert new["split_from"] == event_id and new["review_status"] == "split"
    assert [s["mention_id"] for s in new["sources"]] == [int(buttons[-1])]
    listed = review_client.get("/api/events", params={"limit": 500}).json()["items"]
    assert int(made.group(1)) in {e["id"] for e in listed}
    assert 'id="split-from"' in review_client.get(f"/events/{made.group(1)}").text


def test_a_corrected_place_moves_the_event_on_the_map(
    review_client: TestClient, writer: Engine
) -> None:
    token = _TOKEN.search(review_client.get("/events/1").text)
    assert token is not None
    event_id = _first_event(writer, events.c.latitude.is_not(None), events.c.location != "Tikrit")
    review_client.post(
        f"/review/events/{event_id}/correct",
        data={"csrf": token.group(1), "field": "place", "value": "Tikrit"},
    )
    [point] = [
        f for f in review_client.get("/api/events/geo").json()["features"] if f["id"] == event_id
    ]
    lon, lat = point["geometry"]["coordinates"]
    assert (round(lat, 1), round(lon, 1)) == (34.6, 43.7)  # Tikrit, Salah ad Din
    assert point["properties"]["location"].startswith("Tikr")
    page = review_client.get(f"/events/{event_id}").text
    assert 'data-corrected="place"' in page


@pytest.fixture
def review_web(browser: Any, review_app: FastAPI, screenshots: Path) -> Iterator[Watched]:
    with running(review_app) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        watched = Watched(context.new_page(), base, screenshots)
        yield watched
        context.close()
    watched.check()


def test_review_flow_in_chromium(review_web: Watched, writer: Engine) -> None:
    """Confirm, correct, reject in the pages; reload; the export shows the reviews."""
    web, page = review_web, review_web.page
    web.open("/review")
    assert page.is_visible("#review-banner")
    first, second, third = (
        int(x)
        for x in page.locator("#review-queue tbody tr").evaluate_all(
            "rows => rows.slice(0, 3).map(r => r.dataset.eventId)"
        )
    )
    web.shot("review-queue")

    web.open(f"/events/{first}")
    page.click("#confirm")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#review-status") == "confirmed"

    web.open(f"/events/{second}")
    page.select_option("#correct-form select[name=field]", "fatalities")
    page.fill("#correct-form input[name=value]", "6")
    page.fill("#correct-form input[name=note]", "two sources agree on six")
    page.click("#correct")
    page.wait_for_load_state("networkidle")
    page.reload(wait_until="networkidle")
    assert page.inner_text("#event-fatalities").startswith("6")
    assert "the extractor said" in page.inner_text("[data-corrected=fatalities]")
    assert page.inner_text("#review-status") == "corrected"
    web.shot("review-event")

    web.open(f"/events/{third}")
    page.fill("form[action$='/reject'] input[name=note]", "not an attack")
    page.click("#reject")
    page.wait_for_load_state("networkidle")
    web.open("/review")
    reviewed = page.locator("#reviewed tbody tr").all_inner_texts()
    assert any("rejected" in row for row in reviewed)
    assert any("corrected" in row for row in reviewed)
    page.evaluate("document.getElementById('reviewed').scrollIntoView()")
    web.shot("review-list")

    out = io.StringIO()
    write_events_jsonl(writer, out)
    exported = {r["event_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert third not in exported
    assert exported[second]["fatalities"] == 6 and exported[second]["reviewed"] is True
    assert exported[first]["review_status"] == "confirmed"
