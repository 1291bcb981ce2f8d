"""Toponym resolution: place names in an article → gazetteer places with ACLED geo-precision."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from orbat.nlp.gazetteer import Gazetteer, Place, load_gazetteer, place_key, scan_form
from orbat.packs import TheatreWords, load_pack
from orbat.resolve.capitals import capital_mentions
from orbat.resolve.containment import OWNER_GAP, contains, holds, owns
from orbat.resolve.geometry import distance_km
from orbat.resolve.namesakes import (
    KNOWN_POPULATION,
    keep_in_named_countries,
    loose_stranger,
    misspelt_namesake,
    outside_its_container,
    spells,
    stray_alternate,
)
from orbat.resolve.person_names import person_vetoes
from orbat.resolve.place_mentions import (
    Mention,
    MentionContext,
    admissible,
    find_mentions,
    read_context,
    spacy_entities,
)
from orbat.resolve.qualifiers import apply_qualifiers

__all__ = [
    "COMPONENT",
    "Mention",
    "ResolvedPlace",
    "event_location",
    "find_mentions",
    "person_vetoes",
    "resolve_places",
    "spacy_entities",
]

#: Versioned name stored with every place this resolver produces.
COMPONENT = "orbat.resolve.places.v1"

# "X, Y", "X in Y", "X, in eastern Y", "X in the north of Y".
_COMPASS = r"(?:(?:north|south)?(?:east|west)?(?:ern)?|central)"
_IN_PART_OF = (
    rf"in\s+(?:the\s+)?(?:{_COMPASS}\s+(?:of\s+)?)?"
    r"(?:(?:countryside|outskirts|suburbs|vicinity|environs)\s+of\s+)?"
)
# "Thiban town, Deir ez-Zor", "Jasim city, Daraa": the kind of place before the comma.
# "the Saqr base in southern Baghdad": a feature's noun before "in".
_KIND_NOUN = (
    r"(?:\s+(?:town|city|village|subdistrict|district|area|countryside|camp|base|air\s*base"
    r"|airport|prison|neighbou?rhood|quarter|province|governorate|state|region))?"
)
_CONTAINER_GAP = re.compile(
    rf"^{_KIND_NOUN}\s*(?:,\s*(?:{_IN_PART_OF})?|{_IN_PART_OF})$"
    # "the Hayyaniyah district of Basra", "the Sirwah district of Marib"
    r"|^\s+(?:sub-?district|district|neighbou?rhood|quarter)\s+of\s+(?:the\s+)?$",
    re.I,
)
_OF_GAP = re.compile(r"^\s+of\s+(?:the\s+)?$")
_AND_GAP = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or)\s*$")
_KIND_RANK = {"site": 0, "city": 0, "admin3": 1, "admin2": 1, "admin1": 2, "country": 3}
#: Named features that cover an area: ACLED codes an event there at geo_precision 2.
_AREA_FEATURES = frozenset(
    ["mountain", "mountains", "hill", "hills", "ridge", "plain", "plateau", "desert", "area",
     "region", "wadi", "oil field", "gas field", "sea", "strait"]
)  # fmt: skip
#: Imported villages carry no population; this many people stands in for the prior, as much
#: as the smallest GeoNames cities500 town gets.
_VILLAGE_POPULATION = 500
#: A place this populous is known beyond doubt; an imported place smaller than
#: ``_KNOWN_POPULATION`` (villages carry none) yields to it unless the article supports it.
_BIG_POPULATION = 100_000
_MILLION = 1_000_000
_KNOWN_POPULATION = KNOWN_POPULATION
#: What a governorate weighs in the population prior (see _score).
_ADMIN1_POPULATION = 100_000
#: Places of one name this close are one spot on the map (a town and the district it seats).
_SAME_SPOT_KM = 15.0


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


def _score(
    place: Place,
    ctx: MentionContext,
    countries: Counter[str],
    anchors: Sequence[Place],
    gazetteer: Gazetteer,
    rival: int = 0,
    curated: bool = False,
    rival_spelled: bool = False,
    provinces: frozenset[str] = frozenset(),
) -> float:
    population = place.population
    if place.kind == "city" and (place.feature or place.country_code in gazetteer.theatre):
        # An imported village, or a theatre town GeoNames lists without a head count (Ra's
        # al-'Ayn, 0): at least a village, not nothing.
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
        spelled = spells(ctx.mention.text, place)
        score += 6.0 if spelled or gazetteer.vouched(place, ctx.mention.text) else 1.0
    if place_key(place.name) == ctx.key or place.id.startswith("pack:"):
        # The place's own name, or one the pack's curators gave it ("the Golan").
        score += 1.5
    # (A theatre town is no rival to a city of millions the text spells: "Kabul" is the
    # Afghan capital, not the Galilee town of 14,000 that shares its name.)
    if place.country_code in gazetteer.theatre and not (
        rival_spelled and rival >= _MILLION and place.population < _BIG_POPULATION
    ):
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
    if place.kind in ("city", "site") and place.admin1 in provinces:
        # "at al-Asadiyeh checkpoint near Hatin Farm in Raqqa province": a governorate named
        # close by says which of the villages of the name.
        score += 1.0
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


def _clear_winners(
    contexts: Sequence[MentionContext],
    candidates: dict[int, list[Place]],
    countries: Counter[str],
    anchors: list[Place],
    gaz: Gazetteer,
) -> None:
    """Count, as the article's countries, the names whose best place wins by a wide margin
    over every place in another country ("Raqqa": a Syrian city of half a million against
    hamlets in Estonia and Kuwait). A name with namesakes abroad then still says which
    country the article is about, and a village named beside it ("al-Asadiyeh") goes to a
    namesake in that country, not to an equally small one in Iran."""
    clear: list[Place] = []
    for ctx in contexts:
        found = candidates[id(ctx)]
        if len({p.country_code for p in found}) < 2:
            continue  # counted already
        scored = sorted(
            ((_score(p, ctx, countries, anchors, gaz), p) for p in found), key=lambda x: -x[0]
        )
        top, best = scored[0]
        abroad = max((v for v, p in scored if p.country_code != best.country_code), default=0)
        if top - abroad >= _CLEAR_MARGIN:
            clear.append(best)
    # Not map anchors: a big city in a list of strikes across a country is no sign that
    # the next name is the village of that name nearest to it.
    countries.update(place.country_code for place in clear)


def _provinces_near(
    ctx: MentionContext, contexts: Sequence[MentionContext], gaz: Gazetteer
) -> frozenset[str]:
    """The governorates named with "province" (or the like) within a sentence's reach of
    ``ctx``'s mention, by their gazetteer names."""
    return frozenset(
        p.name
        for other in contexts
        if other.admin_word and abs(other.mention.start - ctx.mention.start) <= _PROVINCE_REACH
        for p in gaz.lookup(other.mention.text)
        if p.kind == "admin1"
    )


