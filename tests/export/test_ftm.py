"""FollowTheMoney export: followthemoney's own `ftm validate` accepts every entity unchanged,
the right schemata are used, and each entity carries its provenance."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from actor_corpus import ActorDb
from orbat.export import EXPORTERS
from orbat.packs import load_pack
from orbat.store.schema import actor_candidates, event_mentions, statements


def ftm_command() -> str:
    """The `ftm` CLI installed with followthemoney (beside this Python, else on PATH)."""
    beside = Path(sys.executable).parent / "ftm"
    found = str(beside) if beside.exists() else shutil.which("ftm")
    if found is None:
        if os.environ.get("ORBAT_CI") == "1":
            pytest.fail("the ftm command (followthemoney) is not installed")
        pytest.skip("the ftm command (followthemoney) is not installed")
    return found


def export(engine: Engine, tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    out = io.StringIO()
    count = EXPORTERS["ftm"](engine, out)
    path = tmp_path / "entities.ftm.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    entities = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(entities)
    return path, entities


def validate(path: Path) -> list[dict[str, Any]]:
    """Run `ftm validate`; it re-parses every entity through the FtM model and writes what
    survives (it drops values it cannot clean rather than failing, so callers compare)."""
    result = subprocess.run(
        [ftm_command(), "validate", "-i", str(path), "-o", "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def properties(entity: dict[str, Any]) -> dict[str, list[str]]:
    return {k: sorted(v) for k, v in entity["properties"].items()}


def test_ftm_validate_accepts_every_entity_unchanged(actor_db: ActorDb, tmp_path: Path) -> None:
    path, entities = export(actor_db.engine, tmp_path)
    checked = validate(path)
    assert [e["id"] for e in checked] == [e["id"] for e in entities]
    assert [e["schema"] for e in checked] == [e["schema"] for e in entities]
    for mine, theirs in zip(entities, checked, strict=True):
        assert properties(mine) == properties(theirs), mine["id"]


def test_ftm_schemata_and_counts(actor_db: ActorDb, tmp_path: Path) -> None:
    _, entities = export(actor_db.engine, tmp_path)
    pack = load_pack()
    by_type = Counter(r.type for r in pack.relations)
    with actor_db.engine.connect() as conn:
        cited = {
            int(i)
            for table in (statements, actor_candidates, event_mentions)
            for (i,) in conn.execute(select(table.c.document_id))
        }
    counts = Counter(e["schema"] for e in entities)
    assert counts == {
        "Organization": len(pack) + 1,  # the pack's actors and the candidate
        "Membership": by_type["part-of"] + 1,  # + "Nujaba ..., part of the Hashed al-Shaabi"
        "Directorship": by_type["led-by"] + 1,  # + Qais Khazali leading Asaib Ahl al-Haq
        "Person": 1,
        # Other pack relations, the text's front-for, and the PMF accusing the US.
        "UnknownLink": len(pack.relations) - by_type["part-of"] - by_type["led-by"] + 2,
        "Event": 2,
        "Article": len(cited),
    }


def test_ftm_entities_carry_provenance(actor_db: ActorDb, tmp_path: Path) -> None:
    _, entities = export(actor_db.engine, tmp_path)
    by_id = {e["id"]: e for e in entities}
    kh = by_id["orbat-actor-kataib-hezbollah"]["properties"]
    assert kh["country"] == ["iq"] and kh["topics"] == ["mil"]
    assert "KH" in kh["weakAlias"] and "كتائب حزب الله" in kh["alias"]
    assert all(url.startswith("https://") for url in kh["sourceUrl"])

    membership = next(
        e for e in entities if e["schema"] == "Membership" and "proof" in e["properties"]
    )["properties"]
    assert membership["member"] == ["orbat-actor-harakat-hezbollah-al-nujaba"]
    assert membership["organization"] == ["orbat-actor-popular-mobilization-forces"]
    article = by_id[membership["proof"][0]]["properties"]
    quote = membership["description"][0].strip("“”")
    assert quote in article["bodyText"][0] and article["sourceUrl"] == membership["sourceUrl"]

    front = next(
        e
        for e in entities
        if e["properties"].get("role") == ["front-for"] and "proof" in e["properties"]
    )
    assert front["schema"] == "UnknownLink" and front["properties"]["status"] == ["attributed"]
    assert front["properties"]["subject"] == ["orbat-actor-qasem-al-jabbarin"]
    assert front["properties"]["date"] == ["2021-08-26"]
    person = next(e for e in entities if e["schema"] == "Person")["properties"]
    assert person["name"] == ["Qais Khazali"]
    led = next(e for e in entities if e["schema"] == "Directorship" and "proof" in e["properties"])[
        "properties"
    ]
    assert led["organization"] == ["orbat-actor-asaib-ahl-al-haq"]

    strike = by_id[f"orbat-event-{actor_db.strike_event}"]["properties"]
    assert strike["date"] == ["2018-06-17"] and strike["country"] == ["sy"]
    # Not CENTCOM nor the Tribal Mobilization, which share their parents' ACLED names.
    assert set(strike["involved"]) == {
        "orbat-actor-us-military",
        "orbat-actor-popular-mobilization-forces",
    }
    assert "denied" in strike["description"][0] and "contested" in strike["keywords"]
    assert by_id[strike["proof"][0]]["schema"] == "Article"


def test_ftm_of_an_empty_database_validates(empty_db: Engine, tmp_path: Path) -> None:
    path, entities = export(empty_db, tmp_path)
    assert len(validate(path)) == len(entities)
    assert {e["schema"] for e in entities} == {
        "Organization",
        "Membership",
        "Directorship",
        "UnknownLink",
    }
