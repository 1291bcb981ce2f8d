"""Fixtures for the ingest tests."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

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

    def expire(_signum: int, _frame: object) -> None:
        raise WatchdogExpired("the watchdog expired: this would have hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
