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
