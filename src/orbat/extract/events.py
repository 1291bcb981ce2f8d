"""Event extraction: from an article's sentences to ACLED-coded event mentions with evidence."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.pipeline import Sentencizer

from orbat.extract.actors import (
    ActorFinder,
    ActorRoles,
    assign_actors,
    default_finder,
    named_in_country,
)
from orbat.extract.anchor import is_follow_up, neighbour_span, placing_sentence
from orbat.extract.clashes import clashes_between
from orbat.extract.classify import Classification, EventClassifier
from orbat.extract.confidence import event_confidence
from orbat.extract.consolidate import consolidate
from orbat.extract.lexicon.rules import rules_fingerprint
from orbat.extract.locate import (
    PLACE_KEYS,
    event_locations,
    hometown_spans,
    is_dateline,
    location_name,
    modifies_a_group,
    names_a_source,
    place_fields,
    plausible_surface,
)
from orbat.extract.notes import write_notes
from orbat.extract.occurrence import reports_an_occurrence
from orbat.extract.prefilter import CuePrefilter
from orbat.extract.protest_followups import police_the_protest
from orbat.extract.records import EventRecord, Evidence
from orbat.extract.strike_type import strikes_from_the_air
from orbat.extract.toll_sentences import (
    ACTOR_FIELDS,
    absorb_toll_sentences,
    attach_following_tolls,
    same_parties,
)
from orbat.nlp.dates import (
    DateMention,
    event_date_for_sentence,
    is_historical,
    resolve_dates,
    select_event_date,
)
from orbat.nlp.gazetteer import Gazetteer, gazetteer_for
from orbat.nlp.model import load_nlp, text_of
from orbat.nlp.numbers import CasualtyMention, acled_fatalities, find_casualties
from orbat.nlp.relative_dates import relative_event_date
from orbat.nlp.sentences import sentences
from orbat.packs import Pack, load_pack
from orbat.resolve.places import ResolvedPlace, person_vetoes, resolve_places
from orbat.taxonomy import civilian_targeting, interaction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["ArticleView", "EventExtractor", "events_version"]


def events_version(pack: Pack) -> str:
    """The versioned name stored with every event mention an extractor over ``pack``
    produces. The pack's fingerprint and the rule files' are part of it
    ("orbat.events.v4+iraq_syria.18d1dc2082+rules.0c1d2e3f4a"): a changed pack or rule file,
    like a new version, re-extracts (the family before "+" replaces older rows)."""
    return f"orbat.events.v4+{pack.fingerprint}+{rules_fingerprint()}"


# Words that make a report an allegation rather than an established fact (ACLED still codes
# it; the stance lets an analyst see that the source itself hedged).
_ALLEGED = re.compile(
    r"\b(alleged(?:ly)?|reportedly|purported(?:ly)?|claimed|accus\w+|suspected)\b", re.I
)
_DENIED = re.compile(r"\b(denied|denies|deny)\b", re.I)


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A sentence that holds no event cue and was left out of the parse: its place and text
    are all that anchoring a neighbour's event needs."""

    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """What :meth:`EventExtractor.prepare` hands the parser, and what it left out."""

    text: str
    unparsed: tuple[Unparsed, ...]


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
    :meth:`extract` for every article. ``pack`` is the theatre it codes for (default: the
    selected one, loaded when the extractor is built); its gazetteer and actors are the
    pack's unless given, and :attr:`version` names both.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        classifier: EventClassifier | None = None,
        gazetteer: Gazetteer | None = None,
        actor_finder: ActorFinder | None = None,
        pack: Pack | None = None,
    ) -> None:
        self.pack = pack or load_pack()
        #: The versioned name stored with every record (:func:`events_version`).
        self.version = events_version(self.pack)
        self.nlp = nlp or load_nlp()
        self.classifier = classifier or EventClassifier(nlp=self.nlp)
        self.gazetteer = gazetteer or gazetteer_for(self.pack)
        self.actor_finder = actor_finder or default_finder(self.pack)
        self.prefilter = CuePrefilter(self.classifier.lexicon, self.nlp)
        self._sentencizer = Sentencizer()

    def extract(self, article: ArticleView) -> list[EventRecord]:
        """Every event mention in ``article`` (see :meth:`extract_parsed`)."""
        prepared = self.prepare(article.text)
        return self.extract_parsed(article, self.nlp(prepared.text), prepared.unparsed)

    def extract_many(
        self, articles: Iterable[ArticleView], batch_size: int = 16
    ) -> Iterator[tuple[ArticleView, list[EventRecord]]]:
        """``(article, its event mentions)`` for each article, parsed in batches
        (``nlp.pipe``), which is faster than one parse call per article."""
        first, second = itertools.tee(articles)
        prepared = (self.prepare(a.text) for a in first)
        first_p, second_p = itertools.tee(prepared)
        docs = self.nlp.pipe((p.text for p in first_p), batch_size=batch_size)
        for article, ready, doc in zip(second, second_p, docs, strict=True):
            yield article, self.extract_parsed(article, doc, ready.unparsed)

    def prepare(
        self,
        text: str,
        *,
        events: bool = True,
        also: Callable[[list[Span]], set[int]] | None = None,
    ) -> Prepared:
        """What to parse of ``text``: the text with every sentence that cannot report an
        event blanked out (same length, line breaks kept, so every offset still points into
        the article), and those sentences' places. ``also`` gives the positions of the
        sentences another extractor needs parsed (statements: :mod:`orbat.extract.analysis`);
        without ``events``, only those are kept.

        The tokenizer and the rule-based sentencizer split the text; a sentence is parsed
        only when it may hold an event cue (:class:`~orbat.extract.prefilter.CuePrefilter`).
        The others can still date or place a neighbour's event, which needs only their text
        (:mod:`orbat.extract.anchor`). The tagger, parser and NER, which cost nearly all of
        the extractor's time, see only the candidates.
        """
        doc = self.nlp.make_doc(text)
        self._sentencizer(doc)
        pieces = sentences(doc)
        wanted = also(pieces) if also is not None else set()
        skip = [
            p
            for i, p in enumerate(pieces)
            if i not in wanted and not (events and self.prefilter.is_candidate(p))
        ]
        if not skip:
            return Prepared(text, ())
        out: list[str] = []
        position = 0
        for piece in skip:
            out.append(text[position : piece.start_char])
            out.append(_NOT_NEWLINE.sub(" ", text[piece.start_char : piece.end_char]))
            position = piece.end_char
        out.append(text[position:])
        unparsed = tuple(Unparsed(p.start_char, p.end_char, p.text) for p in skip)
        return Prepared("".join(out), unparsed)

    def parse_text(self, text: str) -> str:
        """The text :meth:`prepare` gives the parser."""
        return self.prepare(text).text

    def extract_parsed(
        self, article: ArticleView, doc: Doc, unparsed: Sequence[Unparsed] = ()
    ) -> list[EventRecord]:
        """Every event mention in ``article``, whose :meth:`prepare`'d text spaCy parsed as
        ``doc``; ``unparsed`` are the sentences left out of the parse.

        1. Parse once: sentences (cut at line breaks, stray fragments rejoined), entities;
           resolve dates against the publication date, casualty phrases and places over the
           whole text (context helps each).
        2. Classify each sentence; a sentence that reports no event, or only denies or
           hypothesises one, pledges or calls for one, or tallies many, is passed over.
        3. Date it (its own date, a date relative to an earlier dated happening, or its
           paragraph's); a sentence dated more than a month before publication is background,
           not news, and is passed over (ACLED codes history from its own contemporary reports).
        4. Place it: one event per distinct town the sentence names (ACLED: one event per
           location per day), else the best place for the sentence. A sentence with no date,
           town or toll of its own borrows them from the neighbours that complete its story
           (see :mod:`orbat.extract.anchor`), which join its evidence; without any it is
           commentary, not a report.
        5. Actors, inter codes, interaction, civilian targeting, fatalities (lowest figure,
           killed only), stance; the sentence is the evidence.
        6. An event placed only by its country takes the town of a later sentence that refers
           back to it ("the US airstrike … in the town of Albu Kamal"), which becomes one more
           mention of it; follow-up sentences inherit the story's date, weapon and town (see
           :mod:`orbat.extract.consolidate`); notes are written last.
        """
        # 1.
        text = article.text
        sents: list[Span | Unparsed] = sorted(
            [*sentences(doc), *unparsed], key=lambda s: s.start_char
        )
        dates = resolve_dates(text, article.published, doc)
        casualties = find_casualties(text, doc)
        # Organisation names veto place names inside them, which loses "the Ain al-Asad air
        # base" (tagged ORG); only people's names are kept as vetoes.
        entities = [
            (e.start_char, e.end_char, e.label_)
            for e in doc.ents
            if e.label_ in _PLACE_VETO and not _misread_person(e)
        ]
        entities += person_vetoes(text, self.gazetteer, entities)
        hometowns = hometown_spans(text)
        actors = self._actor_spans(doc)
        places = [
            p
            for p in resolve_places(
                text, gazetteer=self.gazetteer, entities=entities, words=self.pack.words
            )
            if not is_dateline(text, p)
            and plausible_surface(p.text)
            and not modifies_a_group(text, p)
            and not names_a_source(text, p)
            and not any(s <= p.start < e for s, e in hometowns)
            and not _names_an_actor(text, p, actors)
        ]
        # The country the article is about names the generic actors of an event it cannot
        # place ("protesters" at an unnamed square are that country's protesters).
        article_country = _main_country(places)
        # Without a publication date, the latest year the article names dates it roughly.
        horizon = (
            max((m.period_end.year for m in dates), default=None)
            if article.published is None
            else None
        )
        # 2.
        codes = [None if isinstance(s, Unparsed) else self.classifier.classify(s) for s in sents]

        def anchors(start: int, end: int) -> bool:
            own = select_event_date(dates, start, end)
            return (own is not None and start <= own.start < end) or any(
                start <= p.start < end and p.place.kind in ("city", "site") for p in places
            )

        records: list[EventRecord] = []
        own_dates: list[bool] = []
        own_places: list[bool] = []
        sentence_of: list[int] = []
        for index, sentence in enumerate(sents):
            coded = codes[index]
            if coded is None or isinstance(sentence, Unparsed):
                continue
            cue_starts = [c.char_start for c in coded.cues]
            if not reports_an_occurrence(sentence, coded.sub_event_type, cue_starts):
                continue
            if coded.event_type == "Strategic developments" and not self._armed(sentence, coded):
                continue
            # 3.
            start, end = sentence.start_char, sentence.end_char
            anchored = self._anchored(start, end, dates, casualties, places, article.published)
            if not anchored and _tells_a_past_act(sentence):
                # "Syrian warplanes destroyed an arms depot in Homs province": a finished act
                # in a named governorate is a report, if an imprecise one (ACLED: precision 3).
                anchored = any(start <= p.start < end and p.place.kind == "admin1" for p in places)
            if not anchored:
                span = None
                if not is_follow_up(sentence, coded):
                    # An unanchored back-reference ("during the clashes") is about an event
                    # told elsewhere, not a report of its own.
                    span = neighbour_span(text, index, sents, codes, anchors)
                if span is None:
                    # Nothing ties the sentence to a particular happening (no date, town or
                    # toll of its own or of its neighbours): commentary ("militias have
                    # targeted convoys"), not a report.
                    continue
                start, end = span
            focus = coded.cues[0].char_start if coded.cues else None
            dated = self._date(dates, start, end, article.published, focus, horizon)
            if dated is None:
                continue
            when, own_date = dated
            if not own_date:
                relative = relative_event_date(
                    text, start, end, dates, coded.cues[0].char_start if coded.cues else end
                )
                if relative is not None:
                    when, own_date = relative, True
            # 4.
            locations = event_locations(text, start, end, places)
            if _across_countries(text, locations, places, start, end):
                continue
            for location in locations:
                record = self._record(
                    article,
                    sentence,
                    coded,
                    when,
                    location,
                    casualties,
                    (start, end),
                    article_country,
                    horizon,
                )
                records.append(record)
                own_dates.append(own_date)
                own_places.append(location is not None and start <= location.start < end)
                sentence_of.append(index)
        records[:] = [clashes_between(strikes_from_the_air(r)) for r in records]
        self._name_unnamed_strikers(sents, codes, records, sentence_of)
        self._name_claimants(article.text, sents, records, sentence_of)
        # 6.
        self._place_by_later_reference(
            article, sents, places, records, own_dates, own_places, sentence_of
        )
        _join_follow_ups(sents, codes, records, own_dates, own_places, sentence_of)
        absorb_toll_sentences(sents, codes, records, own_dates, own_places, sentence_of)
        spans = [(s.start_char, s.end_char) for s in sents]
        attach_following_tolls(text, spans, codes, records, sentence_of, casualties)
        police_the_protest(
            text, sents, self.classifier, records, sentence_of, casualties, self.pack
        )
        for record, own_date in zip(records, own_dates, strict=True):
            record.confidence = event_confidence(
                record, own_date=own_date, in_theatre=self._in_theatre(record.place_id)
            )
        unique: dict[tuple[int, int, str | None], EventRecord] = {}
        for record in consolidate(records, own_dates, own_places):
            key = (record.evidence.start, record.evidence.end, record.place_id)
            if key not in unique:
                record.notes = write_notes(record)
                unique[key] = record
        return list(unique.values())

    def _anchored(
        self,
        start: int,
        end: int,
        dates: Sequence[DateMention],
        casualties: Sequence[CasualtyMention],
        places: Sequence[ResolvedPlace],
        published: dt.date | None,
    ) -> bool:
        """Whether the sentence ties its event to a day, a place or a toll of its own."""
        if select_event_date(dates, start, end) is not None:
            return True
        if any(start <= c.start < end for c in casualties):
            return True
        return any(
            start <= p.start < end and p.geo_precision <= 2 and p.place.kind != "country"
            for p in places
        )

    def _name_claimants(
        self,
        text: str,
        sents: Sequence[Span | Unparsed],
        records: list[EventRecord],
        sentence_of: Sequence[int],
    ) -> None:
        """An attack with no named attacker was carried out by the group that, a sentence or
        two later, claims it: "A roadside bomb struck a convoy near Tikrit. Kataib Hezbollah
        later claimed the attack." (ACLED codes the claimant as actor1.)"""
        for j, sentence in enumerate(sents):
            claim = _CLAIMS_AN_ACT.search(text, sentence.start_char, sentence.end_char)
            if claim is None:
                continue
            before = text[sentence.start_char : claim.start()]
            claimants = [a for a in self.actor_finder(before) if not a.generic]
            if not claimants:
                continue
            claimant = claimants[0]
            for k, record in enumerate(records):
                if not (j - _CLAIM_LOOKBACK <= sentence_of[k] < j):
                    continue
                if not (record.actor1 or "").startswith("Unidentified"):
                    continue
                name = named_in_country(claimant.acled_name, record.country, self.pack)
                # The claim is where actor1 is stated: the evidence runs on to its end.
                start, end = record.evidence.start, max(record.evidence.end, claim.end())
                records[k] = replace(
                    record,
                    evidence=Evidence(record.evidence.document_id, start, end, text[start:end]),
                    actor1=name,
                    inter1=claimant.inter,
                    interaction=interaction(claimant.inter, record.inter2)
                    if claimant.inter
                    else None,
                    civilian_targeting=civilian_targeting(
                        record.sub_event_type, claimant.inter, record.inter2
                    )
                    or None,
                    stance="claimed",
                )

    def _name_unnamed_strikers(
        self,
        sents: Sequence[Span | Unparsed],
        codes: Sequence[Classification | None],
        records: list[EventRecord],
        sentence_of: Sequence[int],
    ) -> None:
        """An air strike whose sentence names no striker was flown by the striker of the
        latest earlier air-strike sentence that names one. Military releases name the force
        once ("Coalition military forces conducted 15 strikes in Syria"), then list its
        strikes by place ("Near Mosul, seven strikes engaged four ISIL tactical units")."""
        strikers: dict[int, ActorRoles | None] = {}

        def striker(j: int) -> ActorRoles | None:
            if j not in strikers:
                sentence, coded = sents[j], codes[j]
                roles = None
                if not isinstance(sentence, Unparsed) and self._tells_of_air_strikes(
                    sentence, coded
                ):
                    as_strike = coded or _AS_AIR_STRIKE
                    roles = assign_actors(
                        sentence, as_strike, None, self.actor_finder, pack=self.pack
                    )
                strikers[j] = roles if roles and not _unnamed_striker(roles.actor1) else None
            return strikers[j]

        for k, record in enumerate(records):
            if record.sub_event_type != _AIR_STRIKE or not _unnamed_striker(record.actor1):
                continue
            i = sentence_of[k]
            named = next(
                (r for j in range(i - 1, max(-1, i - _STRIKER_LOOKBACK), -1) if (r := striker(j))),
                None,
            )
            if named is None:
                continue
            # ... and at the target it names, when the strike's own sentence names none
            # ("Near Ayn Isa, one strike destroyed a repeater station").
            actor2, inter2 = record.actor2, record.inter2
            if actor2 is None and named.actor2 is not None:
                actor2 = named_in_country(named.actor2, record.country, self.pack)
                inter2 = named.inter2
            records[k] = replace(
                record,
                actor1=named.actor1,
                inter1=named.inter1,
                actor2=actor2,
                inter2=inter2,
                interaction=interaction(named.inter1, inter2) if named.inter1 else None,
                civilian_targeting=civilian_targeting(record.sub_event_type, named.inter1, inter2)
                or None,
            )

    def _actor_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """Where the article names someone who acts: actor names ("the U.S. military",
        "Israeli airstrikes") and countries as the subject of a verb ("Turkey shelled")."""
        text = text_of(doc)
        spans = [(a.start, a.end) for a in self.actor_finder(text)]
        spans += [
            (e.start_char, e.end_char)
            for e in doc.ents
            if e.label_ == "GPE" and e.root.dep_ == "nsubj"
        ]
        return spans

    def _in_theatre(self, place_id: str | None) -> bool | None:
        place = self.gazetteer.get(place_id) if place_id else None
        return None if place is None else place.country_code in self.gazetteer.theatre

    def _tells_of_air_strikes(self, sentence: Span, coded: Classification | None) -> bool:
        """An air-strike sentence, or one that counts strikes without coding an event of its
        own ("coalition forces conducted 9 strikes against the group in Iraq")."""
        if coded is not None:
            return coded.sub_event_type == _AIR_STRIKE
        return any(c.label.startswith("cue:air_strike") for c in self.classifier.cues(sentence))

    def _armed(self, sentence: Span, coded: Classification) -> bool:
        """Strategic developments are coded for armed, political or state actors (ACLED):
        a committee "formed" to investigate is not a change to an armed group's activity.
        Arrests and seized weapons are acts of the state by definition."""
        if coded.sub_event_type in ("Arrests", "Disrupted weapons use"):
            return True
        labels = {c.label for c in self.classifier.cues(sentence)}
        return bool(labels & _ARMED_ACTOR_CUES)

    def _place_by_later_reference(
        self,
        article: ArticleView,
        sents: Sequence[Span | Unparsed],
        places: Sequence[ResolvedPlace],
        records: list[EventRecord],
        own_dates: list[bool],
        own_places: list[bool],
        sentence_of: list[int],
    ) -> None:
        """Place events known only by their country from a later sentence that refers back
        to them and names a town of that country; that sentence becomes one more mention."""
        for i in range(len(records)):
            record = records[i]
            if record.geo_precision not in (None, 3) or not record.country:
                continue

            def towns_in(start: int, end: int, country: str = record.country) -> list[str]:
                return [
                    p.place.id
                    for p in places
                    if start <= p.start < end
                    and p.place.kind in ("city", "site")
                    and p.place.country == country
                ]

            j = placing_sentence(sentence_of[i], sents, towns_in)
            if j is None:
                continue
            later = sents[j]
            town = next(
                p
                for p in places
                if later.start_char <= p.start < later.end_char
                and p.place.id in set(towns_in(later.start_char, later.end_char))
            )
            fields = place_fields(town)
            records[i] = replace(record, **fields)
            quote = article.text[later.start_char : later.end_char]
            records.append(
                replace(
                    records[i],
                    evidence=Evidence(article.id, later.start_char, later.end_char, quote),
                    fatalities=None,
                    stance=_stance(quote),
                )
            )
            own_dates.append(own_dates[i])
            own_places.append(True)
            sentence_of.append(j)

    def _date(
        self,
        dates: Sequence[DateMention],
        start: int,
        end: int,
        published: dt.date | None,
        focus: int | None = None,
        horizon: int | None = None,
    ) -> tuple[tuple[dt.date, int] | None, bool] | None:
        """``((date, precision) or None if undatable, whether the text dated it itself)``, or
        ``None`` when the sentence is background.

        Of several day-precise dates in the sentence, the one nearest the event word
        ``focus`` dates it ("On Tuesday, Reuters reported … US airstrikes … on June 27").
        ``horizon`` stands in for the publication date of an undated article (see
        :func:`_is_background`).
        """
        mention = select_event_date(dates, start, end)
        days = [
            m
            for m in dates
            if start <= m.start and m.end <= end and m.granularity == "day" and not m.filed
        ]
        if focus is not None and len(days) > 1:
            mention = min(days, key=lambda m: abs(m.start - focus))
            if _is_background(mention, published, horizon):
                return None
            return (mention.acled_date, mention.time_precision), True
        if mention is not None and _is_background(mention, published, horizon):
            return None
        if mention is None and (published is not None or horizon is not None):
            # A year-only mention inside the sentence ("in 2016") marks it as history too.
            inside = [m for m in dates if start <= m.start < end and m.is_year_level]
            if any(_is_background(m, published, horizon) for m in inside):
                return None
        return event_date_for_sentence(dates, start, end, published), mention is not None

    def _record(
        self,
        article: ArticleView,
        sentence: Span,
        coded: Classification,
        when: tuple[dt.date, int] | None,
        location: ResolvedPlace | None,
        casualties: Sequence[CasualtyMention],
        span: tuple[int, int],
        article_country: str | None = None,
        horizon: int | None = None,
    ) -> EventRecord:
        start, end = span
        place = location.place if location is not None else None
        country = place.country if place is not None else None
        roles: ActorRoles = assign_actors(
            sentence,
            coded,
            country or article_country,
            self.actor_finder,
            # An undated event of an undated article is named for the latest year the
            # article names (ACLED's names of state forces change with regimes).
            when=when[0] if when else dt.date(horizon, 6, 30) if horizon else None,
            pack=self.pack,
        )
        killed = [c for c in casualties if start <= c.start and c.end <= end]
        fatalities = acled_fatalities(killed)
        quote = article.text[start:end]
        stance = _stance(article.text[sentence.start_char : sentence.end_char])
        return EventRecord(
            event_date=when[0] if when else None,
            time_precision=when[1] if when else 3,
            disorder_type=coded.disorder_type,
            event_type=coded.event_type,
            sub_event_type=coded.sub_event_type,
            evidence=Evidence(article.id, start, end, quote),
            extractor=self.version,
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
            location=location_name(location),
            latitude=place.lat if place is not None else None,
            longitude=place.lon if place is not None else None,
            geo_precision=location.geo_precision if location is not None else None,
            place_id=place.id if place is not None else None,
            fatalities=fatalities,
            stance=stance,
            extra={"classifier_score": coded.score},
        )


