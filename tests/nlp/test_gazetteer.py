"""The offline gazetteer: transliteration-insensitive keys, sources, admin1 and pack places."""

from __future__ import annotations

import pytest
import yaml

from orbat.nlp.gazetteer import _pack_file, load_gazetteer, place_key, scan_form


@pytest.mark.parametrize(
    "variants",
    [
        ("Ar Raqqah", "Raqqa", "Al-Raqqa", "Raqqah", "ar-Raqqa"),
        ("Dayr Az Zawr", "Deir ez-Zor", "Deir ez Zor", "Dayr az-Zawr"),
        ("Abu Kamal", "Albu Kamal", "Al Bukamal", "Al-Bukamal"),
        ("Tal Afar", "Tall ‘Afar", "Tell Afar"),
        ("Fallujah", "Falluja", "Al Fallūjah", "Fallouja"),
        ("Sayyida Zainab", "Sayyidah Zaynab", "Sayyida Zeinab"),
        ("Qaim", "Al Qā’im", "Al-Qaim"),
    ],
)
def test_place_key_unifies_transliterations(variants: tuple[str, ...]) -> None:
    assert len({place_key(v) for v in variants}) == 1


def test_place_key_keeps_distinct_names_apart() -> None:
    assert place_key("Baghdad") != place_key("Al Baghdadi")
    assert place_key("Mosul") != place_key("Homs")
    assert place_key("As") == "as"  # a lone article is a name, not nothing


def test_scan_form_keeps_offsets() -> None:
    text = "Near Ḩadīthah, ‘Ayn ‘Īsá."
    assert len(scan_form(text)) == len(text)


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return load_gazetteer()


def test_lookup_resolves_variants_to_one_place(gaz) -> None:  # type: ignore[no-untyped-def]
    ids = {p.id for v in ("Abu Kamal", "Albu Kamal", "Al Bukamal") for p in gaz.lookup(v)}
    assert ids == {"geonames:174448"}
    (place,) = gaz.lookup("Albu Kamal")
    assert (place.country_code, place.country, place.admin1) == ("SY", "Syria", "Deir ez-Zor")


def test_admin1_divisions_for_the_theatre(gaz) -> None:  # type: ignore[no-untyped-def]
    babil = [p for p in gaz.lookup("Babil") if p.kind == "admin1"]
    assert [(p.id, p.country_code) for p in babil] == [("admin1:IQ.06", "IQ")]
    for cc in ("IQ", "SY", "IR", "LB", "TR", "JO", "IL", "PS", "YE"):
        assert any(p.kind == "admin1" and p.country_code == cc for p in gaz), cc
    assert gaz.lookup("Tarmiya")[0].admin1 == "Baghdad"


def test_pack_places_are_sourced_and_located(gaz) -> None:  # type: ignore[no-untyped-def]
    doc = yaml.safe_load(_pack_file("iraq_syria", "places.yaml").read_text(encoding="utf-8"))
    assert len(doc["places"]) >= 25
    for row in doc["places"] + doc["aliases"]:
        # A public web page (the KRG's archived cabinet site is served over plain http).
        assert row["source"].startswith(("https://", "http://")), row
    for row in doc["places"]:
        place = gaz.get(f"pack:iraq_syria:{row['id']}")
        assert place is not None and -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    assert "Ain al-Asad Air Base" in {p.name for p in gaz.lookup("Ain al-Asad")}
    assert {p.name for p in gaz.lookup("Jurf al-Sakhar")} == {"Jurf al-Sakhar"}


def test_countries_have_iso2_and_extra_names(gaz) -> None:  # type: ignore[no-untyped-def]
    iraq = gaz.country("IQ")
    assert iraq is not None and iraq.name == "Iraq" and iraq.kind == "country"
    assert gaz.country("U.S.") is not None


def test_scan_finds_whole_capitalised_names(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "Strikes near Deir ez-Zor and in Mosul; the man hit the bar."
    found = {surface for _, _, surface in gaz.scan(text)}
    assert {"Deir ez-Zor", "Mosul"} <= found
    assert not found & {"man", "hit", "bar"}
    for start, end, surface in gaz.scan(text):
        assert text[start:end] == surface
