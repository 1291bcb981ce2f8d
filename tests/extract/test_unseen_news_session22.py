"""Issue 13, session 22: phenomena of unseen reporting that orbat got wrong.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)


def test_a_province_wide_summary_is_told_again_by_its_villages(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "On March 3, army units retook five villages from the Islamic State in western "
        "Kirkuk. In western Kirkuk, the troops restored control over Albu Ali and Zaghaitun."
    )
    events = coded(event_extractor, text, None)
    # Three mentions of two events: the summary is evidence of a village's event, not an
    # event of its own placed at the province.
    assert len({e.place_id for e in events}) == 2
    assert all(e.location != e.admin1 == "Kirkuk" for e in events)


def test_where_the_launcher_was_found_is_not_where_the_rockets_fell(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Three rockets landed near Erbil airport on Wednesday evening, Kurdish security "
        "said; Peshmerga later found the launcher on a truck in the Nineveh plains."
    )
    (event,) = coded(event_extractor, text)
    assert event.admin1 == "Erbil"


@pytest.mark.parametrize(
    "text",
    [
        "Many families who were liberated from villages around Hawija are returning home, "
        "officials said on Monday.",
        "Police said on Monday that the hostages freed from a farm near Tarmiyah were "
        "returned to their families.",
    ],
)
def test_freeing_people_is_no_change_of_territory(
    event_extractor: EventExtractor, text: str
) -> None:
    assert not [
        e
        for e in coded(event_extractor, text)
        if e.event_type == "Battles" or "territory" in e.sub_event_type
    ]


@pytest.mark.parametrize(
    ("place", "actor1"),
    [
        ("the village of Tal Hamis", "YPG: People's Protection Units"),
        ("the village of Bashiqa", "Military Forces of Iraq (2022-) Peshmerga"),
    ],
)
def test_unnamed_kurdish_forces_are_those_of_the_village_country(
    event_extractor: EventExtractor, place: str, actor1: str
) -> None:
    text = f"Kurdish forces attacked Islamic State positions near {place} on Monday."
    (event,) = coded(event_extractor, text, "2023-04-10")
    assert event.actor1 == actor1


def test_a_state_blamed_for_an_attack_is_its_forces(event_extractor: EventExtractor) -> None:
    text = (
        "A drone struck a car near the town of Sinjar on Monday, killing two people. "
        "Local officials blamed Turkey for the attack."
    )
    (event,) = coded(event_extractor, text)
    assert (event.actor1, event.stance) == ("Military Forces of Turkey (2016-)", "alleged")


@pytest.mark.parametrize("attackers", ["Syrian regime-backed gunmen", "Iraqi army-backed gunmen"])
def test_a_state_backing_the_attackers_is_not_the_attacker(
    event_extractor: EventExtractor, attackers: str
) -> None:
    text = f"{attackers} attacked a checkpoint near Hajin on Sunday, killing two guards."
    (event,) = coded(event_extractor, text)
    assert not event.actor1.startswith("Military Forces")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "In a statement, the SDF said Turkish drones hit a car near Qamishli on Monday, "
            "killing two fighters.",
            "Military Forces of Turkey (2016-)",
        ),
        (
            "Separately, the monitor said regime forces shelled Kansafra on Tuesday, killing "
            "a child.",
            "Military Forces of Syria (2000-2024)",
        ),
    ],
)
def test_a_phrase_opening_a_sentence_is_no_closing_attribution(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


def test_a_claimant_named_by_a_short_alias_claims_the_attack(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Gunmen attacked an SDF checkpoint at the entrance of Hajin on Friday, killing "
        "two fighters. IS later claimed the attack through its Amaq agency."
    )
    (event,) = coded(event_extractor, text)
    assert (event.actor1, event.stance) == ("Islamic State (Syria)", "claimed")


def test_border_guards_are_the_forces_the_country_calls_security_forces(
    event_extractor: EventExtractor,
) -> None:
    text = "Border Guards forces clashed with Daesh infiltrators west of al-Qaim on Sunday."
    (event,) = coded(event_extractor, text, "2023-04-10")
    assert event.actor1 == "Military Forces of Iraq (2022-)"


@pytest.mark.parametrize(
    "tally",
    [
        "The monitor has now documented the deaths of 60 civilians since Ankara launched its "
        "offensive on Wednesday.",
        "According to the monitor, this brings to 147 the number of soldiers killed in the "
        "desert since the beginning of 2021.",
    ],
)
def test_a_count_over_a_campaign_is_no_event(event_extractor: EventExtractor, tally: str) -> None:
    assert coded(event_extractor, tally, "2021-10-13") == []


def test_clashes_raging_since_dawn_are_one_happening(event_extractor: EventExtractor) -> None:
    text = (
        "Activists reported that clashes have been raging since dawn today between SDF "
        "fighters and Turkish-backed factions near Ras al-Ain."
    )
    (event,) = coded(event_extractor, text, "2019-10-13")
    assert (event.sub_event_type, str(event.event_date)) == ("Armed clash", "2019-10-13")


def test_the_deaths_of_two_sides_add_up(event_extractor: EventExtractor) -> None:
    text = (
        "Clashes broke out near Ras al-Ain on Sunday. The monitor documented the deaths of 11 "
        "SDF members and at least 17 faction fighters in the fighting."
    )
    assert {e.fatalities for e in coded(event_extractor, text, "2019-10-13")} >= {28}


def test_seizing_a_person_is_an_abduction_by_unnamed_men(event_extractor: EventExtractor) -> None:
    text = (
        "Men in civilian clothes seized a 27-year-old activist outside his home in Baghdad's "
        "Shaab neighbourhood on Saturday evening, his family said."
    )
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Abduction/forced disappearance",
        "Unidentified Armed Group (Iraq)",
        "Civilians (Iraq)",
    )


def test_a_gathering_to_mark_past_protests_is_a_protest(event_extractor: EventExtractor) -> None:
    text = (
        "On Saturday, thousands gathered in Tahrir Square in Baghdad to mark the anniversary "
        "of the October 2019 protests; security forces fired tear gas when some demonstrators "
        "tried to cross the Jumhuriya bridge."
    )
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1) == (
        "Protest with intervention",
        "Protesters (Iraq)",
    )


def test_a_state_confirming_its_strike_owns_it(event_extractor: EventExtractor) -> None:
    text = (
        "A drone strike on a pickup truck near Jurf al-Sakhar killed two members of Kataib "
        "Hezbollah late on Friday, Iraqi officials said. The U.S. military later confirmed "
        "that it had carried out a strike in the area."
    )
    (event,) = coded(event_extractor, text, "2024-01-13")
    assert event.actor1 == "Military Forces of the United States"


def test_gunmen_loyal_to_the_ousted_government_are_assad_loyalists(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Gunmen loyal to the ousted government of Bashar Assad attacked a checkpoint of the "
        "General Security forces near Jableh late Tuesday, killing two of its members."
    )
    (event,) = coded(event_extractor, text, "2025-02-13")
    assert event.actor1 == "Assad loyalists"


def test_a_dateline_in_capitals_is_no_named_victim(event_extractor: EventExtractor) -> None:
    text = (
        "KIRKUK, Iraq - An Iraqi army officer and a soldier were killed late on Saturday when "
        "a roadside bomb struck their patrol south of Kirkuk, a security official said."
    )
    (event,) = coded(event_extractor, text, "2021-04-11")
    assert event.fatalities == 2


def test_the_same_night_is_the_day_of_the_event_before(event_extractor: EventExtractor) -> None:
    text = (
        "A roadside bomb struck an army patrol near Kirkuk late on Saturday, killing a soldier."
        "\n\nIn a separate incident the same night, gunmen abducted two shepherds near Daquq."
    )
    events = coded(event_extractor, text, "2021-04-11")
    assert {str(e.event_date) for e in events} == {"2021-04-10"}


def test_the_direction_fire_came_from_is_no_place_of_the_strike(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "A military source said the raids came shortly after midnight from the direction of "
        "the occupied Golan and hit positions near Izraa, killing one soldier."
    )
    assert {e.admin1 for e in coded(event_extractor, text, "2023-08-06")} == {"Daraa"}


def test_the_force_that_dispersed_a_protest_is_its_actor2(event_extractor: EventExtractor) -> None:
    text = (
        "Dozens of residents of Gharanij protested on Friday in front of an SDF military "
        "point, demanding the release of detained young men. SDF members dispersed the "
        "demonstrators by firing into the air."
    )
    events = coded(event_extractor, text, "2023-05-19")
    assert {(e.sub_event_type, e.actor2, str(e.event_date)) for e in events} == {
        ("Protest with intervention", "Syrian Democratic Forces", "2023-05-19")
    }


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Around a dozen Armenians were injured when a group of Turks attacked a peaceful "
         "rally in Lyon on Wednesday.", "France"),
        ("A mob attacked a peaceful protest in Nasiriyah on Friday, injuring five "
         "demonstrators.", "Iraq"),
    ],
)  # fmt: skip
def test_a_crowd_attacking_a_rally_is_mob_violence(
    event_extractor: EventExtractor, text: str, country: str
) -> None:
    (event,) = coded(event_extractor, text, "2020-10-30")
    assert (event.sub_event_type, event.actor1) == ("Mob violence", f"Rioters ({country})")


def test_riot_police_attacking_a_rally_stay_excessive_force(
    event_extractor: EventExtractor,
) -> None:
    text = "Riot police attacked a peaceful rally in Baghdad on Friday, injuring five people."
    (event,) = coded(event_extractor, text, "2020-10-30")
    assert event.sub_event_type == "Excessive force against protesters"


def test_air_support_of_a_ground_raid_is_no_air_strike(event_extractor: EventExtractor) -> None:
    text = (
        "The Counter-Terrorism Service said on Monday that its units, supported by Iraqi Air "
        "Force aircraft, killed four Daesh militants during a raid on a cave complex in the "
        "Makhoul mountains north of Baiji on Sunday."
    )
    (event,) = coded(event_extractor, text, "2024-05-13")
    assert event.sub_event_type == "Armed clash"


def test_forces_stationed_somewhere_are_the_ones_acting(event_extractor: EventExtractor) -> None:
    text = (
        "Regime forces stationed in the vicinity of Saraqib shelled the village of Kansafra "
        "on Tuesday."
    )
    (event,) = coded(event_extractor, text, "2022-08-17")
    assert event.actor1 == "Military Forces of Syria (2000-2024)"


def test_a_digest_line_reads_hashtags_as_words(event_extractor: EventExtractor) -> None:
    text = (
        "[07:10] #Deir_ez-Zor | Unknown gunmen on a motorcycle shot dead an #SDF member near "
        "his home in #Hajin, then fled."
    )
    (event,) = coded(event_extractor, text, "2023-09-05")
    assert (event.location, event.actor2) == ("Hajin", "Syrian Democratic Forces")
    assert event.evidence.quote.startswith("[07:10] #Deir_ez-Zor")  # the stored text, as it is


def test_a_passive_without_its_auxiliary_names_victims_and_attacker(
    event_extractor: EventExtractor,
) -> None:
    text = "Two farmers shot dead by ISIS gunmen in orchards near Abbara, north of Baquba."
    (event,) = coded(event_extractor, text, "2021-10-11")
    assert (event.actor1, event.actor2, event.fatalities) == (
        "Islamic State (Iraq)",
        "Civilians (Iraq)",
        2,
    )


def test_a_digest_is_dated_by_its_header(event_extractor: EventExtractor) -> None:
    text = (
        "IRAQ SECURITY DIGEST | 11.10.2021\n"
        "06:40 #Diyala | Two farmers shot dead by ISIS gunmen in orchards near Abbara.\n"
        "09:15 #Kirkuk | Roadside bomb hit an Iraqi army Humvee near Daquq.\n"
        "18:45 #Salahuddin | Hashd fighters repelled an ISIS attack near Tuz Khurmatu."
    )
    events = coded(event_extractor, text, None)
    assert {str(e.event_date) for e in events} == {"2021-10-11"}
    # Warding off an attack is a fight, not the day's blast in another province.
    assert "Armed clash" in {e.sub_event_type for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers of the 9th Armoured Division were killed on Tuesday when a roadside bomb "
        "hit their Humvee outside al-Ishaqi.",
        "An outpost near Makhmour came under attack by Islamic State militants on Tuesday, and "
        "two Peshmerga were killed.",
    ],
)
def test_tolls_through_ordinals_and_peshmerga(event_extractor: EventExtractor, text: str) -> None:
    assert {e.fatalities for e in coded(event_extractor, text, "2022-10-12")} == {2}


def test_weapons_seized_in_a_raid_are_part_of_the_fight(event_extractor: EventExtractor) -> None:
    text = (
        "Security forces raided a neighbourhood of Jableh on Tuesday. Gunmen opened fire on "
        "the patrol and an exchange of fire followed. The ministry said rifles, grenades and "
        "ammunition were seized."
    )
    events = coded(event_extractor, text, "2025-01-22")
    assert "Disrupted weapons use" not in {e.sub_event_type for e in events}


def test_the_detained_released_is_no_new_arrest(event_extractor: EventExtractor) -> None:
    text = "The detained organisers were released in Sulaimani on Tuesday evening."
    assert "Arrests" not in {e.sub_event_type for e in coded(event_extractor, text, "2024-10-16")}


def test_whom_an_unnamed_attacker_fought_is_not_its_attacker(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "CTS units killed four Daesh militants during a raid in the Makhoul mountains on "
        "Sunday. One CTS fighter was wounded in the exchange of fire."
    )
    events = coded(event_extractor, text, "2024-05-13")
    assert all(e.actor1 != e.actor2 for e in events)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Airstrikes attributed to Israel hit a weapons depot used by Iranian-backed "
            "militias near Aleppo airport on Monday, killing four fighters.",
            "Military Forces of Israel (2022-)",
        ),
        (
            "Ankara hit a car carrying two YBS commanders with a drone on the road outside "
            "Sinuni on Monday.",
            "Military Forces of Turkey (2016-)",
        ),
        (
            "Turkish Gendarmerie guards opened fire on a group of Syrians trying to cross the "
            "border wall near Khirbet al-Joz on Wednesday, killing one man.",
            "Military Forces of Turkey (2016-) Gendarmerie",
        ),
    ],
)
def test_states_named_by_attribution_capital_or_branch(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text, "2023-09-12")
    assert event.actor1 == actor1


def test_the_seat_of_a_ministry_is_no_place_of_its_report(event_extractor: EventExtractor) -> None:
    text = (
        "The defence ministry in Damascus said its troops killed five gunmen loyal to the "
        "former regime on Friday in clashes near the village of Beit Ana, in the Jableh "
        "countryside."
    )
    events = coded(event_extractor, text, "2025-03-08")
    assert "Damascus" not in {e.location for e in events}


def test_an_abducted_protest_organiser_is_no_protest(event_extractor: EventExtractor) -> None:
    text = (
        "Armed men from Khazali's group seized a 27-year-old organiser of the Amarah sit-in "
        "outside his home in Amarah late on Wednesday."
    )
    (event,) = coded(event_extractor, text, "2020-11-19")
    assert (event.sub_event_type, event.actor1) == (
        "Abduction/forced disappearance",
        "Asaib Ahl al Haq",
    )


def test_forming_a_committee_is_no_change_to_an_armed_group(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Maysan police said on Monday that unknown gunmen were behind the killing and that an "
        "investigative committee had been formed."
    )
    assert coded(event_extractor, text, "2021-03-22") == []


def test_a_landmark_named_like_a_town_abroad_is_no_place(event_extractor: EventExtractor) -> None:
    text = (
        "MOSUL — A police position near the Old Bridge was hit by a suicide car bomb on "
        "Sunday, a police commander in Mosul said."
    )
    (event,) = coded(event_extractor, text, "2017-03-13")
    assert event.country == "Iraq"


def test_a_conceded_deal_is_no_agreement(event_extractor: EventExtractor) -> None:
    text = (
        "The regime's Air Force Intelligence arrested three young men from the town of "
        "al-Hirak at a checkpoint at the entrance to Izraa on Wednesday, although all three had "
        "settled their status under last year's reconciliation deal, local sources said."
    )
    (event,) = coded(event_extractor, text, "2019-08-15")
    assert event.sub_event_type == "Arrests"


def test_a_count_since_the_start_of_the_month_is_no_event(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "The branch has detained more than 40 people in the eastern Daraa countryside since "
        "the start of the month, local sources said."
    )
    assert coded(event_extractor, text, "2019-08-15") == []


def test_the_tiger_militia_is_the_syrian_army(event_extractor: EventExtractor) -> None:
    text = "Assad's Tiger militia stormed the town of Kafr Nabudah on Wednesday."
    (event,) = coded(event_extractor, text, "2019-05-09")
    assert event.actor1 == "Military Forces of Syria (2000-2024)"


def test_a_denial_inside_a_phrase_is_no_strike(event_extractor: EventExtractor) -> None:
    text = (
        "A convoy of Kataib Hezbollah was hit by a drone near al-Qaim late on Wednesday, the "
        "PMF said. A Pentagon spokesman said U.S. forces had carried out no strikes in the area."
    )
    events = coded(event_extractor, text, "2019-09-12")
    assert "Military Forces of the United States" not in {e.actor1 for e in events}
