"""Place names and records: the transliteration-insensitive key, the scan form and ``Place``.

Below both the gazetteer (:mod:`orbat.nlp.gazetteer`) and the merge of imported places
(:mod:`orbat.nlp.gazetteer_merge`), which both need them, so neither imports the other at
module level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from orbat.nlp.marks import strip_marks

__all__ = ["Place", "PlaceKind", "place_key", "scan_form"]

PlaceKind = Literal["city", "admin1", "admin2", "admin3", "country", "site"]

# Articles and their assimilated forms ("ar-Raqqa", "ash-Sham", "ez-Zor"), dropped from keys so
# "Al-Raqqa" = "Raqqa" = "Ar Raqqah".
_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ar",
        "as",
        "ad",
        "az",
        "ash",
        "at",
        "an",
        "ath",
        "adh",
        "ed",
        "er",
        "es",
        "ez",
        "et",
        "en",
        "ul",
    ]
)
# Sequence rewrites that unify common English spellings of Arabic/Persian/Kurdish names, applied
# in order: diphthongs first so "Deir" and "Dayr" meet before "e" folds into "a".
_FOLDS: tuple[tuple[str, str], ...] = (
    ("q", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ay"),
    ("ey", "ay"),
    ("ai", "ay"),
    ("aw", "u"),
    ("o", "u"),
    ("e", "a"),
)
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_APOSTROPHES = "'`ʼʻʿʾ‘’´"


@lru_cache(maxsize=1 << 16)
def place_key(name: str) -> str:
    """A transliteration-insensitive key: equal for spellings of the same Arabic-script name.

    1. Strip diacritics, casefold, drop apostrophes and ayn/hamza signs, split on the rest.
    2. Drop article tokens ("al", "ar", "ez", ...) that precede another word; "Albu"/"Abu"
       become "bu", so "Albu Kamal" = "Abu Kamal" = "Al Bukamal".
    3. Join the words, drop a final "h" after a vowel ("Raqqah"), fold q/k, ou/u, ei/ay,
       e/a and similar, and collapse doubled letters ("Tall" = "Tal" = "Tell").
    """
    # 1. Latin diacritics go; other scripts (Arabic) keep their letters.
    text = name.casefold() if name.isascii() else strip_marks(name).casefold().replace("ı", "i")
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    words = [w for w in re.split(r"[^\w]+|_", text) if w]
    # 2. An article is only dropped when a word follows, so a place named "As" keeps its key.
    kept: list[str] = []
    for i, word in enumerate(words):
        if word in _ARTICLES and i + 1 < len(words):
            continue
        kept.append("bu" if word in ("albu", "abu") else word)
    joined = " ".join(kept)
    # 3. Folds run on the spaced form so the final-h rule sees word ends.
    joined = _FINAL_H.sub("", joined)
    for old, new in _FOLDS:
        joined = joined.replace(old, new)
    return _DOUBLE.sub(r"\1", joined.replace(" ", ""))


def scan_form(text: str) -> str:
    """``text`` with diacritics stripped and case folded, one character for one character.

    The Aho-Corasick scan runs over this form, so a match's offsets are offsets in ``text``.
    """
    if text.isascii():  # most news: no marks to strip, and lower() keeps every length
        return text.lower().replace("`", "'")
    return "".join(_scan_char(ch) for ch in text)


@lru_cache(maxsize=1 << 14)
def _scan_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    base = strip_marks(ch)
    folded = base.lower() if len(base) == 1 else ch.lower()
    return folded if len(folded) == 1 else ch


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``id`` is ``geonames:<n>``, ``admin1:<CC>.<code>``, ``pack:...``, or for places only an
    imported file has, ``wof:<n>``, ``ocha:<pcode>`` (see ``orbat gazetteer import``).
    ``kind`` is what the resolver reasons with (``admin2`` a district, ``admin3`` a
    subdistrict); ``feature`` says what the place is in words ("village", "town", "district",
    "air base"...; "" for GeoNames cities never imported). ``names`` are the Latin and Arabic
    names imported files give (empty for places no file gave: their alternate names are only
    in the name index).
    """

    id: str
    name: str
    kind: PlaceKind
    country_code: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    source: str
    feature: str = ""
    names: tuple[str, ...] = ()
