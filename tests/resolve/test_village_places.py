"""Villages from the imported gazetteer (OCHA + Who's On First) resolve, with their governorate."""

from __future__ import annotations

import datetime as dt

import pytest

from orbat.extract.locate import place_fields
from orbat.resolve.places import resolve_places


def _one(text: str, gazetteer: object, surface: str):  # type: ignore[no-untyped-def]
    found = [r for r in resolve_places(text, gazetteer=gazetteer) if r.text == surface]
    assert found, f"{surface!r} not resolved in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "admin1", "admin2"),
    [
        # OCHA's spellings, the ones Syrian reporting uses (Who's On First: Kansafrah, Safuhun).
        ("Russian warplanes struck Kansafra on Tuesday, killing two civilians.",
         "Kansafra", "Idlib", "Ariha"),
        ("Shelling hit the village of Sfuhen in southern Idlib, the Syrian Observatory said.",
         "Sfuhen", "Idlib", "Al Ma'ra"),
        # Who's On First's spelling finds the same, merged place.
        ("Airstrikes hit Kansafrah in the Jabal al-Zawiya area.", "Kansafrah", "Idlib", "Ariha"),
    ],
)  # fmt: skip
def test_village_resolves_with_its_governorate(
    village_gazetteer, text: str, surface: str, admin1: str, admin2: str
) -> None:
    place = _one(text, village_gazetteer.gazetteer, surface)
    assert place.place.country_code == "SY"
    assert place.place.admin1 == admin1
    assert place.place.admin2 == admin2
    assert place.place.feature == "village"
    assert place.geo_precision == 1


def test_merged_place_keeps_every_id_and_name(village_gazetteer) -> None:
    gaz = village_gazetteer.gazetteer
    ocha = gaz.get("ocha:C4309")
    assert ocha is not None and ocha.name == "Kansafra"
    assert gaz.get("wof:1226826293") == ocha  # Who's On First's Kansafrah: the same place
    assert "كنصفرة" in ocha.names and "Kansafrah" in ocha.names
    assert [p.id for p in gaz.lookup("Kansafrah")] == ["ocha:C4309"]


@pytest.mark.issue("a Syrian village resolved to Jordan, Israel, Yemen, Montenegro, Germany")
def test_syrian_village_beats_a_namesake_abroad(village_gazetteer) -> None:
    # Sabha is a village of Deir ez-Zor and a town of 5,000 in Jordan (GeoNames cities500).
    text = "Clashes erupted in Sabha, in eastern Syria, on Monday, the monitor said."
    place = _one(text, village_gazetteer.gazetteer, "Sabha")
    assert place.place.country_code == "SY"
    assert place.place.admin1 == "Deir ez-Zor"


def test_district_only_when_the_text_says_district(village_gazetteer) -> None:
    gaz = village_gazetteer.gazetteer
    town = _one("Clashes broke out in Ariha, south of Idlib city.", gaz, "Ariha")
    assert town.place.kind == "city" and town.geo_precision == 1
    district = _one("Clashes were reported in the Ariha district.", gaz, "Ariha")
    assert district.place.kind == "admin2" and district.geo_precision == 2
    assert place_fields(district)["admin2"] == "Ariha"


def test_governorate_names_are_the_packs(village_gazetteer) -> None:
    gaz = village_gazetteer.gazetteer
    admin1 = {p.admin1 for p in gaz if p.country_code in ("IQ", "SY") and p.kind != "country"}
    # OCHA's "Idleb" and Who's On First's "Sala ad-Din" are the pack's names here.
    assert "Idleb" not in admin1 and "Sala ad-Din" not in admin1
    assert {"Idlib", "Salah ad Din", "Deir ez-Zor"} <= admin1
    assert gaz.imported == frozenset({"IQ", "SY"})


def test_event_gets_admin1_and_admin2_from_the_village(village_env) -> None:
    from orbat.extract.events import ArticleView, EventExtractor

    text = (
        "Syrian government forces shelled the village of Kansafra in Idlib province on "
        "Tuesday, killing two civilians, a Britain-based war monitor said."
    )
    extractor = EventExtractor(gazetteer=village_env.gazetteer)
    records = extractor.extract(ArticleView(1, text, dt.date(2019, 5, 8)))
    located = [r for r in records if r.location == "Kansafra"]
    assert located, [(r.location, r.admin1) for r in records]
    assert located[0].admin1 == "Idlib" and located[0].admin2 == "Ariha"
    assert located[0].geo_precision == 1
