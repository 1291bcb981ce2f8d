"""Where an event happened: its towns, and the place fields of a record.

ACLED codes one event per location per day, at the most precise place the source gives.
A sentence that names several towns reports one event in each, except a town that only
locates another ("Tarmiya, north of Baghdad"), the setting of the story ("In Daraa, … north of
Daraa"), a province written as a town ("the Suwayda and Daraa governorates") and a place
people came from or went to ("from the area near Jenin", "toward Al-Bukamal").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from orbat.extract.other_acts import ANOTHER_ACT
from orbat.extract.references import reference_pairs
from orbat.extract.unlisted import placed_by_reference, unlisted_villages
from orbat.resolve.containment import OWNER_GAP
from orbat.resolve.geometry import distance_km
from orbat.resolve.places import ResolvedPlace, event_location

if TYPE_CHECKING:
    from orbat.nlp.gazetteer import Place

__all__ = [
    "PLACE_KEYS",
    "ascii_name",
    "event_locations",
    "fields_at",
    "hometown_spans",
    "in_dateline",
    "is_dateline",
    "main_country",
    "modifies_a_group",
    "place_fields",
    "plausible_surface",
]

#: The record fields that say where an event happened.
PLACE_KEYS = (
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "place_id",
)


def event_locations(
    text: str, start: int, end: int, places: Sequence[ResolvedPlace]
) -> list[ResolvedPlace | None]:
    """Where the event told in ``text[start:end]`` happened: one place per distinct town it
    names (ACLED: one event per location per day), plus a province named alongside towns of
    other provinces; else the best place for the span (:func:`event_location`), or ``None``.
    """
    # "the M5 highway linking Damascus and Aleppo", "the Baghdad-Kirkuk road": the ends of a
    # route describe the road, they are not where the event happened.
    # "seized the Aleppo-Damascus highway": a road named by its ends, with nothing else
    # named, places the event near its first end (ACLED: geo_precision 2), not nowhere. (A
    # road "linking Damascus and Aleppo" only says where a town lies.)
    ends = [
        p
        for p in places
        if start <= p.start < end
        and route_end(text, p)
        and (text[p.end : p.end + 1] == "-" or _ON_THE_ROAD.search(text, 0, p.start))
    ]
    places = [p for p in places if not route_end(text, p)]
    # "U.S. President Joe Biden ordered airstrikes on … eastern Syria": a country named as
    # whose officials acted is no place, unless the sentence names no other.
    # "the rocket attack on the U.S. embassy": a country that owns the target is no place.
    places = [p for p in places if not _names_an_owned_site(text, p)]
    offices = [p for p in places if start <= p.start < end and _names_an_office(text, p)]
    if offices and any(start <= p.start < end and p not in offices for p in places):
        places = [p for p in places if p not in offices]
    if ends and not any(start <= p.start < end for p in places):
        places = [*places, replace(ends[0], geo_precision=2)]
    # "… killing eight fighters, a day after the group fired a missile at al-Asad air base":
    # the clause tells another act, at another place (when the sentence names one before it).
    other_act = ANOTHER_ACT.search(text, start, end)
    if other_act is not None and any(
        start <= p.start < other_act.start() and p.place.kind != "country" for p in places
    ):
        end = other_act.start()
    for namesake, village in placed_by_reference(text, start, end, places):
        places = [p for p in places if p is not namesake] + [village]
    inside = [p for p in places if start <= p.start and p.end <= end]
    # Villages the list names that no gazetteer knows (extract/unlisted.py) are towns too, and
    # what follows them may be their reference point ("the towns of Kansafra and al-Bara in
    # Jabal al-Zawiya": al-Bara unlisted, Jabal al-Zawiya their area, not a third event).
    unlisted = unlisted_villages(text, start, end, places)
    towns = sorted(
        [p for p in inside if p.place.kind in ("city", "site")] + unlisted, key=lambda p: p.start
    )
    pairs = reference_pairs(text, towns)
    # A town that serves as a reference point anywhere in the sentence ("In Daraa, …
    # a raid in the city of Izraa, north of Daraa") is the setting, not an event location.
    setting = {towns[j].place.id for _, j in pairs} | {
        t.place.id for t in towns if _REGION_AFTER.match(text[t.end : t.end + 20])
    }
    distinct: dict[str, ResolvedPlace] = {}
    for town in towns:
        # "Basra's Qurna district": the district a city's possessive names is the place.
        district = _owned_district(text, town, inside)
        city = _city_of_quarter(text, town, towns)
        if district is not None:
            distinct.setdefault(district.place.id, district)
        elif city is not None:
            # "the Andalus neighbourhood of Mosul": a quarter the gazetteer only knows in
            # another city (Baghdad's Andalus) is coded to the city the text names.
            if distance_km(town.place, city.place) > _QUARTER_KM:
                distinct.setdefault(city.place.id, city)
        elif town.place.id not in setting:
            distinct.setdefault(town.place.id, town)
    # "Kansafra village in Jabal al-Zawiya, southern Idlib", "Baghdad's Dora district": beside a
    # town of its province, a province's namesake city stands for the province, and "Basra
    # police said" or "the Kurdistan Region's ministry" names who speaks, not where.
    for key, town in list(distinct.items()):
        others = [t for k, t in distinct.items() if k != key]
        if others and (
            _modifier_sense(text, town)
            or (
                _names_its_province(text, town)
                and any(t.place.admin1 == town.place.admin1 for t in others)
            )
        ):
            del distinct[key]
    # "crossed toward Al-Bukamal but were struck near Mayadeen": where people were going
    # (or coming from) is not where the event happened, when the sentence names that too.
    # ... and so is the place of what a protest is about ("stormed the Swedish embassy in
    # Baghdad over a planned Quran burning in Stockholm").
    moving = {
        k
        for k, t in distinct.items()
        if _MOVEMENT_BEFORE.search(text[max(0, t.start - 30) : t.start])
        or _CAUSE_BEFORE.search(text[max(start, t.start - 60) : t.start])
        # "detained 14 members suspected of firing rockets at the Green Zone": where the
        # detainees are said to have acted.
        or _ALLEGED_BEFORE.search(text[max(start, t.start - 80) : t.start])
    }
    if moving and len(moving) < len(distinct):
        for key in moving:
            del distinct[key]
    # A province named alongside towns of other provinces is one more event location
    # ("Two IED attacks were reported in Babil province, with a convoy targeted in
    # Yusufiyah district of Baghdad": Babil and Yusufiyah).
    if distinct:
        covered = {t.place.admin1 for t in distinct.values()}
        for region in inside:
            if (
                region.place.kind == "admin1"
                and region.place.name not in covered
                and not _modifier_sense(text, region)
                # "the Kurdistan Region's Khor Mor gas field": the owner of the place named.
                and not _POSSESSIVE_AFTER.match(text, region.end)
                # "near Mutaibijah, on the border between Salah al-Din and Diyala": the
                # provinces a boundary runs between say where the town lies.
                and not _BOUNDARY_BEFORE.search(text[max(start, region.start - 60) : region.start])
                # "Erbil, the capital of the Kurdistan Region": the town's own province.
                and not _SEAT_OF_BEFORE.search(text[max(start, region.start - 60) : region.start])
            ):
                distinct.setdefault(region.place.id, region)
                covered.add(region.place.name)
    if distinct:
        return list(distinct.values())
    best = event_location(text, start, end, resolved=places)
    return [best]


_ALLEGED_BEFORE = re.compile(
    r"\b(?:suspected|accused|charged|charges|convicted)\s+(?:of|with)\b[^,;.]{0,70}$", re.I
)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
# "on the border between Salah al-Din and Diyala", "…, between Salahuddin and Diyala provinces".
_BOUNDARY_BEFORE = re.compile(
    r"(?:\b(?:border|boundary|borders)\s+|,\s*)between\b[^.;]{0,40}$", re.I
)


def route_end(text: str, place: ResolvedPlace) -> bool:
    """Whether ``place`` names an end of a road, highway or pipeline: "the M5 highway linking
    Damascus and Aleppo", "the Baghdad-Kirkuk road", "the road between Hama and Homs"."""
    before = text[max(0, place.start - 80) : place.start]
    linked = _LINKING_BEFORE.search(before)
    if linked is not None and _ROUTE_WORD.search(before[: linked.start()][-40:]):
        return True
    after = text[place.end : place.end + 40]
    return bool(
        _ROUTE_AFTER.match(after)
        or (_HYPHEN_BEFORE.search(before) and _ROUTE_WORD.match(after.lstrip(" ")))
    )


