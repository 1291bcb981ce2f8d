"""Actors and places named in Arabic text: the pack's Arabic aliases and the gazetteer's
Arabic names, matched on normalised spelling with clitics (و، ب، ل...) allowed.

The English resolver and scanner need a name to stand alone as a word; Arabic writes "and",
"in", "to" joined to the next word (وبغداد، بأربيل، للحشد), and spells one name several ways
(الأنبار / الانبار). Both finders here match token by token through
:class:`~orbat.extract.arabic.text.PhraseSet` and give spans in the normalised text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from orbat.extract.arabic.lexicon import ArabicLexicon
from orbat.extract.arabic.text import PhraseSet, ReadText, Token, compile_phrase
from orbat.nlp.arabic import normalize_for_matching
from orbat.nlp.gazetteer import Gazetteer, Place, place_key
from orbat.packs import Actor, Pack

__all__ = ["ActorName", "ArabicActors", "ArabicPlaces", "PlaceName"]

_ARABIC = range(0x0600, 0x0700)
# Longest place name tried, in tokens ("قاعدة عين الأسد الجوية" is four).
_MAX_PLACE_TOKENS = 4
# A gazetteer city this big is taken wherever it is named; smaller ones need an introducer.
_BIG_CITY = 50_000
# Kinds from most to least precise: the event is placed at the most precise place named.
# A site and a town are equally precise: of the two, the first named is the event's.
_PRECISION = {"site": 1, "city": 1, "admin3": 2, "admin2": 3, "admin1": 4, "country": 5}


def _is_arabic(text: str) -> bool:
    return any(ord(ch) in _ARABIC for ch in text)


@dataclass(frozen=True, slots=True)
class ActorName:
    """A pack actor named in the text: tokens ``[first, last)``; ``ids`` when the name is
    shared (داعش is Islamic State in Iraq and in Syria)."""

    first: int
    last: int
    ids: tuple[str, ...]


class ArabicActors:
    """The pack's Arabic-script aliases, matched in normalised text."""

    def __init__(self, pack: Pack, lexicon: ArabicLexicon) -> None:
        self.pack = pack
        by_alias: dict[str, list[str]] = {}
        for actor in pack.actors:
            for alias in actor.aliases:
                if _is_arabic(alias.name) and not alias.weak:
                    key = " ".join(normalize_for_matching(alias.name).split())
                    by_alias.setdefault(key, []).append(actor.id)
        self.phrases = PhraseSet(
            (compile_phrase(k, ",".join(dict.fromkeys(v))) for k, v in by_alias.items()),
            lexicon.clitics,
        )

    def find(self, text: ReadText, first: int, last: int) -> list[ActorName]:
        """Pack actors named in tokens ``[first, last)``, left to right."""
        return [
            ActorName(i, i + len(p), tuple(p.value.split(",")))
            for i, p in self.phrases.find(text.tokens, first, last)
        ]

    def choose(self, ids: tuple[str, ...], country: str | None, day: dt.date | None) -> Actor:
        """Of the actors a name may mean, the one active on ``day`` in ``country``."""
        actors = [self.pack.actor(i) for i in ids]
        when = day.isoformat() if day else None
        active = [a for a in actors if when is None or a.active_on(when)] or actors
        local = [a for a in active if country and a.country == country] or active
        return local[0]


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A gazetteer place named in the text (tokens ``[first, last)``)."""

    first: int
    last: int
    place: Place
    introduced: bool  # after a place word ("في", "قرب", "بلدة"...) or a joined ب
    keys: tuple[str, ...] = ()  # the gazetteer name keys it was found by


class ArabicPlaces:
    """The gazetteer's Arabic-script names, matched in normalised text.

    1. Index every Arabic name key of the gazetteer by its normalised spelling.
    2. At each token, try the longest run of tokens first (four down to one), the first
       token with and without its clitic; a run whose key the index knows is a name.
    3. Keep it when it is big (a site of the pack, a governorate, a country, a city over
       50,000) or introduced by a place word ("في", "قرب", "قرية"...) or a joined ب.
    4. Of the places a name may mean, the pack's sites first, a governorate after
       "ريف"/"محافظة" (also the governorate named like its capital: "بريف حلب"), then big
       places, then places in Iraq and Syria, then the most populous.
    5. A name several places share is then the one in the governorate of the sentence's
       big places ("بادية الرصافة جنوبي الرقة": the Rasafa of Raqqa), and a small place
       outside those governorates is dropped (a homonym). Common words that are also some
       village's name (الشرقي, الشرطة) are never places alone.
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: ArabicLexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.index = _arabic_index(gazetteer)
        self.clitics = lexicon.clitics
        self._forms = PhraseSet((), lexicon.clitics).forms

    def find(
        self, text: ReadText, first: int, last: int, taken: set[int] | None = None
    ) -> list[PlaceName]:
        """Places named in tokens ``[first, last)``, not on tokens in ``taken``."""
        taken = taken or set()
        tokens = text.tokens
        out: list[PlaceName] = []
        # Fixed phrases first (الأراضي المحتلة → Israel).
        for i, phrase in self.lexicon.place_phrases.find(tokens, first, last):
            place = self.gazetteer.get(phrase.value)
            if place is not None and not taken & set(range(i, i + len(phrase))):
                out.append(PlaceName(i, i + len(phrase), place, True))
                taken = taken | set(range(i, i + len(phrase)))
        i = first
        while i < last:
            found = self._at(text, i, last, taken)
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.last
        # 5. a name several places share is the one inside the sentence's other places
        context = {str(p.place.admin1) for p in out if p.place.admin1 and _big(p.place)}
        chosen = []
        for found in out:
            if found.keys and context:
                place = self._choose(found.keys, tokens, found.first, True, context) or found.place
                if not _big(place) and place.admin1 not in context:
                    continue  # "حي الجهاد غربي بغداد": a homonym village elsewhere, not it
                found = PlaceName(found.first, found.last, place, found.introduced, found.keys)
            chosen.append(found)
        return sorted(chosen, key=lambda p: p.first)

    def _at(self, text: ReadText, i: int, last: int, taken: set[int]) -> PlaceName | None:
        tokens = text.tokens
        # "مدينة", "بلدة" alone are the word before a name, never the name ("سد تشرين" is).
        place_word = self.lexicon.introducers.match_at(tokens, i, i + 1) is not None
        for n in range(min(_MAX_PLACE_TOKENS, last - i), 0, -1):
            if taken & set(range(i, i + n)) or (n == 1 and place_word):
                continue
            if n == 1 and self.lexicon.not_places.match_at(tokens, i, i + 1) is not None:
                continue
            rest = "".join(t.text for t in tokens[i + 1 : i + n])
            for form in self._forms(tokens[i].text):
                if n == 1 and len(form) < 3:
                    continue
                keys = self.index.get(normalize_for_matching(place_key(form + rest)))
                if not keys:
                    continue
                joined_b = form != tokens[i].text and tokens[i].text[0] in "ب"
                introduced = joined_b or self._introduced(tokens, i)
                place = self._choose(keys, tokens, i, introduced)
                if place is not None:
                    return PlaceName(i, i + n, place, introduced, keys)
        return None

    def _introduced(self, tokens: Sequence[Token], i: int) -> bool:
        if i == 0:
            return False
        for back in (1, 2):
            j = i - back
            if j >= 0 and self.lexicon.introducers.match_at(tokens, j, i) is not None:
                return True
        return False

    def _choose(
        self,
        keys: tuple[str, ...],
        tokens: Sequence[Token],
        i: int,
        introduced: bool,
        context: set[str] | frozenset[str] = frozenset(),
    ) -> Place | None:
        places = [p for k in keys for p in self.gazetteer.lookup(k)]
        places = [p for p in places if p.country_code in self.gazetteer.theatre]
        if not places:
            return None
        governorate = i > 0 and any(
            self.lexicon.governorate_words.match_at(tokens, j, i) is not None
            for j in (i - 1, i - 2)
            if j >= 0
        )

        def order(place: Place) -> tuple[int, ...]:
            return (
                0 if place.kind == "site" else 1,
                0 if governorate and place.kind == "admin1" else 1,
                0 if place.admin1 in context else 1,
                0 if _big(place) else 1,
                0 if place.country_code in ("IQ", "SY") else 1,
                -place.population,
            )

        best = min(places, key=order)
        if governorate and best.kind == "city" and best.admin1:
            # "بريف حلب": the governorate that shares the city's name
            same = [
                p
                for p in self.gazetteer.lookup(best.admin1)
                if p.kind == "admin1" and p.country_code == best.country_code
            ]
            if same and place_key(best.admin1) == place_key(best.name):
                best = same[0]
        return best if _big(best) or introduced else None


def _big(place: Place) -> bool:
    """A place named anywhere is this one: a place of the pack (curated for the theatre), a
    governorate, a country, a city over 50,000."""
    return (
        place.id.startswith("pack:")
        or place.kind in ("site", "admin1", "country")
        or place.population >= _BIG_CITY
    )


def precision_of(place: Place) -> int:
    """How precise a place is (lower is more precise)."""
    return _PRECISION.get(place.kind, 6)


@lru_cache(maxsize=4)
def _index_for(gazetteer_id: int, gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for key in gazetteer.name_keys():
        if _is_arabic(key):
            index.setdefault(normalize_for_matching(key), []).append(key)
    return {k: tuple(v) for k, v in index.items()}


def _arabic_index(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    return _index_for(id(gazetteer), gazetteer)
