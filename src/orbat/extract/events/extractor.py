"""The event extractor: from an article's sentences to ACLED-coded event mentions with evidence
(:meth:`EventExtractor.extract_parsed` tells the steps)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from spacy.pipeline import Sentencizer

from orbat.extract.actors import ActorFinder, ActorRoles, assign_actors, default_finder
from orbat.extract.anaphora import name_the_group
from orbat.extract.anchor import is_follow_up, neighbour_span, new_act_at
from orbat.extract.article import ArticleView, Prepared, Unparsed, dated_by_dateline
from orbat.extract.aside_places import names_an_aside
from orbat.extract.candidates import Candidate
from orbat.extract.clashes import clashes_between, gunmen_on_protesters
from orbat.extract.classify import Classification, EventClassifier
from orbat.extract.clauses import tellings
from orbat.extract.confidence import event_confidence
from orbat.extract.consolidate import consolidate
from orbat.extract.country_place import placed_in_country
from orbat.extract.events.attribution import name_claimants, name_the_blamed, name_the_suspected
from orbat.extract.events.dating import dated_by_url, sentence_date, to_the_month
from orbat.extract.events.reading import (
    PLACE_VETO,
    across_countries,
    actor_spans,
    dates_of_the_act,
    event_stance,
    leads_a_brief,
    misread_person,
    names_an_actor,
    placed_roughly,
    tells_a_past_act,
)
from orbat.extract.events.story import (
    date_by_later_sentence,
    join_follow_ups,
    name_unnamed_strikers,
    place_by_later_reference,
)
from orbat.extract.lexicon.rules import rules_fingerprint
from orbat.extract.locate import (
    dateline_place,
    event_locations,
    hometown_spans,
    is_dateline,
    main_country,
    modifies_a_group,
    place_fields,
    plausible_surface,
)
from orbat.extract.occurrence import reports_an_occurrence
from orbat.extract.origin import fire_origin
from orbat.extract.other_acts import split_other_act
from orbat.extract.place_senses import names_a_landmark, names_a_process, names_a_source
from orbat.extract.prefilter import CuePrefilter
from orbat.extract.protest_followups import police_the_protest
from orbat.extract.records import EventRecord, Evidence
from orbat.extract.seizures import fold_seizures
from orbat.extract.state_forces import state_names
from orbat.extract.story_enemy import name_the_enemy
from orbat.extract.strike_type import strikes_from_the_air
from orbat.extract.territory import taker_decides, the_state_regains
from orbat.extract.the_capital import bare_capitals
from orbat.extract.toll_sentences import absorb_toll_sentences, attach_following_tolls
from orbat.nlp.dates import DateMention, resolve_dates, select_event_date
from orbat.nlp.gazetteer import Gazetteer, gazetteer_for
from orbat.nlp.hashtags import hashtags_as_words
from orbat.nlp.model import keep_article, load_nlp
from orbat.nlp.numbers import CasualtyMention, acled_fatalities, find_casualties
from orbat.nlp.relative_dates import counts_days, relative_event_date
from orbat.nlp.sentences import sentences
from orbat.packs import Pack, load_pack
from orbat.records.notes import write_notes
from orbat.resolve.places import ResolvedPlace, person_vetoes, resolve_places
from orbat.taxonomy import civilian_targeting, interaction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["EventExtractor", "events_version"]


def events_version(pack: Pack) -> str:
    """The versioned name stored with every event mention an extractor over ``pack``
    produces. The pack's fingerprint and the rule files' are part of it
    ("orbat.events.v4+iraq_syria.18d1dc2082+rules.0c1d2e3f4a"): a changed pack or rule file,
    like a new version, re-extracts (the family before "+" replaces older rows)."""
    return f"orbat.events.v4+{pack.fingerprint}+{rules_fingerprint()}"


# The day of a report, told relative to the day it was filed.
_DAY_OF_NEWS = re.compile(
    r"\b(?:on\s+)?(?:(?:early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b|\b(?:yesterday|overnight|last\s+night)\b",
)


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
        self.pack = pack if pack is not None else load_pack()
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
        text = hashtags_as_words(text)  # "#Tuz_Khurmatu": the words (same offsets)
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
           :mod:`orbat.extract.consolidate`); an event placed nowhere is placed at its country
           (:mod:`orbat.extract.country_place`); notes are written last.
        """
        # 1.
        article, month = dated_by_url(dated_by_dateline(article))
        text = hashtags_as_words(article.text)  # quotes still come from the stored text
        keep_article(doc, text)  # the actors' context: all of it, parsed or not
        sents: list[Span | Unparsed] = sorted(
            [*(c for s in sentences(doc) for c in split_other_act(s, self.classifier)), *unparsed],
            key=lambda s: s.start_char,
        )
        dates = resolve_dates(text, article.published, doc)
        casualties = find_casualties(text, doc)
        # Organisation names veto place names inside them, which loses "the Ain al-Asad air
        # base" (tagged ORG); only people's names are kept as vetoes.
        entities = [
            (e.start_char, e.end_char, e.label_)
            for e in doc.ents
            if e.label_ in PLACE_VETO and not misread_person(e, self.gazetteer)
        ]
        entities += person_vetoes(text, self.gazetteer, entities)
        hometowns = hometown_spans(text)
        actors = actor_spans(doc, self.actor_finder)
        resolved = resolve_places(
            text, gazetteer=self.gazetteer, entities=entities, words=self.pack.words
        )
        places = [
            p
            for p in resolved
            if not is_dateline(text, p)
            and plausible_surface(p.text)
            and not modifies_a_group(text, p)
            and not names_a_source(text, p)
            and not names_a_process(text, p)
            and not names_a_landmark(text, p)
            and not names_an_aside(text, p)
            and not any(s <= p.start < e for s, e in hometowns)
            and not names_an_actor(text, p, actors)
            and not any(s <= p.start < e for s, e in actors.unlisted)  # "Taliban fighters"
        ]
        filed = dateline_place(text, resolved)  # where the story was filed, never a place
        places += bare_capitals(text, filed, resolved, places, self.gazetteer)
        places.sort(key=lambda p: p.start)
        # The country the article is about names the generic actors of an event it cannot
        # place ("protesters" at an unnamed square are that country's protesters).
        article_country = main_country(places)
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

        found: list[Candidate] = []
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
            anchored = self._anchored(
                start, end, dates, casualties, places, article.published, text
            )
            if not anchored and tells_a_past_act(sentence):
                anchored = placed_roughly(sentence, places)  # in a governorate, a country
            if not anchored:
                span = None
                if not is_follow_up(sentence, coded):
                    # An unanchored back-reference ("during the clashes") is about an event
                    # told elsewhere, not a report of its own.
                    span = neighbour_span(text, index, sents, codes, anchors)
                if span is None and not leads_a_brief(sentence, index, len(sents)):
                    # Nothing ties the sentence to a particular happening (no date, town or
                    # toll of its own or of its neighbours): commentary ("militias have
                    # targeted convoys"), not a report.
                    continue
                start, end = span or (start, end)
            focus = coded.cues[0].char_start if coded.cues else None
            own = dates_of_the_act(sentence, dates)
            dated = sentence_date(own, start, end, article.published, focus, horizon)
            if dated is None:
                continue
            when, own_date = dated
            # "said on Monday that it killed five militants the previous day": counted days.
            # (A day its paragraph gave yields to "a day after …" in the sentence itself.)
            inside = any(start <= m.start < end for m in own)
            if not own_date or not inside or counts_days(text, start, end):
                relative = relative_event_date(
                    text, start, end, dates, new_act_at(sentence, coded, end)
                )
                if relative is not None:
                    when, own_date = relative, True
            # 4.
            locations = event_locations(text, start, end, places)
            if across_countries(text, locations, places, start, end):
                continue
            told = tellings(sentence, coded, (start, end), locations, self.classifier)
            for location, telling in told:
                day = when
                if (telling.start, telling.end) != (start, end):
                    # "On Thursday, a Reaper destroyed …, and on Friday two Typhoons struck …"
                    clause = sentence_date(own, telling.start, telling.end, article.published)
                    day = clause[0] if clause is not None and clause[1] else when
                record = self._record(
                    article,
                    telling.words,
                    telling.coded,
                    day,
                    location,
                    casualties,
                    (telling.start, telling.end),
                    article_country,
                    horizon,
                )
                own_place = location is not None and start <= location.start < end
                found.append(Candidate(record, index, own_date, own_place))
        for candidate in found:
            record = strikes_from_the_air(candidate.record)
            candidate.record = clashes_between(gunmen_on_protesters(record))
        finder, pack = self.actor_finder, self.pack
        name_unnamed_strikers(sents, codes, found, self.classifier, finder, pack)
        name_claimants(article.text, sents, found, finder, pack)
        name_the_blamed(article.text, sents, found, finder, pack)
        name_the_suspected(article.text, sents, found, finder, pack)
        name_the_group(article.text, sents, found, finder, pack)
        name_the_enemy(article.text, found, finder, pack)
        # 6.
        place_by_later_reference(article, sents, places, found)
        join_follow_ups(sents, codes, found)
        fold_seizures(found)
        date_by_later_sentence(sents, dates, found)
        absorb_toll_sentences(sents, codes, found)
        spans = [(s.start_char, s.end_char) for s in sents]
        attach_following_tolls(text, spans, codes, found, casualties)
        police_the_protest(text, sents, self.classifier, found, casualties, self.pack)
        for candidate in found:
            record = candidate.record = taker_decides(candidate.record)
            record.confidence = event_confidence(
                record, own_date=candidate.own_date, in_theatre=self._in_theatre(record.place_id)
            )
        unique: dict[tuple[int, int, str | None], EventRecord] = {}
        in_country = placed_in_country(
            consolidate(found),
            places,
            self.gazetteer,
            text,
            state_names(self.pack).country,
            filed.place.country if filed is not None else None,
        )
        for record in map(partial(the_state_regains, pack=self.pack), in_country):
            record = to_the_month(record, month, dates)
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
        text: str,
    ) -> bool:
        """Whether the sentence ties its event to a day, a place or a toll of its own. Without
        a publication date to count from, "on Thursday", "yesterday" still name the day of a
        report (news tells its own days so), though not which date it was."""
        if select_event_date(dates, start, end) is not None:
            return True
        if published is None and _DAY_OF_NEWS.search(text, start, end):
            return True
        if any(start <= c.start < end for c in casualties):
            return True
        return any(
            start <= p.start < end and p.geo_precision <= 2 and p.place.kind != "country"
            for p in places
        )

    def _in_theatre(self, place_id: str | None) -> bool | None:
        place = self.gazetteer.get(place_id) if place_id else None
        return None if place is None else place.country_code in self.gazetteer.theatre

    def _armed(self, sentence: Span, coded: Classification) -> bool:
        """Strategic developments are coded for armed, political or state actors (ACLED):
        a committee "formed" to investigate is not a change to an armed group's activity.
        Arrests and seized weapons are acts of the state by definition."""
        if coded.sub_event_type in ("Arrests", "Disrupted weapons use"):
            return True
        labels = {c.label for c in self.classifier.cues(sentence)}
        return bool(labels & _ARMED_ACTOR_CUES)

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
        country = location.place.country if location is not None else None
        roles: ActorRoles = assign_actors(
            sentence,
            coded,
            country or article_country,
            self.actor_finder,
            # An undated event of an undated article is named for the latest year the
            # article names (ACLED's names of state forces change with regimes).
            when=when[0] if when else dt.date(horizon, 6, 30) if horizon else None,
            pack=self.pack,
            origin=fire_origin(sentence.text, country, self.gazetteer, self.pack.words),
        )
        killed = [c for c in casualties if start <= c.start and c.end <= end]
        fatalities = acled_fatalities(killed)
        quote = article.text[start:end]
        stance = event_stance(article.text[sentence.start_char : sentence.end_char])
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
            **(place_fields(location) if location is not None else {}),
            fatalities=fatalities,
            stance=stance,
            extra={"classifier_score": coded.score},
        )


_NOT_NEWLINE = re.compile(r"[^\n]")


# Lexicon context labels that name an armed, political or state actor.
_ARMED_ACTOR_CUES = frozenset({"ctx:state_actors", "ctx:nonstate_actors", "ctx:armed_targets"})