_ROUTE_WORD = re.compile(
    r"\b(?:highway|road|motorway|route|pipeline|railway|corridor|M\d+)\b", re.I
)
# "linking Damascus", "linking Damascus and" (the second end), "between Hama and".
_LINKING_BEFORE = re.compile(
    r"\b(?:linking|links|link|connecting|connects|connect|joining|joins|between)\s+"
    r"(?:the\s+)?(?:(?:cities|towns|provinces)\s+of\s+)?(?:[\w'’-]+\s+){0,3}?(?:and\s+)?$",
    re.I,
)
# "targeted a car on the road between al-Mayadin and al-Quriyah": the event was on the road
# (not "the town, which sits on the M5 highway linking Damascus and Aleppo").
_ON_THE_ROAD = re.compile(
    r"(?<!sits\s)(?<!lies\s)(?<!located\s)(?<!situated\s)\b(?:on|along)\s+the\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:highway|road|motorway|route)\s+(?:between|linking|connecting)\s+"
    r"(?:the\s+(?:cities|towns)\s+of\s+)?(?:(?:al|el|ad|ar|as|ash|at|az|an)[-‑\s])?$",
    re.I,
)
# "Baghdad-Kirkuk road": the first end, before the hyphen and the second.
_ROUTE_AFTER = re.compile(r"^[-–][\w' ’-]{2,30}?\s(?:highway|road|motorway|route|pipeline)\b", re.I)
_HYPHEN_BEFORE = re.compile(r"[-–]$")


