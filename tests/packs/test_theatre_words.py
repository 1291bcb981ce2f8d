"""Issue 15: a theatre's countries and words are pack data (shared base + the pack's own), and
the extractors read them from the pack, not from Python constants."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orbat.errors import ConfigError
from orbat.extract.arguments import StateNames
from orbat.packs import DEFAULT_PACK, load_pack, pack_dir, pack_fingerprint
from orbat.packs.theatre import read_theatre_words

pytestmark = pytest.mark.issue(15)


def test_the_shipped_pack_adds_its_own_words_to_the_base() -> None:
    base = read_theatre_words()
    words = load_pack(DEFAULT_PACK).words
    # The base knows world demonyms; "Kurdish" places are Iraq's only in this theatre.
    assert base.demonyms["syrian"] == "SY" and "kurdish" not in base.demonyms
    assert words.demonyms["kurdish"] == "IQ" and words.demonyms["iraqi"] == "IQ"
    assert {"kurdish", "northern", "on"} <= words.free_neighbours
    # "Hit" is a town of this theatre that is also an English word; "March" is one everywhere.
    assert {"hit", "march"} <= words.context_only and "hit" not in base.context_only
    assert words.acled_name("police", "Iraq") == "Police Forces of Iraq"


def test_a_pack_folder_adds_countries_and_state_words(tmp_path: Path) -> None:
    folder = tmp_path / "theatre"
    shutil.copytree(pack_dir(DEFAULT_PACK), folder)
    (folder / "countries.yaml").write_text(
        "countries:\n"
        "  - {name: Iraq, state_words: [Mesopotamian government]}\n"
        "  - {name: Oman, code: OM, demonyms: [Omani], state_words: [Oman, Muscat]}\n",
        encoding="utf-8",
    )
    pack = load_pack(str(folder))
    assert pack.words.demonyms["omani"] == "OM"
    # The base's words stay and come first; the pack's follow.
    assert pack.words.state_words["Iraq"][0] == "Iraq"
    states = StateNames(pack)
    assert states.country("the Mesopotamian government") == "Iraq"
    assert states.actor("Mesopotamian government") == states.actor("Baghdad") is not None
    assert states.country("Muscat") == "Oman" and states.actor("Muscat") is None
    # Changed words are a changed pack: extraction records a new fingerprint.
    assert pack_fingerprint(str(folder)) != pack_fingerprint(DEFAULT_PACK)


def test_a_yaml_boolean_among_words_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "words.yaml").write_text("free_neighbours: [off, the]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="quote"):
        read_theatre_words(tmp_path)
