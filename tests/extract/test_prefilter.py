"""The prefilters keep every sentence the classifier (events) or the statement rules could use,
before any parse."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Span

from orbat.extract.analysis import ArticleAnalyser, Wanted, event_spans
from orbat.extract.classify import default_classifier
from orbat.extract.events import ArticleView, EventExtractor
from orbat.extract.prefilter import CuePrefilter, StatementPrefilter
from orbat.extract.statements import StatementExtractor
from orbat.nlp.model import load_nlp
from orbat.nlp.sentences import sentences
from orbat.resolve.actors import default_resolver

SEEDS = Path(__file__).parents[2] / "src" / "orbat" / "examples" / "seeds"


def test_irregular_and_inflected_forms_reach_their_lemma() -> None:
    nlp = load_nlp()
    prefilter = CuePrefilter(default_classifier().lexicon, nlp)
    assert "strike" in prefilter.lemmas("struck")
    assert prefilter.is_candidate(nlp.make_doc("The convoy was struck near the border."))
    assert prefilter.is_candidate(nlp.make_doc("Gunmen ambushed a patrol."))
    assert not prefilter.is_candidate(nlp.make_doc("The minister met his counterpart."))


def test_no_codable_sentence_of_the_founding_corpus_is_filtered_out() -> None:
    # Every sentence the classifier codes on the full parse must survive the prefilter.
    nlp = load_nlp()
    classifier = default_classifier()
    prefilter = CuePrefilter(classifier.lexicon, nlp)
    coded = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for sentence in sentences(nlp(path.read_text("utf-8"))):
            if classifier.classify(sentence) is not None:
                coded += 1
                assert prefilter.is_candidate(sentence), sentence.text
    assert coded > 50


def test_blanked_text_keeps_offsets() -> None:
    extractor = EventExtractor()
    text = (
        "The minister met his counterpart in Paris.\n\nThey discussed trade and tourism. "
        "The talks lasted two hours. Lunch was served. Both sides praised the weather.\n\n"
        "On Friday, gunmen attacked a checkpoint in Tikrit, killing two soldiers."
    )
    parsed = extractor.prepare(text).text
    assert len(parsed) == len(text)
    assert "Paris" not in parsed and "gunmen attacked a checkpoint in Tikrit" in parsed
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(parsed) if c == "\n"
    ]


# -- statements -------------------------------------------------------------------------------
def _statement_prefilter() -> tuple[StatementPrefilter, Language]:
    nlp = load_nlp()
    return StatementPrefilter(CuePrefilter(default_classifier().lexicon, nlp)), nlp


def _pieces(nlp: Language, text: str) -> list[Span]:
    doc = nlp.make_doc(text)
    Sentencizer()(doc)
    return sentences(doc)


def test_statement_prefilter_keeps_claims_and_relations_between_names() -> None:
    prefilter, nlp = _statement_prefilter()
    kept = [
        "The group denied any role in the attack.",
        "Kataib Hezbollah, part of the Popular Mobilization Forces, fired rockets.",
        "Iran-backed militias shelled the base.",
    ]
    dropped = [
        "The weather was fine in Paris on Monday.",
        "Fighting continued through the night.",  # a relation word, but no names around it
    ]
    resolver = default_resolver()
    for text in kept:
        actors = [(m.start, m.end) for m in resolver.find_mentions(text)]
        assert prefilter.keep(_pieces(nlp, text), actors) == {0}, text
    for text in dropped:
        actors = [(m.start, m.end) for m in resolver.find_mentions(text)]
        assert prefilter.keep(_pieces(nlp, text), actors) == set(), text


def test_statement_prefilter_keeps_the_piece_a_cut_name_or_parenthesis_joins() -> None:
    # The rule-based splitter cuts after "lit."; the parse joins the pieces back, and the
    # claim's speaker is in the first one, which holds no trigger of its own.
    prefilter, nlp = _statement_prefilter()
    text = (
        "Qasem al-Jabbarin (lit. “Smasher of the Oppressors”), an obscure militia force, "
        "claimed responsibility for the attack."
    )
    pieces = _pieces(nlp, text)
    assert len(pieces) == 2
    assert prefilter.keep(pieces, []) == {0, 1}


def test_one_shared_parse_gives_the_statements_of_a_full_parse() -> None:
    """On the founding corpus, the shared, partial parse states what a parse of every
    sentence states: the same relations and claims between the same actors, but for a few
    whose parse changed with its neighbours blanked (the evidence sentence may also start
    elsewhere: a heading blanked out is no longer glued to it). The gold scores of
    ``orbat eval statements`` pin the accuracy; this pins the agreement."""
    analyser = ArticleAnalyser()
    # Its own extractor: each learns the actors the articles introduce, in the same order.
    whole = StatementExtractor(nlp=analyser.nlp)
    full: Counter[tuple[object, ...]] = Counter()
    shared: Counter[tuple[object, ...]] = Counter()
    for number, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        article = ArticleView(number, path.read_text("utf-8"), None)
        parsed = next(analyser.parse_many([(article, Wanted())]))
        analysis = analyser.analyse(parsed)
        assert analysis.events is not None and analysis.statements is not None
        spans = event_spans(analysis.events, range(len(analysis.events)))
        for result, into in ((whole.extract(article, spans), full), (analysis.statements, shared)):
            into.update(
                (number, s.kind, s.predicate, s.subject_id, s.object_id) for s in result.statements
            )
    assert full.total() > 80
    agreed = (full & shared).total()
    assert agreed >= 0.95 * full.total() and agreed >= 0.95 * shared.total()
