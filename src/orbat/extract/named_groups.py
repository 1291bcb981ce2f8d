"""Armed groups a text names that no pack lists: "Taliban fighters", "Al-Shabaab militants",
"Abu Sayyaf gunmen".

A wire story from another theatre names its groups as the Iraq/Syria pack never will. Left
to the pack alone, "Taliban fighters attacked a checkpoint" gets an "Unidentified Armed Group"
and the analyst loses the one fact the sentence is sure of. ACLED names such a group by its
own name ("Taliban", "Al Shabaab"), so a proper name right before a word for armed men is
taken as the group's name, as written. What such a name must not be: a state's name or
people ("Afghan soldiers" are a state's forces: :mod:`orbat.extract.actor_finder`), a
descriptor of creed, cause or origin ("Islamist militants", "Maoist rebels", "Sunni
fighters": no one group), a number or day ("Two gunmen", "Friday"), or a known place ("Idlib
rebels" are rebels of Idlib, not a group called Idlib).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from orbat.taxonomy import Inter

__all__ = ["named_groups"]

_WORD = r"(?:(?:al|el|ad|ar|as|ash|an)[-‑])?[A-Z][\w'’‑-]*"
_GROUP = re.compile(
    rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}})\s+"
    r"(?P<noun>militants|militant\s+group|fighters|insurgents|rebels|gunmen|jihadists"
    r"|guerr?illas|extremists|separatists|terrorists|militiamen|militia)\b"
)
#: Capitalised words that open a descriptor rather than a group's name.
_DESCRIPTORS = frozenset(
    ["the", "a", "an", "armed", "unknown", "unidentified", "suspected", "alleged", "local",
     "rival", "tribal", "ethnic", "islamist", "islamic", "jihadist", "sunni", "shia", "shiite",
     "shi'ite", "salafist", "maoist", "marxist", "communist", "leftist", "separatist",
     "secessionist", "opposition", "government", "regime", "rebel", "militant", "insurgent",
     "pro", "anti", "foreign", "arab", "christian", "muslim", "hindu", "buddhist", "druze",
     "bedouin", "alawite", "kurd", "kurds", "one", "two", "three", "four", "five", "six",
     "seven", "eight", "nine", "ten", "eleven", "twelve", "dozens", "dozen", "hundreds",
     "baloch", "baluch", "pashtun", "tuareg", "tamil", "uighur", "uyghur", "rohingya", "scores",
     "several", "some", "many", "other", "more", "most", "few", "both", "all", "heavily",
     "masked", "hooded", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december", "police", "security", "army", "military",
     "troops", "soldiers", "forces", "state", "federal", "national", "north", "south", "east",
     "west", "northern", "southern", "eastern", "western", "central", "youth", "young",
     "former", "veteran", "female", "women", "village", "clan", "tribe", "tribesmen"]
)  # fmt: skip
# "Al-Qaeda-linked militants", "IS-inspired gunmen", "Pro-government militiamen",
# "Anti-regime rebels": men tied to a group or a cause, not a group of that name.
_ASSOCIATED = re.compile(
    r"-(?:linked|affiliated|backed|aligned|allied|inspired|led|loyal)$|^(?:pro|anti|non)-", re.I
)
_DEMONYM_ENDING = re.compile(r"(?:ist|ists|ian|ians|ese|ish|ite|ites|i)$", re.I)


def named_groups(
    text: str,
    taken: list[tuple[int, int]],
    is_state_word: Callable[[str], bool],
    is_place: Callable[[str], bool],
    context: str | None = None,
) -> Iterator[tuple[int, int, str, int]]:
    """``(start, end, name, inter)`` for each mention in ``text`` of a group named before a
    word for armed men, outside the spans ``taken`` by actors already found. Once the
    article (``context``) has named a group so ("Taliban militants"), its bare name is the
    group too ("captured positions from its rival the Taliban")."""
    groups = dict(_groups(context, is_state_word, is_place)) if context else {}
    spans: list[tuple[int, int, str, int]] = []
    for start, end, name, inter in _named(text, is_state_word, is_place):
        groups.setdefault(name, inter)
        spans.append((start, end, name, inter))
    for name, inter in groups.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            spans.append((m.start(), m.end(), name, inter))
    kept: list[tuple[int, int]] = list(taken)
    for start, end, name, inter in sorted(spans, key=lambda s: (s[0], -s[1])):
        if any(s < end and start < e for s, e in kept):
            continue  # a pack actor, a state's forces, or this group's longer mention
        kept.append((start, end))
        yield start, end, name, inter


@lru_cache(maxsize=16)
def _groups(
    article: str, is_state_word: Callable[[str], bool], is_place: Callable[[str], bool]
) -> tuple[tuple[str, int], ...]:
    """The groups ``article`` names before a word for armed men, read once per article
    (the finder is called once per sentence, each time with the whole article)."""
    return tuple((name, inter) for _, _, name, inter in _named(article, is_state_word, is_place))


def _named(
    text: str, is_state_word: Callable[[str], bool], is_place: Callable[[str], bool]
) -> Iterator[tuple[int, int, str, int]]:
    for m in _GROUP.finditer(text):
        name = _name(m["name"], is_state_word)
        if name is None or is_place(name) or is_place(m["name"]):
            continue
        inter = Inter.POLITICAL_MILITIA if m["noun"].startswith("militia") else Inter.REBEL_GROUP
        yield m.start("name") + m["name"].index(name), m.end(), name, int(inter)


def _name(words: str, is_state_word: Callable[[str], bool]) -> str | None:
    """The group's name in ``words`` (the capitalised words before the noun), or None when
    they describe the men rather than name their group."""
    tokens = words.split()
    # "Armed Taliban fighters": a descriptor may open the phrase before the name.
    while tokens and tokens[0].casefold() in _DESCRIPTORS:
        tokens = tokens[1:]
    if not tokens:
        return None
    for token in tokens:
        bare = re.sub(r"^(?:al|el|ad|ar|as|ash|an)[-‑]", "", token, flags=re.I)
        if bare.casefold().strip("'’") in _DESCRIPTORS or is_state_word(token):
            return None
        if _ASSOCIATED.search(token) or (len(tokens) == 1 and _DEMONYM_ENDING.search(bare)):
            return None
    return " ".join(tokens)
