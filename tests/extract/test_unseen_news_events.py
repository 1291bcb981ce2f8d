"""Issue 13, session 8: events, places and actors as unseen short reports tell them. One
phenomenon per test.

Every sentence is written for the test (paraphrases of what wire copy and monitoring digests
do), never copied from the gold; the gold scores the same phenomena on real text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from orbat.extract.events import ArticleView, EventExtractor

pytestmark = pytest.mark.issue(13)


def coded(event_extractor: EventExtractor, text: str, published: str | None = "2020-03-10") -> list:
    day = dt.date.fromisoformat(published) if published else None
    return event_extractor.extract(ArticleView(1, text, day))


# ---------------------------------------------------------------- territory


def test_a_list_of_villages_is_one_event_each(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "On Monday Islamic State fighters seized the towns of Mayadin, Hajin and Albu Kamal in "
        "Deir ez-Zor province.",
    )
    assert {e.location for e in events} >= {"Al Mayadin", "Hajin"}
    assert all(e.sub_event_type == "Non-state actor overtakes territory" for e in events)


def test_restoring_control_over_named_places_is_a_capture(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor, "On Monday the Syrian army restored control over Palmyra and Qaryatayn."
    )
    assert [e.sub_event_type for e in events] == ["Government regains territory"] * 2
    assert {e.location for e in events} == {"Tadmur", "Al Qaryatayn"}


def test_driving_a_group_out_of_an_area_is_a_capture(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Army units drove Islamic State fighters out of several villages in Hama province on "
        "Sunday.",
    )
    assert event.sub_event_type == "Government regains territory"


def test_the_occupied_golan_is_no_change_of_hands(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "The group said it had hit a military site in the occupied Golan on Monday.",
    )
    assert all(e.sub_event_type != "Government regains territory" for e in events)


def test_a_capture_in_a_clause_of_time_is_background(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "The Al Qaim crossing in Anbar was closed when rebels took control of Damascus in "
        "December.",
        published="2025-03-01",
    )
    assert events == []


def test_a_lorry_entering_a_country_is_no_capture(event_extractor: EventExtractor) -> None:
    assert coded(event_extractor, "The first lorry from Syria had entered Iraq on Monday.") == []


# ---------------------------------------------------------------- which sentences report


def test_an_undated_text_names_its_days(event_extractor: EventExtractor) -> None:
    """A snippet without a publication date still reports "on Thursday"."""
    (event,) = coded(
        event_extractor,
        "Turkish warplanes bombed PKK hideouts in northern Iraq on Thursday, the ministry said.",
        published=None,
    )
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of Turkey (2016-)"


def test_a_simple_past_beside_an_ongoing_campaign_is_one_act(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Iraqi troops recaptured the village of Imam Gharbi on Thursday as they continue to "
        "drive Islamic State fighters from areas south of Mosul.",
    )
    assert event.sub_event_type == "Government regains territory"


def test_a_militia_that_has_been_targeting_people_is_a_habit(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "The prime minister ordered a team to pursue a militia that has been targeting "
        "Syrians in Basra.",
    )
    assert events == []


def test_a_present_perfect_of_one_act_reports_it(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "The Turkish army has set up its 12th observation point in Idlib province.",
        published=None,
    )
    assert event.sub_event_type == "Headquarters or base established"
    assert event.admin1 == "Idlib"


# ---------------------------------------------------------------- who acted


def test_a_group_that_says_it_targeted_the_site_claims_the_strike(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "A drone launched from Iraq hit a military base in the Golan Heights on Tuesday. "
        "The Islamic Resistance in Iraq said it had targeted a vital site there.",
        published="2024-10-01",
    )
    assert [(e.actor1, e.location, e.country) for e in events] == [
        ("Islamic Resistance in Iraq", "Golan Heights", "Israel")
    ]


def test_army_units_are_the_army(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Army units drove back Islamic State fighters near the town of Salamiyah on Sunday.",
    )
    assert event.actor1 == "Military Forces of Syria (2000-2024)"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Kurdish fighters seized the village of Tal Samen near Raqqa on Monday.",
         "YPG: People's Protection Units"),
        ("Kurdish forces shelled Islamic State positions near Kirkuk on Monday.",
         "Military Forces of Iraq (2018-2020) Peshmerga"),
    ],
)  # fmt: skip
def test_unnamed_kurdish_forces_follow_the_country(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


def test_militants_backed_by_ankara_are_the_sna_and_ankara_no_place(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Militants backed by Ankara attacked Kurdish positions near Manbij on Monday.",
    )
    assert event.actor1 == "SNA: Syrian National Army"
    assert event.location == "Manbij"


def test_a_states_police_by_its_period_name(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Turkish police detained twelve journalists in Istanbul on Monday."
    )
    assert event.sub_event_type == "Arrests"
    assert event.actor1 == "Police Forces of Turkey (2016-)"


def test_a_state_the_pack_has_no_forces_of_gets_acleds_generic_name(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor, "Yemeni government forces recaptured the town of Harib on Monday."
    )
    # With the government's period, since session 10 (tests/extract/test_unseen_news_session10).
    assert event.actor1 == "Military Forces of Yemen (2012-2022)"


def test_a_name_across_a_comma_was_never_written(event_extractor: EventExtractor) -> None:
    """ "… in northern Iraq, military said" is not the Iraqi military acting."""
    (event,) = coded(
        event_extractor,
        "Turkish jets destroyed PKK depots in northern Iraq, military said on Sunday.",
    )
    assert event.actor1 == "Military Forces of Turkey (2016-)"
    assert (event.location, event.geo_precision) == ("Iraq", 3)


def test_palestinians_carry_acleds_country_name(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Palestinian rioters clashed with Israeli troops in Nablus on Thursday."
    )
    assert event.actor1 == "Rioters (Palestine)"
    assert event.country == "Palestine"


# ---------------------------------------------------------------- where


def test_a_diplomatic_process_is_no_place(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Turkish troops set up a new observation post near Saraqib on Monday in line with the "
        "Astana process.",
    )
    assert event.location == "Saraqib"


def test_a_dateline_with_a_date_and_an_agency_needs_no_dash(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Damascus, 26 Jun (Wire) The Syrian army regained control of the whole Lajat area in "
        "Daraa province today.",
        published="2018-06-26",
    )
    assert event.location != "Damascus"


def test_a_water_cannon_is_no_artillery(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Riot police fired tear gas and water cannon at protesters in Baghdad on Friday.",
    )
    assert event.sub_event_type == "Protest with intervention"
    assert (event.actor1, event.actor2) == ("Protesters (Iraq)", "Police Forces of Iraq")


def test_the_agent_of_another_act_is_no_party(event_extractor: EventExtractor) -> None:
    """ "once they were surrounded by police": the police surrounded, the bombers bombed."""
    (event,) = coded(
        event_extractor,
        "Near Ankara, two suicide bombers blew themselves up late on Friday once they were "
        "surrounded by police.",
    )
    assert event.actor1 == "Unidentified Armed Group (Turkey)"


def test_a_bomb_planted_by_a_group_is_the_groups(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A roadside bomb planted by Islamic State militants killed three soldiers near Tikrit "
        "on Monday.",
    )
    assert event.actor1 == "Islamic State (Iraq)"


@pytest.mark.parametrize(
    "text",
    [
        "The last meeting of Coalition defence ministers took place in Paris, France, on March "
        "2, 2016, and the next meeting of foreign ministers took place in Madrid, Spain, on "
        "March 9, 2016.",
        "Militia leaders held talks with the governor in Basra on Monday.",
    ],
)
def test_an_idiom_is_no_arrest(event_extractor: EventExtractor, text: str) -> None:
    assert coded(event_extractor, text, published=None) == []


def test_a_state_named_by_its_capital_is_no_place(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor, "Houses in Ras al-Ain were looted by the Ankara forces on Monday."
    )
    assert [e.actor1 for e in events] == ["Military Forces of Turkey (2016-)"]
    assert "Ankara" not in {e.location for e in events}


def test_villages_no_gazetteer_knows_are_events_near_their_list(
    event_extractor: EventExtractor,
) -> None:
    """ACLED codes a list of villages as one event each; a village the gazetteer lacks is placed
    near a village of the same list it knows, and says it was not found."""
    events = coded(
        event_extractor,
        "On Monday Islamic State fighters seized the villages of Hajin, Zarqa Sughra and "
        "Marashida Kubra in Deir ez-Zor province.",
    )
    by_name = {e.location: e for e in events}
    assert {"Hajin", "Zarqa Sughra", "Marashida Kubra"} <= set(by_name)
    unlisted = by_name["Zarqa Sughra"]
    assert unlisted.place_id == "unlisted:SY:Zarqa Sughra"
    assert (unlisted.geo_precision, unlisted.admin1) == (2, "Deir ez-Zor")


def test_a_list_of_names_without_a_known_village_is_left_alone(
    event_extractor: EventExtractor,
) -> None:
    events = coded(
        event_extractor,
        "On Monday the army recaptured Foxtrot, Tango and Victor from the rebels near Hama.",
    )
    assert all(not (e.place_id or "").startswith("unlisted:") for e in events)


def test_force_used_to_disperse_a_protest_happened(event_extractor: EventExtractor) -> None:
    """ "fired tear gas to disperse protesters": the purpose clause is what the firing did."""
    (event,) = coded(
        event_extractor,
        "Scores were injured in Beirut on Saturday when riot police fired tear gas and rubber "
        "bullets to disperse anti-government demonstrators.",
        published="2019-12-15",
    )
    assert event.sub_event_type == "Protest with intervention"


def test_mourners_are_civilians(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "On Sunday militants targeted mourners gathered in a funeral tent in Baghdad.",
    )
    assert (event.sub_event_type, event.actor2) == ("Attack", "Civilians (Iraq)")


@pytest.mark.parametrize(
    "text",
    [
        "A bomber blew himself up at a checkpoint in Tikrit on Monday, killing three soldiers.",
        "The bomber detonated his explosive vest among worshippers in Kirkuk on Friday.",
    ],
)
def test_a_bomber_who_blows_himself_up_is_a_suicide_bomber(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Suicide bomb"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("US B-52 bombers struck Islamic State positions near Mosul on Monday.",
         "Military Forces of the United States"),
        ("Russian Su-24 jets bombed rebel positions near Idlib on Monday.",
         "Military Forces of Russia (2000-)"),
    ],
)  # fmt: skip
def test_an_aircraft_type_between_state_and_plane(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1
