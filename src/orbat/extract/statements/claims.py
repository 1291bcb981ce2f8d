"""Claims in a sentence: who claimed, denied, accused, threatened or reported what.

A claim is read from the dependency parse: a trigger word (a verb such as "denied",
"accused", "threatened", or a noun such as "accusation", "denials"), its speaker (the verb's
subject, the noun's "by" phrase, or the subject of the clause a participle hangs from) and
its target (the first argument in what the trigger governs). Negated triggers ("No group
claimed responsibility", "without claiming responsibility") state no claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orbat.extract.arguments import Argument
from orbat.extract.lexicon.rules import pattern, rules, words
from orbat.extract.locate import in_dateline
from orbat.extract.statements.stance import Attribution, speaker_argument
from orbat.nlp.model import text_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ClaimHit", "find_claims"]

_CUES = "statement_cues.toml"

# Trigger words and what they must (not) be about: lexicon/statement_cues.toml ([claims]).
_DENY = words(_CUES, "claims.deny")
_ACCUSE = words(_CUES, "claims.accuse")
_THREATEN = words(_CUES, "claims.threaten")
_REPORT = words(_CUES, "claims.report")
_NOUNS: dict[str, str] = dict(rules(_CUES)["claims"]["nouns"])
_HOSTILE = words(_CUES, "claims.hostile")
_RESPONSIBILITY = words(_CUES, "claims.responsibility")
_CLAIMABLE_ACTS = words(_CUES, "claims.claimable_acts")
_LIGHT_VERBS = words(_CUES, "claims.light_verbs")
_DENIABLE = words(_CUES, "claims.deniable")
_NOT_DENIALS = words(_CUES, "claims.not_denials")
_VICTIMS = pattern(_CUES, "claims.victims", flags=0)
_PRONOUN = pattern(_CUES, "claims.pronoun")


@dataclass(frozen=True, slots=True)
class ClaimHit:
    """One claim: predicate, speaker (words and argument), target argument, trigger token."""

    predicate: str
    speaker: Attribution
    target: Argument | None
    trigger: Token


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.i > 0 and token.doc[token.i - 1].lower_ in ("without", "never", "not"):
        return True
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(any(d.lower_ in ("no", "none") for d in s.subtree) for s in subjects)


def _filed_from(token: Token) -> bool:
    """Whether the token is a dateline's place, which the parser may make a subject."""
    return in_dateline(text_of(token.doc), token.idx, token.idx + len(token))


def _speaker_node(trigger: Token) -> Token | None:
    """The token naming who makes the claim (see the module docstring).

    1. A noun trigger names its speaker itself ("an accusation by the PMF", "the PMF's
       denial") or through the light verb it is the object of ("Pompeo made threats");
       otherwise nobody is named ("the alleged threat", "refute accusations").
    2. A participle modifying a noun speaks for that noun ("posters accusing the US").
    3. A verb: its subject or "by" agent, else (no subject of its own) the subject of the
       clause it hangs from, up to three levels.
    """
    # 1.
    if trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ == "by":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        head = trigger.head
        if trigger.dep_ == "dobj" and head.lemma_ in _LIGHT_VERBS:
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        return None
    # 2. (The parser also hangs "members of HTS vowing to fight" off the main verb; the noun
    # right before a participle is its agent either way.)
    if trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN"):
        head = trigger.head
        # "The Interior Ministry made statements dismissing reports": the maker speaks.
        if head.dep_ == "dobj" and head.head.lemma_ in _LIGHT_VERBS:
            return next((c for c in head.head.children if c.dep_ == "nsubj"), head)
        return head
    before = trigger.doc[trigger.i - 1] if trigger.i > 0 else None
    if trigger.tag_ == "VBG" and before is not None and before.pos_ in ("NOUN", "PROPN"):
        return before
    # 3. (In the passive the "by" agent speaks and the subject is spoken of: "Kataib
    # Hezbollah has been accused by analysts" is the analysts' accusation.)
    node = trigger
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in node.children:
            if child.dep_ == "nsubjpass" and node.i == trigger.i:
                return None  # spoken of, by someone the sentence does not name
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("that", "which"):
                if _filed_from(child):
                    continue  # "BAGHDAD (Reuters) - Kataib Hezbollah claimed …"
                return child
        if node.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep"):
            node = node.head
            continue
        if node.dep_ == "relcl":
            return node.head
        break
    return None


def _target(
    trigger: Token, arguments: Sequence[Argument], speaker: Attribution, *, direct: bool = True
) -> Argument | None:
    """The first named argument in what the trigger governs, other than the speaker; the
    direct object's own words first ("accused the United States of obstructing the PMU"),
    or the passive subject's ("Kataib Hezbollah has been accused by analysts")."""
    for child in trigger.children if direct else ():
        if child.dep_ == "nsubjpass":
            own = (child.left_edge.idx, child.idx + len(child))
            named = [a for a in arguments if own[0] <= a.start < own[1] and a.actor_id]
            if named and named[0] is not speaker.argument:
                return named[0]
        if child.dep_ == "dobj":
            own = (child.left_edge.idx, child.idx + len(child))
            named = [
                a
                for a in arguments
                if own[0] <= a.start < own[1] and a.actor_id and not _VICTIMS.match(a.actor_id)
            ]
            if named and named[0] is not speaker.argument:
                return named[0]
    spans = []
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "agent", "det"):
            continue
        if child.dep_ == "prep" and child.lower_ in ("by", "according"):
            continue
        spans.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
    found = [
        a
        for a in arguments
        if any(s <= a.start and a.end <= e for s, e in spans)
        and a is not speaker.argument
        and not (a.actor_id and _VICTIMS.match(a.actor_id))
        and not (
            speaker.argument is not None
            and a.actor_id == speaker.argument.actor_id
            and a.actor_id is not None
        )
    ]
    # An actor the pack names beats a country word ("Reuters quoted Syrian sources that said
    # pro-Iran groups had crossed": the report is about the groups).
    actors = [a for a in found if a.label == "ACTOR"]
    named = actors or [a for a in found if a.actor_id is not None]
    ranked = named or [a for a in found if a.label in ("ORG", "GPE")]
    return min(ranked, key=lambda a: a.start) if ranked else None