def _names_its_province(text: str, town: ResolvedPlace) -> bool:
    """Whether ``town`` is written as its province's name ("southern Idlib"), not as a city
    ("Idlib city", "the city of Idlib")."""
    province = town.place.admin1
    if not province or _CITY_AROUND.search(text[max(0, town.start - 12) : town.start]):
        return False
    if re.match(r"\s+city\b", text[town.end : town.end + 6], re.I):
        return False
    return fuzz.ratio(_folded(town.text), _folded(province)) >= 80


def _folded(name: str) -> str:
    plain = ascii_name(name).lower()
    return re.sub(r"[^a-z]", "", re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an)[-\s]", "", plain))


def _modifier_sense(text: str, place: ResolvedPlace) -> bool:
    """Whether ``place`` names whose officials or forces speak or act ("Iraq's Kurdistan
    region officials said", "Basra police"), not where something happened."""
    return bool(_ORGANISATION_AFTER.match(text[place.end : place.end + 40]))


_CITY_AROUND = re.compile(r"\b(?:city|town)\s+of\s+(?:the\s+)?$", re.I)
_ORGANISATION_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:region(?:al)?\s+|provincial\s+|local\s+)?(?:officials?|authorit(?:y|ies)"
    r"|ministry|minister|government|governor|council|police|spokes(?:man|woman|person)"
    r"|security\s+media\s+cell|health\s+directorate|media\s+office|news\s+agency)\b",
    re.I,
)


def main_country(places: Sequence[ResolvedPlace]) -> str | None:
    """The country most of the article's places lie in, if one stands out."""
    # Towns and governorates say where an article is; a country is as often who acted or
    # was blamed ("the group blamed the United States").
    local = [p for p in places if p.place.kind != "country"] or places
    counts = Counter(p.place.country for p in local if p.place.country)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def place_fields(location: ResolvedPlace) -> dict[str, Any]:
    """The location fields of a record placed at ``location``."""
    return fields_at(location.place, location.geo_precision)


def fields_at(place: Place, geo_precision: int) -> dict[str, Any]:
    """The location fields of a record placed at ``place`` with ``geo_precision``. The name
    is in plain Latin letters, as ACLED writes locations ("At Tarmiyah", not "Aţ Ţārmīyah"):
    analysts filter and join on these strings."""
    return {
        "country": place.country,
        "admin1": place.admin1 if place.kind != "country" else None,
        "admin2": place.admin2,
        "location": ascii_name(place.name),
        "latitude": place.lat,
        "longitude": place.lon,
        "geo_precision": geo_precision,
        "place_id": place.id,
    }


# "crossed toward Al-Bukamal", "two Palestinians from the area near Jenin": where people were
# going or coming from is not where the event happened.
_MOVEMENT_BEFORE = re.compile(
    r"\b(?:toward|towards|to|from|into)\s+(?:the\s+)?"
    r"(?:(?:area|vicinity|outskirts|region|direction)\s+(?:near|of|around)\s+)?$",
    re.I,
)
# The grievance a protest is over, up to the place named in it: "over a planned Quran
# burning in", "against the killing of protesters in".
_CAUSE_BEFORE = re.compile(
    r"\b(?:over|against|denouncing|condemning|protesting)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’-]+\s+){0,5}(?:in|at)\s+(?:the\s+)?$",
    re.I,
)
# "between the Suwayda and Daraa governorates": a town's name used for its province.
_REGION_AFTER = re.compile(r"\s+(?:governorates?|provinces?)\b", re.I)
# "the Mazraa project area of Damascus": a quarter of a city, coded to the city (ACLED).
_QUARTER_OF = re.compile(r"^(?:\s+project)?\s+(?:area|quarter|neighbou?rhood)\s+of\s+$", re.I)
_CITY_POPULATION = 100_000
#: Farther than this from the city it is said to be a quarter of, a quarter is a namesake.
_QUARTER_KM = 30


