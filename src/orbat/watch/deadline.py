"""Wall-clock deadlines for HTTP requests, whatever pace the server keeps.

httpx's timeouts bound each socket operation, not a request: a server that sends one byte a
second never trips a 20 s read timeout, and would hold the request (and every feed polled
after it) forever. A request made under ``deadline(seconds)`` through a ``DeadlineTransport``
gives every connect, TLS handshake, read and write at most the time left, so it fails with
``httpx.TimeoutException`` once its budget is spent, in whichever phase it is (connecting,
waiting for the headers, reading the body).

The deadline lives in a context variable, so one transport serves requests with different
budgets, and a request made outside ``deadline`` behaves as with plain httpx.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

__all__ = ["DeadlineTransport", "deadline", "expired"]

# When the current request must be done (time.monotonic()), or None: no deadline.
_DEADLINE: ContextVar[float | None] = ContextVar("orbat_watch_deadline", default=None)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Requests made inside must be done within ``seconds`` from now (None: no limit)."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def expired() -> bool:
    """Whether the current deadline has passed (never, outside ``deadline``)."""
    end = _DEADLINE.get()
    return end is not None and time.monotonic() >= end


def _bounded(timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
    """``timeout`` cut to the time left; raise ``error`` when none is left.

    (A zero socket timeout would mean non-blocking, not "give up now", hence the raise.)
    """
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport (TLS from the environment, connection reuse, default limits),
    over sockets that honour ``deadline``."""

    def __init__(self) -> None:
        super().__init__()
        # httpx has no public way to give httpcore a network backend, so the pool it built is
        # replaced (``_pool`` since httpx 0.18); tests/watch/test_deadline.py fails if a
        # future httpx stops using it.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            # httpx's default limits
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=_DeadlineBackend(),
        )
