"""Fixtures shared by the extraction tests."""

from __future__ import annotations

import pytest

from orbat.extract.events import EventExtractor


@pytest.fixture(scope="module")
def event_extractor() -> EventExtractor:
    """The default pack's event extractor, built once per test module."""
    return EventExtractor()
