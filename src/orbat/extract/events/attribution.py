"""Who carried out an attack its own sentence leaves unnamed, by what the article's later
sentences say of it: a group claims it ("Kataib Hezbollah later claimed the attack"), officials
blame a group ("blamed Islamic State remnants for the attack"), or the attackers are said to
be a group's ("The gunmen were believed to be members of the Islamic State", "Officials said
the PKK was behind the bombing"). ACLED codes the named group as actor1; the event's stance
keeps how sure the text is ("claimed", "alleged")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from orbat.extract.actors import ActorFinder, FoundActor, named_in_country, unnamed_attacker
from orbat.extract.article import Unparsed
from orbat.extract.candidates import Candidate
from orbat.extract.records import Evidence
from orbat.extract.retype import retyped
from orbat.extract.state_forces import on_the_day, state_names

if TYPE_CHECKING:
    from spacy.tokens import Span

    from orbat.packs import Pack

__all__ = ["name_claimants", "name_the_blamed", "name_the_suspected"]

# "X later claimed the attack", "X claimed responsibility for the bombing", "X said it had
# targeted …": a claim of an act told in an earlier sentence (the definite article points back
# to it).
_CLAIMS_AN_ACT = re.compile(
    r"\bclaim(?:ed|s)\s+(?:responsibility\s+for\s+|credit\s+for\s+)?(?:the|this|that|these|"
    r"those)\s+(?:\w+\s+)?(?:attacks?|strikes?|bombings?|assault|operation|ambush|blasts?|"
    r"explosions?|shelling|killing|assassination|rocket\s+attack|drone\s+attack|"
    # "ISIS has claimed responsibility for this heinous act": a statement's word for it.
    r"acts?|crimes?|massacre|incident)\b"
    # "… claimed responsibility." with no object: the act told just before.
    r"|\b(?:claim(?:ed|s)|took|takes|accepted)\s+(?:responsibility|credit)\b(?!\s+for\b)"
    # "X said it had targeted 'a vital site'": the group tells of its own act.
    # "The U.S. military later confirmed that it had carried out a strike": a state owns its act.
    r"|\b(?:said|says|announced|confirmed|acknowledged|admitted)\s+(?:that\s+)?"
    r"(?:it|its\s+fighters|its\s+forces|they)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:targeted|attacked|struck|hit|shelled|bombed|carried\s+out|conducted|launched)\b",
    re.I,
)
#: How many sentences back a claim reaches for the act it claims.
_CLAIM_LOOKBACK = 2


def name_claimants(
    text: str,
    sents: Sequence[Span | Unparsed],
    found: Sequence[Candidate],
    finder: ActorFinder,
    pack: Pack,
) -> None:
    """An attack with no named attacker was carried out by the group that, a sentence or
    two later, claims it: "A roadside bomb struck a convoy near Tikrit. Kataib Hezbollah
    later claimed the attack." (ACLED codes the claimant as actor1.)"""

    def claimant(start: int, end: int) -> tuple[FoundActor, int] | None:
        claim = _CLAIMS_AN_ACT.search(text, start, end)
        if claim is None:
            return None
        # Found in the whole sentence, for the cue words a weak alias needs ("IS later
        # claimed the attack through its Amaq agency"), and taken before the claim.
        claimants = [
            a
            for a in finder(text[start:end], context=text)
            if not a.generic and start + a.end <= claim.start()
        ]
        return (claimants[0], claim.end()) if claimants else None

    # (A claim in the event's own sentence is read with it: the roles name the claimant,
    # the stance says "claimed".)
    _attribute(text, sents, found, pack, claimant, "claimed", own_sentence=False)


def name_the_blamed(
    text: str,
    sents: Sequence[Span | Unparsed],
    found: Sequence[Candidate],
    finder: ActorFinder,
    pack: Pack,
) -> None:
    """An attack with no named attacker was, by the text's sources, carried out by the group
    a sentence or two later blames for it: "Two soldiers were killed in an ambush. Security
    officials blamed Islamic State remnants for the attack." ACLED codes the attributed
    group; the stance says it is alleged."""

    def blamed(start: int, end: int) -> tuple[FoundActor, int] | None:
        blame = _BLAMES.search(text, start, end)
        if blame is None:
            return None
        who = (blame["who"] or blame["to"]).strip()
        named = [a for a in finder(who, context=text) if not a.generic] or _a_state(who, pack)
        return (named[0], blame.end()) if len(named) == 1 else None

    _attribute(text, sents, found, pack, blamed, "alleged")


def _a_state(name: str, pack: Pack) -> list[FoundActor]:
    """The forces of the state ``name`` names ("Turkey", "Ankara"): a state blamed for an
    attack is blamed for its forces' act."""
    actor_id = state_names(pack).actor(name)
    actor = pack.actor(actor_id) if actor_id else None
    return [FoundActor(0, 0, actor.acled_name, actor.inter)] if actor is not None else []


def name_the_suspected(
    text: str,
    sents: Sequence[Span | Unparsed],
    found: Sequence[Candidate],
    finder: ActorFinder,
    pack: Pack,
) -> None:
    """An attack with no named attacker was, by the text's sources, carried out by the group
    a sentence or two later says the attackers belong to ("Gunmen killed two soldiers at a
    checkpoint. The gunmen were believed to be members of the Islamic State.") or says was
    behind it ("Police said the PKK was behind the bombing"). The stance says it is alleged."""
    _attribute(text, sents, found, pack, lambda s, e: _suspected(text, s, e, finder), "alleged")


