"""Issue 13, session 12: phenomena of the theatre's short reports (spring 2020 style: local
security sources, monitoring groups, Arabic reporting in translation) that orbat got wrong.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor
from orbat.nlp.numbers import acled_fatalities, find_casualties

pytestmark = pytest.mark.issue(13)


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
    # Jabal al-Zawiya is the area both towns lie in, as it is for one town ("the town of
    # Kansafra in Jabal al-Zawiya"). (Before the list's second name was looked up, al-Bara
    # was an unlisted village, which the area's test missed.)
    events = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "Regime artillery targeted the towns of Kansafra and al-Bara in Jabal al-Zawiya on Monday.",
    )
    assert sorted(e.location for e in events) == ["Bara", "Kansafra"]
    assert {e.admin1 for e in events} == {"Idlib"}


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


# ---------------------------------------------------------------- when


def test_a_later_sentence_dates_the_event_its_report_did_not(
    event_extractor: EventExtractor,
) -> None:
    # The first sentence's only day is when the command spoke; the next dates the strike.
    text = (
        "Iraqi security forces killed three Islamic State militants in an air strike in the "
        "Hamrin mountains, the Joint Operations Command said on Saturday.\n\n"
        "The strike was carried out on Thursday after intelligence reports on the militants' "
        "hideout, the statement said."
    )
    events = coded(event_extractor, text, "2020-03-14")
    # One happening: the report and, as the evidence of its day, the sentence that dates it.
    assert {(e.event_date, e.location) for e in events} == {
        (dt.date(2020, 3, 12), "Hamrin Mountains")
    }
    assert [e.evidence.quote.startswith("The strike was carried out") for e in events] == [
        False,
        True,
    ]


def test_a_strike_dated_in_its_own_sentence_keeps_its_day(
    event_extractor: EventExtractor,
) -> None:
    # The limit: a day the report gives the act itself is not overridden by a later one.
    text = (
        "Iraqi F-16s struck an ISIS hideout in the Hamrin mountains on Friday, killing three "
        "militants.\n\nThe strike was carried out on Thursday night, the statement added."
    )
    events = coded(event_extractor, text, "2020-03-14")
    assert [e.event_date for e in events] == [dt.date(2020, 3, 13)]


# ---------------------------------------------------------------- who told is no party


def test_the_police_who_told_of_a_killing_did_not_fight(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Gunmen killed a prominent activist in Basra late last night, police said."
    )
    assert event.sub_event_type == "Attack"
    assert "Police" not in f"{event.actor1} {event.actor2}"


def test_a_closing_attribution_leaves_the_target_in_the_told_clause(
    event_extractor: EventExtractor,
) -> None:
    # The parser hangs "An explosive device" on "reported" as its subject.
    (event,) = coded(
        event_extractor,
        "An explosive device detonated at dawn today targeting a vehicle of the Syrian "
        "Democratic Forces near al-Busayrah, killing two fighters, local sources reported.",
    )
    assert event.actor2 == "Syrian Democratic Forces"
    assert event.fatalities == 2


# ---------------------------------------------------------------- places named by what is near


def test_a_village_in_the_countryside_of_a_town_is_not_abroad(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # No gazetteer holds this Sida; Side in Antalya is a namesake the container rules out.
    (event,) = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "The Turkish army shelled the vicinity of the village of Sida in the Ain Issa "
        "countryside with heavy artillery.",
    )
    assert event.country == "Syria"
    assert event.admin1 == "Ar-Raqqah"


def test_a_strike_on_the_road_between_two_towns_is_near_the_first(
    event_extractor: EventExtractor,
) -> None:
    # The tagger reads "al-Mayadin" after "between" as a person; nothing else is named.
    (event,) = coded(
        event_extractor,
        "A drone of unknown identity targeted a car on the road between al-Mayadin and "
        "al-Quriyah, killing two members of the Iranian militias.",
    )
    assert (event.location, event.geo_precision) == ("Al Mayadin", 2)
    assert event.actor2 == "Militia (Pro-Iran)"


# ---------------------------------------------------------------- what kind of event


def test_a_sound_bomb_thrown_at_a_home_is_a_grenade(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Unknown gunmen on a motorcycle threw a sound bomb at the home of an activist in "
        "Nasiriyah.",
    )
    assert event.sub_event_type == "Grenade"


def test_what_riot_police_threw_is_their_intervention(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Riot police threw sound bombs to disperse hundreds of demonstrators in Nasiriyah.",
    )
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor1 == "Protesters (Iraq)"


def test_a_coalition_that_tells_of_its_own_raid_reports_a_clash(
    event_extractor: EventExtractor,
) -> None:
    # "its forces" names no state; the Counter-Terrorism Service and the coalition are states'.
    (event,) = coded(
        event_extractor,
        "The coalition said its forces and the Iraqi Counter-Terrorism Service killed an "
        "Islamic State leader during a raid near Makhmour on Wednesday.",
        "2020-05-21",
    )
    assert event.sub_event_type == "Armed clash"
    assert event.actor2 == "Islamic State (Iraq)"
    assert event.fatalities == 1


def test_an_agency_after_the_datelines_comma(event_extractor: EventExtractor) -> None:
    # "DAMASCUS, (SANA) –": the story was filed in Damascus; the attack was near Kafr Nabl.
    events = coded(
        event_extractor,
        "DAMASCUS, (SANA) – Army units confronted an attack by terrorist organizations on "
        "military points in the vicinity of Kafr Nabl in the southern countryside of Idleb.",
    )
    assert "Damascus" not in {e.location for e in events}
    assert {e.admin1 for e in events} == {"Idlib"}


def test_where_detainees_are_said_to_have_acted_is_no_event_place(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Iraqi security forces raided a hideout in Hawija on Monday and detained five men "
        "suspected of planting bombs in Kirkuk city.",
    )
    assert event.sub_event_type == "Arrests"
    assert event.location == "Al Hawijah"


@pytest.mark.parametrize(
    "text",
    [
        "A dog that went missing in Denver four years ago was found in Tucson.",
        "Researchers in Munich discovered that disk-shaped galaxies emerged in their simulation.",
    ],
)
def test_a_find_that_names_no_weapon_and_no_force_is_no_event(
    event_extractor: EventExtractor, text: str
) -> None:
    assert coded(event_extractor, text, "2019-11-19") == []


def test_a_find_of_explosives_is_still_a_disruption(event_extractor: EventExtractor) -> None:
    # The limit: a weapon named beside the bare "found".
    (event,) = coded(
        event_extractor, "Three explosive devices were found near a school in Kirkuk on Monday."
    )
    assert event.sub_event_type == "Disrupted weapons use"


# ---------------------------------------------------------------- articles: one act per clause


def test_an_undated_act_a_clause_recalls_lends_the_event_nothing(
    event_extractor: EventExtractor,
) -> None:
    # "days after American strikes killed …" is background: its weapon, attacker and toll
    # are not the rocket attack's.
    (event,) = coded(
        event_extractor,
        "At least 10 rockets struck Ain al-Asad air base in Iraq's western Anbar province on "
        "Wednesday morning, days after American strikes killed militia members along the "
        "Syrian border.",
        "2021-03-03",
    )
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert not event.fatalities


def test_facilities_used_by_a_group_are_that_groups(event_extractor: EventExtractor) -> None:
    # ... and "U.S. President" says whose officials ordered the strikes, not where they fell.
    (event,) = coded(
        event_extractor,
        "Last week, U.S. President Joe Biden ordered airstrikes on facilities in eastern Syria "
        "used by Kataib Hezbollah, killing one militiaman, according to the Pentagon.",
        "2021-03-03",
    )
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2 == "Kataib Hezbollah"
    assert event.country == "Syria"


def test_the_post_a_later_sentence_names_again_places_the_attack(
    event_extractor: EventExtractor,
) -> None:
    # "an Iraqi army post north of Baghdad" … "stormed the post in the al-Mataibijah area":
    # one attack, at al-Mataibijah (110 km from Baghdad), not a second event.
    text = (
        "Islamic State militants attacked an Iraqi army post north of Baghdad overnight, "
        "killing 11 soldiers, two security officials said on Sunday.\n\n"
        "The militants stormed the post in the al-Mataibijah area, between Salahuddin and "
        "Diyala provinces, at around midnight and clashed with soldiers for more than an "
        "hour, the officials said."
    )
    events = coded(event_extractor, text, "2021-03-07")
    assert {(e.location, e.sub_event_type) for e in events} == {("Mutaibijah", "Armed clash")}
    assert max(e.fatalities or 0 for e in events) == 11


def test_each_town_a_list_names_is_looked_up_by_its_spellings(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The imported villages spell it Sfuhen; the report's "Sufuhen", second in the list, was
    # never looked up, and the whole sentence went unplaced.
    events = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "Regime forces also shelled the towns of Kafr Aweed and Sufuhen with dozens of rockets "
        "and artillery shells, SOHR said.",
        "2020-05-22",
    )
    assert "Sfuhen" in {e.location for e in events}
    assert {e.admin1 for e in events} == {"Idlib"}


def test_what_a_video_shows_is_no_report_of_an_act(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "Usbat al-Thaireen released a video of a drone flying over the US embassy in Baghdad.",
        "2020-10-10",
    )
    assert events == []


def test_the_american_occupation_of_militia_statements_is_the_us_military(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "Qasim al-Jabbarin Brigades said it targeted a convoy of the American occupation in "
        "Samawah on Tuesday.",
        "2020-10-10",
    )
    assert event.actor2 == "Military Forces of the United States"


@pytest.mark.parametrize(
    "text",
    [
        "Unknown gunmen assassinated the activist Hisham al-Hashimi outside his home in Baghdad.",
        "Gunmen shot dead the journalist Ahmed Abdul Samad in Basra on Friday.",
    ],
)
def test_a_victim_named_after_a_title_is_one_dead(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text, "2020-07-06")
    assert event.fatalities == 1


def test_what_a_bomb_exploded_under_was_its_target(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A sticky bomb exploded under the car of a PMF commander in Basra, wounding him.",
        "2020-07-06",
    )
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2.endswith("Popular Mobilization Forces")


def test_a_ministry_that_tells_of_its_forces_speaks_for_its_state(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(
        event_extractor,
        "The Turkish Defence Ministry said its forces killed five PKK terrorists in the Gara "
        "region of northern Iraq on Sunday.",
        "2020-07-06",
    )
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "Military Forces of Turkey (2016-)"
    assert event.actor2 == "PKK: Kurdistan Workers Party"


def test_a_village_in_a_province_only_another_country_has(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The imported villages hold an Arab Sa'id in Baghdad only; "in western Idlib" rules it out.
    (event,) = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "HTS fighters clashed with Hurras al-Din militants in the village of Arab Saeed in "
        "western Idlib, leaving three dead on both sides.",
        "2020-07-06",
    )
    assert (event.country, event.admin1) == ("Syria", "Idlib")


def test_a_list_of_villages_shares_its_container(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The imported villages hold both names only in Homs; "in the countryside of Tal Tamr"
    # rules out both, not only the last.
    events = coded(
        EventExtractor(gazetteer=village_gazetteer.gazetteer),
        "Turkish forces and their proxies bombarded the villages of Um al-Kayf and Tal Shanan "
        "in the countryside of Tal Tamr with heavy artillery shells.",
        "2020-06-14",
    )
    assert {e.admin1 for e in events} == {"Al-Hasakah"}


def test_a_headline_that_names_no_place_is_the_bodys_event(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Islamic State kills 11 in attack on Iraqi army post\n\n"
        "Islamic State militants attacked an Iraqi army post near Tarmiyah overnight, killing "
        "11 soldiers, two security officials said on Sunday."
    )
    events = coded(event_extractor, text, "2021-03-07")
    assert {e.location for e in events} == {"At Tarmiyah"}
