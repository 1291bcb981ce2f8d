"""Toponym resolution on sentences from the example seeds, variants and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.nlp.gazetteer import Gazetteer, load_gazetteer
from orbat.resolve.places import ResolvedPlace, event_location, resolve_places

SEEDS = Path(__file__).parents[2] / "src" / "orbat" / "examples" / "seeds"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _seed_sentence(name: str, needle: str) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if needle in line)
    # Seed lines are paragraphs; keep the sentence that holds the needle.
    return next(s for s in line.split(". ") if needle in s)


def _where(sentence: str, gaz: Gazetteer) -> ResolvedPlace:
    found = event_location(sentence, 0, len(sentence), gazetteer=gaz)
    assert found is not None, sentence
    assert sentence[found.start : found.end] == found.text
    return found


def test_tarmiya_north_of_baghdad(gaz: Gazetteer) -> None:
    sentence = _seed_sentence("001_f64c308359b7acb1.txt", "their base in Tarmiya")
    where = _where(sentence, gaz)
    assert (where.text, where.place.country_code, where.place.admin1) == (
        "Tarmiya",
        "IQ",
        "Baghdad",
    )
    assert where.geo_precision == 1  # "in Tarmiya": the town itself
    baghdad = [p for p in resolve_places(sentence, gazetteer=gaz) if p.text == "Baghdad"]
    assert baghdad and baghdad[0].geo_precision == 2  # "north of Baghdad"


def test_syrian_border_town_of_albu_kamal(gaz: Gazetteer) -> None:
    sentence = _seed_sentence("002_4cf0f113309eed76.txt", "border town of Albu Kamal")
    where = _where(sentence, gaz)
    assert where.text == "Albu Kamal"
    assert (where.place.id, where.place.country, where.place.admin1) == (
        "geonames:174448",
        "Syria",
        "Deir ez-Zor",
    )
    assert where.geo_precision == 1


def test_nasiriyah_and_samawah_areas(gaz: Gazetteer) -> None:
    sentence = _seed_sentence("001_f64c308359b7acb1.txt", "Nasiriyah and Samawah areas")
    # The sentence tells of two happenings: convoys in the Nasiriyah and Samawah areas, two
    # more attacked "in al-Diwaniyah" (found since the lower-case article is read past).
    found = {r.text: r for r in resolve_places(sentence, gazetteer=gaz)}
    where = found["Nasiriyah"]
    assert where.place.admin1 == "Dhi Qar"
    assert where.geo_precision == 2  # "areas": near the town, not in it
    assert found["al-Diwaniyah"].place.admin1 == "Qadisiyah"


def test_babil_province_is_a_region(gaz: Gazetteer) -> None:
    sentence = "Two improvised explosive device attacks were reported in Babil province."
    where = _where(sentence, gaz)
    assert (where.place.id, where.place.kind, where.geo_precision) == ("admin1:IQ.06", "admin1", 3)


def test_town_beats_its_province_in_one_sentence(gaz: Gazetteer) -> None:
    sentence = _seed_sentence("001_f64c308359b7acb1.txt", "attack on Ain al-Asad air base")
    start = sentence.index("a May 8 attack")
    end = sentence.index("western Iraq") + len("western Iraq")
    where = event_location(sentence, start, end, gazetteer=gaz)
    assert where is not None and where.place.name == "Ain al-Asad Air Base"
    assert where.place.admin1 == "Anbar" and where.geo_precision == 1


@pytest.mark.parametrize(
    ("sentence", "place_id"),
    [
        ("Coalition jets struck targets near Ar Raqqah.", "geonames:172955"),
        ("Coalition jets struck targets near al-Raqqa.", "geonames:172955"),
        ("Clashes erupted in Dayr Az Zawr on Monday.", "geonames:170794"),
        ("Clashes erupted in Deir ez-Zor on Monday.", "geonames:170794"),
        ("A drone hit a convoy outside Al Bukamal.", "geonames:174448"),
        ("Rockets landed in Jurf al-Nasr overnight.", "pack:iraq_syria:jurf-al-sakhar"),
    ],
)
def test_transliteration_variants(sentence: str, place_id: str, gaz: Gazetteer) -> None:
    assert _where(sentence, gaz).place.id == place_id


def test_hit_needs_context(gaz: Gazetteer) -> None:
    bare = "Hit squads roamed the city."
    assert not [p for p in resolve_places(bare, gazetteer=gaz) if p.text == "Hit"]
    where = _where("An airstrike destroyed a building in Hit, in western Anbar.", gaz)
    assert (where.text, where.place.country_code, where.place.admin1) == ("Hit", "IQ", "Anbar")


@pytest.mark.parametrize("word", ["Tal", "Sur", "Bar", "Man"])
def test_short_common_names_never_stand_alone(word: str, gaz: Gazetteer) -> None:
    sentence = f"Fighting was reported in {word} on Tuesday."
    assert not resolve_places(sentence, gazetteer=gaz)


def test_parts_of_person_and_organisation_names_are_not_places(gaz: Gazetteer) -> None:
    sentence = "George Bush met Muqtada al-Sadr at the Washington Institute."
    assert not resolve_places(sentence, gazetteer=gaz)


def test_ner_entities_veto_scan_hits(gaz: Gazetteer) -> None:
    sentence = "Zaidan said the court would rule."
    assert resolve_places(sentence, gazetteer=gaz, entities=[(0, 6, "PERSON")]) == []


def test_no_place_in_sentence_falls_back_to_earlier_town(gaz: Gazetteer) -> None:
    text = "Militants attacked a checkpoint in Tarmiya. Two soldiers were killed in the attack."
    start = text.index("Two")
    where = event_location(text, start, len(text), gazetteer=gaz)
    assert where is not None and where.text == "Tarmiya" and where.geo_precision == 2


def test_a_person_s_name_beats_a_later_gpe_tag(gaz: Gazetteer) -> None:
    # The tagger calls a later "Khalil" a GPE; the article's "Mahmoud Khalil" makes it his
    # name (person_vetoes), so it is not Hebron (Al-Khalil).
    from orbat.resolve.places import person_vetoes

    text = "Mahmoud Khalil was held in Baghdad. Khalil appealed on Monday."
    second = text.rindex("Khalil")
    entities = [(0, 14, "PERSON"), (second, second + 6, "GPE")]
    entities += person_vetoes(text, gaz, entities)
    names = [p.text for p in resolve_places(text, gazetteer=gaz, entities=entities)]
    assert names == ["Baghdad"]
    # Without the person, the town tag stands.
    alone = "Protesters gathered in Khalil on Monday."
    at = alone.index("Khalil")
    places = resolve_places(alone, gazetteer=gaz, entities=[(at, at + 6, "GPE")])
    assert [p.place.name for p in places] == ["Hebron"]
