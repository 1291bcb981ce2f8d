"""Issue 13, session 16: phenomena of Yemen-war and Iraq/Syria reporting that orbat got wrong.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)

HOUTHIS_2021 = "Military Forces of Yemen (2017-) Houthi"
SAUDI = "Military Forces of Saudi Arabia (2015-)"


def test_the_group_unnamed_men_are_believed_to_be_is_the_attacker(
    event_extractor: EventExtractor,
) -> None:
    # "Gunmen believed to be members of X": X stands for the gunmen (ACLED's actor1), where
    # the parser made X the object of "be" and so the target.
    text = (
        "Gunmen believed to be members of Islamic State attacked a village in Diyala province "
        "on Wednesday, killing four farmers."
    )
    (event,) = coded(event_extractor, text, "2020-06-11")
    assert event.actor1 == "Islamic State (Iraq)"
    assert event.actor2 == "Civilians (Iraq)"


def test_a_bombing_that_killed_is_a_remote_explosive_attack(
    event_extractor: EventExtractor,
) -> None:
    # "a bombing that killed three": the blast harmed (a relative clause), so it is the
    # weapon, not a clash between the claimant and the dead.
    text = (
        "The Islamic State group claimed a bombing that killed three members of the Syrian "
        "Democratic Forces in Deir ez-Zor province on Saturday."
    )
    (event,) = coded(event_extractor, text, "2020-06-08")
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 == "Islamic State (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        "The Yemeni army and popular committees fired a Badr-1 ballistic missile at Saudi "
        "forces in Jizan on Tuesday, a military spokesman said.",
        "Yemen's armed forces targeted Aramco facilities in Jeddah with a Quds-2 cruise missile "
        "on Tuesday.",
        "Yemen's missile force launched a drone at Abha airport on Tuesday.",
    ],
)
def test_yemens_forces_fighting_saudi_arabia_are_the_houthis(
    event_extractor: EventExtractor, text: str
) -> None:
    # Sanaa's authorities call their fighters the Yemeni army; the recognised government
    # never fought Saudi Arabia (pack: countries.yaml, Yemen's `de_facto`).
    (event,) = coded(event_extractor, text, "2021-03-10")
    assert event.actor1 == HOUTHIS_2021


def test_yemens_government_forces_stay_the_government_against_the_houthis(
    event_extractor: EventExtractor,
) -> None:
    text = "Yemeni forces loyal to President Hadi recaptured Marib from Houthi rebels on Friday."
    (event,) = coded(event_extractor, text, "2021-03-10")
    assert event.actor1 == "Military Forces of Yemen (2012-2022)"
    assert event.actor2 == HOUTHIS_2021


def test_a_named_missile_is_its_states_and_a_base_that_came_under_it_the_target(
    event_extractor: EventExtractor,
) -> None:
    # "Yemen's Zalzal-3 missile": a model's name between the state and the weapon; "came
    # under" makes its subject the target; Assir is Saudi Arabia's Asir region (pack admin1).
    text = (
        "On Tuesday Saudi Arabia's Alab base, in the province of Assir, came under Yemen's "
        "Zalzal-3 missile fire."
    )
    (event,) = coded(event_extractor, text, "2021-03-10")
    assert (event.actor1, event.actor2) == (HOUTHIS_2021, SAUDI)
    assert (event.country, event.admin1) == ("Saudi Arabia", "Asir")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Iran's Fateh-110 missiles struck the Ain al-Asad base on Wednesday.", "Iran"),
        ("Russian Kalibr cruise missiles hit Idlib on Monday, killing three.", "Russia"),
    ],
)
def test_a_weapons_model_between_state_and_weapon_keeps_the_state(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text, "2020-01-10")
    assert event.actor1 is not None and event.actor1.startswith(f"Military Forces of {actor1}")


def test_a_base_that_came_under_fire_is_its_states_forces_as_target(
    event_extractor: EventExtractor,
) -> None:
    text = "A Turkish military base near Bashiqa came under rocket fire on Tuesday."
    (event,) = coded(event_extractor, text, "2020-01-10")
    assert event.actor2 == "Military Forces of Turkey (2016-)"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


def test_the_saudi_led_coalition_is_saudi_arabias_forces_and_sanaa_no_person(
    event_extractor: EventExtractor,
) -> None:
    # ACLED codes the coalition's strikes in Yemen to Saudi Arabia's forces; the tagger's
    # PERSON for "Sanaa" does not veto a city of millions.
    text = (
        "The Saudi-led coalition carried out airstrikes on Sanaa on Thursday, killing six "
        "civilians, residents said."
    )
    (event,) = coded(event_extractor, text, "2021-03-10")
    assert event.actor1 == SAUDI
    assert event.location == "Sanaa"
    assert event.fatalities == 6


def test_fighters_counted_as_militias_are_a_toll(event_extractor: EventExtractor) -> None:
    # "Tens of pro-Hadi militias were killed": outlets that count fighters as militias; the
    # toll anchors the undated report to its province.
    # ("Tens" is as vague as "dozens": ACLED's 12.)
    text = (
        "Tens of pro-Hadi militias were killed as Saudi jets bombed their posts in Ma'rib "
        "province, central Yemen"
    )
    (event,) = coded(event_extractor, text, None)
    assert (event.actor1, event.fatalities, event.admin1) == (SAUDI, 12, "Marib")
