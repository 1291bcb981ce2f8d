"""Issue 15: the pack is explicit. Two extractors over two packs in one process each code with
their own pack's actors and names their records with their own pack's fingerprint; nothing
holds on to whichever pack was loaded first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from orbat.extract.events import ArticleView, EventExtractor
from orbat.extract.statements import StatementExtractor
from orbat.packs import DEFAULT_PACK, Pack, load_pack

pytestmark = pytest.mark.issue(15)

YEMEN = Path(__file__).resolve().parents[2] / "examples" / "packs" / "yemen"
# The Southern Transitional Council is in the Yemen pack only (the default pack knows the
# Houthis too, as the Iran-backed group its theatre's reporting names).
REPORT = (
    "Southern Transitional Council forces fired artillery at Marib city on March 3, 2024, "
    "killing two civilians, local officials said."
)
STC = "Southern Transitional Council"


@pytest.fixture(scope="module")
def packs() -> tuple[Pack, Pack]:
    return load_pack(DEFAULT_PACK), load_pack(str(YEMEN))


def _actors(extractor: EventExtractor) -> set[str | None]:
    found = extractor.extract(ArticleView(1, REPORT, dt.date(2024, 3, 4)))
    return {e.actor1 for e in found} | {e.actor2 for e in found}


def test_each_extractor_codes_with_its_own_pack(packs: tuple[Pack, Pack]) -> None:
    default, yemen = packs
    ours = EventExtractor(pack=default)
    theirs = EventExtractor(pack=yemen, nlp=ours.nlp)
    assert ours.version != theirs.version
    assert ours.version.startswith(f"orbat.events.v4+{default.fingerprint}+rules.")
    assert theirs.version.startswith(f"orbat.events.v4+{yemen.fingerprint}+rules.")
    assert yemen.fingerprint.startswith("yemen.")
    found = theirs.extract(ArticleView(1, REPORT, dt.date(2024, 3, 4)))
    assert found and {e.extractor for e in found} == {theirs.version}
    assert STC in _actors(theirs)
    # Built first, run after the Yemen one: still the default pack's (no STC in it).
    assert STC not in _actors(ours)
    assert STC in _actors(theirs)


def test_each_statement_extractor_resolves_with_its_own_pack(packs: tuple[Pack, Pack]) -> None:
    default, yemen = packs
    ours = StatementExtractor(pack=default)
    theirs = StatementExtractor(pack=yemen, nlp=ours.nlp)
    assert ours.version != theirs.version
    assert ours.resolver.pack is default and theirs.resolver.pack is yemen
    assert "stc" in {m.actor_id for m in theirs.pack_mentions(REPORT, "2024-03-04")}
    assert "stc" not in {m.actor_id for m in ours.pack_mentions(REPORT, "2024-03-04")}
