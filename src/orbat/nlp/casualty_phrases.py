"""The grammar of casualty phrases: number words and vague counts, the quantity a phrase
states, and the patterns :func:`orbat.nlp.numbers.find_casualties` matches."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["VAGUE_COUNTS"]

#: Figures for vague quantity words. From research/event-coding.md (ACLED codebook,
#: "Reported fatalities"): "several", "many", "few" -> 3 or 10 by the scale of the attack (we
#: cannot judge scale from a phrase, so we take 3, the lower and more conservative value);
#: "dozens" -> 12; "hundreds" -> 100. The rest are orbat's own conservative choices, by
#: analogy with those rules: "tens" and "scores" are as vague as "dozens" and take its 12 (read
#: as one unit of the word, 10 and 20, they beat or undercut "dozens" for no reason the text
#: gives), and "massacre" is treated like "several", since it implies plural fatalities but no
#: figure.
VAGUE_COUNTS: dict[str, int] = {
    "several": 3,
    "many": 3,
    "few": 3,
    "a few": 3,
    "dozens": 12,
    "hundreds": 100,
    # orbat's choices, not in the note:
    "a number": 3,
    "a handful": 3,
    "some": 3,
    "numerous": 3,
    "multiple": 3,
    "massacre": 3,
    "tens": 12,
    "scores": 12,
    "thousands": 1_000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
}


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_UNITS = _split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _split("twenty thirty forty fifty sixty seventy eighty ninety")
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}


def _longest_first(words: Iterable[str]) -> str:
    """An alternation that tries "fourteen" before "four": a figure is re-parsed from the start
    of its phrase, where the shorter word would otherwise win (14 read as 4)."""
    return "|".join(sorted(words, key=len, reverse=True))


_W1 = (
    rf"(?:(?:{_longest_first(_TENS)})(?:[-\s](?:{_longest_first(_UNITS[1:10])}))?"
    rf"|(?:{_longest_first(_UNITS)})\b)"
)
_WORDS = rf"(?:(?:{_W1}|a)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_W1})?|{_W1})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d,.]\d)"
_DOZEN = rf"(?:half\s+a|a|{_W1})\s+dozen|a\s+couple(?:\s+of)?"
_VAGUE = (
    r"hundreds\s+of\s+thousands|tens\s+of\s+thousands|dozens|scores|hundreds|thousands|tens"
    r"|several|a\s+few|few|many|numerous|multiple|a\s+number|a\s+handful"
)
_QUAL = (
    r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|nearly"
    r"|almost|about|around|approximately|roughly|some|up\s+to|as\s+many\s+as|fewer\s+than"
    r"|less\s+than|under|an\s+estimated|a\s+total\s+of|a\s+further|another|an\s+additional"
)
_NUM = rf"(?:{_DIGITS}|{_DOZEN}|{_VAGUE}|{_WORDS})"
# A whole quantity phrase, without groups, for embedding; parsed again by _QTY_PARSE.
_QTY = (
    rf"(?<![\d.,])(?:between\s+(?:{_DIGITS}|{_WORDS})\s+and\s+(?:{_DIGITS}|{_WORDS})|(?:(?:{_QUAL})\s+)?"
    rf"{_NUM}(?:\s*(?:-|–|to|or)\s*(?:{_DIGITS}|{_WORDS}))?(?:\s+or\s+more)?)"
)
_QTY_PARSE = re.compile(
    rf"between\s+(?P<b1>{_DIGITS}|{_WORDS})\s+and\s+(?P<b2>{_DIGITS}|{_WORDS})"
    rf"|(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<num2>{_DIGITS}|{_WORDS}))?(?P<more>\s+or\s+more)?",
    re.IGNORECASE,
)

_GROUP_WORDS = _split(
    "people persons individuals civilians fighters militants members soldiers troops "
    "servicemen policemen officers personnel militiamen gunmen insurgents jihadists rebels "
    "terrorists attackers suspects guards children women men protesters demonstrators "
    "refugees workers conscripts leaders commanders recruits residents villagers students "
    "journalists pilgrims worshippers passengers martyrs relatives sisters brothers sons "
    "daughters activists officials clerics doctors lawyers judges teachers engineers "
    "farmers shepherds employees servicemembers contractors drivers bodyguards companions "
    "wives husbands fathers mothers elements operatives extremists mukhtars sheikhs elders "
    # "Tens of pro-Hadi militias were killed": outlets that count fighters as militias
    "militias mercenaries paramilitaries guardsmen "
    # "two Peshmerga were killed": the Kurdish word for the fighters is its own plural
    "peshmerga"
)
_SINGULAR = {"person": "people", "man": "men", "woman": "women", "child": "children"}
_SINGULAR |= {w[:-1]: w for w in _GROUP_WORDS if w.endswith("s") and w[:-1] not in _SINGULAR}
# "policemen", "gunmen", "servicemen", "militiamen": one is a "-man".
_SINGULAR |= {w[:-3] + "man": w for w in _GROUP_WORDS if w.endswith("men") and len(w) > 5}
_GROUP_NORMAL = {"persons": "people", "individuals": "people"}
_GROUP = (
    r"(?P<group>"
    + "|".join(sorted([*_GROUP_WORDS, *_SINGULAR, "police", "lives"], key=len, reverse=True))
    + r")\b"
)
# Up to three modifiers between number and noun: "three Syrian refugees", "22 of its members".
_MODS = (
    r"(?:of\s+(?:(?:its|their|his|her|the|them|those)\s+)?)?"
    rf"(?:(?!(?:and|or|of|{_W1}|were|was|had|have|has)\b)[\w’'-][\w’'.-]*\s+){{0,3}}?"
)

_KILL_PP = (
    r"killed|slain|murdered|executed|massacred|beheaded|shot\s+dead|gunned\s+down|martyred"
    r"|assassinated|found\s+dead|found\s+killed"
)
_WOUND_PP = r"wounded|injured|hurt|maimed"
_CAPTURE_PP = r"abducted|kidnapped|captured|taken\s+(?:hostage|captive|prisoner)"
_ARREST_PP = r"arrested|detained|apprehended|rounded\s+up|taken\s+into\s+custody"
_PP = rf"{_KILL_PP}|{_WOUND_PP}|{_CAPTURE_PP}|{_ARREST_PP}"
_AUX = (
    r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being|got)\s+"
    r"(?:(?:reportedly|allegedly|also|all|later|subsequently|then|either|both|"
    r"confirmed|believed\s+to\s+have\s+been|said\s+to\s+have\s+been)\s+)?"
)
_INTRANSITIVE = (
    r"(?:have\s+|had\s+|has\s+)?(?:died|perished|lost\s+their\s+lives"
    r"|succumbed\s+to\s+(?:his|her|their)\s+(?:wounds|injuries))"
)
_INCLUDES = rf"(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?P<q>{_QTY})\s+{_MODS}{_GROUP}"
# Between subject and verb, anything but a sentence end or another figure (an "including"
# clause is allowed): "Three fighters from a pro-Iranian militia were killed".
_GAP = (
    rf"(?P<gap>(?:(?:including|among\s+them|among\s+whom|of\s+whom)\s+{_QTY}"
    # "Five members of one family, including three children, were killed"
    r"|\b(?:of|from)\s+one\s+family"
    # (An ordinal is no figure: "Two soldiers of the 9th Armoured Division were killed".)
    rf"|(?!\b(?:{_W1}|dozens|hundreds)\b)(?:[^.;!?\d]|\d+(?:st|nd|rd|th)\b)){{0,160}}?)"
)

_I = re.IGNORECASE
# Headlines and digests drop the auxiliary: "Two farmers shot dead by ISIS gunmen near Abbara",
# "Three soldiers killed in IED blast" (the preposition after the participle says passive).
_NO_AUX = rf"(?=(?:{_PP})\s+(?:by|in|near|at|during|when|after|as|on|while)\b)"
_PASSIVE = re.compile(
    rf"\b(?P<q>{_QTY})\s+{_MODS}{_GROUP}{_GAP}\b(?:(?:{_AUX}|{_NO_AUX})(?P<verb>{_PP})"
    rf"|(?P<died>{_INTRANSITIVE}))\b",
    _I,
)
_PASSIVE_BARE = re.compile(
    rf"\b(?P<q>{_QTY})\s+(?:(?:of\s+)?(?:them|whom|those)\s+)?"
    rf"(?:{_AUX}(?P<verb>{_PP})|(?P<died>{_INTRANSITIVE}))\b",
    _I,
)
_ACTIVE = re.compile(
    r"\b(?P<verb>kill(?:ed|ing|s)?|massacr(?:ed|ing)|execut(?:ed|ing|es)|behead(?:ed|ing|s)?"
    # Iraqi and Iranian outlets: "an attack … martyring two fighters".
    r"|martyr(?:ed|ing|s)?"
    r"|wound(?:ed|ing|s)?|injur(?:ed|ing|es)"
    r"|abduct(?:ed|ing|s)?|kidnapp?(?:ed|ing|s)?|captur(?:ed|ing|es)|arrest(?:ed|ing|s)?"
    # "killed a family of five": the family's members.
    r"|detain(?:ed|ing|s)?)\s+(?:an?\s+family\s+of\s+)?(?P<q>"
    + _QTY
    + rf")(?:\s+{_MODS}{_GROUP}|(?!\s*(?:km|kilomet|mile|met|percent|%|year|day|hour|time"
    r"|month|week|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|,\d)))",
    _I,
)
_LEFT = re.compile(
    rf"\b(?:left|leaving|leaves)\s+(?P<q>{_QTY})\s+(?:{_MODS}{_GROUP}\s+"
    # "leaving two members of the regime's forces dead": whose they were, before the toll.
    r"(?:of\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2}?\s+)?)?"
    r"(?P<verb>dead|killed|injured|wounded|hurt)\b",
    _I,
)
_NOUN_OF = re.compile(
    r"\b(?P<verb>arrests?|detention|killings?|deaths?|abductions?|kidnappings?|capture|murders?"
    # "the bodies of two shepherds" were found: their dead.
    r"|bodies)"
    rf"\s+of\s+(?:the\s+)?(?P<q>{_QTY})(?:\s+{_MODS}{_GROUP})?(?![\w,]*\d)",
    _I,
)
_COUNT_NOUN = re.compile(
    rf"\b(?P<q>{_QTY})\s+(?:{_MODS}{_GROUP}\s+)?"
    r"(?P<verb>dead|deaths|fatalities|killed|injured|wounded|injuries|arrested|detained|abducted"
    rf"|kidnapped)\b(?!\s+(?:by|in\s+an?|a|an|the|\d|{_W1})\b)",
    _I,
)
# "killing and wounding several people", "killed and injured dozens": the dead are some of a
# vague count the text does not split. The vague word's figure is the most conservative reading
# of the dead (ACLED: "several" killed -> 3); a precise figure ("killing and wounding 20")
# may count mostly the wounded, so it gives no toll.
_KILLED_AND_WOUNDED = re.compile(
    rf"\bkill(?:ed|ing)\s+and\s+(?:wound|injur)(?:ed|ing)\s+(?:(?:{_QUAL})\s+)?(?P<q>{_VAGUE})"
    rf"(?:\s+{_MODS}{_GROUP})?",
    _I,
)
# "Liwa al-Quds lost two fighters in an ISIS ambush": a force's dead.
_LOST = re.compile(rf"\blost\s+(?P<q>{_QTY})\s+(?:of\s+(?:its|their)\s+)?{_MODS}{_GROUP}\b", _I)
_LIVES = re.compile(
    rf"\bclaim(?:ed|ing|s)?\s+(?:the\s+lives\s+of\s+)?(?P<q>{_QTY})(?:\s+{_MODS}{_GROUP})?", _I
)
_TOLL = re.compile(
    r"\b(?:death\s+)?toll\b[^.;!?\d]{0,60}?\b(?:rose|risen|rises|climbed|climbs|reached|reaches"
    rf"|stands|stood|jumped|increased|hit|of|at|to)\s+(?:at\s+|to\s+)?(?P<q>{_QTY})",
    _I,
)
_NONE_VERB = re.compile(
    r"\b(?:no\s*(?:one|body)|nobody|none)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:reportedly\s+)?"
    r"(?P<verb>killed|hurt|injured|wounded|harmed)\b",
    _I,
)
_NONE_NOUN = re.compile(
    r"\b(?:no|without(?:\s+causing)?(?:\s+any)?)\s+(?P<report>(?:immediate\s+)?reports?\s+of\s+)?"
    r"(?:(?:immediate|further|other|human|known)\s+)?"
    r"(?P<verb>casualties|injuries|deaths|fatalities|victims)\b",
    _I,
)
# A conjunct just before a figure: "two soldiers and [three civilians were killed]".
# One person: "A man was shot dead", "a PMF member was killed", "one soldier died", "killed a
# policeman". Up to four modifiers ("assassinated a former Free Syrian Army commander"), none of
# them a verb or an article: "a statement said a civilian …" is no one.
_ONE_MODS = (
    r"(?:(?!(?:an?|the|and|or|of|was|were|is|has|had|said|says)\b)[\w’'-][\w’'.-]*\s+){0,4}?"
)
_ONE_GROUP = (
    r"(?P<group>"
    + "|".join(sorted([*_SINGULAR, "policeman", "boy", "girl"], key=len, reverse=True))
    + r")\b"
)
# "The body of a young man was found": one dead, as "the bodies of two shepherds" are two.
_BODY_OF = re.compile(rf"\bbody\s+of\s+(?P<q>an?|one)\s+{_ONE_MODS}{_ONE_GROUP}", _I)
_ACTIVE_ONE = re.compile(
    r"\b(?P<verb>kill(?:ed|ing|s)?|shot\s+dead|gunned\s+down|assassinat(?:ed|ing|es)"
    r"|execut(?:ed|ing|es)|behead(?:ed|ing|s)?"
    r"|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|abduct(?:ed|ing|s)?"
    rf"|kidnapp?(?:ed|ing|s)?|arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?"
    # "documented the death of a child and the injury of three others"
    # "killed the mukhtar of the village": one, as "a mukhtar" is.
    r"|(?:death|injury)\s+of)\s+(?P<q>an?|one|the)\s+"
    rf"{_ONE_MODS}{_ONE_GROUP}",
    _I,
)
# Two single victims one plural verb tells of: "a soldier and a civilian were killed", "an
# army officer and his son were shot dead".
_SINGLE_PAIR = re.compile(
    rf"\b(?P<q>an?|one)\s+{_ONE_MODS}{_ONE_GROUP}\s*,?\s+and\s+(?:an?|one|his|her|their|its)\s+"
    rf"{_ONE_MODS}[\w’'-]+\s+(?:{_AUX}(?P<verb>{_PP})|(?P<died>{_INTRANSITIVE}))\b",
    _I,
)
# One victim before a plural figure: "[a mukhtar and his] two sons were killed", "[a PMF
# commander and] two of his guards".
_ONE_BEFORE = re.compile(
    rf"\b(?:an?|one)\s+{_ONE_MODS}{_ONE_GROUP}\s*,?\s+and\s+(?:(?:his|her|their|its)\s+)?$", _I
)
# "opened fire on a former commander, killing him": the one person the clause already named.
_KILLING_HIM = re.compile(r",\s+(?P<verb>killing|wounding|injuring)\s+(?:him|her)\b", _I)
_SINGLE = re.compile(
    rf"\b(?P<q>an?|one)\s+{_ONE_MODS}{_ONE_GROUP}{_GAP}\b(?:(?:was|has\s+been|had\s+been|is)\s+(?:(?:reportedly|allegedly|also|"
    rf"later|then)\s+)?(?P<verb>{_PP})|(?P<died>(?:has\s+|had\s+)?died))\b",
    _I,
)
# Bombers who die by their own blast are dead (ACLED counts every reported death): "two
# suicide bombers blew themselves up", "two militants detonated explosives, killing
# themselves".
_SELF = r"(?:themselves|himself|herself)"
_SELF_BLAST = re.compile(
    rf"\b(?P<q>{_QTY}|an?|one)\s+(?:suicide\s+)?(?P<group>bombers?|attackers?|militants?)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:blew\s+{_SELF}\s+up|(?:detonated|set\s+off)\b[^.;]{{0,60}}?"
    rf"\bkilling\s+{_SELF}|killed\s+{_SELF})",
    _I,
)
# "were abducted and shot dead": the second verb kills the same people.
_THEN_KILLED = re.compile(
    r"\s+and\s+(?:then\s+|later\s+)?(?:shot\s+dead|killed|executed|beheaded|murdered)\b", _I
)
# A vague figure made precise by its own sub-count: "many were killed, among them 13
# soldiers" is at least 13, not the 3 that "many" stands for.
_MADE_PRECISE = re.compile(
    rf"\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?P<q>{_QTY})\s+"
    rf"{_MODS}{_GROUP}",
    _I,
)
# A running total is not one event's toll: "nearly 600 people have died since 2014", "the
# 1,200 killed so far this year", "over the past two years".
_CUMULATIVE = re.compile(
    r"[^.;!?]{0,40}?\b(?:since\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset)\b|\d{4}\b|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b(?!\s+\d))|so\s+far\s+this|(?:over|in|during)\s+the\s+(?:past|last)\s+"
    r"(?:\w+\s+)?(?:years?|months?|decades?)\b|to\s+date\b|this\s+year\b)",
    _I,
)
_CONJ_BEFORE = re.compile(rf"\b(?P<q>{_QTY})\s+{_MODS}(?P<group>[\w’'-]+)\s*,?\s+and\s+$", _I)
# The victims an active verb's object goes on to add: "killed a commander and his driver",
# "killed a woman and her two children", "killing two fighters and a civilian".
_CONJ_AFTER = re.compile(
    # (Past the group the victim served: "killed a commander of Kataib Hezbollah and three of
    # his companions" is four.)
    r"(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,3})?"
    rf"\s*,?\s+and\s+(?:(?P<q>{_QTY})|(?P<det>an?|one|his|her|their|its)(?:\s+(?P<q2>{_QTY}))?)"
    # (Not the subject of a clause of its own: "killed a policeman and an officer was hurt".)
    rf"\s+{_MODS}{_GROUP}(?!\s+(?:was|were|is|are|has|have|had)\b)",
    _I,
)
# ... and the one a passive subject adds before its verb: "three soldiers and a civilian".
_ONE_MORE_IN_GAP = re.compile(rf"\s*,?\s+and\s+(?:an?|one)\s+{_ONE_MODS}{_ONE_GROUP}", _I)
_MASSACRE = re.compile(r"\b(?:a|the)\s+massacre\b", _I)


def _words_to_int(words: str) -> int:
    """ "twenty-two" -> 22, "one hundred and fifty" -> 150, "a thousand" -> 1000."""
    total, current = 0, 0
    for w in re.split(r"[\s-]+", words.lower()):
        if w in {"a", "an"}:
            current = max(current, 1)
        elif w in _WORD_VALUE:
            current += _WORD_VALUE[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total, current = total + max(current, 1) * 1000, 0
    return total + current


def _value(num: str) -> tuple[int, bool]:
    """The figure a number phrase stands for, and whether it is a vague word."""
    n = " ".join(num.lower().split())
    if n[0].isdigit():
        return int(n.replace(",", "")), False
    if n in VAGUE_COUNTS:
        return VAGUE_COUNTS[n], True
    if n.startswith("a couple"):
        return 2, False
    if n.endswith("dozen"):
        head = n[: -len("dozen")].strip()
        return (6 if head == "half a" else _words_to_int(head)) * 12, False
    return _words_to_int(n), False


_LOWER_BOUND = {"at least", "more than", "over", "upwards of", "no fewer than", "no less than"}


def _quantity(q: str) -> tuple[int, int | None, bool, str | None]:
    """``(low, high, is_vague, qualifier)`` of a quantity phrase."""
    if q.lower() in ("a", "an", "the"):
        return 1, 1, False, None
    m = _QTY_PARSE.match(q)
    if m is None:  # pragma: no cover - every caller's q was matched by the same grammar
        return 0, None, False, None
    if m["b1"]:
        low, high = _value(m["b1"])[0], _value(m["b2"])[0]
        return min(low, high), max(low, high), False, "between"
    low, vague = _value(m["num"])
    qual = " ".join(m["qual"].lower().split()) if m["qual"] else None
    if vague:
        return low, None, True, qual
    if m["num2"]:
        high, _ = _value(m["num2"])
        return (low, high, False, qual) if high > low else (low, low, False, qual)
    if m["more"] or qual in _LOWER_BOUND:
        # ACLED records the lowest figure: "more than 1,300" is coded 1,300.
        return low, None, False, qual or "or more"
    return low, low, False, qual


_QTY_FIRST_PATTERNS = (_PASSIVE, _PASSIVE_BARE, _COUNT_NOUN, _SINGLE, _SELF_BLAST)
_TOKEN = re.compile(r"\w+")
_QTY_FIRST = frozenset(
    w.split()[0].split("-")[0].lower()
    for w in (
        *_UNITS,
        *_TENS,
        *_QUAL.replace("\\s+", " ").split("|"),
        *_VAGUE.replace("\\s+", " ").split("|"),
        "between",
        "half",
        "a",
        "an",
    )
)
# Every phrase pattern contains one of these stems. Patterns that open on a quantity are
# slow to try at every word, so they only run in windows around a trigger (about 5% of a
# typical article), which keeps the whole pass linear and cheap.
_TRIGGERS = _split(
    "kill dead death died perish lives slain murder execut massacr behead shot gunned martyr blew "
    "assassin wound injur hurt harm maim abduct kidnap captur taken arrest detain apprehend "
    "rounded fatalit casualt victim toll lost bodies"
)
_TRIGGER = re.compile("|".join(_TRIGGERS), _I)
