"""The course's numbered badge: a dark disc with a white bold number, and a thin pointer to what its cue
is about. Every numbered badge in a picture is drawn by `draw_badge` (or `number_badge`, which sizes it
for its axes), so a badge looks the same on every cue card and figure; a badge in a list of cues, drawn
as text, takes `badge_text_style` for the same disc and number.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle

from .style import COLORS, FONT_SIZES

BADGE_RADIUS_EM = 0.95  # the disc's radius, in the number's font size (points)
BADGE_EDGE = {"edgecolor": "white", "linewidth": 1.0}  # a white ring: the disc stays whole over a body
POINTER_WIDTH = 1.0  # points
POINTER_DOT = 3.5  # points: the dot where the pointer ends


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=float)
    return vector / max(float(np.hypot(*vector)), 1e-12)


def badge_radius(ax: Axes) -> float:
    """A badge's radius in metres on `ax`: big enough for a bold number at the label size."""
    ax.apply_aspect()
    (ax0, _), (ax1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
    points = BADGE_RADIUS_EM * FONT_SIZES["label"]
    return points * ax.figure.dpi / 72.0 / abs(ax1 - ax0)


def badge_text_style(fontsize: float = FONT_SIZES["label"]) -> dict[str, Any]:
    """Keyword arguments for `text` that draw a number as a badge (the number centred on the point
    given): the same dark disc, white ring and white bold number as `draw_badge`, for badges in a list
    of cues, where the disc follows the text instead of a radius in data units.

    Parameters
    ----------
    fontsize : float
        The number's size (points); the disc grows with it.
    """
    return {
        "fontsize": fontsize,
        "fontweight": "bold",
        "color": "white",
        "ha": "center",
        "va": "center",
        "bbox": {"boxstyle": "circle,pad=0.3", "facecolor": COLORS["outline"], **BADGE_EDGE},
    }


def draw_badge(ax: Axes, number: int, point: np.ndarray, centre: np.ndarray, radius: float) -> None:
    """A numbered badge at `centre` (m) with a thin pointer from its edge to a dot at `point` (m).

    Parameters
    ----------
    ax : Axes
        The picture, in metres with an equal aspect.
    number : int
        The cue's number, drawn in the disc.
    point, centre : np.ndarray
        Where the pointer ends (on the body) and where the disc sits (in free space), m.
    radius : float
        The disc's radius (m), from `badge_radius`.
    """
    point, centre = np.asarray(point, dtype=float), np.asarray(centre, dtype=float)
    start = centre + _unit(point - centre) * radius
    ax.plot(
        [start[0], point[0]],
        [start[1], point[1]],
        color=COLORS["outline"],
        linewidth=POINTER_WIDTH,
        zorder=6.5,
        gid=f"cue_pointer_{number}",
    )
    ax.plot(*point, marker="o", markersize=POINTER_DOT, color=COLORS["outline"], zorder=6.6)
    ax.add_patch(
        Circle(
            centre, radius, facecolor=COLORS["outline"], zorder=6.7, gid=f"cue_badge_{number}", **BADGE_EDGE
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


def number_badge(ax: Axes, number: int, at: tuple[float, float], target: tuple[float, float]) -> None:
    """`draw_badge` sized for `ax`: a numbered badge at `at` (m) pointing at `target` (m)."""
    draw_badge(ax, number, np.asarray(target, dtype=float), np.asarray(at, dtype=float), badge_radius(ax))