def _owned_district(
    text: str, town: ResolvedPlace, places: Sequence[ResolvedPlace]
) -> ResolvedPlace | None:
    """The district of its province that ``town``'s possessive names ("Basra's Qurna
    district"), or that is named "of" it ("the Zubair district of Basra"), if any: there, not
    in the city, it happened."""
    return next(
        (
            p
            for p in places
            if p.place.kind in ("admin2", "admin3")
            and p.place.admin1 == town.place.admin1
            and (
                OWNER_GAP.match(text[town.end : p.start])
                or _DISTRICT_OF_GAP.match(text[p.end : town.start])
            )
        ),
        None,
    )


_DISTRICT_OF_GAP = re.compile(r"^\s+(?:district|sub-?district|qada|nahiya)\s+of\s+$", re.I)


def _city_of_quarter(
    text: str, town: ResolvedPlace, towns: Sequence[ResolvedPlace]
) -> ResolvedPlace | None:
    """The big city the sentence names next when ``town`` is named as a quarter of it."""
    return next(
        (
            city
            for city in towns
            if city.start > town.end
            and city.place.population >= _CITY_POPULATION
            and _QUARTER_OF.match(text[town.end : city.start])
        ),
        None,
    )


# "WASHINGTON, DC (Kurdistan 24) –": the outlet in a dateline's brackets is no place.
# ... and the outlet in its bracket: "ERBIL, Kurdistan Region (Kurdistan 24) –".
_DATELINE_BRACKET = re.compile(
    r"^[A-Z][A-Z .,'’-]+(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}\s*)?\($"
)
# "TIKRIT: Three fighters…", "IRBIL: Iraq's…", "BAGHDAD - The…", "ERBIL, Iraq (AP) — A…",
# "BAGHDAD, March 3 (Reuters) -": a dateline says where the story was filed, not where the
# event happened.
_DATELINE_DATE = (
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?)"
)
_DATELINE_AFTER = re.compile(
    r"^\s*(?::|,\s*[A-Z]{2}\b|(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    rf"(?:,?\s*{_DATELINE_DATE})?\s*"
    # "DAMASCUS, (SANA) –": the agency may follow the comma.
    r",?\s*(?:\([^)]{1,40}\))?\s*[–—-]\s"
    # "Damascus, 26 Jun (Prensa Latina) Joint units…": a date and an agency need no dash.
    rf"|,?\s*{_DATELINE_DATE}\s*\([^)]{{1,40}}\)\s)"
)
# The country after a dateline's city: "ERBIL, Iraq (AP) —".
_DATELINE_CITY_BEFORE = re.compile(r"^[A-Z][A-Z .'’-]+,\s*$")


def is_dateline(text: str, place: ResolvedPlace) -> bool:
    return in_dateline(text, place.start, place.end)


def dateline_place(text: str, places: Sequence[ResolvedPlace]) -> ResolvedPlace | None:
    """The place of ``places`` the story's dateline names ("BAGHDAD (Reuters) -"), if any."""
    return next((p for p in places if is_dateline(text, p)), None)


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is (part of) a dateline: where the story was filed."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if _DATELINE_BRACKET.match(before):
        return True
    if _DATELINE_CITY_BEFORE.match(before) and _DATELINE_AFTER.match(text[end : end + 60]):
        return True
    if before.strip():
        return False
    return bool(_DATELINE_AFTER.match(text[end : end + 60]))


# "Senior Chief Petty Officer Scott C. Dayton, 42, of Woodbridge, Virginia, died …": where a
# person comes from, not where the event happened (casualty notices, obituaries, court news).
_HOMETOWN = re.compile(
    r"(?:\b\d{1,3},\s+of|\bnative\s+of|\bhometown\s+of|\bresident\s+of)\s+"
    r"(?:[A-Z][\w'’.-]*\s?){1,3}(?:,\s*(?:[A-Z][\w'’.-]*\s?){1,3})?"
)


