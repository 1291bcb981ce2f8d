"""Evidence for an ACLED sub-event type that needs two cues together.

Who did what to whom decides among types a single word cannot: protesters throwing stones
riot, police firing on them use excessive force; a capture verb near a place word is a
change of territory, the winner deciding whose; an attack on a base is an Armed clash, on a
village an Attack. :class:`orbat.extract.classify.EventClassifier` adds this evidence to the
direct cues' scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from orbat.extract.idioms import in_a_grievance, in_an_allegation
from orbat.extract.lexicon.rules import number, rules
from orbat.extract.roles import REPORTING_VERBS
from orbat.extract.territory import (
    captures_people,
    describes_holding,
    frees_people,
    names_a_place_after,
    territory_winner,
)
from orbat.extract.weapon_cues import harmful_blasts, owned_strikes, struck_weapon

if TYPE_CHECKING:
    from orbat.extract.classify import Cue

__all__ = ["compose_evidence", "decay", "inside", "partly_stopped"]

_FILE = "classifier.toml"
# Weight of a cue by sentence: the lead states the event, later sentences give background.
_SENTENCE_DECAY = tuple(float(w) for w in rules(_FILE)["weights"]["sentence_decay"])
# How many tokens after a verb its target may stand.
_WINDOW = int(number(_FILE, "limits.window"))


def decay(sentence: int) -> float:
    return _SENTENCE_DECAY[min(sentence, len(_SENTENCE_DECAY) - 1)]


def inside(cue: Cue, others: Iterable[Cue]) -> bool:
    """Whether ``cue`` lies within a longer match of ``others``."""
    return any(
        o.start <= cue.start and cue.end <= o.end and o.end - o.start > cue.end - cue.start
        for o in others
    )


def _near(cue: Cue, others: Iterable[Cue], before: int = 3, after: int = _WINDOW) -> bool:
    return any(
        o.sentence == cue.sentence and cue.start - before <= o.start <= cue.end + after
        for o in others
    )


def _subject_in(tokens: Doc, verb: Cue, cues: Iterable[Cue], dep: str = "nsubj") -> bool:
    """Whether the verb's subject (``dep``: "nsubj", or "nsubjpass" for a passive) is one of
    ``cues``: "riot police threw …" (who threw), "four soldiers were killed in an ambush"
    (whom the attack hit, named before the verb)."""
    subjects = [c for c in tokens[verb.start].children if c.dep_ == dep]
    return any(t.start <= s.i < t.end for s in subjects for t in cues)


def _agent_of(tokens: Doc, verb: Cue) -> set[int]:
    """The token indices of a passive verb's agent with what qualifies it ("by sniper fire
    from regime forces")."""
    word = tokens[verb.start]
    agents = [c for c in word.children if c.dep_ == "agent"]
    # The parse hangs "from regime forces" on the verb, beside "by sniper fire".
    sources = [c for c in word.children if c.lower_ == "from" and agents and c.i > agents[0].i]
    return {a.i for c in agents + sources for a in c.subtree}


_ENTERING = frozenset({"storm", "stormed", "enter", "entered"})
_LEAVING = frozenset(
    {"withdraw", "withdrew", "withdrawn", "pull out", "pulled out", "vacate", "vacated",
     "abandon", "abandoned", "hand over", "handed over", "surrendered", "ceded", "cede"}
)  # fmt: skip
# Deals by which fighters leave a place ("began leaving their last bastion under an evacuation
# deal"); people merely "leaving" an area are no transfer.
_DEALS = frozenset({"evacuation deal"})


def _teller(token: Token) -> bool:
    """Whether ``token`` is, or qualifies, the subject of a verb of telling ("police said", "a
    police source told AFP"), and tells of others, not of its own forces ("the
    Counter-Terrorism Service said its forces killed …" is a party to what it tells)."""
    while token.dep_ in ("compound", "amod", "nmod") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "nsubj" or token.head.lemma_.lower() not in REPORTING_VERBS:
        return False
    told = [c for c in token.head.children if c.dep_ == "ccomp"]
    return not any(
        w.dep_ == "poss" and w.lower_ in ("its", "their")
        for verb in told
        for subject in verb.children
        if subject.dep_ == "nsubj"
        for w in subject.children
    )


