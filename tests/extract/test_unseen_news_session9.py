"""Issue 13, session 9: places the tagger hides, riots told by their damage, blasts beside
their targets. One phenomenon per test.

Every sentence is written for the test (the way Syrian and Iraqi monitoring digests word
such reports), never copied from the gold; the gold scores the same phenomena on real text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coded_events import coded
from orbat.extract.events import ArticleView, EventExtractor
from orbat.resolve.places import resolve_places

pytestmark = pytest.mark.issue(13)


# ---------------------------------------------------------------- places


def test_a_town_quarter_is_the_town_not_a_namesake_abroad(event_extractor: EventExtractor) -> None:
    # "Daraa al-Balad" is the old town of Daraa; by spelling alone it is near an Iranian village.
    (event,) = coded(
        event_extractor,
        "Unknown gunmen shot dead a former rebel commander in Daraa al-Balad on Monday.",
    )
    assert (event.country, event.admin1) == ("Syria", "Daraa")
    assert event.actor2 == "Civilians (Syria)"


def test_a_town_bombed_is_a_place_not_a_person(event_extractor: EventExtractor) -> None:
    # The small tagger calls "Ariha" a person; people are not bombed.
    (event,) = coded(event_extractor, "Russian jets bombed Ariha on Monday, killing two people.")
    assert (event.location, event.admin1) == ("Ariha", "Idlib")
    assert event.actor2 == "Civilians (Syria)"


@pytest.mark.slow
def test_a_misspelt_village_after_on_al_is_found(village_env) -> None:
    extractor = EventExtractor()
    (event,) = coded(
        extractor,
        "A Syrian government helicopter dropped barrel bombs on al-Latamenah on Monday, "
        "killing three civilians.",
    )
    assert (event.admin1, event.sub_event_type) == ("Hama", "Air/drone strike")


@pytest.mark.slow
def test_a_province_named_nearby_picks_the_village_of_the_name(village_env) -> None:
    text = "Clashes broke out at al-Asadiyeh checkpoint near a farm in Raqqa province on Monday."
    places = {r.text: r.place for r in resolve_places(text)}
    assert (places["al-Asadiyeh"].country_code, places["al-Asadiyeh"].admin1) == (
        "SY",
        "Ar-Raqqah",
    )


# ---------------------------------------------------------------- riots


@pytest.mark.parametrize(
    "text",
    [
        "Protesters set fire to the headquarters of the Badr Organization in Nasiriyah on Monday.",
        "Demonstrators torched the offices of a political party in Nasiriyah on Monday.",
        "Protesters stormed the Iranian consulate in Karbala on Monday.",
    ],
)
def test_demonstrators_burning_or_storming_a_building_riot(
    event_extractor: EventExtractor, text: str
) -> None:
    # ACLED: property destroyed by demonstrators is the violent demonstration itself.
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1) == ("Violent demonstration", "Rioters (Iraq)")


# ---------------------------------------------------------------- who acted


def test_a_blast_beside_a_patrol_targets_the_patrol(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "An IED exploded near an Iraqi army patrol in Tarmiyah on Monday, wounding two soldiers.",
    )
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 is not None and event.actor2.startswith("Military Forces of Iraq")


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("An Iraqi policeman was killed when gunmen attacked a checkpoint in Tarmiyah on Monday.",
         "Police Forces of Iraq"),
        ("A Turkish soldier was killed in an attack by Syrian government forces in Idlib on "
         "Monday.", "Military Forces of Turkey (2016-)"),
    ],
)  # fmt: skip
def test_one_soldier_or_policeman_of_a_state_is_its_forces(
    event_extractor: EventExtractor, text: str, victim: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor2 == victim


def test_a_group_saying_they_arrested_made_the_arrest(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "The Syrian Democratic Forces said they had arrested an IS official in a raid in Shuhail "
        "on Monday.",
    )
    assert (event.sub_event_type, event.actor1) == ("Arrests", "Syrian Democratic Forces")


def test_the_ends_of_a_highway_are_not_where_the_fighting_was(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "At least 15 rebels and 9 soldiers were killed in fighting around the town, which sits "
        "on the M5 highway linking Damascus and Aleppo.",
    )
    assert events
    assert {e.location for e in events}.isdisjoint({"Damascus", "Aleppo"})


def test_a_group_after_a_day_without_a_comma_still_acted(event_extractor: EventExtractor) -> None:
    # The parser hangs "fighters of X" on "On Sunday"; the day says nothing of who acted.
    (event,) = coded(
        event_extractor, "On Sunday fighters of Ahrar al-Sharqiya shelled the village of Tal Tamr."
    )
    assert event.actor1 == "SNA: Syrian National Army"


def test_bare_rebels_in_a_syrian_story_are_the_opposition(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Syrian army shelling killed three rebels near Kafr Nabl in Idlib province on Monday.",
    )
    assert event.actor2 == "Opposition Rebels (Syria)"


# ---------------------------------------------------------------- one happening


_BASE_ATTACK = (
    "BAGHDAD (AP) — A rocket attack targeted a military base hosting U.S.-led coalition troops "
    "north of Baghdad on Wednesday, killing two American soldiers and a British service member, "
    "officials said.\n\n"
    "The attack on Camp Taji, about 27 kilometers north of the capital, also wounded about a "
    "dozen others, according to a U.S. official.\n\n"
    "There was no immediate claim of responsibility. Kataib Hezbollah, an Iran-backed militia, has "
    "been blamed by Washington for previous rocket attacks on bases housing U.S. troops.\n"
)


def test_a_later_sentence_naming_the_spot_places_the_attack_north_of_a_city(
    event_extractor: EventExtractor,
) -> None:
    # One attack: the lead places it "north of Baghdad", the next sentence names the base.
    events = event_extractor.extract(ArticleView(1, _BASE_ATTACK, dt.date(2020, 3, 12)))
    assert {(e.event_date, e.location, e.sub_event_type) for e in events} == {
        (dt.date(2020, 3, 11), "Taji", "Shelling/artillery/missile attack")
    }


def test_blame_for_previous_attacks_is_no_event(event_extractor: EventExtractor) -> None:
    events = event_extractor.extract(ArticleView(1, _BASE_ATTACK, dt.date(2020, 3, 12)))
    assert all("previous" not in e.evidence.quote for e in events)
    assert all(e.country == "Iraq" for e in events)


def test_dozens_of_strikes_this_year_are_a_tally_not_an_event(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "Turkey has carried out dozens of air strikes against suspected PKK targets in the "
        "Kurdistan Region this year.",
    )
    assert events == []


# ---------------------------------------------------------------- digest style


@pytest.mark.slow
def test_a_town_with_its_kind_and_province_is_one_place(village_env) -> None:
    # Monitoring digests write "Thiban town, Deir ez-Zor": one village, in that province.
    (event,) = coded(
        EventExtractor(),
        "On 17 March 2020, unidentified gunmen shot and killed a member of the SDF in Thiban "
        "town, Deir ez-Zor.",
    )
    assert (event.admin1, event.geo_precision) == ("Deir ez-Zor", 1)
    assert event.location != "Deir ez-Zor"


def test_the_vicinity_of_a_town_is_near_that_town(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "On 18 March 2020, Turkish forces shelled the vicinity of Ain Issa town, Raqqa. No "
        "casualties were reported.",
    )
    assert event.location == "Ayn Isa"


def test_what_a_protest_is_against_is_not_done_to_it(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "On 22 March 2020, residents of Tafas town protested against the regime's arrest "
        "campaign in Daraa.",
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Peaceful protest",
        "Protesters (Syria)",
        None,
    )


# ---------------------------------------------------------------- attribution across sentences


def test_the_group_officials_blame_is_the_alleged_attacker(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Two Iraqi soldiers were killed in an ambush in Tarmiyah on Monday. Security officials "
        "blamed Islamic State remnants for the attack.",
    )
    assert (event.actor1, event.stance) == ("Islamic State (Iraq)", "alleged")


def test_mentions_of_one_attack_share_the_attacker_one_of_them_names(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "Rockets struck near the US embassy in Baghdad on Sunday. Iraqi officials said the "
        "rockets were fired by Kataib Hezbollah.",
    )
    assert events and {e.actor1 for e in events} == {"Kataib Hezbollah"}


def test_a_claim_dated_after_the_act_does_not_date_it(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "The Islamic State group claimed responsibility on Tuesday for a suicide bombing that "
        "killed 30 people in a Baghdad market on Monday.",
    )
    assert event.event_date == dt.date(2020, 4, 6)


def test_a_states_attacks_or_fire_are_its_forces_acting(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Five civilians were killed in Turkish attacks on the town of Tal Rifaat on Monday.",
    )
    assert (event.actor1, event.actor2) == (
        "Military Forces of Turkey (2016-)",
        "Civilians (Syria)",
    )


def test_forces_attacking_protesters_use_excessive_force(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Israeli attacks on protesters near Khan Younis wounded 40 people on Friday.",
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Excessive force against protesters",
        "Military Forces of Israel (2009-2021)",
        "Protesters (Palestine)",
    )


# ---------------------------------------------------------------- outlets' own idioms


def test_turkish_forces_neutralizing_pkk_fighters_is_a_clash_in_gara(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Turkish security forces neutralized five PKK terrorists in the Gara region of northern "
        "Iraq, Turkey's defence ministry said on Sunday.",
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Armed clash",
        "Military Forces of Turkey (2016-)",
        "PKK: Kurdistan Workers Party",
    )
    assert (event.location, event.admin1) == ("Gara", "Duhok")


def test_martyring_fighters_is_killing_them(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Daesh terrorists attacked a Hashd al-Shaabi position in the Tarmiyah district on "
        "Sunday, martyring two fighters.",
    )
    assert event.fatalities == 2


def test_an_army_saying_its_aircraft_struck_flew_the_strike(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "The Iraqi army said its aircraft killed 12 ISIS militants in airstrikes on hideouts in "
        "the Hamrin Mountains on Sunday.",
    )
    assert event.actor1 == "Military Forces of Iraq (2018-2020)"


def test_a_strike_partly_intercepted_is_the_strike(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Israeli warplanes launched missiles at targets in the vicinity of Damascus on Sunday, "
        "SANA reported, adding that air defences intercepted most of them.",
    )
    assert (event.sub_event_type, event.actor1) == (
        "Air/drone strike",
        "Military Forces of Israel (2009-2021)",
    )


def test_a_country_wide_summary_joins_the_strikes_it_sums_up(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Turkish warplanes bombed PKK positions in northern Iraq on Saturday, according to a "
        "military statement. Fighter jets struck PKK targets in the Haftanin and Metina regions "
        "during the operation on Saturday, the statement said."
    )
    events = event_extractor.extract(ArticleView(1, text, None))
    assert {e.location for e in events} == {"Haftanin", "Metina"}


def test_iranian_strikes_on_kurdish_parties_in_koya(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Iranian Revolutionary Guard drones struck the headquarters of the Kurdistan Democratic "
        "Party of Iran (KDPI) in Koya on Monday, killing two members.",
    )
    assert event.admin1 == "Erbil"
    assert event.actor2 == "KDPI: Kurdistan Democratic Party of Iran"


def test_a_region_owning_the_place_is_no_second_place(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A drone attack targeted the Kurdistan Region's Khor Mor gas field on Monday, halting "
        "production.",
    )
    assert event.admin1 == "Sulaymaniyah"


# ---------------------------------------------------------------- headlines


def test_a_headline_alone_reports_its_event(event_extractor: EventExtractor) -> None:
    (event,) = coded(event_extractor, "Turkish drone strike kills three PKK members in Sinjar")
    assert (event.sub_event_type, event.location, event.fatalities) == (
        "Air/drone strike",
        "Sinjar",
        3,
    )


def test_a_headline_and_the_story_under_it_are_one_event(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "Turkish drone strike kills three PKK members in Sinjar\n\nA Turkish drone strike killed "
        "three members of the PKK in Sinjar on Monday, local officials said.\n",
    )
    assert {(e.event_date, e.location) for e in events} == {(dt.date(2020, 4, 6), "Sinjar")}


def test_a_photo_caption_in_the_present_is_no_event(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "A man walks past a building destroyed by shelling in Idlib, Syria, March 3, 2020.",
    )
    assert events == []


def test_a_name_cannot_vouch_for_its_own_country() -> None:
    # "Radman" is an alternate name of two small US towns; that the name's places all lie in
    # the United States is no sign the article is about it.
    text = (
        "Yemen's Defence Ministry said government troops stepped up their offensive on "
        "Houthi-held areas of Radman district, north of Baydha."
    )
    assert all(r.place.country_code != "US" for r in resolve_places(text))


def test_gunmen_firing_on_protesters_attack_them(event_extractor: EventExtractor) -> None:
    # ACLED keeps "Excessive force against protesters" for state forces.
    (event,) = coded(
        event_extractor,
        "Unidentified gunmen opened fire on protesters in Nasiriyah's Habboubi Square on Monday, "
        "killing three.",
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Attack",
        "Unidentified Armed Group (Iraq)",
        "Protesters (Iraq)",
    )


# ---------------------------------------------------------------- tolls


def test_a_policeman_after_a_count_adds_one(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A car bomb ripped through a market in Azaz on Monday, killing 5 civilians and a "
        "policeman.",
    )
    assert event.fatalities == 6


def test_those_who_succumbed_to_their_wounds_died_and_did_not_attack(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Two soldiers succumbed to their wounds in Azaz on Tuesday, a day after a car bomb attack.",
    )
    assert event.fatalities == 2
    assert event.actor1 == "Unidentified Armed Group (Syria)"


def test_a_bracketed_province_qualifies_though_it_is_a_mans_name(
    event_extractor: EventExtractor,
) -> None:
    # "Salah al-Din" is also Saladin; in brackets after a place it is the province.
    (event,) = coded(
        event_extractor,
        "On 5 April 2020, an IED planted by ISIS exploded targeting a PMF vehicle near "
        "Al-Mutaibija area (Salah al-Din), killing 2 PMF members.",
    )
    assert event.admin1 == "Salah ad Din"


def test_a_claimed_killing_of_pmf_members_is_a_clash(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "On 15 April 2020, ISIS claimed responsibility for killing 2 PMF members in Tuz "
        "Khurmatu (Salah al-Din).",
    )
    assert (event.sub_event_type, event.actor1, event.fatalities) == (
        "Armed clash",
        "Islamic State (Iraq)",
        2,
    )


# ---------------------------------------------------------------- Syria after Assad


def test_sweida_is_the_druze_city_and_assad_loyalists_are_named(
    event_extractor: EventExtractor,
) -> None:
    events = event_extractor.extract(
        ArticleView(
            1,
            "Syrian government forces clashed with Druze fighters in Sweida on Tuesday, leaving "
            "30 dead. Separately, gunmen loyal to Bashar al-Assad ambushed a General Security "
            "patrol near Jableh on Tuesday, killing 13.",
            dt.date(2025, 7, 16),
        )
    )
    by_place = {e.admin1: e for e in events}
    assert by_place["As-Suwayda"].actor1 == "Military Forces of Syria (2024-)"
    assert by_place["Latakia"].actor1 == "Assad loyalists"


@pytest.mark.parametrize(
    ("town", "admin1"), [("Izraa", "Daraa"), ("Bosra", "Daraa"), ("Basra", "Basra")]
)
def test_daraa_towns_that_share_a_key_with_bigger_places(town: str, admin1: str) -> None:
    (place,) = resolve_places(f"Clashes broke out in {town} on Monday.")
    assert place.place.admin1 == admin1
