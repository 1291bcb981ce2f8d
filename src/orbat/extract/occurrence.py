"""Does a sentence report something that happened, or talk about violence in general?

The classifier says what kind of event a sentence would be; these checks decide whether the
sentence reports one at all. ACLED codes discrete happenings at a place and time, not
patterns, tallies over a period, pledges, calls to act or somebody's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from orbat.extract.news_present import news_lead
from orbat.extract.reactions import characterised, governing_verb
from orbat.nlp.model import text_of
from orbat.taxonomy import STRATEGIC
from orbat.taxonomy import sub_event_type as sub_event_type_info

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["reports_an_occurrence"]

# Habitual or generic statements describe a pattern, not an event.
_HABITUAL = re.compile(
    r"\b(long|regularly|repeatedly|routinely|typically|often|usually|frequently|increasingly|"
    r"continue[sd]? to|have been|has been \w+ing)\b",
    re.I,
)
#: Adverbs that make even a simple past a habit ("militants often attacked convoys").
_HABIT_ADVERBS = frozenset(
    ["long", "regularly", "repeatedly", "routinely", "typically", "often", "usually",
     "frequently", "increasingly"]
)  # fmt: skip
_QUOTE_MARKS = frozenset("\"“”'‘’«")
# A main verb of intent or exhortation: "pledged that his government would hold…
# accountable", "urged militias to step up their attacks". What is promised or urged has
# not happened.
_INTENT_ROOTS = frozenset(
    {"pledge", "vow", "promise", "urge", "call", "warn", "threaten", "demand", "appeal"}
)
# A tally over a period ("81 assassination attempts since October 2019", "130 strikes since
# March", "1,300 killed since Thursday in a wave of violence") sums many events; ACLED codes
# each one from its own report, never the total.
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SINCE_PERIOD = re.compile(
    rf"\bsince\s+(?:(?:early|mid|late|the start of|the beginning of)[- ]?\s*)?"
    rf"(?:{_MONTHS}|{_WEEKDAYS}|\d{{4}}\b|last\s+(?:week|month|year)"
    # "has detained more than 40 people since the start of the month"
    r"|the\s+(?:start|beginning)\s+of\s+the\s+(?:week|month|year))",
    re.I,
)
_JUDICIAL = re.compile(
    r"\b(?:sentenced|convicted|acquitted|indicted)\b(?:\s+\w+){0,4}?\s+(?:by\s+)?(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:court|judge|tribunal)|\b(?:court|judge|tribunal)\b[^.]{0,60}?"
    r"\b(?:sentenced|convicted|acquitted)\b",
    re.I,
)
_TALLY = re.compile(
    # "the 22nd rocket attack … since late October": an ordinal counts the series.
    # "this brings to 147 the number of soldiers killed … since the beginning of 2021".
    r"\b(?:total(?:\s+number)?|tally|in all|cumulative|brings\s+to|bringing\s+to"
    r"|the\s+(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\w+teenth|\w+tieth)(?:\s+such)?)\b",
    re.I,
)
# "On two occasions this year, the administration has ordered strikes": several happenings.
_OCCASIONS = re.compile(
    r"\b(?:on|in)\s+(?:two|three|four|five|several|multiple|many|numerous|\d+)\s+"
    r"(?:occasions|separate\s+(?:incidents|occasions))\b",
    re.I,
)
# "killed 15 militants in operations over the past month", "in recent weeks", "so far this
# year": a sum over a stretch of time.
_OVER_A_PERIOD = re.compile(
    r"\b(?:(?:over|during|in|within|throughout)\s+the\s+(?:past|last|previous)\s+(?:few\s+|several\s+|"
    r"two\s+|three\s+|\d+\s+)?(?:days|weeks?|months?|years?)|in\s+recent\s+(?:days|weeks|months|years)"
    r"|so\s+far\s+(?:this|in)\s+(?:year|month|\d{4}))\b",
    re.I,
)
_A_COUNT = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
    r"|dozens|scores|hundreds|thousands)\b",
    re.I,
)
# "dozens of air strikes … this year": many acts over the period ("Earlier this month,
# security forces arrested three" is one act in it).
_MANY_THIS_PERIOD = re.compile(
    r"\b(?:dozens|scores|hundreds|thousands|numerous|multiple)\s+of\b.*\bthis\s+(?:year|month)\b",
    re.I,
)
# "since the war broke out", "since the start of the conflict": a count over a whole war.
_CAMPAIGN = r"(?:offensive|operation|campaign|assault|incursion|invasion)"
_SINCE_WAR = re.compile(
    r"\bsince\s+the\s+(?:(?:start|beginning|outbreak)\s+of\s+the\s+)?"
    r"(?:war|conflict|invasion|uprising|revolution|fighting)\b"
    # "the deaths of 60 civilians since Ankara launched its offensive", "since the start of
    # the operation": a count over a campaign of many days.
    rf"|\bsince\s+(?:[\w-]+\s+){{1,3}}?(?:launched|began|started)\s+(?:its|the|their)\s+"
    rf"(?:[\w-]+\s+)?{_CAMPAIGN}\b"
    rf"|\bsince\s+the\s+(?:launch|start|beginning)\s+of\s+(?:the|its|their)\s+"
    rf"(?:[\w-]+\s+)?{_CAMPAIGN}\b",
    re.I,
)
# "eight years of conflict", "after three years of fighting": a period told as a whole is
# background, not a happening on a day.
_YEARS_OF = re.compile(
    r"\b(?:\w+|\d+)\s+years\s+of\s+(?:conflict|war|fighting|violence|combat|insurgency)\b",
    re.I,
)
# A modal on the main verb ("The time may soon come when …"): a possibility, not a report.
_HYPOTHETICAL_MODALS = frozenset({"may", "might", "could", "would", "should", "can", "will"})
# Who acts when the sentence is about legal procedure: a court's ruling, a prosecutor's
# charge, a lawyer's argument is not a protest, an arrest or an attack (ACLED codes the
# arrest from its own report, never the court case about it).
_LEGAL_SUBJECTS = frozenset(
    {"judge", "court", "tribunal", "prosecutor", "ruling", "verdict", "jury", "lawsuit", "lawyer"}
)
# The subject of a description of a picture ("The poster … depicts American soldiers …
# lying dead"): what an image shows is not an event.
_IMAGE_SUBJECTS = frozenset(
    {
        "poster",
        "image",
        "photo",
        "photograph",
        "picture",
        "cartoon",
        "mural",
        "illustration",
        "graphic",
        "meme",
        "banner",
        "video",
        "clip",
        "footage",
        "scene",
    }
)
_DEPICTING_VERBS = frozenset(
    {"depict", "portray", "show", "feature", "use", "illustrate", "display", "parody"}
)
# Verbs that move weapons from hand to hand ("missiles … were sent to Russia"): a transfer,
# not their use.
_TRANSFER_VERBS = frozenset(
    {
        "send",
        "supply",
        "deliver",
        "ship",
        "smuggle",
        "transfer",
        "provide",
        "sell",
        "export",
        "give",
        "hand",
        "stop",
        "receive",
    }
)
# Prepositions that point back at a happening an act answers ("in retaliation for",
# "after", "over").
_CAUSE_PREPOSITIONS = frozenset({"for", "after", "over", "following"})
# What people may be "engaged in" without fighting.
_PEACEFUL_ACTIVITIES = frozenset(
    {
        "negotiation",
        "talk",
        "dialogue",
        "discussion",
        "diplomacy",
        "mediation",
        "trade",
        "business",
        "consultation",
        "contact",
        "conversation",
        "debate",
    }
)
# Verbs whose infinitive complement happened or is itself the event: an attempt, a start,
# an agreement ("agreed to withdraw US combat troops" is an Agreement).
_ATTEMPT_VERBS = frozenset(
    {"attempt", "try", "begin", "start", "continue", "manage", "fail", "agree", "decide"}
)
# Publishing reports about violence ("The UN has published several reports detailing
# crimes against protesters") is not the violence.
_PUBLISHING_VERBS = frozenset({"publish", "release", "issue"})
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:been\s+)?\w+(?:ed|en|wn)\b", re.I)


def reports_an_occurrence(
    sentence: Span, sub_event_type: str | None = None, cue_starts: Sequence[int] = ()
) -> bool:
    """An event report is told in the past (``killed``, ``was attacked``, ``have been
    killed``), by the reporter, about one happening: not a habit ("have long targeted"), a
    quotation, a pledge or call, a tally over a period, or a court's sentence (ACLED codes
    the arrest, not the trial).
    """
    text = sentence.text
    if sub_event_type == "Arrests" and _JUDICIAL.search(text):
        return False
    if _habitual(sentence) and not any(t.like_num for t in sentence):
        return False
    if text.lstrip()[:1] in _QUOTE_MARKS:
        # A sentence that opens with a quotation is somebody's words (a slogan, a poster's
        # caption, a spokesman), not the reporter's account of what happened.
        return False
    if cue_starts and all(_quoted(text, at - sentence.start_char) for at in cue_starts):
        # The event words are all inside a quotation: somebody's words ("an expert said:
        # “What the Russians need in Ukraine right now are missiles.”"), not the report.
        return False
    if cue_starts and all(_in_earlier_acts(text, at - sentence.start_char) for at in cue_starts):
        # "blamed for previous rocket attacks", "frequent attacks on the airport": acts told
        # as a class of earlier ones, none of them reported here.
        return False
    root = sentence.root
    if root.lemma_.lower() in _INTENT_ROOTS:
        return False
    if is_tally(text):
        return False
    if _YEARS_OF.search(text) and not _strategic(sub_event_type):
        # Violence told with "eight years of conflict" sums the period; an agreement or a
        # decision "after seven years of fighting" is still one act, the years its background.
        return False
    if not _reported_fact(sentence, cue_starts):
        return False
    return (
        any(t.tag_ in ("VBD", "VBN") for t in sentence)
        or _past_form_cue(sentence, cue_starts)
        or _headline(sentence)
        or news_lead(sentence)
    )


def _past_form_cue(sentence: Span, cue_starts: Sequence[int]) -> bool:
    """Whether an event word is a past form the tagger misread: in "Gunmen on a motorcycle
    shot dead a member …" spaCy takes "motorcycle shot" for a noun phrase and the sentence
    seems to have no past verb. "shot dead" is a verb whatever its tag, and so is "retook"."""
    starts = set(cue_starts)
    return any(
        t.idx in starts
        and (
            t.lower_ in _IRREGULAR_PAST  # "Government forces retook the town": tagged VBP
            or (
                t.lower_ in _PAST_FORMS
                and t.i + 1 < sentence.end
                and t.nbor().lower_ in ("dead", "down")
            )
        )
        for t in sentence
    )


#: Past forms that a following "dead" or "down" makes a verb ("shot dead", "gunned down",
#: "struck down"), whatever the tagger made of them.
_PAST_FORMS = frozenset({"shot", "gunned", "struck", "cut"})
#: Irregular past tenses of event verbs that the small tagger, not knowing them, may tag as
#: present or as a noun; they are past whatever their tag.
_IRREGULAR_PAST = frozenset(
    {"retook", "overran", "withdrew", "fought", "blew", "stole", "took", "drove", "struck"}
)


def _headline(sentence: Span) -> bool:
    """Whether ``sentence`` is a headline on a line of its own at the top of the text, told in
    the headline's present tense ("Turkish drone strike kills three PKK members in Sinjar"):
    a report of a happening, not a habit. A photo caption ends in a full stop instead."""
    text = text_of(sentence.doc)
    line_end = text.find("\n", sentence.start_char)
    line_end = len(text) if line_end < 0 else line_end
    return (
        not text[: sentence.start_char].strip()
        and sentence.end_char >= len(text[:line_end].rstrip())
        and not text[:line_end].rstrip().endswith((".", "!", "?", '"', "”"))
        and sentence.root.tag_ in ("VBZ", "VBP")
        and len(sentence) <= _HEADLINE_WORDS
    )


_HEADLINE_WORDS = 20


def _in_earlier_acts(text: str, at: int) -> bool:
    return any(m.start() <= at < m.end() for m in _EARLIER_ACTS.finditer(text))


_EARLIER_ACTS = re.compile(
    # Not "a series of attacks" on a day: a series is reported, only its members are not.
    r"\b(?:previous|prior|earlier|past|repeated|recurrent|frequent)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks|strikes|air\s*strikes|bombings|assaults|incidents|raids|clashes|killings)\b",
    re.I,
)


def _habitual(sentence: Span) -> bool:
    """Whether the sentence tells a habit ("have long targeted", "have been attacking",
    "continue to shell"). A simple past main verb tells one act, whatever a clause beside it
    says ("recaptured another village on Sunday as they continue to clear holdouts"), unless
    an adverb of habit qualifies it or a perfect progressive stands beside it."""
    if not _HABITUAL.search(sentence.text):
        return False
    if _SINCE_TODAY.search(sentence.text) and not any(t.lower_ in _HABIT_ADVERBS for t in sentence):
        return False  # "clashes have been raging since dawn": one happening, still going on
    root = sentence.root
    if root.tag_ == "VBD" and not _ONGOING.search(sentence.text):
        return any(c.dep_ == "advmod" and c.lower_ in _HABIT_ADVERBS for c in root.children)
    return True


# A perfect progressive that runs from earlier the same day tells one happening.
_SINCE_TODAY = re.compile(
    r"\bsince\s+(?:dawn|daybreak|first\s+light|midnight|(?:early\s+)?(?:this|the)\s+morning"
    r"|early\s+(?:morning|today)|last\s+night)\b",
    re.I,
)
#: A perfect progressive is a habit wherever it stands ("a militia that has been targeting").
_ONGOING = re.compile(r"\bha(?:ve|s) been \w+ing\b", re.I)


def _strategic(sub_event_type: str | None) -> bool:
    if sub_event_type is None:
        return False
    return sub_event_type_info(sub_event_type).event_type == STRATEGIC


def _reported_fact(sentence: Span, cue_starts: Sequence[int]) -> bool:
    """Whether the sentence's main clause reports the event rather than a possibility, a
    court case, a picture, a weapons transfer or a publication about it, and its event words
    are not all in a clause of purpose or intent ("to attack Iran", "to support … against the
    offensive")."""
    root = sentence.root
    if any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _HYPOTHETICAL_MODALS
        for c in root.children
    ):
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "Gunmen killed two guards on Sunday, a video showed": the court or the picture only
    # attests an event the reporter tells in a clause of its own.
    # ("… that the arrest was unlawful" is a judgement, not a told event.)
    attests = any(
        c.dep_ in ("ccomp", "parataxis") and c.lemma_.lower() != "be" for c in root.children
    )
    if not attests and any(s.lemma_.lower() in _LEGAL_SUBJECTS for s in subjects):
        return False
    if (
        not attests
        and root.lemma_.lower() in _DEPICTING_VERBS
        and any(s.lemma_.lower() in _IMAGE_SUBJECTS for s in subjects)
    ):
        return False
    if root.lemma_.lower() in _PUBLISHING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("report", "study", "statement")
        for c in root.children
    ):
        return False
    starts = set(cue_starts)
    cues = [t for t in sentence if t.idx in starts]
    return not cues or not all(_talk_only(t) for t in cues)