def _members_hit(tokens: Doc, verb: Cue, parties: Iterable[Cue]) -> bool:
    """Whether the passive's subject is members of an armed party: "Two members of the Hashd
    al-Shaabi were killed in an IS attack" (a fight with a force, not an attack on people)."""
    spans = [(p.start, p.end) for p in parties]
    return any(
        subject.dep_ == "nsubjpass"
        and subject.lemma_.lower() in _MEMBERS
        and any(
            of.dep_ == "prep"
            and of.lower_ == "of"
            and any(a <= t.i < b for t in of.subtree for a, b in spans)
            for of in subject.children
        )
        for subject in tokens[verb.start].children
    )


_MEMBERS = frozenset({"member", "fighter", "element", "officer", "commander", "leader", "soldier"})


def _takes_premises(tokens: Doc, capture: Cue) -> bool:
    """Whether a one-word capture verb's object is someone's premises, not ground: "armed men
    stormed a liquor store in Baghdad's Karrada district" raided the store (an attack); the
    district says where."""
    if capture.end - capture.start > 1:
        return False  # "took control" has "control" for object
    obj = next((c for c in tokens[capture.start].children if c.dep_ == "dobj"), None)
    return obj is not None and obj.lemma_.lower() in _PREMISES


_PREMISES = frozenset(
    {"store", "shop", "house", "home", "office", "restaurant", "bank", "hotel", "cafe",
     "café", "apartment", "residence", "building", "farm", "studio", "clinic"}
)  # fmt: skip


def _between_armed(verb: Cue, armed: Iterable[Cue]) -> bool:
    """Whether an armed party stands before the verb and another just after it: "ISIS killed
    two members of the SDF" is fighting between two groups."""
    mine = _in_sentence(verb, armed)
    return any(a.end <= verb.start for a in mine) and any(
        verb.end <= a.start <= verb.end + _WINDOW for a in mine
    )


def _in_a_purpose(tokens: Doc, cue: Cue) -> bool:
    """Whether ``cue`` stands in an infinitive of purpose ("to mark the anniversary of …")."""
    token = tokens[cue.start]
    for head in token.ancestors:
        if head.dep_ in ("advcl", "xcomp", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in head.children
        ):
            return True
    return False


def _names_whom(tokens: Doc, cue: Cue) -> bool:
    """Whether the protest word ``cue`` only says who was acted upon: the complement of a
    person taken, hit or held ("an organiser of the sit-in", "activists of the protest
    movement" as an object), not the protest itself."""
    token = tokens[cue.start]
    while token.dep_ in ("compound", "amod"):
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    person = token.head.head
    return person.dep_ in ("dobj", "nsubjpass") and person.pos_ == "NOUN"


def _tokens_of(doc: Doc | Span) -> Doc:
    """The whole parse a cue's token indexes point into."""
    return doc if isinstance(doc, Doc) else doc.doc


def _in_sentence(cue: Cue, others: Iterable[Cue]) -> list[Cue]:
    return [o for o in others if o.sentence == cue.sentence]


