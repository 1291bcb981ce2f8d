"""Issue 13: tolls as wire copy words them, victims joined by "and". Sentences written for the
test."""

from __future__ import annotations

import pytest

from orbat.nlp.numbers import acled_fatalities, find_casualties

pytestmark = pytest.mark.issue(13)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("An airstrike killed a senior HTS commander and his driver.", 2),
        ("Turkish shelling killed a woman and her two children in a village.", 3),
        ("The strike killed two fighters and a civilian.", 3),
        ("Three soldiers and a civilian were killed in the blast.", 4),
        # The "and" that opens a clause of its own adds no dead.
        ("Gunmen killed a policeman and an officer was wounded.", 1),
        ("The attack killed two soldiers and wounded three others.", 2),
    ],
)
def test_victims_joined_by_and_are_counted_together(text: str, killed: int) -> None:
    assert acled_fatalities(find_casualties(text)) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("ISIS militants executed two shepherds in the desert.", 2),
        ("The group beheaded a man in Raqqa.", 1),
    ],
)
def test_executions_are_killings(text: str, killed: int) -> None:
    assert acled_fatalities(find_casualties(text)) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "A drone strike on a vehicle in Baghdad on Wednesday killed Abu Baqir al-Saadi, a "
            "senior commander of Kataib Hezbollah, and two others, officials said.",
            3,
        ),
        ("Gunmen assassinated Hisham al-Hashimi outside his home in Baghdad.", 1),
    ],
)
def test_the_dead_a_text_names_are_counted(text: str, killed: int) -> None:
    from orbat.nlp.model import load_nlp

    assert acled_fatalities(find_casualties(text, load_nlp()(text))) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Outside a police station, three suicide bombers blew themselves up.", 3),
        ("A suicide bomber blew himself up at the gate of the base.", 1),
        ("Two militants detonated their explosive belts, killing themselves.", 2),
        # The toll the text gives for the victims is the figure, not the bomber alone.
        ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.", 4),
    ],
)
def test_bombers_killed_by_their_own_blast_are_dead(text: str, killed: int) -> None:
    assert acled_fatalities(find_casualties(text)) == killed


def test_people_abducted_and_shot_dead_are_dead() -> None:
    text = "At least six farmers were abducted and shot dead near Tuz Khurmatu."
    assert acled_fatalities(find_casualties(text)) == 6


@pytest.mark.parametrize(
    "text",
    [
        "Clashes between the two sides entered their fourth day, with the death toll rising to 41.",
        "After three days of fighting around the town, 28 people have been killed.",
    ],
)
def test_the_toll_of_days_of_fighting_is_no_single_events(text: str) -> None:
    assert acled_fatalities(find_casualties(text)) is None
