"""Place mentions of an article: where a text may name a place (gazetteer scan hits and NER
entities, without the pieces of people's and organisations' names) and what the words around
each one say (a preposition, "near", "province", a demonym), which
:func:`orbat.resolve.places.resolve_places` weighs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from orbat.nlp.gazetteer import Gazetteer, place_key
from orbat.packs import TheatreWords, load_pack
from orbat.resolve.place_cues import (
    STRUCK_VERBS,
    article_place,
    bracketed_province,
    named_with_place_noun,
    place_demonym,
    quarter_town,
    reads_as_a_date,
    struck_place,
)
from orbat.resolve.spelling import near_spelling

__all__ = [
    "Mention",
    "MentionContext",
    "admissible",
    "find_mentions",
    "read_context",
    "spacy_entities",
]


#: Names of villages somewhere that are also words of place names everywhere, holy books ("a
#: planned Quran burning"), a people ("a Briton") or a region no event is coded in ("the
#: Islamic State of Iraq and the Levant"); never a place on their own ("Tal" is
#: "hill", "Sur" a wall, "Bar" and "Man" English words).
_NEVER_ALONE = frozenset(
    place_key(w)
    for w in [
        "tal", "tell", "sur", "bar", "man", "ain", "ayn", "umm", "abu", "bir", "deir", "dayr",
        "kafr", "beit", "bayt", "ras", "wadi", "jebel", "jabal", "qasr", "hay", "camp", "base",
        "city", "town", "port", "new", "north", "south", "east", "west", "central", "upper",
        "lower", "mount", "saint", "san", "la", "le", "center", "centre", "quran", "koran",
        "bible", "torah", "briton", "britons", "levant",
    ]
)  # fmt: skip


# Acts of war done to places, not people ("jets bombed Maarat al-Numan"): what follows is a
# place whatever the tagger says (:func:`orbat.resolve.place_cues.struck_place`).
_STRUCK = f"(?:{STRUCK_VERBS})"
# "east of Palmyra", "north-west of Kirkuk": a point of the compass off a town.
_COMPASS_OF = (
    r"(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est|[Nn]orth-?east|[Nn]orth-?west|[Ss]outh-?east"
    r"|[Ss]outh-?west)(?:ern)?\s+of"
)
_NEAR = re.compile(
    rf"\b(?:near|outside|around|close to|outskirts of|vicinity of|{_COMPASS_OF}|"
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


# "al-Qaeda in Iraq (AQI)", "Popular Mobilization Forces (PMF)": an acronym the text defines
# after a name of two or more words.
_DEFINED_ACRONYM = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){1,7}\s+\(([A-Z]{2,6})\)")


@lru_cache(maxsize=8)
def _defined_acronyms(text: str) -> frozenset[str]:
    return frozenset(m.group(1) for m in _DEFINED_ACRONYM.finditer(text))


_ARTICLE_BEFORE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an)[-‑\s]$", re.I)


_ADMIN_AFTER = re.compile(
    r"^\s+(?:province|governorate|governate|muhafazat"
    # "Borno state", "Rakhine State"; not "Iraq state media".
    r"|state\b(?!\s+(?:media|TV|television|news|radio|run|owned|agency|department|of)\b))\b",
    re.I,
)


_AREA_AFTER = re.compile(
    r"^(?:\s+and\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?\s+"
    r"(?:area|areas|region|district|countryside|desert|outskirts|suburbs|environs|plains?)\b",
    re.I,
)


_PLACE_AFTER = re.compile(
    r"^\s+(?:city|town|village|base|air\s*base|airbase|camp|border crossing|crossing|airport)\b",
    re.I,
)


_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})


_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ \t]+$")


_WORD_AFTER = re.compile(r"^[ \t]+([A-Z][\w'’-]*)")


# "Muqtada al-Sadr", "Ahmed al-Sharaa": a nisba, part of a person's name.
# ("Syria's al-Bab" is a possessive before a place, not a name.)
_NISBA_BEFORE = re.compile(r"[A-Z][\w'’]+(?<!['’]s)\s+(?:al|el|bin|ibn|bint|abu)[-\s]$")


_JOINED_BEFORE = re.compile(r"[A-Z][\w'’]*-$")  # "Bryson-Richardson"


_NAME_AFTER = re.compile(r"^(?:-\d|\s+(?:al|el|bin|ibn)[-\s][A-Z])")


# "Tarmiyah district", "the Ariha sub-district": the district, not its seat.
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|sub-?district|qada|qadaa|nahiya|nahiyah)\b", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that may name a place: from the gazetteer scan or a NER entity."""

    start: int
    end: int
    text: str
    label: str  # "GAZ" for a gazetteer scan hit, else the NER label (GPE, LOC, FAC)
    #: The gazetteer key a misspelt name was matched to ("Dayr Az Zayr" → Dayr az Zawr's).
    near_key: str | None = None


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
    scanned = gazetteer.scan(text)
    # One sense per discourse: the city of a dateline ("SANAA, March 16 (Wire) -", a line's
    # shouted first word) is a place where the tagger took it for a person ("air strikes on
    # Sanaa and Saada").
    undoubted = {
        t.casefold()
        for s, e, t in scanned
        if t.isupper() and len(t) > 3 and (s == 0 or text[s - 1] == "\n")
    }
    others = [
        (s, e)
        for s, e, label in entities
        if label not in _ENTITY_LABELS
        and (label != "PERSON" or text[s:e].casefold() not in undoubted)
        and not (label == "DATE" and not reads_as_a_date(text[s:e]))
    ]
    # "the Israeli town of Elad": a place noun before the name outweighs a tagger that
    # took the name for a person's.
    hits = [
        Mention(s, e, t, "GAZ")
        for s, e, t in scanned
        if not any(s < oe and e > os for os, oe in others)
        or _PLACE_NOUN_BEFORE.search(text[max(0, s - 20) : s])
        or article_place(text, s)
        or struck_place(text, s, gazetteer, t)
        or named_with_place_noun(text, e, gazetteer, t)
        or bracketed_province(text, s, e, gazetteer, t)
        or _curated(gazetteer, t)
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
        if end <= start or "," in text[start:end] or not gazetteer.lookup(text[start:end]):
            continue  # "Ain Issa, Raqqa" tagged as one: a town and its province, scanned apart
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
# What a strike fell on is a place when the gazetteer knows the name (a person's name is not).
_STRIKE_ON = r"(?:(?:(?:air)?raids?|(?:air)?strikes?|shelling|bombardment|bombing)\s+on|struck|hit)"
_OWNER = r"['’]s"  # "Idlib's Jisr al-Shughur": a place's possessive names its parts
_LOCATIVE_NAME = re.compile(
    # "on" only before an article name ("strikes on al-Latamenah"): "on" also leads to targets.
    # ... after a strike's noun ("an air raid on Maarat al-Numan"); a flash's dash ("– Qamishli");
    # "between" a road's or a front's ends ("on the road between Qamishli and Amuda").
    rf"(?:(?<=\s)[–—]|\b(?:[Nn]ear|[Ii]n|[Aa]t|[Oo]utside|[Aa]round|[Bb]etween|[Oo]n(?=\s+(?:[Aa]l|[Ee]l)-)|{_STRIKE_ON}|"
    rf"(?:villages?|towns?|city|cities|areas?|outskirts|countryside|suburbs?|vicinity|"
    rf"surroundings|environs|edges?|entrances?|cent(?:re|er)|heart|crossings?)\s+of|{_COMPASS_OF}|"
    rf"{_STRUCK}|{_OWNER}))"
    r"\s+(?:the\s+)?(?P<name>(?:(?:al|el|as|ar|ad|an|at|az|ash)[-\s])?[A-Z](?:[\w-]|['’](?!s\b))+"
    r"(?:\s+(?:(?:al|el)-)?[A-Z](?:[\w-]|['’](?!s\b))+){0,2})"
)


# "the towns of Kafr Aweed and Sufuhen", "retook Kafr Sajna and Umm Jalal": the names a plural
# place noun or an act done to places lists are each a candidate.
_PLURAL_LEAD = re.compile(
    rf"(?:(?:villages|towns|cities|areas|localities)\s+of|between)\b|{_STRUCK}", re.I
)
_LIST_ITEM = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?P<name>(?:(?:al|el|as|ar|ad|an|at|az|ash)[-\s])?"
    r"[A-Z][\w'’-]+(?:\s+(?:(?:al|el)-)?[A-Z][\w'’-]+){0,2})"
)


