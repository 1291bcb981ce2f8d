"""One watchdog for the tests of hangs: fail after a time instead of hanging the suite."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def run_within(
    seconds: int, message: str, error: type[BaseException] = TimeoutError
) -> Iterator[None]:
    """Raise ``error(message)`` in the main thread if the block runs past ``seconds``
    (SIGALRM; the previous handler is put back afterwards)."""

    def expire(_signum: int, _frame: object) -> None:
        raise error(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
