"""Issue 14 §4: the Python read API, ``orbat.open(db)``: events, actors and relations with the
web's filters, as records and DataFrames, from a database it never changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import orbat
from actor_corpus import ActorDb
from orbat.errors import StoreError

pytestmark = pytest.mark.issue(14)


@pytest.fixture(scope="module")
def db(actor_db: ActorDb) -> orbat.Database:
    return orbat.open(actor_db.path)


def test_events_take_the_web_filters_and_any_spelling(db: orbat.Database) -> None:
    everything = db.events()
    assert len(everything) == 2
    # "Kata'ib Hizballah" is a pack alias; the event names it as an associated actor.
    found = db.events(actor="Kata'ib Hizballah")
    assert [e["location"] for e in found] == ["Al Qaim"]
    assert "Kataib Hezbollah" in found[0]["assoc_actor_2"]
    source = found[0]["sources"][0]
    assert source["quote"].startswith("The two brigades hit") and source["end"] > source["start"]
    assert [e["country"] for e in db.events(country="syria")] == ["Syria"]
    assert db.events(since="2018-06-18") == []
    assert len(db.events(until=dt.date(2018, 6, 17))) == 2
    assert [e["fatalities"] for e in db.events(min_fatalities=1)] == [22]
    assert len(db.events(limit=1)) == 1
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        db.events(since="last June")
    with pytest.raises(ValueError, match="sort"):
        db.events(sort="loudest")


def test_records_become_a_dataframe(db: orbat.Database) -> None:
    frame = db.events(event_type="Explosions").to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == 2
    assert {"event_id", "event_date", "actor1", "fatalities", "sources"} <= set(frame.columns)
    actors = db.actors(kind="political_militia", country="Iraq").to_pandas()
    assert len(actors) > 5 and set(actors["kind"]) == {"political_militia"}
    assert set(actors["country"]) == {"Iraq"}


def test_relations_filter_by_actor_type_stance_and_day(db: orbat.Database) -> None:
    hostile = db.relations(actor="kataib-hezbollah", type="hostile-to")
    assert hostile and {r["type"] for r in hostile} == {"hostile-to"}
    assert all("kataib-hezbollah" in (r["subject"], r["target"]) for r in hostile)
    from_text = db.relations(origin="text")
    assert from_text and all(r["evidence"]["quote"] for r in from_text)
    assert all(r["origin"] == "pack" for r in db.relations(origin="pack"))
    alleged = db.relations(stance="alleged")
    assert alleged and {r["stance"] for r in alleged} == {"alleged"}
    # On a day, a relation needs a start date on or before it.
    in_2010 = db.relations(on="2010-01-01", origin="pack")
    assert in_2010 and all(r["start"] and r["start"] <= "2010-01-01" for r in in_2010)
    assert len(in_2010) < len(db.relations(origin="pack"))


def test_open_never_writes_nor_creates(db: orbat.Database, tmp_path: Path) -> None:
    with pytest.raises(OperationalError), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM events"))
    assert len(db.events()) == 2
    missing = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no database"):
        orbat.open(str(missing))
    assert not missing.exists()
