"""Issue 13, session 17: phenomena of Iraq/Syria reporting that orbat got wrong, most of them
in how news tells that a government took a place back, and who struck from the air.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)

SYRIA_2019 = "Military Forces of Syria (2000-2024)"


def test_is_written_among_words_of_an_attack_is_the_islamic_state(
    event_extractor: EventExtractor,
) -> None:
    # "IS" is weak (it is also a verb in capitals); a bomb planted by it is the group's.
    text = (
        "A roadside bomb planted by IS hit an army bus near Palmyra on Sunday, killing seven "
        "soldiers."
    )
    (event,) = coded(event_extractor, text, "2019-06-03")
    assert event.actor1 == "Islamic State (Syria)"


def test_the_us_backed_kurdish_led_forces_are_the_sdf_and_take_as_non_state(
    event_extractor: EventExtractor,
) -> None:
    # Unnamed, they are the SDF; "forces" sounded like a state's, but the SDF is none, so
    # ACLED's sub-type is the non-state one.
    text = "Kurdish-led forces seized the town of Tabqa from the Islamic State on Monday."
    (event,) = coded(event_extractor, text, "2017-05-12")
    assert event.actor1 == "Syrian Democratic Forces"
    assert event.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    "text",
    [
        "Government warplanes carried out raids on the town of Jisr al-Shughur on Monday.",
        "Army helicopters dropped barrel bombs on the town of Jisr al-Shughur on Monday.",
        "Assad's air force bombed the town of Jisr al-Shughur on Monday.",
        "Russian-backed government forces shelled rebel positions near Maarat al-Numan on Monday.",
    ],
)
def test_what_only_the_government_flies_is_its_military(
    event_extractor: EventExtractor, text: str
) -> None:
    events = coded(event_extractor, text, "2019-06-04")
    assert [e.actor1 for e in events] == [SYRIA_2019]


@pytest.mark.parametrize(
    "text",
    [
        "Government forces took back the town of Khan Shaykhun on Monday.",
        "Army units restored security and stability to the town of Khan Shaykhun on Monday "
        "after eliminating the last terrorists there.",
        "Army units took full control of the town of Khan Shaykhun on Monday.",
        "The Syrian army completed the liberation of the town of Khan Shaykhun on Monday.",
        "The army recovered the town of Khan Shaykhun on Monday.",
    ],
)
def test_the_ways_news_tells_a_government_took_a_town_back(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text, "2019-08-22")
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == SYRIA_2019
    assert event.location == "Khan Shaykhun"


def test_troops_sent_to_a_front_change_the_groups_activity(
    event_extractor: EventExtractor,
) -> None:
    text = "Turkey sent more troops to its observation posts in Idlib province on Sunday."
    (event,) = coded(event_extractor, text, "2020-02-10")
    assert event.sub_event_type == "Change to group/activity"
    assert event.actor1 == "Military Forces of Turkey (2016-)"


@pytest.mark.slow
def test_a_quarter_known_only_in_another_city_is_coded_to_the_city_named(village_env) -> None:
    # The villages know an Andalus neighbourhood in Baghdad only; the text's is in Mosul.
    text = "Iraqi forces cleared the Andalus neighbourhood of Mosul on Monday."
    events = coded(EventExtractor(), text, "2017-01-10")
    assert [(e.location, e.admin1) for e in events] == [("Mosul", "Nineveh")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "coded_as"),
    [
        (
            "Government helicopters dropped barrels filled with chlorine on Kafr Zita, causing "
            "breathing difficulties for 20 people.",
            ("Chemical weapon", "Kafr Zayta"),
        ),
        (
            "Army units took full control of Khan Tuman.",
            ("Government regains territory", "Khan tuman"),
        ),
    ],
)
def test_a_village_the_tagger_calls_a_person_is_still_the_place(
    village_env, text: str, coded_as: tuple[str, str]
) -> None:
    # Undated, the sentence has only its village to anchor it. The tagger calls "Kafr Zita"
    # and "Khan Tuman" people: "Kafr", "Tal", "Deir", "Ain" open place names, never a
    # person's, and what a force took control of is a place.
    events = coded(EventExtractor(), text, None)
    assert [(e.sub_event_type, e.location) for e in events] == [coded_as]


def test_the_saudi_led_coalitions_air_strikes_are_saudi_arabias(
    event_extractor: EventExtractor,
) -> None:
    # "coalition air strikes" (the US-led coalition's) overlapped "Saudi-led coalition" and,
    # longer, won.
    text = "Two civilians were killed in Saudi-led coalition air strikes on Sanaa on Monday."
    (event,) = coded(event_extractor, text, "2019-06-04")
    assert event.actor1 == "Military Forces of Saudi Arabia (2015-)"


def test_a_week_of_the_acts_own_dates_it_not_the_day_it_was_told(
    event_extractor: EventExtractor,
) -> None:
    # The only day in the sentence is when the police spoke; "last week" is the act's.
    text = "Gunmen killed three shepherds near Khanaqin last week, police said on Wednesday."
    (event,) = coded(event_extractor, text, "2020-06-10")
    assert event.time_precision == 2
    assert dt.date(2020, 6, 1) <= event.event_date <= dt.date(2020, 6, 7)


_RELEASE = (
    "Coalition Operations Against ISIL\n\n"
    "A U.S. soldier died on Tuesday in northern Iraq of wounds sustained when an improvised "
    "explosive device detonated near his patrol outside Qayyarah, officials said.\n\n"
    "The soldier was supporting Iraqi forces in the fight against ISIL, the release said."
)


def test_an_unclaimed_bomb_in_a_story_of_one_enemy_is_that_enemys(
    event_extractor: EventExtractor,
) -> None:
    # The release frames one group as the enemy ("Operations Against ISIL", "the fight
    # against ISIL"); the sentence with the blast names nobody.
    (event,) = coded(event_extractor, _RELEASE, "2017-03-02")
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 == "Islamic State (Iraq)"


def test_a_story_of_two_enemies_lends_neither(event_extractor: EventExtractor) -> None:
    # The limit: with two groups framed as enemies, nobody can tell whose the bomb was.
    text = _RELEASE.replace("the fight against ISIL", "the fight against ISIL and the Nusra Front")
    (event,) = coded(event_extractor, text, "2017-03-02")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


UK = "Military Forces of the United Kingdom"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("On 12 March, RAF Tornados struck a mortar team near Tal Afar.", UK),
        # Typhoons alone do not say whose (several air forces fly them).
        (
            "On Wednesday 7 December, Typhoons attacked a Daesh-held building near Raqqa.",
            "Unidentified Military Forces",
        ),
        ("On 5 December, a pair of Tornado GR4s destroyed a Daesh truck bomb near Al Qaim.", UK),
    ],
)
def test_the_raf_strike_updates_name_their_aircraft(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    # The aircraft are named for storms (no storm comes in the plural or belongs to an air
    # force), and "GR4" is the RAF's; a mortar team or a truck bomb struck is the target, not
    # the weapon that fired.
    events = coded(event_extractor, text, None)
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Air/drone strike", actor1)]


def test_a_capture_told_in_a_participle_is_its_sentences_subjects(
    event_extractor: EventExtractor,
) -> None:
    # "…, capturing the town": the participle has no subject of its own; the troops that
    # advanced took it, not the insurgents they fought on the way.
    text = (
        "On Wednesday Syrian troops advanced into the rebel-held pocket, fighting insurgents "
        "and capturing the town of Khan Shaykhun."
    )
    events = coded(event_extractor, text, "2019-08-22")
    assert "Government regains territory" in {e.sub_event_type for e in events}
    assert "Non-state actor overtakes territory" not in {e.sub_event_type for e in events}


def test_forces_that_pushed_a_named_group_out_took_the_area(
    event_extractor: EventExtractor,
) -> None:
    text = "Iraqi forces pushed Islamic State militants out of the town of Hit on Monday."
    (event,) = coded(event_extractor, text, "2016-04-12")
    assert event.sub_event_type == "Government regains territory"


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State militants withdrew from the town of Palmyra without a fight on Monday.",
        "On Monday rebel fighters began leaving their final stronghold in the town of Douma as "
        "part of an evacuation deal agreed with the government.",
    ],
)
def test_a_side_that_leaves_a_place_gives_it_up_without_a_fight(
    event_extractor: EventExtractor, text: str
) -> None:
    # CASE 2021's coders (ACLED's sources) label such withdrawals non-violent transfers; the
    # "fight" inside "without a fight" was none.
    (event,) = coded(event_extractor, text, "2018-04-03")
    assert event.sub_event_type == "Non-violent transfer of territory"


def test_people_leaving_an_area_transfer_no_territory(event_extractor: EventExtractor) -> None:
    # The limit: only a side leaving a place, or fighters under an evacuation deal, hand it
    # over; young men leaving an area for another are no transfer.
    text = (
        "Over 100 young men in Raqqa received an amnesty on Monday after leaving the "
        "SDF-held areas for government-held territory."
    )
    assert [e.sub_event_type for e in coded(event_extractor, text, "2018-04-03")] == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Security forces in Nasiriyah opened fire on protesters on Sunday, killing three.",
            "Excessive force against protesters",
        ),
        ("Security forces arrested five suspects in Basra on Sunday.", "Arrests"),
    ],
)
def test_iraqs_security_forces_are_its_military(
    event_extractor: EventExtractor, text: str, sub_event_type: str
) -> None:
    # The Iraqi Security Forces are the army and the interior ministry's forces under one
    # command; the pack says so (countries.yaml `security_forces: military`).
    (event,) = coded(event_extractor, text, "2020-01-10")
    assert event.sub_event_type == sub_event_type
    assert event.actor1 == "Military Forces of Iraq (2018-2020)"


def test_security_forces_elsewhere_police_and_police_are_police(
    event_extractor: EventExtractor,
) -> None:
    # The limit: a country the pack says nothing of keeps the default, and police are police.
    (lebanon,) = coded(
        event_extractor, "Lebanese security forces arrested five men in Beirut on Sunday."
    )
    (iraq,) = coded(event_extractor, "Police arrested five suspects in Basra on Sunday.")
    assert lebanon.actor1 == "Police Forces of Lebanon"
    assert iraq.actor1 == "Police Forces of Iraq"


def test_turkeys_name_for_the_ypg_is_the_ypg(event_extractor: EventExtractor) -> None:
    # "PKK/YPG terrorists" (Turkish official usage) shelling from Syria: the YPG, not the PKK
    # whose name comes first.
    text = "PKK/YPG terrorists fired mortar shells at the border town of Akcakale on Thursday."
    (event,) = coded(event_extractor, text, "2019-10-14")
    assert event.actor1 == "YPG: People's Protection Units"


def test_yemens_rebels_unnamed_are_the_houthis(event_extractor: EventExtractor) -> None:
    text = "Yemen's Iran-backed rebels fired a missile at Riyadh on Sunday."
    (event,) = coded(event_extractor, text, "2022-01-18")
    assert event.actor1 == "Military Forces of Yemen (2017-) Houthi"
