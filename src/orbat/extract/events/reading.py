"""What one sentence or place of an article tells about an event, read without the rest of
the extractor: whether a date is background, the report's stance, whether a country names who
acted rather than where, and the person names the small model misreads."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from orbat.extract.article import Unparsed
from orbat.extract.news_present import BRIEF_SENTENCES
from orbat.extract.roles import reported_verb
from orbat.nlp.dates import DateMention, is_historical
from orbat.nlp.model import text_of
from orbat.resolve.capitals import is_capital

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from orbat.extract.actor_finder import ActorFinder
    from orbat.nlp.gazetteer import Gazetteer
    from orbat.resolve.places import ResolvedPlace

__all__ = [
    "PLACE_VETO",
    "across_countries",
    "actor_spans",
    "dated_only_by_its_telling",
    "dates_of_the_act",
    "event_stance",
    "is_background",
    "leads_a_brief",
    "misread_person",
    "names_an_actor",
    "placed_roughly",
    "sentence_days",
    "tells_a_past_act",
]

# Words that make a report an allegation rather than an established fact (ACLED still codes
# it; the stance lets an analyst see that the source itself hedged).
_ALLEGED = re.compile(
    # ("claimed the lives of five", "claimed two lives": a toll, not a claim)
    r"\b(alleged(?:ly)?|reportedly|purported(?:ly)?|claimed(?!\s+(?:the\s+|\w+\s+)?lives\b)"
    r"|accus\w+|suspected"
    r"|(?:believed|thought)\s+to\s+(?:be|have))\b",
    re.I,
)
_DENIED = re.compile(r"\b(denied|denies|deny)\b", re.I)
# A claim of responsibility for the act, not "claimed the lives of" (a toll) or "claimed that".
_CLAIMED = re.compile(
    r"\bclaim(?:ed|s|ing)\s+(?:responsibility|credit|(?:the|an?|\d+|one|two|three|four|five"
    r"|six|seven|several|multiple)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|bombings?"
    r"|operations?|assaults?|ambush(?:es)?|killings?|raids?))\b",
    re.I,
)


def is_background(mention: DateMention, published: dt.date | None, horizon: int | None) -> bool:
    """Whether ``mention`` dates history rather than news (:func:`is_historical`). An
    article without a publication date is dated by ``horizon``, the latest year it names:
    a year before that ("in 1980", "in 2014") is history, and so is a day or month that ended
    more than a year before that year began ("in February 2022" in a piece that talks of
    2025) — a margin wide enough that the piece's own recent days never count."""
    if published is not None or horizon is None:
        return is_historical(mention, published)
    if mention.is_year_level:
        return mention.date.year < horizon
    return (dt.date(horizon, 1, 1) - mention.period_end).days > _UNDATED_MARGIN_DAYS


_UNDATED_MARGIN_DAYS = 365


def event_stance(quote: str) -> str:
    """Whether the quote asserts the event, only alleges it, keeps its actor's claim of it
    ("ISIS claimed an attack on an SDF checkpoint": claimed, as a second sentence's claim
    is) or denies it."""
    if _DENIED.search(quote):
        return "denied"
    if _CLAIMED.search(quote):
        return "claimed"
    return "alleged" if _ALLEGED.search(quote) else "asserted"


_POSSESSIVE_AFTER = re.compile(r"^['’]s\s")
_OWNS_A_PLACE = re.compile(
    r"['’]s\s+(?:[A-Z][\w'’-]*\s+){1,3}"
    r"(?:county|province|governorate|district|region|city|town|village)\b"
)


_WITNESS = frozenset({"be", "see", "witness", "experience", "remain", "become", "have"})


class ActorSpans(NamedTuple):
    """Where the article names someone who acts."""

    #: Actor names the finder knows ("the U.S. military", "Israeli airstrikes", "Hamas").
    named: list[tuple[int, int]]
    #: Countries (and cities) as the subject of a verb ("Turkey shelled") or who did something
    #: ("fired by Turkey").
    subjects: list[tuple[int, int]]
    #: Groups no pack lists ("Taliban fighters"), which no hamlet of the name may place.
    unlisted: list[tuple[int, int]]


def actor_spans(doc: Doc, finder: ActorFinder) -> ActorSpans:
    """Where the article names someone who acts (:class:`ActorSpans`)."""
    found = finder(text_of(doc))
    return ActorSpans(
        [(a.start, a.end) for a in found],
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "GPE" and _acts(e.root)],
        [(a.start, a.end) for a in found if a.unlisted],
    )


