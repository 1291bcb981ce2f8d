"""Analysts' reviews on SQLite and PostgreSQL: stored beside machine output, laid over it in
every read, and kept when a newer extractor re-derives the events (issue 14 §1)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update
from test_event_store import with_two_reports

from orbat.errors import ReviewError
from orbat.export.events import write_acled_csv, write_events_jsonl
from orbat.export.statements import write_claims_jsonl, write_relations_jsonl
from orbat.extract.records import EventRecord, Evidence
from orbat.packs import load_pack
from orbat.pipeline.extract import extract_articles
from orbat.read.reviews import ReviewReader
from orbat.store import open_engine
from orbat.store.events import EventFilter, EventStore
from orbat.store.reviews import ReviewStore
from orbat.store.schema import event_mentions, events, extraction_runs, reviews, statements
from orbat.store.statement_reviews import correct_statement

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

THEATRE = ("Iraq", "Syria")


@pytest.fixture
def engine(db_url: str, tmp_path: Path) -> Engine:
    """The founding corpus plus two outlets' reports of one attack (one event, two sources:
    something to split), events and statements extracted."""
    engine = with_two_reports(db_url, tmp_path)
    extract_articles(engine)
    return engine


def _event(engine: Engine, event_id: int) -> Any:
    return ReviewReader(engine).event(event_id)


def _machine(engine: Engine, event_id: int) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(events).where(events.c.id == event_id)).one()


def _dated_event(engine: Engine, *, skip: int = 0) -> Any:
    """A dated event in Iraq with one source (so re-extraction recreates it)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(events)
            .where(events.c.event_date.is_not(None), events.c.country == "Iraq")
            .where(events.c.mention_count == 1)
            .order_by(events.c.id)
        ).all()
    return rows[skip]


