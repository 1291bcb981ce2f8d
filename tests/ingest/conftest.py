"""Fixtures for the ingest tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hang_guard import run_within
from shared_data import shared


@pytest.fixture
def data() -> Path:
    """The shared data folder (feeds/, warc/, aeb/): skipped without it, failed in CI."""
    return shared()


class WatchdogExpired(BaseException):
    """Not an Exception (nor TimeoutError, an OSError): no reader's ``except`` swallows it."""


@pytest.fixture
def watchdog() -> Iterator[None]:
    """Fail a test that runs past 60 s instead of hanging the suite (tests of hangs use it)."""
    with run_within(60, "the watchdog expired: this would have hung", WatchdogExpired):
        yield
