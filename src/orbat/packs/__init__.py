"""Theatre packs: the reviewed actor data of a theatre, loaded into typed, cross-checked records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Literal

import yaml

from orbat.errors import ConfigError
from orbat.packs.theatre import TheatreWords, base_dir, read_theatre_words

__all__ = [
    "DEFAULT_PACK",
    "RELATION_TYPES",
    "Actor",
    "ActorKind",
    "Alias",
    "Descriptor",
    "Pack",
    "PackError",
    "Relation",
    "RelationType",
    "Stance",
    "TheatreWords",
    "actor_pack_schema",
    "load_pack",
    "pack_dir",
    "pack_fingerprint",
    "pack_from_document",
    "selected_pack",
    "validate_document",
]

#: The pack loaded when none is named.
DEFAULT_PACK = "iraq_syria"

ActorKind = Literal[
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "external_forces",
    "civilians",
    "protesters",
    "rioters",
    "unidentified",
]
RelationType = Literal[
    "part-of",
    "front-for",
    "backed-by",
    "allied-with",
    "hostile-to",
    "splinter-of",
    "merged-into",
    "led-by",
]
Stance = Literal["asserted", "alleged"]

RELATION_TYPES: tuple[RelationType, ...] = (
    "part-of",
    "front-for",
    "backed-by",
    "allied-with",
    "hostile-to",
    "splinter-of",
    "merged-into",
    "led-by",
)


class PackError(ConfigError):
    """A pack file is missing, malformed, or refers to actors or sources it does not define."""


@dataclass(frozen=True, slots=True)
class Alias:
    """One name of an actor. ``weak`` names (acronyms, bare numbers) need support to count;
    ``literal`` names match only as written, never by a near spelling ("Hamas" is not Hama)."""

    name: str
    lang: str
    script: str
    weak: bool = False
    cues: tuple[str, ...] = ()
    source: str | None = None
    literal: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    """A dated, sourced statement ``subject --type--> target``; conflicting ones coexist."""

    subject: str
    type: RelationType
    target: str
    source: str
    source_title: str
    stance: Stance
    start: str | None = None
    end: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor with its ACLED coding. ``start``/``end`` bound when it existed."""

    id: str
    name: str
    kind: ActorKind
    country: str | None
    acled_name: str
    inter: int
    aliases: tuple[Alias, ...]
    relations: tuple[Relation, ...]
    sources: tuple[str, ...]
    start: str | None = None
    end: str | None = None
    #: ACLED's period names, ``(name, from ISO date)`` in date order (``acled_periods``).
    acled_periods: tuple[tuple[str, str], ...] = ()

    def acled_name_on(self, day: str | None) -> str:
        """ACLED's name for the actor on ``day`` (ISO date): the period name in force then
        ("Military Forces of Iraq (2018-2020)" in March 2020); undated, ``acled_name``."""
        if not day or not self.acled_periods:
            return self.acled_name
        named = [name for name, start in self.acled_periods if start[: len(day)] <= day]
        return named[-1] if named else self.acled_periods[0][0]

    def active_on(self, day: str) -> bool:
        """Whether the actor existed on ``day`` (ISO date; partial bounds compare by prefix)."""
        if self.start and day < self.start[: len(day)]:
            return False
        return not (self.end and day[: len(self.end)] > self.end)


@dataclass(frozen=True, slots=True)
class Descriptor:
    """Generic phrases ("Iran-backed militias") and the actor(s) ACLED codes them as."""

    phrases: tuple[str, ...]
    actors: tuple[str, ...]
    source: str
    note: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Pack:
    """A theatre's actors, their relations and the resolver lexicon, checked for consistency.

    Compared and hashed by identity: a pack is read once per process (:func:`load_pack`), and
    what the extractors derive from it (resolvers, state names) is cached per pack object.
    """

    name: str
    version: int
    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]
    descriptors: tuple[Descriptor, ...]
    countries: Mapping[str, tuple[str, ...]]
    generic_words: frozenset[str]
    sources: Mapping[str, tuple[str, str]]
    #: countries (demonyms, state-force words), place words and ACLED's generic state names:
    #: the shared base's with the pack's own (``countries.yaml``, ``words.yaml``, ...)
    words: TheatreWords = field(default_factory=TheatreWords)
    #: ``<pack>.<hash>`` of its contents (:func:`pack_fingerprint`): part of every extractor's
    #: versioned name, so a changed pack re-extracts
    fingerprint: str = ""

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return any(actor.id == actor_id for actor in self.actors)

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id; :class:`PackError` if the pack has none."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise PackError(f"pack {self.name!r} has no actor {actor_id!r}")

    def relations_of(self, actor_id: str) -> tuple[Relation, ...]:
        """Every relation whose subject or target is ``actor_id``."""
        return tuple(r for r in self.relations if actor_id in (r.subject, r.target))


