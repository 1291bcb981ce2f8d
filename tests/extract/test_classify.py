"""Event classification of real sentences into ACLED sub-event types."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.extract import classify as classify_module
from orbat.extract.classify import COMPONENT, EventClassifier, classify, default_classifier
from orbat.extract.lexicon import PhraseTrie, load_lexicon
from orbat.nlp.model import load_nlp

SEEDS = Path(classify_module.__file__).parents[1] / "examples" / "seeds"


def sub_type(text: str) -> str | None:
    found = classify(text)
    return found.sub_event_type if found else None


def seed_sentence(fragment: str) -> str:
    """The sentence of the seed corpus that contains ``fragment`` (so the test reads real text)."""
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        at = text.find(fragment)
        if at >= 0:
            start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
            end = text.find(".", at + len(fragment)) + 1
            return text[start:end]
    raise AssertionError(f"{fragment!r} is not in the seed corpus")


def test_case_air_strike() -> None:
    text = (
        "American warplanes pounded a village south of al-Shadadi in rural Hasaka, killing "
        "four civilians, among them a child"
    )
    found = classify(text)
    assert found is not None
    assert found.sub_event_type == "Air/drone strike"
    assert found.event_type == "Explosions/Remote violence"
    assert found.component == COMPONENT
    assert any(text[c.char_start : c.char_end] == "warplanes" for c in found.cues)


def test_seed_militia_base_attack_is_armed_clash() -> None:
    # ACLED's Violence against civilians is violence against unarmed people; an attack by
    # one armed, organised group (IS) on another's base (a pro-Iran militia, here PMF) is a
    # Battles event. No territory changed hands, so it is an Armed clash, not an Attack.
    text = seed_sentence("Three fighters from a pro-Iranian militia were killed")
    assert sub_type(text) == "Armed clash"


def test_seed_ied_attacks() -> None:
    text = seed_sentence("Two improvised explosive device attacks were reported in Babil")
    assert sub_type(text) == "Remote explosive/landmine/IED"


def test_seed_arrests() -> None:
    text = seed_sentence("Iraqi security forces arrested three Syrian refugees")
    assert sub_type(text) == "Arrests"


def test_seed_threat_is_no_event() -> None:
    text = seed_sentence("threatened to attack Iraq")
    assert sub_type(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "The militia denied that it carried out the drone strike on the base.",
        "Militants would attack the convoy if the troops entered the town.",
        "Iraqi forces did not shell the village.",
        "The Iraqi prime minister met the US ambassador to discuss trade.",
        "A strong earthquake killed eight people in the province.",
    ],
)
def test_no_event(text: str) -> None:
    assert sub_type(text) is None


def test_negated_cues_are_kept_and_marked() -> None:
    doc = load_nlp()("Iraqi forces did not shell the village.")
    cues = default_classifier().cues(doc)
    assert {c.stance for c in cues if c.label.startswith("cue:shelling")} == {"negated"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A pair of suicide bombers blew themselves up in a crowded Baghdad market.",
            "Suicide bomb",
        ),
        ("Mortar shells landed on the Green Zone in Baghdad.", "Shelling/artillery/missile attack"),
        (
            "A roadside bomb exploded near a convoy, killing two soldiers.",
            "Remote explosive/landmine/IED",
        ),
        ("A grenade was thrown at a police station in Kirkuk.", "Grenade"),
        (
            "Syrian government forces used chlorine gas on the town, a monitoring group said.",
            "Chemical weapon",
        ),
        ("Clashes erupted between the army and ISIS fighters near Kirkuk.", "Armed clash"),
        ("Gunmen attacked a village and killed 12 civilians.", "Attack"),
        ("Gunmen kidnapped two engineers on the road to Kirkuk.", "Abduction/forced disappearance"),
        ("Soldiers raped several women in the village, rights groups said.", "Sexual violence"),
        (
            "Police fired tear gas to disperse hundreds of protesters in Basra.",
            "Protest with intervention",
        ),
        ("Hundreds of protesters rallied peacefully in Baghdad on Friday.", "Peaceful protest"),
        (
            "Security forces opened fire on peaceful protesters, killing six.",
            "Excessive force against protesters",
        ),
        ("Protesters threw stones at police and set tyres on fire.", "Violent demonstration"),
        ("An angry mob lynched a man accused of theft.", "Mob violence"),
        (
            "Iraqi forces recaptured the village of Albu Hayat from Islamic State militants.",
            "Government regains territory",
        ),
        (
            "Taliban militants captured the district centre after heavy fighting.",
            "Non-state actor overtakes territory",
        ),
        ("The government and the rebels signed a ceasefire agreement on Monday.", "Agreement"),
        (
            "Security forces seized a weapons cache and defused two IEDs near Mosul.",
            "Disrupted weapons use",
        ),
        (
            "Near Ain Issa, Turkish troops established a new military outpost.",
            "Headquarters or base established",
        ),
        ("Militiamen looted shops and burned houses in the town.", "Looting/property destruction"),
        ("The army deployed reinforcements to the border with Syria.", "Change to group/activity"),
    ],
)
def test_sub_event_types(text: str, expected: str) -> None:
    assert sub_type(text) == expected


def test_classifier_accepts_span() -> None:
    doc = load_nlp()("The minister spoke. Mortar shells hit the base.")
    sentence = list(doc.sents)[1]
    found = default_classifier().classify(sentence)
    assert found is not None and found.sub_event_type == "Shelling/artillery/missile attack"


def test_lexicon_is_loaded_once_and_compiled() -> None:
    assert load_lexicon() is load_lexicon()
    assert load_lexicon().trie.size > 500
    assert EventClassifier().lexicon is load_lexicon()


def test_trie_matches_lemmas_hyphens_and_wildcards() -> None:
    nlp = load_nlp()
    trie = PhraseTrie()
    trie.add("air", "air strike")
    trie.add("kill", "killed * civilians")
    labels = {m.label for m in trie.find(list(nlp("Air-strikes killed 12 civilians.")))}
    assert labels == {"air", "kill"}
    assert {m.label for m in trie.find(list(nlp("An airstrike hit.")))} == {"air"}
