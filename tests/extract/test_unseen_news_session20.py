"""Issue 13, session 20: phenomena of wire and monitor reporting that orbat got wrong: a state
that strikes named as the state ("Israel struck …", "Turkey bombed …"), a teller's own forces,
whose forces "pro-government" and "loyalist" forces are, a gendarmerie, and a group's name
spelled like a village.
One phenomenon per test.

Every sentence is written for the test, never copied from the gold.
"""

from __future__ import annotations

import pytest

from coded_events import coded
from orbat.extract.events import EventExtractor

pytestmark = pytest.mark.issue(13)

AIR_STRIKE = "Air/drone strike"
ISRAEL = "Military Forces of Israel (2009-2021)"


@pytest.mark.parametrize(
    ("text", "actor1", "town"),
    [
        ("Israel struck Hezbollah targets near Quneitra on Saturday.", ISRAEL, "Quneitra"),
        ("Israel bombed Iranian targets near Damascus on Saturday.", ISRAEL, "Damascus"),
        ("Israel hit Iranian targets near Damascus on Saturday.", ISRAEL, "Damascus"),
        (
            "The United States struck Kataib Hezbollah facilities in al-Qaim on Sunday.",
            "Military Forces of the United States",
            "Al Qaim",
        ),
        (
            "Turkey struck PKK targets in Sinjar on Monday.",
            "Military Forces of Turkey (2016-)",
            "Sinjar",
        ),
        (
            "The Israel Defense Forces said it struck Hezbollah targets near Quneitra on Saturday.",
            ISRAEL,
            "Quneitra",
        ),
    ],
)
def test_a_state_that_strikes_strikes_from_the_air(
    event_extractor: EventExtractor, text: str, actor1: str, town: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor1, event.location) == (AIR_STRIKE, actor1, town)


def test_a_state_that_strikes_with_missiles_fires_missiles(
    event_extractor: EventExtractor,
) -> None:
    # The limit: a weapon named beside the verb decides, as before.
    (event,) = coded(
        event_extractor, "Iran struck targets in Erbil with ballistic missiles on Monday."
    )
    assert event.sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    "text",
    [
        "Iraq struck a deal with Turkey on water sharing on Monday.",
        "Israeli forces hit a Palestinian protester with a rubber bullet in Hebron on Friday.",
    ],
)
def test_a_deal_struck_or_a_protester_hit_is_no_air_strike(
    event_extractor: EventExtractor, text: str
) -> None:
    assert AIR_STRIKE not in {e.sub_event_type for e in coded(event_extractor, text)}


