"""The errors orbat raises, one family per pipeline stage.

    OrbatError
    ├── IngestError              a stage could not carry one input on; the run goes on
    │   ├── UnsupportedFormat    the content is no format orbat reads
    │   ├── UnreadableInput      the file is corrupt, truncated, hostile or empty
    │   └── SegmentationError    the text could not be cut into articles
    ├── StoreError               the database is missing, of a newer schema, or unreachable
    ├── GazetteerError           a gazetteer file cannot be imported (unknown, corrupt, truncated)
    ├── ReviewError              a review names no such event, field or value
    ├── ConfigError              a setting has a value orbat cannot use
    └── MissingExtra             an optional library a feature needs is not installed

Messages say what was wrong and, where there is something to do, what to do.
"""

from __future__ import annotations

__all__ = [
    "BordersError",
    "ConfigError",
    "GazetteerError",
    "IngestError",
    "MissingExtra",
    "NotFound",
    "OrbatError",
    "ReviewError",
    "SegmentationError",
    "StoreError",
    "UnreadableInput",
    "UnsupportedFormat",
    "require",
]


class OrbatError(Exception):
    """Base of every error orbat raises on purpose."""


class IngestError(OrbatError):
    """One input cannot go on through the pipeline; it is reported and skipped."""


class UnsupportedFormat(IngestError):
    """The content is in no format orbat reads."""


class UnreadableInput(IngestError):
    """The input is corrupt, truncated, empty, binary or hostile."""


class SegmentationError(IngestError):
    """The text could not be cut into articles."""


class StoreError(OrbatError):
    """The database cannot be opened, migrated or written."""


class GazetteerError(OrbatError):
    """A gazetteer file is of no known format, corrupt or truncated; nothing of it is kept."""


class BordersError(OrbatError):
    """A borders file is no GeoJSON of admin-1 polygons; nothing of it is kept."""


class NotFound(OrbatError, LookupError):
    """The event, actor or document a reader asked for does not exist."""


class ReviewError(OrbatError):
    """An analyst's review cannot be recorded: no such event, field or value; nothing is stored."""


class ConfigError(OrbatError):
    """A setting has a value orbat cannot use."""


class MissingExtra(OrbatError):
    """A feature needs an optional library that is not installed; the message names the
    command that installs it (``pip install 'orbat[postgres]'``)."""

    def __init__(self, module: str, feature: str, *, extra: str | None) -> None:
        self.module, self.feature, self.extra = module, feature, extra
        command = f"pip install 'orbat[{extra}]'" if extra else f"pip install {module}"
        super().__init__(f"{feature} needs {module}, which is not installed: {command}")


def require(module: str, feature: str, extra: str | None) -> None:
    """Import ``module`` now, or raise :class:`MissingExtra` naming the install command."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module, feature, extra=extra) from None
