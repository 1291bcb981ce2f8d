"""How the web layer turns a missing record into HTTP 404, for pages and API alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException

from orbat.web.queries import NotFound

__all__ = ["or_404"]

K = TypeVar("K")


def or_404(fetch: Callable[[K], Any], key: K) -> Any:
    """``fetch(key)``, or a 404 saying what was not found."""
    try:
        return fetch(key)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
