"""Issue 13, session 10: the states and groups reporting on the theatre names beside the
pack's own, by the names ACLED gives them on the event's day. One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor
from orbat.resolve.places import resolve_places

pytestmark = pytest.mark.issue(13)


# ---------------------------------------------------------------- states outside the pack


def test_a_states_warplanes_are_its_forces_though_the_pack_has_none(
    event_extractor: EventExtractor,
) -> None:
    # The pack has no Saudi forces; the aircraft are still theirs, named for King Salman's era.
    (event,) = coded(
        event_extractor, "Saudi warplanes bombed a wedding in Hajjah on Monday, killing 20 people."
    )
    assert event.actor1 == "Military Forces of Saudi Arabia (2015-)"
    assert event.fatalities == 20


def test_a_states_forces_take_the_period_of_the_events_day(
    event_extractor: EventExtractor,
) -> None:
    text = "Yemeni government forces recaptured the town of Harib on Monday."
    (before,) = coded(event_extractor, text, "2017-01-10")
    (after,) = coded(event_extractor, text, "2023-01-10")
    assert before.actor1 == "Military Forces of Yemen (2012-2022)"
    assert after.actor1 == "Military Forces of Yemen (2022-)"


def test_acled_spells_some_states_with_the(event_extractor: EventExtractor) -> None:
    (event,) = coded(event_extractor, "British jets struck an IS hideout near Mosul on Monday.")
    assert event.actor1 == "Military Forces of the United Kingdom"


def test_an_aircraft_model_between_state_and_aircraft(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "French Rafale jets bombed Islamic State positions near Raqqa on Monday."
    )
    assert event.actor1 == "Military Forces of France"


# ---------------------------------------------------------------- groups beside the pack's


def test_the_houthis_are_named_as_acled_named_them_then(event_extractor: EventExtractor) -> None:
    # The Iran-backed Yemeni group that reports on the Iraqi factions name beside them.
    text = "Houthi rebels fired a ballistic missile at Eilat on Monday."
    (early,) = coded(event_extractor, text, "2016-03-01")
    (late,) = coded(event_extractor, text, "2024-01-10")
    assert early.actor1 == "Houthi Movement"
    assert late.actor1 == "Military Forces of Yemen (2017-) Houthi"


def test_wire_services_paramilitary_is_the_pmf(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Iraqi paramilitary troops recaptured a village near Baiji on Sunday."
    )
    assert event.actor1 == "Military Forces of Iraq (2018-) Popular Mobilization Forces"


# ---------------------------------------------------------------- tolls


def test_one_named_by_rank_and_group_is_one_dead(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A US drone strike on a car in Baghdad killed a senior Kataib Hezbollah commander on "
        "Wednesday.",
    )
    assert event.fatalities == 1
    assert event.actor2 == "Kataib Hezbollah"


# ---------------------------------------------------------------- the eval's names


def test_a_closed_period_label_is_the_same_actor_as_its_open_one() -> None:
    # ACLED closes a label when the government changes: the gold may carry either.
    from orbat.eval.news import _actor_ok

    assert _actor_ok("Military Forces of Yemen (2012-)", "Military Forces of Yemen (2012-2022)")
    assert not _actor_ok("Military Forces of Yemen (2012-)", "Military Forces of Yemen (2022-)")


def test_a_fighter_jet_named_after_a_storm_is_no_storm(event_extractor: EventExtractor) -> None:
    # "Typhoon" marks a disaster story, except as the jet that struck.
    (event,) = coded(
        event_extractor, "British Typhoon jets struck an IS hideout near Mosul on Monday."
    )
    assert event.actor1 == "Military Forces of the United Kingdom"
    assert event.sub_event_type == "Air/drone strike"


# ---------------------------------------------------------------- places


@pytest.mark.slow
def test_a_base_in_a_city_is_in_that_city_not_a_namesake_village(village_env) -> None:
    # The villages know an "As Sakr" only in Basra; the text puts the base in Baghdad.
    events = coded(
        EventExtractor(),
        "An explosion hit a weapons depot at the Saqr base in southern Baghdad on Monday.",
    )
    assert [(e.location, e.admin1) for e in events] == [("Baghdad", "Baghdad")]


@pytest.mark.slow
def test_a_list_of_villages_is_no_container(village_env) -> None:
    # Only "in" says one place holds another: "A, B and C" are three places.
    text = "Turkish jets bombed the villages of Kafr Nabudah, Kansafra and Kafr Nabl on Monday."
    assert {r.place.admin1 for r in resolve_places(text)} == {"Hama", "Idlib"}


def test_a_town_bombed_is_found_by_its_loose_spelling(event_extractor: EventExtractor) -> None:
    # The tagger calls "Maarat al-Numan" a person, and the scan knows it as "Ma'arrat an-Nu'man".
    (event,) = coded(event_extractor, "Russian jets bombed Maarat al-Numan on Monday.")
    assert (event.location, event.admin1) == ("Maarrat an Numan", "Idlib")


# ---------------------------------------------------------------- two acts in one sentence


def test_each_clause_tells_its_own_act(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "Israeli jets struck Hama military airport overnight, and Israeli troops clashed with "
        "gunmen near the village of Koya in Deraa province, killing nine of them, Syrian state "
        "media said.",
        "2025-04-03",
    )
    # Without the villages imported, "Koya" is placed by its province (Koya in Erbil is
    # another Koya: see test_a_town_in_a_named_province_that_does_not_hold_it).
    strike, clash = (next(e for e in events if e.admin1 == a) for a in ("Hama", "Daraa"))
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.fatalities in (0, None)
    assert clash.sub_event_type == "Armed clash"
    assert clash.actor2 == "Unidentified Armed Group (Syria)"
    assert clash.fatalities == 9


def test_one_act_at_two_places_is_not_cut(event_extractor: EventExtractor) -> None:
    # One subject, two places: both events are the attack, with its toll.
    events = coded(
        event_extractor,
        "Militants attacked a checkpoint in Tarmiya and a patrol in Taji on Monday, killing "
        "four soldiers.",
    )
    assert {e.sub_event_type for e in events} == {"Armed clash"}
    assert len(events) == 2


def test_a_blast_next_to_a_convoy_is_not_the_convoys_act(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A roadside bomb exploded next to a convoy carrying supplies for the U.S.-led coalition "
        "in Diwaniyah on Monday.",
    )
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


def test_a_town_in_a_named_province_that_does_not_hold_it(event_extractor: EventExtractor) -> None:
    # The pack's Koya is the Kurdish town in Erbil; "in Deraa province" says this is another.
    (event,) = coded(
        event_extractor,
        "Israeli troops clashed with gunmen near the village of Koya in Deraa province on Monday.",
    )
    assert (event.country, event.admin1) == ("Syria", "Daraa")


# ---------------------------------------------------------------- ACLED's notes' own style


def test_a_province_after_a_place_and_a_comma_is_the_province(
    event_extractor: EventExtractor,
) -> None:
    # "Salah al-Din" is also Saladin; after "… area," at the clause's end it is the province.
    (event,) = coded(
        event_extractor,
        "On 3 March 2020, an IED exploded targeting a vehicle of the PMF in Mutaibijah area, "
        "Salah al-Din. No casualties reported.",
        "2020-03-05",
    )
    assert (event.country, event.admin1) == ("Iraq", "Salah ad Din")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


def test_a_town_and_its_province_tagged_as_one_name(event_extractor: EventExtractor) -> None:
    # The tagger reads "Ain Issa, Raqqa" as one place; it is the town and its province.
    (event,) = coded(
        event_extractor,
        "On 11 March 2020, Turkish-backed factions shelled SDF positions near Ain Issa, Raqqa.",
        "2020-03-12",
    )
    assert event.location == "Ayn Isa"
    assert event.geo_precision == 2


def test_one_group_killing_members_of_another_is_a_clash(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "ISIS claimed killing two members of the SDF in Raqqa city on Monday."
    )
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1, event.actor2) == ("Islamic State (Syria)", "Syrian Democratic Forces")
    assert event.fatalities == 2


def test_coalition_soldiers_are_the_coalition(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Two Katyusha rockets landed inside Camp Taji on Monday, wounding three coalition "
        "soldiers.",
    )
    assert event.actor2 == "Global Coalition Against Daesh"


def test_positions_of_the_regime_are_its_forces(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Israeli helicopters fired missiles at positions of the regime in Quneitra countryside "
        "on Monday.",
    )
    assert event.actor2 == "Military Forces of Syria (2000-2024)"


def test_who_left_a_landmine_set_it(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "A landmine left over from ISIS exploded and killed a shepherd near Qayyarah on Monday.",
    )
    assert (event.actor1, event.actor2) == ("Islamic State (Iraq)", "Civilians (Iraq)")


# ---------------------------------------------------------------- the article's names


def test_who_holds_the_launch_site_fired(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Mortar rounds fired from HTS-controlled areas struck the town of Suqaylabiyah on Monday.",
    )
    assert event.actor1 == "HTS: Hayat Tahrir al Sham"
    assert event.actor2 != "HTS: Hayat Tahrir al Sham"


def test_an_acronym_the_article_defined_earlier_names_the_group(
    event_extractor: EventExtractor,
) -> None:
    # "IS" alone is too short to trust; the article spelled it out in its lead.
    events = coded(
        event_extractor,
        "Turkish artillery pounded Islamic State (IS) positions around Jarablus on Tuesday. The "
        "army retaliated after rockets launched from IS-held territory struck the border town "
        "of Kilis on Monday.",
    )
    (kilis,) = [e for e in events if e.location == "Kilis"]
    assert kilis.actor1.startswith("Islamic State")


# ---------------------------------------------------------------- monitors' digests


def test_monitors_who_document_are_no_protest(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "Activists documented the deaths of four members of the regime forces in an ambush "
        "near Palmyra on Monday.",
    )
    assert all(e.event_type != "Protests" for e in events)


def test_soldiers_killed_in_an_ambush_fought(event_extractor: EventExtractor) -> None:
    # The passive subject names whom the attack hit: soldiers, so a clash, not an attack on
    # civilians (the classifier's own reading, before later steps repair it).
    coded_ = event_extractor.classifier.classify_text(
        "Four soldiers were killed in an ambush near Sukhnah on Monday."
    )
    assert coded_ is not None and coded_.sub_event_type == "Armed clash"


def test_the_death_of_one_person_is_one_dead(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Activists documented the death of a child when a landmine exploded near Palmyra on "
        "Monday.",
    )
    assert event.fatalities == 1


def test_killing_him_is_one_dead(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Unidentified gunmen opened fire on a former opposition commander in Daraa city on "
        "Monday, killing him instantly.",
    )
    assert event.fatalities == 1


def test_gunfire_is_not_the_days_blast_elsewhere(event_extractor: EventExtractor) -> None:
    # A digest tells a landmine in Homs and a shooting in Daraa the same day: the shooting
    # keeps its type.
    events = coded(
        event_extractor,
        "Activists documented the death of a child when a landmine, planted by ISIS in the "
        "past, exploded in Al-Sukhnah desert in eastern Homs countryside.\n\nIn Daraa, "
        "unidentified gunmen opened fire on a former opposition commander who had joined the "
        "regime's Fourth Division in Tafas city, killing him instantly.",
    )
    daraa = [e for e in events if e.admin1 == "Daraa"]
    assert daraa and all(e.event_type != "Explosions/Remote violence" for e in daraa)


# ---------------------------------------------------------------- a wire story's strikes


STRIKES_STORY = (
    "WASHINGTON/BAGHDAD, Feb 3 (Reuters) - The United States carried out air strikes in Iraq "
    "and Syria on Friday against more than 85 targets linked to Iran's Revolutionary Guards "
    "and the militias it backs, in retaliation for a deadly attack on U.S. troops in Jordan "
    "last Sunday.\n\n"
    "Iraqi government spokesman Basim al-Awadi said 16 people, including civilians, were "
    "killed in the strikes in the border town of al-Qaim and other areas. Syrian state media "
    "said several people were killed in strikes on the desert areas near Albukamal and "
    "Mayadeen.\n\n"
    "Kataib Hezbollah, which Washington blames for the Jordan attack, had said on Tuesday it "
    "was suspending military operations against U.S. forces."
)


def test_a_wire_storys_strikes_by_place(event_extractor: EventExtractor) -> None:
    events = coded(event_extractor, STRIKES_STORY, "2024-02-03")
    by_admin1 = {}
    for e in events:
        by_admin1.setdefault(e.admin1, []).append(e)
    # "killed in the strikes" (told already) is a strike; the state named as the subject
    # of the lead flew them, though "U.S. troops" come later in its sentence.
    (qaim,) = by_admin1["Anbar"]
    assert (qaim.sub_event_type, qaim.actor1, qaim.fatalities) == (
        "Air/drone strike",
        "Military Forces of the United States",
        16,
    )
    # "near Albukamal and Mayadeen": near both ("Mayadeen" is a date to the tagger).
    syria = by_admin1["Deir ez-Zor"]
    assert {e.geo_precision for e in syria} == {2}
    assert len(syria) == 2
    # Suspending operations, and the attack Washington blames it for, are no events here.
    assert all(e.country != "United States" and e.location != "Washington" for e in events)
    assert set(by_admin1) == {"Anbar", "Deir ez-Zor"}


# ---------------------------------------------------------------- Syria after December 2024


def test_a_town_near_a_city_is_one_event_at_the_town(event_extractor: EventExtractor) -> None:
    events = coded(
        event_extractor,
        "Syrian government forces clashed with Druze fighters in the town of Jaramana near "
        "Damascus on Tuesday, leaving 10 dead.",
        "2025-04-30",
    )
    assert [(e.location, e.actor1) for e in events] == [
        ("Jaramana", "Military Forces of Syria (2024-)")
    ]


def test_a_teller_that_repelled_an_attack_was_attacked(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "The SDF said its fighters repelled an attack by Turkish-backed factions on the "
        "Tishreen Dam on Monday, killing 12 attackers.",
        "2025-01-07",
    )
    assert (event.actor1, event.actor2) == ("SNA: Syrian National Army", "Syrian Democratic Forces")
    assert event.fatalities == 12


# ---------------------------------------------------------------- Iraq


def test_iraqi_counter_terrorism_forces_are_the_cts(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor,
        "Iraqi counter-terrorism forces killed five Islamic State militants in an operation in "
        "the Hamrin mountains, the Joint Operations Command said on Sunday.",
        "2023-07-24",
    )
    assert event.actor1 == "Military Forces of Iraq (2022-) Counter Terrorism Service"


def test_what_a_protest_is_over_is_not_where_it_was(event_extractor: EventExtractor) -> None:
    # Neither the holy book (a village's name in Aleppo) nor the city of the burning it is
    # over are where the embassy was stormed.
    events = coded(
        event_extractor,
        "Protesters stormed and set fire to the Swedish embassy in Baghdad early Thursday over "
        "a planned Quran burning in Stockholm.",
        "2023-07-20",
    )
    assert [(e.location, e.sub_event_type) for e in events] == [
        ("Baghdad", "Violent demonstration")
    ]


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Sulaimani", "Sulaymaniyah"),
        ("Amedi", "Duhok"),
        ("Serekaniye", "Al-Hasakah"),
        ("Gire Spi", "Ar-Raqqah"),
    ],
)
def test_kurdish_spellings_of_theatre_towns(name: str, admin1: str) -> None:
    # Kurdish outlets' names: "Sulaimani" was a Diyala village, "Amedi" a town in India.
    (place,) = resolve_places(f"Protesters gathered in {name} on Monday.")
    assert (place.place.kind, place.place.admin1) == ("city", admin1)


def test_an_israeli_story_of_a_strike_and_its_dead(event_extractor: EventExtractor) -> None:
    # The smuggling the strike answered does not make the story a crime story; the Hezbollah
    # members "including" among the dead were struck, not striking.
    events = coded(
        event_extractor,
        "The IDF said on Tuesday its fighter jets had struck Hezbollah weapons depots overnight "
        "in the Qusayr area near the Syrian-Lebanese border, after identifying attempts to "
        "smuggle arms into Lebanon.\n\nA Britain-based war monitor said four people died in "
        "the strikes, including two members of Hezbollah.",
        "2024-04-02",
    )
    assert events
    assert {(e.actor1, e.actor2, e.admin1) for e in events} == {
        ("Military Forces of Israel (2022-)", "Hezbollah", "Homs")
    }