def compose_evidence(doc: Doc | Span, by: dict[str, list[Cue]]) -> list[tuple[str, float, Cue]]:
    """Evidence that needs two cues together: (sub-event key, weight, anchoring cue).

    1. Protests: who did what at the protest decides among the four protest/riot types.
    2. Territory: a capture verb near a place word; the winner decides government or not.
    3. Attacks: the target decides Armed clash (armed forces) or Attack (civilians).
    4. Seized or defused weapons are Disrupted weapons use, whatever weapon is named,
       unless an air strike destroyed them.
    5. A strike a nation or a coalition owns ("an Israeli strike on a car", "a Turkish
       strike", "coalition strikes") is an air strike; a bare "strike" may be a walk-out.
    6. A blast, explosion or bombing that killed, wounded or hit is a remote explosive
       (:mod:`orbat.extract.weapon_cues`).
    """
    out: list[tuple[str, float, Cue]] = []
    get = by.get
    # 1.
    protests = get("ctx:protest", []) or get("ctx:protest_weak", [])
    tokens = _tokens_of(doc)
    if protests:
        # "thousands gathered … to mark the anniversary of the protests": the gathering, not
        # the protests remembered in its purpose, anchors the event.
        told = [c for c in protests if not _in_a_purpose(tokens, c)] or [
            c for c in get("ctx:protest_weak", []) if not _in_a_purpose(tokens, c)
        ]
        first = min(told or protests, key=lambda c: c.start)
        weight = (3.0 if get("ctx:protest") else 1.5) * decay(first.sentence)
        if _names_whom(tokens, first):
            weight *= 0.5  # "seized a 27-year-old organiser of the Amarah sit-in": who he is
        tools = [c for c in get("ctx:intervention", []) if not in_a_grievance(doc, c.start)]
        # "Riot police threw sound bombs": what the riot police threw is their intervention.
        violent = [
            c
            for c in get("ctx:protester_violence", [])
            if not inside(c, tools) and not _subject_in(tokens, c, tools)
        ]
        lethal = get("ctx:excessive_force")
        peaceful = any(t.lower_ in {"peaceful", "non-violent", "nonviolent"} for t in doc)
        if lethal and (peaceful or not violent):
            key = "excessive_force"
        elif violent:
            key = "violent_demonstration"
        elif tools:
            key = "protest_with_intervention"
        else:
            key = "peaceful_protest"
        if key == "violent_demonstration" and get("cue:looting:strong"):
            weight *= 2  # ACLED: demonstrators' arson or looting is the riot itself
        out.append((key, weight, first))
    # 2.
    transfer = get("ctx:nonviolent_transfer", [])
    for cap in get("ctx:territory_capture", []):
        if captures_people(doc, cap):
            out.append(("arrests", 4.0 * decay(cap.sentence), cap))
            continue
        # "troops entered Manbij under a deal with the SDF": under a deal, entering a named
        # place takes it (elsewhere "the lorry had entered Iraq" is only movement).
        if not _near(cap, get("ctx:territory_object", []), before=6) and not names_a_place_after(
            doc, cap, moving=bool(transfer)
        ):
            continue
        if _near(cap, get("ctx:weapon_objects", []), before=_WINDOW, after=3):
            continue
        if describes_holding(doc, cap) or _takes_premises(tokens, cap) or frees_people(doc, cap):
            continue
        # "stormed the post … and clashed with soldiers": storming or entering is a capture
        # only when nothing says the place was fought over instead.
        weight = (2.5 if cap.text.lower() in _ENTERING else 4.0) * decay(cap.sentence)
        if transfer and not get("cue:armed_clash:strong"):
            out.append(("nonviolent_transfer", weight, cap))
        else:
            winner = territory_winner(doc, cap, by)
            key = "gov_regains_territory" if winner == "state" else "nsa_overtakes"
            out.append((key, weight, cap))
    # "Army forces have withdrawn from the Gofgadud area", "fighters began leaving their last
    # bastion under an evacuation deal": a side leaving a place gives it up without a fight
    # (ACLED's non-violent transfer; CASE 2021's coders so label withdrawals), unless the
    # sentence says it was fought over. Leaving talks or a deal gives up no place.
    # ("without a fight" holds a fight that was not.)
    fought = [c for c in get("cue:armed_clash:strong", []) if not inside(c, transfer)]
    if not fought:
        places = get("ctx:territory_object", [])
        for leave in transfer:
            word = leave.text.lower()
            left_a_place = word in _LEAVING and _near(leave, places, before=0, after=6)
            after = tokens[leave.end].lower_ if leave.end < len(tokens) else ""
            if word == "surrendered" and after in ("to", ".", ""):
                left_a_place = False  # "fighters surrendered to Kurdish forces": people
            dealt = word in _DEALS and any(p.sentence == leave.sentence for p in places)
            if left_a_place or dealt:
                out.append(("nonviolent_transfer", 4.0 * decay(leave.sentence), leave))

    # 3.
    def parties(label: str) -> list[Cue]:
        # "killed a shepherd on charges of spying for the Iraqi army": whom a victim is said
        # to serve is no party to the act; nor is who told of it ("…, police said").
        return [
            c
            for c in get(label, [])
            if not in_an_allegation(tokens[c.start]) and not _teller(tokens[c.start])
        ]

    armed, civil = parties("ctx:armed_targets"), parties("ctx:civilian_targets")
    state, nonstate = parties("ctx:state_actors"), parties("ctx:nonstate_actors")
    for hit in get("ctx:attack_verbs", []):
        weight = decay(hit.sentence)
        # "Two civilians were killed by sniper fire from regime forces": who did it (the
        # passive's agent) is no target ("killed by a car" is no attack on a car), and the
        # civilian named before the verb is, when the agent is armed.
        agent = _agent_of(tokens, hit)
        targets = [a for a in armed if not any(a.start <= i < a.end for i in agent)]
        victims = [c for c in civil if not any(c.start <= i < c.end for i in agent)]
        armed_agent = any(t.start <= i < t.end for i in agent for t in state + nonstate)
        # The party right after the verb is its object: "shot dead a civilian at a checkpoint"
        # hit the civilian; the checkpoint is where.
        following = [c for c in targets + victims if _near(hit, [c], before=0)]
        struck = min(following, key=lambda c: c.start) if following else None
        if (
            struck in targets
            or _subject_in(tokens, hit, armed, "nsubjpass")
            or _members_hit(tokens, hit, state + nonstate)
        ):
            out.append(("armed_clash", 3.0 * weight, hit))
        elif struck in victims or (armed_agent and _subject_in(tokens, hit, civil, "nsubjpass")):
            out.append(("attack", 3.0 * weight, hit))
        elif (_in_sentence(hit, state) and _in_sentence(hit, nonstate)) or _between_armed(
            hit, state + nonstate
        ):
            out.append(("armed_clash", 2.0 * weight, hit))
        else:
            out.append(("attack", 1.0 * weight, hit))
    # 4. (Not when an air strike or a missile did the destroying: "one strike destroyed two
    # weapons caches", "Israeli missiles targeted positions …, destroying weapons depots" are
    # the strike, as ACLED codes it.)
    objects = get("ctx:weapon_objects", [])
    missiles = get("cue:shelling:strong", [])
    for verb in get("ctx:weapon_disruption", []):
        # (Missiles named before "destroying" did it; after it, or intercepted, they were
        # the weapons stopped.)
        fired = verb.text.lower().startswith("destroy") and any(
            m.end <= verb.start for m in _in_sentence(verb, missiles)
        )
        if _in_sentence(verb, get("cue:air_strike:strong", [])) or fired:
            continue
        if _near(verb, objects, before=_WINDOW):
            out.append(("disrupted_weapons", 4.0 * decay(verb.sentence), verb))
            break
    # 5. and 6.
    # ("hit" is no air-strike word of its own, but "Israel hit Iranian targets" is a strike.)
    hits = [c for c in get("cue:shelling:weak", []) if tokens[c.end - 1].lemma_.lower() == "hit"]
    launched = [m for m in get("cue:shelling:strong", []) if not struck_weapon(tokens, m)]
    for cue in owned_strikes(tokens, [*get("cue:air_strike:weak", []), *hits]):
        if tokens[cue.end - 1].pos_ == "VERB" and _in_sentence(cue, launched):
            continue  # "Iran struck targets in Erbil with ballistic missiles": the missiles'
        out.append(("air_strike", 3.0 * decay(cue.sentence), cue))
    for cue in harmful_blasts(tokens, get("cue:remote_explosive:weak", []), by):
        out.append(("remote_explosive", 3.0 * decay(cue.sentence), cue))
    return out


def partly_stopped(doc: Doc | Span, by: dict[str, list[Cue]]) -> set[int]:
    """The sentences where air defences stopped only part of an attack ("intercepted most of
    them", "shot down some of the missiles"): the rest hit, so ACLED codes the attack, not
    the disruption."""
    tokens = _tokens_of(doc)
    return {
        verb.sentence
        for verb in by.get("ctx:weapon_disruption", [])
        if any(
            t.lower_ in _PART_WORDS and t.nbor(1).lower_ == "of"
            for t in tokens[verb.end : min(verb.end + 3, len(tokens) - 1)]
        )
    }


_PART_WORDS = frozenset(["most", "some", "several", "many", "part", "majority", "few"])