def test_a_teller_that_speaks_of_its_own_forces_is_a_party(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Iraq's Counter-Terrorism Service said its forces killed an Islamic State leader in a "
        "raid in the Hamrin mountains on Sunday."
    )
    (event,) = coded(event_extractor, text)
    assert (event.sub_event_type, event.actor2, event.fatalities) == (
        "Armed clash",
        "Islamic State (Iraq)",
        1,
    )
    assert event.actor1.startswith("Military Forces of Iraq")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Pro-government forces clashed with Houthi rebels in the Hodeidah countryside on "
            "Tuesday, leaving 12 dead.",
            "Military Forces of Yemen",
        ),
        (
            "Pro-government forces shelled rebel positions in Kafr Nabl on Tuesday.",
            "Military Forces of Syria",
        ),
        ("Loyalist troops shelled the town of Ariha on Monday.", "Military Forces of Syria"),
    ],
)
def test_pro_government_forces_are_the_event_country_s(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1.startswith(actor1)


def test_a_gendarmerie_is_the_state_s_police(event_extractor: EventExtractor) -> None:
    text = "Gendarmerie forces killed three PKK militants in a clash in Sirnak on Monday."
    (event,) = coded(event_extractor, text)
    assert (event.actor1, event.actor2) == (
        "Police Forces of Turkey (2016-)",
        "PKK: Kurdistan Workers Party",
    )


def test_a_group_s_name_spelled_like_a_village_places_nothing(
    event_extractor: EventExtractor,
) -> None:
    # "Hamas" is one letter from the Syrian village Hamis (and the city Hama).
    (event,) = coded(event_extractor, "The IDF said it hit a Hamas cell in Khan Younis on Monday.")
    assert (event.location, event.actor2) == ("Khan Yunis", "Hamas Movement")


def test_a_literal_group_name_is_not_a_near_spelling_of_a_city(
    event_extractor: EventExtractor,
) -> None:
    text = "On Monday the Syrian army killed scores of terrorists in the north of Hama province."
    (event,) = coded(event_extractor, text)
    assert (event.admin1, event.actor2) == ("Hama", None)


def test_a_border_crossing_of_a_town_names_the_town(event_extractor: EventExtractor) -> None:
    # The tagger reads the town as a person's name; "the crossing of" says it is a place.
    text = (
        "An Israeli drone strike hit a car near the Syrian-Lebanese border crossing of "
        "Jdeidet Yabous on Tuesday, killing two Hezbollah members."
    )
    (event,) = coded(event_extractor, text)
    assert (event.admin1, event.actor2, event.fatalities) == ("Rif Dimashq", "Hezbollah", 2)


def test_the_district_of_a_city_is_the_city_s_not_a_namesake_s(village_gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The imported villages hold a Hayyaniyeh in Aleppo; "the … district of Basra" is Basra's.
    extractor = EventExtractor(gazetteer=village_gazetteer.gazetteer)
    text = (
        "Clashes broke out between security forces and gunmen from a local tribe in the "
        "Hayyaniyah district of Basra on Monday."
    )
    (event,) = coded(extractor, text)
    assert (event.admin1, event.country) == ("Basra", "Iraq")


def test_the_badia_of_a_town_is_placed_by_the_town(event_extractor: EventExtractor) -> None:
    # One event, at the town that owns that stretch of the desert, not a second at the Badia.
    text = "A landmine exploded and killed a shepherd in the Badia of al-Mayadin on Friday."
    (event,) = coded(event_extractor, text)
    assert (event.location, event.admin1) == ("Al Mayadin", "Deir ez-Zor")


def test_a_follow_up_that_names_a_quarter_of_the_city_places_the_event_there(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "A car bomb exploded in Baghdad on Wednesday, killing five people. The explosion hit a "
        "crowded market in Sadr City."
    )
    events = coded(event_extractor, text)
    assert {(e.location, e.admin1) for e in events} == {("Sadr City", "Baghdad")}


def test_a_follow_up_far_from_the_city_keeps_the_city(event_extractor: EventExtractor) -> None:
    # The limit: a place of the province that is no quarter of the city is no finer place
    # of the same happening; the follow-up stays the city's.
    text = (
        "A car bomb exploded in Baghdad on Wednesday, killing five people. The explosion was "
        "heard in Tarmiyah."
    )
    assert "Tarmiyah" not in {e.location for e in coded(event_extractor, text)}


def test_a_time_clause_after_the_report_does_not_govern_it(
    event_extractor: EventExtractor,
) -> None:
    # The parser hangs the report on "vowed" of the clause after it; a pledge there makes
    # nothing before it hypothetical.
    text = (
        "A drone strike on a car in eastern Baghdad on Wednesday killed a senior commander of "
        "Kataib Hezbollah, two security sources said, days after the United States vowed to "
        "retaliate for the killing of three American soldiers in Jordan."
    )
    (event,) = coded(event_extractor, text, "2024-02-07")
    assert (event.sub_event_type, event.location, event.actor2) == (
        AIR_STRIKE,
        "Baghdad",
        "Kataib Hezbollah",
    )


def test_a_capital_that_acts_is_its_state_not_the_place(event_extractor: EventExtractor) -> None:
    # A day's strikes across two countries, told by who launched them, are no event in
    # Washington.
    text = (
        "Washington launched strikes on more than 85 targets in Iraq and Syria on Friday, "
        "killing nearly 40 people."
    )
    assert "Washington" not in {e.location for e in coded(event_extractor, text, "2024-02-07")}


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Rockets fired by Turkey hit the village of Tal Rifaat on Monday, killing two "
            "civilians.",
            "Military Forces of Turkey (2016-)",
        ),
        ("Missiles launched by Iran struck Erbil on Sunday.", "Military Forces of Iran (1989-)"),
        ("An airstrike by Israel killed three people near Damascus on Monday.", ISRAEL),
    ],
)
def test_a_state_by_which_the_act_was_done_is_its_military(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1
    assert event.location not in ("Turkey", "Iran", "Israel")


def test_a_country_s_possessive_that_owns_a_place_places_the_event(
    event_extractor: EventExtractor,
) -> None:
    # "Iran's Revolutionary Guard" names an actor; "Iran's Khoda Afarin county" a place in
    # Iran (whose county the gazetteer lacks), not the country that fired.
    text = (
        "Grad missiles fired by Azerbaijan hit a village in Iran's Khoda Afarin county on "
        "Thursday, injuring a child."
    )
    (event,) = coded(event_extractor, text)
    assert (event.actor1, event.country) == ("Military Forces of Azerbaijan", "Iran")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Kurdish rebels attacked a military outpost in Hakkari province on Monday, killing "
            "two soldiers.",
            "PKK: Kurdistan Workers Party",
        ),
        (
            "Kurdish militants clashed with Turkish troops in northern Iraq's Zap region on "
            "Sunday.",
            "PKK: Kurdistan Workers Party",
        ),
        (
            "The rebels attacked an army post in Hakkari province on Monday.",
            "PKK: Kurdistan Workers Party",
        ),
        (
            "Rebels shelled a residential neighbourhood in Taiz on Tuesday, killing a child.",
            "Military Forces of Yemen (2017-) Houthi",
        ),
    ],
)
def test_unnamed_rebels_are_the_country_s_insurgency(
    event_extractor: EventExtractor, text: str, actor1: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.actor1 == actor1


def test_rebels_in_a_story_of_no_known_insurgency_stay_unnamed(
    event_extractor: EventExtractor,
) -> None:
    (event,) = coded(event_extractor, "Rebels attacked an army post in Kirkuk on Monday.")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


@pytest.mark.parametrize(
    ("text", "tribal"),
    [
        (
            "Clashes erupted between the SDF and tribal fighters in the town of Dhiban in Deir "
            "ez-Zor province on Monday.",
            "Tribal Militia (Syria)",
        ),
        (
            "Armed tribesmen clashed with police in Basra's Qurna district on Sunday, killing "
            "two policemen.",
            "Tribal Militia (Iraq)",
        ),
    ],
)
def test_tribesmen_no_report_names_are_the_country_s_tribal_militia(
    event_extractor: EventExtractor, text: str, tribal: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert tribal in (event.actor1, event.actor2)


@pytest.mark.parametrize(
    ("text", "sea"),
    [
        (
            "The Houthis fired two anti-ship ballistic missiles at a Greek-owned tanker in the "
            "Red Sea on Monday, CENTCOM said.",
            "Red Sea",
        ),
        (
            "A missile attack by the Houthis on a bulk carrier in the Gulf of Aden killed three "
            "crew members on Wednesday.",
            "Gulf of Aden",
        ),
    ],
)
def test_an_attack_at_sea_is_placed_at_the_sea_not_a_port_city(
    event_extractor: EventExtractor, text: str, sea: str
) -> None:
    (event,) = coded(event_extractor, text, "2024-03-07")
    assert (event.location, event.country, event.geo_precision) == (sea, "Yemen", 2)
    assert event.actor1 == "Military Forces of Yemen (2017-) Houthi"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Turkish jets struck PKK targets in Sinjar on Sunday. The attack came a day after "
            "PKK fighters killed two Turkish soldiers in Hakkari.",
            "2020-03-07",
        ),
        (
            "Rockets hit the Green Zone on Monday. Two days after the attack, gunmen killed a "
            "policeman in Baquba.",
            "2020-03-11",
        ),
    ],
)
def test_an_act_dated_a_number_of_days_from_another_is_dated_so(
    event_extractor: EventExtractor, text: str, day: str
) -> None:
    # The first sentence's day is the paragraph's; the second's own act is counted from it
    # ("came a day after [the killing]": the day before; "Two days after the attack, [the
    # killing]": two days after).
    events = coded(event_extractor, text, "2020-03-11")
    (second,) = [e for e in events if e.location in ("Hakkari", "Baqubah")]
    assert second.event_date.isoformat() == day


