"""The pelvis seen from above, turning as the pelvis rotates."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text

from ..content.pose_readouts import describe_pelvic_rotation
from .shapes import tube_outline
from .style import COLORS, FONT_SIZES, LINESTYLES

# --- the pelvis seen from above, and the hip's reach -----------------------------------------


@dataclass
class PelvisArtists:
    """The small view of the pelvis from above (transverse rotation), kept for updating."""

    ax: Axes
    outline: Polygon
    facing: Line2D
    label: Text


def pelvis_outline(rotation_deg: float) -> np.ndarray:
    """The pelvis from above (forward is up, the working side right) as a rounded bar.

    Opening toward the working side (+) turns it clockwise: the working hip drops back.
    """
    bar = tube_outline(np.array([[-0.5, 0.0], [0.5, 0.0]]), 0.22)
    angle = math.radians(-rotation_deg)
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    return bar @ rotation.T


def draw_pelvis_from_above(ax: Axes, rotation_deg: float) -> PelvisArtists:
    """A small top view of the pelvis: square when level, turned when it rotates."""
    ax.set_xlim(-0.85, 0.85)
    ax.set_ylim(-0.75, 0.75)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.plot([-0.6, 0.6], [0, 0], color=COLORS["reference"], linestyle=LINESTYLES["reference"], linewidth=1.0)
    outline = Polygon(
        pelvis_outline(rotation_deg),
        closed=True,
        facecolor=COLORS["body"],
        edgecolor=COLORS["outline"],
        linewidth=0.8,
    )
    ax.add_patch(outline)
    (facing,) = ax.plot([], [], color=COLORS["outline"], linewidth=1.4)
    ax.text(
        0.5,
        0.98,
        "pelvis from above",
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
    )
    ax.text(
        0.98,
        0.5,
        "working\nside",
        transform=ax.transAxes,
        ha="right",
        va="center",
        fontsize=FONT_SIZES["small"] - 1,
        color=COLORS["working_leg"],
    )
    label = ax.text(
        0.5,
        0.02,
        "",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
    )
    artists = PelvisArtists(ax=ax, outline=outline, facing=facing, label=label)
    update_pelvis_from_above(artists, rotation_deg)
    return artists


def update_pelvis_from_above(artists: PelvisArtists, rotation_deg: float) -> None:
    """Turn the top view of the pelvis to `rotation_deg` and say so in words."""
    artists.outline.set_xy(pelvis_outline(rotation_deg))
    angle = math.radians(90.0 - rotation_deg)
    artists.facing.set_data([0.0, 0.45 * math.cos(angle)], [0.0, 0.45 * math.sin(angle)])
    words = describe_pelvic_rotation(rotation_deg)
    artists.label.set_text(words.replace(" open to", "\nopen to").replace(" toward the", "\ntoward the"))
