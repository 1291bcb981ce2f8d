"""Issue 13, session 13: phenomena of the theatre's short reports (spring 2020 style: local
security sources, monitoring groups, Syrian opposition media in translation) that orbat got
wrong. One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)


# ---------------------------------------------------------------- who acted, against whom


@pytest.mark.parametrize(
    "text",
    [
        "Regime snipers shot dead a woman in the town of Atarib on Monday.",
        "A child was killed by regime sniper fire in the town of Atarib on Monday.",
        "Regime gunfire killed a young man in the town of Atarib on Monday.",
        "Assad's militias shelled the town of Atarib on Monday.",
    ],
)
def test_what_the_regime_fires_with_is_the_regime(
    event_extractor: EventExtractor, text: str
) -> None:
    # Opposition media name the Syrian army by its snipers, its fire and its militias.
    (event,) = coded(event_extractor, text)
    assert event.actor1 == "Military Forces of Syria (2000-2024)"


def test_a_state_s_snipers_are_its_forces(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Turkish snipers shot dead a young man near Darkush on Monday."
    )
    assert event.actor1 == "Military Forces of Turkey (2016-)"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "A civilian was killed by Turkish border guards near Darkush on Monday.",
            "Military Forces of Turkey (2016-)",
        ),
        (
            "Two civilians were killed by sniper fire from regime forces in the town of Atarib "
            "on Monday.",
            "Military Forces of Syria (2000-2024)",
        ),
    ],
)
def test_civilians_killed_by_an_armed_agent_are_an_attack(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    # ACLED: armed men killing civilians is an Attack, even told in the passive; the forces
    # in the agent ("from regime forces") are who fired, not a side that was fired at.
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Attack"
    assert event.actor1 == actor1
    assert event.actor2 == "Civilians (Syria)"


def test_a_passive_death_with_no_armed_agent_is_no_attack(
    event_extractor: EventExtractor,
) -> None:
    # The limit of the rule above: what killed him is no armed party.
    assert coded(event_extractor, "A civilian was killed by a car near Darkush on Monday.") == []


# ---------------------------------------------------------------- places


def test_a_force_s_nationality_does_not_place_the_town_abroad(
    event_extractor: EventExtractor,
) -> None:
    # Ras al-Ain (Syria) faces Ceylanpınar (Turkey), which GeoNames also calls so: "Turkish"
    # names whose guards fired, not which country the town is in.
    (event,) = coded(
        event_extractor,
        "A civilian was killed by gunfire from Turkish border guards in Ras al-Ain on Monday.",
    )
    assert event.location == "Ras al Ayn"
    assert event.admin1 == "Al-Hasakah"
    assert event.actor2 == "Civilians (Syria)"


def test_a_demonym_before_the_town_still_places_it(event_extractor: EventExtractor) -> None:
    # The limit: "the Turkish border town of" does say which country.
    (event,) = coded(
        event_extractor,
        "A car bomb exploded in the Turkish border town of Ceylanpinar on Monday, killing two "
        "people.",
    )
    assert event.admin1 == "Sanliurfa"


def test_the_district_of_a_province_is_the_place(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "the Zubair district of Basra": Basra says where the district lies (as in "Basra's
    # Zubair district"), it is no city event.
    (event,) = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "Clashes between two tribes in the Zubair district of Basra left three dead on Monday.",
    )
    assert event.location != "Basrah"
    assert event.admin1 == "Basra"
    assert event.fatalities == 3


@pytest.mark.parametrize(
    ("text", "location", "admin1"),
    [
        # The gazetteer knows only an "Al Budur" in Dhi Qar, 350 km from Tikrit.
        (
            "Two policemen were killed when gunmen attacked their checkpoint in the village of "
            "Albu Dor, south of Tikrit, on Monday.",
            "Albu Dor",
            "Salah ad Din",
        ),
        # No gazetteer has the village: the report still names it.
        (
            "An ISIS sniper shot dead a member of the PMF in the village of Imam Wais, northeast "
            "of Baqubah, on Monday.",
            "Imam Wais",
            "Diyala",
        ),
    ],
)
def test_a_village_placed_by_its_bearing_from_a_town_lies_near_it(
    village_gazetteer, text: str, location: str, admin1: str
) -> None:  # type: ignore[no-untyped-def]
    (event,) = coded(EventExtractor(gazetteer=village_gazetteer.gazetteer), text)
    assert (event.location, event.admin1) == (location, admin1)
    assert event.geo_precision == 2


def test_a_far_town_placed_by_its_bearing_keeps_its_place(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The limit: a town (not a village) may lie far from the city it is placed by.
    (event,) = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "Rockets hit the town of al-Qaim, west of Baghdad, on Monday.",
    )
    assert event.admin1 == "Anbar"


# ---------------------------------------------------------------- tolls


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # A sub-count ("including three children") is part of the toll, not a rival figure.
        (
            "Five members of one family, including three children, were killed when a shell "
            "hit their house in Ariha on Monday.",
            5,
        ),
        # The victim's group does not end the list of the dead.
        (
            "An airstrike killed a commander of Kataib Hezbollah and three of his companions "
            "near Albukamal on Monday.",
            4,
        ),
        ("The body of a young man was found with gunshot wounds in Baqubah on Monday.", 1),
        ("A man was found dead with signs of torture in the town of Busayrah on Monday.", 1),
        ("Gunmen killed the mukhtar of a village near Kirkuk on Monday.", 1),
    ],
)
def test_tolls_of_the_short_reports(event_extractor: EventExtractor, text: str, dead: int) -> None:
    (event,) = coded(event_extractor, text)
    assert event.fatalities == dead


# ---------------------------------------------------------------- wire stories


def test_an_apposition_names_the_descriptor_s_group(event_extractor: EventExtractor) -> None:
    # "an Iran-backed militia, Harakat al-Nujaba,": the group, not ACLED's generic militia.
    (event,) = coded(
        event_extractor,
        "An Iran-backed militia in Iraq, Harakat al-Nujaba, fired rockets at a U.S. base near "
        "Baghdad on Tuesday.",
    )
    assert event.actor1 == "Harakat Hezbollah al Nujaba"
    # ... and a state's base is its forces, the target.
    assert event.actor2 == "Military Forces of the United States"


def test_who_denies_involvement_is_no_party_and_the_attack_happened(
    event_extractor: EventExtractor,
) -> None:
    # The denial is of who did it, not of the attack ("denied that it attacked" would be).
    (event,) = coded(
        event_extractor,
        "Kataib Hezbollah denied involvement in the rocket attack on Camp Taji that killed two "
        "American soldiers on Wednesday.",
    )
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 == "Military Forces of the United States"
    assert event.fatalities == 2


def test_the_blamed_group_is_never_the_target(event_extractor: EventExtractor) -> None:
    # Whom officials blame is the alleged attacker (stance kept), not the side attacked; the
    # Briton is no town (Britton, South Dakota).
    events = coded(
        event_extractor,
        "U.S. officials blamed Kataib Hezbollah for the attack on Camp Taji on Wednesday that "
        "killed two Americans and a Briton.",
    )
    assert [(e.location, e.actor2) for e in events] == [("Taji", None)]


def test_the_country_of_an_embassy_is_no_place(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A little-known group named Usbat al-Thaireen claimed responsibility on Sunday for a "
        "rocket attack on the U.S. embassy.",
    )
    assert event.country != "United States"
    assert event.actor1 == "Usbat al Thaireen"


def test_killings_of_protest_leaders_are_no_protest(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "Unknown gunmen on Monday assassinated a prominent activist in the southern city of "
        "Basra, the latest in a string of killings targeting protest leaders.",
    )
    assert [e.sub_event_type for e in events] == ["Attack"]


# ---------------------------------------------------------------- when


@pytest.mark.parametrize(
    "text",
    [
        "The Iraqi army said on Monday that it killed five ISIS militants in an airstrike in the "
        "Hamrin mountains the previous day.",
        "The Iraqi army said on Monday that it killed five ISIS militants in an airstrike in the "
        "Hamrin mountains a day earlier.",
    ],
)
def test_a_day_counted_from_the_day_of_telling(event_extractor: EventExtractor, text: str) -> None:
    # Published Friday 10 April 2020: told on Monday the 6th, done on Sunday the 5th.
    (event,) = coded(event_extractor, text)
    assert event.event_date == dt.date(2020, 4, 5)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("ISIS militants killed a shepherd near Rutba on the 4th of this month.", 4),
        ("ISIS militants killed a shepherd near Rutba on the 28th of last month.", 28),
    ],
)
def test_the_day_of_this_or_last_month(
    event_extractor: EventExtractor, text: str, day: int
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.event_date is not None
    assert event.event_date.day == day


# ---------------------------------------------------------------- monitors' reports


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Clashes erupted between the SDF and ISIS cells in the town of Shuhail on Monday, "
            "amid flights of coalition drones.",
            "Armed clash",
        ),
        (
            "Regime forces shelled the town of Kansafra on Monday, amid intense flights of "
            "Russian warplanes.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_what_happened_amid_an_act_is_its_circumstance(
    event_extractor: EventExtractor, text: str, sub_event_type: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == sub_event_type


def test_weapons_destroyed_by_missiles_are_the_strike(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Israeli missiles targeted positions of Iranian militias in the Kiswah area, south of "
        "Damascus, on Monday, destroying weapons depots.",
    )
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Israel (2009-2021)"


@pytest.mark.parametrize(
    "text",
    [
        "Security forces seized a cache of rockets and mortar shells in Tarmiyah on Monday.",
        # The limit: missiles that were intercepted are the weapons stopped (ACLED: Disrupted).
        "Israeli missiles were intercepted by Syrian air defences over Damascus on Monday.",
    ],
)
def test_missiles_seized_or_intercepted_are_disrupted(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Disrupted weapons use"


def test_the_dead_named_with_their_side(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Clashes broke out between the regime's forces and gunmen in the town of al-Sanamayn "
        "on Monday, leaving two members of the regime's forces dead.",
    )
    assert event.fatalities == 2


def test_a_young_man_killed_by_a_landmine_is_a_civilian(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A young man was killed by a landmine explosion in the Mayadin desert on Monday.",
    )
    assert event.actor2 == "Civilians (Syria)"
    assert event.fatalities == 1


def test_two_acts_at_once_are_two_events(event_extractor: EventExtractor) -> None:
    # ", as rebels captured …": a second act with its own subject and verb, not the first
    # act's type or place. Both states named before one weapon are its actors.
    events = coded(
        event_extractor,
        "Syrian and Russian air strikes hit rebel-held districts of Aleppo province on Monday, "
        "as rebels captured a hilltop village in Homs province.",
    )
    assert [(e.sub_event_type, e.admin1, e.actor1) for e in events] == [
        ("Air/drone strike", "Aleppo", "Military Forces of Syria (2000-2024)"),
        ("Non-state actor overtakes territory", "Homs", "Opposition Rebels (Syria)"),
    ]


def test_an_arrival_is_no_act_of_its_own(event_extractor: EventExtractor) -> None:
    # The limit: "F-16 jet fighters arrived" names a weapon, it tells no act by a verb, so the
    # sentence is not cut in two (that would make the arrival an air strike of its own).
    events = coded(
        event_extractor,
        "A second batch of F-16 jet fighters arrived from the United States on Monday, as "
        "Iraq's security forces began an offensive against ISIS in Anbar.",
    )
    assert len(events) == 1
    assert events[0].admin1 == "Anbar"


def test_a_bomber_who_only_wounded_others_is_the_dead(event_extractor: EventExtractor) -> None:
    # ACLED counts the bomber; "wounding two soldiers" gives no rival toll (as "killing
    # three soldiers" would).
    (event,) = coded(
        event_extractor,
        "A suicide bomber blew himself up near a coalition patrol in Manbij on Wednesday, "
        "wounding two American soldiers.",
    )
    assert event.fatalities == 1


# ---------------------------------------------------------------- military releases

_RELEASE = (
    "SOUTHWEST ASIA, June 14, 2016 — U.S. and coalition military forces kept up their attacks "
    "on Islamic State of Iraq and the Levant cells in Syria and Iraq yesterday, officials "
    "reported today. Coalition bombers, fighters and drones carried out 12 strikes in Syria. "
    "Near Manbij, eight strikes hit four ISIL fighting positions. Near Mar'a, four strikes hit "
    "an ISIL team. In Iraq, coalition forces carried out 10 strikes. Near Fallujah, five "
    "strikes hit five ISIL fighting positions."
)


def test_a_release_s_strikes_are_all_coded(event_extractor: EventExtractor) -> None:
    # "Mar'a" is a town, not March (which dated the rest of the release three months back
    # and dropped it as history); "the Levant" of ISIL's name is no place; the lead's forces
    # flew the strikes the release then lists by place. (Not yet: the lead's "yesterday"
    # dating them; they take the publication date.)
    events = coded(event_extractor, _RELEASE, day="2016-06-14")
    assert {e.admin1 for e in events if e.geo_precision != 3} == {"Aleppo", "Anbar"}
    assert len(events) == 5
    assert {e.actor1 for e in events} == {"Global Coalition Against Daesh"}
    assert all(e.country in ("Syria", "Iraq") for e in events)


# ---------------------------------------------------------------- outlets of the region


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Israeli forces struck Hezbollah targets in southern Syria on Sunday.",
            "Military Forces of Israel (2009-2021)",
        ),
        (
            "US forces struck five facilities of Kataib Hezbollah in Iraq on Friday.",
            "Military Forces of the United States",
        ),
        (
            "The Israeli military said Sunday it struck Hezbollah targets in southern Syria.",
            "Military Forces of Israel (2009-2021)",
        ),
    ],
)
def test_a_nation_s_forces_that_struck_flew_an_air_strike(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text, day="2020-06-16")
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == actor1


def test_forces_that_struck_a_deal_struck_nothing(event_extractor: EventExtractor) -> None:
    text = "Iraqi forces struck a deal with tribal leaders in Anbar on Sunday."
    assert coded(event_extractor, text, day="2020-06-16") == []


def test_a_nationality_is_no_place(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "the Iraqi city of al-Qaim" holds no "Al Iraqi" (a Damascus suburb).
    (event,) = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "TEHRAN (Tasnim) – The US terrorist forces carried out an airstrike on a base of the "
        "Popular Mobilization Units near the Iraqi city of al-Qaim on Monday, martyring four "
        "fighters, the PMU said in a statement.",
        day="2020-06-16",
    )
    assert (event.location, event.admin1) == ("Al Qaim", "Anbar")


def test_an_outlet_is_no_place(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Kurdistan 24" is a channel: the Kurdistan Region is no second place of the strike.
    events = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "ERBIL, Kurdistan Region (Kurdistan 24) – A Turkish drone strike targeted a vehicle in "
        "the Sidakan district of Erbil province on Thursday, killing two people, local officials "
        "told Kurdistan 24.",
        day="2020-06-16",
    )
    assert [e.location for e in events] == ["Sidakan"]
