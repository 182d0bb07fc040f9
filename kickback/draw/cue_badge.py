"""A cue card's numbered badge: a dark disc with a white number, and a pointer to what its cue is about."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle

from .style import COLORS, FONT_SIZES


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=float)
    return vector / max(float(np.hypot(*vector)), 1e-12)


def badge_radius(ax: Axes) -> float:
    """A badge's radius in metres on `ax`: big enough for a bold number at the label size."""
    ax.apply_aspect()
    (ax0, _), (ax1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
    points = 0.95 * FONT_SIZES["label"]
    return points * ax.figure.dpi / 72.0 / abs(ax1 - ax0)


def draw_badge(ax: Axes, number: int, point: np.ndarray, centre: np.ndarray, radius: float) -> None:
    """A numbered badge with a thin pointer ending on a dot at `point` (m)."""
    start = centre + _unit(point - centre) * radius
    ax.plot(
        [start[0], point[0]],
        [start[1], point[1]],
        color=COLORS["outline"],
        linewidth=1.0,
        zorder=6.5,
        gid=f"cue_pointer_{number}",
    )
    ax.plot(*point, marker="o", markersize=3.5, color=COLORS["outline"], zorder=6.6)
    ax.add_patch(
        Circle(
            centre,
            radius,
            facecolor=COLORS["outline"],
            edgecolor="white",
            linewidth=1.0,
            zorder=6.7,
            gid=f"cue_badge_{number}",
        )
    )
    ax.text(
        *centre,
        str(number),
        ha="center",
        va="center",
        fontsize=FONT_SIZES["label"],
        fontweight="bold",
        color="white",
        zorder=6.8,
    )