def _locative_candidates(text: str) -> Iterator[tuple[re.Match[str], int, int, str]]:
    """(lead match, start, end, name) for each name after a place preposition, and for each
    further name the lead's list goes on to give."""
    for m in _LOCATIVE_NAME.finditer(text):
        yield m, m.start("name"), m.end("name"), m["name"]
        if not _PLURAL_LEAD.match(m.group()):
            continue  # "near Raqqa and …": only a place noun or an act on places says each is
        at = m.end("name")
        while (item := _LIST_ITEM.match(text, at)) is not None:
            yield m, item.start("name"), item.end("name"), item["name"]
            at = item.end("name")


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
    # (A place entity "Ain Issa, Raqqa" is two names: it takes neither.)
    taken = [(s, e) for s, e, label in entities if label != "PERSON" and "," not in text[s:e]]
    people = [(s, e) for s, e, label in entities if label == "PERSON"]
    found: list[Mention] = []
    replaced: list[Mention] = []
    for m, start, end, name in _locative_candidates(text):
        if name.split()[0].casefold() in _NOT_A_NAME:
            continue
        # The whole name only: its parts are the scan's to find.
        # The tagger takes many a village for a person ("Ain Issa"); "the villages of",
        # "near" and "outside" say it is a place, a bare "in" or "at" does not.
        if (
            any(s < end and start < e for s, e in people)
            and not _PLACE_LEAD.match(m.group())
            and not article_place(text, start)
        ):
            continue
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
            # A town's quarter ("Daraa al-Balad", "Daraa al-Mahatta") is the town, not a
            # near spelling of some other village.
            town = quarter_town(gazetteer, name)
            if town:
                found.append(Mention(start, start + len(town), town, "GAZ"))
                taken.append((start, end))
                continue
            if _STRIKE_LEAD.match(m.group()):
                continue  # what a strike fell on is often a group ("strikes on Kataib Hezbollah")
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


