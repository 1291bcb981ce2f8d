"""Each article's budget in extraction: a size limit before its parse, a time limit after it.

One pathological article must not stop the articles behind it. An article over the budget, or
whose extraction raises, is *skipped* for that extractor version: the extract loop records why
(:func:`orbat.pipeline.queries.record_skip`), keeps its text, and goes on; later runs do not
retry it until the extractor's version changes.

Why a size limit and a time limit, and how the time limit is enforced:

1. **Size, before the parse.** spaCy's parse is compiled code that runs to the end of its
   document and cannot be interrupted; its time and memory grow with the text's length (and
   spaCy refuses texts over ``nlp.max_length``, 1,000,000 characters, with E088). Bounding the
   length (``max_article_chars``) bounds the parse; a longer "article" is a dump that was not
   cut into articles, not news.
2. **Time, after the parse.** The extractors' rules are Python, so they can be interrupted.
   Each article's extraction runs under a :class:`Deadline` (``article_seconds``):

   - in the main thread, ``SIGALRM`` (``signal.setitimer``) raises :class:`ArticleTimeout` in
     it: that interrupts Python code and regular-expression matching too (the ``re`` engine
     checks for signals while it backtracks);
   - in any other thread — a Dask worker runs its tasks in a thread pool, and signals reach
     only the main thread — one watchdog thread per process raises :class:`ArticleTimeout` in
     the overrunning thread with CPython's ``PyThreadState_SetAsyncExc``, at its next bytecode
     (a watchdog cannot stop a C call, such as a regex search, but the size limit bounds those);
   - the extractors call :func:`check` in their per-sentence loops: a cooperative check that
     raises at a clean point, and the only one on Pythons other than CPython.

   The deadline is armed only while the extractors compute, never while the stages write to
   the database, so an interruption can only lose that article's extraction.
3. **Errors.** Anything else an article's extraction raises is caught as well and becomes
   :class:`ExtractionFailed`, with the exception as its reason.

Errors (all :class:`~orbat.errors.OrbatError`)::

    ArticleSkipped          an article is not extracted; the run goes on
    ├── ArticleTooLong      over max_article_chars (kind "too-long")
    ├── ArticleTimeout      over article_seconds (kind "timeout")
    └── ExtractionFailed    the extractors raised (kind "error")
"""

from __future__ import annotations

import ctypes
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from orbat import settings
from orbat.errors import OrbatError

__all__ = [
    "ArticleSkipped",
    "ArticleTimeout",
    "ArticleTooLong",
    "Budget",
    "Deadline",
    "ExtractionFailed",
    "check",
]

_LOGGER = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class ArticleSkipped(OrbatError):
    """An article is not extracted by this extractor version; the run goes on without it."""

    kind = "skipped"


class ArticleTooLong(ArticleSkipped):
    """The article is longer than ``max_article_chars``; it is stored but not analysed."""

    kind = "too-long"


class ArticleTimeout(ArticleSkipped):
    """The article's extraction ran over ``article_seconds``."""

    kind = "timeout"

    def __init__(self, message: str = "extraction ran over its time budget") -> None:
        # The watchdog raises the class in another thread, which instantiates it bare.
        super().__init__(message)


class ExtractionFailed(ArticleSkipped):
    """The extractors raised on this article (a bug the article revealed)."""

    kind = "error"


@dataclass(frozen=True, slots=True)
class Budget:
    """How long an article may be, and how long its extraction may take once parsed."""

    max_chars: int = 500_000
    seconds: float = 20.0

    @classmethod
    def from_settings(cls) -> Budget:
        """The budget the settings ``max_article_chars`` and ``article_seconds`` give."""
        return cls(int(settings.get("max_article_chars")), float(settings.get("article_seconds")))

    def admit(self, text: str) -> None:
        """Raise :class:`ArticleTooLong` unless ``text`` is within the size limit."""
        if len(text) > self.max_chars:
            raise ArticleTooLong(
                f"too long to analyse: {len(text):,} characters (max_article_chars is "
                f"{self.max_chars:,})"
            )

    def start(self) -> Deadline:
        """A deadline ``seconds`` from now, for one article's extraction."""
        return Deadline(self.seconds)


