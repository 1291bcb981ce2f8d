"""Event extraction: from an article's sentences to ACLED-coded event mentions with evidence."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orbat.extract.actors import ActorFinder, ActorRoles, assign_actors, default_finder
from orbat.extract.classify import Classification, EventClassifier
from orbat.extract.consolidate import consolidate
from orbat.extract.notes import write_notes
from orbat.extract.records import EventRecord, Evidence
from orbat.extract.taxonomy import civilian_targeting, interaction
from orbat.nlp.dates import (
    DateMention,
    event_date_for_sentence,
    is_historical,
    resolve_dates,
    select_event_date,
)
from orbat.nlp.gazetteer import Gazetteer, load_gazetteer
from orbat.nlp.model import load_nlp
from orbat.nlp.numbers import CasualtyMention, acled_fatalities, find_casualties
from orbat.resolve.places import ResolvedPlace, event_location, resolve_places

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

__all__ = ["EXTRACTOR", "ArticleView", "EventExtractor"]

#: Versioned name stored with every event mention this extractor produces.
EXTRACTOR = "orbat.events.v1"

# Words that make a report an allegation rather than an established fact (ACLED still codes
# it; the stance lets an analyst see that the source itself hedged).
_ALLEGED = re.compile(
    r"\b(alleged(?:ly)?|reportedly|purported(?:ly)?|claimed|accus\w+|suspected)\b", re.I
)
_DENIED = re.compile(r"\b(denied|denies|deny)\b", re.I)


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What the extractor needs of a stored article."""

    id: int
    text: str
    published: dt.date | None
    title: str | None = None
    source: str | None = None


