"""Actor profiles: a name in any spelling finds the actor (pack or candidate), and its profile
holds its aliases, relations over time with their sources, its events and its claims."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from actor_corpus import CANDIDATE, ActorDb
from orbat.export.profile import UnknownActor, actor_profile, find_actor
from orbat.packs import load_pack


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Kataeb Hizballah", "kataib-hezbollah"),  # transliteration variant
        ("كتائب حزب الله", "kataib-hezbollah"),  # Arabic script
        ("kataib-hezbollah", "kataib-hezbollah"),  # id
        ("Hashed al-Shaabi", "popular-mobilization-forces"),
        ("Al-Aqsa Martyrs' Brigades", "candidate:al-aqsa-martyrs-brigades"),  # straight quote
        ("candidate:al-aqsa-martyrs-brigades", "candidate:al-aqsa-martyrs-brigades"),
    ],
)
def test_find_actor_in_the_pack_and_among_candidates(
    actor_db: ActorDb, name: str, actor_id: str
) -> None:
    lookup = find_actor(actor_db.engine, load_pack(), name)
    assert lookup.actor_id == actor_id
    assert lookup.candidate == actor_id.startswith("candidate:")


def test_an_unknown_name_is_a_clear_error(actor_db: ActorDb) -> None:
    with pytest.raises(UnknownActor, match="orbat actors"):
        find_actor(actor_db.engine, load_pack(), "Zzyzx Qwerty Vbnm")
    with pytest.raises(UnknownActor):
        actor_profile(actor_db.engine, load_pack(), "candidate:nobody")


def test_pmf_profile_relations_events_and_claims(actor_db: ActorDb) -> None:
    pack = load_pack()
    profile = actor_profile(actor_db.engine, pack, "popular-mobilization-forces")
    assert profile["name"] == "Popular Mobilization Forces" and not profile["candidate"]
    scripts = {a["script"] for a in profile["aliases"]}
    assert "PMF" in {a["name"] for a in profile["aliases"]} and scripts == {"Latn", "Arab"}
    relations = profile["relations"]
    assert len(relations) == len(pack.relations_of("popular-mobilization-forces")) + 1
    when = [r["start"] or r["date"] or "" for r in relations]
    assert when == sorted(when)  # over time, undated first
    text = next(r for r in relations if r["origin"] == "text")
    assert text["direction"] == "in" and text["subject_id"] == "harakat-hezbollah-al-nujaba"
    assert "part of the Hashed al-Shaabi coalition" in text["evidence"]["quote"]
    out = next(r for r in relations if r["type"] == "part-of" and r["direction"] == "out")
    assert out["object_id"] == "iraq-security-forces" and out["source"]["url"]
    (event,) = profile["events"]
    assert event["event_id"] == actor_db.strike_event and event["roles"] == ["actor2"]
    assert event["contested"] is True and event["fatalities"] == 22
    assert [c["predicate"] for c in profile["claims_by"]] == ["accused"]
    assert profile["claims_about"] == []
    assert profile["mention_count"] == 2 and profile["mention_documents"] == 2


def test_claims_by_and_about_the_united_states(actor_db: ActorDb) -> None:
    profile = actor_profile(actor_db.engine, load_pack(), "us-military")
    assert [c["predicate"] for c in profile["claims_by"]] == ["denied"]
    (about,) = profile["claims_about"]
    assert about["subject_id"] == "popular-mobilization-forces" and about["object_text"] == "the US"
    assert about["event_id"] == actor_db.strike_event
    assert [e["roles"] for e in profile["events"]] == [["actor1"]]


def test_assoc_actor_fields_count(actor_db: ActorDb) -> None:
    """ "Kataib Hezbollah; Kataib Sayyid al Shuhada" names both groups, each exactly."""
    pack = load_pack()
    for actor_id in ("kataib-hezbollah", "kataib-sayyid-al-shuhada"):
        (event,) = actor_profile(actor_db.engine, pack, actor_id)["events"]
        assert event["event_id"] == actor_db.brigades_event and event["roles"] == ["assoc_actor_2"]


def test_a_leader_named_in_text_is_a_relation_of_the_group(actor_db: ActorDb) -> None:
    profile = actor_profile(actor_db.engine, load_pack(), "asaib-ahl-al-haq")
    (led,) = [r for r in profile["relations"] if r["origin"] == "text"]
    assert led["type"] == "led-by" and led["object_text"] == "Qais Khazali"
    assert led["direction"] == "out" and led["date"] is None


def test_candidate_profile(actor_db: ActorDb) -> None:
    profile = actor_profile(actor_db.engine, load_pack(), actor_db.candidate)
    assert profile["candidate"] is True and profile["name"] == CANDIDATE
    assert profile["evidence"]["quote"] == CANDIDATE
    assert (
        profile["evidence"]["title"]
        == "Pro-Iraqi militia outlet offers free weapons to Palestinians"
    )
    assert profile["mention_count"] == 1 and profile["relations"] == []


def test_profile_on_an_empty_database(empty_db: Engine) -> None:
    pack = load_pack()
    profile = actor_profile(empty_db, pack, "kataib-hezbollah")
    assert len(profile["relations"]) == len(pack.relations_of("kataib-hezbollah"))
    assert profile["events"] == [] and profile["claims_by"] == [] and profile["mentions"] == []
