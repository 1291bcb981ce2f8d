"""Fixtures for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import DATA


@pytest.fixture
def data() -> Path:
    return DATA
