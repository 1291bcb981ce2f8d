"""The cue prefilter keeps every sentence the classifier could code, before any parse."""

from __future__ import annotations

from pathlib import Path

from orbat.extract.classify import default_classifier
from orbat.extract.events import EventExtractor
from orbat.extract.prefilter import CuePrefilter
from orbat.nlp.model import load_nlp
from orbat.nlp.sentences import sentences

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
    parsed = extractor.parse_text(text)
    assert len(parsed) == len(text)
    assert "Paris" not in parsed and "gunmen attacked a checkpoint in Tikrit" in parsed
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(parsed) if c == "\n"
    ]
