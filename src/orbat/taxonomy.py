"""ACLED's event taxonomy as data: event and sub-event types, precedence, inter codes, interaction.

The strings are ACLED's exact column values (codebook, Table 2), so events coded here line
up with ACLED exports without a translation table. The order of :data:`SUB_EVENT_TYPES` is
ACLED's hierarchical precedence: when one report fits several sub-event types, the one that
comes first wins (an airstrike during a ground battle is one Battles event; shelling alongside
an airstrike is an Air/drone strike; a civilian abducted and then killed is an Attack).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

__all__ = [
    "BATTLES",
    "DEMONSTRATIONS",
    "DISORDER_TYPES",
    "EVENT_TYPES",
    "EXPLOSIONS",
    "POLITICAL_VIOLENCE",
    "PROTESTS",
    "RIOTS",
    "STRATEGIC",
    "STRATEGIC_DEVELOPMENTS",
    "SUB_EVENT_TYPES",
    "VIOLENCE_AGAINST_CIVILIANS",
    "Inter",
    "SubEventType",
    "civilian_targeting",
    "interaction",
    "interaction_label",
    "precedence",
    "resolve_precedence",
    "sub_event_type",
]

# Disorder types (codebook, Table 2, right column).
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
# Excessive force against protesters is both: organised violence against a demonstration.
_PV_AND_DEMO = "Political violence; Demonstrations"
DISORDER_TYPES: tuple[str, ...] = (
    POLITICAL_VIOLENCE,
    DEMONSTRATIONS,
    STRATEGIC_DEVELOPMENTS,
    _PV_AND_DEMO,
)

# Event types, in precedence order.
BATTLES = "Battles"
PROTESTS = "Protests"
RIOTS = "Riots"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
STRATEGIC = "Strategic developments"
EVENT_TYPES: tuple[str, ...] = (
    BATTLES,
    PROTESTS,
    RIOTS,
    EXPLOSIONS,
    VIOLENCE_AGAINST_CIVILIANS,
    STRATEGIC,
)


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One ACLED sub-event type.

    Attributes:
        name: ACLED's exact ``sub_event_type`` string.
        event_type: ACLED's ``event_type`` it belongs to.
        disorder_type: ACLED's ``disorder_type`` for it.
        key: a short, stable identifier (used in lexicons and the CASE 2021 mapping).
        rank: position in ACLED's precedence order, 0 = highest.
    """

    name: str
    event_type: str
    disorder_type: str
    key: str
    rank: int


def _table() -> tuple[SubEventType, ...]:
    rows = (
        ("Government regains territory", BATTLES, POLITICAL_VIOLENCE, "gov_regains_territory"),
        ("Non-state actor overtakes territory", BATTLES, POLITICAL_VIOLENCE, "nsa_overtakes"),
        ("Armed clash", BATTLES, POLITICAL_VIOLENCE, "armed_clash"),
        ("Excessive force against protesters", PROTESTS, _PV_AND_DEMO, "excessive_force"),
        ("Protest with intervention", PROTESTS, DEMONSTRATIONS, "protest_with_intervention"),
        ("Peaceful protest", PROTESTS, DEMONSTRATIONS, "peaceful_protest"),
        ("Violent demonstration", RIOTS, DEMONSTRATIONS, "violent_demonstration"),
        ("Mob violence", RIOTS, POLITICAL_VIOLENCE, "mob_violence"),
        ("Chemical weapon", EXPLOSIONS, POLITICAL_VIOLENCE, "chemical_weapon"),
        ("Air/drone strike", EXPLOSIONS, POLITICAL_VIOLENCE, "air_strike"),
        ("Suicide bomb", EXPLOSIONS, POLITICAL_VIOLENCE, "suicide_bomb"),
        ("Shelling/artillery/missile attack", EXPLOSIONS, POLITICAL_VIOLENCE, "shelling"),
        ("Remote explosive/landmine/IED", EXPLOSIONS, POLITICAL_VIOLENCE, "remote_explosive"),
        ("Grenade", EXPLOSIONS, POLITICAL_VIOLENCE, "grenade"),
        ("Sexual violence", VIOLENCE_AGAINST_CIVILIANS, POLITICAL_VIOLENCE, "sexual_violence"),
        ("Attack", VIOLENCE_AGAINST_CIVILIANS, POLITICAL_VIOLENCE, "attack"),
        (
            "Abduction/forced disappearance",
            VIOLENCE_AGAINST_CIVILIANS,
            POLITICAL_VIOLENCE,
            "abduction",
        ),
        ("Agreement", STRATEGIC, STRATEGIC_DEVELOPMENTS, "agreement"),
        ("Arrests", STRATEGIC, STRATEGIC_DEVELOPMENTS, "arrests"),
        ("Change to group/activity", STRATEGIC, STRATEGIC_DEVELOPMENTS, "change_to_group"),
        ("Disrupted weapons use", STRATEGIC, STRATEGIC_DEVELOPMENTS, "disrupted_weapons"),
        ("Headquarters or base established", STRATEGIC, STRATEGIC_DEVELOPMENTS, "hq_established"),
        ("Looting/property destruction", STRATEGIC, STRATEGIC_DEVELOPMENTS, "looting"),
        (
            "Non-violent transfer of territory",
            STRATEGIC,
            STRATEGIC_DEVELOPMENTS,
            "nonviolent_transfer",
        ),
        ("Other", STRATEGIC, STRATEGIC_DEVELOPMENTS, "other"),
    )
    return tuple(
        SubEventType(name, event, disorder, key, rank)
        for rank, (name, event, disorder, key) in enumerate(rows)
    )


