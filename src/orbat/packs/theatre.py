"""A theatre's countries and words: demonyms, state-force words, ACLED's generic state names.

They are read from the shared base folder (``packs/base/``: world and language knowledge every
pack inherits) and then from the pack's own folder, which may add countries, add words to a
base country (same ``name``) or override a generic name; it never removes anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from orbat.errors import ConfigError

__all__ = ["BASE_DIR", "Country", "DeFacto", "TheatreWords", "base_dir", "read_theatre_words"]

#: The folder name of the shared base data, beside the shipped packs.
BASE_DIR = "base"


@dataclass(frozen=True, slots=True)
class Country:
    """A country as texts name it. See ``packs/base/countries.yaml`` for the fields."""

    name: str
    code: str | None
    demonyms: tuple[str, ...] = ()
    state_words: tuple[str, ...] = ()
    #: the country as ACLED's actor names spell it ("the United Kingdom"), when not ``name``
    acled_form: str | None = None
    #: ACLED's government periods for a state the pack has no forces of: (first day, label),
    #: oldest first ("2015-01-23", "2015-")
    periods: tuple[tuple[str, str], ...] = ()
    #: who "the country's forces" are when a text's fight is against these countries or names
    #: these words (``de_facto`` in countries.yaml), or ``None``
    de_facto: DeFacto | None = None
    #: whose are the "security forces" a text leaves unowned: ``police`` (the default) or
    #: ``military`` (Iraq's "security forces" are the ISF, ACLED's Military Forces of Iraq)
    security_forces: str = "police"


@dataclass(frozen=True, slots=True)
class DeFacto:
    """A force that calls itself the country's army where another government is recognised
    (Sanaa's Houthi-run "Yemeni armed forces"): "the country's forces" are ``actor`` (a pack
    actor id) when they fight one of the ``against`` countries, which the recognised
    government does not, or when the sentence names one of its ``words`` ("the army and
    popular committees", its spokesman)."""

    actor: str
    against: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TheatreWords:
    """Everything a pack says about countries and words, base merged with the pack's own."""

    countries: tuple[Country, ...] = ()
    free_neighbours: frozenset[str] = frozenset()
    #: town names that are also common words: places only with context
    context_only: frozenset[str] = frozenset()
    acled_names: Mapping[str, str] = field(default_factory=dict)
    #: lower-case demonym → ISO code ("syrian" → "SY"), built once from ``countries``
    demonyms: Mapping[str, str] = field(default_factory=dict)
    #: country name → the words that stand for its state, in file order
    state_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: country name → the country, built once from ``countries``
    by_name: Mapping[str, Country] = field(default_factory=dict)

    def acled_name(self, kind: str, country: str, when: str | None = None) -> str:
        """ACLED's name of ``country``'s ``kind`` forces ("police" → "Police Forces of
        Iraq"), with the country's government period on ``when`` (ISO date; the latest when
        undated) if the base or pack lists its periods ("Military Forces of Saudi Arabia
        (2015-)")."""
        known = self.by_name.get(country)
        name = self.acled_names[kind].format(country=(known and known.acled_form) or country)
        if known is None or not country or not known.periods:
            return name
        held = [label for start, label in known.periods if when is None or start <= when]
        return f"{name} ({held[-1]})" if held else name


def base_dir() -> Path:
    """The shared base folder every pack inherits."""
    return Path(str(resources.files("orbat") / "packs" / BASE_DIR))


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise ConfigError(f"{path} must hold a mapping")
    return document


def _strings(path: Path, key: str) -> list[str]:
    words = _read(path).get(key, [])
    wrong = [w for w in words if not isinstance(w, str)]
    if wrong:  # YAML reads a bare on/off/yes/no as a boolean
        raise ConfigError(f"{path}: `{key}` must list words; quote {wrong!r}")
    return list(words)


def _merge_countries(rows: list[Any], into: dict[str, Country], path: Path) -> None:
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            raise ConfigError(f"{path}: each country needs a `name` (got {row!r})")
        old = into.get(row["name"], Country(row["name"], None))
        into[row["name"]] = Country(
            name=old.name,
            code=row.get("code") or old.code,
            demonyms=old.demonyms + tuple(w.lower() for w in row.get("demonyms", ())),
            state_words=old.state_words + tuple(row.get("state_words", ())),
            acled_form=row.get("acled_form") or old.acled_form,
            periods=_periods(row.get("periods"), path) or old.periods,
            de_facto=_de_facto(row.get("de_facto"), path) or old.de_facto,
            security_forces=_security_forces(row.get("security_forces"), path)
            or old.security_forces,
        )


def _security_forces(value: Any, path: Path) -> str | None:
    if value is None:
        return None
    if value not in ("police", "military"):
        raise ConfigError(f"{path}: `security_forces` is police or military (got {value!r})")
    return str(value)


def _de_facto(row: Any, path: Path) -> DeFacto | None:
    if not row:
        return None
    if not isinstance(row, dict) or not isinstance(row.get("actor"), str):
        raise ConfigError(f"{path}: `de_facto` needs an `actor` id (got {row!r})")
    return DeFacto(row["actor"], tuple(row.get("against", ())), tuple(row.get("words", ())))


def _periods(rows: Any, path: Path) -> tuple[tuple[str, str], ...]:
    if not rows:
        return ()
    try:
        periods = tuple((str(r["from"]), str(r["label"])) for r in rows)
    except (TypeError, KeyError) as exc:
        raise ConfigError(f"{path}: each period needs `from` and `label` ({rows!r})") from exc
    return tuple(sorted(periods))


def read_theatre_words(pack_folder: Path | None = None) -> TheatreWords:
    """The base's countries, words and generic names with the pack folder's added (the base
    alone without a folder).

    1. Read ``countries.yaml``, ``words.yaml`` and ``acled_names.yaml`` of the base folder.
    2. Read the same files of the pack folder (each optional): countries merge by name (the
       pack's words after the base's), word lists add, generic names override.
    3. Index demonyms and state words for the lookups the extractors make.
    """
    countries: dict[str, Country] = {}
    neighbours: set[str] = set()
    context_only: set[str] = set()
    acled_names: dict[str, str] = {}
    # 1. and 2.
    for folder in (base_dir(), *([pack_folder] if pack_folder else [])):
        path = folder / "countries.yaml"
        _merge_countries(_read(path).get("countries", []), countries, path)
        neighbours |= {w.lower() for w in _strings(folder / "words.yaml", "free_neighbours")}
        context_only |= {w.lower() for w in _strings(folder / "words.yaml", "context_only")}
        acled_names.update(_read(folder / "acled_names.yaml"))
    if not {"police", "military"} <= acled_names.keys():
        raise ConfigError(f"acled_names.yaml must name `police` and `military` ({base_dir()})")
    # 3.
    demonyms = {w: c.code for c in countries.values() if c.code for w in c.demonyms}
    return TheatreWords(
        countries=tuple(countries.values()),
        free_neighbours=frozenset(neighbours | demonyms.keys()),
        context_only=frozenset(context_only),
        acled_names=acled_names,
        demonyms=demonyms,
        state_words={c.name: c.state_words for c in countries.values() if c.state_words},
        by_name=dict(countries),
    )
