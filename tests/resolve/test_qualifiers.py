"""Issue 13: a province in brackets after a place qualifies it ("Thiban (Deir ez-Zor)").

Sentences written for the test in the style of ACLED notes and monitoring digests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from orbat.extract.events import ArticleView, EventExtractor
from orbat.resolve.places import resolve_places

pytestmark = pytest.mark.issue(13)


def places(text: str, gazetteer: object = None) -> list[tuple[str, str, str | None, int]]:
    return [
        (r.text, r.place.kind, r.place.admin1, r.geo_precision)
        for r in resolve_places(text, gazetteer=gazetteer)  # type: ignore[arg-type]
    ]


def test_the_bracketed_province_picks_the_place_of_that_name_inside_it() -> None:
    # The embedded gazetteer has a village Makhul in Diyala; in Salah al-Din the name is the
    # pack's Makhoul mountains.
    text = "An ISIS cell attacked a PMF position near Makhul (Salah al-Din)."
    assert places(text) == [("Makhul", "site", "Salah ad Din", 2)]


def test_a_bracketed_province_without_the_place_is_all_that_is_sure() -> None:
    # The embedded gazetteer has an Abu Saida in Diyala only.
    text = "An ISIS cell attacked a PMF position near Abu Saida village (Salah al-Din)."
    assert places(text) == [("Salah al-Din", "admin1", "Salah ad Din", 3)]


def test_a_bracketed_province_is_no_second_place() -> None:
    text = "Regime forces shelled Kafr Nabl (Idleb). No fatalities reported."
    assert places(text) == [("Kafr Nabl", "city", "Idlib", 1)]


def test_a_bracket_after_unknown_words_is_the_province_not_its_city() -> None:
    text = "SNA fighters shelled farmland in the western countryside (Al-Hasakeh)."
    assert places(text) == [("Al-Hasakeh", "admin1", "Al-Hasakah", 3)]


def test_the_villages_of_a_town_and_its_province() -> None:
    text = "SNA fighters shelled the villages of Tal Tamr countryside (Al-Hasakeh)."
    assert [p[:3] for p in places(text)] == [("Tal Tamr", "city", "Al-Hasakah")]


def test_a_bracketed_city_that_is_no_province_stays_a_place() -> None:
    assert [p[0] for p in places("Rockets hit Camp Speicher (Tikrit) on Monday.")] == [
        "Camp Speicher",
        "Tikrit",
    ]


def test_with_villages_the_namesake_in_the_province_wins(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Unidentified gunmen shot dead a member of the SDF in Thiban (Deir ez-Zor)."
    (found,) = resolve_places(text, gazetteer=village_gazetteer.gazetteer)
    assert (found.text, found.place.admin1) == ("Thiban", "Deir ez-Zor")


def test_one_event_per_bracketed_report() -> None:
    text = (
        "On 14 May 2020, unidentified gunmen shot dead a member of the SDF in Thiban (Deir ez-Zor)."
    )
    events = EventExtractor().extract(ArticleView(1, text, dt.date(2020, 5, 15)))
    assert [(e.admin1, e.geo_precision) for e in events] == [("Deir ez-Zor", 3)]
