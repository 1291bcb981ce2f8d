"""The monthly stacked-bar chart as SVG shapes (drawn by the ``month_chart`` template macro).

Server-side and script-free, like the other charts: the page works with scripts off and the
Content-Security-Policy allows no inline script anyway. Every label is placed inside the
drawing (margins sized for the longest label, the legend wrapped into rows), so none is cut.
"""

from __future__ import annotations

from typing import Any

from orbat.read.charts import MEASURES, OTHER, SPLITS, MonthlySeries
from orbat.web.queries import TYPE_COLOURS

__all__ = ["month_chart"]

#: Colours of governorates and actors, in order of size (colour-blind-safe Tableau 10 tones).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7")
OTHER_COLOUR = "#9a9a9a"

_CHAR_PX = 6.2  # width of one 11px character, near enough to wrap labels without measuring
_LEFT, _RIGHT, _TOP, _AXIS = 44.0, 28.0, 16.0, 22.0
_LEGEND_ROW = 16.0


def _colours(series: MonthlySeries) -> dict[str, str]:
    if series.split == "type":
        return {name: TYPE_COLOURS.get(name, OTHER_COLOUR) for name in series.series}
    named = [s for s in series.series if s != OTHER]
    out = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(named)}
    out[OTHER] = OTHER_COLOUR
    return out


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _legend(
    names: list[str], colours: dict[str, str], width: float, top: float
) -> list[dict[str, Any]]:
    """Swatch-and-name items wrapped into rows that fit ``width``."""
    items: list[dict[str, Any]] = []
    x, y = _LEFT, top
    for name in names:
        text = _short(name)
        size = 14 + len(text) * _CHAR_PX + 14
        if x + size > width - _RIGHT and x > _LEFT:
            x, y = _LEFT, y + _LEGEND_ROW
        items.append({"x": x, "y": y, "colour": colours[name], "text": text, "title": name})
        x += size
    return items


def _nice_step(peak: int) -> int:
    """A gridline step of 1, 2 or 5 times a power of ten giving at most four gridlines."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if peak <= 4 * step * factor:
                return step * factor
        step *= 10


def _ticks(months: list[str], step: float, gap: float = 50.0) -> list[dict[str, Any]]:
    """Month labels at least ``gap`` px apart, the first and the last month always among
    them (a regular one too close to the last gives way to it)."""
    every = max(1, int(-(-gap // step)))
    kept = [i for i in range(len(months)) if i % every == 0]
    last = len(months) - 1
    if kept[-1] != last:
        if (last - kept[-1]) * step < gap and len(kept) > 1:
            kept.pop()
        kept.append(last)
    return [{"x": _LEFT + (i + 0.5) * step, "text": months[i]} for i in kept]


def month_chart(
    series: MonthlySeries, *, width: int = 760, plot_height: int = 160
) -> dict[str, Any]:
    """Stacked bars, one per month, with y gridlines, spaced month labels and a legend."""
    measure = MEASURES[series.measure]
    title = f"{measure.capitalize()} per month by {SPLITS[series.split]}"
    if not series.months:
        return {"title": title, "empty": True, "width": width, "height": 40}
    colours = _colours(series)
    step_y = _nice_step(max((sum(r.values()) for r in series.rows), default=0))
    peak = step_y * max(1, -(-max(sum(r.values()) for r in series.rows) // step_y))
    plot_w = width - _LEFT - _RIGHT
    base = _TOP + plot_height
    step = plot_w / len(series.months)
    bars: list[dict[str, Any]] = []  # x, y, width, height, colour, label (its tooltip)
    for i, (month, row) in enumerate(zip(series.months, series.rows, strict=True)):
        y = base
        for name in series.series:
            n = row.get(name, 0)
            if not n:
                continue
            h = plot_height * n / peak
            y -= h
            gap = min(1.0, step * 0.1)
            bars.append(
                {
                    "x": _LEFT + i * step + gap,
                    "y": y,
                    "width": max(step - 2 * gap, 0.5),
                    "height": h,
                    "colour": colours[name],
                    "label": f"{month}: {n} {measure} · {name}",
                }
            )
    # A label every k months, centred on its bar; "2025-03" is ~44 px wide, so k keeps them
    # apart, and the side margins hold half a label.
    ticks = _ticks(series.months, step)
    grid = [
        {"y": base - plot_height * v / peak, "text": f"{v:,}"} for v in range(0, peak + 1, step_y)
    ]
    legend = _legend(series.series, colours, width, base + _AXIS + 8)
    height = (legend[-1]["y"] if legend else base + _AXIS) + _LEGEND_ROW
    return {
        "title": title,
        "empty": False,
        "width": width,
        "height": round(height),
        "left": _LEFT,
        "right": width - _RIGHT,
        "base": base,
        "bars": bars,
        "ticks": ticks,
        "grid": grid,
        "legend": legend,
        "events": series.events,
        "fatalities": series.fatalities,
        "months": len(series.months),
        "first": series.months[0],
        "last": series.months[-1],
    }
