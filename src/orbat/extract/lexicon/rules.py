"""The extractors' rule vocabularies and weights, read from the TOML files of this folder.

``statement_cues.toml`` (claim triggers, stance words), ``classifier.toml`` (the event
classifier's weights and type groups) and ``relation_patterns.toml`` sit beside
``event_cues.toml``; their syntax is in docs/lexicons.md. The modules that use them bind
module constants from them once, at import.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from orbat.errors import ConfigError

__all__ = ["RULE_FILES", "number", "pattern", "rules", "rules_fingerprint", "words"]

#: The rule files shipped with orbat, beside the event cues.
RULE_FILES = ("statement_cues.toml", "classifier.toml", "relation_patterns.toml")


@lru_cache(maxsize=4)
def rules(name: str) -> dict[str, Any]:
    """The parsed rule file ``name`` (one of :data:`RULE_FILES`), read once per process."""
    try:
        text = resources.files(__package__).joinpath(name).read_text("utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read rule file {name}: {exc}") from exc


def _entry(name: str, dotted: str) -> Any:
    table: Any = rules(name)
    for key in dotted.split("."):
        if not isinstance(table, dict) or key not in table:
            raise ConfigError(f"rule file {name} has no `{dotted}`")
        table = table[key]
    return table


def words(name: str, dotted: str) -> frozenset[str]:
    """The word list at ``dotted`` ("claims.deny") of rule file ``name``, as a set."""
    value = _entry(name, dotted)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(f"rule file {name}: `{dotted}` must be a list of words")
    return frozenset(value)


def pattern(name: str, dotted: str, flags: int = re.I) -> re.Pattern[str]:
    """The regular expression at ``dotted`` of rule file ``name`` (case-insensitive unless
    ``flags`` say otherwise)."""
    value = _entry(name, dotted)
    try:
        return re.compile(value, flags)
    except (re.error, TypeError) as exc:
        raise ConfigError(f"rule file {name}: `{dotted}` is no regular expression: {exc}") from exc


def number(name: str, dotted: str) -> float:
    """The number at ``dotted`` of rule file ``name``."""
    value = _entry(name, dotted)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ConfigError(f"rule file {name}: `{dotted}` must be a number")
    return float(value)


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """``rules.<hash>``: a hash of every rule file of this folder, the event cues included. Both
    extractors' versioned names carry it, so a changed word list or weight re-extracts."""
    digest = hashlib.sha256()
    folder = resources.files(__package__)
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml")):
        digest.update(name.encode() + b"\0" + folder.joinpath(name).read_bytes())
    return f"rules.{digest.hexdigest()[:10]}"