def selected_pack() -> str:
    """The pack the ``pack`` setting names (``--pack``, ``$ORBAT_PACK``; default iraq_syria)."""
    from orbat import settings

    return str(settings.get("pack"))


def pack_dir(name: str | None = None) -> Path:
    """The folder of the pack ``name`` (default: the selected one), found as:

    1. a path to a folder anywhere ("./packs/sahel", "/srv/orbat/packs/yemen");
    2. a pack installed by another Python package through the ``orbat.packs`` entry point
       group (``[project.entry-points."orbat.packs"] yemen = "orbat_yemen.pack"``: the
       module's folder holds the pack's files);
    3. a folder of the packs shipped with orbat (``iraq_syria``).
    """
    name = name or selected_pack()
    as_path = Path(name).expanduser()
    if ("/" in name or name.startswith(".")) and as_path.is_dir():
        return as_path
    for entry in entry_points(group="orbat.packs"):
        if entry.name == name:
            return Path(str(resources.files(entry.value)))
    return Path(str(resources.files("orbat") / "packs" / name))


def pack_fingerprint(name: str | None = None) -> str:
    """``<pack>.<hash>``: the pack's folder name and a hash of its files' contents. Every
    extraction record names it, so a changed pack re-extracts like a changed extractor."""
    return _fingerprint(pack_dir(name))