def test_an_airstrike_on_a_town_places_it_and_a_family_of_five_is_five(
    event_extractor: EventExtractor,
) -> None:
    text = "An airstrike on Maarat al-Numan killed a family of five on Tuesday."
    (event,) = coded(event_extractor, text)
    assert (event.location, event.admin1, event.fatalities) == ("Maarrat an Numan", "Idlib", 5)


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("ISIS claimed an attack on an SDF checkpoint near al-Shuhayl on Monday.", "claimed"),
        (
            "The Islamic Resistance in Iraq claimed a drone attack on US forces at al-Tanf "
            "Garrison on Monday.",
            "claimed",
        ),
        ("A car bomb claimed the lives of five people in Azaz on Monday.", "asserted"),
    ],
)
def test_a_claim_of_responsibility_is_kept_as_a_claim_and_a_toll_is_no_claim(
    event_extractor: EventExtractor, text: str, stance: str
) -> None:
    (event,) = coded(event_extractor, text)
    assert event.stance == stance


@pytest.mark.parametrize(
    ("text", "site", "admin1"),
    [
        (
            "Iranian-backed militants conducted a one-way drone attack targeting US forces at "
            "Rumalyn Landing Zone on Thursday.",
            "Rmelan",
            "Al-Hasakah",
        ),
        (
            "Militants fired rockets at US forces at Mission Support Site Euphrates on Monday.",
            "Conoco gas field",
            "Deir ez-Zor",
        ),
    ],
)
def test_the_us_bases_named_as_the_us_military_names_them(
    event_extractor: EventExtractor, text: str, site: str, admin1: str
) -> None:
    (event,) = coded(event_extractor, text, "2024-02-02")
    assert (event.location, event.admin1) == (site, admin1)