def _join_follow_ups(
    sents: Sequence[Span | Unparsed],
    codes: Sequence[Classification | None],
    records: list[EventRecord],
    own_dates: list[bool],
    own_places: list[bool],
    sentence_of: list[int],
) -> None:
    """A sentence that names its event only by a definite back-reference ("the two brigades
    hit in last week's airstrike", "fragments of the missiles used in the strike") tells more
    about an event already reported: it takes that event's coding (the latest earlier one of
    the same event type) and becomes one more mention of it."""
    for i, record in enumerate(records):
        coded = codes[sentence_of[i]]
        if coded is None or not is_follow_up(sents[sentence_of[i]], coded):
            continue
        earlier = [
            k
            for k in range(len(records))
            if sentence_of[k] < sentence_of[i]
            and records[k].event_type == record.event_type
            and own_places[k]
        ]
        if not earlier:
            continue
        source = records[max(earlier, key=lambda k: sentence_of[k])]
        # "Four regime soldiers were killed in the fighting": the fighting's parties, when
        # the follow-up names no one else.
        parties = (
            {f: getattr(source, f) for f in ACTOR_FIELDS} if same_parties(record, source) else {}
        )
        records[i] = replace(
            record,
            **parties,
            sub_event_type=source.sub_event_type,
            disorder_type=source.disorder_type,
            event_date=source.event_date,
            time_precision=source.time_precision,
            **{f: getattr(source, f) for f in PLACE_KEYS},
        )
        own_dates[i] = own_places[i] = True


