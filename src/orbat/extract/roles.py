"""Whose side an actor named in an event sentence is on, read from the dependency parse.

:func:`role` gives "agent" (who acted), "patient" (whom it was done to) or "source" (who only
told of it) for an actor's head token; :func:`orbat.extract.actors.assign_actors` turns the
roles into ACLED's actor1 and actor2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from orbat.extract.idioms import alleging_word
from orbat.extract.members import member_from, said_to_be

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

__all__ = [
    "REPORTING_VERBS",
    "in_a_teller",
    "launched_the_weapon",
    "reported_verb",
    "role",
    "tells_own_act",
    "trailing_attribution",
]

# Participles that say whom a thing belongs to, not what was done to it: "a channel
# affiliated with Iranian-backed militias" was not acted upon.
_RELATIONAL_PARTICIPLES = frozenset(
    ["affiliated", "linked", "tied", "associated", "connected", "aligned", "allied", "related",
     "attached", "backed", "supported", "sponsored", "funded", "belonging", "loyal",
     # Who is "suspected of", "believed to be" or "said to be" someone's was not acted upon.
     "suspected", "believed", "thought", "said", "alleged", "reported",
     # "Iraqi forces engaged in heavy fighting" were not acted upon by the participle.
     "engaged", "involved",
     # "regime forces stationed near Saraqib shelled the villages": where they are, not
     # what was done to them.
     "stationed", "deployed", "based", "positioned", "located", "posted", "garrisoned",
     "entrenched"]
)  # fmt: skip
# Walking up the parse from an actor's name: these links keep going to the head.
# ("acl": "targets linked to the IRGC" are the IRGC's; they share the targets' role.)
_PASS_UP = {
    "compound", "amod", "poss", "appos", "nmod", "conj", "pobj", "prep", "det", "npadvmod", "acl"
}  # fmt: skip
_AGENT_PREPS = {"by"}
# "exploded near an army patrol", "a bomb went off outside a police station", "a sticky bomb
# exploded under the car of a PMF commander": what a blast goes off beside was its target,
# never its author; and those named "including" or "among" the dead ("four people were
# killed, including two members of Hezbollah") were struck.
_PATIENT_PREPS = {
    "on", "against", "at", "targeting", "toward", "towards", "from", "near", "outside", "beside",
    "including", "among", "under", "beneath"
}  # fmt: skip


def role(token: Token) -> str | None:
    """ "agent", "patient" or "source" from the dependency path above an actor's head token,
    or "alleged" for the side an allegation says a victim served ("a man accused of
    collaborating with the regime").

    * A noun modified by a past participle was acted upon: "a US military logistics convoy
      targeted in Yusufiyah", "Iraqi forces hit by the airstrike".
    * The subject of a verb whose coordinated verb is passive suffered the event: "armed
      Shiite groups tried to cross … but were struck by airstrikes".
    * The subject of a reporting verb is the source of the report, not a party to the
      event: "the PMF said it would not remain silent over an airstrike" (ACLED codes who
      acted and whom it targeted, never who told the press).
    """
    if _holder_of_the_launch_site(token):
        return "agent"
    alleging = alleging_word(token)
    if alleging is not None:
        if alleging.dep_ == "acl" and role(alleging.head) == "agent":
            # "Gunmen suspected of belonging to ISIS killed two shepherds": the group the
            # attackers are said to serve is ACLED's actor1 (the report's stance says alleged).
            return "agent"
        return "alleged"  # whom a victim is said to serve took no part
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ("blame", "accuse"):
        # "U.S. officials blamed Kataib Hezbollah for the attack": an allegation, not a side
        # the text itself puts in the act (nor its target).
        return "alleged"
    for _ in range(6):
        dep = token.dep_
        if dep == "poss" and token.head.lemma_.lower() in _ATTACK_NOUNS:
            return "agent"  # "the Houthis' offensive on Marib was halted": theirs
        if dep == "pobj" and token.head.dep_ == "agent":
            owned = token.head.head
            if owned.dep_ == "acl" and owned.lemma_.lower() in _HOLDING:
                if _fired_from(owned.head):
                    return "agent"  # "shells fired from areas held by the YPG"
                # "strikes on facilities used by Kataib Hezbollah": who holds the thing
                # shares its side; the walk goes on from the thing.
                token = owned.head
                continue
            # "a device planted by AQAP militants": the passive's agent acted, whatever
            # participle the parser hangs on it ("militants detonated").
            return "agent"
        if any(
            c.dep_ == "acl" and c.tag_ == "VBN" and c.lower_ not in _RELATIONAL_PARTICIPLES
            for c in token.children
        ):
            return "patient"
        if dep in ("nsubj", "csubj"):
            head = token.head
            if head.lemma_.lower() in _WARDING_OFF:
                return "patient"  # "Peshmerga forces repelled an ISIS attack": attacked
            if head.lemma_.lower() in _DYING:
                return "patient"  # "two soldiers succumbed to their wounds": the victims
            if head.lemma_.lower() == "lose" and any(
                c.dep_ == "dobj" and c.lemma_.lower() == "control" for c in head.children
            ):
                return "patient"  # "Daesh lost control of the town to the SDF": the loser
            if head.lemma_ == "come" and any(
                c.dep_ == "prep" and c.lower_ == "under" for c in head.children
            ):
                return "patient"  # "the base came under a missile attack": the target
            if _finds_the_dead(head):
                return "source"  # "police found the bodies of two shepherds": no party
            if head.lemma_.lower() in REPORTING_VERBS:
                if tells_own_loss(head):
                    return "patient"  # "the PMF said an airstrike killed two of its fighters"
                if not tells_own_act(head):
                    return "source"
                # "The SDF said its fighters repelled an attack": the teller was attacked.
                told = [c for c in head.children if c.dep_ == "ccomp"]
                warded = any(c.lemma_.lower() in _WARDING_OFF for c in told)
                return "patient" if warded else "agent"
            if any(c.dep_ == "conj" and _is_passive(c) for c in head.children):
                return "patient"
            if head.tag_ in ("VBN", "VBD") and any(c.dep_ == "agent" for c in head.children):
                # Headline and wire shorthand without its auxiliary: "Two farmers shot dead
                # by ISIS gunmen near Abbara" is passive, the farmers the victims.
                return "patient"
            return "agent"
        if dep == "dobj" and token.head.lemma_.lower() in _WARDING_OFF:
            return "agent"  # the attack warded off is the attacker's
        if dep == "dobj" and token.head.lemma_.lower() in _HELPING:
            return "source"  # "RAF aircraft continued to support the SDF": on their side
        described = said_to_be(token)
        if described is not None:
            # "Gunmen believed to be members of Islamic State attacked a village": the group
            # stands for the men it is said to be (ACLED: the suspected group is actor1).
            if described.head.dep_ != "acl" and any(
                c.dep_ in ("ccomp", "conj") and c.pos_ == "VERB" for c in described.head.children
            ):
                return "agent"  # parsed as "Gunmen believed [that they] attacked"
            token = described
            continue
        if dep == "nsubjpass" and _sent_to_act(token.head):
            # "a Reaper was tasked to provide close air support": sent to act, it acts.
            return "agent"
        if dep in ("nsubjpass", "dobj", "attr"):
            return "patient"
        if dep == "pobj" and _day_phrase(token):
            # "On Sunday fighters of X shelled …": the parser hangs the subject on the day's
            # preposition; a time says nothing of whose side anyone is on.
            return None
        if dep == "pobj":
            prep = token.head.lower_
            if prep in _AGENT_PREPS or _left_by(token.head) or _fire_from(token.head):
                return "agent"
            if prep == "to" and token.head.head.lemma_.lower() == "lose":
                return "agent"  # "… lost control of the town to the SDF": the taker
            if prep in _PATIENT_PREPS and not member_from(token):
                return "patient"
            if prep == "to" and token.head.head.lower_ in ("next", "close"):
                return "patient"  # "exploded next to a convoy": beside it, as "near"
            if prep in ("to", "for") and _helped(token.head.head):
                # "close air support to Iraqi forces": whom a strike helps is on its side,
                # in no role of the strike (told of, as a source is).
                return "source"
        if dep == "agent":
            return "agent"
        if dep not in _PASS_UP or token.head.i == token.i:
            return None
        token = token.head
    return None


def _finds_the_dead(verb: Token) -> bool:
    """Whether the verb is a finding of bodies or a grave: who found them took no part."""
    return verb.lemma_.lower() in ("find", "discover", "recover", "retrieve") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("body", "corpse", "remains", "grave")
        for c in verb.children
    )


def _holder_of_the_launch_site(token: Token) -> bool:
    """ "Rockets fired from IS-controlled territory", "shells fired from regime-held areas",
    "mortars fired from YPG positions": who holds the ground the fire came from fired it
    (ACLED's coders attribute it so)."""
    ground = token
    while ground.dep_ in ("compound", "nmod", "amod", "poss") and ground.head.i != ground.i:
        ground = ground.head  # "from YPG/PKK-occupied areas", "from the YPG's positions"
    if ground is not token and _fired_from(ground):
        return True
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text not in ("-", "‑"):
        return False
    if doc[token.i + 2].lower_ not in _HELD:
        return False
    return any(a.lower_ == "from" and a.dep_ == "prep" for a in doc[token.i + 2].ancestors)


_HELD = frozenset({"controlled", "held", "run", "occupied", "dominated"})


def _fired_from(ground: Token) -> bool:
    """Whether ``ground`` is where fire came from ("shells fired from areas held by the
    YPG", "rockets launched from territory controlled by Hezbollah"): its holder fired."""
    prep = ground.head
    return (
        ground.dep_ == "pobj"
        and prep.lower_ == "from"
        and prep.head.lemma_.lower() in ("fire", "launch", "shoot", "come", "originate")
    )


def _left_by(prep: Token) -> bool:
    """ "A landmine left over from ISIS", "explosives left behind by IS": who left the
    device set it."""
    verb = prep.head
    return prep.lower_ in ("from", "by") and verb.lemma_.lower() == "leave"


def _fire_from(prep: Token) -> bool:
    """ "killed by sniper fire from rebels", "shelling from regime forces": the fire came from
    whoever shot it (a place after "from" names no actor, so only actors reach here)."""
    if prep.lower_ != "from":
        return False
    # The parser may hang "from rebels" on the verb ("killed by sniper fire from rebels"):
    # the word just before it says what came from them.
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep.head
    return before.lower_ in _FIRE_NOUNS or prep.head.lower_ in _FIRE_NOUNS


# Nouns of an assault whose possessor made it ("IS's attack", "the militants' offensive").
_ATTACK_NOUNS = frozenset(
    ["attack", "assault", "offensive", "raid", "ambush", "incursion", "infiltration", "advance",
     "onslaught", "shelling", "bombardment"]
)  # fmt: skip
_FIRE_NOUNS = frozenset({"fire", "gunfire", "shelling", "bombardment", "barrage", "attack",
                         "strike", "airstrike", "shots"})  # fmt: skip


def _day_phrase(token: Token) -> bool:
    """Whether ``token`` heads a time phrase that swallowed the next noun: "On Sunday
    fighters", "on Monday militants"."""
    return any(c.lower_ in _DAY_WORDS for c in token.lefts)


_DAY_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tonight"]
)  # fmt: skip


# Participles that say who holds a thing: "facilities used by", "areas controlled by".
_HOLDING = frozenset(
    ["use", "own", "control", "hold", "run", "operate", "occupy", "man", "staff", "belong"]
)  # fmt: skip
# Verbs of dying: their subject suffered the event ("two soldiers succumbed to their wounds").
_DYING = frozenset({"die", "succumb", "perish", "lose"})  # "the SDF lost three fighters"
# Verbs of warding off an attack: their subject was attacked, their object is the attack.
_WARDING_OFF = frozenset({"repel", "repulse", "thwart", "foil", "fend", "rebuff", "withstand"})


def launched_the_weapon(token: Token) -> bool:
    """Whether ``token`` is the "by" agent of a participle that describes a thing ("a drone
    launched by the Houthis", "rockets fired by Hezbollah"): whose weapon it was, which a
    disruption stops (ACLED: the disruption's actor2)."""
    prep = token.head
    return token.dep_ == "pobj" and prep.dep_ == "agent" and prep.head.dep_ == "acl"


def tells_own_act(verb: Token) -> bool:
    """Whether a reporting verb reports its own subject's act: "the IRGC said it had struck
    targets in Erbil" (ACLED codes the group that claims an attack as its actor). The
    reported clause's verb must be the act: "the PMF said it would not remain silent over an
    alleged US airstrike" reports a stance. A force that announces an act ("the SDF announced
    the killing of an ISIS leader") announces its own."""
    if _announces_its_act(verb):
        return True
    return any(
        (
            c.dep_ == "ccomp"
            and _an_act(c)
            and any(g.dep_ == "nsubj" and _the_teller(g) for g in c.children)
        )
        # "the SNA announced taking control of the village": no subject, the teller's own
        or (c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and _an_act(c))
        for c in verb.children
    )


def _an_act(verb: Token) -> bool:
    """Whether a reported verb tells an act of war, "took control of" included."""
    lemma = verb.lemma_.lower()
    return lemma in _ACT_VERBS or (
        lemma in ("take", "gain", "establish", "impose", "assume")
        and any(c.dep_ == "dobj" and c.lower_ == "control" for c in verb.children)
    )


def tells_own_loss(verb: Token) -> bool:
    """Whether a reporting verb reports a loss of its subject's own ("the PMF said an
    airstrike killed two of its fighters", "the SDF said its positions were shelled"): the
    teller was the target."""
    if tells_own_act(verb):
        return False
    return any(
        t.dep_ == "poss" and t.lower_ in ("its", "their", "our") and _struck(t.head)
        for c in verb.children
        if c.dep_ == "ccomp"
        for t in c.subtree
    )


def _struck(noun: Token) -> bool:
    """Whether a noun is what the clause's act hit: its object or passive subject, or what
    "two of" it counts is."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head
    return noun.dep_ in ("dobj", "nsubjpass")


def _announces_its_act(verb: Token) -> bool:
    """Whether a verb of announcing has an act for its object ("the SDF announced the killing
    of an ISIS leader", "the ministry announced the arrest of five suspects"): a force
    announces what it did."""
    return verb.lemma_.lower() in ("announce", "declare") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _ANNOUNCED_ACTS for c in verb.children
    )


_ANNOUNCED_ACTS = frozenset(
    ["killing", "arrest", "capture", "liberation", "downing", "destruction", "seizure",
     "elimination", "death"]
)  # fmt: skip


def _the_teller(subject: Token) -> bool:
    """Whether a reported clause's subject is the teller itself: "it", "they", "we", or its
    own means ("the Iraqi army said its aircraft killed 12 militants")."""
    return subject.lower_ in ("it", "they", "we") or any(
        c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in subject.children
    )


# Verbs of the acts a group claims in its own name.
_ACT_VERBS = frozenset(
    ["strike", "attack", "target", "hit", "kill", "shell", "bomb", "launch", "fire", "down",
     "shoot", "destroy", "capture", "seize", "storm", "ambush", "raid", "carry", "conduct",
     "arrest", "detain", "recapture", "retake", "liberate", "repel", "repulse", "thwart",
     "foil", "engage", "eliminate", "neutralize", "neutralise", "dismantle", "defuse",
     "regain", "recover", "overrun", "free", "clear", "intercept"]
)  # fmt: skip


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


# Verbs whose subject reports the event rather than taking part in it ("claimed" is not one:
# ACLED codes the group that claims an attack as its actor).
REPORTING_VERBS = frozenset(
    {"say", "report", "tell", "announce", "state", "add", "note", "accuse", "allege", "confirm",
     "blame",
     # "Kataib Hezbollah denied involvement in the attack": the denier tells, it is no party.
     "deny",
     # "The United States condemns the attack in Baghdad today": who judges an act tells of
     # it (statements of governments and the UN); it is no party.
     "condemn", "denounce", "deplore", "decry"}
)  # fmt: skip


def _sent_to_act(verb: Token) -> bool:
    """Whether ``verb`` sends its passive subject to do something ("was tasked to strike",
    "were deployed to attack", "was ordered to fire")."""
    return verb.lemma_.lower() in _SENDING and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children
    )


def _helped(word: Token) -> bool:
    """Whether ``word`` is help ("support to"), or gives it ("provide support to")."""
    return word.lemma_.lower() in _HELP or any(
        c.dep_ == "dobj" and c.lemma_.lower() in _HELP for c in word.children
    )


_HELP = frozenset({"support", "assistance", "backup", "cover", "aid"})
_HELPING = frozenset({"support", "assist", "help", "aid", "back", "reinforce"})
_SENDING = frozenset(
    {"task", "order", "deploy", "send", "dispatch", "assign", "scramble", "direct", "call"}
)


def trailing_attribution(sentence: Span) -> int | None:
    """The index of the comma before the teller a sentence ends with, whatever the parse
    made of it: "…, killed six members of one family, a police officer in the province told
    Shafaq News." (the parser hangs "a police officer" on "family"): a comma, a noun phrase
    with no verb, a reporting verb, and at most a few more words with no verb."""
    tellers = [t for t in sentence if t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB"]
    if not tellers:
        return None
    verb = tellers[-1]
    after = [t for t in sentence.doc[verb.i + 1 : sentence.end] if not t.is_punct]
    if len(after) > _AFTER_THE_TELLER or any(t.pos_ in ("VERB", "AUX") for t in after):
        return None
    for i in range(verb.i - 1, sentence.start, -1):
        token = sentence.doc[i]
        if token.text == ",":
            teller = sentence.doc[i + 1 : verb.i]
            nouns = any(t.pos_ in ("NOUN", "PROPN") for t in teller)
            return i if nouns and len(teller) <= _TELLER_WORDS else None
        if token.pos_ in ("VERB", "AUX"):
            return None
    return None


def in_a_teller(doc: Doc | Span) -> Callable[[int], bool]:
    """Whether the token at an index of ``doc`` lies in the teller its sentence ends with
    (:func:`trailing_attribution`): "…, a police officer told Shafaq News" names no police
    that took part."""
    whole = doc.doc if isinstance(doc, Span) else doc
    cuts: dict[int, int | None] = {}

    def told_by(index: int) -> bool:
        sentence = whole[index].sent
        if sentence.start not in cuts:
            cuts[sentence.start] = trailing_attribution(sentence)
        cut = cuts[sentence.start]
        return cut is not None and index > cut

    return told_by


#: How long a closing teller runs ("a police officer in the province") and what may follow
#: its verb ("told Shafaq News on condition of anonymity").
_TELLER_WORDS = 9
_AFTER_THE_TELLER = 6


def reported_verb(sentence: Span) -> Token:
    """The verb of the act the sentence's reporting verb reports ("rebels captured a village,
    a monitor says": "captured"), or the sentence's root when it reports nothing. In a part
    cut from a longer sentence the reported clause may hang from a verb outside the part."""
    root = sentence.root
    if root.lemma_.lower() not in REPORTING_VERBS:
        return root
    clauses = (
        t
        for t in sentence
        if t.pos_ == "VERB"
        and t.i != root.i
        and (
            (t.head.i == root.i and t.dep_ in ("ccomp", "parataxis"))
            or not sentence.start <= t.head.i < sentence.end
        )
    )
    return next(clauses, root)
