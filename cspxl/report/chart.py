"""The paper's chart: each priority's actions by status, whole actions, each bar labelled with its count.

Drawn with matplotlib's object interface (no pyplot, so no global state and no window), at the size
it is printed, so its 11 pt text prints at 10 pt or more.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence

from ..status import CHART_COLOURS


def _luminance(colour: str) -> float:
    """The relative luminance of ``#RRGGBB``, as WCAG defines it."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def label_colour(colour: str) -> str:
    """Black or white, whichever stands out more on a bar of ``colour`` (the higher WCAG contrast)."""
    lum = _luminance(colour)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def status_chart(counts: Mapping[str, Mapping[str, int]], statuses: Sequence[str], width_mm: float) -> bytes:
    """A PNG of one bar per priority (``counts``: priority -> status -> actions), its segments in the
    order of ``statuses``, drawn ``width_mm`` wide at 200 dots an inch."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    names = list(counts)
    # A row a priority, from the top: its name on a line above its bar, so the bars have the page's width.
    labels = [textwrap.shorten(n, 95, placeholder="…") for n in names]
    figure = Figure(figsize=(width_mm / 25.4, 0.55 * len(names) + 0.9), dpi=200, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    rows = [len(names) - 1 - n for n in range(len(names))]
    left = [0] * len(names)
    for status in statuses:
        values = [counts[name].get(status, 0) for name in names]
        if not any(values):
            continue
        bars = axes.barh(rows, values, left=left, color=CHART_COLOURS.get(status, "#A5A5A5"), label=status,
                         edgecolor="white", height=0.45)
        axes.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center", fontsize=11,
                       color=label_colour(CHART_COLOURS.get(status, "#A5A5A5")))
        left = [a + b for a, b in zip(left, values, strict=True)]
    for row, label in zip(rows, labels, strict=True):
        axes.text(0, row + 0.27, label, fontsize=11, va="bottom", ha="left")
    axes.set_yticks([])
    axes.set_ylim(-0.4, len(names) - 0.2)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole actions: 0, 1, 2, never 0.5
    axes.tick_params(axis="x", labelsize=11)
    axes.set_xlabel("Actions", fontsize=11)
    axes.set_xlim(0, max(max(left, default=0), 1))
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(statuses), 6), fontsize=11,
                frameon=False, handlelength=1, columnspacing=1)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()


#: The three years of a trend chart, oldest palest.
YEAR_COLOURS = ("#BDD7EE", "#5B9BD5", "#1F4E78")


def years_chart(counts: Mapping[str, Sequence[int | None]], years: Sequence[str], width_mm: float) -> bytes:
    """A PNG of one group of bars per row of ``counts`` (a crime type -> its count in each of ``years``,
    oldest first), each bar labelled with its count; a year without a count (a month missing) has no bar and
    is labelled "n/a", never drawn as none.  Drawn ``width_mm`` wide at 200 dots an inch."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = list(counts)
    height = 0.22
    figure = Figure(figsize=(width_mm / 25.4, 0.85 * len(names) + 1.0), dpi=200, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    top = max((v for values in counts.values() for v in values if v is not None), default=1) or 1
    for k, (year, colour) in enumerate(zip(years, YEAR_COLOURS, strict=False)):
        rows = [len(names) - 1 - n - (k - 1) * height for n in range(len(names))]
        values = [counts[name][k] for name in names]
        bars = axes.barh(rows, [v or 0 for v in values], height=height, color=colour, label=year)
        axes.bar_label(bars, labels=[f"{v:,}" if v is not None else "n/a" for v in values], padding=2, fontsize=10)
    for n, name in enumerate(names):
        axes.text(0, len(names) - 1 - n + 1.6 * height, textwrap.shorten(name, 80, placeholder="…"), fontsize=11,
                  va="bottom", ha="left")
    axes.set_yticks([])
    axes.set_xlim(0, top * 1.15)
    axes.set_ylim(-0.6, len(names) - 0.1)
    axes.tick_params(axis="x", labelsize=10)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(years), fontsize=10, frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()