def _acts(name: Token) -> bool:
    """Whether a country's or city's name is the subject of a verb, or who did something
    ("by" it: "missiles fired by Azerbaijan", "factions backed by Turkey"), not a verb of
    witnessing ("Iraq saw protests", "Baghdad witnessed …")."""
    if name.dep_ == "pobj":
        return name.head.lower_ == "by"
    return name.dep_ == "nsubj" and name.head.lemma_ not in _WITNESS


def names_an_actor(text: str, place: ResolvedPlace, actors: ActorSpans) -> bool:
    """Whether a country mention names who acted, not where: "the U.S. military carried out an
    airstrike in Jurf al-Nasr", "Turkey shelled the village", "Iran's Revolutionary Guard said"
    are no events in the United States, Turkey or Iran, nor "Washington launched strikes …" in
    Washington; or whether a place's name is, whole, the name of an armed group the pack
    knows: "a Hamas cell" is no Syrian village Hamis. (A group named after a place, "the
    Manbij Military Council", still names Manbij.)"""
    if place.place.kind != "country":
        # "Washington launched strikes …", "Ankara said …": a capital that acts is its state.
        span = (place.start, place.end)
        return span in actors.named or (span in actors.subjects and is_capital(place.place))
    if any(s < place.end and place.start < e for s, e in [*actors.named, *actors.subjects]):
        return True
    # ("Iran's Khoda Afarin county": the possessive owns a place, not an actor.)
    owner = _POSSESSIVE_AFTER.match(text[place.end : place.end + 3])
    return bool(owner) and not _OWNS_A_PLACE.match(text, place.end)


def across_countries(
    text: str,
    locations: Sequence[ResolvedPlace | None],
    places: Sequence[ResolvedPlace],
    start: int,
    end: int,
) -> bool:
    """Whether the sentence sums up many happenings over several countries and places none:
    "conducted 26 strikes against ISIL in Syria and Iraq" is the day's total, told place by
    place elsewhere, not one event."""
    if any(loc is not None and loc.place.kind != "country" for loc in locations):
        return False
    named = [p for p in places if start <= p.start < end and p.place.kind == "country"]
    return any(
        a.place.id != b.place.id and _LISTED.match(text[a.end : b.start])
        for a, b in itertools.pairwise(named)
    )


_LISTED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")


def tells_a_past_act(sentence: Span) -> bool:
    """Whether the sentence's main verb is a simple past ("destroyed", "blew up"), the tense of
    a report, not of commentary ("attacks continue"); or a present perfect of one act ("the
    Turkish army has set up its 11th observation point"), not of a habit ("militias have
    targeted convoys", where the object is a bare plural). Under a reporting verb the act is
    the reported clause's ("rebels captured a village in Hama province, a monitor says")."""
    root = reported_verb(sentence)
    if root.tag_ == "VBD":
        return True
    if root.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lemma_ == "have" for c in root.children):
        return False
    objects = [c for c in root.children if c.dep_ == "dobj"]
    return any(any(d.dep_ in ("det", "poss", "nummod") for d in o.children) for o in objects)


def leads_a_brief(sentence: Span, index: int, count: int) -> bool:
    """Whether ``sentence``, the ``index``-th of an article of ``count`` sentences, is the
    lead of a brief telling a finished act (:func:`tells_a_past_act`). A brief of one to
    three sentences (a wire item, a monitor's digest line, a Telegram post) is about its
    event: its lead is a report though it names no day, town or toll ("Militants took control
    of three barracks"), for there is no story around it for it to be commentary in. ACLED
    codes such a report at the country, or at the place the next sentence names. A lead that
    says its act is long past ("took the region years ago") is history, not news."""
    return (
        index == 0
        and count <= BRIEF_SENTENCES
        and not _LONG_AGO.search(sentence.text)
        and tells_a_past_act(sentence)
    )


# Vague time long past, which the date resolver does not read as a date.
_LONG_AGO = re.compile(
    r"\b(?:(?:years|decades|long)\s+ago|in\s+the\s+past|years\s+before|formerly)\b",
    re.I,
)


def placed_roughly(sentence: Span, places: Sequence[ResolvedPlace]) -> bool:
    """Whether a finished act (:func:`tells_a_past_act`) is placed well enough to be a report
    without a day, a town or a toll: in a named governorate ("Syrian warplanes destroyed an
    arms depot in Homs province"), or done to one place of a country the sentence names
    ("rebels have recaptured a village in the country's north", "in northern Syria"). ACLED
    codes both, at precision 3."""
    inside = [p for p in places if sentence.start_char <= p.start < sentence.end_char]
    if any(p.place.kind == "admin1" for p in inside):
        return True
    in_a_country = _THE_COUNTRYS.search(sentence.text) or any(
        p.place.kind == "country" for p in inside
    )
    verb = reported_verb(sentence)
    return bool(in_a_country) and any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in _ONE_PLACE
        and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
        for c in verb.children
    )


