"""Issue 13, session 19: phenomena of short reporting that orbat got wrong: a brief (a wire
item, a digest line, a Telegram post) whose lead names no day, town or toll, the military posts
a group takes, and the country a target's adjective places an event in.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)

HOUTHI = "Military Forces of Yemen (2017-) Houthi"
COMMENTARY = (
    " Analysts say the group is growing. Its leaders are thought to be abroad. Funding comes"
    " from smuggling. The government has promised action."
)


@pytest.mark.parametrize("day", [None, "2020-04-10"])
def test_the_lead_of_a_brief_is_a_report_without_day_town_or_toll(
    event_extractor: EventExtractor, day: str | None
) -> None:
    events = coded(event_extractor, "Militants took control of three barracks.", day)
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]


def test_the_same_lead_in_a_longer_story_is_not_a_report_on_its_own(
    event_extractor: EventExtractor,
) -> None:
    # The limit: around commentary, a sentence with no day, town or toll ties itself to no
    # particular happening.
    assert coded(event_extractor, "Militants took control of three barracks." + COMMENTARY) == []


@pytest.mark.parametrize(
    "text",
    [
        "Militants take control of barracks when the army leaves.",
        "Analysts said the militants took control of the region years ago.",
    ],
)
def test_a_brief_of_habit_or_history_is_no_report(
    event_extractor: EventExtractor, text: str
) -> None:
    assert coded(event_extractor, text, None) == []


def test_the_next_sentence_of_a_brief_places_its_lead(event_extractor: EventExtractor) -> None:
    text = (
        "Houthi fighters seized three army positions. The positions are in the Sirwah district "
        "of Marib."
    )
    (event,) = coded(event_extractor, text, None)
    assert (event.actor1, event.admin1) == (HOUTHI, "Marib")
    assert event.geo_precision is not None and event.geo_precision <= 2


@pytest.mark.parametrize(
    "posts", ["three army barracks", "two checkpoints", "the outposts on the ridge"]
)
def test_a_group_that_seizes_military_posts_takes_territory(
    event_extractor: EventExtractor, posts: str
) -> None:
    # Not "Disrupted weapons use": a barracks or a checkpoint is ground, not a weapons cache.
    (event,) = coded(event_extractor, f"Rebels seized {posts} near Saraqib on Tuesday.")
    assert event.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Israeli jets struck an Iranian air base.", "Iran"),
        ("The drones hit targets on Iraqi soil.", "Iraq"),
        ("Unidentified drones struck a Syrian airfield.", "Syria"),
    ],
)
def test_a_places_adjective_gives_the_country_of_an_event_placed_nowhere(
    event_extractor: EventExtractor, text: str, country: str
) -> None:
    # The target's country, not the attacker's ("Israeli jets").
    (event,) = coded(event_extractor, text, None)
    assert (event.location, event.geo_precision) == (country, 3)


def test_the_unnamed_taker_of_a_regained_town_is_the_countrys_military(
    event_extractor: EventExtractor,
) -> None:
    # ACLED's "Government regains territory" is the state's by definition.
    (event,) = coded(event_extractor, "The town of Tal Afar was liberated on Monday.", "2020-03-02")
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == "Military Forces of Iraq (2018-2020)"
    assert event.inter1 == 1


def test_the_unnamed_taker_of_an_overtaken_town_stays_unnamed(
    event_extractor: EventExtractor,
) -> None:
    text = "Militants overran the town of Tal Afar on Monday."
    (event,) = coded(event_extractor, text, "2020-03-02")
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.actor1 is not None and event.actor1.startswith("Unidentified")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        (
            "Russian warplanes struck Maarat al-Numan on Monday, killing five civilians.",
            "Maarrat an Numan",
        ),
        ("Jets struck Khan Sheikhoun on Monday.", "Khan Shaykhun"),
        ("Shells hit Tal Tamr on Monday.", "Tall Tamr"),
    ],
)
def test_a_town_struck_or_hit_is_looked_up_in_any_spelling(
    event_extractor: EventExtractor, text: str, town: str
) -> None:
    # The scan knows a name only as the gazetteer spells it; after "struck"/"hit", as after
    # "in" or "shelled", a theatre name is looked up by its loose key.
    (event,) = coded(event_extractor, text, "2019-12-02")
    assert event.location == town


def test_a_group_struck_is_still_no_place(event_extractor: EventExtractor) -> None:
    text = "US jets struck Kataib Hezbollah positions near al-Qaim on Monday."
    (event,) = coded(event_extractor, text, "2019-12-02")
    assert (event.location, event.actor2) == ("Al Qaim", "Kataib Hezbollah")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        (
            "Two children were wounded by shelling by regime forces on Kafranbel on Monday.",
            "Kafranbel",
        ),
        (
            "Four civilians were killed in an air strike by the Assad regime on Ariha on Monday.",
            "Ariha",
        ),
        (
            "Four civilians were killed in air strikes of the Syrian regime on Ariha on Monday.",
            "Ariha",
        ),
    ],
)
def test_what_shelling_fell_on_is_no_person(
    event_extractor: EventExtractor, text: str, town: str
) -> None:
    # The tagger reads the town as a PERSON here; shelling and strikes fall "on" places, not
    # people, however many phrases stand between ("by the Assad regime").
    (event,) = coded(event_extractor, text, "2019-12-02")
    assert event.location == town


@pytest.mark.parametrize(
    "text",
    [
        "The US military said it conducted a strike in eastern Syria on Tuesday that killed a "
        "senior ISIS leader.",
        "US forces carried out a precision strike near Hajin on Tuesday.",
    ],
)
def test_a_strike_a_military_conducts_is_an_air_strike(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text, "2023-05-17")
    assert (event.sub_event_type, event.actor1) == (
        "Air/drone strike",
        "Military Forces of the United States",
    )


def test_a_labour_strike_carried_out_is_no_air_strike(event_extractor: EventExtractor) -> None:
    text = "The dockers' union carried out a strike at the port of Umm Qasr on Tuesday."
    assert all(e.sub_event_type != "Air/drone strike" for e in coded(event_extractor, text))


def test_who_advanced_after_days_of_fighting_fought(event_extractor: EventExtractor) -> None:
    # "after days of fighting with rebels" tells the subject's own fight, not something it
    # answered ("the army retaliated after rockets hit Kilis").
    text = (
        "Syrian government forces advanced into the town of Saraqib on Tuesday after days of "
        "fighting with rebels."
    )
    (event,) = coded(event_extractor, text, "2020-02-26")
    assert (event.actor1, event.actor2) == (
        "Military Forces of Syria (2000-2024)",
        "Opposition Rebels (Syria)",
    )


def test_an_interceptor_that_tells_its_interception_made_it(
    event_extractor: EventExtractor,
) -> None:
    # The teller intercepted (its own act); whose drone it was is the target; the city the
    # drone flew towards is no person, whatever the tagger says.
    text = (
        "The Saudi-led coalition said it intercepted and destroyed an explosive-laden drone "
        "launched by the Houthis towards Khamis Mushait on Thursday."
    )
    (event,) = coded(event_extractor, text, "2023-05-19")
    assert event.sub_event_type == "Disrupted weapons use"
    assert (event.actor1, event.actor2) == ("Military Forces of Saudi Arabia (2015-)", HOUTHI)
    assert event.location == "Khamis Mushait"


@pytest.mark.parametrize(
    ("text", "town", "admin1"),
    [
        (
            "A bomb exploded in Idlib's Jisr al-Shughur on Saturday, killing two.",
            "Jisr ash Shughur",
            "Idlib",
        ),
        (
            "A bomb exploded in Deir ez-Zor's al-Busaira on Saturday, killing two.",
            "Al Busayrah",
            "Deir ez-Zor",
        ),
        (
            "A bomb exploded in Baghdad's Sadr City on Saturday, killing two.",
            "Sadr City",
            "Baghdad",
        ),
    ],
)
def test_a_place_a_towns_possessive_names_is_the_place(
    event_extractor: EventExtractor, text: str, town: str, admin1: str
) -> None:
    # The possessor only says where the place lies: it loses to it, and its possessive leads
    # to the name as "in" does (looked up in any spelling, whatever the tagger calls it).
    (event,) = coded(event_extractor, text, "2023-05-21")
    assert (event.location, event.admin1) == (town, admin1)


def test_a_towns_possessive_keeps_a_namesake_abroad_out(event_extractor: EventExtractor) -> None:
    # "Hayyaniyah" is known only as a village of Aleppo: Basra's is another, which places the
    # event at Basra, not at a second event in Syria.
    text = "A bomb exploded in Basra's Hayyaniyah district on Saturday, killing two."
    events = coded(event_extractor, text, "2023-05-21")
    assert {e.admin1 for e in events} == {"Basra"}


@pytest.mark.parametrize(
    "who", ["Iran-aligned groups", "Iran-linked fighters", "Tehran-backed factions"]
)
def test_every_wording_of_irans_militias_is_militia_pro_iran(
    event_extractor: EventExtractor, who: str
) -> None:
    text = f"{who} shelled the Ain al-Asad air base on Tuesday, a US official said."
    (event,) = coded(event_extractor, text, "2023-05-24")
    assert event.actor1 == "Militia (Pro-Iran)"


@pytest.mark.parametrize(
    ("tail", "dead"),
    [
        ("killing him and two companions", 3),
        ("killing him and two of his guards", 3),
        ("killing him and wounding his son", 1),
        ("killing him", 1),
    ],
)
def test_killing_him_and_others_counts_them_all(
    event_extractor: EventExtractor, tail: str, dead: int
) -> None:
    text = (
        f"A drone struck the car of a Kataib Hezbollah commander in Baghdad on Wednesday, {tail}."
    )
    (event,) = coded(event_extractor, text, "2023-05-25")
    assert event.fatalities == dead


@pytest.mark.parametrize(
    ("means", "state", "military"),
    [
        ("Warplanes believed to be", "Russian", "Military Forces of Russia (2000-)"),
        ("Drones thought to be", "Turkish", "Military Forces of Turkey (2016-)"),
    ],
)
def test_means_believed_to_be_a_states_are_its_forces_alleged(
    event_extractor: EventExtractor, means: str, state: str, military: str
) -> None:
    text = f"{means} {state} struck a car near Qamishli on Monday, killing two SDF fighters."
    (event,) = coded(event_extractor, text, "2023-05-23")
    assert (event.actor1, event.stance) == (military, "alleged")


@pytest.mark.parametrize(
    "text",
    [
        "The US Central Command said its forces shot down four Houthi drones over Marib on Friday.",
        "Two rockets were intercepted over Erbil on Friday.",
    ],
)
def test_a_weapon_shot_down_or_intercepted_is_a_disruption(
    event_extractor: EventExtractor, text: str
) -> None:
    (event,) = coded(event_extractor, text, "2023-12-16")
    assert event.sub_event_type == "Disrupted weapons use"


@pytest.mark.parametrize("where", ["the centre of al-Bab", "the heart of al-Bab"])
def test_the_centre_of_a_town_is_the_town(event_extractor: EventExtractor, where: str) -> None:
    text = f"A bomb planted on a motorbike exploded in {where} on Friday, killing five civilians."
    (event,) = coded(event_extractor, text, "2023-12-16")
    assert event.location == "Al Bab"


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        (
            "At least seven people were killed on Sunday when a suicide bomber blew himself up "
            "at a checkpoint in Kirkuk, police said.",
            7,
        ),
        ("A suicide bomber blew himself up at a checkpoint in Kirkuk on Sunday, wounding two.", 1),
    ],
)
def test_a_toll_told_before_the_bombers_own_death_is_kept(
    event_extractor: EventExtractor, text: str, dead: int
) -> None:
    (event,) = coded(event_extractor, text, "2023-06-05")
    assert event.fatalities == dead


def test_a_father_and_his_sons_executed_are_counted(event_extractor: EventExtractor) -> None:
    text = (
        "Armed men stormed a house in al-Shuhail on Sunday and executed a father and his two sons."
    )
    (event,) = coded(event_extractor, text, "2023-06-05")
    assert event.fatalities == 3


def test_a_thwarted_infiltration_is_a_clash(event_extractor: EventExtractor) -> None:
    text = (
        "Al-Hashd al-Shaabi forces thwarted an infiltration attempt by Daesh terrorists in the "
        "Tarmiyah desert on Monday, killing three of them."
    )
    (event,) = coded(event_extractor, text, "2023-06-13")
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 3)


def test_a_foiled_plot_is_no_clash(event_extractor: EventExtractor) -> None:
    text = "Iraqi intelligence foiled a terrorist attack planned for Baghdad on Monday."
    assert all(
        e.sub_event_type != "Armed clash" for e in coded(event_extractor, text, "2023-06-13")
    )


@pytest.mark.parametrize(
    ("text", "town", "dead"),
    [
        ("#Iraq: Drone strike targets a PMF vehicle near al-Qaim. 2 killed.", "Al Qaim", 2),
        (
            "Syria: Turkish drone hits SDF checkpoint in Qamishli countryside, 3 dead.",
            "Al Qamishli",
            3,
        ),
    ],
)
def test_a_flash_in_the_headline_present_is_a_report(
    event_extractor: EventExtractor, text: str, town: str, dead: int
) -> None:
    # Wire flashes and Telegram posts tell the happening in the present of a headline, with a
    # full stop; one thing is the subject ("drone hits"), not a class.
    (event,) = coded(event_extractor, text, "2023-06-13")
    assert (event.sub_event_type, event.location, event.fatalities) == (
        "Air/drone strike",
        town,
        dead,
    )


@pytest.mark.parametrize(
    "text",
    [
        "The PMF controls the border crossing at al-Qaim.",
        "The coalition bombs ISIS targets in Syria every week.",
        "Iran arms the militias that attack US bases in Iraq.",
    ],
)
def test_a_brief_in_the_present_of_a_state_or_habit_is_no_report(
    event_extractor: EventExtractor, text: str
) -> None:
    assert coded(event_extractor, text, "2023-06-13") == []


def test_the_badia_is_the_syrian_desert(event_extractor: EventExtractor) -> None:
    text = "BREAKING: ISIS attack on army post in Badia, 5 soldiers killed."
    (event,) = coded(event_extractor, text, "2023-06-13")
    assert (event.location, event.country, event.geo_precision) == ("Syrian Badia", "Syria", 2)
