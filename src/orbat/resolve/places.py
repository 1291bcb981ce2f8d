"""Toponym resolution: place names in an article → gazetteer places with ACLED geo-precision."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from orbat.nlp.gazetteer import Gazetteer, Place, load_gazetteer, place_key, scan_form
from orbat.packs import TheatreWords, load_pack
from orbat.resolve.spelling import near_spelling

__all__ = [
    "COMPONENT",
    "Mention",
    "ResolvedPlace",
    "distance_km",
    "event_location",
    "find_mentions",
    "km_between",
    "resolve_places",
    "spacy_entities",
]

#: Versioned name stored with every place this resolver produces.
COMPONENT = "orbat.resolve.places.v1"

#: Names of villages somewhere that are also words of place names everywhere; never a place
#: on their own ("Tal" is "hill", "Sur" a wall, "Bar" and "Man" English words).
_NEVER_ALONE = frozenset(
    place_key(w)
    for w in [
        "tal",
        "tell",
        "sur",
        "bar",
        "man",
        "ain",
        "ayn",
        "umm",
        "abu",
        "bir",
        "deir",
        "dayr",
        "kafr",
        "beit",
        "bayt",
        "ras",
        "wadi",
        "jebel",
        "jabal",
        "qasr",
        "hay",
        "camp",
        "base",
        "city",
        "town",
        "port",
        "new",
        "north",
        "south",
        "east",
        "west",
        "central",
        "upper",
        "lower",
        "mount",
        "saint",
        "san",
        "la",
        "le",
        "center",
        "centre",
    ]
)
_NEAR = re.compile(
    r"\b(?:near|outside|around|close to|outskirts of|vicinity of|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|"
    r"\d+\s*(?:km|kilometers|kilometres|miles)\s+\w+\s+of|(?:north|south|east|west)ern)\s+(?:the\s+)?$",
    re.I,
)
_PREPOSITION = re.compile(
    r"\b(?:in|at|from|into|to|of|near|outside|around|toward|towards|across|inside|on|hit|"
    r"struck|targeted|attacked)\s+(?:the\s+)?$",
    re.I,
)
_MONTH = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$",
    re.I,
)
_DAY_AFTER = re.compile(r"\.?\s*\d{1,2}\b")
_OWNER_BEFORE = re.compile(r"\b(?P<name>[A-Z][a-z]+)['’]s\s+(?:[a-z]+\s+)?$")
_ARTICLE_BEFORE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an)[-‑\s]$", re.I)
_ADMIN_AFTER = re.compile(r"^\s+(?:province|governorate|governate|muhafazat)\b", re.I)
_AREA_AFTER = re.compile(
    r"^(?:\s+and\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?\s+"
    r"(?:area|areas|region|district|countryside|desert|outskirts|suburbs|environs|plains?)\b",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:city|town|village|base|air\s*base|airbase|camp|border crossing|crossing|airport)\b",
    re.I,
)
# "X, Y", "X in Y", "X, in eastern Y", "X in the north of Y".
_COMPASS = r"(?:(?:north|south)?(?:east|west)?(?:ern)?|central)"
_IN_PART_OF = rf"in\s+(?:the\s+)?(?:{_COMPASS}\s+(?:of\s+)?)?"
_CONTAINER_GAP = re.compile(rf"^\s*(?:,\s*(?:{_IN_PART_OF})?|{_IN_PART_OF})$", re.I)
_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"^[ \t]+([A-Z][\w'’-]*)")
# "Muqtada al-Sadr", "Ahmed al-Sharaa": a nisba, part of a person's name.
# ("Syria's al-Bab" is a possessive before a place, not a name.)
_NISBA_BEFORE = re.compile(r"[A-Z][\w'’]+(?<!['’]s)\s+(?:al|el|bin|ibn|bint|abu)[-\s]$")
_JOINED_BEFORE = re.compile(r"[A-Z][\w'’]*-$")  # "Bryson-Richardson"
_NAME_AFTER = re.compile(r"^(?:-\d|\s+(?:al|el|bin|ibn)[-\s][A-Z])")
_KIND_RANK = {"site": 0, "city": 0, "admin3": 1, "admin2": 1, "admin1": 2, "country": 3}
# "Tarmiyah district", "the Ariha sub-district": the district, not its seat.
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|sub-?district|qada|qadaa|nahiya|nahiyah)\b", re.I)
#: Named features that cover an area: ACLED codes an event there at geo_precision 2.
_AREA_FEATURES = frozenset(
    ["mountain", "mountains", "hill", "hills", "ridge", "plain", "plateau", "desert", "area",
     "region", "wadi", "oil field", "gas field"]
)  # fmt: skip
#: Imported villages carry no population; this many people stands in for the prior, as much
#: as the smallest GeoNames cities500 town gets.
_VILLAGE_POPULATION = 500
#: A place this populous is known beyond doubt; an imported place smaller than
#: ``_KNOWN_POPULATION`` (villages carry none) yields to it unless the article supports it.
_BIG_POPULATION = 100_000
_KNOWN_POPULATION = 1_000
#: What a governorate weighs in the population prior (see _score).
_ADMIN1_POPULATION = 100_000
#: Places of one name this close are one spot on the map (a town and the district it seats).
_SAME_SPOT_KM = 15.0


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that may name a place: from the gazetteer scan or a NER entity."""

    start: int
    end: int
    text: str
    label: str  # "GAZ" for a gazetteer scan hit, else the NER label (GPE, LOC, FAC)
    #: The gazetteer key a misspelt name was matched to ("Dayr Az Zayr" → Dayr az Zawr's).
    near_key: str | None = None


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A mention resolved to one place, with ACLED geo_precision (1 town, 2 near/part, 3 region)."""

    place: Place
    start: int
    end: int
    text: str
    geo_precision: int
    score: float
    component: str = COMPONENT

    @property
    def evidence(self) -> tuple[int, int]:
        """The matched span as ``(char_start, char_end)`` in the article."""
        return (self.start, self.end)


def spacy_entities(text: str) -> list[tuple[int, int, str]]:
    """Named entities of ``text`` from orbat's spaCy pipeline, as (start, end, label)."""
    from orbat.nlp.model import load_nlp

    doc = load_nlp(disable=("lemmatizer",))(text)
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def find_mentions(
    text: str,
    gazetteer: Gazetteer,
    entities: Iterable[tuple[int, int, str]] = (),
    words: TheatreWords | None = None,
) -> list[Mention]:
    """Candidate place mentions: gazetteer scan hits plus NER entities, without overlaps.

    A NER entity that the gazetteer knows (after trimming "the", "'s" and a trailing
    "province") replaces the scan hits inside it; one it does not know leaves them standing.
    ``words`` are the theatre's (default: the selected pack's).
    """
    words = words if words is not None else load_pack().words
    entities = list(entities)
    others = [(s, e) for s, e, label in entities if label not in _ENTITY_LABELS]
    # "the Israeli town of Elad": a place noun before the name outweighs a tagger that
    # took the name for a person's.
    hits = [
        Mention(s, e, t, "GAZ")
        for s, e, t in gazetteer.scan(text)
        if not any(s < oe and e > os for os, oe in others)
        or _PLACE_NOUN_BEFORE.search(text[max(0, s - 20) : s])
    ]
    mentions = [m for m in hits if _standalone(text, m, words)]
    people = [(s, e) for s, e, label in entities if label == "PERSON"]
    for start, end, label in entities:
        if label not in _ENTITY_LABELS:
            continue
        if any(start < pe and end > ps for ps, pe in people) and not _PLACE_NOUN_BEFORE.search(
            text[max(0, start - 20) : start]
        ):
            # The tagger calls a later "Khalil" a GPE; the article's "Mahmoud Khalil" makes
            # it his name (:func:`person_vetoes` adds that PERSON span): one sense per
            # discourse beats one sentence's tag.
            continue
        start, end = _trim(text, start, end)
        if end <= start or not gazetteer.lookup(text[start:end]):
            continue
        inside = [m for m in mentions if m.start < end and m.end > start]
        if all(m.start >= start and m.end <= end for m in inside):
            mentions = [m for m in mentions if m not in inside]
            mentions.append(Mention(start, end, text[start:end], label))
    longer, replaced = _locative_names(text, gazetteer, mentions, entities)
    mentions = [m for m in mentions if m not in replaced] + longer
    return sorted(mentions, key=lambda m: m.start)