_THE_COUNTRYS = re.compile(r"\bthe\s+country['’]s\b", re.I)
_ONE_PLACE = frozenset(
    {"village", "town", "city", "hill", "hilltop", "base", "checkpoint", "airport", "district",
     "neighbourhood", "neighborhood", "position", "post", "outpost", "crossing", "dam"}
)  # fmt: skip


PLACE_VETO = frozenset({"PERSON", "GPE", "LOC", "FAC"})
# Words no personal name begins with: the small model tags "Near Ar Raqqah" or "In Hit" as
# a PERSON when a capitalised preposition opens the sentence.
_NOT_NAME_START = frozenset(
    ["near", "in", "at", "outside", "around", "from", "into", "inside", "across", "toward",
     "towards", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
     # The first words of Levantine and Iraqi place names, no one's given name: "Kafr Zita",
     # "Tal Nabi Yunis", "Deir Hafer", "Ain Issa", "Beit Jinn", "Khirbet Ghazaleh".
     "kafr", "kfar", "tal", "tall", "tell", "deir", "dayr", "ain", "ayn", "jabal", "jebel",
     "khirbet", "khirbat", "beit", "bayt", "wadi", "qasr", "marj", "mazraat", "tel"]
)  # fmt: skip


# A one-word "person" in a place's seat: "in al-Bab", "al-Bab province", "Homs countryside".
_PLACE_WORD_AFTER = re.compile(
    r"^\s+(?:province|governorate|district|sub-?district|city|town|village|countryside|area|"
    r"outskirts|suburbs?)\b",
    re.I,
)
_FACILITY_AFTER = re.compile(
    r"^\s+(?:air\s*base|airbase|air\s+field|airfield|airport|military\s+base|base|camp|dam"
    r"|oil\s+field|gas\s+field|border\s+crossing|crossing|prison|refinery)\b",
    re.I,
)
_ROUTE_BEFORE = re.compile(
    r"\b(?:road|highway|route|motorway)\s+(?:between|linking|connecting|from)\s+"
    r"(?:(?:[\w'’-]+\s+){1,3}?(?:and|to)\s+)?$",
    re.I,
)
_FIRED_AT_BEFORE = re.compile(
    r"\b(?:(?:rockets?|missiles?|shells?|mortars?|rounds|projectiles)\s+(?:at|on|into|towards?)"
    r"|shell(?:ed|ing)|bombard(?:ed|ing)|storm(?:ed|ing)|besieg(?:ed|ing)"
    r"|recaptured|retook|retaken|liberated|overran)\s+(?:the\s+)?$",
    re.I,
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|inside|around|over|above|(?:outskirts|vicinity|villages?|towns?|city"
    r"|cent(?:re|er)|heart"
    r"|countryside|suburbs?|edges?|entrance|environs|hills?|heights|neighbou?rhoods?|district"
    r"|area|region|mountains?|valley|plains?|deserts?|badia|control|capture|recapture"
    r"|liberation|fall|siege)\s+(?:of|over)"
    # Forces go to a place, not to a person: "deployed reinforcements to Albu Kamal".
    r"|(?:reinforcements|troops|forces|fighters|convoys?|units|deployed|dispatched|redeployed"
    r"|headed|withdrew|withdrawn)\s+(?:to|into|towards?))\s+(?:the\s+)?$",
    re.I,
)


def misread_person(entity: Span, gazetteer: Gazetteer) -> bool:
    if entity.label_ != "PERSON":
        return False
    if entity[0].lower_ in _NOT_NAME_START:
        return True
    if _big_city(entity.text, gazetteer):
        return True  # "airstrikes on Sanaa": a city of millions is nobody's name
    text = text_of(entity.doc)
    before = text[max(0, entity.start_char - 20) : entity.start_char]
    if _FIRED_AT_BEFORE.search(before) or _struck_on(entity):
        # "fired rockets at Kilis", "shelled Akcakale", "retook Umm Jalal", "shelling by
        # regime forces on Kafranbel"
        return True
    if _held_by_a_town(before, gazetteer):
        return True  # "Idlib's Jisr al-Shughur", "Deir ez-Zor's al-Busaira"
    if _LOCATIVE_BEFORE.search(before) or _ROUTE_BEFORE.search(text, 0, entity.start_char):
        # "near Jurf al-Sakhar": nobody is struck near a person; nor does a road run to one
        # ("the road between al-Mayadin and al-Quriyah").
        return True
    after = text[entity.end_char : entity.end_char + 20]
    if _FACILITY_AFTER.match(after):
        return True  # "struck Ain al-Asad air base": nobody's name is followed by "air base"
    return len(entity.text.split()) == 1 and bool(_PLACE_WORD_AFTER.match(after))


def _struck_on(entity: Span) -> bool:
    """Whether ``entity`` is what a strike, shelling or bombs fell on, however far the words
    between ("shelling by regime forces on Kafranbel", "an air strike by the Assad regime on
    Ariha", where the parser hangs "on Ariha" on "regime"): people are not shelled "on"."""
    prep = entity.root.head
    if entity.root.dep_ != "pobj":
        return False
    if prep.lower_ in ("towards", "toward", "into"):
        # "a drone launched by the Houthis towards Khamis Mushait"
        return prep.head.lemma_.lower() in _LAUNCHING
    if prep.lower_ not in ("on", "upon"):
        return False
    word = prep.head
    for _ in range(_HOPS):
        if word.lemma_.lower() in _STRIKING:
            return True
        if word.dep_ != "pobj":
            return False
        word = word.head.head  # "strike by the regime": from "regime" over "by" to "strike"
    return False


#: How many prepositional phrases may stand between a strike and what it fell on.
_HOPS = 3


_LAUNCHING = frozenset({"launch", "fire", "shoot", "lob", "fly"})
_STRIKING = frozenset(
    {"shelling", "shell", "strike", "airstrike", "raid", "bombardment", "bombing", "bomb",
     "drop", "rain", "barrage"}
)  # fmt: skip


def _held_by_a_town(before: str, gazetteer: Gazetteer) -> bool:
    """Whether the words before a name are a town's or a province's possessive: a place's
    parts are named so, its people by their office ("Basra's governor …"), and a country's
    possessive may well name a person ("Syria's Bashar al-Assad")."""
    owner = _OWNER.search(before)
    return owner is not None and any(
        p.kind in ("city", "admin1") for p in gazetteer.lookup(owner["name"])
    )


_OWNER = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+[a-zA-Z][\w'’-]*)?)['’]s\s+$")


def _big_city(name: str, gazetteer: Gazetteer) -> bool:
    return any(p.kind == "city" and p.population >= _BIG_CITY for p in gazetteer.lookup(name))


#: A city this large is so named in the news that the tagger's PERSON for it is a misreading.
_BIG_CITY = 1_000_000


def dates_of_the_act(sentence: Span, dates: Sequence[DateMention]) -> list[DateMention]:
    """``dates`` without the days the sentence gives to telling of the act, when it also
    dates the act itself: "IS claimed responsibility on Tuesday for a suicide bombing that
    killed 30 people on Monday" happened on Monday."""
    days = sentence_days(sentence, dates)
    told = {id(m) for m, telling in days if telling}
    if not told or (len(told) == len(days) and not _coarser_date_in(sentence, dates)):
        return list(dates)
    # "Gunmen killed three shepherds last week, police said on Wednesday": a week or month of
    # the act's own dates it, not the day it was told.
    return [m for m in dates if id(m) not in told]


def _coarser_date_in(sentence: Span, dates: Sequence[DateMention]) -> bool:
    start, end = sentence.start_char, sentence.end_char
    return any(
        start <= m.start and m.end <= end and m.granularity in ("week", "month") for m in dates
    )


def dated_only_by_its_telling(sentence: Span | Unparsed, dates: Sequence[DateMention]) -> bool:
    """Whether every day the sentence names is the day something was told of the act ("…
    killed three militants, the Joint Operations Command said on Saturday"): the act itself
    may have happened before."""
    days = sentence_days(sentence, dates)
    return bool(days) and all(telling for _, telling in days)


def sentence_days(
    sentence: Span | Unparsed, dates: Sequence[DateMention]
) -> list[tuple[DateMention, bool]]:
    """The day-precise ``dates`` inside ``sentence``, each with whether it is the day
    something was told (it hangs on a verb of telling); an unparsed sentence has no verbs to
    hang them on."""
    start, end = sentence.start_char, sentence.end_char
    return [
        (m, not isinstance(sentence, Unparsed) and _telling_day(sentence, m.start))
        for m in dates
        if start <= m.start and m.end <= end and m.granularity == "day"
    ]


def _telling_day(sentence: Span, at: int) -> bool:
    """Whether the day phrase at character ``at`` hangs on a verb of telling or claiming."""
    token = next((t for t in sentence if t.idx >= at), None)
    for _ in range(4):
        if token is None or token.head is token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower() in _TELLING_VERBS
    return False


_TELLING_VERBS = frozenset(
    ["say", "claim", "announce", "report", "tell", "confirm", "state", "add", "accuse", "blame"]
)  # fmt: skip