#: The 25 sub-event types, in ACLED's precedence order.
SUB_EVENT_TYPES: tuple[SubEventType, ...] = _table()
_BY_NAME = {s.name: s for s in SUB_EVENT_TYPES}
_BY_KEY = {s.key: s for s in SUB_EVENT_TYPES}


def sub_event_type(name_or_key: str) -> SubEventType:
    """The sub-event type called ``name_or_key`` (ACLED string or short key); KeyError if none."""
    found = _BY_NAME.get(name_or_key) or _BY_KEY.get(name_or_key)
    if found is None:
        raise KeyError(f"unknown ACLED sub-event type {name_or_key!r}")
    return found


def precedence(name_or_key: str) -> int:
    """Rank of a sub-event type in ACLED's precedence order (0 wins over everything)."""
    return sub_event_type(name_or_key).rank


def resolve_precedence(candidates: list[str] | tuple[str, ...]) -> str | None:
    """The sub-event type ACLED codes when one report fits all of ``candidates`` (names/keys).

    This is the codebook's plain hierarchy. It applies to one event (same actors, day and
    place); two distinct events in one article are two events and must not be merged here.
    """
    if not candidates:
        return None
    return min((sub_event_type(c) for c in candidates), key=lambda s: s.rank).name


class Inter(IntEnum):
    """ACLED's actor-type codes (``inter1``/``inter2``), numbered as in the older exports."""

    STATE_FORCES = 1
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8

    @property
    def label(self) -> str:
        """The text value the current codebook uses (``State forces``, ``Rebel group``...)."""
        return _INTER_LABELS[self]


_INTER_LABELS = {
    Inter.STATE_FORCES: "State forces",
    Inter.REBEL_GROUP: "Rebel group",
    Inter.POLITICAL_MILITIA: "Political militia",
    Inter.IDENTITY_MILITIA: "Identity militia",
    Inter.RIOTERS: "Rioters",
    Inter.PROTESTERS: "Protesters",
    Inter.CIVILIANS: "Civilians",
    Inter.EXTERNAL_OTHER: "External/Other forces",
}


def interaction(inter1: int | None, inter2: int | None = None) -> int:
    """ACLED's numeric ``interaction``: the two inter codes, lower digit first.

    It does not depend on which actor is actor1 (``interaction(7, 3) == 37``). A one-sided
    event (no actor2, e.g. a peaceful protest) gets the inter code followed by 0 (``60``).
    """
    codes = sorted(int(Inter(c)) for c in (inter1, inter2) if c is not None)
    if not codes:
        raise ValueError("interaction needs at least one inter code")
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def interaction_label(inter1: int | None, inter2: int | None = None) -> str:
    """The current codebook's text ``interaction`` (``State forces-Political militia``)."""
    code = interaction(inter1, inter2)
    first, second = divmod(code, 10)
    if second == 0:
        return f"{Inter(first).label} only"
    return f"{Inter(first).label}-{Inter(second).label}"


def civilian_targeting(sub_event: str, inter1: int | None = None, inter2: int | None = None) -> str:
    """ACLED's ``civilian_targeting`` value: ``"Civilian targeting"`` or ``""``.

    Rules (ACLED 2023 column guide; the anti-civilian-violence extract):
    1. Violence against civilians events always target civilians.
    2. Excessive force against protesters targets unarmed protesters: flagged.
    3. Explosions/Remote violence and Riots events are flagged when civilians are an actor
       (their targets: ACLED records civilian victims as actor2 with inter 7).
    4. Nothing else is (battles count civilians in fatalities, not as a target).
    """
    sub = sub_event_type(sub_event)
    if sub.event_type == VIOLENCE_AGAINST_CIVILIANS or sub.key == "excessive_force":
        return "Civilian targeting"
    if sub.event_type in (EXPLOSIONS, RIOTS) and Inter.CIVILIANS in (inter1, inter2):
        return "Civilian targeting"
    return ""
