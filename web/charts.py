"""Server-rendered SVG geometry for the trends chart and the search page's year timeline.

Why on the server: the chart must be readable with CSS and JavaScript off (and under the CSP,
which forbids inline styles), so everything is SVG presentation attributes computed here; the
templates only write the elements out. Each series also gets a dash pattern besides its colour,
so the lines stay distinguishable in greyscale and for colour-blind readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: colour-blind-safe palette (Okabe–Ito) and dash patterns, one per series
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")
DASHES = ("", "8 4", "2 3", "10 3 2 3", "1 6")
MARKERS = ("circle", "square", "diamond", "triangle", "cross")

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 56


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str
    href: str
    title: str


@dataclass
class Line:
    name: str
    colour: str
    dash: str
    path: str
    points: list[Point] = field(default_factory=list)


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 × 10^k)."""
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= value:
            return m * exp
    return 10 * exp


def fmt(value: float) -> str:
    """A number as Vietnamese write it: ``1.234,5``."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".").rstrip("0").rstrip(",")


def line_chart(periods: list[str], series: list[tuple[str, list[float | None], list[str], list[str]]]) -> dict:
    """Geometry of a line chart: ``series`` is ``[(name, values, hrefs, titles)]``, values None
    where there is nothing to plot (the line breaks there)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = nice_max(max((v for _n, vals, _h, _t in series for v in vals if v is not None), default=0))
    n = len(periods)

    def x_of(i: int) -> float:
        return LEFT + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y_of(v: float) -> float:
        return TOP + plot_h * (1 - v / top_value)

    lines = []
    for k, (name, values, hrefs, titles) in enumerate(series):
        parts: list[str] = []
        points: list[Point] = []
        pen_up = True
        for i, v in enumerate(values):
            if v is None:
                pen_up = True
                continue
            x, y = round(x_of(i), 1), round(y_of(v), 1)
            parts.append(f"{'M' if pen_up else 'L'}{x},{y}")
            pen_up = False
            points.append(Point(x, y, v, periods[i], hrefs[i], titles[i]))
        lines.append(Line(name, COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)], " ".join(parts), points))
    step = max(1, math.ceil(n / 12))
    x_ticks = [(round(x_of(i), 1), p) for i, p in enumerate(periods) if i % step == 0 or i == n - 1]
    y_ticks = [(round(y_of(top_value * j / 4), 1), fmt(top_value * j / 4)) for j in range(5)]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
            "bottom": HEIGHT - BOTTOM, "lines": lines, "x_ticks": x_ticks, "y_ticks": y_ticks}


def timeline(items: list[tuple[str, int, str, bool]], width: int = 480, height: int = 72) -> dict | None:
    """Bars of result counts per year, oldest first: ``items`` is ``[(year, count, href,
    selected)]``; None when there is nothing to draw."""
    items = sorted((i for i in items if i[1] > 0), key=lambda i: i[0])
    if not items:
        return None
    top = max(c for _y, c, _h, _s in items)
    gap = 2
    bar_w = max(4.0, min(36.0, (width - gap * len(items)) / len(items)))
    bars = []
    plot_h = height - 18
    for i, (year, count, href, selected) in enumerate(items):
        h = max(2.0, plot_h * count / top)
        x = round(i * (bar_w + gap), 1)
        bars.append({"x": x, "y": round(plot_h - h, 1), "w": round(bar_w, 1), "h": round(h, 1), "year": year,
                     "count": count, "href": href, "selected": selected, "label_x": round(x + bar_w / 2, 1)})
    label_every = max(1, math.ceil(len(bars) * 30 / (len(bars) * (bar_w + gap))))
    return {"width": round(len(bars) * (bar_w + gap), 1), "height": height, "plot_h": plot_h, "bars": bars,
            "label_every": label_every}
