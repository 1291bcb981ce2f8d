"""What the actor resolver returns: candidate actors for a name, and names found in text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["ActorMatch", "ActorMention", "Method"]

Method = Literal["exact", "key", "fuzzy", "acronym", "descriptor"]


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """A candidate actor for a name, with how it was found and how sure that is (0-1)."""

    actor_id: str
    name: str
    acled_name: str
    score: float
    method: Method
    alias: str = ""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A stretch ``text[start:end]`` that names ``actor_id``."""

    start: int
    end: int
    surface: str
    actor_id: str
    score: float
    method: Method
