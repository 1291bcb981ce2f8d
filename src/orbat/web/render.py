"""Shapes the templates draw: highlighted article text and the SVG charts (no JS needed).

Everything here returns plain data (strings, numbers); the templates escape every string, so
article text containing markup is always shown as text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from orbat.web.queries import TYPE_COLOURS

__all__ = [
    "Dot",
    "Segment",
    "highlight",
    "text_dir",
    "text_lang",
    "timeline_dots",
    "type_class",
    "type_css",
]


def text_dir(text: str | None) -> str:
    """The ``dir`` of an element holding ``text``: ``rtl`` for Arabic (an Arabic quote must
    not be laid out left to right beside English), else ``auto`` (the browser decides)."""
    from orbat.nlp.arabic import is_arabic_text

    return "rtl" if text and is_arabic_text(text) else "auto"


def text_lang(text: str | None) -> str:
    """The ``lang`` of an element holding ``text``: ``ar`` for Arabic (fonts, screen
    readers), else empty (the page's own)."""
    return "ar" if text_dir(text) == "rtl" else ""


def type_class(event_type: str | None) -> str:
    """The CSS class that colours an event type ("t-explosions-remote-violence")."""
    return "t-" + re.sub(r"[^a-z0-9]+", "-", (event_type or "").lower()).strip("-")


def type_css() -> str:
    """One rule per event type setting ``--c`` to its colour (the stylesheet ``/types.css``).

    Classes, not ``style`` attributes: the Content-Security-Policy allows no inline style.
    """
    return "".join(f".{type_class(t)} {{ --c: {c}; }}\n" for t, c in TYPE_COLOURS.items())


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text; ``mark`` is set when it is evidence (and says for what)."""

    text: str
    mark: dict[str, Any] | None = None


def highlight(text: str, spans: Sequence[dict[str, Any]]) -> list[Segment]:
    """Cut ``text`` into plain and highlighted runs at the spans' ``start``/``end`` offsets.

    Spans may overlap (two events from one sentence): a later span that starts inside an
    earlier one is merged into it, so every character is shown exactly once. Offsets outside
    the text are clipped rather than trusted.
    """
    ordered = sorted(
        ((max(0, int(s["start"])), min(len(text), int(s["end"])), s) for s in spans),
        key=lambda t: (t[0], -t[1]),
    )
    out: list[Segment] = []
    pos = 0
    for start, end, span in ordered:
        if end <= start or end <= pos:
            continue
        start = max(start, pos)
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], span))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


@dataclass(frozen=True, slots=True)
class Dot:
    """One event on the timeline strip."""

    x: float
    y: float
    colour: str
    event_id: int
    label: str


def timeline_dots(
    items: list[dict[str, Any]], *, width: int = 900, height: int = 70
) -> dict[str, Any]:
    """Events placed by date along one axis; same-day events stack upwards."""
    if not items:
        return {"dots": [], "labels": [], "width": width, "height": height}
    first: dt.date = items[0]["event_date"]
    last: dt.date = items[-1]["event_date"]
    span = max((last - first).days, 1)
    pad = 8
    stack: dict[int, int] = {}
    dots: list[Dot] = []
    for item in items:
        x = pad + (width - 2 * pad) * (item["event_date"] - first).days / span
        column = round(x / 6)
        level = stack.get(column, 0)
        stack[column] = level + 1
        dots.append(
            Dot(
                x=x,
                y=height - 22 - 7 * min(level, 6),
                colour=TYPE_COLOURS.get(item["event_type"], "#555555"),
                event_id=item["id"],
                label=f"{item['event_date'].isoformat()} {item['event_type']}"
                f" — {item['location'] or '?'}",
            )
        )
    labels = [
        {"x": pad, "text": first.isoformat(), "anchor": "start"},
        {"x": width - pad, "text": last.isoformat(), "anchor": "end"},
    ]
    return {"dots": dots, "labels": labels, "width": width, "height": height}
