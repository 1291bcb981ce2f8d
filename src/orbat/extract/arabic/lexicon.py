"""The Arabic cue lexicon (``extract/lexicon/arabic_cues.toml``) loaded into one object.

The file's syntax is documented at its top; this module only reads it into
:class:`~orbat.extract.arabic.text.PhraseSet` matchers, one per job.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from orbat.errors import ConfigError
from orbat.extract.arabic.text import Phrase, PhraseSet, compile_phrase
from orbat.taxonomy import sub_event_type

__all__ = ["ARABIC_CUES_FILE", "ArabicLexicon", "load_arabic_lexicon"]

ARABIC_CUES_FILE = "arabic_cues.toml"


@dataclass(frozen=True)
class ArabicLexicon:
    """Every phrase list of the Arabic lexicon, compiled.

    Values: ``cues`` → ``"<sub_event key>|<rank>|trigger"`` or ``...|means``; ``claims`` →
    ``claimed`` / ``denied`` / ``announce`` / ``self_voice``; ``blocking`` → ``future`` /
    ``rumour``; ``states`` → pack actor id; ``generic`` → ``unidentified`` ...; ``tolls`` →
    ``before`` / ``after`` / ``singular`` / ``dual``; ``introducers``, ``governorate`` → "";
    ``place_phrases`` → gazetteer place id; ``roles`` → ``agent`` / ``target`` /
    ``partner`` / ``victim`` / ``transparent``.
    """

    version: int
    clitics: tuple[str, ...]
    cues: PhraseSet
    claims: PhraseSet
    blocking: PhraseSet
    states: PhraseSet
    wielder_nouns: PhraseSet
    occupier_words: PhraseSet
    occupier: dict[str, str]
    generic: PhraseSet
    tolls: PhraseSet
    introducers: PhraseSet
    not_places: PhraseSet
    governorate_words: PhraseSet
    place_phrases: PhraseSet
    default_attack: str
    roles: PhraseSet
    site_hosts: dict[str, str]
    country_targets: dict[str, str]


def _phrases(words: list[str], value: str) -> list[Phrase]:
    return [compile_phrase(w, value) for w in words]


def _cues(data: dict[str, Any]) -> list[Phrase]:
    out = []
    for key, table in data.get("sub_events", {}).items():
        sub_event_type(key)  # an unknown key is a mistake in the file: fail at load
        rank = int(table["rank"])
        out += _phrases(table.get("triggers", []), f"{key}|{rank}|trigger")
        out += _phrases(table.get("means", []), f"{key}|{rank}|means")
    attack = data["attack"]
    sub_event_type(attack["default"])
    out += _phrases(attack["triggers"], f"{attack['default']}|{int(attack['rank'])}|generic")
    return out


def _from_tables(data: dict[str, Any], clitics: tuple[str, ...]) -> ArabicLexicon:
    def phrase_set(phrases: list[Phrase]) -> PhraseSet:
        return PhraseSet(phrases, clitics, article=True)

    def grouped(table: dict[str, list[str]]) -> PhraseSet:
        return phrase_set([p for name, words in table.items() for p in _phrases(words, name)])

    actors = data["actors"]
    occupier = dict(actors["occupier"])
    occupier_words = occupier.pop("words")
    tolls = data["tolls"]
    places = data["places"]
    return ArabicLexicon(
        version=int(data["version"]),
        clitics=clitics,
        cues=phrase_set(_cues(data)),
        claims=grouped(data["claims"]),
        blocking=grouped(data["blocking"]),
        states=phrase_set([compile_phrase(k, v) for k, v in actors["states"].items()]),
        wielder_nouns=phrase_set(_phrases(actors["wielder_nouns"], "")),
        occupier_words=phrase_set(_phrases(occupier_words, "")),
        occupier=occupier,
        generic=grouped(actors["generic"]),
        tolls=grouped(
            {
                "before": tolls["killed_before"],
                "after": tolls["killed_after"],
                "singular": tolls["singular"],
                "dual": tolls["duals"],
                "killed_dual": tolls["killed_duals"],
                "skip": tolls["skip"],
            }
        ),
        introducers=phrase_set(_phrases(places["introducers"], "")),
        not_places=phrase_set(_phrases(places["not_places"], "")),
        governorate_words=phrase_set(_phrases(places["governorate_words"], "")),
        place_phrases=phrase_set([compile_phrase(k, v) for k, v in places["phrases"].items()]),
        default_attack=data["attack"]["default"],
        roles=grouped(data["roles"]),
        site_hosts=dict(actors["site_hosts"]),
        country_targets=dict(actors["country_targets"]),
    )


@lru_cache(maxsize=1)
def load_arabic_lexicon() -> ArabicLexicon:
    """The shipped Arabic lexicon, read once per process."""
    path = resources.files("orbat.extract.lexicon").joinpath(ARABIC_CUES_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _from_tables(data, tuple(data["clitics"]["prefixes"]))
    except (tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise ConfigError(f"{ARABIC_CUES_FILE}: {type(exc).__name__}: {exc}") from exc