def _predicate(token: Token) -> str | None:
    lemma = token.lemma_.casefold()
    if token.pos_ in ("VERB", "AUX") or token.dep_ in ("ROOT", "acl", "advcl", "xcomp", "relcl"):
        if lemma in ("claim", "take", "admit", "bear", "assume") and any(
            t.lower_ in _RESPONSIBILITY for t in token.subtree if abs(t.i - token.i) <= 4
        ):
            return "claimed"
        # "Kataib Hezbollah claimed the attack": claiming an act is claiming responsibility.
        if lemma == "claim" and any(
            c.dep_ == "dobj" and c.lemma_.casefold() in _CLAIMABLE_ACTS for c in token.children
        ):
            return "claimed"
        if lemma in _DENY:
            objects = [c.lemma_.casefold() for c in token.children if c.dep_ == "dobj"]
            if lemma == "deny":
                return None if any(o in _NOT_DENIALS for o in objects) else "denied"
            clause = any(c.dep_ == "ccomp" for c in token.children)
            return "denied" if clause or any(o in _DENIABLE for o in objects) else None
        if lemma in _ACCUSE:
            return "accused"
        if lemma in _THREATEN:
            # The aim is in what the verb governs, not in a clause of time or cause.
            aims = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj")]
            hostile = any(t.lemma_.casefold() in _HOSTILE for c in aims for t in c.subtree)
            return "threatened" if lemma == "threaten" or hostile else None
        if lemma in _REPORT and any(c.dep_ in ("ccomp", "dobj") for c in token.children):
            return "reported"
    if token.pos_ == "NOUN":
        predicate = _NOUNS.get(lemma)
        if predicate == "claimed" and not any(
            t.lower_ in _RESPONSIBILITY for t in token.subtree if t.i != token.i
        ):
            return None
        return predicate
    return None


def _apposed_speaker(
    sentence: Span, inside: Sequence[Argument], speaker: Attribution
) -> Attribution:
    """The named group a subject phrase describes when the phrase names none: "Qasem
    al-Jabbarin (lit. “Smasher of the Oppressors”), an obscure militia force ..., claimed"."""
    text = text_of(sentence.doc)
    first = inside[0] if inside else None
    if first is None or text[sentence.start_char : first.start].strip():
        return speaker
    if first.label in ("ACTOR", "ORG") and text[first.end : first.end + 3].lstrip()[:1] in "(,":
        return Attribution(first.text, first)
    return speaker


def find_claims(sentence: Span, arguments: Sequence[Argument]) -> list[ClaimHit]:
    """Claims stated in one parsed sentence.

    1. Find trigger words; drop negated ones.
    2. Find the speaker; a claim nobody makes (no subject found) is dropped, except a denial
       or accusation whose speaker is only implied (kept with empty speaker words).
    3. Find the target; "reported" needs a named target (else it is only speech), and
       "according to X" reports what the sentence says about its first other actor.
    """
    inside = [a for a in arguments if sentence.start_char <= a.start and a.end <= sentence.end_char]
    hits: list[ClaimHit] = []
    for token in sentence:
        # 1.
        predicate = _predicate(token)
        if predicate is None or _negated(token):
            continue
        # 2.
        node = _speaker_node(token)
        speaker = speaker_argument(node, inside) if node is not None else Attribution("", None)
        if node is None:
            continue
        if speaker.argument is None:
            speaker = _apposed_speaker(sentence, inside, speaker)
        if predicate != "accused" and _PRONOUN.match(speaker.text or "it"):
            continue  # "It is a threat", "this denial": nobody to attribute it to
        named = speaker.argument is not None or any(
            t.pos_ == "PROPN"
            for t in (*node.lefts, node)
            if t.dep_ in ("compound", "amod") or t.i == node.i
        )
        if predicate in ("reported", "denied") and not named:
            continue  # "the poster claimed that ...": speech, not a sourced report
        # 3.
        target = _target(token, inside, speaker, direct=predicate != "reported")
        if predicate == "reported" and (target is None or target.label != "ACTOR"):
            continue
        hits.append(ClaimHit(predicate, speaker, target, token))
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            sources = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ != "to" or not sources:
                continue
            speaker = speaker_argument(sources[0], inside)
            if speaker.argument is None:
                continue  # "according to the channel": no named source
            others = [
                a
                for a in inside
                if a.actor_id is not None
                and a is not speaker.argument
                and not (
                    sources[0].left_edge.idx <= a.start < to.doc[sources[0].right_edge.i].idx + 1
                )
            ]
            if others and not any(h.predicate == "reported" for h in hits):
                hits.append(ClaimHit("reported", speaker, others[0], token))
    return hits
