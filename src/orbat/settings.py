"""Every setting orbat reads, declared once with its default and help.

Precedence, lowest first: the default here < the environment (``ORBAT_<NAME>``) < the command
line. The CLI, the docs (``docs/settings.md``) and ``tests/test_settings.py`` all read this table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal, overload

from orbat.errors import ConfigError

__all__ = ["SETTINGS", "FloatSetting", "IntSetting", "Setting", "StrSetting", "get"]

Value = str | int | float


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Value
    help: str

    @property
    def env_var(self) -> str:
        return "ORBAT_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "orbat.db", "Database: a SQLite file path or a SQLAlchemy URL."),
    Setting(
        "log_level",
        "WARNING",
        "Level of the log (DEBUG, INFO, WARNING, ERROR): what orbat's named loggers report, "
        "with the traceback of every error a run caught and went on from.",
    ),
    Setting("log_file", "", "File the log is appended to; empty: standard error."),
    Setting(
        "pack",
        "iraq_syria",
        "Theatre pack: a pack shipped with orbat (iraq_syria), one installed through the "
        "`orbat.packs` entry point, or the path of a pack folder.",
    ),
    Setting(
        "near_duplicate_threshold",
        0.7,
        "Estimated Jaccard similarity of word 5-shingles above which two articles are "
        "near-duplicates (same wire story).",
    ),
    Setting("minhash_permutations", 128, "Number of MinHash permutations per article."),
    Setting(
        "text_chunk_bytes",
        4_000_000,
        "Plain-text inputs are read in chunks of about this size, cut at blank lines, so a "
        "huge dump never sits in memory whole.",
    ),
    Setting(
        "max_markup_bytes",
        50_000_000,
        "HTML, XML feeds and JSON documents larger than this are refused (they are parsed whole).",
    ),
    Setting(
        "max_html_bytes",
        10_000_000,
        "HTML pages (files, WARC records, watched pages) larger than this are refused: "
        "parsing one costs about 40 times its size in memory (an 8 MB page 300 MB).",
    ),
    Setting(
        "max_article_chars",
        500_000,
        "Articles longer than this (in characters) are not analysed: extraction records them "
        "as skipped, too long, and keeps their text. A parse's time and memory grow with its "
        "length; news articles are under 50,000.",
    ),
    Setting(
        "article_seconds",
        20.0,
        "Time budget for extracting one article's events and statements once parsed; an "
        "article that overruns it is recorded as skipped, timed out, and the run goes on.",
    ),
    Setting(
        "scheduler_timeout",
        30.0,
        "Seconds `orbat ingest --scheduler` waits to connect to a Dask scheduler before it "
        "gives up with an error.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


# The settings by type, so that `get` is typed at every call (tests/test_settings.py keeps
# these in step with SETTINGS).
StrSetting = Literal["db", "pack", "log_level", "log_file"]
IntSetting = Literal[
    "minhash_permutations", "text_chunk_bytes", "max_markup_bytes", "max_html_bytes",
    "max_article_chars",
]  # fmt: skip
FloatSetting = Literal["near_duplicate_threshold", "article_seconds", "scheduler_timeout"]


@overload
def get(name: StrSetting, override: str | None = None) -> str: ...
@overload
def get(name: IntSetting, override: int | None = None) -> int: ...
@overload
def get(name: FloatSetting, override: float | None = None) -> float: ...
def get(name: str, override: Value | None = None) -> Value:
    """The value of setting ``name``: ``override`` if given, else the environment, else default."""
    try:
        setting = _BY_NAME[name]
    except KeyError:
        raise ConfigError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}") from None
    if override is not None:
        return override
    raw = os.environ.get(setting.env_var)
    if raw is None:
        return setting.default
    kind = type(setting.default)
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(
            f"{setting.env_var}={raw!r} is not a valid {kind.__name__} ({setting.help})"
        ) from None
