"""What counts as a report of something that happened (ACLED codes happenings, not talk)."""

from __future__ import annotations

import pytest

from orbat.extract.occurrence import is_tally, reports_an_occurrence
from orbat.nlp.model import load_nlp


def occurs(text: str, sub: str | None = None) -> bool:
    return reports_an_occurrence(load_nlp()(text)[:], sub)


@pytest.mark.parametrize(
    "text",
    [
        "Three fighters were killed when IS attacked their base in Tarmiya on Friday.",
        "Security forces arrested 18 individuals in the Lajat region.",
    ],
)
def test_reports(text: str) -> None:
    assert occurs(text)


@pytest.mark.parametrize(
    "text",
    [
        # a pledge
        "Mr Al Shara pledged that his government would hold anyone involved in the killing "
        "of civilians accountable.",
        # a call to act
        "The commander urged militias to step up their attacks on US targets.",
        # a habit
        "Militias have long targeted convoys on the road.",
        # a quotation
        "“We will not be quiet about this attack,” the commander said.",
    ],
)
def test_not_reports(text: str) -> None:
    assert not occurs(text)


def test_court_sentence_is_not_an_arrest() -> None:
    text = "A translator was recently sentenced by a US court to 23 years in prison for spying."
    assert not occurs(text, "Arrests")
    assert occurs("Police arrested a translator in Erbil on Monday.", "Arrests")


@pytest.mark.parametrize(
    ("text", "tally"),
    [
        ("The commission has documented 81 assassination attempts since October 2019.", True),
        ("The attacks brought the total number of strikes up to 130 since March.", True),
        ("More than 1,300 people have been killed since Thursday.", True),
        ("Two people were killed on Thursday.", False),
    ],
)
def test_tallies(text: str, tally: bool) -> None:
    assert is_tally(text) is tally


def test_event_words_only_inside_a_quotation_are_somebodys_words() -> None:
    text = (
        "According to an Istanbul-based expert, “What the Russians need in Ukraine right now "
        "are missiles.”"
    )
    doc = load_nlp()(text)
    at = text.index("missiles")
    assert not reports_an_occurrence(doc[:], "Shelling/artillery/missile attack", [at])
    plain = "Militants fired missiles at the base on Monday, the army said."
    doc = load_nlp()(plain)
    assert reports_an_occurrence(doc[:], None, [plain.index("missiles")])


def test_several_occasions_are_a_tally() -> None:
    assert is_tally(
        "On two occasions this year, the Biden administration has ordered strikes against "
        "Iranian-backed militias."
    )


def _cue_occurs(text: str, sub: str, *cues: str) -> bool:
    doc = load_nlp()(text)
    return reports_an_occurrence(doc[:], sub, [text.index(c) for c in cues])


@pytest.mark.parametrize(
    ("text", "sub", "cues"),
    [
        # a possibility: a modal on the main verb
        (
            "The day may soon come when the army shells the town.",
            "Shelling/artillery/missile attack",
            ("shells",),
        ),
        # legal procedure: a judge, a court, a ruling acts
        (
            "A federal judge ruled on Tuesday that the arrest of the student was unlawful.",
            "Arrests",
            ("arrest",),
        ),
        # a picture: what a poster or a video shows
        ("The poster depicts soldiers lying dead after a battle.", "Armed clash", ("battle",)),
        # weapons handed over are not weapons used
        (
            "Dozens of anti-tank missiles were shipped to the rebels in March.",
            "Shelling/artillery/missile attack",
            ("missiles",),
        ),
        # purpose or intent: the event words are in an infinitive
        (
            "The group sent fighters last week to join the offensive near the city.",
            "Armed clash",
            ("offensive",),
        ),
        # publishing reports about violence
        (
            "Amnesty published a report on Monday detailing attacks on journalists.",
            "Attack",
            ("attacks",),
        ),
        # somebody's description of, or reaction to, an event
        (
            "The minister described the withdrawal of troops as a betrayal on Sunday.",
            "Change to group/activity",
            ("withdrawal",),
        ),
        ("The detention was condemned by rights groups on Friday.", "Arrests", ("detention",)),
        # an event's end
        ("On Monday the army announced the end of the offensive.", "Armed clash", ("offensive",)),
        # the future: a modal on the event verb
        (
            "The army said on Monday that it would continue shelling the town.",
            "Shelling/artillery/missile attack",
            ("shelling",),
        ),
        # a period of years told as a whole
        ("The invasion brought ten years of war and killed 200,000 people.", "Attack", ("killed",)),
    ],
)
def test_talk_about_events_is_not_a_report(text: str, sub: str, cues: tuple[str, ...]) -> None:
    assert not _cue_occurs(text, sub, *cues)


@pytest.mark.parametrize(
    ("text", "sub", "cues"),
    [
        # an attempt, a start or an agreement is itself the event
        ("Militants attempted to storm the checkpoint on Monday.", "Armed clash", ("storm",)),
        ("The two leaders agreed on Monday to withdraw all troops.", "Agreement", ("agreed",)),
        # an event noun under a modal is often real and reported
        (
            "The group said it would not stay silent over an airstrike that killed 12 of its men.",
            "Air/drone strike",
            ("airstrike",),
        ),
        # an agreement against the background of years of war is still one act
        (
            "After eight years of war, the parties signed a truce on Monday.",
            "Agreement",
            ("signed",),
        ),
        # weapons used, not handed over
        (
            "Militants fired anti-tank missiles at the convoy on Monday.",
            "Shelling/artillery/missile attack",
            ("missiles",),
        ),
        # a video of an event told by the reporter, not a description of the picture
        ("Gunmen killed two guards at the gate on Sunday, a video showed.", "Attack", ("killed",)),
    ],
)
def test_reports_with_those_words_still_count(text: str, sub: str, cues: tuple[str, ...]) -> None:
    assert _cue_occurs(text, sub, *cues)


@pytest.mark.parametrize(
    "text",
    [
        "Russia has launched over 8,000 drones since the war broke out.",
        "Dozens of civilians have been killed since the start of the conflict.",
    ],
)
def test_counts_over_a_whole_war_are_tallies(text: str) -> None:
    assert is_tally(text)


def test_a_court_that_attests_a_reported_arrest_does_not_void_it() -> None:
    assert _cue_occurs(
        "Police arrested the man in Basra on 3 May, the court heard.", "Arrests", "arrested"
    )


def test_what_an_intent_answers_has_happened() -> None:
    text = (
        "Reuters reported that he urged militias to step up their attacks in retaliation for "
        "airstrikes on June 27."
    )
    assert not _cue_occurs(text, "Armed clash", "attacks")
    assert _cue_occurs(text, "Air/drone strike", "airstrikes")


def test_engaged_in_talks_is_not_fighting() -> None:
    talks = "The envoys were engaged in negotiations with the rebels on Monday."
    assert not _cue_occurs(talks, "Armed clash", "engaged")
    combat = "Troops engaged the rebels near the bridge on Monday."
    assert _cue_occurs(combat, "Armed clash", "engaged")
