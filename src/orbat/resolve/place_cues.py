"""Words around a capitalised name that say it is a place, whatever the tagger says.

The small spaCy model calls many Arabic place names persons ("al-Latamenah", "Ariha");
these tests let the gazetteer's reading stand where the words around the name settle it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from orbat.nlp.gazetteer import Gazetteer

__all__ = [
    "STRUCK_VERBS",
    "article_place",
    "bracketed_province",
    "named_with_place_noun",
    "place_demonym",
    "quarter_town",
    "reads_as_a_date",
    "struck_place",
]


def article_place(text: str, start: int) -> bool:
    """Whether the name at ``start`` is a lower-case "al-" name right after a preposition of
    place ("strikes on al-Qaim", "clashes in al-Bab"), which the small tagger calls a person's
    name; a person's "al-" name follows a first name instead ("Abu Bakr al-Baghdadi")."""
    return bool(
        _LOWER_ARTICLE_NAME.match(text, start)
        and _PLACE_PREPOSITION.search(text[max(0, start - 12) : start])
    )


def struck_place(text: str, start: int, gazetteer: Gazetteer, surface: str) -> bool:
    """Whether a theatre place name is the object of an act of war ("jets bombed Ariha",
    "shelled Kafr Nabl", "stormed Saraqib"), which the small tagger calls a person's name:
    people are killed or seized, not bombed or stormed."""
    return bool(_STRUCK_BEFORE.search(text[max(0, start - 16) : start])) and any(
        p.country_code in gazetteer.theatre for p in gazetteer.lookup(surface)
    )


def named_with_place_noun(text: str, end: int, gazetteer: Gazetteer, surface: str) -> bool:
    """Whether a theatre place name is followed by the kind of place it is ("Thiban town,
    Deir ez-Zor", "Ain Issa town", "Tafas village"), as monitoring digests write: a person's
    name is not."""
    return bool(_PLACE_NOUN_AFTER.match(text, end)) and any(
        p.country_code in gazetteer.theatre for p in gazetteer.lookup(surface)
    )


def bracketed_province(text: str, start: int, end: int, gazetteer: Gazetteer, surface: str) -> bool:
    """Whether a theatre governorate's name stands in brackets ("… near Al-Mutaibija area
    (Salah al-Din)"), or after a place and a comma at a clause's end ("in Mutaibijah area,
    Salah al-Din."), as digests and ACLED's notes qualify a place: "Salah al-Din" is then the
    province, not Saladin."""
    bracketed = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
    after_place = bool(_PLACE_COMMA.search(text[max(0, start - 30) : start])) and bool(
        _CLAUSE_END.match(text, end)
    )
    return (bracketed or after_place) and any(
        p.kind == "admin1" and p.country_code in gazetteer.theatre
        for p in gazetteer.lookup(surface)
    )


# "… Mutaibijah area, " / "… Tarmiyah district, ": a place (a capitalised name or a kind of
# place) and a comma just before.
_PLACE_COMMA = re.compile(
    r"(?:[A-Z][\w'’-]+|\b(?:town|village|city|district|subdistrict|area|countryside|camp))"
    r",\s*$"
)
_CLAUSE_END = re.compile(r"\s*(?:[.;]|,\s+(?:killing|wounding|injuring)\b|$)")
_PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:town|village|city|countryside|subdistrict|sub-district|district|camp|area)\b", re.I
)
#: Acts of war done to places, not people ("jets bombed Ariha", "took control of Umm
#: Jalal"); place_mentions' locative names use them too.
STRUCK_VERBS = (
    r"bombed|shelled|pounded|bombarded|stormed|recaptured|retook|retaken|liberated|overran"
    r"|besieged|control\s+(?:of|over)"  # not "captured": people are captured too
)
_STRUCK_BEFORE = re.compile(
    rf"\b(?:{STRUCK_VERBS}|raided|shelling|bombing|bombardment\s+of)\s+$",
    re.I,
)
_LOWER_ARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|adh|ath)[-‑][A-Z]")
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|on|at|near|into|from|outside|around|toward|towards|inside)\s+$", re.I
)


def quarter_town(gazetteer: Gazetteer, name: str) -> str | None:
    """The theatre town ``name`` is a quarter of ("Daraa" in "Daraa al-Balad"), or None.

    Arabic names a town's parts by the town and an article word: al-Balad (the old town),
    al-Mahatta (the station quarter), al-Jadida (the new town). The gazetteer lists few."""
    quarter = _QUARTER.fullmatch(name)
    if quarter is None:
        return None
    town = quarter["town"]
    if any(p.country_code in gazetteer.theatre for p in gazetteer.lookup(town)):
        return town
    return None


_QUARTER = re.compile(r"(?P<town>.+?)\s+(?:al|el)-(?:Balad|Mahattah?|Jadidah?|Qadimah?)", re.I)


def reads_as_a_date(surface: str) -> bool:
    """Whether a span the tagger calls a date has a date's words (a digit, a month, a day, a
    season): "Mayadeen" tagged DATE is a town, and no veto on the gazetteer's reading."""
    return _DATE_WORD.search(surface) is not None


_DATE_WORD = re.compile(
    r"\d|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day|years?|months?|weeks?|days?|nights?|morning|evening|afternoon|dawn|noon|"
    r"hours?|ago|today|tonight|yesterday|decades?|century|season|spring|summer|autumn|fall|"
    r"winter|eid|ramadan|christmas)\b",
    re.I,
)


# What may stand between a demonym and the place it qualifies: "the Syrian border town of",
# "a Turkish village near", "Iraq's northern city of". A force, a weapon or an act between
# ("Turkish border guards near", "a Turkish drone strike on") makes the demonym its owner's.
_DESCRIBING_A_PLACE = frozenset(
    [
        "the", "a", "an", "of", "in", "near", "at", "on", "to", "and", "border", "frontier",
        "town", "towns", "city", "cities", "village", "villages", "province", "provinces",
        "governorate", "district", "region", "capital", "port", "area", "hamlet", "key",
        "strategic", "coastal", "desert", "mountain", "mountainous", "rural", "northern",
        "southern", "eastern", "western", "central", "north", "south", "east", "west",
        "northeastern", "northwestern", "southeastern", "southwestern", "far", "predominantly",
        "kurdish", "christian", "shia", "shiite", "sunni", "yazidi", "arab", "majority", "nearby",
        "neighbouring", "neighboring",
    ]
)  # fmt: skip


def place_demonym(before: str, demonyms: Mapping[str, str]) -> str | None:
    """The country code of a demonym among the last four words of ``before`` (the text up to a
    place name) that qualifies the place: only place words may follow it."""
    words = re.findall(r"[A-Za-z]+", before)[-4:]
    found = None
    for index, word in enumerate(words):
        code = demonyms.get(word.lower())
        if code is not None and all(w.lower() in _DESCRIBING_A_PLACE for w in words[index + 1 :]):
            found = code
    return found
