"""Who "the group" is: an event whose attacker the sentence names only as "the group".

"The Islamic State has been regrouping in the desert. On Sunday, the group's fighters attacked
an army checkpoint near Rutba": the sentence that reports the attack names its attacker by a
definite description that points back to the armed group the story named just before. Coded
sentence by sentence the attack is an "Unidentified Armed Group"'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from orbat.extract.actors import ActorFinder, named_in_country, unnamed_attacker
from orbat.extract.article import Unparsed
from orbat.extract.candidates import Candidate
from orbat.extract.retype import retyped
from orbat.extract.roles import role
from orbat.taxonomy import Inter

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from orbat.packs import Pack

__all__ = ["name_the_group"]

#: How many sentences back "the group" reaches for the group it means.
_LOOKBACK = 3
# Kinds of actor a "group" can be: rebels and militias, not states or civilians.
_GROUPS = frozenset(
    {int(Inter.REBEL_GROUP), int(Inter.POLITICAL_MILITIA), int(Inter.IDENTITY_MILITIA)}
)
_NOUNS = frozenset({"group", "organisation", "organization", "militia"})


def name_the_group(
    text: str,
    sents: Sequence[Span | Unparsed],
    found: Sequence[Candidate],
    finder: ActorFinder,
    pack: Pack,
) -> None:
    """Give an event whose sentence's attacker is "the group" the armed group named last in
    the sentences just before it."""
    for candidate in found:
        record = candidate.record
        sentence = sents[candidate.sentence]
        if isinstance(sentence, Unparsed) or not unnamed_attacker(record.actor1):
            continue
        if not any(_the_group(t) and role(t) == "agent" for t in sentence):
            continue
        start = sents[max(0, candidate.sentence - _LOOKBACK)].start_char
        named = [
            a
            for a in finder(text[start : sentence.start_char])
            if not a.generic and a.inter in _GROUPS
        ]
        if not named:
            continue
        group = named[-1]
        candidate.record = retyped(
            record,
            record.sub_event_type,
            actor1=named_in_country(group.acled_name, record.country, pack),
            inter1=group.inter,
        )


def _the_group(token: Token) -> bool:
    """ "the group", "the jihadist group", "the militant organisation"."""
    return token.lemma_.lower() in _NOUNS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )
