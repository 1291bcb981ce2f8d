"""A state named as the one that acts: "Turkey shelled the villages", "missiles fired by
Azerbaijan", "an airstrike by Israel" are that state's military forces, as ACLED codes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orbat.extract.actor_finder import FoundActor
from orbat.extract.locate import in_dateline
from orbat.extract.state_forces import state_names
from orbat.nlp.model import text_of

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Span, Token

    from orbat.extract.classify import Classification
    from orbat.packs import Pack

__all__ = ["states_acting"]


def states_acting(
    sentence: Span,
    coded: Classification,
    found: list[FoundActor],
    when: dt.date | None,
    pack: Pack,
) -> list[FoundActor]:
    """A country that is the subject of the event's own verb, or who did the event's act ("by"
    it), is its state acting: "The United States launched strikes", "Turkey shelled the
    villages", "missiles fired by Azerbaijan", "an airstrike by Israel" (ACLED: its military
    forces). Of another verb ("Iraq has long tolerated the militias", "factions backed by
    Turkey") it is not."""
    states = state_names(pack)
    offset = sentence.start_char
    doc = sentence.doc
    cue_tokens = coded.cue_tokens(doc)
    cues = {t.i for t in cue_tokens}
    event_verbs = cues | {t.head.i for t in cue_tokens}
    # (And a striking verb whose clause holds the weapon, wherever the parser hangs it:
    # "Ankara hit a car carrying two commanders with a drone".)
    event_verbs |= {
        t.i
        for t in sentence
        if t.lemma_.lower() in _STRIKING and any(c.i in cues for c in t.subtree)
    }
    out = []
    for ent in sentence.ents:
        root = ent.root
        # (A dateline's city, "BAGHDAD, March 3 (Reuters) - Rockets struck", is no state.)
        if (
            ent.label_ != "GPE"
            or not (
                (root.dep_ == "nsubj" and root.head.i in event_verbs)
                or _did_it(root, event_verbs, cues)
            )
            or (in_dateline(text_of(doc), ent.start_char, ent.end_char))
        ):
            continue
        start, end = ent.start_char - offset, ent.end_char - offset
        if any(a.start < end and start < a.end for a in found):
            continue
        day = when.isoformat() if when else None
        actor_id = states.actor(ent.text, day)
        if actor_id is not None:
            actor = pack.actor(actor_id)
            out.append(FoundActor(start, end, actor.acled_name_on(day), actor.inter))
    return out


_STRIKING = frozenset({"hit", "strike", "target", "bomb", "shell", "attack", "pound", "raid"})


def _did_it(name: Token, event_verbs: set[int], cues: set[int]) -> bool:
    """Whether ``name`` is who did the act, "by" it: the agent of the event's verb, of the
    weapon's participle ("missiles fired by Azerbaijan") or of the event's noun ("an airstrike
    by Israel")."""
    by = name.head
    if name.dep_ != "pobj" or by.lower_ != "by":
        return False
    act = by.head
    return act.i in event_verbs or (act.dep_ == "acl" and act.head.i in cues)