class EventExtractor:
    """Finds the events an article reports and codes each the way ACLED would.

    Build it once per process (the spaCy model, gazetteer and actor pack load once) and call
    :meth:`extract` for every article.
    """

    name = EXTRACTOR

    def __init__(
        self,
        nlp: Language | None = None,
        classifier: EventClassifier | None = None,
        gazetteer: Gazetteer | None = None,
        actor_finder: ActorFinder | None = None,
    ) -> None:
        self.nlp = nlp or load_nlp()
        self.classifier = classifier or EventClassifier(nlp=self.nlp)
        self.gazetteer = gazetteer or load_gazetteer()
        self.actor_finder = actor_finder or default_finder()

    def extract(self, article: ArticleView) -> list[EventRecord]:
        """Every event mention in ``article``.

        1. Parse once: sentences, entities; resolve dates against the publication date,
           casualty phrases and places over the whole text (context helps each).
        2. Classify each sentence; a sentence that reports no event, or only denies or
           hypothesises one, is passed over.
        3. Date it; a sentence dated more than a month before publication is background, not
           news, and is passed over (ACLED codes history from its own contemporary reports).
        4. Place it: one event per distinct town the sentence names (ACLED: one event per
           location per day), else the best place for the sentence.
        5. Actors, inter codes, interaction, civilian targeting, fatalities (lowest figure,
           killed only), stance; the sentence is the evidence.
        6. Consolidate the article's mentions (follow-up sentences inherit the story's date,
           weapon and town; see :mod:`orbat.extract.consolidate`) and write the notes.
        """
        # 1.
        doc = self.nlp(article.text)
        dates = resolve_dates(article.text, article.published, doc)
        casualties = find_casualties(article.text, doc)
        # Organisation names veto place names inside them, which loses "the Ain al-Asad air
        # base" (tagged ORG); only people's names are kept as vetoes.
        entities = [
            (e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in _PLACE_VETO
        ]
        places = [
            p
            for p in resolve_places(article.text, gazetteer=self.gazetteer, entities=entities)
            if not _is_dateline(article.text, p) and _plausible_surface(p.text)
        ]
        records: list[EventRecord] = []
        own_dates: list[bool] = []
        for sentence in doc.sents:
            # 2.
            coded = self.classifier.classify(sentence)
            if coded is None:
                continue
            # 3.
            start, end = sentence.start_char, sentence.end_char
            dated = self._date(dates, start, end, article.published)
            if dated is None or not _reports_an_occurrence(sentence):
                continue
            when, own_date = dated
            # 4.
            locations = self._locations(article.text, start, end, places)
            anchored = (
                own_date
                or any(start <= c.start < end for c in casualties)
                or any(
                    loc is not None and start <= loc.start < end and loc.geo_precision <= 2
                    for loc in locations
                )
            )
            if not anchored:
                # Nothing ties the sentence to a particular happening (no date, town or
                # toll of its own): commentary ("militias have targeted convoys"), not a report.
                continue
            for location in locations:
                records.append(self._record(article, sentence, coded, when, location, casualties))
                own_dates.append(own_date)
        # 6.
        unique: dict[tuple[int, int, str | None], EventRecord] = {}
        for record in consolidate(records, own_dates):
            key = (record.evidence.start, record.evidence.end, record.place_id)
            if key not in unique:
                record.notes = write_notes(record)
                unique[key] = record
        return list(unique.values())

    def _date(
        self,
        dates: Sequence[DateMention],
        start: int,
        end: int,
        published: dt.date | None,
    ) -> tuple[tuple[dt.date, int] | None, bool] | None:
        """``((date, precision) or None if undatable, whether the text dated it itself)``, or
        ``None`` when the sentence is background.
        """
        mention = select_event_date(dates, start, end)
        if mention is not None and is_historical(mention, published):
            return None
        if mention is None and published is not None:
            # A year-only mention inside the sentence ("in 2016") marks it as history too.
            inside = [m for m in dates if start <= m.start < end and m.is_year_level]
            if any(is_historical(m, published) for m in inside):
                return None
        return event_date_for_sentence(dates, start, end, published), mention is not None

    def _locations(
        self, text: str, start: int, end: int, places: Sequence[ResolvedPlace]
    ) -> list[ResolvedPlace | None]:
        inside = [p for p in places if start <= p.start and p.end <= end]
        towns = [p for p in inside if p.place.kind in ("city", "site")]
        references = _reference_points(text, towns)
        distinct: dict[str, ResolvedPlace] = {}
        for index, town in enumerate(towns):
            if index not in references:
                distinct.setdefault(town.place.id, town)
        # "crossed toward Al-Bukamal but were struck near Mayadeen": where people were going
        # (or coming from) is not where the event happened, when the sentence names that too.
        moving = {
            k
            for k, t in distinct.items()
            if _MOVEMENT_BEFORE.search(text[max(0, t.start - 12) : t.start])
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
                if region.place.kind == "admin1" and region.place.name not in covered:
                    distinct.setdefault(region.place.id, region)
                    covered.add(region.place.name)
        if len(distinct) == 1:
            return list(distinct.values())
        if len(distinct) > 1:
            return list(distinct.values())
        best = event_location(text, start, end, resolved=places)
        return [best]

    def _record(
        self,
        article: ArticleView,
        sentence: Span,
        coded: Classification,
        when: tuple[dt.date, int] | None,
        location: ResolvedPlace | None,
        casualties: Sequence[CasualtyMention],
    ) -> EventRecord:
        start, end = sentence.start_char, sentence.end_char
        place = location.place if location is not None else None
        country = place.country if place is not None else None
        roles: ActorRoles = assign_actors(sentence, coded, country, self.actor_finder)
        killed = [c for c in casualties if start <= c.start and c.end <= end]
        fatalities = acled_fatalities(killed)
        quote = article.text[start:end]
        stance = (
            "denied"
            if _DENIED.search(quote)
            else "alleged"
            if _ALLEGED.search(quote)
            else "asserted"
        )
        return EventRecord(
            event_date=when[0] if when else None,
            time_precision=when[1] if when else 3,
            disorder_type=coded.disorder_type,
            event_type=coded.event_type,
            sub_event_type=coded.sub_event_type,
            evidence=Evidence(article.id, start, end, quote),
            extractor=EXTRACTOR,
            actor1=roles.actor1,
            assoc_actor_1=roles.assoc_actor_1,
            inter1=roles.inter1,
            actor2=roles.actor2,
            assoc_actor_2=roles.assoc_actor_2,
            inter2=roles.inter2,
            interaction=interaction(roles.inter1, roles.inter2) if roles.inter1 else None,
            civilian_targeting=civilian_targeting(coded.sub_event_type, roles.inter1, roles.inter2)
            or None,
            country=country,
            admin1=place.admin1 if place is not None and place.kind != "country" else None,
            admin2=place.admin2 if place is not None else None,
            location=_location_name(location),
            latitude=place.lat if place is not None else None,
            longitude=place.lon if place is not None else None,
            geo_precision=location.geo_precision if location is not None else None,
            place_id=place.id if place is not None else None,
            fatalities=fatalities,
            stance=stance,
            extra={"classifier_score": coded.score},
        )


# Habitual or generic statements describe a pattern, not an event.
_HABITUAL = re.compile(
    r"\b(long|regularly|repeatedly|routinely|typically|often|usually|frequently|increasingly|"
    r"continue[sd]? to|have been|has been \w+ing)\b",
    re.I,
)


def _reports_an_occurrence(sentence: Span) -> bool:
    """An event report is told in the past (``killed``, ``was attacked``, ``have been
    killed``) and is not a habit ("have long targeted", "regularly transports").
    """
    if _HABITUAL.search(sentence.text) and not any(t.like_num for t in sentence):
        return False
    if sentence.text.lstrip()[:1] in _QUOTE_MARKS:
        # A sentence that opens with a quotation is somebody's words (a slogan, a poster's
        # caption, a spokesman), not the reporter's account of what happened.
        return False
    return any(t.tag_ in ("VBD", "VBN") for t in sentence)


_QUOTE_MARKS = frozenset("\"“”'‘’«")
_MOVEMENT_BEFORE = re.compile(r"\b(?:toward|towards|to|from|into)\s+(?:the\s+)?$", re.I)
_PLACE_VETO = frozenset({"PERSON", "GPE", "LOC", "FAC"})
# "TIKRIT: Three fighters…", "IRBIL: Iraq's…": a dateline says where the story was filed.
_DATELINE_AFTER = re.compile(r"^\s*(?::|,\s*[A-Z]{2}\b|\s*\([^)]{1,40}\)\s*[–—-])")


def _is_dateline(text: str, place: ResolvedPlace) -> bool:
    line_start = text.rfind("\n", 0, place.start) + 1
    if text[line_start : place.start].strip():
        return False
    return bool(_DATELINE_AFTER.match(text[place.end : place.end + 60]))


def _plausible_surface(surface: str) -> bool:
    """Place names are capitalised words of three letters or more ("al" is not Albert Lea)."""
    return len(surface) >= 3 and surface[:1].isupper()


def _location_name(location: ResolvedPlace | None) -> str | None:
    """The place's name in plain Latin letters, as ACLED writes locations ("At Tarmiyah",
    not "Aţ Ţārmīyah"): analysts filter and join on these strings."""
    if location is None:
        return None
    return ascii_name(location.place.name)


def ascii_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in folded if not unicodedata.combining(c) and c not in "‘’ʿʾ`'")
    return plain or name


# "Tarmiya, north of Baghdad", "near Mayadeen, southeast of Deir Ezzor": the second town is
# a reference point for the first, not a second event location.
_REFERENCE_GAP = re.compile(
    r"^,?\s*(?:about\s+\d+\s*km\s+)?(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?|outside"
    r"|district|province|governorate|outskirts|suburbs?)"
    r"\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$",
    re.I,
)


def _reference_points(text: str, towns: Sequence[ResolvedPlace]) -> set[int]:
    """Indexes of towns that only serve as another town's reference point."""
    return {
        j
        for i, first in enumerate(towns)
        for j, second in enumerate(towns)
        if first.end <= second.start and _REFERENCE_GAP.match(text[first.end : second.start])
    }
