"""Relations between actors stated in a sentence: part-of, front-for, backed-by, allied-with ...

Relations between armed groups are written in a few set phrasings, so they are read with
patterns over the words *between* two arguments of a sentence ("Nujaba movement, part of the
Hashed al-Shaabi" → part-of; "a front for Kataib Hezbollah" → front-for) plus the compound
adjective ("Iran-backed militias" → backed-by Iran). The same patterns serve the news corpus
and re3d's relation scores, so a change is measured on both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from orbat.extract.arguments import Argument, StateNames

__all__ = ["RelationHit", "find_relations"]

Direction = Literal["lr", "rl"]
# Which argument kinds may stand on a side: armed-group relations hold between organisations
# (pack actors, ORG entities); a state may back, ally with or fight a group; a person leads.
_ORG = frozenset({"ACTOR", "ORG"})
_ORG_OR_STATE = frozenset({"ACTOR", "ORG", "GPE", "NORP"})
_PERSON = frozenset({"PERSON"})

_W = r"[\w'’.-]+"  # one word, as the patterns count them
_THE = r"(?:the\s+|its\s+|their\s+)?"
_GROUP = (
    r"(?:groups?|factions?|militias?|units?|brigades?|forces?|organi[sz]ations?|"
    r"movements?|members?|parts?|components?|wings?|branch(?:es)?|arms?|affiliates?|"
    r"subsidiar(?:y|ies)|proxies|proxy|allies|ally)"
)


@dataclass(frozen=True, slots=True)
class _Pattern:
    predicate: str
    gap: re.Pattern[str]
    direction: Direction  # lr: left argument is the subject
    subject: frozenset[str]
    object: frozenset[str]
    # A pattern with a free stretch (".*") may pass over other arguments only if it says so.
    loose: bool = False


def _p(
    predicate: str,
    regex: str,
    direction: Direction = "lr",
    subject: frozenset[str] = _ORG,
    object: frozenset[str] = _ORG,
    *,
    loose: bool = False,
) -> _Pattern:
    return _Pattern(predicate, re.compile(regex, re.I | re.S), direction, subject, object, loose)


_PATTERNS: tuple[_Pattern, ...] = (
    # "the PMF, the umbrella group of Iran-backed militias": the right side is the member.
    _p(
        "part-of",
        rf"^\s*,?\s*(?:(?:a|an|the)\s+)?(?:{_W}\s+){{0,2}}?(?:umbrella|coalition|alliance|"
        rf"network|grouping)\s+(?:{_W}\s+){{0,2}}?(?:of|for|including|that includes)\s+"
        rf"(?:{_W}\s+){{0,3}}?$",
        "rl",
    ),
    _p(
        "part-of",
        r"^\s*,?\s*(?:which|that)\s+(?:includes?|included|comprises?|comprised)\s+(?:the\s+)?$",
        "rl",
    ),
    # "Nujaba movement, part of the Hashed al-Shaabi"; "KH, one of the groups within the PMF";
    # "the two brigades were affiliates of Kataib Hezbollah"; "militias within the PMF".
    _p(
        "part-of",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:is|are|was|were|remains?|became)\s+)?"
        rf"(?:also\s+|now\s+|formally\s+)?(?:(?:a|an|the|one|some|several)\s+)?(?:(?:of|among)\s+)?"
        rf"{_THE}(?:{_W}\s+){{0,3}}?{_GROUP}\s+(?:of|in|within|inside|under)\s+{_THE}$",
    ),
    _p(
        "part-of",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:is|are|was|were)\s+)?"
        rf"(?:(?:operating|operate|fighting|fight|serving|serve)\s+)?"
        rf"(?:within|inside|under the umbrella of)\s+{_THE}$",
    ),
    _p(
        "part-of",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:is|are|was|were)\s+)?"
        rf"(?:affiliated|associated|belongs?|belonging)\s+(?:with|to)\s+{_THE}$",
    ),
    _p(
        "part-of",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:has|have|had)\s+)?(?:joined|integrated\s+into"
        rf"|(?:was|were)\s+(?:formally\s+)?integrated\s+into)\s+{_THE}$",
    ),
    # "a front for Kataib Hezbollah" — the phrase may stand far from the group it names.
    _p(
        "front-for",
        r"^.{0,160}?\b(?:a|the)\s+(?:\w+\s+)?front\s+(?:group\s+|organi[sz]ation\s+|name\s+)?"
        r"(?:for|of)\s+(?:the\s+)?$",
        loose=True,
    ),
    _p(
        "front-for",
        r"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:is|are|was)\s+)?(?:widely\s+)?(?:seen|"
        r"regarded|considered|believed|known)\s+(?:to\s+be\s+|as\s+)(?:a|the)\s+(?:cover|brand|"
        r"façade|facade)\s+(?:for|of)\s+(?:the\s+)?$",
    ),
    # "Iraqi militias backed by Iran"
    _p(
        "backed-by",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+(?:is|are|were|was)\s+)?(?:(?:\w+ly)\s+)?"
        rf"(?:backed|supported|funded|armed|sponsored|trained|financed)\s+(?:(?:and|or)\s+\w+\s+)?"
        rf"by\s+{_THE}$",
        object=_ORG_OR_STATE,
    ),
    # "allied with Baghdad", "fought alongside US forces", "in support of the coalition".
    _p(
        "allied-with",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+(?:is|are|were|was)\s+)?(?:(?:closely|"
        rf"long)\s+)?(?:allied|aligned|allies|an\s+ally|allies)\s+(?:with|to|of)\s+{_THE}$",
        object=_ORG_OR_STATE,
    ),
    _p(
        "allied-with",
        rf"^\s*(?:{_W}\s+){{0,3}}?(?:alongside|together\s+with|in\s+(?:close\s+)?"
        rf"(?:cooperation|coordination|alliance|partnership)\s+with)\s+{_THE}$",
        subject=_ORG_OR_STATE,
        object=_ORG_OR_STATE,
    ),
    _p(
        "allied-with",
        rf"^\s*(?:{_GROUP}\s+)?(?:(?:has|have|had)\s+)?(?:also\s+|long\s+|already\s+)?(?:supported|"
        rf"backed|bolstered|assisted|aided|reinforced)\s+{_THE}$",
        subject=_ORG_OR_STATE,
        object=_ORG_OR_STATE,
    ),
    _p(
        "allied-with",
        rf"^\s*(?:{_W}\s+){{0,6}}?in\s+support\s+of\s+{_THE}$",
        subject=_ORG_OR_STATE,
        object=_ORG_OR_STATE,
    ),
    # "fighting against IS", "in its fight against IS", "attacked the Iraqi security forces".
    _p(
        "hostile-to",
        rf"^\s*(?:['’]s?\s+)?(?:{_W}\s+){{0,3}}?(?:fight|fights|fighting|fought|war|"
        rf"wars|battle|battles|battling|battled|struggle|campaign|offensive|operations?|"
        rf"strikes?|airstrikes?|attacks?|raids?|clashes|clashed|rebellion|insurgency|"
        rf"hostilities)\s+(?:against|on|with)\s+{_THE}$",
        subject=_ORG_OR_STATE,
        object=_ORG_OR_STATE,
    ),
    _p(
        "hostile-to",
        rf"^\s*(?:(?:has|have|had)\s+)?(?:also\s+|repeatedly\s+|again\s+)?(?:attacked|"
        rf"targeted|struck|ambushed|bombed|shelled|fought|defeated|besieged|engaged|killed|"
        rf"attacks|targets|fights|fighting|attacking|targeting)\s+{_THE}$",
        subject=_ORG_OR_STATE,
        object=_ORG_OR_STATE,
    ),
    _p(
        "hostile-to",
        rf"^\s*(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)(?:attacked|"
        rf"targeted|struck|ambushed|bombed|shelled|killed|hit)\s+by\s+{_THE}$",
        "rl",
        subject=_ORG_OR_STATE,
        object=_ORG_OR_STATE,
    ),
    _p(
        "hostile-to",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+(?:is|are)\s+)?(?:hostile|opposed|"
        rf"at\s+war)\s+(?:to|with)\s+{_THE}$",
        subject=_ORG_OR_STATE,
        object=_ORG_OR_STATE,
    ),
    # "a splinter of Asaib", "broke away from Kataib Hezbollah"
    _p(
        "splinter-of",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:is|was)\s+)?(?:(?:a|an)\s+)?"
        rf"(?:splinter|breakaway|offshoot|spin-?off)\s+(?:group\s+|faction\s+|movement\s+)?"
        rf"(?:of|from)\s+{_THE}$",
    ),
    _p(
        "splinter-of",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:broke\s+away|split(?:\s+off)?|"
        rf"splintered|defected)\s+from\s+{_THE}$",
    ),
    _p(
        "merged-into",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+)?(?:(?:has|have|had|was|were)\s+)?"
        rf"(?:merged|folded|absorbed)\s+into\s+{_THE}$",
    ),
    # "Asaib, led by Qais Khazali"; "Qais Khazali, the leader of Asaib"; "Quds Force
    # commander, Ismail Qaani".
    _p(
        "led-by",
        rf"^\s*,?\s*(?:(?:which|who|that)\s+(?:is|are|was|were)\s+)?(?:(?:then|now)\s+)?"
        rf"(?:led|headed|commanded|run|founded)\s+by\s+{_THE}$",
        object=_PERSON,
    ),
    _p(
        "led-by",
        rf"^\s*,?\s*(?:(?:the|a|its)\s+)?(?:(?:top|supreme|overall|military|secretary)\s+)?"
        rf"(?:leader|head|chief|commander|founder|secretary[- ]general|chairman|emir)\s+of\s+"
        rf"{_THE}$",
        "rl",
        subject=_ORG,
        object=_PERSON,
    ),
    _p(
        "led-by",
        r"^\s*['’]?s?\s+(?:(?:top|supreme|military)\s+)?(?:leader|head|chief|commander|"
        r"founder|secretary[- ]general|chairman|emir)\s*,?\s*$",
        subject=_ORG,
        object=_PERSON,
    ),
    _p(
        "led-by",
        r"^\s*(?:(?:formerly|once|still|now)\s+)?(?:heads|headed|leads|led|commands|"
        r"commanded|founded)\s+(?:the\s+)?$",
        "rl",
        subject=_ORG,
        object=_PERSON,
    ),
)

# "militias backed by Iran" written as one descriptor name: the backed group, then the backer.
_BACKED_BY = re.compile(
    r"\b(?:backed|supported|sponsored|funded|armed)\s+by\s+(?:the\s+)?"
    r"(?P<backer>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)"
)
_CROWDS = re.compile(r"^(?:civilians|protesters|rioters)-")
# "the fight against ISIS alongside US forces": ISIS is the enemy, not the ally.
_AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$", re.I)
# "Iran-backed", "Iranian-backed", "US-supported": the backer, then the backed group.
_BACKED = re.compile(
    r"\b(?P<backer>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)[-‑–\s](?:backed|supported|sponsored|funded|"
    r"armed|aligned|allied)\b"
)


@dataclass(frozen=True, slots=True)
class RelationHit:
    """A relation a sentence states: subject, object, and the words that state it."""

    predicate: str
    subject: Argument
    object: Argument
    trigger_start: int  # the stating words ("part of the", "Iran-backed")
    trigger_end: int
    anchor: int  # offset of their key word ("part", "front", "backed"): where stance is read


def _sides(pattern: _Pattern, left: Argument, right: Argument) -> tuple[Argument, Argument]:
    return (left, right) if pattern.direction == "lr" else (right, left)


def _admits(pattern: _Pattern, subject: Argument, obj: Argument) -> bool:
    if subject.label not in pattern.subject or obj.label not in pattern.object:
        return False
    # Civilians and protesters are victims or crowds, not parties to alliances or fronts.
    if any(a.actor_id and _CROWDS.match(a.actor_id) for a in (subject, obj)):
        return False
    same = subject.actor_id is not None and subject.actor_id == obj.actor_id
    return not same and subject.text.casefold() != obj.text.casefold()


def find_relations(
    text: str,
    start: int,
    end: int,
    arguments: Sequence[Argument],
    states: StateNames,
    *,
    when: str | None = None,
) -> list[RelationHit]:
    """Relations stated in ``text[start:end]`` (one sentence) between its ``arguments``.

    1. For each pair of arguments in order, match the words between them against the
       patterns; a pattern reads across another argument only if it is loose ("a front for")
       and the argument between is not an organisation.
    2. "X-backed Y": Y is backed by the state or group X names.
    """
    inside = [a for a in arguments if start <= a.start and a.end <= end]
    hits: list[RelationHit] = []
    # 1.
    for i, left in enumerate(inside):
        for j in range(i + 1, len(inside)):
            right = inside[j]
            # "the Popular Mobilization Forces (PMF), an umbrella grouping of": read past the
            # parenthesis closing the left name's acronym.
            gap = re.sub(r"^\s*\)", "", text[left.end : right.start])
            if len(gap) > 200:
                break
            between = inside[i + 1 : j]
            for pattern in _PATTERNS:
                if between and not (pattern.loose and all(b.label not in _ORG for b in between)):
                    continue
                if not pattern.gap.search(gap):
                    continue
                subject, obj = _sides(pattern, left, right)
                if pattern.predicate == "allied-with" and _AGAINST.search(
                    text[max(0, left.start - 20) : left.start]
                ):
                    continue
                if _admits(pattern, subject, obj):
                    anchor = _key_word(text, left.end, right.start)
                    hits.append(
                        RelationHit(pattern.predicate, subject, obj, left.end, right.start, anchor)
                    )
                    break
    # 2.
    for match in _BACKED.finditer(text, start, end):
        backed = next(
            (
                a
                for a in inside
                if a.label in _ORG
                and a.start <= match.end() + 40
                and a.end > match.end()
                and not re.search(r"[,.;:]", text[match.end() : max(a.start, match.end())])
            ),
            None,
        )
        if backed is None:
            continue
        name = match.group("backer")
        backer = next(
            (a for a in inside if a.start <= match.start() < a.end and a is not backed), None
        )
        if backer is None or backer is backed:
            actor_id = states.actor(name, when)
            if actor_id is None:
                continue
            backer = Argument(match.start(), match.start() + len(name), name, actor_id, "GPE")
        if backed.actor_id is not None and backed.actor_id == backer.actor_id:
            continue
        anchor = match.end() - len(match.group(0).split()[-1].split("-")[-1])
        hits.append(RelationHit("backed-by", backed, backer, match.start(), match.end(), anchor))
    for match in _BACKED_BY.finditer(text, start, end):
        holder = next(
            (a for a in inside if a.label in _ORG and a.start < match.start() < a.end), None
        )
        actor_id = states.actor(match.group("backer"), when)
        if holder is None or actor_id is None or holder.actor_id == actor_id:
            continue
        name = match.group("backer")
        backer = Argument(match.start("backer"), match.end("backer"), name, actor_id, "GPE")
        anchor = match.start()
        hits.append(RelationHit("backed-by", holder, backer, match.start(), match.end(), anchor))
    return hits


_FUNCTION_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "for",
        "by",
        "with",
        "to",
        "in",
        "within",
        "inside",
        "on",
        "its",
        "their",
        "against",
        "from",
        "into",
        "as",
        "s",
    }
)


def _key_word(text: str, start: int, end: int) -> int:
    """Offset of the last content word between ``start`` and ``end`` ("front" in "is a front
    for the"), or ``start`` when there is none."""
    for match in reversed(list(re.finditer(r"[A-Za-z][\w-]*", text[start:end]))):
        if match.group(0).casefold() not in _FUNCTION_WORDS:
            return start + match.start()
    return start