def _attribute(
    text: str,
    sents: Sequence[Span | Unparsed],
    found: Sequence[Candidate],
    pack: Pack,
    names: Callable[[int, int], tuple[FoundActor, int] | None],
    stance: str,
    *,
    own_sentence: bool = True,
) -> None:
    """For each sentence in which ``names`` finds the attacker it names (and where its
    saying ends), make it the attacker of the unnamed attacks told in the sentences just
    before (and in the sentence itself, with ``own_sentence``)."""
    for j, sentence in enumerate(sents):
        said = names(sentence.start_char, sentence.end_char)
        if said is None:
            continue
        last = j if own_sentence else j - 1
        told = [c for c in found if j - _CLAIM_LOOKBACK <= c.sentence <= last]
        _name_the_attacker(text, told, said[0], said[1], pack, stance)


def _suspected(
    text: str, start: int, end: int, finder: ActorFinder
) -> tuple[FoundActor, int] | None:
    """The one group a sentence says the attackers belong to or was behind the attack, and
    where the saying ends; None when it says neither, denies it, or names no single group."""
    belong = _SAID_TO_BELONG.search(text, start, end)
    if belong is not None:
        if _DENIED.search(belong[0]):
            return None
        named = [a for a in finder(belong["group"], context=text) if not a.generic]
        return (named[0], belong.end()) if len(named) == 1 else None
    behind = _BEHIND.search(text, start, end)
    if behind is None:
        return None
    # "Iraqi officials said Kataib Hezbollah was behind the attack": the group is named just
    # before, after whoever says so.
    before = text[start : behind.start()]
    saying = list(_SAYING.finditer(before))
    who = before[saying[-1].end() :] if saying else before
    if _DENIED.search(before):
        return None  # "Hezbollah denied it was behind the attack"
    named = [a for a in finder(who, context=text) if not a.generic]
    return (named[-1], behind.end()) if named else None


def _name_the_attacker(
    text: str,
    candidates: Sequence[Candidate],
    actor: FoundActor,
    said_end: int,
    pack: Pack,
    stance: str,
) -> None:
    """Make ``actor`` the attacker of those of ``candidates`` that name none, with the
    ``stance`` of the sentence that names it (ending at ``said_end``): the evidence runs on to
    where actor1 is stated."""
    for candidate in candidates:
        record = candidate.record
        if not unnamed_attacker(record.actor1):
            continue
        start, end = record.evidence.start, max(record.evidence.end, said_end)
        candidate.record = retyped(
            record,
            record.sub_event_type,
            evidence=Evidence(record.evidence.document_id, start, end, text[start:end]),
            actor1=on_the_day(
                named_in_country(actor.acled_name, record.country, pack), record.event_date, pack
            ),
            inter1=actor.inter,
            stance=stance,
        )


# "blamed X for the attack", "accused X of carrying out the bombing", "attributed the attack to X".
# (Not "…, the SDF said, blaming Turkey", nor a bare "U.S. officials blamed Kataib Hezbollah":
# a party's accusation with no act named, which coders do not take as attribution; both tried
# in session 22, they lost a held-out actor1 and two development ones.)
_BLAMES = re.compile(
    r"\b(?:blamed|accused)\s+(?P<who>[^,;.]{2,60}?)\s+(?:for|of)\s+(?:carrying\s+out\s+|launching\s+)?"
    r"(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:attacks?|strikes?|bombings?|assault|ambush|"
    r"blasts?|explosions?|shelling|killings?|assassination)\b"
    r"|\battributed\s+(?:the|this|that)\s+(?:\w+\s+)?(?:attacks?|bombings?|ambush|blasts?|"
    r"explosions?|shelling|killings?)\s+to\s+(?P<to>[^,;.]{2,60})",
    re.I,
)


# Words for the unnamed men who carried out an attack.
_DOERS = (
    r"(?:attackers?|assailants?|gunm[ae]n|militants?|bombers?|perpetrators?|suspects?"
    r"|kidnappers?|abductors?|insurgents)"
)
# "The gunmen were believed to be members of X", "the attackers are suspected of being linked
# to X", "the bombers belonged to X".
_SAID_TO_BELONG = re.compile(
    rf"\bthe\s+(?:\w+\s+)?{_DOERS}\b[^.;]{{0,80}}?\b"
    r"(?:(?:suspected|believed|thought|said|reported|alleged)\s+"
    r"(?:of\s+being|to\s+be|to\s+have\s+been)\s+"
    r"(?:(?:linked|affiliated|connected|tied|loyal)\s+(?:to|with)|(?:members?|fighters|militants"
    r"|part)\s+of|from)"
    r"|belong(?:ed|s|ing)?\s+to)\s+(?P<group>[^,;.]{2,60})",
    re.I,
)
# "X was behind the attack", "X is believed to be behind Sunday's bombing".
_BEHIND = re.compile(
    r"\b(?:was|were|is|are)\s+(?:(?:likely|probably|almost\s+certainly|(?:believed|thought|"
    r"said|suspected)\s+to\s+(?:be|have\s+been)|suspected\s+of\s+being)\s+)?behind\s+"
    r"(?:the|this|that|these|those|\w+'s)\s+(?:\w+\s+)?(?:attacks?|strikes?|bombings?|assault"
    r"|ambush|blasts?|explosions?|shelling|killings?|assassination|kidnapping|abduction)\b",
    re.I,
)
_SAYING = re.compile(r"\b(?:said|says|say|believe[sd]?|suspect(?:s|ed)?|added|that)\b", re.I)
_DENIED = re.compile(r"\b(?:den(?:y|ies|ied)|not|never|rejected|dismissed)\b", re.I)
