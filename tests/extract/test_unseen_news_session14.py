"""Issue 13, session 14: phenomena of wire leads and world news that orbat got wrong. One
phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coded_events import coded
from orbat.extract.article import ArticleView
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Gunmen attacked a hotel in Mogadishu on Monday, killing six people.",
            "Unidentified Armed Group (Somalia)",
        ),
        (
            "Armed men attacked a village in northern Nigeria on Monday, killing 18 people.",
            "Unidentified Armed Group (Nigeria)",
        ),
        # The theatre's own countries keep their names.
        (
            "Gunmen shot dead a shop owner in Kirkuk on Monday.",
            "Unidentified Armed Group (Iraq)",
        ),
        (
            "Gunmen shot dead a shop owner in the city of Deir ez-Zor on Monday.",
            "Unidentified Armed Group (Syria)",
        ),
    ],
)
def test_unknown_gunmen_are_of_the_event_s_country(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    # ACLED names unknown perpetrators by the country of the event, one the theatre pack need
    # not list: gunmen in Mogadishu were never an "Unidentified Armed Group (Iraq)".
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


def test_a_second_act_told_under_a_reporting_verb_is_a_report(
    event_extractor: EventExtractor,
) -> None:
    # ", as rebels captured a hilltop village in Hama province, a monitor says": the reporting verb
    # ends the sentence, but the act it reports is a simple past.
    events = coded(
        event_extractor,
        "Syrian warplanes bombed rebel-held towns in Idlib province, killing four civilians, "
        "as rebels captured a hilltop village in Hama province, a monitor says.",
    )
    by_type = {e.sub_event_type: e for e in events}
    assert set(by_type) == {"Air/drone strike", "Non-state actor overtakes territory"}
    captured = by_type["Non-state actor overtakes territory"]
    assert (captured.admin1, captured.actor1) == ("Hama", "Opposition Rebels (Syria)")


@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            "During Friday prayers two suicide bombers blow themselves up inside a mosque in "
            "Iraq's capital, reports say.",
            "Baghdad",
        ),
        ("A suicide bomber blows himself up at a checkpoint in Kirkuk, killing five.", "Kirkuk"),
    ],
)
def test_a_lead_in_the_news_present_is_a_report(
    event_extractor: EventExtractor, text: str, location: str
) -> None:
    # Wire leads tell their happening in the present, as headlines do.
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.location) == ("Suicide bomb", location)


@pytest.mark.parametrize(
    "text",
    [
        # A bare plural in the present is a habit, not a happening.
        "Militias attack convoys on the highway near Baghdad, officials say.",
        "Suicide bombers target checkpoints in Kirkuk, a police officer says.",
    ],
)
def test_a_habit_in_the_present_is_no_report(event_extractor: EventExtractor, text: str) -> None:
    assert coded(event_extractor, text) == []


def test_police_officers_are_the_police(event_extractor: EventExtractor) -> None:
    # "police officers" is the force itself ("army officers said" stays a source).
    (event,) = coded(event_extractor, "Police officers beat protesters in Basra on Monday.")
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor2 == "Police Forces of Iraq"


def test_a_police_named_with_its_country_s_period_takes_it_once(
    event_extractor: EventExtractor,
) -> None:
    # The base lists Jordan's periods: its police are "(1999-)", never "(1999-) (1999-)".
    (event,) = coded(
        event_extractor,
        "Gunmen killed four police officers near the Jordanian city of Karak on Monday.",
    )
    assert event.actor2 == "Police Forces of Jordan (1999-)"


# ---------------------------------------------------------------- government statements


def test_who_condemns_an_attack_is_no_party_to_it(event_extractor: EventExtractor) -> None:
    # A government's statement: the condemning state is a teller; the claimant is actor1.
    events = coded(
        event_extractor,
        "The United States condemns today's terrorist attack in Baghdad, which killed at least "
        "30 people, in the strongest possible terms. ISIL has claimed responsibility for this "
        "cowardly attack.",
    )
    (attack,) = [e for e in events if e.location == "Baghdad"]
    assert attack.actor1 == "Islamic State (Iraq)"
    assert attack.fatalities == 30


def test_a_judging_government_is_not_the_attacker(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "The UN envoy denounced the rocket attack on the airport in Erbil on Tuesday.",
    )
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


# ---------------------------------------------------------------- air forces' strike updates


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, RAF Tornado GR4s struck a Daesh checkpoint near Mosul with a Paveway IV "
        "guided bomb.",
        "An RAF Reaper attacked a Daesh mortar team near Qaim on Tuesday with a Hellfire "
        "missile, killing two terrorists.",
        "Royal Air Force jets bombed Islamic State positions near Mosul on Tuesday.",
    ],
)
def test_the_royal_air_force_strikes_for_the_united_kingdom(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of the United Kingdom"


def test_a_typhoon_aircraft_is_no_storm(event_extractor: EventExtractor) -> None:
    # "Typhoon FGR4s" are jets: the weather word must not mark the story as a disaster.
    (event,) = coded(
        event_extractor,
        "Typhoon FGR4s struck a Daesh-held building near Raqqa on Tuesday, using Paveway IV bombs.",
    )
    assert (event.sub_event_type, event.admin1) == ("Air/drone strike", "Ar-Raqqah")


def test_aircraft_on_patrol_strike_nothing(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "On Tuesday, an RAF Reaper remotely piloted aircraft provided surveillance over western "
        "Iraq. The Reaper attacked a Daesh mortar team near Qaim with a Hellfire missile.",
    )
    assert [e.location for e in events] == ["Al Qaim"]


# ---------------------------------------------------------------- events placed nowhere


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # A state's police act at home.
        ("Turkish police detained the editor of an opposition newspaper on Monday.", "Turkey"),
        # A government regains its own territory.
        (
            "On Monday Syrian government forces captured four villages in the northwest of the "
            "country.",
            "Syria",
        ),
        # A military against its own country's rebels.
        ("A Syrian army helicopter dropped barrel bombs on rebel positions on Monday.", "Syria"),
    ],
)
def test_an_event_placed_nowhere_is_placed_at_its_country(
    event_extractor: EventExtractor, text: str, country: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.location, event.country, event.geo_precision) == (country, country, 3)
    assert event.latitude is not None and event.place_id == f"country:{event.place_id[-2:]}"


def test_a_military_alone_never_places_an_event_at_home(event_extractor: EventExtractor) -> None:
    # US warplanes struck wherever their targets were, not in the United States.
    (event,) = coded(
        event_extractor, "US warplanes struck targets on Monday, killing 12 militants."
    )
    assert event.location is None


# ---------------------------------------------------------------- undated press releases


def test_a_release_stored_without_a_date_is_dated_by_its_dateline(
    event_extractor: EventExtractor,
) -> None:
    # Pasted as text, a release keeps its dateline: "yesterday" counts from it.
    text = (
        "WASHINGTON, Nov. 25, 2016 - A U.S. service member was killed yesterday in northern "
        "Syria by a roadside bomb near Ayn Issa, Pentagon officials said."
    )
    (event,) = event_extractor.extract(ArticleView(1, text, None))
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.event_date == dt.date(2016, 11, 24)


def test_a_dateline_without_a_year_dates_nothing(event_extractor: EventExtractor) -> None:
    # "Nov. 25" of which year? An undated article stays undated.
    text = (
        "WASHINGTON, Nov. 25 (Reuters) - A U.S. service member was killed yesterday in "
        "northern Syria by a roadside bomb near Ayn Issa."
    )
    (event,) = event_extractor.extract(ArticleView(1, text, None))
    assert event.event_date is None


# ---------------------------------------------------------------- whose act


def test_people_of_an_untold_country_are_nobody_s_in_particular(
    event_extractor: EventExtractor,
) -> None:
    # Not the first country the pack lists: the event is not placed in Iraq by default.
    (event,) = coded(
        event_extractor,
        "Protesters gathered outside the parliament on Monday to demand the government's "
        "resignation.",
    )
    assert (event.actor1, event.location) == ("Protesters", None)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "A new Iranian base was set up near Albu Kamal on Monday.",
            "Military Forces of Iran (1989-)",
        ),
        (
            "A new Turkish observation point was established near Saraqib on Monday.",
            "Military Forces of Turkey (2016-)",
        ),
    ],
)
def test_whose_base_was_set_up_set_it_up(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Headquarters or base established"
    assert (event.actor1, event.actor2) == (actor1, None)


def test_a_town_s_name_is_no_party_s_weak_alias(event_extractor: EventExtractor) -> None:
    # "Kamal" of Albu Kamal shares its letters' skeleton with Komala, a Kurdish party.
    (event,) = coded(event_extractor, "An Iranian drone struck a truck near Albu Kamal on Monday.")
    assert "Komala" not in f"{event.actor1} {event.actor2}"


def test_attackers_said_to_serve_a_group_are_that_group(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Gunmen suspected of belonging to the Islamic State killed two shepherds near "
        "Tarmiyah on Monday.",
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Attack",
        "Islamic State (Iraq)",
        "Civilians (Iraq)",
    )


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # The suspects' group is what was arrested ...
        (
            "Police arrested three men suspected of belonging to the Islamic State in Kirkuk "
            "on Monday.",
            "Police Forces of Iraq",
            "Islamic State (Iraq)",
        ),
        # ... and the side a victim is said to have served took no part.
        (
            "Gunmen executed a man accused of collaborating with the Syrian regime in Daraa "
            "on Monday.",
            "Unidentified Armed Group (Syria)",
            "Civilians (Syria)",
        ),
    ],
)
def test_an_allegation_against_victims_names_no_attacker(
    event_extractor: EventExtractor, text: str, actor1: str, actor2: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.actor1, event.actor2) == (actor1, actor2)


# ---------------------------------------------------------------- raids, towns


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi forces captured an ISIS emir in a raid in Kirkuk on Monday.",
        "SDF forces captured a senior Islamic State leader in a raid near Shaddadi on Monday.",
    ],
)
def test_a_captured_militant_leader_is_an_arrest(
    event_extractor: EventExtractor, text: str
) -> None:
    # People taken in a raid by forces in control of the area: ACLED's Arrests, no territory.
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Arrests"


def test_militants_driven_back_lost_ground(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Syrian army units drove back Islamic State terrorists from a village near Palmyra on "
        "Monday.",
    )
    assert event.sub_event_type == "Government regains territory"


def test_a_town_called_city_is_the_town(event_extractor: EventExtractor) -> None:
    # "Qamishli city", "Kirkuk city": the English of Kurdish and Iraqi outlets.
    (event,) = coded(
        event_extractor,
        "A Turkish drone targeted a car in the vicinity of Qamishli city on Tuesday, killing "
        "two people.",
    )
    assert (event.location, event.admin1) == ("Al Qamishli", "Al-Hasakah")


def test_one_place_taken_in_a_country_is_a_report(event_extractor: EventExtractor) -> None:
    # A wire lead with no day, town or toll: one village taken, in the country named.
    (event,) = coded(
        event_extractor,
        "Activists say Syrian rebels have retaken a small village in the north of the country.",
    )
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert (event.location, event.actor1) == ("Syria", "Opposition Rebels (Syria)")


def test_places_taken_over_time_are_no_report(event_extractor: EventExtractor) -> None:
    assert (
        coded(event_extractor, "Syrian rebels have captured villages in the country's north.") == []
    )