def test_what_a_relative_clause_tells_of_a_party_yields_to_the_main_act(
    event_extractor: EventExtractor,
) -> None:
    text = (
        "Iraqi intelligence arrested a cell that launched rockets at Erbil airport, the "
        "Kurdistan Region Security Council said on Monday."
    )
    (event,) = coded(event_extractor, text)
    assert event.sub_event_type == "Arrests"


def test_an_act_told_only_in_a_relative_clause_is_still_the_event(
    event_extractor: EventExtractor,
) -> None:
    # The limit: with no main act beside it, the clause's act counts in full.
    text = "The soldier who was killed in the blast near Tarmiyah on Monday was buried in Baquba."
    assert "Remote explosive/landmine/IED" in {
        e.sub_event_type for e in coded(event_extractor, text)
    }


def test_a_nationality_before_town_of_is_no_unlisted_village(
    event_extractor: EventExtractor,
) -> None:
    text = "Mortar shells fired from Lebanon landed in the Israeli town of Metula on Monday."
    assert {e.location for e in coded(event_extractor, text, "2021-06-01")} == {"Metula"}


def test_what_an_accusation_says_is_no_part_of_its_accuser() -> None:
    # The parser hangs "of killing protesters" on "rights groups": the protesters are what
    # the accusation is about, not who accuses.
    from orbat.extract.events import ArticleView
    from orbat.extract.statements import StatementExtractor

    text = "Asaib Ahl al-Haq has been accused by rights groups of killing protesters in Baghdad."
    result = StatementExtractor().extract(ArticleView(1, text, None))
    (claim,) = [s for s in result.statements if s.predicate == "accused"]
    assert (claim.subject_id, claim.object_id) == (None, "asaib-ahl-al-haq")


