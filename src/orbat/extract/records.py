"""Moved to :mod:`orbat.records.events` (the base layer, so that ``store`` need not import
``extract``); these names stay importable from here for the extractors' modules."""

from orbat.records.events import ACLED_FIELDS, EventRecord, Evidence

__all__ = ["ACLED_FIELDS", "EventRecord", "Evidence"]
