"""Marks drawn over a body for teaching: a ghost of the reference pose, the region at fault, a motion trail.

One idea a panel: a mistake panel shows the fault's pose, a faint dashed ghost of the correct
pose over it (so the difference shows at a glance), and the body region at fault hatched.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from ..model.anthropometrics import Body
from ..model.pose import Pose
from ..model.skeleton import build_skeleton
from .anatomy import lower_back_region
from .artists import PoseArtists
from .body import draw_pose
from .style import COLORS, FONT_SIZES

GHOST_PARTS = ("trunk", "thigh", "shank", "foot", "head", "neck", "upper_arm", "forearm")


def draw_ghost(ax: Axes, pose: Pose, body: Body, variant: str) -> PoseArtists:
    """A faint dashed outline of `pose` (the reference), drawn over whatever is on `ax`."""
    ghost = draw_pose(ax, pose, body, variant, angles=False, caption=False, static=False)
    for name in [name for name in ghost.polygons if name not in GHOST_PARTS]:
        ghost.polygons.pop(name).set_visible(False)
    for patch in ghost.polygons.values():
        patch.set(facecolor="none", edgecolor=COLORS["reference"], linestyle=(0, (3, 2)), linewidth=1.1)
        patch.set_zorder(4.6)
    for artist in (*ghost.lines.values(), *ghost.circles.values()):
        artist.set_visible(False)
    return ghost


def mark_region(ax: Axes, outline: np.ndarray, *, z: float = 4.7) -> Polygon:
    """Hatch a region of the body in the mistake colour (and hatching, so not by colour alone)."""
    patch = Polygon(
        outline,
        closed=True,
        facecolor=(0.835, 0.369, 0.0, 0.22),
        edgecolor=COLORS["mistake"],
        hatch="////",
        linewidth=1.4,
        zorder=z,
    )
    ax.add_patch(patch)
    return patch


def mark_lower_back(artists: PoseArtists) -> None:
    """Hatch the lumbar region of the drawn body; its angle label turns the mistake colour, in bold."""
    mark_region(artists.ax, lower_back_region(artists.skeleton, artists.body))
    if "back" in artists.texts:
        artists.texts["back"].set(color=COLORS["mistake"], fontweight="bold")


def draw_trail(ax: Axes, poses: list[Pose], body: Body, variant: str) -> None:
    """The working ankle's path through `poses` (dotted), with faint outlines of the leg along it."""
    ankles = np.array([build_skeleton(pose, body, variant).joints["ankle"] for pose in poses])
    ax.plot(
        ankles[:, 0],
        ankles[:, 1],
        color=COLORS["working_leg"],
        linestyle=(0, (1, 2)),
        linewidth=1.6,
        zorder=4.8,
    )
    for pose in poses[:-1:3]:
        joints = build_skeleton(pose, body, variant).joints
        leg = np.array([joints["hip"], joints["knee"], joints["ankle"]])
        ax.plot(
            leg[:, 0],
            leg[:, 1],
            color=COLORS["working_leg"],
            alpha=0.25,
            linewidth=3.0,
            zorder=1.9,
            solid_capstyle="round",
        )


def blend(start: Pose, end: Pose, share: float) -> Pose:
    """The pose `share` (0 to 1) of the way from `start` to `end`, angle by angle."""
    a, b = start.as_dict(), end.as_dict()
    return Pose(**{name: a[name] + share * (b[name] - a[name]) for name in a})


def number_badge(ax: Axes, number: int, at: tuple[float, float], target: tuple[float, float]) -> None:
    """A numbered circle at `at` with a thin leader line to `target` (a cue pointing at the body)."""
    ax.plot([at[0], target[0]], [at[1], target[1]], color=COLORS["outline"], linewidth=0.9, zorder=6.5)
    ax.plot([target[0]], [target[1]], marker="o", markersize=3.5, color=COLORS["outline"], zorder=6.6)
    ax.text(
        at[0],
        at[1],
        str(number),
        ha="center",
        va="center",
        fontsize=FONT_SIZES["label"],
        fontweight="bold",
        color="white",
        zorder=6.8,
        bbox={"boxstyle": "circle,pad=0.25", "facecolor": COLORS["outline"], "edgecolor": "none"},
    )