def _is_background(mention: DateMention, published: dt.date | None, horizon: int | None) -> bool:
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


def _stance(quote: str) -> str:
    if _DENIED.search(quote):
        return "denied"
    return "alleged" if _ALLEGED.search(quote) else "asserted"


_NOT_NEWLINE = re.compile(r"[^\n]")
# Lexicon context labels that name an armed, political or state actor.
_ARMED_ACTOR_CUES = frozenset({"ctx:state_actors", "ctx:nonstate_actors", "ctx:armed_targets"})
# "X later claimed the attack", "X claimed responsibility for the bombing": a claim of an act
# told in an earlier sentence (the definite article points back to it).
_CLAIMS_AN_ACT = re.compile(
    r"\bclaim(?:ed|s)\s+(?:responsibility\s+for\s+|credit\s+for\s+)?(?:the|this|that|these|"
    r"those)\s+(?:\w+\s+)?(?:attacks?|strikes?|bombings?|assault|operation|ambush|blasts?|"
    r"explosions?|shelling|killing|assassination|rocket\s+attack|drone\s+attack)\b"
    # "… claimed responsibility." with no object: the act told just before.
    r"|\b(?:claim(?:ed|s)|took|takes|accepted)\s+(?:responsibility|credit)\b(?!\s+for\b)",
    re.I,
)
#: How many sentences back a claim reaches for the act it claims.
_CLAIM_LOOKBACK = 2
_AIR_STRIKE = "Air/drone strike"
# How a sentence that only counts strikes is read when looking for who flew them.
_AS_AIR_STRIKE = Classification(
    _AIR_STRIKE, "Explosions/Remote violence", "Political violence", 0.0, (), {}
)
#: How many sentences back an unnamed air strike looks for the force that flew it.
_STRIKER_LOOKBACK = 30


