"""A recorded angle drawn over time: the raw samples light, the smoothed line over them, its name at its end.

Shared by the set timeline (`set_timeline`, `angle_strips`) and the mistake trace figures
(`mistake_traces`), so a trace looks the same wherever the course draws one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Text

from ..form.signal import lowpass
from .style import COLORS, FONT_SIZES, LINESTYLES

# One colour and one line style per recorded angle; no colour here means anything else in a timeline
# (tests/test_accessibility.py checks it), and the words at each line's end name it too.
TRACE_STYLES: dict[str, tuple[str, Any]] = {
    name: (COLORS[name], LINESTYLES[name])
    for name in ("lumbar_extension", "trunk_lean", "pelvic_rotation", "pelvic_hike")
}
RAW_COLOR = COLORS["raw_samples"]
"""The raw samples of every trace: one grey, so they neither vanish on a shaded phase nor take a colour
that means something else (the smoothed line over them carries the angle's own colour)."""
RAW_ALPHA = 0.35
"""How light the raw samples are drawn under the smoothed line."""
RAW_WIDTH = 0.6
"""The raw samples' line width (points)."""
LABEL_GAP_PT = 12.5
"""The least vertical distance (points) between two labels at the right end of a chart."""


def smooth_trace(time_s: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The trace low-passed as the rep counter sees it (gaps bridged for the filter, kept as gaps after)."""
    finite = np.isfinite(values)
    if finite.sum() < 3:
        return values.copy()
    filled = np.interp(time_s, time_s[finite], values[finite])
    rate = 1.0 / float(np.median(np.diff(time_s)))
    smooth = lowpass(filled, rate)
    smooth[~finite] = np.nan
    return smooth


def draw_trace(
    ax: Axes,
    time_s: np.ndarray,
    values: np.ndarray,
    *,
    color: str,
    style: Any,
    label: str | None,
    width: float = 2.0,
    layer: float = 3.0,
) -> np.ndarray:
    """A recorded angle: the raw samples thin and grey, the smoothed line over them; returns the smoothed."""
    ax.plot(
        time_s, values, color=RAW_COLOR, linewidth=RAW_WIDTH, alpha=RAW_ALPHA, zorder=2, gid="raw_samples"
    )
    smooth = smooth_trace(time_s, values)
    ax.plot(time_s, smooth, color=color, linestyle=style, linewidth=width, label=label, zorder=layer)
    return smooth


def last_value(values: np.ndarray) -> float:
    """The last finite value of a trace (nan when there is none)."""
    finite = np.asarray(values, dtype=float)[np.isfinite(values)]
    return float(finite[-1]) if finite.size else float("nan")


def spread_out(heights: list[float], gap: float, low: float = 0.0, high: float = 1.0) -> list[float]:
    """Move label heights (axes fraction) apart by at least `gap`, keeping their order and inside [low, high].

    >>> [round(h, 2) for h in spread_out([0.5, 0.52], 0.1)]
    [0.46, 0.56]
    """
    if not heights:
        return []
    order = sorted(range(len(heights)), key=lambda i: heights[i])
    placed = [heights[i] for i in order]
    for _ in range(len(placed) + 1):  # push apart, then pull back inside the limits
        for k in range(1, len(placed)):
            overlap = placed[k - 1] + gap - placed[k]
            if overlap > 0:
                placed[k - 1] -= overlap / 2
                placed[k] += overlap / 2
        shift = max(0.0, placed[-1] - high) if placed else 0.0
        placed = [h - shift for h in placed]
        shift = max(0.0, low - placed[0])
        placed = [h + shift for h in placed]
    result = [0.0] * len(heights)
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return result


def label_line_ends(ax: Axes, labels: list[tuple[float, str, str]]) -> list[Text]:
    """Name lines at the chart's right end: (height in data units, words, colour), spread apart to be read.

    Call after the y-limits are final. The words sit just outside the axes, each at its line's height
    (moved apart where two lines end close together), so no legend is needed and none covers the data.
    """
    low, high = ax.get_ylim()
    height_pt = ax.get_position().height * ax.figure.get_figheight() * 72
    gap = LABEL_GAP_PT / max(height_pt, 1.0)
    wanted = [(y - low) / (high - low) if np.isfinite(y) else 0.5 for y, _, _ in labels]
    heights = spread_out(wanted, gap)
    return [
        ax.text(
            1.01,
            height,
            words,
            transform=ax.transAxes,
            ha="left",
            va="center",
            fontsize=FONT_SIZES["small"],
            color=color,
            fontweight="bold",
            gid="line_end_label",
        )
        for height, (_, words, color) in zip(heights, labels)
    ]


__all__ = [
    "RAW_ALPHA",
    "RAW_COLOR",
    "RAW_WIDTH",
    "TRACE_STYLES",
    "draw_trace",
    "label_line_ends",
    "last_value",
    "smooth_trace",
    "spread_out",
]