def hometown_spans(text: str) -> list[tuple[int, int]]:
    """Spans naming where a person is from ("42, of Woodbridge, Virginia")."""
    return [m.span() for m in _HOMETOWN.finditer(text)]


def modifies_a_group(text: str, place: ResolvedPlace) -> bool:
    """Whether ``place`` names who stands behind a group, not where anything happened: the
    first half of a compound ("the Ankara-backed militants", "US-led coalition"), the
    backer after the group ("militants backed by Ankara", "forces loyal to Damascus") or the
    state whose forces act ("the Ankara forces", "the Damascus regime"), where the group's
    men come from ("20 families of Eastern Ghouta terrorists"), or which branch of a group
    it is ("the Islamic State's Afghanistan branch")."""
    return bool(
        _BACKED_AFTER.match(text[place.end : place.end + 16])
        or _MEN_AFTER.match(text[place.end : place.end + 14])
        or _BRANCH_AFTER.match(text[place.end : place.end + 14])
        or _BACKED_BY_BEFORE.search(text[max(0, place.start - 30) : place.start])
        or (
            _FORCES_AFTER.match(text[place.end : place.end + 20])
            and text[max(0, place.start - 4) : place.start].lower() == "the "
        )
    )


# "the Islamic State's Afghanistan branch": the country names the group's branch.
_BRANCH_AFTER = re.compile(r"\s+(?:branch|chapter|affiliate|franchise|offshoot|wing)\b")
_SEAT_OF_BEFORE = re.compile(
    r"\b(?:capital|seat|centre|center|largest\s+city|main\s+city)\s+of\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
_MEN_AFTER = re.compile(
    r"\s+(?:militants|terrorists|fighters|rebels|gunmen|jihadists|insurgents|militiamen"
    r"|separatists|guerr?illas|extremists|tribesmen)\b"
)
_BACKED_BY_BEFORE = re.compile(
    r"\b(?:backed|supported|sponsored|funded|armed|led|aligned)\s+by\s+(?:the\s+)?$"
    r"|\b(?:loyal|allied|affiliated)\s+(?:to|with)\s+(?:the\s+)?$",
    re.I,
)


def _names_an_office(text: str, place: ResolvedPlace) -> bool:
    return place.place.kind == "country" and _OFFICE_AFTER.match(text, place.end) is not None


def _names_an_owned_site(text: str, place: ResolvedPlace) -> bool:
    return place.place.kind == "country" and _OWNED_SITE_AFTER.match(text, place.end) is not None


_OWNED_SITE_AFTER = re.compile(
    r"\s+(?:embassy|consulate|(?:military\s+|air\s+)?bases?|troops|soldiers|forces|convoys?"
    r"|patrols?|contractors?|personnel|servicem[ae]n)\b",
    re.I,
)
_OFFICE_AFTER = re.compile(
    r"\s+(?:President|Vice\s+President|Secretary|Defen[cs]e\s+(?:Secretary|Minister|Ministry)"
    r"|Foreign\s+Minist\w+|Prime\s+Minister|envoy|ambassador|officials?|spokes\w+"
    r"|administration|lawmakers?|senators?|diplomats?|Treasury|State\s+Department"
    r"|Central\s+Command|military\s+officials?)\b"
)
# "damaged by the Ankara forces", "the Damascus regime": a state named by its capital.
_FORCES_AFTER = re.compile(r"^\s+(?:forces|troops|regime|army|militias?)\b", re.I)
_BACKED_AFTER = re.compile(
    r"^[-‑‐](?:backed|led|allied|aligned|affiliated|sponsored|supported|funded|controlled"
    r"|based|loyal)\b",
    re.I,
)


def plausible_surface(surface: str) -> bool:
    """Place names are capitalised words of three letters or more ("al" is not Albert Lea);
    wire copy writes the Arabic article in lower case before the capital ("al-Bab")."""
    return len(surface) >= 3 and (surface[:1].isupper() or bool(_LOWER_ARTICLE.match(surface)))


# "al-Bab", "el-Arish", "ash-Shaddadi": a lower-case Arabic article joined to a capitalised name.
_LOWER_ARTICLE = re.compile(r"^(?:al|el|ad|adh|ar|as|ash|at|ath|az|an)[-‑‐][A-Z]")


def ascii_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in folded if not unicodedata.combining(c) and c not in "‘’ʿʾ`'")
    return plain or name
