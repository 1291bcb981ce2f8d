"""Discovery: armed groups the pack does not know, found where a text introduces them.

News names a new group in set phrasings: "a previously unknown militia, which calls itself
Ya Ali Popular Formations", "a new group called X", "X, a little-known faction". Such a name,
when the resolver cannot place it, becomes a :class:`CandidateActor` for an analyst's review;
:func:`candidate_resolver` builds a resolver over the candidates so their later mentions, in
any document, are found like the pack's actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from orbat.extract.records import Evidence
from orbat.extract.statements.records import CandidateActor, candidate_id
from orbat.packs import Actor, ActorKind, Alias, Pack
from orbat.resolve.actors import ActorResolver

__all__ = ["Introduction", "candidate_resolver", "find_introductions", "to_candidates"]

# A proper name: capitalised words, with Arabic particles ("al-", "bin") and "of"/"the" inside.
_NAME = (
    r"(?P<name>(?:al-|Al-|el-)?[A-Z][\w'’-]*(?:\s+(?:(?:al|el|of|the|fi|bin|ibn|wa|ul|li)[-\s]+)?"
    r"(?:al-|Al-)?[A-Z][\w'’-]*){0,6})"
)
_NEW = (
    r"(?:previously\s+unknown|little[- ]known|newly[- ]formed|newly[- ]emerged|new|obscure|"
    r"shadowy|unknown|recently\s+formed|hitherto\s+unknown)"
)
_ARMED = r"(?:armed\s+group|militia|group|faction|organi[sz]ation|brigade|movement|force|outfit)"
_ADJ = r"(?:[\w-]+\s+){0,2}?"
_INTRODUCTIONS = tuple(
    re.compile(p)
    for p in (
        # "a previously unknown militia, which calls itself Ya Ali Popular Formations"
        rf"\b{_NEW}\s+{_ADJ}{_ARMED}\s*,?\s*(?:which|that|who)\s+(?:calls|called|names|named|dubs|"
        rf"dubbed|styles)\s+(?:itself|themselves)\s+(?:the\s+)?[\"“']?{_NAME}",
        # "a new group called X", "a militia calling itself X", "a faction known as X"
        rf"\b(?:a|an|the)\s+(?:{_NEW}\s+)?{_ADJ}{_ARMED}\s*,?\s*(?:called|named|calling\s+itself|"
        rf"known\s+as|going\s+by\s+the\s+name(?:\s+of)?)\s+(?:the\s+)?[\"“']?{_NAME}",
        # "X, a little-known faction" / "X, a previously unknown militia"
        rf"{_NAME}\s*(?:\([^)]{{0,80}}\))?\s*,\s+(?:a|an)\s+{_NEW}\s+{_ADJ}{_ARMED}\b",
    )
)
_TRAILING = re.compile(r"(?:\s+(?:said|says|claimed|has|have|had|was|is|on|in))+$")
_REBEL = re.compile(r"\b(rebel|insurgent|jihadist|opposition)\b", re.I)


@dataclass(frozen=True, slots=True)
class Introduction:
    """Where a text introduces a group by name: the name's span and the introducing words."""

    name: str
    start: int
    end: int
    phrase_start: int
    phrase_end: int


def find_introductions(text: str) -> list[Introduction]:
    """Every place ``text`` introduces a named armed group (known to the pack or not)."""
    found: dict[tuple[int, int], Introduction] = {}
    for pattern in _INTRODUCTIONS:
        for match in pattern.finditer(text):
            start, end = match.span("name")
            name = _TRAILING.sub("", text[start:end]).strip(" '’\"”")
            end = start + len(name)
            if len(name) < 3 or (" " not in name and len(name) < 4):
                continue
            found.setdefault((start, end), Introduction(name, start, end, *match.span()))
    return sorted(found.values(), key=lambda i: i.start)


def _country(text: str, pack: Pack) -> str | None:
    """The country whose cue words the text names most often."""
    best, hits = None, 0
    for country, words in pack.countries.items():
        n = sum(len(re.findall(rf"\b{re.escape(w)}\b", text)) for w in words)
        if n > hits:
            best, hits = country, n
    return best


def _is_known(name: str, resolver: ActorResolver) -> bool:
    mentions = resolver.find_mentions(name)
    if any(m.start == 0 and m.end >= len(name) - 1 for m in mentions):
        return True
    return any(m.method in ("exact", "key") for m in resolver.resolve(name))


def to_candidates(
    introductions: Iterable[Introduction],
    text: str,
    document_id: int,
    sentences: Sequence[tuple[int, int]],
    resolvers: Sequence[ActorResolver],
) -> list[CandidateActor]:
    """The introduced names no resolver knows, as candidates with their sentence as evidence."""
    out: dict[str, CandidateActor] = {}
    for intro in introductions:
        if any(_is_known(intro.name, r) for r in resolvers):
            continue
        start, end = next(
            ((s, e) for s, e in sentences if s <= intro.start < e),
            (intro.phrase_start, intro.phrase_end),
        )
        phrase = text[intro.phrase_start : intro.phrase_end]
        kind: ActorKind = "rebel_group" if _REBEL.search(phrase) else "political_militia"
        country = _country(text[max(0, start - 600) : end + 600], resolvers[0].pack)
        cid = candidate_id(intro.name)
        out.setdefault(
            cid,
            CandidateActor(
                cid, intro.name, kind, country, Evidence(document_id, start, end, text[start:end])
            ),
        )
    return list(out.values())


def candidate_resolver(
    candidates: Iterable[tuple[str, str, str | None]], pack: Pack
) -> ActorResolver | None:
    """A resolver over discovered actors ``(id, name, country)``; None when there are none.

    It is the pack resolver's machinery over a pack of one-alias actors, so a candidate's
    later mentions are found with the same spelling tolerance and exact offsets.
    """
    actors = tuple(
        Actor(
            id=cid,
            name=name,
            kind="political_militia",
            country=country,
            acled_name=name,
            inter=3,
            aliases=(Alias(name=name, lang="en", script="Latn"),),
            relations=(),
            sources=(),
        )
        for cid, name, country in {c[0]: c for c in candidates}.values()
    )
    if not actors:
        return None
    return ActorResolver(
        replace(pack, name=f"{pack.name}+candidates", actors=actors, relations=(), descriptors=())
    )
