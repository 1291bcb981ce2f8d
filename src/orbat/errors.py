"""The errors orbat raises, one family per pipeline stage.

    OrbatError
    ├── IngestError              a stage could not carry one input on; the run goes on
    │   ├── UnsupportedFormat    the content is no format orbat reads
    │   ├── UnreadableInput      the file is corrupt, truncated, hostile or empty
    │   └── SegmentationError    the text could not be cut into articles
    ├── StoreError               the database is missing, of a newer schema, or unreachable
    ├── GazetteerError           a gazetteer file cannot be imported (unknown, corrupt, truncated)
    ├── ReviewError              a review names no such event, field or value
    └── ConfigError              a setting has a value orbat cannot use

Messages say what was wrong and, where there is something to do, what to do.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "GazetteerError",
    "IngestError",
    "OrbatError",
    "ReviewError",
    "SegmentationError",
    "StoreError",
    "UnreadableInput",
    "UnsupportedFormat",
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


class ReviewError(OrbatError):
    """An analyst's review cannot be recorded: no such event, field or value; nothing is stored."""


class ConfigError(OrbatError):
    """A setting has a value orbat cannot use."""
