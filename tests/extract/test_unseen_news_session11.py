"""Issue 13, session 11: phenomena of the theatre's short reports (spring 2020 style: IS
insurgency in Iraq, the Idlib offensive, cross-border fire) that orbat got wrong. One
phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor
from orbat.resolve.places import resolve_places

pytestmark = pytest.mark.issue(13)


# ---------------------------------------------------------------- is it a report at all


def test_a_past_form_the_tagger_misreads_still_tells_the_act(
    event_extractor: EventExtractor,
) -> None:
    # spaCy reads "motorcycle shot" as a noun phrase: the sentence seemed to have no past verb.
    (event,) = coded(
        event_extractor,
        "Gunmen on a motorcycle shot dead a local official in the town of Hajin.",
    )
    assert event.sub_event_type == "Attack"
    assert event.location == "Hajin"
    assert event.fatalities == 1


def test_an_ordinal_count_of_a_series_is_no_event_of_its_own(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Rockets struck a base north of Baghdad on Wednesday, killing two soldiers.\n\n"
        "At least 15 rockets hit Camp Taji, the Iraqi military said.\n\n"
        "Hours later, unidentified aircraft struck militia positions near Albu Kamal, killing "
        "at least 20 fighters, the Syrian Observatory said.\n\n"
        "The attack on Taji was the 22nd rocket attack on U.S. interests since late October."
    )
    events = coded(event_extractor, text, "2020-03-11")
    last = [e for e in events if e.evidence.quote.startswith("The attack on Taji")]
    # The closing count is one more mention of the Taji attack, not of the strike before it.
    assert all(e.location == "Taji" for e in last)
    assert {e.location for e in events} == {"Taji", "Albu Kamal"}


# ---------------------------------------------------------------- what kind of event


@pytest.mark.parametrize(
    "text",
    [
        "Police found the bodies of two shepherds near the village of Albu Ajil on Monday.",
        "The body of a young man was found in an orchard in Muqdadiya on Monday.",
    ],
)
def test_found_bodies_are_no_weapons_find(event_extractor: EventExtractor, text: str) -> None:
    assert all(e.sub_event_type != "Disrupted weapons use" for e in coded(event_extractor, text))


def test_the_dead_found_with_the_marks_of_a_killing(event_extractor: EventExtractor) -> None:
    # ACLED codes the killing on the day the bodies were found; the finders took no part.
    (event,) = coded(
        event_extractor,
        "Police found the bullet-riddled bodies of two shepherds near the village of Albu "
        "Ajil on Monday.",
    )
    assert (event.sub_event_type, event.fatalities) == ("Attack", 2)
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


def test_bodies_of_people_executed_by_a_group(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Security forces found the bodies of three civilians executed by ISIS in the Hamrin "
        "mountains on Monday.",
    )
    assert (event.actor1, event.fatalities) == ("Islamic State (Iraq)", 3)


def test_a_mass_grave_found_is_another_development(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Iraqi security forces found a mass grave containing the remains of 20 people in "
        "Sinjar on Monday.",
    )
    assert event.sub_event_type == "Other"


# ---------------------------------------------------------------- who fired


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "A Syrian soldier was killed by sniper fire from rebels on the outskirts of Saraqib.",
            "Opposition Rebels (Syria)",
        ),
        (
            "Two civilians were wounded by shelling from regime forces on the town of Sarmin.",
            "Military Forces of Syria (2000-2024)",
        ),
    ],
)
def test_fire_from_an_actor_is_that_actors(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Mortar shells fired from Lebanon hit an Israeli position near Mount Hermon.",
            "Unidentified Armed Group (Lebanon)",
        ),
        (
            "Rockets fired from Syrian territory struck the Turkish border town of Reyhanli.",
            "Unidentified Armed Group (Syria)",
        ),
        ("Rockets fired from Gaza hit the city of Sderot.", "Unidentified Armed Group (Palestine)"),
    ],
)
def test_fire_from_across_a_border_is_a_group_of_that_country(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


def test_an_unnamed_attacker_at_home_keeps_the_events_country(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(event_extractor, "Rockets fired from Baghdad's outskirts hit the Green Zone.")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "The Lions of the East Army claimed an attack on a regime checkpoint near "
            "al-Mayadeen on Sunday.",
            "Jaysh Usud al Sharqiya",
        ),
        (
            "A Turkish drone strike on a car in Sinjar killed two members of the Sinjar "
            "Resistance Units on Monday.",
            "YBS: Sinjar Resistance Units",
        ),
        (
            "Regime forces took control of the village of Kafr Nabl after heavy clashes with "
            "opposition factions.",
            "Opposition Rebels (Syria)",
        ),
    ],
)
def test_groups_reporting_names(event_extractor: EventExtractor, text: str, actor: str) -> None:
    (event,) = coded(event_extractor, text)
    assert actor in (event.actor1, event.actor2)


# ---------------------------------------------------------------- where


@pytest.mark.parametrize(
    ("text", "location", "admin1"),
    [
        (
            "Islamic State militants attacked a PMF checkpoint in Mutaibijah, killing two.",
            "Mutaibijah",
            "Salah ad Din",
        ),
        (
            "Russian warplanes carried out 20 airstrikes on the Jabal al-Zawiya area, killing a "
            "woman.",
            "Jabal al-Zawiya",
            "Idlib",
        ),
        (
            "Two soldiers were killed in an attack by ISIS militants in Kirkuk's Wadi al-Shay.",
            "Wadi al-Shay",
            "Kirkuk",
        ),
        (
            "Army aviation killed five ISIS militants in an airstrike in the Wadi Hauran area.",
            "Wadi Hauran",
            "Anbar",
        ),
        (
            "Peshmerga forces repelled an attack by ISIS in the Qarachogh area, killing three.",
            "Qara Chokh Mountain",
            "Erbil",
        ),
        (
            "ISIS militants ambushed a PMF patrol in the Makhoul mountains, killing four.",
            "Makhoul Mountains",
            "Salah ad Din",
        ),
        (
            "Israeli missiles hit targets near Damascus International Airport, SANA said.",
            "Damascus International Airport",
            "Rif Dimashq",
        ),
    ],
)
def test_the_areas_the_insurgency_reports_name(
    event_extractor: EventExtractor, text: str, location: str, admin1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.location, event.admin1) == (location, admin1)


def test_a_citys_international_airport_names_the_city() -> None:
    # No pack entry: the airport's name still says which city it serves.
    (place,) = resolve_places("Rockets hit near Aleppo International Airport on Monday.")
    assert place.place.name == "Aleppo"


def test_the_provinces_a_boundary_runs_between_are_no_events(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "On 2 April 2020, an IED exploded targeting a PMF vehicle near Mutaibijah, on the "
        "border between Salah al-Din and Diyala.",
    )
    assert event.location == "Mutaibijah"


def test_a_district_a_citys_possessive_names_is_the_place(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The imported gazetteer knows the district; the city that owns it is no event place.
    extractor = EventExtractor(gazetteer=village_gazetteer.gazetteer)
    (event,) = coded(
        extractor, "A fighter was killed in clashes with a tribal group in Basra's Qurna district."
    )
    assert (event.location, event.geo_precision) == ("Qurna", 2)


# ---------------------------------------------------------------- the teller's part


def test_a_force_that_announces_a_killing_did_it(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Syrian Democratic Forces commanders announced the killing of a senior ISIS commander "
        "during a raid on the village of Tayyana.",
    )
    assert event.actor1 == "Syrian Democratic Forces"


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "The PMF said an airstrike killed two of its fighters near al-Qaim.",
            "Military Forces of Iraq (2018-) Popular Mobilization Forces",
        ),
        (
            "The SDF said its positions near Ain Issa were shelled by Turkish forces.",
            "Syrian Democratic Forces",
        ),
    ],
)
def test_a_teller_that_reports_its_own_loss_was_the_target(
    event_extractor: EventExtractor, text: str, actor2: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor2 == actor2


# ---------------------------------------------------------------- wire copy's ways of naming


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("A car bomb exploded in the Iraqi capital on Monday, killing five people.", "Baghdad"),
        ("A bomb exploded in the Syrian capital on Sunday, wounding three people.", "Damascus"),
        ("Two suicide bombers blew themselves up in a mosque in Yemen's capital.", "Sanaa"),
    ],
)
def test_a_capital_named_by_its_country(
    event_extractor: EventExtractor, text: str, location: str
) -> None:
    # Read word by word, "the Iraqi capital" found a hamlet "Al Iraqi" near Damascus.
    (event,) = coded(event_extractor, text)
    assert event.location == location


def test_a_capital_named_by_its_country_and_its_name_is_one_place() -> None:
    found = resolve_places("A bomb exploded in the Syrian capital Damascus on Sunday.")
    assert [p.place.name for p in found] == ["Damascus"]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "An Israeli air raid on a house in Quneitra killed two people.",
            "Military Forces of Israel (2009-2021)",
        ),
        (
            "A Turkish air raid on the village of Kurtak in Sinjar killed three PKK fighters.",
            "Military Forces of Turkey (2016-)",
        ),
    ],
)
def test_a_states_air_raid_is_its_forces(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


def test_what_an_air_raid_fell_on_is_a_place_though_tagged_a_person(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor, "A Russian air raid on Maarat al-Numan killed five civilians."
    )
    assert (event.admin1, event.country) == ("Idlib", "Syria")


def test_the_yemeni_town_the_press_spells_saada(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The imported villages hold a Saadah in Hasakah; the press's Saada is Yemen's Sa'dah.
    extractor = EventExtractor(gazetteer=village_gazetteer.gazetteer)
    (event,) = coded(extractor, "A Saudi airstrike hit a market in Saada, killing ten civilians.")
    assert event.country == "Yemen"


def test_an_aircraft_type_names_an_air_strike_and_its_state(
    event_extractor: EventExtractor,
) -> None:
    # "F-16s" is one hyphenated token: the lexicon matches it without its hyphen.
    (event,) = coded(
        event_extractor, "Iraqi F-16s struck an ISIS hideout in the Hamrin mountains on Monday."
    )
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of Iraq (2018-2020)"


def test_the_iraqi_press_counts_militants_as_elements(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Five ISIS elements were killed in an airstrike in the Hamrin mountains."
    )
    assert event.fatalities == 5


# ---------------------------------------------------------------- two acts in one sentence


def test_a_while_clause_tells_another_act_at_another_place(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "An IS cell attacked an army post in Tarmiyah, killing two soldiers, while US jets "
        "struck IS hideouts in the Hamrin mountains.",
    )
    by_place = {e.location: e for e in events}
    assert by_place["At Tarmiyah"].sub_event_type == "Armed clash"
    assert by_place["At Tarmiyah"].fatalities == 2
    assert by_place["Hamrin Mountains"].sub_event_type == "Air/drone strike"
    assert by_place["Hamrin Mountains"].actor1 == "Military Forces of the United States"


def test_two_acts_of_different_kinds_at_one_place_are_two_events(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "An IS cell attacked regime positions near al-Sukhnah, while Russian warplanes "
        "carried out 20 strikes on the area.",
    )
    assert {(e.sub_event_type, e.actor1) for e in events} == {
        ("Armed clash", "Islamic State (Syria)"),
        ("Air/drone strike", "Military Forces of Russia (2000-)"),
    }


def test_the_dead_and_wounded_of_one_blast_are_one_event(event_extractor: EventExtractor) -> None:
    # Two clauses, but neither the killing nor the wounding has an actor of its own.
    (event,) = coded(
        event_extractor,
        "One PMF fighter was killed and ten others were wounded as an explosive device went "
        "off beside their vehicle in Tarmiyah.",
    )
    assert event.fatalities == 1


def test_verb_phrases_of_one_subject_keep_their_own_tolls(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor, "Gunmen killed two shepherds in Khanaqin and wounded a third in Jalawla."
    )
    by_place = {e.location: e for e in events}
    assert by_place["Khanaqin"].fatalities == 2
    assert not by_place["Jalawla"].fatalities
    assert by_place["Jalawla"].actor1 == "Unidentified Armed Group (Iraq)"


def test_a_verb_phrase_keeps_the_sentences_attacker(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "Turkish drones struck a car in Sinjar, killing two, and shelled villages near Zakho, "
        "wounding a child.",
    )
    by_place = {e.location: e for e in events}
    assert by_place["Zaxo"].sub_event_type == "Shelling/artillery/missile attack"
    assert by_place["Zaxo"].actor1 == "Military Forces of Turkey (2016-)"
    assert not by_place["Zaxo"].fatalities


# ---------------------------------------------------------------- when


def test_days_counted_from_the_last_day_the_article_gave(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "On March 3, rockets struck the Green Zone in Baghdad, wounding two guards.\n\n"
        "The next day, gunmen killed a policeman in Kirkuk.\n\n"
        "Two days later, an IED exploded near a patrol in Tarmiyah, killing a soldier."
    )
    dates = {e.location: e.event_date for e in coded(event_extractor, text, "2020-03-11")}
    assert dates["Kirkuk"] == dt.date(2020, 3, 4)
    assert dates["At Tarmiyah"] == dt.date(2020, 3, 5)


def test_a_force_that_lost_fighters_was_attacked(event_extractor: EventExtractor) -> None:
    (event,) = coded(event_extractor, "The SDF lost three fighters in an ISIS attack near Hajin.")
    assert (event.actor1, event.actor2) == ("Islamic State (Syria)", "Syrian Democratic Forces")
    assert event.fatalities == 3


def test_liwa_al_quds(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Liwa al-Quds lost two fighters in an ISIS ambush near al-Sukhnah."
    )
    assert event.actor2 == "Liwa al Quds"


def test_the_dead_of_a_mass_grave_are_no_toll_of_the_find(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Security sources said the mass graves near Tikrit contain the bodies of hundreds of "
        "soldiers massacred by ISIL.",
    )
    assert event.sub_event_type == "Other"
    assert not event.fatalities


# ---------------------------------------------------------------- hostile outlets' words


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "The Zionist regime's warplanes targeted positions near Damascus on Monday night.",
            "Military Forces of Israel (2009-2021)",
        ),
        (
            "The Israeli enemy's drone struck a car in the town of Majdal Shams.",
            "Military Forces of Israel (2009-2021)",
        ),
        (
            "US terrorist forces attacked a Syrian army checkpoint near Qamishli, killing a "
            "soldier.",
            "Military Forces of the United States",
        ),
        (
            "The Turkish occupation army and its mercenaries shelled the village of Tal Tamr.",
            "Military Forces of Turkey (2016-)",
        ),
    ],
)
def test_a_states_forces_under_a_hostile_epithet(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


def test_a_states_forces_that_bombed_struck_from_the_air(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "US forces bombed PMU positions near al-Qaim, killing four fighters."
    )
    assert event.sub_event_type == "Air/drone strike"


def test_an_army_checkpoint_attacked_is_the_army_attacked(event_extractor: EventExtractor) -> None:
    (event,) = coded(event_extractor, "Gunmen attacked an army checkpoint near Tuz Khurmatu.")
    assert event.actor2 == "Military Forces of Iraq (2018-2020)"


def test_a_road_with_nothing_else_named_places_the_event_near_its_first_end(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "On Tuesday Syrian government forces gained control of the whole of the main "
        "Aleppo-Damascus highway.",
    )
    assert (event.location, event.geo_precision) == ("Aleppo", 2)


def test_al_qaeda_in_the_arabian_peninsula(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "An explosive device planted by AQAP militants detonated near a Houthi vehicle in Rada "
        "district on Monday.",
    )
    assert event.actor1 == "AQAP: Al Qaeda in the Arabian Peninsula"
