"""Alert rules: read and validate the YAML file, and decide whether an event matches a rule.

A rule's conditions are ANDed; a list inside one condition means any of its values. See
``docs/watch.md`` and ``examples/alerts.yaml``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from orbat.errors import ConfigError

__all__ = ["Delivery", "Near", "Rule", "RuleSet", "load_rules", "parse_rules"]

EARTH_RADIUS_KM = 6371.0088
_ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_PLACE_COLUMNS = ("location", "admin1", "admin2", "admin3", "country")


@dataclass(frozen=True, slots=True)
class Near:
    lat: float
    lon: float
    km: float

    def contains(self, lat: float | None, lon: float | None) -> bool:
        if lat is None or lon is None:
            return False
        return haversine_km(self.lat, self.lon, lat, lon) <= self.km


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. ``actor`` holds every spelling to look for (the pack's names included)."""

    name: str
    actor: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    near: Near | None = None
    event_type: tuple[str, ...] = ()
    min_fatalities: int | None = None
    contested: bool = False
    new_actor: bool = False

    def matches(self, event: Mapping[str, Any]) -> bool:
        """Whether an event (a row of ``events`` as a mapping) satisfies every condition."""
        if self.new_actor:
            return False
        if self.actor and not _any_in(self.actor, (event.get(c) for c in _ACTOR_COLUMNS)):
            return False
        if self.place and not _any_in(self.place, (event.get(c) for c in _PLACE_COLUMNS)):
            return False
        if self.near and not self.near.contains(event.get("latitude"), event.get("longitude")):
            return False
        if self.event_type:
            kinds = {str(event.get(c) or "").casefold() for c in ("event_type", "sub_event_type")}
            if not any(t.casefold() in kinds for t in self.event_type):
                return False
        if self.min_fatalities is not None:
            fatalities = event.get("fatalities")
            if fatalities is None or fatalities < self.min_fatalities:
                return False
        return not (self.contested and not event.get("contested"))


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where alerts go. Nothing configured means standard output."""

    stdout: bool = True
    file: Path | None = None
    webhook: str | None = None


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    delivery: Delivery = field(default_factory=Delivery)

    @property
    def event_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if not r.new_actor)

    @property
    def actor_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.new_actor)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _any_in(needles: tuple[str, ...], values: Any) -> bool:
    haystack = [str(v).casefold() for v in values if v]
    return any(n.casefold() in h for n in needles for h in haystack)


class _NoAliasLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML is untyped here
    """PyYAML's safe loader, refusing anchors and aliases (``&name``, ``*name``).

    Aliases share one node, so a small file can stand for a structure of 10⁹ strings (the
    "billion laughs"): loading it is quick, but validating or printing it then hangs the
    watch or takes gigabytes. Rules files have no need for them.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AliasFound(event.start_mark.line + 1)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(
        (resources.files("orbat.watch") / "rules.schema.json").read_text(encoding="utf-8")
    )
    return Draft202012Validator(schema)


def _names(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _actor_spellings(names: tuple[str, ...]) -> tuple[str, ...]:
    """The rule's names plus the pack's name and ACLED name for each, so "KH" finds
    "Kataib Hezbollah" in events coded with ACLED names."""
    from orbat.resolve.actors import resolve_name

    spellings: list[str] = []
    for name in names:
        spellings.append(name)
        found = resolve_name(name)
        if found["id"] is not None and found["score"] >= 0.9:
            spellings += [s for s in (found["name"], found["acled_name"]) if s]
    return tuple(dict.fromkeys(spellings))


def parse_rules(data: Any, where: str = "rules") -> RuleSet:
    """A RuleSet from parsed YAML; raises ``ConfigError`` naming the first problem's place.

    1. Validate against ``rules.schema.json`` (unknown keys, wrong types, missing fields).
    2. Check what a schema cannot say: rule names are unique, ``new_actor`` stands alone.
    3. Build the rules, expanding actor names through the pack.
    """
    # 1.
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
        message = err.message
        if err.validator == "maxProperties" and "new_actor" in (err.instance or {}):
            message = "new_actor: true takes no other condition (write a separate rule)"
        elif err.validator == "minProperties":
            message = "a rule needs at least one condition besides its name"
        raise ConfigError(f"{where}: {path.lstrip('.') or 'top level'}: {message}")
    # 2.
    seen: set[str] = set()
    for number, raw in enumerate(data["rules"]):
        if raw["name"] in seen:
            raise ConfigError(f"{where}: rules[{number}].name: {raw['name']!r} is used twice")
        seen.add(raw["name"])
    # 3.
    rules = []
    for raw in data["rules"]:
        near = raw.get("near")
        rules.append(
            Rule(
                name=raw["name"],
                actor=_actor_spellings(_names(raw.get("actor"))),
                place=_names(raw.get("place")),
                near=Near(float(near["lat"]), float(near["lon"]), float(near["km"]))
                if near
                else None,
                event_type=_names(raw.get("event_type")),
                min_fatalities=raw.get("min_fatalities"),
                contested=bool(raw.get("contested")),
                new_actor=bool(raw.get("new_actor")),
            )
        )
    deliver = data.get("deliver") or {}
    delivery = Delivery(
        stdout=deliver.get("stdout", not (deliver.get("file") or deliver.get("webhook"))),
        file=Path(deliver["file"]) if deliver.get("file") else None,
        webhook=deliver.get("webhook"),
    )
    return RuleSet(tuple(rules), delivery)


def load_rules(path: Path) -> RuleSet:
    """Read and validate a rules file; every problem is a ``ConfigError`` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read alert rules {path}: {err.strerror or err}") from None
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader: plain data only
    except _AliasFound as err:
        raise ConfigError(
            f"alert rules {path}: line {err.line}: YAML anchors and aliases (&name, *name) "
            "are not allowed in alert rules; write each value out"
        ) from None
    except yaml.YAMLError as err:
        raise ConfigError(f"alert rules {path} are not valid YAML: {err}") from None
    ruleset = parse_rules(data, where=f"alert rules {path}")
    if ruleset.delivery.file is not None and not ruleset.delivery.file.is_absolute():
        # A relative output file is relative to the rules file, not to wherever watch runs.
        delivery = Delivery(
            ruleset.delivery.stdout, path.parent / ruleset.delivery.file, ruleset.delivery.webhook
        )
        ruleset = RuleSet(ruleset.rules, delivery)
    return ruleset
