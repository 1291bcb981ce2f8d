"""ACLED taxonomy data: types, precedence, inter codes, interaction, civilian targeting."""

from __future__ import annotations

import pytest

from orbat import taxonomy
from orbat.taxonomy import (
    EVENT_TYPES,
    SUB_EVENT_TYPES,
    Inter,
    civilian_targeting,
    interaction,
    interaction_label,
    precedence,
    resolve_precedence,
    sub_event_type,
)


def test_six_types_twenty_five_subtypes() -> None:
    assert len(EVENT_TYPES) == 6
    assert len(SUB_EVENT_TYPES) == 25
    assert {s.event_type for s in SUB_EVENT_TYPES} == set(EVENT_TYPES)
    assert len({s.key for s in SUB_EVENT_TYPES}) == 25


def test_disorder_types() -> None:
    assert sub_event_type("Excessive force against protesters").disorder_type == (
        "Political violence; Demonstrations"
    )
    assert sub_event_type("Mob violence").disorder_type == "Political violence"
    assert sub_event_type("Violent demonstration").disorder_type == "Demonstrations"
    assert sub_event_type("Arrests").disorder_type == "Strategic developments"


def test_codebook_precedence_examples() -> None:
    # An airstrike in a ground battle is Battles; shelling with an airstrike is Air/drone
    # strike; an abduction ending in a killing is Attack.
    assert resolve_precedence(["Air/drone strike", "Armed clash"]) == "Armed clash"
    assert resolve_precedence(["shelling", "air_strike"]) == "Air/drone strike"
    assert resolve_precedence(["abduction", "attack"]) == "Attack"
    assert resolve_precedence([]) is None
    assert precedence("Government regains territory") == 0
    assert precedence("Other") == 24


def test_unknown_subtype() -> None:
    with pytest.raises(KeyError):
        sub_event_type("Skirmish")


@pytest.mark.parametrize(
    ("a", "b", "code"),
    [(1, 2, 12), (2, 1, 12), (7, 3, 37), (1, 1, 11), (6, None, 60), (8, 1, 18)],
)
def test_interaction(a: int, b: int | None, code: int) -> None:
    assert interaction(a, b) == code


def test_interaction_labels() -> None:
    assert interaction_label(Inter.POLITICAL_MILITIA, Inter.STATE_FORCES) == (
        "State forces-Political militia"
    )
    assert interaction_label(Inter.PROTESTERS) == "Protesters only"
    with pytest.raises(ValueError):
        interaction(None, None)
    with pytest.raises(ValueError):
        interaction(9, 1)


def test_civilian_targeting() -> None:
    assert civilian_targeting("Attack", 3, 7) == "Civilian targeting"
    assert civilian_targeting("Excessive force against protesters", 1, 6) == ("Civilian targeting")
    assert civilian_targeting("Air/drone strike", 8, 7) == "Civilian targeting"
    assert civilian_targeting("Air/drone strike", 8, 3) == ""
    assert civilian_targeting("Armed clash", 1, 7) == ""
    assert civilian_targeting("Mob violence", 5, 7) == "Civilian targeting"


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions.
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


def test_all_is_sorted_and_exported() -> None:
    assert list(taxonomy.__all__) == sorted(taxonomy.__all__, key=_isort_key)
    for name in taxonomy.__all__:
        assert hasattr(taxonomy, name)
