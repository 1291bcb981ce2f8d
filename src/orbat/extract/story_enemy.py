"""The enemy a story is about: who planted the bomb that the story's sentence does not name.

"Operation Inherent Resolve – Targeted Operations Against ISIL Terrorists … died of wounds
sustained in an improvised explosive device blast": a defence ministry's release, a
government statement or a wire story about "the fight against ISIL" reports its side's losses
to the one enemy it names, and does not repeat the name in the sentence that tells of the
blast. Coded sentence by sentence, the bomb is an "Unidentified Armed Group"'s; an ACLED coder
reading the story codes the enemy it names.

Only a story that frames exactly one armed group as the enemy ("against X", "counter-X",
"the fight against X", "to defeat X") lends it, and only to an unclaimed act of the kind such
groups commit against the story's side: a bomb, a suicide attack, an attack or an ambush on
state forces, the coalition or civilians.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from orbat.extract.actors import ActorFinder, named_in_country, unnamed_attacker
from orbat.extract.candidates import Candidate
from orbat.extract.retype import retyped
from orbat.packs import Pack
from orbat.taxonomy import Inter

__all__ = ["name_the_enemy"]

# Kinds of actor a story's enemy can be: rebels and militias, not states or civilians.
_GROUPS = frozenset(
    {int(Inter.REBEL_GROUP), int(Inter.POLITICAL_MILITIA), int(Inter.IDENTITY_MILITIA)}
)
# Acts an unnamed insurgent commits: what the story's side suffers from its enemy.
_ACTS = frozenset(
    {"Remote explosive/landmine/IED", "Suicide bomb", "Attack", "Armed clash",
     "Shelling/artillery/missile attack"}
)  # fmt: skip
# Whom the acts are done to: the story's side (a state, the coalition) or civilians.
_SUFFERERS = frozenset(
    {None, int(Inter.STATE_FORCES), int(Inter.EXTERNAL_OTHER), int(Inter.CIVILIANS)}
)
# Words that frame the group named after them as the story's enemy.
_AGAINST = re.compile(
    r"(?:\bagainst|\bcounter-|\bfight(?:ing)?|\bdefeat(?:ing|ed)?|\bwar\s+(?:on|with)"
    r"|\bcampaign\s+against)\s*(?:the\s+)?$",
    re.I,
)
# "against ISIL and the Nusra Front": both are framed.
_JOINED = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s+(?:the\s+)?", re.I)
#: How far before a name the framing word may stand ("the fight against the so-called ").
_REACH = 30


def name_the_enemy(text: str, found: Sequence[Candidate], finder: ActorFinder, pack: Pack) -> None:
    """Give an unclaimed bomb or attack on the story's side the one armed group the story
    frames as its enemy (in place: ``found``'s records are replaced)."""
    waiting = [c for c in found if _unclaimed_act(c)]
    if not waiting:
        return
    named_groups = [a for a in finder(text) if not a.generic and a.inter in _GROUPS]
    enemies: set[tuple[str, int | None]] = set()
    previous = None  # the last group framed, which "and X" after it shares
    for a in named_groups:
        joined = previous is not None and _JOINED.fullmatch(text[previous.end : a.start])
        if joined or _AGAINST.search(text, max(0, a.start - _REACH), a.start):
            enemies.add((a.acled_name.split(" (")[0], a.inter))
            previous = a
    if len(enemies) != 1:
        return
    ((base, inter),) = enemies
    named = next(a.acled_name for a in named_groups if a.acled_name.split(" (")[0] == base)
    for candidate in waiting:
        record = candidate.record
        if (record.actor2 or "").split(" (")[0] == base:
            continue
        candidate.record = retyped(
            record,
            record.sub_event_type,
            actor1=named_in_country(named, record.country, pack),
            inter1=inter,
        )


def _unclaimed_act(candidate: Candidate) -> bool:
    record = candidate.record
    return (
        unnamed_attacker(record.actor1)
        and record.sub_event_type in _ACTS
        and record.inter2 in _SUFFERERS
    )