_POSSESSIVE_AFTER = re.compile(r"^['’]s\s")


def _names_an_actor(text: str, place: ResolvedPlace, actors: Sequence[tuple[int, int]]) -> bool:
    """Whether a country mention names who acted, not where: "the U.S. military carried out an
    airstrike in Jurf al-Nasr", "Turkey shelled the village", "Iran's Revolutionary Guard said"
    are no events in the United States, Turkey or Iran."""
    if place.place.kind != "country":
        return False
    if any(s < place.end and place.start < e for s, e in actors):
        return True
    return bool(_POSSESSIVE_AFTER.match(text[place.end : place.end + 3]))


def _across_countries(
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


def _tells_a_past_act(sentence: Span) -> bool:
    """Whether the sentence's main verb is a simple past ("destroyed", "blew up"), the tense of
    a report, not of commentary ("militias have targeted", "attacks continue")."""
    return sentence.root.tag_ == "VBD"


def _main_country(places: Sequence[ResolvedPlace]) -> str | None:
    """The country most of the article's places lie in, if one stands out."""
    # Towns and governorates say where an article is; a country is as often who acted or
    # was blamed ("the group blamed the United States").
    local = [p for p in places if p.place.kind != "country"] or places
    counts = Counter(p.place.country for p in local if p.place.country)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _unnamed_striker(actor1: str | None) -> bool:
    return actor1 is None or actor1.startswith(("Unidentified Military", "Unidentified Armed"))


_PLACE_VETO = frozenset({"PERSON", "GPE", "LOC", "FAC"})
# Words no personal name begins with: the small model tags "Near Ar Raqqah" or "In Hit" as
# a PERSON when a capitalised preposition opens the sentence.
_NOT_NAME_START = frozenset(
    ["near", "in", "at", "outside", "around", "from", "into", "inside", "across", "toward",
     "towards", "north", "south", "east", "west", "northern", "southern", "eastern", "western"]
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
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|inside|around|over|above|(?:outskirts|vicinity|village|town|city|countryside"
    r"|suburbs?|edges?|entrance|environs)\s+of)\s+(?:the\s+)?$",
    re.I,
)


def _misread_person(entity: Span) -> bool:
    if entity.label_ != "PERSON":
        return False
    if entity[0].lower_ in _NOT_NAME_START:
        return True
    text = text_of(entity.doc)
    before = text[max(0, entity.start_char - 20) : entity.start_char]
    if _LOCATIVE_BEFORE.search(before):
        return True  # "near Jurf al-Sakhar": nobody is struck near a person
    after = text[entity.end_char : entity.end_char + 20]
    if _FACILITY_AFTER.match(after):
        return True  # "struck Ain al-Asad air base": nobody's name is followed by "air base"
    return len(entity.text.split()) == 1 and bool(_PLACE_WORD_AFTER.match(after))
