"""Who a sentence is about: actor mentions and named entities as the arguments of statements.

Relations and claims need both sides, and the pack knows only armed actors; a claim's speaker
is as often a news agency, a ministry or a country ("The US has denied involvement"). So the
arguments of a sentence are the resolver's actor mentions (pack and candidate actors) plus the
spaCy entities (organisations, people, countries) that overlap none of them. A country name
stands for its state forces in the pack ("the US" → Military Forces of the United States), the
way ACLED codes a state acting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orbat.extract.locate import in_dateline
from orbat.nlp.model import text_of
from orbat.packs import Pack
from orbat.resolve.actors import ActorMention, ActorResolver

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ENTITY_LABELS", "Argument", "StateNames", "find_arguments"]

#: spaCy entity labels that can be a side of a statement.
ENTITY_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP"})

_STATE_KINDS = ("external_forces", "state_forces")


def _plain(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return " ".join(text.replace("’", "'").split()).casefold()


@dataclass(frozen=True, slots=True)
class Argument:
    """A span that can be a side of a statement; ``actor_id`` when it resolves to an actor.

    ``label`` is ``ACTOR`` for the resolver's mentions, else the spaCy entity label.
    """

    start: int
    end: int
    text: str
    actor_id: str | None
    label: str
    score: float = 1.0

    @property
    def is_state(self) -> bool:
        return self.label in ("GPE", "NORP")


class StateNames:
    """Country names, adjectives and capitals → the pack's state forces of that country."""

    def __init__(self, pack: Pack) -> None:
        self._actors: dict[str, list[tuple[str, str | None, str | None]]] = {}
        for actor in pack.actors:
            if actor.kind in _STATE_KINDS and actor.country:
                self._actors.setdefault(actor.country, []).append(
                    (actor.id, actor.start, actor.end)
                )
        # Names a text uses for a state (the pack's ``state_words``): the country, its
        # people's adjective, its capital ("Washington said"). Countries the pack has no state
        # actor for resolve to no id but are still arguments (a speaker can be "Britain").
        self._words = pack.words.state_words
        self._country = {
            _plain(word): country for country, words in self._words.items() for word in words
        }

    def words(self) -> tuple[str, ...]:
        """Every name, adjective and capital that stands for a state, with forces in the pack
        or not ("Yemeni government forces": ACLED's generic name serves)."""
        return tuple(
            word for words in self._words.values() for word in words if not word.startswith("the ")
        )

    def country(self, text: str) -> str | None:
        """The country a name stands for ("Washington" → "United States"), if any."""
        text = _plain(text)
        return self._country.get(text) or self._country.get(re.sub(r"^the ", "", text))

    def actor(self, text: str, when: str | None = None) -> str | None:
        """The state actor a country name stands for on ``when`` (ISO date), if the pack has it.

        The pack lists a country's principal forces first (Iraqi Security Forces before the
        Iraqi Army), and per-period regimes (Syria before and after December 2024) by date.
        """
        country = self.country(text)
        if country is None:
            return None
        for actor_id, start, end in self._actors.get(country, ()):
            if when is None or (
                (not start or when >= start[: len(when)]) and (not end or when[: len(end)] <= end)
            ):
                return actor_id
        return None


def find_arguments(
    doc: Doc,
    mentions: Sequence[ActorMention],
    resolver: ActorResolver,
    states: StateNames,
    *,
    when: str | None = None,
) -> list[Argument]:
    """The arguments of a parsed text, in text order, none overlapping another.

    1. Every actor mention is an argument (``ACTOR``).
    2. Every ORG, PERSON, GPE or NORP entity overlapping no mention is one too; an
       organisation resolves by exact or transliteration match ("Pentagon"), a country name
       to its state forces. A possessive "'s" is left out of the span.
    """
    # 1.
    text_all = text_of(doc)
    found = [Argument(m.start, m.end, m.surface, m.actor_id, "ACTOR", m.score) for m in mentions]
    # A dateline ("BAGHDAD (Reuters) -") says where the story was filed; it speaks for nobody.
    taken_by_dateline = [
        (e.start_char, e.end_char)
        for e in doc.ents
        if e.label_ in ENTITY_LABELS and in_dateline(text_all, e.start_char, e.end_char)
    ]
    taken = [(m.start, m.end) for m in mentions] + taken_by_dateline
    # 2.
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        text = text_all[start:end]
        possessive = re.search(r"\s*['’]s?$", text)
        if possessive and possessive.start() > 0 and text[possessive.start() - 1] != "s":
            end = start + possessive.start()
        elif text.endswith(("'", "’")):
            end -= 1
        if any(s < end and start < e for s, e in taken):
            continue
        surface = text_all[start:end]
        actor_id = _entity_actor(surface, ent.label_, resolver, states, when)
        found.append(Argument(start, end, surface, actor_id, ent.label_))
        taken.append((start, end))
    return sorted(found, key=lambda a: a.start)


def _entity_actor(
    text: str, label: str, resolver: ActorResolver, states: StateNames, when: str | None
) -> str | None:
    state = states.actor(text, when)
    if state is not None or label in ("GPE", "NORP"):
        return state
    if label == "PERSON":
        return None
    # Only certain matches: a fuzzy one turns "Reuters" or a ministry into some militia.
    for match in resolver.resolve(text, when=when)[:1]:
        if match.method in ("exact", "key", "acronym") and match.score >= 0.9:
            return match.actor_id
    return None
