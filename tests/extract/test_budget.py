"""An article's budget: the size limit, the deadline in the main thread and in other threads,
the cooperative check, and errors turned into skips (orbat.extract.budget)."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from orbat import settings
from orbat.errors import OrbatError
from orbat.extract.budget import (
    ArticleSkipped,
    ArticleTimeout,
    ArticleTooLong,
    Budget,
    ExtractionFailed,
    check,
)

pytestmark = pytest.mark.issue(17)


def _spin() -> None:
    """An endless pure-Python loop, like the `verb.head is not verb` climb of issue 17."""
    n = 0
    while True:
        n += 1


def _spin_cooperatively() -> None:
    while True:
        check()


def test_an_article_over_the_size_limit_is_too_long() -> None:
    budget = Budget(max_chars=1_000, seconds=1)
    budget.admit("x" * 1_000)
    with pytest.raises(ArticleTooLong) as caught:
        budget.admit("x" * 1_001)
    assert caught.value.kind == "too-long"
    assert "1,001 characters" in str(caught.value) and "max_article_chars" in str(caught.value)
    assert isinstance(caught.value, ArticleSkipped) and isinstance(caught.value, OrbatError)


def test_the_budget_comes_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Budget.from_settings() == Budget(
        settings.get("max_article_chars"), settings.get("article_seconds")
    )
    monkeypatch.setenv("ORBAT_MAX_ARTICLE_CHARS", "1234")
    monkeypatch.setenv("ORBAT_ARTICLE_SECONDS", "2.5")
    assert Budget.from_settings() == Budget(1234, 2.5)


def test_an_endless_loop_in_the_main_thread_is_interrupted() -> None:
    assert threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGALRM)
    with pytest.raises(ArticleTimeout) as caught:
        Budget(seconds=0.2).start().call(_spin)
    assert caught.value.kind == "timeout" and "0.2 s" in str(caught.value)
    # The alarm is put back as it was, and disarmed.
    assert signal.getsignal(signal.SIGALRM) == previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_catastrophic_backtracking_in_the_main_thread_is_interrupted() -> None:
    # (a+)+$ against a's and a b backtracks 2^n times: hours at n=40, in C.
    pattern = re.compile(r"(a+)+$")
    with pytest.raises(ArticleTimeout):
        Budget(seconds=0.2).start().call(pattern.match, "a" * 40 + "b")


def test_an_endless_loop_in_another_thread_is_interrupted() -> None:
    # A Dask worker runs its tasks in a thread pool: no signals there, the watchdog instead.
    outcome: list[BaseException | str] = []

    def work() -> None:
        try:
            Budget(seconds=0.2).start().call(_spin)
            outcome.append("finished")
        except ArticleSkipped as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "the watchdog interrupted the loop"
    assert len(outcome) == 1 and isinstance(outcome[0], ArticleTimeout)


def test_work_that_ends_in_time_leaves_nothing_pending_in_its_thread() -> None:
    # Many short calls close to the deadline: an interruption raised just too late must be
    # cancelled, never go off after the call.
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(200):
                Budget(seconds=0.01).start().call(time.sleep, 0.0095)
        except ArticleTimeout:
            pass  # over by a hair: reported by the call, as it should be
        except BaseException as exc:  # pragma: no cover - the failure being tested
            errors.append(exc)
        try:
            for _ in range(100_000):  # long enough for any stray exception to surface
                pass
        except BaseException as exc:  # pragma: no cover - the failure being tested
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive() and errors == []


def test_the_cooperative_check_raises_once_the_deadline_has_passed() -> None:
    check()  # outside any deadline: nothing to do
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            Budget(seconds=0.1).start().call(_spin_cooperatively)
        except ArticleSkipped as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], ArticleTimeout)


def test_an_error_in_extraction_becomes_a_skip_with_its_reason() -> None:
    def broken(text: str) -> None:
        raise ValueError(f"no verb in {text!r}")

    with pytest.raises(ExtractionFailed) as caught:
        Budget().start().call(broken, "the sentence")
    assert caught.value.kind == "error"
    assert str(caught.value) == "extraction failed: ValueError: no verb in 'the sentence'"


def test_a_deadline_spans_every_call_for_one_article() -> None:
    deadline = Budget(seconds=0.2).start()
    assert deadline.call(sum, [1, 2]) == 3
    time.sleep(0.25)
    with pytest.raises(ArticleTimeout):
        deadline.call(sum, [1, 2])