_STRIKE_LEAD = re.compile(rf"{_STRIKE_ON}|{_OWNER}", re.I)
_PLACE_LEAD = re.compile(
    rf"(?:near|outside|around|\w+\s+of|{_STRUCK}|{_STRIKE_ON}|{_OWNER})\s", re.I
)


def _curated(gazetteer: Gazetteer, surface: str) -> bool:
    """Whether the pack's curators gave this very spelling to one of its places ("Jurf
    al-Nasr"): that outweighs a tagger that took it for a person's name."""
    return any(
        p.id.startswith("pack:") and gazetteer.vouched(p, surface)
        for p in gazetteer.lookup(surface)
    )


_PLACE_NOUN_BEFORE = re.compile(
    r"\b(?:town|city|village|district|sub-?district|province|governorate|region|area|outskirts"
    r"|countryside|suburbs?|neighbou?rhood|(?:border\s+)?crossing)\s+of\s+$",
    re.I,
)


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
    # "'s", "province", and "Qamishli city" (Kurdish and Iraqi outlets' English), not "Gaza City"
    tail = re.search(r"(?:['’]s|\s+(?i:province|governorate)|\s+(?:city|town))$", text[start:end])
    if tail:
        end -= len(tail.group(0))
    return start, end


@dataclass(slots=True)
class MentionContext:
    """What the words around a mention say: near/in, a place or admin word after it, the
    country a demonym or possessive before it names, and (set later) its container."""

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


def read_context(
    text: str, mention: Mention, gaz: Gazetteer, words: TheatreWords
) -> MentionContext:
    """The context of ``mention`` in ``text``, read with the theatre's ``words``."""
    # An article the scan left out belongs to the name: "of al-Bab" is "of" + "al-Bab".
    before = _ARTICLE_BEFORE.sub("", text[max(0, mention.start - 60) : mention.start])
    after = text[mention.end : mention.end + 60]
    demonym = place_demonym(before, words.demonyms)
    # "northern Syria's al-Bab province": the country's possessive says where, as a demonym.
    owner = _OWNER_BEFORE.search(before)
    if owner is not None:
        countries = [p for p in gaz.lookup(owner["name"]) if p.kind == "country"]
        demonym = countries[0].country_code if countries else demonym
    return MentionContext(
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


def admissible(ctx: MentionContext, text: str, words: TheatreWords, gazetteer: Gazetteer) -> bool:
    """Refuse bare words that are a place only by accident (see the module's word lists)."""
    if ctx.key in _NEVER_ALONE or ctx.mention.text.lower() in words.demonyms:
        return False  # ... nor a nationality: "the Iraqi city of al-Qaim" holds no "Al Iraqi"
    if _MONTH.match(ctx.mention.text) and _DAY_AFTER.match(text, ctx.mention.end):
        return False  # "On Jan. 9" is a date, not Jaén; "Nov 24" not Novi

    supported = ctx.mention.label != "GAZ" or ctx.preposition or ctx.near
    supported = supported or ctx.admin_word or ctx.place_word or ctx.area_word
    name = ctx.mention.text
    shouted = name.isupper() and len(name) <= 4  # "SANA", "AP": agencies, not towns
    # "the EU", "the UN", "the PMF": an organisation, unless the pack gives the name to a
    # place ("the US", "the KRI").
    # "AQI's effort" after "al-Qaeda in Iraq (AQI)": the text named an organisation so.
    organisation = text[: ctx.mention.start].endswith("the ") or name in _defined_acronyms(text)
    if (
        shouted
        and organisation
        and not any(gazetteer.vouched(p, name) for p in gazetteer.lookup(name))
    ):
        return False
    if ctx.key in _context_only(words.context_only) or len(ctx.key) <= 3 or shouted:
        # "a Sahwa member", "Sadr fighters": a common word before a member noun names a group.
        return supported and not _MEMBER_AFTER.match(text, ctx.mention.end)
    return True


_MEMBER_AFTER = re.compile(
    r"\s+(?:members?|fighters?|militiam[ae]n|leaders?|commanders?|elements?|gunmen)\b", re.I
)
