"""Find casualty phrases (killed, wounded, abducted, arrested) and code fatalities ACLED-style."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from orbat.nlp.casualty_phrases import (
    _ACTIVE,
    _ACTIVE_ONE,
    _BODY_OF,
    _CONJ_AFTER,
    _CONJ_BEFORE,
    _COUNT_NOUN,
    _CUMULATIVE,
    _GROUP_NORMAL,
    _I,
    _INCLUDES,
    _KILLED_AND_WOUNDED,
    _KILLING_HIM,
    _LEFT,
    _LIVES,
    _LOST,
    _MADE_PRECISE,
    _MASSACRE,
    _NONE_NOUN,
    _NONE_VERB,
    _NOUN_OF,
    _ONE_BEFORE,
    _ONE_MORE_IN_GAP,
    _PASSIVE,
    _PASSIVE_BARE,
    _QTY_FIRST,
    _QTY_FIRST_PATTERNS,
    _SELF_BLAST,
    _SINGLE,
    _SINGLE_PAIR,
    _SINGULAR,
    _THEN_KILLED,
    _TOKEN,
    _TOLL,
    _TRIGGER,
    _TRIGGERS,
    VAGUE_COUNTS,
    _quantity,
)
from orbat.nlp.named_victims import named_victims

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["VAGUE_COUNTS", "CasualtyMention", "Kind", "acled_fatalities", "find_casualties"]

Kind = Literal["killed", "wounded", "captured/abducted", "arrested"]


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """One casualty figure: "more than 1,300 people ... have been killed".

    ``low`` is the lowest figure the phrase supports; ``high`` is the upper end of a range,
    equal to ``low`` for an exact figure and ``None`` when open-ended ("at least 5", "more
    than 1,300") or vague. ``includes`` holds sub-counts ("including 973 civilians"), which
    are part of the main figure and never counted on their own.
    """

    start: int
    end: int
    surface: str
    kind: Kind
    low: int
    high: int | None
    group: str | None = None
    is_vague: bool = False
    qualifier: str | None = None
    includes: tuple[CasualtyMention, ...] = ()


def _kind(verb: str) -> Kind:
    v = verb.lower()
    if v.startswith(("wound", "injur", "hurt", "maim")):
        return "wounded"
    if v.startswith(("abduct", "kidnap", "captur", "taken")):
        return "captured/abducted"
    if v.startswith(("arrest", "detain", "apprehend", "rounded", "detention")):
        return "arrested"
    return "killed"


def _group(m: re.Match[str]) -> str | None:
    g = m.groupdict().get("group")
    if not g or g.lower() == "lives":
        return None
    g = g.lower()
    g = _SINGULAR.get(g, g)
    return _GROUP_NORMAL.get(g, g)


def _mention(text: str, m: re.Match[str], kind: Kind, start: int | None = None) -> CasualtyMention:
    low, high, vague, qual = _quantity(m["q"])
    s = m.start() if start is None else start
    includes: tuple[CasualtyMention, ...] = ()
    if "gap" in m.groupdict() and m["gap"]:
        inc = re.compile(_INCLUDES, _I)
        includes = tuple(
            _mention(text, i, kind) for i in inc.finditer(text, m.start("gap"), m.end())
        )
    end = m.end()
    if vague and (sub := _MADE_PRECISE.match(text, end)) is not None:
        sub_low, _, sub_vague, _ = _quantity(sub["q"])
        if not sub_vague and sub_low > 0:
            low, high, vague, qual, end = sub_low, None, False, "at least", sub.end()
    return CasualtyMention(s, end, text[s:end], kind, low, high, _group(m), vague, qual, includes)


def _with_conjunct(text: str, mention: CasualtyMention) -> CasualtyMention:
    """Fold "two soldiers and three civilians were killed" into one figure of five, with the
    two parts as ``includes``: the parts are one report, not two conflicting ones."""
    m = _CONJ_BEFORE.search(text, max(0, mention.start - 80), mention.start)
    if m is None:
        one = _ONE_BEFORE.search(text, max(0, mention.start - 80), mention.start)
        return mention if one is None else _plus_one(text, mention, one.start())
    first = _mention(text, m, mention.kind)
    high = None if first.high is None or mention.high is None else first.high + mention.high
    return CasualtyMention(
        first.start,
        mention.end,
        text[first.start : mention.end],
        mention.kind,
        first.low + mention.low,
        high,
        None,
        first.is_vague or mention.is_vague,
        None,
        (first, mention),
    )


def _plus_one(text: str, mention: CasualtyMention, start: int) -> CasualtyMention:
    """``mention`` with one more victim, named from ``start``: "a mukhtar and his two sons"."""
    high = None if mention.high is None else mention.high + 1
    surface = text[start : mention.end]
    return replace(
        mention, start=start, surface=surface, low=mention.low + 1, high=high, group=None
    )


def _with_following(text: str, mention: CasualtyMention) -> CasualtyMention:
    """Add the victims an object's "and ..." goes on to name: "killed a commander and his
    driver" is two, "killed a woman and her two children" three."""
    m = _CONJ_AFTER.match(text, mention.end)
    if m is None:
        return mention
    more = m["q"] or m["q2"]
    extra, extra_high, vague, _ = _quantity(more) if more else (1, 1, False, None)
    high = None if mention.high is None or extra_high is None else mention.high + extra_high
    return replace(
        mention,
        end=m.end(),
        surface=text[mention.start : m.end()],
        low=mention.low + extra,
        high=high,
        group=None,
        is_vague=mention.is_vague or vague,
    )


def _plus_one_in_gap(text: str, m: re.Match[str], mention: CasualtyMention) -> CasualtyMention:
    """Count the one victim a passive subject adds before its verb: "three soldiers and a
    civilian were killed" is four."""
    gap = m.groupdict().get("gap")
    if not gap or _ONE_MORE_IN_GAP.match(gap) is None:
        return mention
    high = None if mention.high is None else mention.high + 1
    return replace(mention, low=mention.low + 1, high=high, group=None)


_BEFORE, _AFTER = 280, 80  # longest subject + gap before a trigger; longest object after it


def _trigger_spans(text: str) -> list[tuple[int, int]]:
    """Where the trigger stems occur. ``str.find`` per stem is a C-speed scan, many times
    faster than one case-insensitive alternation tried at every offset."""
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII letters change length when lowered
        return [m.span() for m in _TRIGGER.finditer(text)]
    spans = []
    for stem in _TRIGGERS:
        i = low.find(stem)
        while i >= 0:
            spans.append((i, i + len(stem)))
            i = low.find(stem, i + 1)
    return sorted(spans)


def _windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in _trigger_spans(text):
        lo, hi = max(0, start - _BEFORE), min(len(text), end + _AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            # Start at a word start, so a figure is never cut ("1,300" read as "300").
            lo = max(text.rfind(" ", 0, lo), text.rfind("\n", 0, lo)) + 1 if lo else 0
            out.append((lo, hi))
    return out


def _matches(text: str) -> Iterator[CasualtyMention]:
    for lo, hi in _windows(text):
        yield from _window_matches(text, lo, hi)


def _qty_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets of words that can open a quantity ("1,300", "three", "more than", "dozens")."""
    return [
        m.start()
        for m in _TOKEN.finditer(text, lo, hi)
        if m.group()[0].isdigit() or m.group().lower() in _QTY_FIRST
    ]


def _finditer_at(
    pattern: re.Pattern[str], text: str, starts: list[int], hi: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer`` restricted to ``starts``: same non-overlapping results for patterns
    that open on a quantity, without trying the big quantity grammar at every word."""
    end = -1
    for s in starts:
        if s >= end and (m := pattern.match(text, s, hi)) is not None:
            end = m.end()
            yield m


_OTHER_DEAD = re.compile(r"\b(?:kill|dead|died|death|toll|slain)", re.I)


# "Fighting … entered its fifth day, with the death toll rising to 54": the toll of days of
# fighting, not of one day's event.
_DAYS_OF_FIGHTING = re.compile(
    r"\b(?:entered|into)\s+(?:its|their)\s+\w+\s+(?:day|week|month)\b|\b(?:\w+|\d+)\s+(?:days|weeks)\s+of"
    r"\s+(?:fighting|clashes|battles?|bombardment|shelling)\b",
    re.I,
)


def _over_days(text: str, mention: CasualtyMention) -> bool:
    """Whether the sentence of ``mention`` counts the dead of days of fighting."""
    start = text.rfind(".", 0, mention.start) + 1
    return bool(_DAYS_OF_FIGHTING.search(text, start, mention.end + 40))


def _rest_of_sentence(text: str, start: int) -> str:
    end = text.find(".", start)
    return text[start : end if end >= 0 else len(text)]


def _sentence_without(text: str, m: re.Match[str]) -> str:
    """The sentence around ``m`` with ``m`` itself left out."""
    begin = text.rfind(".", 0, m.start()) + 1
    return text[begin : m.start()] + " " + _rest_of_sentence(text, m.end())


def _window_matches(text: str, lo: int, hi: int) -> Iterator[CasualtyMention]:
    starts = _qty_starts(text, lo, hi)
    patterns = (
        _PASSIVE,
        _PASSIVE_BARE,
        _ACTIVE,
        _LEFT,
        _NOUN_OF,
        _COUNT_NOUN,
        _SINGLE,
        _SINGLE_PAIR,
        _SELF_BLAST,
    )
    for pattern in (*patterns, _ACTIVE_ONE):
        conjoinable = pattern in (_PASSIVE, _LEFT, _COUNT_NOUN)
        if pattern in _QTY_FIRST_PATTERNS:
            found = _finditer_at(pattern, text, starts, hi)
        else:
            found = pattern.finditer(text, lo, hi)
        for m in found:
            verb = m.groupdict().get("verb") or "killed"
            if "grave" in text[max(lo, m.start() - 80) : m.start()] and (
                verb.lower() == "bodies" or pattern is _PASSIVE
            ):
                # The dead of a mass grave ("the bodies of hundreds of soldiers massacred by
                # ISIL") died long before the day it was found.
                continue
            mention = _mention(text, m, _kind(verb))
            if pattern is _PASSIVE:
                mention = _plus_one_in_gap(text, m, mention)
                then = _THEN_KILLED.match(text, m.end())
                if mention.kind != "killed" and then is not None:
                    surface = text[mention.start : then.end()]
                    yield replace(mention, kind="killed", end=then.end(), surface=surface)
            if pattern is _SINGLE_PAIR:
                mention = _plus_one(text, mention, mention.start)  # "a soldier and a civilian"
            if pattern in (_ACTIVE, _ACTIVE_ONE, _NOUN_OF):
                # ("the deaths of 11 SDF members and at least 17 faction fighters": 28)
                mention = _with_following(text, mention)
            if pattern is _SELF_BLAST and _OTHER_DEAD.search(_sentence_without(text, m)):
                # "… blew himself up, killing three soldiers", "seven people were killed when a
                # suicide bomber blew himself up": the toll the text gives is the figure to
                # keep (the lowest-figure rule would take the bomber's one alone); "…, wounding
                # two soldiers" gives no toll, so the bomber's death stands.
                continue
            yield _with_conjunct(text, mention) if conjoinable else mention
    for pattern in (_LIVES, _LOST, _TOLL, _BODY_OF, _KILLED_AND_WOUNDED):
        for m in pattern.finditer(text, lo, hi):
            yield _mention(text, m, "killed")
    for m in _KILLING_HIM.finditer(text, lo, hi):
        start = m.start("verb")
        him = CasualtyMention(start, m.end(), text[start : m.end()], _kind(m["verb"]), 1, 1)
        yield _with_following(text, him)  # "killing him and two companions": three
    for m in _NONE_VERB.finditer(text, lo, hi):
        verb = m["verb"].lower()
        for kind in ("killed", "wounded") if verb in {"hurt", "harmed"} else (_kind(verb),):
            yield CasualtyMention(m.start(), m.end(), m.group(), kind, 0, 0)
    for m in _NONE_NOUN.finditer(text, lo, hi):
        # "no reports of casualties" is not a denial, but ACLED codes it 0 as well; flag it.
        kinds: tuple[Kind, ...] = ("killed",)
        if m["verb"].lower() not in {"deaths", "fatalities"}:
            kinds = ("killed", "wounded")
        for kind in kinds:
            yield CasualtyMention(
                m.start(), m.end(), m.group(), kind, 0, 0, is_vague=bool(m["report"])
            )
    for m in _MASSACRE.finditer(text, lo, hi):
        yield CasualtyMention(
            m.start(), m.end(), m.group(), "killed", VAGUE_COUNTS["massacre"], None, is_vague=True
        )


def find_casualties(text: str, doc: Doc | None = None) -> list[CasualtyMention]:
    """Every casualty figure in ``text``, in text order.

    1. Run the precompiled phrase patterns (passive, active, "left N dead", "the arrest of
       N", "N dead", "a man was shot dead", "claimed N lives", death tolls, explicit zeros,
       "a massacre"); drop running totals ("600 have died since 2014").
    2. Drop a mention lying inside another of the same kind (sub-counts such as "including
       973 civilians" are kept only as ``includes`` of the larger figure).
    3. With a spaCy ``doc``, drop mentions that straddle a sentence boundary,
    4. and add the dead it names (:mod:`orbat.nlp.named_victims`).
    """
    # 1. candidates, longest first at each start; running totals are no event's toll
    found = sorted(
        (
            c
            for c in _matches(text)
            if not _CUMULATIVE.match(text, c.end) and not _over_days(text, c)
        ),
        key=lambda c: (c.start, -(c.end - c.start)),
    )
    # 2. containment within a kind
    kept: list[CasualtyMention] = []
    for c in found:
        if not any(k.kind == c.kind and k.start <= c.start and c.end <= k.end for k in kept[-8:]):
            kept.append(c)
    # 3. sentence boundaries; 4. the dead the text names ("killed Abu Baqir al-Saadi and two
    # others"), where no figure already counts them
    if doc is not None:
        bounds = [s.start_char for s in doc.sents][1:]
        kept = [c for c in kept if not any(c.start < b < c.end for b in bounds)]
        killed = [c for c in kept if c.kind == "killed"]
        for v in named_victims(text, doc):
            if not any(c.start < v.end and v.start < c.end for c in killed):
                surface = text[v.start : v.end]
                kept.append(CasualtyMention(v.start, v.end, surface, "killed", v.count, v.count))
        kept.sort(key=lambda c: c.start)
    return kept


def acled_fatalities(mentions: Iterable[CasualtyMention]) -> int | None:
    """ACLED's fatality figure for one event from the mentions that report it.

    Killed only (wounded, abducted and arrested never count). The lowest reported figure
    wins, as the codebook says. A precise figure is preferred to a vague word's mapped
    value, because the codebook keeps the vague estimate only "until a more reliable ...
    estimate becomes available". 0 when the sources say explicitly that no one died; ``None``
    when nothing is known (ACLED itself would then record 0; the caller decides).
    """
    killed = [m for m in mentions if m.kind == "killed"]
    if not killed:
        return None
    precise = [m.low for m in killed if not m.is_vague]
    return min(precise) if precise else min(m.low for m in killed)