def _talk_only(token: Token) -> bool:
    """Whether an event word names no happening of the report (see :func:`_reported_fact`)."""
    return (
        _unrealised(token)
        or _transferred(token)
        or characterised(token)
        or _peaceful_engagement(token)
    )


def _peaceful_engagement(token: Token) -> bool:
    """Whether "engaged" is engaged in talks, not in combat ("envoys were engaged in
    negotiations with Tehran")."""
    if token.lemma_.lower() != "engage":
        return False
    objects = [
        grandchild
        for child in token.children
        if child.dep_ == "prep" and child.lower_ == "in"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    return bool(objects) and all(o.lemma_.lower() in _PEACEFUL_ACTIVITIES for o in objects)


def _unrealised(token: Token) -> bool:
    """Whether ``token`` sits in an infinitive of purpose or intent ("allowing Netanyahu to
    attack Iran", "sent fighters to support … against the offensive"), under a modal ("would
    continue chasing") or names an event's end: not something that happened."""
    if token.dep_ == "pobj" and token.head.head.lemma_.lower() == "end":
        # "announced the end of the large-scale offensive": an event's end is not one.
        return True
    head = token
    while head.dep_ in ("amod", "compound") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "dobj" and head.head.lemma_.lower() in _HALTING:
        # "it was suspending military operations against U.S. forces": a pause, no act.
        return True
    blamed_for = head.dep_ == "pobj" and head.head.lower_ == "for"
    if blamed_for and head.head.head.lemma_.lower() in _BLAMING:
        # "which Washington blames for the Jordan attack": an act referred to, told (with
        # its day and place) where it is reported, not here.
        return True
    verb = governing_verb(token)
    if verb is None:
        return False
    # "said they would continue chasing remnants": a modal on the event verb, or on the verb
    # it completes, puts the event in the future or the hypothetical. (An event noun under a
    # modal is often real: "would not remain silent over an alleged US airstrike".)
    modal_scope = (verb, verb.head) if verb.dep_ in ("xcomp", "ccomp") else (verb,)
    for node in modal_scope if token.i == verb.i else ():
        if any(
            c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _HYPOTHETICAL_MODALS
            for c in node.children
        ):
            return True
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _CAUSE_PREPOSITIONS:
        # "urged militias to step up their attacks in retaliation for US airstrikes on
        # June 27": what the intent answers has happened.
        return False
    if verb.lemma_.lower() in _DISPERSING and verb.head.tag_ == "VBD":
        # "security forces fired tear gas to disperse protesters": the firing did it.
        return False
    # "attempted to encircle", "began to shell", "agreed to withdraw": the event itself.
    return verb.head.lemma_.lower() not in _ATTEMPT_VERBS


#: Verbs that hold somebody responsible for an act named after "for".
_BLAMING = frozenset({"blame", "accuse", "punish", "sanction", "condemn", "fault"})
#: Verbs whose object is an activity stopped, not carried out.
_HALTING = frozenset({"suspend", "halt", "stop", "cease", "pause", "end", "freeze"})

#: What force at a protest is used for: a purpose the act in the past carries out.
_DISPERSING = frozenset({"disperse", "break", "scatter", "quell", "clear", "push"})


def _transferred(token: Token) -> bool:
    """Whether a weapon word is the thing handed over ("missiles were sent to Russia"), not
    what did the delivering ("four airstrikes delivered 24 munitions against ISIL targets")."""
    verb = governing_verb(token)
    return (
        verb is not None
        and token.dep_ != "nsubj"
        and token.pos_ in ("NOUN", "PROPN", "ADJ")
        and verb.lemma_.lower() in _TRANSFER_VERBS
    )


def _quoted(text: str, at: int) -> bool:
    """Whether character ``at`` of ``text`` lies inside a quotation (curly or straight)."""
    before = text[:at]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def is_tally(text: str) -> bool:
    """A count of events or victims summed over a period rather than one happening."""
    if _OCCASIONS.search(text):
        return True
    if _OVER_A_PERIOD.search(text) and _A_COUNT.search(text):
        return True  # "the fiercest fighting in recent months" counts nothing
    if _SINCE_WAR.search(text) or _MANY_THIS_PERIOD.search(text):
        return True
    since = _SINCE_PERIOD.search(text)
    return bool(since and (_PERFECT.search(text) or _TALLY.search(text)))