# "Near Tal Abyad", "in the village of Albu Hayat": a capitalised name right after a place
# preposition. The scan looks for names as the gazetteer spells them; transliterations vary
# ("Tal"/"Tall", "Albu"/"Abu"), so such a name is also looked up by its loose key.
_LOCATIVE_NAME = re.compile(
    r"\b(?:[Nn]ear|[Ii]n|[Aa]t|[Oo]utside|[Aa]round|(?:village|town|city|area|outskirts)\s+of)"
    r"\s+(?:the\s+)?(?P<name>(?:(?:al|el|as|ar|ad|an|at|az|ash)[-\s])?[A-Z][\w'’-]+"
    r"(?:\s+(?:(?:al|el)-)?[A-Z][\w'’-]+){0,2})"
)
_NOT_A_NAME = frozenset(
    ["the", "this", "that", "these", "those", "his", "her", "its", "their", "a", "an", "monday",
     "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "addition", "response", "total", "all", "order", "fact", "particular"]
)  # fmt: skip


def _locative_names(
    text: str,
    gazetteer: Gazetteer,
    mentions: Sequence[Mention],
    entities: Sequence[tuple[int, int, str]],
) -> tuple[list[Mention], list[Mention]]:
    """Mentions for capitalised names after a place preposition that the gazetteer knows by
    their loose key, and the shorter scan hits they replace."""
    taken = [(s, e) for s, e, _ in entities]
    found: list[Mention] = []
    replaced: list[Mention] = []
    for m in _LOCATIVE_NAME.finditer(text):
        words = m["name"].split()
        if words[0].casefold() in _NOT_A_NAME:
            continue
        # The whole name only: its parts are the scan's to find.
        start, end, name = m.start("name"), m.end("name"), m["name"]
        inside = [x for x in mentions if x.start < end and start < x.end]
        if any(s < end and start < e for s, e in taken) or any(
            x.start < start or x.end > end or x.label != "GAZ" or x.end - x.start == end - start
            for x in inside
        ):
            continue
        # Loose spellings are the theatre's problem (Arabic names in Latin letters); a place
        # abroad is spelled the way the scan already finds it.
        near_key = None
        if not any(p.country_code in gazetteer.theatre for p in gazetteer.lookup(name)):
            if inside:
                continue
            # Nothing by that key: a spelling the gazetteer lacks ("Dayr Az Zayr").
            near_key = near_spelling(gazetteer, name)
            if near_key is None:
                continue
        # The longer name wins over scan hits inside it: "near Sultan Abdallah" is the
        # Iraqi village, not the Turkish town of Sultan.
        replaced += inside
        found.append(Mention(start, end, name, "GAZ", near_key))
        taken.append((start, end))
    return found, replaced


_PLACE_NOUN_BEFORE = re.compile(r"\b(?:town|city|village|district|province|region)\s+of\s+$", re.I)


_TITLE_BEFORE = re.compile(
    r"\b(?:President|Minister|Justice|Judge|General|Gen\.|Sheikh|Mr\.?|Mrs\.?|Ms\.?|Dr\.?"
    r"|Commander|Speaker|Ayatollah|Imam|Sayyed|Colonel|Col\.|Major|Captain|Brigadier"
    r"|Lieutenant|Senator|Governor)\s+$"
    # Only people are killed or mourned by name: "the assassination of Soleimani", "photos
    # of Soleimani, Mohandis" (a place is struck, shelled or captured, never assassinated).
    r"|\b(?:assassinated|murdered|assassinations?\s+of|murders?\s+of|photos\s+of"
    r"|portraits?\s+of|funeral\s+of|mourning\s+for)\s+$",
    re.I,
)


def person_vetoes(
    text: str, gazetteer: Gazetteer, entities: Iterable[tuple[int, int, str]] = ()
) -> list[tuple[int, int, str]]:
    """``PERSON`` spans for every occurrence of a place name that the article elsewhere
    uses as a person's name: after a title ("Chief Justice Zaidan") or as the surname of a
    multi-word PERSON entity ("Mahmoud Khalil" — Al-Khalil is also Hebron): one sense per
    discourse. "statements by Salih, Kadhimi and Zaidan", "Khalil's fight" then do not put
    events in Zahedan or Hebron, even where the tagger did not run. (A one-word PERSON tag
    is not trusted: the small model tags "Homs" as a person.)
    """
    people: set[str] = set()
    for start, end, label in entities:
        words = text[start:end].split()
        if label == "PERSON" and len(words) > 1:
            people.add(words[-1].removesuffix("'s").removesuffix("’s"))
    hits = list(gazetteer.scan(text))
    # The tagger's own place guesses too: the small model tags "Soleimani" as a GPE.
    hits += [
        (start, start + len(surface), surface)
        for start, end, label in entities
        if label in ("GPE", "LOC")
        for surface in [re.sub(r"['’]s$", "", text[start:end])]
    ]
    for start, _end, surface in hits:
        if _TITLE_BEFORE.search(text[max(0, start - 20) : start]):
            people.add(surface)
    return [(s, e, "PERSON") for s, e, surface in hits if surface in people]


def _standalone(text: str, mention: Mention, words: TheatreWords) -> bool:
    """Whether a scan hit is a name of its own, not a piece of a longer proper noun.

    "George Bush", "Vladimir Putin", "Washington Institute", "Quds Force", "Bavar-373" and
    "Muqtada al-Sadr" all contain a gazetteer name; a capitalised neighbour that is neither a
    free word (the pack's ``free_neighbours`` and demonyms) gives them away.
    """
    before = text[max(0, mention.start - 40) : mention.start]
    after = text[mention.end : mention.end + 40]
    if _NISBA_BEFORE.search(before) or _NAME_AFTER.match(after) or _JOINED_BEFORE.search(before):
        return False
    for match in (_WORD_BEFORE.search(before), _WORD_AFTER.match(after)):
        if match is None or match.group(1).endswith(("'s", "’s")):
            continue  # "Syria's Raqqa", "Iraq's Anbar province": a possessive, not a name
        if match.group(1).lower() not in words.free_neighbours:
            return False
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    lead = re.match(r"(?i)the\s+", span)
    if lead:
        start += lead.end()
    tail = re.search(r"(?i)(?:['’]s|\s+(?:province|governorate))$", text[start:end])
    if tail:
        end -= len(tail.group(0))
    return start, end


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in kilometres."""
    return km_between(a.lat, a.lon, b.lat, b.lon)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Context:
    mention: Mention
    key: str
    near: bool
    admin_word: bool
    area_word: bool
    place_word: bool
    district_word: bool
    preposition: bool
    demonym: str | None
    container: Mention | None = None


def _context(text: str, mention: Mention, gaz: Gazetteer, words: TheatreWords) -> _Context:
    # An article the scan left out belongs to the name: "of al-Bab" is "of" + "al-Bab".
    before = _ARTICLE_BEFORE.sub("", text[max(0, mention.start - 60) : mention.start])
    after = text[mention.end : mention.end + 60]
    demonym = None
    for word in re.findall(r"[A-Za-z]+", before)[-4:]:
        demonym = words.demonyms.get(word.lower(), demonym)
    # "northern Syria's al-Bab province": the country's possessive says where, as a demonym.
    owner = _OWNER_BEFORE.search(before)
    if owner is not None:
        countries = [p for p in gaz.lookup(owner["name"]) if p.kind == "country"]
        demonym = countries[0].country_code if countries else demonym
    return _Context(
        mention=mention,
        key=place_key(mention.text),
        near=bool(_NEAR.search(before)),
        admin_word=bool(_ADMIN_AFTER.match(after)),
        area_word=bool(_AREA_AFTER.match(after)),
        place_word=bool(_PLACE_AFTER.match(after)),
        district_word=bool(_DISTRICT_AFTER.match(after)),
        preposition=bool(_PREPOSITION.search(before)),
        demonym=demonym,
    )


@lru_cache(maxsize=4)
def _context_only(words: frozenset[str]) -> frozenset[str]:
    """The keys of the pack's ``context_only`` words: town names that are also common words
    ("Hit", "Mission", "March") are places only with context ("in Hit", a spaCy GPE label)."""
    return frozenset(place_key(w) for w in words)


def _admissible(ctx: _Context, text: str, words: TheatreWords) -> bool:
    """Refuse bare words that are a place only by accident (see the module's word lists)."""
    if ctx.key in _NEVER_ALONE:
        return False
    if _MONTH.match(ctx.mention.text) and _DAY_AFTER.match(text, ctx.mention.end):
        return False  # "On Jan. 9" is a date, not Jaén; "Nov 24" not Novi

    supported = ctx.mention.label != "GAZ" or ctx.preposition or ctx.near
    supported = supported or ctx.admin_word or ctx.place_word or ctx.area_word
    text = ctx.mention.text
    shouted = text.isupper() and len(text) <= 4  # "SANA", "AP": agencies, not towns
    if ctx.key in _context_only(words.context_only) or len(ctx.key) <= 3 or shouted:
        return supported
    return True


def _score(
    place: Place,
    ctx: _Context,
    countries: Counter[str],
    anchors: Sequence[Place],
    gazetteer: Gazetteer,
    rival: int = 0,
    curated: bool = False,
    rival_spelled: bool = False,
) -> float:
    population = place.population
    if place.feature and place.kind == "city":
        population = max(population, _VILLAGE_POPULATION)
    if place.kind in ("admin2", "admin3"):
        # A district's head count is no measure of how often a text means the district rather
        # than its seat town of the same name ("Ariha"); only "Ariha district" means it.
        population = 0
    elif place.kind == "admin1":
        # Governorates carry no head count here; a governorate is as well known as a big town
        # ("Anbar" is the Iraqi province, not a Turkish hamlet whose name shares its key), yet
        # a town of its own name still wins ("Idlib", "Daraa": the town's bonus below).
        population = max(population, _ADMIN1_POPULATION)
    score = 0.5 * math.log10(population + 1)
    if place.kind == "country":
        # Country names are overwhelmingly used for the country, not a namesake town — but
        # only when the text spells the country: a spelling key shared by accident
        # ("Samawah" ~ "Samoa") must not drag a town abroad.
        spelled = fuzz.ratio(ctx.mention.text.casefold(), place.name.casefold()) >= 80
        score += 6.0 if spelled or gazetteer.vouched(place, ctx.mention.text) else 1.0
    if place_key(place.name) == ctx.key:
        score += 1.0
    if place.country_code in gazetteer.theatre:
        score += 1.5
    if countries:
        score += 1.5 * countries[place.country_code] / max(countries.values())

    spelled = place.feature != "" and _spelled(place, ctx)
    if spelled:
        score += 1.5
    if (
        place.feature
        and place.population < _KNOWN_POPULATION
        and rival >= _BIG_POPULATION
        and not (spelled and not rival_spelled)
    ):
        # An imported village that shares a spelling key with a big city ("Anqarah" ~ Ankara,
        # "Baq`u" ~ Baku, a Diyala village listing "Sulaymaniyah" among its names) wins only
        # with support of its own: a container, a demonym, neighbours named in the article —
        # or the text's very spelling, when the city's is another ("Al Hawl", not Hull).
        score -= 3.0
    if ctx.demonym == place.country_code:
        score += 3.0
    container = ctx.container
    if container is not None:
        for outer in gazetteer.lookup(container.text):
            if outer.kind == "country" and outer.country_code == place.country_code:
                score += 3.0
            elif outer.kind == "admin1" and outer.country_code == place.country_code:
                score += 4.0 if outer.name == place.admin1 else 1.0
    if ctx.admin_word:
        score += 5.0 if place.kind == "admin1" else -1.0
    elif ctx.district_word:
        score += 5.0 if place.kind in ("admin2", "admin3") else -1.0
    elif place.kind in ("city", "site"):
        score += 0.5
    elif place.kind in ("admin2", "admin3"):
        score -= 1.0
    if _curated(place, ctx, gazetteer):
        # The pack's curators put this spelling on this place; GeoNames alternates are noisier.
        score += 2.0
    elif curated and place.feature and place.population < _KNOWN_POPULATION:
        # ... and they did so knowing the villages of the name ("Kurdistan", a village of
        # Sulaymaniyah, is the Kurdistan Region unless the article says otherwise: a container
        # or a demonym).
        score -= 4.0
    others = [a for a in anchors if a.id != place.id]
    if others and place.kind in ("city", "site"):
        nearest = min(distance_km(place, a) for a in others)
        score += 1.5 if nearest < 150 else 0.5 if nearest < 400 else 0.0
    return score


def _anchor(found: Sequence[Place]) -> Place | None:
    """The town a name fixes on the map without doubt: its one place, or the town of a name
    whose places all lie within a few kilometres ("Idlib": the city and the governorate
    located at its seat)."""
    towns = [p for p in found if p.kind in ("city", "site")]
    if not towns:
        return None
    town = max(towns, key=lambda p: p.population)
    if all(distance_km(town, p) < _SAME_SPOT_KM for p in found):
        return town
    return None


def _curated(place: Place, ctx: _Context, gaz: Gazetteer) -> bool:
    return place.id.startswith("pack:") or gaz.vouched(place, ctx.mention.text)


def _misspelt_namesake(
    best: Place, ctx: _Context, found: Sequence[Place], countries: Counter[str], gaz: Gazetteer
) -> bool:
    """Whether ``best`` is a place abroad that only a loose spelling key ties to a word the
    scan knows as an imported village's name: "Barham Salih" is no reason to put an event in
    Sari, Iran ("Salih" ~ "Sari"), when the village Salih lost to it."""
    if best.feature or countries[best.country_code] or gaz.vouched(best, ctx.mention.text):
        return False
    if not any(p.feature and p.country_code in gaz.imported for p in found):
        return False
    return fuzz.ratio(scan_form(ctx.mention.text), scan_form(best.name)) < 75


def _stray_alternate(best: Place, ctx: _Context, countries: Counter[str], gaz: Gazetteer) -> bool:
    """Whether ``best`` is a town of a country the article never names, found only by one of
    its alternate names: "the Mazraa project area of Damascus" is not Elazığ in Turkey
    (once called Mezre), whatever its size. Its own name, a container or a demonym would
    have been support."""
    if best.kind not in ("city", "site") or not countries or countries[best.country_code]:
        return False
    if place_key(best.name) == ctx.key or best.id.startswith("pack:"):
        return False
    supported = ctx.container is not None or ctx.demonym is not None
    return not (supported or gaz.vouched(best, ctx.mention.text))


def _candidates(gaz: Gazetteer, ctx: _Context) -> list[Place]:
    """The places ``ctx``'s mention may name. A short key folds too much ("US" ~ a village
    "Os"): an imported place must then carry the very spelling."""
    if ctx.mention.near_key is not None:
        return gaz.lookup_key(ctx.mention.near_key)
    found = gaz.lookup(ctx.mention.text)
    if len(ctx.key) > 3:
        return found
    return [p for p in found if not _imported_only(p) or _spelled(p, ctx)]


def _imported_only(place: Place) -> bool:
    """A place only an imported village file has (no GeoNames record merged into it)."""
    return place.id.startswith(("wof:", "ocha:"))


def _spelled(place: Place, ctx: _Context) -> bool:
    """Whether the text spells the place as one of its own names do (not only a name that
    shares its loose key: "Al Hawl" is the Syrian village's name, not Hull's)."""
    surface = scan_form(ctx.mention.text)
    return any(scan_form(n) == surface for n in (place.name, *place.names))


def _precision(place: Place, ctx: _Context) -> int:
    """ACLED's geo_precision: 1 a town or village, 2 near one, a district or an area, 3 a
    governorate or country."""
    if place.kind in ("country", "admin1"):
        return 3
    if place.kind in ("admin2", "admin3") or place.feature in _AREA_FEATURES:
        return 2
    return 2 if ctx.near or ctx.area_word else 1


def resolve_places(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    entities: Iterable[tuple[int, int, str]] = (),
    words: TheatreWords | None = None,
) -> list[ResolvedPlace]:
    """Every place mention in ``text`` resolved to its most likely place, in text order.

    1. Find mentions (gazetteer scan and the NER ``entities`` given, e.g. from
       :func:`spacy_entities`; PERSON, ORG and other entities veto scan hits inside them)
       and read each one's context.
    2. Refuse mentions that are too ambiguous to stand alone.
    3. Link "X, Y" and "X in Y" pairs: Y is X's container.
    4. Count the countries the article names (countries, demonyms, one-candidate places).
    5. Score each candidate (population prior, theatre, article countries, container,
       "X province", nearness to places the article names unambiguously) and keep the best.

    ``words`` are the theatre's demonyms and place words (default: the selected pack's).
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    words = words if words is not None else load_pack().words
    # 1. and 2.
    contexts = [_context(text, m, gaz, words) for m in find_mentions(text, gaz, entities, words)]
    contexts = [c for c in contexts if _admissible(c, text, words)]
    # 3.
    for ctx, nxt in itertools.pairwise(contexts):
        if _CONTAINER_GAP.match(text[ctx.mention.end : nxt.mention.start]):
            ctx.container = nxt.mention
    # 4.
    candidates = {id(c): _candidates(gaz, c) for c in contexts}
    countries: Counter[str] = Counter()
    anchors: list[Place] = []
    for ctx in contexts:
        found = candidates[id(ctx)]
        # A name all of whose places lie in one country ("Idlib": a city and a governorate)
        # says which country the article is about as plainly as a one-place name does.
        if found and len({p.country_code for p in found}) == 1:
            countries[found[0].country_code] += 1
        anchor = _anchor(found)
        if anchor is not None:
            anchors.append(anchor)
        if ctx.demonym:
            countries[ctx.demonym] += 1
    # 5.
    resolved: list[ResolvedPlace] = []
    for ctx in contexts:
        found = candidates[id(ctx)]
        if not found:
            continue
        rival = max(p.population for p in found)
        curated = any(_curated(p, ctx, gaz) for p in found)
        rival_spelled = any(
            p.population >= _BIG_POPULATION and scan_form(p.name) == scan_form(ctx.mention.text)
            for p in found
        )
        scored = sorted(
            (
                (_score(p, ctx, countries, anchors, gaz, rival, curated, rival_spelled), p)
                for p in found
            ),
            key=lambda pair: -pair[0],
        )
        score, best = scored[0]
        # A hamlet abroad that nothing in the article points to is a false friend, not a place.
        foreign = best.country_code not in gaz.theatre and not countries[best.country_code]
        if foreign and best.population < 1000 and ctx.mention.label == "GAZ":
            continue
        if _misspelt_namesake(best, ctx, found, countries, gaz):
            continue
        if _stray_alternate(best, ctx, countries, gaz):
            continue
        m = ctx.mention
        resolved.append(ResolvedPlace(best, m.start, m.end, m.text, _precision(best, ctx), score))
    return resolved


def event_location(
    text: str,
    start: int,
    end: int,
    *,
    resolved: Sequence[ResolvedPlace] | None = None,
    gazetteer: Gazetteer | None = None,
    entities: Iterable[tuple[int, int, str]] = (),
) -> ResolvedPlace | None:
    """The best location for an event told in ``text[start:end]`` (a sentence of the article).

    Pass ``resolved`` (from :func:`resolve_places` on the whole article) when asking for many
    sentences. Within the sentence the most precise place wins (a town before its province, a
    town before the city it is "north of"); a place that only serves as another's container
    ("Tarmiya, north of Baghdad" → not Baghdad) loses ties. With no place in the sentence, the
    last place named before it stands in, at geo_precision 2 at best: the sentence continues a
    story told there, but it does not say the event happened in that town.
    """
    places = (
        list(resolved)
        if resolved is not None
        else resolve_places(text, gazetteer=gazetteer, entities=entities)
    )
    inside = [p for p in places if p.start >= start and p.end <= end]
    if inside:
        containers = {(p.start, p.end) for p in inside for q in inside if _contains(p, q)}

        def rank(p: ResolvedPlace) -> tuple[int, int, int, bool, int]:
            return (
                p.geo_precision,
                _KIND_RANK[p.place.kind],
                (p.start, p.end) in containers,
                # "Iraq's PMF … an airstrike across the border in Syria": the place the
                # sentence puts something "in" beats one that qualifies a name.
                not _LOCATIVE_BEFORE.search(text[max(0, p.start - 12) : p.start]),
                p.start,
            )

        return min(inside, key=rank)
    before = [p for p in places if p.end <= start and p.place.kind in ("city", "site")]
    if not before:
        return None
    last = before[-1]
    return ResolvedPlace(
        last.place, last.start, last.end, last.text, max(2, last.geo_precision), last.score
    )


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|inside|into|at|near)\s+(?:the\s+)?$", re.I)


def _contains(outer: ResolvedPlace, inner: ResolvedPlace) -> bool:
    """Whether ``outer`` is a larger unit holding ``inner`` (its admin1 or its country)."""
    if outer is inner or outer.place.country_code != inner.place.country_code:
        return False
    if outer.place.kind == "country":
        return inner.place.kind != "country"
    if outer.place.kind == "admin2":
        return inner.place.kind != "admin1" and inner.place.admin2 == outer.place.admin2
    return outer.place.kind == "admin1" and inner.place.admin1 == outer.place.name