#: How far (characters) a "... province" may stand from a village and still place it.
_PROVINCE_REACH = 150
#: How far ahead (in :func:`_score` points) a place must be of its namesakes abroad to tell
#: the article's country: a town of half a million over hamlets of the name.
_CLEAR_MARGIN = 3.0


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


def _curated(place: Place, ctx: MentionContext, gaz: Gazetteer) -> bool:
    return place.id.startswith("pack:") or gaz.vouched(place, ctx.mention.text)


def _candidates(gaz: Gazetteer, ctx: MentionContext) -> list[Place]:
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


def _spelled(place: Place, ctx: MentionContext) -> bool:
    """Whether the text spells the place as one of its own names do (not only a name that
    shares its loose key: "Al Hawl" is the Syrian village's name, not Hull's). The Arabic
    article, the separators and a final -h are a transliterator's choice, not another
    spelling: "al-Bara" is the village listed as "Bara" and "Al Bārah"."""
    surface = _written(ctx.mention.text)
    return any(_written(n) == surface for n in (place.name, *place.names))


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)\b[\s'’-]*")
_SEPARATORS = re.compile(r"[\s'’`-]+")


def _written(name: str) -> str:
    form = _ARTICLE.sub("", scan_form(name))
    form = _SEPARATORS.sub(" ", form).strip()
    return form[:-1] if form.endswith(("ah", "eh")) else form


def _precision(place: Place, ctx: MentionContext) -> int:
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
    6. Read a province in brackets after a place as its qualifier
       (:mod:`orbat.resolve.qualifiers`).

    ``words`` are the theatre's demonyms and place words (default: the selected pack's).
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    words = words if words is not None else load_pack().words
    # 1. and 2.
    contexts = [
        read_context(text, m, gaz, words) for m in find_mentions(text, gaz, entities, words)
    ]
    contexts = [c for c in contexts if admissible(c, text, words, gaz)]
    # 3.
    for ctx, nxt in itertools.pairwise(contexts):
        gap = text[ctx.mention.end : nxt.mention.start]
        if _CONTAINER_GAP.match(gap):
            ctx.container = nxt.mention
        elif OWNER_GAP.match(gap):
            nxt.container = ctx.mention  # "Basra's Hayyaniyah district"
        elif ctx.near and _AND_GAP.match(gap):
            nxt.near = True  # "near Albukamal and Mayadeen": near both
    # "the villages of Um al-Kayf and Tal Shanan in the countryside of Tal Tamr": the list
    # shares its last item's container.
    for ctx, nxt in reversed(list(itertools.pairwise(contexts))):
        gap = text[ctx.mention.end : nxt.mention.start]
        if ctx.container is None and nxt.container is not None and _AND_GAP.match(gap):
            ctx.container = nxt.container
    # 4.
    candidates = {id(c): _candidates(gaz, c) for c in contexts}
    countries = keep_in_named_countries(text, contexts, candidates, gaz)
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
    _clear_winners(contexts, candidates, countries, anchors, gaz)
    # 5.
    resolved: list[ResolvedPlace] = []
    for ctx in contexts:
        found = candidates[id(ctx)]
        if not found:
            continue
        # A district's head count is no rival town (its seat shares its name: "Ras al-Ain").
        rival = max(p.population if p.kind not in ("admin2", "admin3") else 0 for p in found)
        curated = any(_curated(p, ctx, gaz) for p in found)
        rival_spelled = any(
            p.population >= _BIG_POPULATION and scan_form(p.name) == scan_form(ctx.mention.text)
            for p in found
        )
        provinces = _provinces_near(ctx, contexts, gaz)
        scored = sorted(
            (
                (
                    _score(
                        p, ctx, countries, anchors, gaz, rival, curated, rival_spelled, provinces
                    ),
                    p,
                )
                for p in found
            ),
            key=lambda pair: -pair[0],
        )
        score, best = scored[0]
        if ctx.admin_word and best.kind == "city" and best.population < _BIG_POPULATION:
            continue  # "Borno state" is no Italian village: a province the gazetteer lacks
        # A hamlet abroad that nothing in the article points to is a false friend, not a place.
        unsupported = not countries[best.country_code]
        foreign = best.country_code not in gaz.theatre and unsupported
        # ... and so is a hamlet in a neighbour when the article plainly is about another
        # country ("al-Asadiyeh" in a report on Raqqa is no Iranian village).
        stray = unsupported and countries and best.kind == "city"
        if (foreign or stray) and best.population < 1000 and ctx.mention.label == "GAZ":
            continue
        if misspelt_namesake(best, ctx, found, countries, gaz):
            continue
        if not _spelled(best, ctx) and loose_stranger(best, ctx, countries, gaz):
            continue
        if outside_its_container(text, best, ctx, gaz):
            continue
        # Support for a country from elsewhere in the article: a name whose every place lies
        # in one country counted that country itself ("Radman" ~ two small US towns).
        others = countries.copy()
        if len({p.country_code for p in found}) == 1 and best.population < _BIG_POPULATION:
            others[best.country_code] -= 1
        if stray_alternate(best, ctx, +others, gaz):
            continue
        m = ctx.mention
        resolved.append(ResolvedPlace(best, m.start, m.end, m.text, _precision(best, ctx), score))
    # "the Iraqi capital" is Baghdad, not a hamlet "Al Iraqi" inside the phrase.
    for c in capital_mentions(text, gaz, words):
        resolved = [r for r in resolved if r.end <= c.start or r.start >= c.end]
        resolved.append(ResolvedPlace(c.place, c.start, c.end, c.text, 1, 10.0))
    resolved.sort(key=lambda r: r.start)
    # "the Badia of al-Mayadin": a desert's or region's stretch that a town or province owns
    # is placed by its owner, not by the whole area.
    resolved = [
        r
        for r, nxt in itertools.zip_longest(resolved, resolved[1:])
        if nxt is None
        or r.place.feature not in _AREA_FEATURES
        or not _OF_GAP.match(text[r.end : nxt.start])
    ]
    # 6.
    return apply_qualifiers(text, resolved, gaz)


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
        containers = {
            (p.start, p.end) for p in inside for q in inside if contains(p, q) or owns(text, p, q)
        }

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
    if len(before) > 1 and holds(text, before[-2], last):
        # "around Nairab in Idlib. Two soldiers were killed": the story was at Nairab.
        last = before[-2]
    return ResolvedPlace(
        last.place, last.start, last.end, last.text, max(2, last.geo_precision), last.score
    )


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|inside|into|at|near)\s+(?:the\s+)?$", re.I)
