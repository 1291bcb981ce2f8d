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

from orbat.errors import ConfigError
from orbat.extract.arguments import Argument, StateNames
from orbat.extract.lexicon.rules import rules, words

__all__ = ["RelationHit", "find_relations"]

Direction = Literal["lr", "rl"]
# The patterns, the argument kinds that may stand on each side and the macros the patterns
# use are data: lexicon/relation_patterns.toml (syntax: docs/lexicons.md).
_FILE = "relation_patterns.toml"
_ORG = words(_FILE, "kinds.ORG")


@dataclass(frozen=True, slots=True)
class _Pattern:
    predicate: str
    gap: re.Pattern[str]
    direction: Direction  # lr: left argument is the subject
    subject: frozenset[str]
    object: frozenset[str]
    # A pattern with a free stretch (".*") may pass over other arguments only if it says so.
    loose: bool = False


def _patterns() -> tuple[_Pattern, ...]:
    """The [[pattern]] tables of the rule file, their macros expanded, compiled once."""
    data = rules(_FILE)
    macros: dict[str, str] = data["macros"]
    try:
        return tuple(
            _Pattern(
                row["predicate"],
                re.compile(
                    re.sub(r"\{(\w+)\}", lambda m: macros.get(m[1], m[0]), row["gap"]),
                    re.I | re.S,
                ),
                row.get("direction", "lr"),
                words(_FILE, f"kinds.{row.get('subject', 'ORG')}"),
                words(_FILE, f"kinds.{row.get('object', 'ORG')}"),
                bool(row.get("loose", False)),
            )
            for row in data["pattern"]
        )
    except (KeyError, re.error) as exc:
        raise ConfigError(f"rule file {_FILE}: a malformed pattern ({exc!r})") from exc


_PATTERNS = _patterns()

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