def test_corrections_show_everywhere_and_leave_the_machine_row_alone(engine: Engine) -> None:
    event = _dated_event(engine)
    store = ReviewStore(engine)
    store.correct(event.id, "fatalities", "7", by="alice", note="the wire says seven")
    store.correct(event.id, "sub_type", "Air/drone strike", by="alice")
    store.correct(event.id, "date", "2021-01-02", by="bob")
    store.correct(event.id, "actor2", "Kata'ib Hizballah", by="bob")

    reviewed = _event(engine, event.id)
    assert reviewed.fatalities == 7
    assert (reviewed.event_type, reviewed.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert reviewed.event_date == dt.date(2021, 1, 2)
    assert reviewed.actor2 == "Kataib Hezbollah"  # any spelling → the pack's ACLED name
    assert reviewed.review_status == "corrected"
    assert reviewed.corrected == ["fatalities", "sub_type", "date", "actor2"]
    assert reviewed.reviewed_by == "bob"
    # The notes tell the analyst's coding, not the machine's.
    assert "January 2021, " in reviewed.notes
    assert "air/drone strike on Kataib Hezbollah" in reviewed.notes
    assert reviewed.notes.endswith(" 7 fatalities reported.")
    # The machine's coding is untouched.
    assert _machine(engine, event.id)._mapping == event._mapping

    # The listing, the ACLED CSV and the JSON lines read the reviewed values.
    [listed] = EventStore(engine).events(EventFilter(reviewed=True))
    assert listed.id == event.id and listed.fatalities == 7
    out = io.StringIO()
    write_acled_csv(engine, out, EventFilter(reviewed=True))
    [values] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert values["event_date"] == "2021-01-02" and values["reviewed"] == "corrected"
    jsonl = io.StringIO()
    write_events_jsonl(engine, jsonl, EventFilter(reviewed=True))
    record = json.loads(jsonl.getvalue())
    assert record["fatalities"] == 7 and record["reviewed"] is True
    assert record["corrected"] == ["fatalities", "sub_type", "date", "actor2"]

    # The history keeps the old values the analyst saw.
    history = ReviewReader(engine).history("event", event.id)
    assert [(r.field, r.old_value, r.new_value) for r in history][:2] == [
        ("fatalities", str(event.fatalities), "7"),
        ("sub_type", event.sub_event_type, "Air/drone strike"),
    ]
    assert history[0].note == "the wire says seven"


def test_many_events_read_their_reviews_the_same_way(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a page's worth of events (the map) reviews are matched in Python, not by an IN
    list; the result must be the same."""
    keep, gone = _dated_event(engine).id, _dated_event(engine, skip=1).id
    ReviewStore(engine).correct(keep, "fatalities", "2", by="alice")
    ReviewStore(engine).merge(keep, gone, by="alice")
    flt = EventFilter(include_rejected=True)
    by_key = [e._asdict() for e in EventStore(engine).events(flt)]
    monkeypatch.setattr("orbat.store.reviewed._IN_LIST", 0)
    assert [e._asdict() for e in EventStore(engine).events(flt)] == by_key
    reviewed = {e["id"]: e for e in by_key}
    assert reviewed[keep]["merged_from"] == [gone] and reviewed[keep]["fatalities"] == 2


def test_filters_match_the_corrected_values(engine: Engine) -> None:
    event = _dated_event(engine)
    old_type, old_day = event.sub_event_type, event.event_date
    store = ReviewStore(engine)
    store.correct(event.id, "sub_type", "Grenade", by="alice")
    store.correct(event.id, "date", "2001-09-11", by="alice")
    store.correct(event.id, "actor2", "Kata'ib Hizballah", by="alice")
    store.correct(event.id, "place", "Tikrit", by="alice")
    events_store = EventStore(engine)

    def found(**filters: Any) -> set[int]:
        flt = EventFilter(**filters)
        ids = {e.id for e in events_store.events(flt)}
        assert len(ids) == events_store.count(flt)  # the total counts what the page lists
        return ids

    assert event.id in found(event_type="Grenade")
    assert event.id not in found(event_type=old_type)
    assert event.id in found(since=dt.date(2001, 9, 1), until=dt.date(2001, 9, 30))
    assert event.id not in found(since=old_day, until=old_day)
    assert event.id in found(actor="Kataib Hezbollah", admin1="Salah ad Din")
    assert event.id in found(place="Tikr", country="iraq", event_type="Explosions")
    # Events nobody corrected are filtered on the machine's coding, as before.
    other = _dated_event(engine, skip=1)
    assert other.id in found(since=other.event_date, until=other.event_date)
    # Listings are ordered by the reviewed date and toll.
    store.correct(other.id, "date", "1900-01-01", by="alice")
    store.correct(other.id, "fatalities", "100000", by="alice")
    assert event.id not in found(min_fatalities=100000) and other.id in found(min_fatalities=99)
    for sort in ("oldest", "fatalities"):
        [first] = events_store.events(EventFilter(sort=sort), limit=1)
        assert first.id == other.id, sort
    newest = events_store.events(EventFilter(since=dt.date(1800, 1, 1)))
    assert newest[-1].id == other.id


def test_bad_values_are_refused_and_nothing_is_stored(engine: Engine) -> None:
    event = _dated_event(engine)
    store = ReviewStore(engine)
    for field, value, message in [
        ("date", "2021-13-01", "not a date"),
        ("fatalities", "-3", "whole number"),
        ("sub_type", "Drone party", "no ACLED sub-event type"),
        ("type", "Protests", "correct sub_type instead"),
        ("colour", "red", "cannot correct"),
    ]:
        with pytest.raises(ReviewError, match=message):
            store.correct(event.id, field, value, by="alice")
    with pytest.raises(ReviewError, match="no event 999999"):
        store.confirm("event", 999999, by="alice")
    with pytest.raises(ReviewError, match="needs a reviewer"):
        store.confirm("event", event.id, by="  ")
    with engine.connect() as conn:
        assert conn.execute(select(reviews)).first() is None


def test_rejected_and_merged_events_leave_listings_but_stay_in_the_review_list(
    engine: Engine,
) -> None:
    events_store = EventStore(engine)
    total = events_store.count()
    keep, gone, merged = (_dated_event(engine, skip=i).id for i in range(3))
    store = ReviewStore(engine)
    store.reject("event", gone, by="alice", note="a commemoration, not an attack")
    store.merge(keep, merged, by="alice")
    listed = {e.id for e in events_store.events()}
    assert gone not in listed and merged not in listed and keep in listed
    assert events_store.count() == total - 2
    reader = ReviewReader(engine, THEATRE)
    assert [i.event.id for i in reader.reviewed(status="rejected")] == [gone]
    assert [i.event.id for i in reader.reviewed(status="merged")] == [merged]
    assert _event(engine, merged).merged_into == keep
    assert _event(engine, keep).merged_from == [merged]
    # A later confirm restores a rejected event.
    store.confirm("event", gone, by="bob")
    assert gone in {e.id for e in events_store.events()}
    assert _event(engine, gone).review_status == "confirmed"
    # And a confirm undoes a merge: the other event stands on its own again.
    store.confirm("event", merged, by="bob")
    assert _event(engine, keep).merged_from == [] and _event(engine, merged).merged_into is None


def test_queue_is_least_confident_first_and_flags_events_outside_the_theatre(
    engine: Engine,
) -> None:
    reader = ReviewReader(engine, THEATRE)
    queue = reader.queue(limit=500)
    assert len(queue) == reader.pending() == EventStore(engine).count()
    confidences = [i.event.confidence for i in queue]
    assert confidences == sorted(confidences)
    flagged = {i.event.country for i in queue if i.outside_theatre}
    assert flagged and not flagged & set(THEATRE)
    ReviewStore(engine).confirm("event", queue[0].event.id, by="alice")
    assert queue[0].event.id not in {i.event.id for i in reader.queue(limit=500)}
    assert reader.pending() == len(queue) - 1


def test_rejected_relations_and_claims_leave_their_exports(engine: Engine) -> None:
    with engine.connect() as conn:
        relation, claim = (
            conn.execute(
                select(statements.c.id).where(statements.c.kind == kind).order_by(statements.c.id)
            ).scalar()
            for kind in ("relation", "claim")
        )
    store = ReviewStore(engine)
    store.reject("relation", relation, by="alice", note="a rumour")
    store.confirm("claim", claim, by="alice")
    relations, claims = io.StringIO(), io.StringIO()
    write_relations_jsonl(engine, relations)
    write_claims_jsonl(engine, claims)
    lines = relations.getvalue().splitlines()
    from_text = [r for r in map(json.loads, lines) if "statement_id" in r]
    assert relation not in {r["statement_id"] for r in from_text} and from_text
    by_id = {c["statement_id"]: c for c in map(json.loads, claims.getvalue().splitlines())}
    assert by_id[claim]["review_status"] == "confirmed"
    assert {c["review_status"] for i, c in by_id.items() if i != claim} == {None}
    history = ReviewReader(engine).history("relation", relation)
    assert [(r.action, r.note) for r in history] == [("reject", "a rumour")]


def test_split_takes_sources_out_of_the_event(engine: Engine) -> None:
    with engine.connect() as conn:
        event_id = conn.execute(
            select(events.c.id).where(events.c.mention_count > 1).order_by(events.c.id)
        ).scalar_one()
    mentions = EventStore(engine).mentions([event_id])[event_id]
    with pytest.raises(ReviewError, match="at least one source"):
        ReviewStore(engine).split(event_id, [m.id for m in mentions], by="alice")
    # Split off the sources that gave the lowest toll (ACLED's figure): the toll must rise.
    lowest = _machine(engine, event_id).fatalities
    low = [m.id for m in mentions if m.fatalities == lowest]
    kept = [m for m in mentions if m.id not in low]
    assert low and kept
    ReviewStore(engine).split(event_id, low, by="alice")
    with pytest.raises(ReviewError, match="at least one source"):  # earlier splits count
        ReviewStore(engine).split(event_id, [m.id for m in kept], by="alice")
    jsonl = io.StringIO()
    write_events_jsonl(engine, jsonl, EventFilter(reviewed=True))
    by_id = {r["event_id"]: r for r in map(json.loads, jsonl.getvalue().splitlines())}
    record = by_id[event_id]  # and the event the split made (see the next test)
    assert len(record["sources"]) == len(kept)
    assert record["review_status"] == "split"
    # The event's outlets, source count and toll come from the sources it keeps.
    assert record["source"] == "; ".join(sorted({m.outlet for m in kept}))
    toll = min(m.fatalities for m in kept if m.fatalities is not None)
    assert record["fatalities"] == toll != lowest


def _split_lowest(engine: Engine) -> tuple[int, list[Any], int]:
    """Split the sources giving the lowest toll off the first multi-source event; return its
    id, the sources split off and the id of the event the split made."""
    with engine.connect() as conn:
        event_id = conn.execute(
            select(events.c.id).where(events.c.mention_count > 1).order_by(events.c.id)
        ).scalar_one()
    mentions = EventStore(engine).mentions([event_id])[event_id]
    lowest = _machine(engine, event_id).fatalities
    low = [m for m in mentions if m.fatalities == lowest]
    ReviewStore(engine).split(event_id, [m.id for m in low], by="alice", note="another raid")
    [made] = [e for e in EventStore(engine).events() if e.split_from == event_id]
    return event_id, low, made.id


def test_a_split_makes_the_sources_an_event_of_their_own(engine: Engine) -> None:
    total = EventStore(engine).count()
    event_id, low, made = _split_lowest(engine)
    assert EventStore(engine).count() == total + 1
    new = _event(engine, made)
    assert new.review_status == "split" and new.reviewed_by == "alice"
    assert new.fatalities == low[0].fatalities and new.sub_event_type == low[0].sub_event_type
    assert new.extractor == "orbat.review.split"
    # Its sources are the ones split off, found by their evidence spans.
    sources = EventStore(engine).mentions([made])[made]
    assert sorted(m.id for m in sources) == sorted(m.id for m in low)
    # The original names the event its sources went to; the record keeps who, when, why.
    assert {s["into_id"] for s in _event(engine, event_id).split_off} == {made}
    [review] = ReviewReader(engine).history("event", event_id)
    assert (review.action, review.note, review.reviewer) == ("split", "another raid", "alice")
    assert review.new_value == new.event_key and json.loads(review.detail)
    # Exports list it with its own sources; a source cannot be split off twice.
    jsonl = io.StringIO()
    write_events_jsonl(engine, jsonl, EventFilter(reviewed=True))
    records = {r["event_id"]: r for r in map(json.loads, jsonl.getvalue().splitlines())}
    assert records[made]["split_from"] == event_id and records[made]["review_status"] == "split"
    assert {s["start"] for s in records[made]["sources"]} == {m.char_start for m in low}
    with pytest.raises(ReviewError, match="split off already"):
        ReviewStore(engine).split(event_id, [low[0].id], by="alice")
    # The machine's rows are untouched: the sources still belong to the event it made.
    with engine.connect() as conn:
        owners = conn.execute(
            select(event_mentions.c.event_id).where(event_mentions.c.id.in_([m.id for m in low]))
        ).scalars()
        assert set(owners) == {event_id}


def test_a_split_survives_a_newer_extractor(engine: Engine) -> None:
    event_id, low, made = _split_lowest(engine)
    key = _machine(engine, event_id).event_key
    _pretend_older_extractors(engine)
    extract_articles(engine)
    with engine.connect() as conn:
        new_id = conn.execute(select(events.c.id).where(events.c.event_key == key)).scalar_one()
    spans = {(m.document_id, m.char_start, m.char_end) for m in low}
    again = EventStore(engine).mentions([made, new_id])
    # The new version's mentions (new rows) on the same evidence.
    assert not {m.id for m in again[made]} & {m.id for m in low}
    assert {(m.document_id, m.char_start, m.char_end) for m in again[made]} == spans
    assert _event(engine, made).split_from == new_id
    original = _event(engine, new_id)
    assert {(s["document_id"], s["char_start"], s["char_end"]) for s in original.split_off} == spans
    assert original.fatalities != low[0].fatalities


def test_reviews_survive_a_newer_extractor(engine: Engine) -> None:
    """A new extractor version deletes the old mentions and re-derives the events (new ids);
    the reviews find them again by event key."""
    event = _dated_event(engine)
    store = ReviewStore(engine)
    store.correct(event.id, "fatalities", "4", by="alice")
    rejected = _dated_event(engine, skip=1)
    store.reject("event", rejected.id, by="alice")
    with engine.connect() as conn:
        claim_id = conn.execute(
            select(statements.c.id).where(statements.c.kind == "claim").order_by(statements.c.id)
        ).scalar()
    store.reject("claim", claim_id, by="alice")
    _pretend_older_extractors(engine)
    extract_articles(engine)
    with engine.connect() as conn:
        new_id = conn.execute(
            select(events.c.id).where(events.c.event_key == event.event_key)
        ).scalar_one()
    assert new_id != event.id  # re-derived: the old row went with its last mention
    assert _event(engine, new_id).fatalities == 4
    assert rejected.event_key not in {e.event_key for e in EventStore(engine).events()}
    reader = ReviewReader(engine)
    with engine.connect() as conn:
        claim_ids = list(conn.execute(select(statements.c.id)).scalars())
    assert "rejected" in {r.status for r in reader.statement_reviews(claim_ids).values()}


def test_a_review_follows_its_evidence_when_the_new_version_codes_another_key(
    engine: Engine,
) -> None:
    """The new version reads another date for the same sentence: another event key, so the
    review moves to the event now standing on its evidence."""
    event = _dated_event(engine)
    ReviewStore(engine).correct(event.id, "fatalities", "9", by="alice")
    with engine.connect() as conn:
        [mention] = conn.execute(
            select(event_mentions).where(event_mentions.c.event_id == event.id)
        ).all()
        others = conn.execute(
            select(event_mentions).where(
                event_mentions.c.document_id == mention.document_id,
                event_mentions.c.id != mention.id,
            )
        ).all()
    records = [_record(m) for m in others]
    moved = dataclasses.replace(
        _record(mention),
        event_date=mention.event_date + dt.timedelta(days=1),
        evidence=Evidence(mention.document_id, mention.char_start, mention.char_end + 3, "q"),
    )
    with engine.begin() as conn:
        EventStore(engine).save(conn, mention.document_id, "orbat.events.v999", [*records, moved])
    with engine.connect() as conn:
        assert conn.execute(select(events).where(events.c.id == event.id)).first() is None
        new = conn.execute(
            select(events.c.id)
            .join(event_mentions, event_mentions.c.event_id == events.c.id)
            .where(event_mentions.c.char_end == mention.char_end + 3)
        ).scalar_one()
    reviewed = _event(engine, new)
    assert reviewed.fatalities == 9 and reviewed.event_date == mention.event_date + dt.timedelta(1)


def test_a_split_source_read_with_another_span_stays_split(engine: Engine) -> None:
    event_id, low, made = _split_lowest(engine)
    moved = low[0]
    with engine.connect() as conn:
        in_document = conn.execute(
            select(event_mentions).where(event_mentions.c.document_id == moved.document_id)
        ).all()
    records = [
        _record(m)
        if m.id != moved.id
        else dataclasses.replace(
            _record(m), evidence=Evidence(m.document_id, m.char_start, m.char_end + 3, "q")
        )
        for m in in_document
    ]
    with engine.begin() as conn:
        EventStore(engine).save(conn, moved.document_id, "orbat.events.v999", records)
    sources = EventStore(engine).mentions([made])[made]
    assert (moved.document_id, moved.char_end + 3) in {(m.document_id, m.char_end) for m in sources}
    ends = {s["char_end"] for s in _event(engine, event_id).split_off}
    assert moved.char_end + 3 in ends


def _pretend_older_extractors(engine: Engine) -> None:
    """Make every stored row look written by version 0 of its extractor."""
    from orbat.extract.analysis import extractor_names
    from orbat.packs import load_pack

    EVENTS, STATEMENTS = extractor_names(load_pack())

    with engine.begin() as conn:
        for name, old in ((EVENTS, "orbat.events.v0"), (STATEMENTS, "orbat.statements.v0")):
            for table in (extraction_runs, event_mentions, statements):
                conn.execute(update(table).where(table.c.extractor == name).values(extractor=old))


def _record(m: Any) -> EventRecord:
    names = {f.name for f in dataclasses.fields(EventRecord)} - {"evidence", "extractor", "extra"}
    values = {n: getattr(m, n) for n in names if n in m._mapping}
    evidence = Evidence(m.document_id, m.char_start, m.char_end, m.quote)
    return EventRecord(**values, evidence=evidence, extractor="orbat.events.v999")


def test_migration_0008_creates_the_reviews_table(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "new.db"))
    with engine.connect() as conn:
        assert conn.execute(select(reviews)).all() == []


def test_relations_and_claims_can_be_corrected(engine: Engine) -> None:
    from orbat.export.graph import actor_graph
    from orbat.store.statements import StatementStore

    with engine.connect() as conn:
        relation, claim = (
            conn.execute(
                select(statements).where(statements.c.kind == kind).order_by(statements.c.id)
            ).first()
            for kind in ("relation", "claim")
        )
    assert relation is not None and claim is not None
    store = ReviewStore(engine)
    new_type = "hostile-to" if relation.predicate != "hostile-to" else "allied-with"
    correct_statement(store, "relation", relation.id, "type", new_type, by="alice", note="misread")
    correct_statement(store, "relation", relation.id, "stance", "alleged", by="alice")
    correct_statement(store, "relation", relation.id, "object", "Kata'ib Hizballah", by="alice")
    correct_statement(store, "claim", claim.id, "stance", "denied", by="bob")
    correct_statement(store, "claim", claim.id, "claimant", "Made-up Brigade", by="bob")
    correct_statement(store, "claim", claim.id, "value", "Kataib Hezbollah", by="bob")
    for kind, target, field, value, message in [
        ("relation", relation.id, "type", "friends", "no relation type"),
        ("claim", claim.id, "stance", "maybe", "no stance"),
        ("claim", claim.id, "subject", "x", "cannot correct"),
        ("relation", relation.id, "object", " ", "needs a name"),
    ]:
        with pytest.raises(ReviewError, match=message):
            correct_statement(store, kind, target, field, value, by="alice")

    relations, claims = io.StringIO(), io.StringIO()
    write_relations_jsonl(engine, relations)
    write_claims_jsonl(engine, claims)
    [rel] = [
        r
        for r in map(json.loads, relations.getvalue().splitlines())
        if r["statement_id"] == relation.id
    ]
    assert (rel["type"], rel["stance"], rel["object_id"]) == (
        new_type,
        "alleged",
        "kataib-hezbollah",
    )
    assert rel["review_status"] == "corrected" and rel["corrected"] == ["type", "stance", "object"]
    assert rel["machine_values"]["type"] == relation.predicate
    [cl] = [
        c for c in map(json.loads, claims.getvalue().splitlines()) if c["statement_id"] == claim.id
    ]
    assert cl["stance"] == "denied" and cl["object_id"] == "kataib-hezbollah"
    assert cl["subject_id"] is None and cl["subject_text"] == "Made-up Brigade"
    assert cl["reviewed_by"] == "bob"
    # The graph export draws the corrected edge, marked as reviewed.
    graph = actor_graph(engine, load_pack())
    edges = [
        d for _, _, k, d in graph.edges(keys=True, data=True) if k == f"statement-{relation.id}"
    ]
    if relation.subject_id in graph:
        [edge] = edges
        assert edge["relation"] == new_type and edge["review_status"] == "corrected"
    # The history keeps old and new values; the stored rows are the machine's still.
    history = ReviewReader(engine).history("relation", relation.id)
    assert (history[0].field, history[0].old_value, history[0].new_value) == (
        "type",
        relation.predicate,
        new_type,
    )
    with engine.connect() as conn:
        assert conn.execute(select(statements).where(statements.c.id == relation.id)).one() == (
            relation
        )
    # A later confirm keeps the corrections; a reject takes the claim out of its export.
    store.reject("claim", claim.id, by="bob")
    assert claim.id not in {c.id for c in StatementStore(engine).claims()}
    [shown] = [c for c in StatementStore(engine).claims(include_rejected=True) if c.id == claim.id]
    assert shown.review_status == "rejected" and shown.stance == "denied"


def test_the_actor_listing_counts_the_reviewed_actors(engine: Engine) -> None:
    from orbat.read.actors import event_actor_counts

    event = _dated_event(engine, skip=2)
    before = event_actor_counts(engine)
    ReviewStore(engine).correct(event.id, "actor1", "Saraya Awliya al-Dam", by="alice")
    after = event_actor_counts(engine)
    assert after["Saraya Awliya al Dam"] == before["Saraya Awliya al Dam"] + 1
    assert after[event.actor1] == before[event.actor1] - 1
    ReviewStore(engine).reject("event", event.id, by="alice")
    assert event_actor_counts(engine)["Saraya Awliya al Dam"] == before["Saraya Awliya al Dam"]
