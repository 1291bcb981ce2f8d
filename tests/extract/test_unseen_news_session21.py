"""Issue 13, session 21: phenomena of wire and monitor reporting that orbat got wrong.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)

IS_IRAQ = "Islamic State (Iraq)"
PKK = "PKK: Kurdistan Workers Party"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Gunmen opened fire on a checkpoint in Tuz Khurmatu on Sunday, killing two soldiers. "
            "The gunmen were believed to be members of the Islamic State.",
            IS_IRAQ,
        ),
        (
            "Two militants blew themselves up near Kirikhan on Sunday, killing a policeman. "
            "The attackers, a man and a woman, are suspected of being linked to the Kurdistan "
            "Workers Party.",
            PKK,
        ),
        (
            "A bomb exploded near a police patrol in Kirkuk on Sunday, killing two policemen. "
            "Iraqi officials said Islamic State was behind the attack.",
            IS_IRAQ,
        ),
    ],
)
def test_attackers_said_to_belong_to_a_group_are_the_groups(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.actor1, event.stance) == (actor1, "alleged")
    # The evidence runs on to the end of the sentence that names the group.
    assert text.startswith(event.evidence.quote) and len(event.evidence.quote) >= len(text) - 1


@pytest.mark.parametrize(
    "follow_up",
    [
        "Kataib Hezbollah denied it was behind the attack.",
        "The gunmen were not believed to be members of the Islamic State.",
    ],
)
def test_a_denied_link_names_no_attacker(event_extractor: EventExtractor, follow_up: str) -> None:
    attack = "Gunmen opened fire on a police patrol in Kirkuk on Sunday, killing two policemen."
    (event,) = coded(event_extractor, f"{attack} {follow_up}")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


def test_an_acronym_the_article_defines_names_its_actor(event_extractor: EventExtractor) -> None:
    text = (
        "Armoured vehicles of the Turkish Armed Forces (TAF) crossed into Syria on Sunday. "
        "TAF deployed tanks to observation points in Idlib on Sunday."
    )
    (event,) = coded(event_extractor, text)
    assert (event.actor1, event.location) == ("Military Forces of Turkey (2016-)", "Idlib")


def test_an_undefined_acronym_names_no_actor(event_extractor: EventExtractor) -> None:
    # The limit: brackets after a name that is no actor's define nothing.
    text = (
        "The Border Trade Association (TAF) met in Hatay on Sunday. "
        "TAF deployed tanks to observation points in Idlib on Sunday."
    )
    (event,) = coded(event_extractor, text)
    assert event.actor1 != "Military Forces of Turkey (2016-)"


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian government and the Kurdish-led SDF reached an agreement on Sunday to hand "
        "over border posts near Manbij.",
        "Rebels agreed on Sunday to withdraw from the town of Busra al-Sham.",
    ],
)
def test_what_an_agreement_says_will_be_done_is_its_term(
    event_extractor: EventExtractor, text: str
) -> None:
    # The agreement happened; the handover or withdrawal is what it promises.
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Agreement"


def test_a_prisoner_exchange_counted_is_an_agreement(event_extractor: EventExtractor) -> None:
    text = "The Yemeni government and the Houthis exchanged 1,000 prisoners in Sanaa on Friday."
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.location) == ("Agreement", "Sanaa")


def test_military_intelligence_is_the_military(event_extractor: EventExtractor) -> None:
    text = "On Sunday, military intelligence forces detained four wanted men in Mosul."
    (event,) = coded(event_extractor, text)
    assert event.actor1 == "Military Forces of Iraq (2018-2020)"


def test_a_mob_is_rioters(event_extractor: EventExtractor) -> None:
    text = "Villagers clashed with sticks and knives over a land dispute in Tikrit on Sunday."
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1) == ("Mob violence", "Rioters (Iraq)")


def test_a_place_forces_are_sent_to_is_a_place(event_extractor: EventExtractor) -> None:
    # The tagger reads the town as a person's name; forces are not sent to a person.
    text = "Iranian-backed militias deployed reinforcements to Albu Kamal on Thursday."
    (event,) = coded(event_extractor, text)
    assert event.location == "Albu Kamal"


def test_a_desert_named_after_a_town_is_the_towns(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The tagger reads the town as a person's name; a desert is not named after one.
    extractor = EventExtractor(gazetteer=village_gazetteer.gazetteer)
    text = "Gunmen kidnapped three shepherds in the desert of al-Hadar on Saturday."
    (event,) = coded(extractor, text)
    assert (event.location, event.admin1) == ("Al Hadar", "Nineveh")


def test_a_former_groups_name_holds_no_state_forces(event_extractor: EventExtractor) -> None:
    # "a former Free Syrian Army commander": neither the group's nor the Syrian army's man, and
    # the one assassinated is a death (four words between the article and the noun).
    text = (
        "Gunmen on a motorcycle assassinated a former Free Syrian Army commander in the town "
        "of Nawa on Thursday."
    )
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor2, event.fatalities) == (
        "Attack",
        "Civilians (Syria)",
        1,
    )


def test_an_undated_release_is_dated_by_its_address(event_extractor: EventExtractor) -> None:
    # A press release stored without its date: the address's year and month date "today"
    # to the month (ACLED: its midpoint, time precision 3); a day in the address is the day.
    import datetime as dt

    from orbat.extract.events import ArticleView

    text = "A suicide bomber killed 20 mourners at a funeral in Baghdad today."
    by_month = "https://example.gov/releases/2016/10/263174.htm"
    (event,) = event_extractor.extract(ArticleView(1, text, None, url=by_month))
    assert (event.event_date, event.time_precision) == (dt.date(2016, 10, 15), 3)
    by_day = "https://example.com/2016/10/21/iraq-funeral-bombing/"
    (event,) = event_extractor.extract(ArticleView(1, text, None, url=by_day))
    assert (event.event_date, event.time_precision) == (dt.date(2016, 10, 21), 1)


def test_a_day_the_text_states_keeps_its_day_under_a_month_address(
    event_extractor: EventExtractor,
) -> None:
    import datetime as dt

    from orbat.extract.events import ArticleView

    text = "A suicide bomber killed 20 mourners at a funeral in Baghdad on October 3."
    url = "https://example.gov/releases/2016/10/263174.htm"
    (event,) = event_extractor.extract(ArticleView(1, text, None, url=url))
    assert (event.event_date, event.time_precision) == (dt.date(2016, 10, 3), 1)


def test_the_party_right_after_the_verb_is_its_object(event_extractor: EventExtractor) -> None:
    # "at a checkpoint" says where the civilian was shot, not whom the fire was aimed at.
    text = "Members of the SDF shot dead a civilian at a checkpoint in Raqqa on Sunday."
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor2) == ("Attack", "Civilians (Syria)")


def test_storming_premises_is_no_capture_of_the_district(event_extractor: EventExtractor) -> None:
    text = "A group of armed men stormed a liquor store in Baghdad's Karrada district on Tuesday."
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Attack"


@pytest.mark.parametrize(
    "text",
    [
        "Syrian troops captured the Conoco gas field on Sunday after clashes with the SDF.",
        "Government forces stormed the town of Saraqib on Sunday.",
    ],
)
def test_ground_stormed_or_captured_is_still_taken(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Government regains territory"


def test_the_emergency_response_division_is_the_police(event_extractor: EventExtractor) -> None:
    text = "The Emergency Response Division killed two ISIS militants near Hawija on Sunday."
    (event,) = coded(event_extractor, text)
    assert event.actor1 == "Police Forces of Iraq"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # Iraq's "security forces" are its military (the pack says so); the clause that names
        # them is not the parse's event, but they are who fired.
        (
            "Three protesters were killed in Nasiriyah on Monday after security forces opened "
            "fire to disperse a sit-in.",
            "Military Forces of Iraq (2018-2020)",
        ),
        (
            "Two protesters were shot dead in Karbala on Monday when troops opened fire on the "
            "crowd.",
            "Military Forces of Iraq (2018-2020)",
        ),
        # The limit: the police, or no force named, leave the police.
        (
            "Two protesters were shot dead in Karbala on Monday when police opened fire on the "
            "crowd.",
            "Police Forces of Iraq",
        ),
    ],
)
def test_the_force_a_protest_killing_names_fired(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1) == ("Excessive force against protesters", actor1)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("BAGHDAD (Reuters) - A roadside bomb exploded in the capital on Monday.", "Baghdad"),
        (
            "BEIRUT (AP) - Lebanese protesters blocked roads in and outside the capital Thursday, "
            "chanting slogans against the government.",
            "Beirut",
        ),
    ],
)
def test_the_capital_is_the_capital_of_the_country_filed_from(
    event_extractor: EventExtractor, text: str, town: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.location == town


def test_the_province_a_town_is_the_capital_of_is_no_second_event(
    event_extractor: EventExtractor,
) -> None:
    text = "A bomb exploded in Erbil, the capital of the Kurdistan Region, on Monday."
    (event,) = coded(event_extractor, text)
    assert event.location == "Erbil"


def test_a_story_placed_nowhere_happened_in_its_datelines_country(
    event_extractor: EventExtractor,
) -> None:
    # The country in the group's branch name is no place; the dateline is the last word.
    text = (
        "ISLAMABAD - Militants linked with the Islamic State's Afghanistan branch attacked a TV "
        "station's office with hand grenades on Sunday, injuring an editor."
    )
    (event,) = coded(event_extractor, text)
    assert (event.country, event.geo_precision) == ("Pakistan", 3)


def test_a_road_between_two_towns_is_near_the_first(event_extractor: EventExtractor) -> None:
    # The gazetteer spells the first town "Al Qamishli": only a place word before the bare
    # name ("between") lets it be looked up loosely.
    text = "Turkish drones struck a car on the road between Qamishli and Amuda on Monday."
    (event,) = coded(event_extractor, text)
    assert (event.location, event.geo_precision) == ("Al Qamishli", 2)


def test_a_far_namesake_of_a_village_near_a_town_is_not_it(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer's only "Albu Hayat" lies in Anbar, far from Tikrit: the village the text
    # puts near Tikrit is placed at Tikrit (geo_precision 2), in Salah ad Din.
    extractor = EventExtractor(gazetteer=village_gazetteer.gazetteer)
    text = "Unknown gunmen killed a mukhtar in the village of Albu Hayat near Tikrit on Monday."
    (event,) = coded(extractor, text)
    assert (event.admin1, event.geo_precision) == ("Salah ad Din", 2)


@pytest.mark.parametrize(
    ("text", "wrong_country"),
    [
        # A province the gazetteer lacks is no village abroad that shares its name.
        (
            "Boko Haram fighters attacked a military base in Borno state on Monday, killing "
            "three soldiers.",
            "Italy",
        ),
        # A people named before the armed men it describes is no place.
        (
            "Two policemen were killed in an attack by Baloch separatists on Monday.",
            "United Kingdom",
        ),
    ],
)
def test_a_province_or_a_people_is_no_namesake_village(
    event_extractor: EventExtractor, text: str, wrong_country: str
) -> None:
    (event,) = coded(event_extractor, text, None)
    assert event.country != wrong_country


@pytest.mark.parametrize(
    "text",
    [
        "The United Kingdom condemns in the strongest terms the terrorist attack on a mosque "
        "in Quetta today.",
        "The Foreign Secretary condemned the appalling attack in Kabul yesterday, which killed "
        "at least 40 people.",
    ],
)
def test_a_condemned_particular_attack_is_reported(
    event_extractor: EventExtractor, text: str
) -> None:
    # A government's condemnation is often the only report of the attack; "Kabul" is the
    # Afghan capital, not the Galilee town of its name.
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Attack"
    assert event.country in ("Pakistan", "Afghanistan")


def test_a_condemned_act_with_no_place_or_day_is_only_words(
    event_extractor: EventExtractor,
) -> None:
    text = "Rights groups condemned the detention of the journalist as an attack on free speech."
    assert coded(event_extractor, text) == []


def test_another_states_regime_is_not_syrias(event_extractor: EventExtractor) -> None:
    # The pack's bare "regime" is Syria's; "the Turkish regime" is Turkey's, so the Syrian
    # army whose positions were attacked is the target, not the attacker.
    text = (
        "Terrorist groups affiliated with the Turkish regime attacked positions of the Syrian "
        "army near Saraqib on Monday."
    )
    (event,) = coded(event_extractor, text)
    assert event.actor1 != "Military Forces of Syria (2000-2024)"
    assert event.actor2 == "Military Forces of Syria (2000-2024)"


def test_the_counterterrorism_service_in_one_word(event_extractor: EventExtractor) -> None:
    text = "Counterterrorism service forces arrested an ISIS leader in Mosul on Sunday."
    (event,) = coded(event_extractor, text)
    assert event.actor1 == "Military Forces of Iraq (2018-2020) Counter Terrorism Service"


@pytest.mark.parametrize(
    ("text", "sub_event_type", "actor1"),
    [
        # Whoever "lost control of" a place lost it; whom it was lost to took it.
        (
            "Daesh lost control of the town of al-Shaddadi to the SDF on Friday.",
            "Non-state actor overtakes territory",
            "Syrian Democratic Forces",
        ),
        (
            "The regime lost control of the town of Saraqib to HTS on Monday.",
            "Non-state actor overtakes territory",
            "HTS: Hayat Tahrir al Sham",
        ),
    ],
)
def test_a_place_lost_to_a_side_was_taken_by_it(
    event_extractor: EventExtractor, text: str, sub_event_type: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1) == (sub_event_type, actor1)


@pytest.mark.parametrize(
    "text",
    [
        "Tribal clashes broke out in Basra's Qurna district on Tuesday, killing two people.",
        "Two people were killed in tribal fighting in Nasiriyah on Tuesday.",
    ],
)
def test_tribal_clashes_are_fought_by_tribal_militias(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1) == ("Armed clash", "Tribal Militia (Iraq)")