@lru_cache(maxsize=8)
def _fingerprint(folder: Path) -> str:
    """Read once per process and folder. The shared base's files count too: every pack
    inherits them."""
    digest = hashlib.sha256()
    for path in [*sorted(folder.glob("*")), *sorted(base_dir().glob("*"))]:
        if path.is_file() and path.suffix in (".yaml", ".yml", ".toml", ".json"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{folder.name}.{digest.hexdigest()[:10]}"


def actor_pack_schema() -> dict[str, Any]:
    """The JSON Schema every ``actors.yaml`` follows (``actor_pack.schema.json``)."""
    path = Path(str(resources.files("orbat") / "packs" / "actor_pack.schema.json"))
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def validate_document(document: Any) -> list[str]:
    """Schema errors of a parsed ``actors.yaml`` as ``path: message`` lines (empty when valid).

    jsonschema is a development dependency; without it only :func:`pack_from_document`'s own
    cross-checks run, which is enough to load a pack safely.
    """
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - the minimal install
        return []
    validator = jsonschema.Draft202012Validator(actor_pack_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]


def _script(name: str) -> str:
    return "Arab" if any("\u0600" <= ch <= "\u06ff" for ch in name) else "Latn"


def _cite(
    ref: str, title: str | None, sources: Mapping[str, tuple[str, str]], where: str
) -> tuple[str, str]:
    """A source reference as ``(url, title)``: a registry key, or a URL with its own title."""
    if ref in sources:
        return sources[ref]
    if ref.startswith(("http://", "https://")) and title:
        return ref, title
    raise PackError(f"{where}: source {ref!r} is neither a key of `sources` nor a titled URL")


def pack_from_document(
    name: str,
    document: Mapping[str, Any],
    words: TheatreWords | None = None,
    fingerprint: str | None = None,
) -> Pack:
    """Build a :class:`Pack` from a parsed ``actors.yaml``, checking what a schema cannot.
    ``words`` are the pack's countries and words (default: the shared base's alone);
    ``fingerprint`` its folder's (default: ``<name>.<hash of the document>``).

    1. Read the source registry.
    2. Read actors, resolving every source reference; ids must be unique.
    3. Check every relation and descriptor target names an actor of the pack.
    """
    # 1.
    sources = {key: (row["url"], row["title"]) for key, row in document.get("sources", {}).items()}
    # 2.
    actors: list[Actor] = []
    seen: set[str] = set()
    for row in document.get("actors", ()):
        actor_id = row["id"]
        if actor_id in seen:
            raise PackError(f"pack {name!r}: actor id {actor_id!r} is defined twice")
        seen.add(actor_id)
        aliases = tuple(
            Alias(
                name=a["name"],
                lang=a["lang"],
                script=a.get("script") or _script(a["name"]),
                weak=bool(a.get("weak", False)),
                cues=tuple(a.get("cues", ())),
                literal=bool(a.get("literal", False)),
                source=(
                    _cite(a["source"], a.get("source_title"), sources, f"{actor_id} alias")[0]
                    if a.get("source")
                    else None
                ),
            )
            for a in row["aliases"]
        )
        relations = []
        for rel in row.get("relations", ()):
            where = f"{actor_id} {rel['type']} {rel['target']}"
            url, title = _cite(rel["source"], rel.get("source_title"), sources, where)
            relations.append(
                Relation(
                    subject=actor_id,
                    type=rel["type"],
                    target=rel["target"],
                    source=url,
                    source_title=title,
                    stance=rel["stance"],
                    start=rel.get("start"),
                    end=rel.get("end"),
                    note=rel.get("note"),
                )
            )
        cited = tuple(_cite(ref, None, sources, actor_id)[0] for ref in row["sources"])
        actors.append(
            Actor(
                id=actor_id,
                name=row["name"],
                kind=row["kind"],
                country=row.get("country"),
                acled_name=row["acled_name"],
                inter=int(row["inter"]),
                aliases=aliases,
                relations=tuple(relations),
                sources=cited,
                start=row.get("start"),
                end=row.get("end"),
                acled_periods=tuple(
                    sorted(
                        ((p["name"], str(p["from"])) for p in row.get("acled_periods", ())),
                        key=lambda period: period[1],
                    )
                ),
            )
        )
    # 3.
    all_relations = tuple(r for actor in actors for r in actor.relations)
    for rel in all_relations:
        if rel.target not in seen:
            raise PackError(f"pack {name!r}: {rel.subject} {rel.type} unknown actor {rel.target!r}")
    descriptors = []
    for row in document.get("descriptors", ()):
        missing = [a for a in row["actors"] if a not in seen]
        if missing:
            raise PackError(f"pack {name!r}: descriptor names unknown actors {missing}")
        url, _ = _cite(row["source"], None, sources, "descriptor")
        descriptors.append(
            Descriptor(tuple(row["phrases"]), tuple(row["actors"]), url, row.get("note"))
        )
    return Pack(
        name=name,
        version=int(document.get("version", 1)),
        actors=tuple(actors),
        relations=all_relations,
        descriptors=tuple(descriptors),
        countries={k: tuple(v) for k, v in document.get("countries", {}).items()},
        generic_words=frozenset(w.casefold() for w in document.get("generic_words", ())),
        sources=sources,
        words=words if words is not None else read_theatre_words(),
        fingerprint=fingerprint or _document_fingerprint(name, document),
    )


def _document_fingerprint(name: str, document: Mapping[str, Any]) -> str:
    """A pack built from a document alone (no folder) is named by the document's contents."""
    canonical = json.dumps(document, sort_keys=True, default=str).encode()
    return f"{Path(name).name}.{hashlib.sha256(canonical).hexdigest()[:10]}"


def load_pack(name: str | None = None) -> Pack:
    """The pack ``name`` (see :func:`pack_dir`; default: the selected one), read once per
    process.

    Raises :class:`PackError` when the folder has no ``actors.yaml`` or the file is inconsistent.
    """
    return _load_pack(name or selected_pack())


# Cached apart from load_pack so that load_pack() and load_pack("iraq_syria") share an entry.
@lru_cache(maxsize=8)
def _load_pack(name: str) -> Pack:
    path = pack_dir(name) / "actors.yaml"
    if not path.is_file():
        raise PackError(f"no actor pack {name!r}: {path} does not exist")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PackError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise PackError(f"{path} must hold a mapping with `actors`")
    try:
        folder = pack_dir(name)
        return pack_from_document(name, document, read_theatre_words(folder), _fingerprint(folder))
    except (KeyError, TypeError, ValueError) as exc:
        raise PackError(f"{path}: malformed entry ({exc!r}); check it against the schema") from exc
