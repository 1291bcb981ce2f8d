"""Issue 15: the theatre pack is chosen by a setting or `--pack`, found by name, path or
entry point, and its fingerprint is part of every extraction record."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orbat.packs import DEFAULT_PACK, pack_dir, pack_fingerprint

pytestmark = pytest.mark.issue(15)

ORBAT = [sys.executable, "-c", "from orbat.cli.app import main; main()"]


@pytest.fixture
def edited_pack(tmp_path: Path) -> Path:
    """The shipped pack copied to a folder of its own, with one alias added."""
    folder = tmp_path / "my_theatre"
    shutil.copytree(pack_dir(DEFAULT_PACK), folder)
    actors = folder / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    marker = "      - {name: Kataib Hezbollah, lang: en"
    assert marker in text
    actors.write_text(
        text.replace(marker, "      - {name: Brigades of the Test Alias, lang: en}\n" + marker, 1),
        encoding="utf-8",
    )
    return folder


def test_a_pack_folder_anywhere_is_a_pack(edited_pack: Path) -> None:
    assert pack_dir(str(edited_pack)) == edited_pack
    ours, shipped = pack_fingerprint(str(edited_pack)), pack_fingerprint(DEFAULT_PACK)
    assert ours.startswith("my_theatre.") and shipped.startswith("iraq_syria.")
    assert ours.split(".")[1] != shipped.split(".")[1]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ORBAT, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


def test_pack_option_and_setting_choose_the_pack(edited_pack: Path) -> None:
    by_option = _run("--pack", str(edited_pack), "resolve", "Brigades of the Test Alias")
    assert by_option.returncode == 0, by_option.stderr
    assert json.loads(by_option.stdout)["id"] == "kataib-hezbollah"
    by_setting = _run("resolve", "Brigades of the Test Alias", env={"ORBAT_PACK": str(edited_pack)})
    assert json.loads(by_setting.stdout)["id"] == "kataib-hezbollah"
    shipped = _run("resolve", "Brigades of the Test Alias")
    assert json.loads(shipped.stdout)["method"] != "exact"


def test_an_unknown_pack_is_one_clear_error(tmp_path: Path) -> None:
    result = _run("--pack", str(tmp_path / "nowhere"), "stats", env={"COLUMNS": "300"})
    assert result.returncode != 0
    assert "has no actors.yaml" in result.stderr


def test_extraction_records_name_the_pack(edited_pack: Path) -> None:
    code = (
        "from orbat.extract.events import events_version; from orbat.packs import load_pack; "
        "print(events_version(load_pack()))"
    )
    env = {**os.environ, "ORBAT_PACK": str(edited_pack)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    from orbat.extract.lexicon.rules import rules_fingerprint

    expected = f"orbat.events.v4+{pack_fingerprint(str(edited_pack))}+{rules_fingerprint()}"
    assert out.stdout.strip() == expected


def test_every_version_of_an_extractor_is_one_family_whatever_the_pack_is_called() -> None:
    from orbat.store.documents import extractor_family

    for name in (
        "orbat.events.v3",
        "orbat.events.v4+iraq_syria.18d1dc2082",
        "orbat.events.v4+packs.venezuela.0a1b2c3d4e+rules.3bf90e1e78",
    ):
        assert extractor_family(name) == "orbat.events.v%", name
