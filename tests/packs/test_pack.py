"""The Iraq/Syria actor pack: schema-valid, large enough, consistent, every fact sourced."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

import orbat.packs
from orbat.packs import (
    RELATION_TYPES,
    PackError,
    actor_pack_schema,
    load_pack,
    pack_from_document,
    validate_document,
)

PACK_FILE = Path(orbat.packs.__file__).parent / "iraq_syria" / "actors.yaml"


@pytest.fixture(scope="module")
def document() -> dict:
    return yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))


def test_public_api_is_pinned() -> None:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions.
    order = sorted(orbat.packs.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    assert orbat.packs.__all__ == order
    assert {"Pack", "Actor", "Relation", "load_pack"} <= set(orbat.packs.__all__)


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(actor_pack_schema())


def test_pack_validates_against_its_schema(document: dict) -> None:
    pytest.importorskip("jsonschema")
    assert validate_document(document) == []


def test_schema_rejects_a_relation_without_source(document: dict) -> None:
    pytest.importorskip("jsonschema")
    broken = yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))
    actor = next(a for a in broken["actors"] if a.get("relations"))
    del actor["relations"][0]["source"]
    assert any("source" in line for line in validate_document(broken))


def test_pack_size() -> None:
    pack = load_pack()
    assert len(pack.actors) >= 60
    assert sum(len(a.aliases) for a in pack.actors) >= 400
    assert len(pack.relations) >= 100


def test_load_pack_is_cached() -> None:
    assert load_pack() is load_pack("iraq_syria")


def test_unknown_pack_is_a_pack_error() -> None:
    with pytest.raises(PackError, match="no actor pack"):
        load_pack("atlantis")


def test_ids_unique_and_relation_targets_exist() -> None:
    pack = load_pack()
    ids = [a.id for a in pack.actors]
    assert len(ids) == len(set(ids))
    for rel in pack.relations:
        assert rel.target in ids, rel
        assert rel.subject in ids, rel
        assert rel.type in RELATION_TYPES


def test_every_relation_and_actor_cites_a_public_source() -> None:
    pack = load_pack()
    for rel in pack.relations:
        assert rel.source.startswith(("http://", "https://")), rel
        assert rel.source_title, rel
        assert rel.stance in ("asserted", "alleged")
    for actor in pack.actors:
        assert actor.sources, actor.id
        assert all(url.startswith("http") for url in actor.sources)


def test_inter_codes_agree_with_kinds() -> None:
    fixed = {"civilians": 7, "protesters": 6, "rioters": 5, "rebel_group": 2}
    for actor in load_pack().actors:
        assert 1 <= actor.inter <= 8
        if actor.kind in fixed:
            assert actor.inter == fixed[actor.kind], actor.id
        if actor.kind == "external_forces":
            assert actor.inter == 8, actor.id


def test_required_actors_and_acled_names() -> None:
    pack = load_pack()
    names = {a.acled_name for a in pack.actors}
    for required in (
        "Military Forces of Iraq (2018-) Popular Mobilization Forces",
        "Militia (Pro-Iran)",
        "Islamic State (Iraq)",
        "Islamic State (Syria)",
        "Military Forces of Syria (2000-2024)",
        "Military Forces of Syria (2024-)",
        "Civilians (Iraq)",
        "Civilians (Syria)",
        "Protesters (Iraq)",
        "Protesters (Syria)",
        "Rioters (Iraq)",
        "Rioters (Syria)",
        "Unidentified Armed Group (Iraq)",
        "Unidentified Armed Group (Syria)",
        "Unidentified Military Forces",
        "Military Forces of the United States",
        "Hezbollah",
    ):
        assert required in names, required


def test_pmf_has_at_least_twenty_factions() -> None:
    pack = load_pack()
    members = {
        r.subject
        for r in pack.relations
        if r.type == "part-of" and r.target == "popular-mobilization-forces"
    }
    assert len(members) >= 15
    fronts = {r.subject for r in pack.relations if r.type == "front-for"}
    assert len(members | fronts) >= 20


def test_kataib_hezbollah_has_arabic_name_and_brigade_numbers() -> None:
    kh = load_pack().actor("kataib-hezbollah")
    arabic = [a for a in kh.aliases if a.script == "Arab"]
    assert any(a.name == "كتائب حزب الله" for a in arabic)
    numbers = {a.name for a in kh.aliases if a.weak}
    assert {"45th Brigade", "46th Brigade", "47th Brigade", "KH"} <= numbers


def test_main_militias_have_arabic_script_names() -> None:
    pack = load_pack()
    for actor_id in (
        "kataib-hezbollah",
        "asaib-ahl-al-haq",
        "harakat-hezbollah-al-nujaba",
        "kataib-sayyid-al-shuhada",
        "badr-organization",
        "popular-mobilization-forces",
        "saraya-al-salam",
        "saraya-awliya-al-dam",
        "kataib-imam-ali",
    ):
        assert any(a.script == "Arab" for a in pack.actor(actor_id).aliases), actor_id


def test_conflicting_attributions_are_both_kept() -> None:
    """The research note's conflicts: who runs Saraya Awliya al-Dam, where Nujaba came from."""
    pack = load_pack()
    sad = {
        (r.target, r.source)
        for r in pack.relations_of("saraya-awliya-al-dam")
        if r.type == "front-for"
    }
    assert {t for t, _ in sad} == {"kataib-hezbollah", "kataib-sayyid-al-shuhada"}
    assert len({s for _, s in sad}) == 2
    nujaba = [
        r
        for r in pack.relations_of("harakat-hezbollah-al-nujaba")
        if r.subject == "harakat-hezbollah-al-nujaba" and r.type == "splinter-of"
    ]
    assert {r.target for r in nujaba} == {"kataib-hezbollah", "asaib-ahl-al-haq"}
    assert len({r.source for r in nujaba}) >= 2


def test_syrian_regimes_are_split_in_december_2024() -> None:
    pack = load_pack()
    old, new = pack.actor("syria-military-2000-2024"), pack.actor("syria-military-2024")
    assert old.active_on("2024-11-30") and not old.active_on("2025-01-10")
    assert new.active_on("2025-03-10") and not new.active_on("2024-06-01")


def test_descriptors_code_generic_militias_to_militia_pro_iran() -> None:
    pack = load_pack()
    rule = next(d for d in pack.descriptors if "Iran-backed militias" in d.phrases)
    assert rule.actors == ("militia-pro-iran",)


def test_no_alias_is_listed_twice_for_one_actor() -> None:
    for actor in load_pack().actors:
        counts = Counter(a.name for a in actor.aliases)
        assert max(counts.values()) == 1, (actor.id, counts.most_common(1))


def test_broken_documents_raise_pack_errors(document: dict) -> None:
    bad_target = yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))
    actor = next(a for a in bad_target["actors"] if a.get("relations"))
    actor["relations"][0]["target"] = "no-such-actor"
    with pytest.raises(PackError, match="unknown actor"):
        pack_from_document("broken", bad_target)
    bad_source = yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))
    actor = next(a for a in bad_source["actors"] if a.get("relations"))
    actor["relations"][0]["source"] = "S9999"
    with pytest.raises(PackError, match="source"):
        pack_from_document("broken", bad_source)
    twice = yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))
    twice["actors"].append(dict(twice["actors"][0]))
    with pytest.raises(PackError, match="defined twice"):
        pack_from_document("broken", twice)