@pytest.mark.parametrize(
    ("text", "sub_event_type", "town"),
    [
        (
            "⚡️ Israeli strikes on Hezbollah positions near al-Qusayr, Homs countryside. "
            "Secondary explosions seen. #Syria",
            AIR_STRIKE,
            "Al Qusayr",
        ),
        (
            "Clashes between SNA factions and #SDF on the Manbij front overnight. 3 SNA "
            "fighters killed.",
            "Armed clash",
            "Manbij",
        ),
        (
            "🔴 BREAKING: Explosion rocks Kataib Hezbollah HQ in Jurf al-Nasr, casualties "
            "reported. #Iraq",
            "Remote explosive/landmine/IED",
            "Jurf al-Sakhar",
        ),
    ],
)
def test_a_flash_that_names_its_act_without_a_verb_is_a_report(
    event_extractor: EventExtractor, text: str, sub_event_type: str, town: str
) -> None:
    events = coded(event_extractor, text, "2023-05-10")
    assert {(e.sub_event_type, e.location) for e in events} == {(sub_event_type, town)}


def test_a_verbless_caption_of_no_act_is_no_report(event_extractor: EventExtractor) -> None:
    # The limit: the noun must be the act's ("A view of Kafranbel" names none).
    assert coded(event_extractor, "A view of the town of Kafranbel from the west. #Syria") == []


def test_a_flash_s_closing_credit_is_no_place(event_extractor: EventExtractor) -> None:
    text = "URGENT | Drone attack targets Erbil airport, no injuries – Kurdistan CTD"
    events = coded(event_extractor, text, "2023-05-10")
    assert [e.location for e in events] == ["Erbil International Airport"]


def test_a_flash_s_place_after_a_dash_is_where(event_extractor: EventExtractor) -> None:
    (event,) = coded(
        event_extractor, "Turkish drone strike on a car, 2 killed – Qamishli", "2023-05-10"
    )
    assert (event.admin1, event.fatalities) == ("Al-Hasakah", 2)


def test_jaish_al_adl_is_a_group_the_pack_knows(event_extractor: EventExtractor) -> None:
    text = (
        "Terrorists affiliated with the Jaish al-Adl group attacked a police station in Rask, "
        "Sistan and Baluchestan province, killing 11 police officers."
    )
    (event,) = coded(event_extractor, text, "2024-06-26")
    assert (event.actor1, event.actor2, event.fatalities) == (
        "Jaish al Adl",
        "Police Forces of Iran (1989-)",
        11,
    )


def test_an_attack_in_the_arabian_sea_is_placed_there(event_extractor: EventExtractor) -> None:
    text = (
        "Yemen's Armed Forces targeted the Israeli-linked ship MSC Sarah V in the Arabian Sea "
        "with a ballistic missile, military spokesman Yahya Saree said on Monday."
    )
    (event,) = coded(event_extractor, text, "2024-06-26")
    assert (event.location, event.actor1) == (
        "Arabian Sea",
        "Military Forces of Yemen (2017-) Houthi",
    )


def test_members_of_a_force_killed_in_an_attack_fought_it(event_extractor: EventExtractor) -> None:
    # A teller closing the sentence had left "killed … in an IS attack" too weak to count.
    text = (
        "Two members of the Hashd al-Shaabi were killed in an IS attack near Khanaqin on "
        "Monday, the PMF said in a statement."
    )
    (event,) = coded(event_extractor, text, "2024-03-05")
    assert (event.sub_event_type, event.actor1, event.fatalities) == (
        "Armed clash",
        "Islamic State (Iraq)",
        2,
    )
