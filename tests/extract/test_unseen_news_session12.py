"""Issue 13, session 12: phenomena of the theatre's short reports (spring 2020 style: local
security sources, monitoring groups, Arabic reporting in translation) that orbat got wrong.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import datetime as dt

import pytest

from orbat.extract.events import ArticleView, EventExtractor
from orbat.nlp.numbers import acled_fatalities, find_casualties

pytestmark = pytest.mark.issue(13)


def coded(event_extractor: EventExtractor, text: str, day: str = "2020-04-10") -> list:
    return event_extractor.extract(ArticleView(1, text, dt.date.fromisoformat(day)))


# ---------------------------------------------------------------- one happening, one place


def test_the_area_a_compass_phrase_places_is_one_event(event_extractor: EventExtractor) -> None:
    # "in the Jalawla area, north-east of Baqubah": Baqubah only says where Jalawla lies.
    events = coded(
        event_extractor,
        "An explosive device went off on a vehicle belonging to the Hashd in the Jalawla area, "
        "north-east of Baqubah, wounding two fighters.",
    )
    assert [e.location for e in events] == ["Jalawla"]


def test_the_area_of_listed_villages_is_no_event_of_its_own(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # With the villages imported, Kansafra is known and al-Bara is not (an unlisted village of
    # the list); Jabal al-Zawiya is the area both lie in, as it is for one town ("the town of
    # Kansafra in Jabal al-Zawiya").
    events = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "Regime artillery targeted the towns of Kansafra and al-Bara in Jabal al-Zawiya on Monday.",
    )
    assert sorted(e.location for e in events) == ["Kansafra", "al-Bara"]


# ---------------------------------------------------------------- who acted, against whom


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "HTS executed a man accused of collaborating with the regime in Idlib city on Friday.",
            "Civilians (Syria)",
        ),
        (
            "ISIS militants killed a shepherd on charges of spying for the Iraqi army near "
            "Baiji on Monday.",
            "Civilians (Iraq)",
        ),
    ],
)
def test_whom_a_victim_is_accused_of_serving_took_no_part(
    event_extractor: EventExtractor, text: str, actor2: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Attack"
    assert event.actor2 == actor2
    assert event.fatalities == 1


def test_those_arrested_as_members_of_a_group_are_that_group(
    event_extractor: EventExtractor,
) -> None:
    # The allegation's group is the arrested side (ACLED codes suspected members so).
    (event,) = coded(
        event_extractor,
        "Iraqi security forces arrested two men on charges of belonging to ISIS in Kirkuk on "
        "Monday.",
    )
    assert event.sub_event_type == "Arrests"
    assert event.actor2 == "Islamic State (Iraq)"


def test_the_national_army_factions_of_arabic_reporting(event_extractor: EventExtractor) -> None:
    # فصائل الجيش الوطني, "the National Army factions", is the Turkish-backed SNA.
    (event,) = coded(
        event_extractor,
        "Turkish-backed National Army factions shelled the village of Um al-Keif north of "
        "Tal Tamr on Tuesday.",
    )
    assert event.actor1 == "SNA: Syrian National Army"
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_the_awakening_councils_are_no_daraa_village(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The imported villages hold a Sahwa in Daraa; "a Sahwa member" in Iraq is one of the
    # Sunni tribal Awakening councils.
    events = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "Unknown gunmen killed a Sahwa member in front of his house in Tarmiyah, north of Baghdad.",
    )
    assert [e.country for e in events] == ["Iraq"]


# ---------------------------------------------------------------- tolls


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("An Iraqi army officer and his son were killed when gunmen stormed their house.", 2),
        ("A soldier and a civilian were killed when a roadside bomb exploded.", 2),
        ("A mukhtar and his two sons were killed by ISIS militants.", 3),
        ("A PMF commander and two of his guards were killed in an IED blast.", 3),
        # Unchanged: one victim, and a figure a plural subject gives on its own.
        ("A policeman was killed and another wounded when gunmen attacked a checkpoint.", 1),
        ("Two soldiers and a civilian were killed in the attack.", 3),
    ],
)
def test_single_victims_one_verb_tells_of_are_counted_together(text: str, dead: int) -> None:
    assert acled_fatalities(find_casualties(text)) == dead


def test_iranian_militias_are_the_pro_iran_militia(event_extractor: EventExtractor) -> None:
    # Syrian monitors' "Iranian militias" are the Iran-backed militias, not Iran's army.
    (event,) = coded(
        event_extractor,
        "Israeli warplanes struck positions of Iranian militias near the T4 airbase in the "
        "eastern countryside of Homs on Thursday, killing nine fighters.",
    )
    assert event.actor1.startswith("Military Forces of Israel")
    assert event.actor2 == "Militia (Pro-Iran)"


def test_a_town_placed_by_its_distance_from_another_is_one_event(
    event_extractor: EventExtractor,
) -> None:
    # "80 km north of Baghdad" says where Balad lies, as "north of Baghdad" does.
    events = coded(
        event_extractor, "A roadside bomb exploded in Balad, 80 km north of Baghdad, on Monday."
    )
    assert [e.location for e in events] == ["Balad"]