class Deadline:
    """The time one article's extraction may take, over however many calls it is made of."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def call(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``work(*args, **kwargs)`` within this deadline.

        Raises :class:`ArticleTimeout` when it runs over, :class:`ExtractionFailed` when it
        raises anything else (the article's fault or a bug: either way, not the run's).
        """
        try:
            with self._armed():
                return work(*args, **kwargs)
        except ArticleTimeout:
            raise ArticleTimeout(
                f"extraction ran over its time budget of {self.seconds:g} s (article_seconds)"
            ) from None
        except ArticleSkipped:
            raise
        except Exception as exc:
            # Recorded as a one-line skip; the traceback, needed to fix the bug, goes to the log.
            _LOGGER.exception("extraction failed")
            raise ExtractionFailed(f"extraction failed: {type(exc).__name__}: {exc}") from exc

    def expired(self) -> bool:
        return time.monotonic() >= self.at

    @contextmanager
    def _armed(self) -> Iterator[None]:
        """Interrupt the calling thread at the deadline (see the module's docstring, 2.)."""
        if _current.deadline is not None:  # already armed further up this thread
            yield
            return
        left = self.at - time.monotonic()
        if left <= 0:
            raise ArticleTimeout
        _current.deadline = self
        try:
            if _can_alarm():
                with _alarm(left):
                    yield
            elif _CAN_INTERRUPT_THREADS:
                with _WATCHDOG.watching(self.at):
                    yield
            else:
                yield
        finally:
            _current.deadline = None


class _Current(threading.local):
    deadline: Deadline | None = None


_current = _Current()


def check() -> None:
    """Raise :class:`ArticleTimeout` if the article being extracted in this thread is over
    its deadline: call it in loops over sentences (cheap: one clock read)."""
    deadline = _current.deadline
    if deadline is not None and deadline.expired():
        raise ArticleTimeout


# -- the main thread: SIGALRM ---------------------------------------------------------------


def _can_alarm() -> bool:
    """Whether SIGALRM can time this thread without disturbing anyone else's use of it."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _on_alarm(signum: int, frame: Any) -> None:
    raise ArticleTimeout


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            # An alarm that went off just before the timer was cleared may raise here, in
            # the block: the handler is put back all the same. One caught at the C level
            # but not yet run finds the default handler, which Python then ignores.
            signal.signal(signal.SIGALRM, previous)


# -- other threads: a watchdog that raises in the overrunning thread --------------------------

_CAN_INTERRUPT_THREADS = sys.implementation.name == "cpython"


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    """Make thread ``ident`` raise ``exception`` at its next bytecode (None: cancel that)."""
    target = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), target)


class _Watch:
    __slots__ = ("at", "fired", "ident")

    def __init__(self, ident: int, at: float) -> None:
        self.ident, self.at, self.fired = ident, at, False


class _Watchdog:
    """One daemon thread per process that interrupts threads whose deadline has passed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._watches: dict[int, _Watch] = {}
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, at: float) -> Iterator[None]:
        watch = _Watch(threading.get_ident(), at)
        with self._cond:
            self._watches[watch.ident] = watch
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="orbat-article-watchdog", daemon=True
                )
                self._thread.start()
            self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                if self._watches.get(watch.ident) is watch:
                    del self._watches[watch.ident]
                if watch.fired:
                    # Raised too late to matter (the work is done) or raised already: either
                    # way nothing may be left pending to go off after this block.
                    _raise_in(watch.ident, None)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for watch in list(self._watches.values()):
                    if watch.at <= now and not watch.fired:
                        watch.fired = True
                        _raise_in(watch.ident, ArticleTimeout)
                pending = [w.at for w in self._watches.values() if not w.fired]
                self._cond.wait(timeout=max(0.0, min(pending) - now) if pending else None)


_WATCHDOG = _Watchdog()
