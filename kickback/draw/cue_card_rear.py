"""The cue card's small view from behind: the hips, and the level line across them that a hips-level cue
points at.

A side view cannot show whether the hips stay level (a roll or a hike happens across the line of
sight), so a card whose cue is about that adds this view, cropped round the pelvis, with the bar
across the back of the pelvis (through the two dimples over the sacrum, ending on the hip bones) and
the dotted level it must keep.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.path import Path

from ..model.anthropometrics import Body
from ..model.pose import Pose
from .pelvis import draw_rear_view
from .style import COLORS, FONT_SIZES

REAR_LINE = "rear_level_line"  # the gid suffix of the level line the pointer ends on
REAR_TITLE = "From behind: hips level"
REAR_BAR = "rear_pelvis_bar"  # the gid suffix of the bar across the pelvis, hip bone to hip bone
BAR_ON = ("pelvis", "trunk")  # the parts the pelvis bar is drawn on
# The view's x and y range round the pelvis bar's middle, in body heights: the whole body from behind on
# all fours (head to the mat's near edge) with a margin, and room up and left of the hips for the badge. A
# pose that reaches further (a standing body) widens it: `view_limits`.
CROP = ((-0.25, 0.37), (-0.50, 0.28))
MARGIN = 0.03  # body heights of free space round everything drawn
BADGE_DIRECTIONS = (
    110,
    120,
    130,
    140,
    50,
    35,
    65,
    20,
    80,
    5,
    100,
    -10,
    -30,
    -50,
    -70,
    -90,
)  # degrees from the level line's working end, tried in turn


def rear_crop_aspect() -> float:
    """Height per width of the cropped view, in the view's own units (1 for a square)."""
    (x0, x1), (y0, y1) = CROP
    return (y1 - y0) / (x1 - x0)


def view_limits(
    ax: Axes, middle: np.ndarray, height: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The view's x and y limits (m): the crop round the pelvis bar's middle, widened to hold every drawn
    shape (head, arms, legs, the mat) with a margin, so nothing is cut at the frame."""
    (x0, x1), (y0, y1) = (
        (middle[i] + low * height, middle[i] + high * height) for i, (low, high) in enumerate(CROP)
    )
    for patch in ax.patches:
        corners = patch.get_path().transformed(patch.get_patch_transform()).vertices
        (lx, ly), (hx, hy) = corners.min(axis=0) - MARGIN * height, corners.max(axis=0) + MARGIN * height
        x0, x1, y0, y1 = min(x0, lx), max(x1, hx), min(y0, ly), max(y1, hy)
    return (x0, x1), (y0, y1)


def draw_rear_thumbnail(
    figure: Figure, rect: tuple[float, float, float, float], pose: Pose, body: Body, variant: str
) -> tuple[Axes, tuple[list[Path], list[Path]], np.ndarray]:
    """The hips from behind in `rect` (figure fractions), cropped round the pelvis.

    Returns
    -------
    tuple
        The axes; the drawn body parts' outlines (m, in the view's frame), all and those a pointer
        must not cross; the stance-side end of the pelvis bar (m), on the level line: where a pointer ends.
    """
    ax = figure.add_axes(rect)
    artists = draw_rear_view(ax, pose, body, words=False, variant=variant, sides=False)
    bar = artists.lines["dimples"].get_xydata()  # the pelvis bar's two ends, on the hip bones
    middle = bar.mean(axis=0)
    (x0, x1), (y0, y1) = view_limits(ax, middle, body.height)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    level = artists.lines["level"]
    level.set_gid(f"part_{REAR_LINE}")
    artists.lines["dimples"].set_gid(f"part_{REAR_BAR}")
    level.set_linewidth(1.8)
    for name, patch in artists.parts.items():
        patch.set_gid(f"part_rear_{name}")
    ax.set_axis_on()  # a thin frame: the view is a crop round the hips
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor(COLORS["reference"])
        spine.set_linewidth(0.8)
    ax.set_title(REAR_TITLE, fontsize=FONT_SIZES["label"], pad=4.0)
    parts = [Path(patch.get_xy(), closed=True) for patch in artists.parts.values()]
    # The pointer ends on the bar across the back of the pelvis (hip bone to hip bone, on the level line),
    # at the stance side's hip bone: the lifted shank hides the working side's. To reach it the pointer
    # crosses the pelvis and the trunk it lies on, and nothing else.
    covering = [
        Path(patch.get_xy(), closed=True) for name, patch in artists.parts.items() if name not in BAR_ON
    ]
    return ax, (parts, covering), bar[np.argmin(bar[:, 0])]


def rear_badge_centre(
    ax: Axes, parts: tuple[list[Path], list[Path]], end: np.ndarray, radius: float
) -> np.ndarray:
    """A badge centre up and out from the pelvis bar's end, clear of the body and inside the view.

    `parts` holds every drawn part (the badge stays off them) and the parts the pointer must not
    cross (all but those the bar lies on)."""
    solids, covering = parts
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    angles = np.linspace(0, 2 * math.pi, 33)
    for distance in (1.8, 2.4, 3.0, 3.6, 4.2, 4.8):
        for degrees in BADGE_DIRECTIONS:
            a = math.radians(degrees)
            centre = end + distance * radius * np.array([math.cos(a), math.sin(a)])
            inside = x0 + radius < centre[0] < x1 - radius and y0 + radius < centre[1] < y1 - radius
            disc = Path(centre + 1.3 * radius * np.column_stack([np.cos(angles), np.sin(angles)]))
            pointer = Path(np.array([centre, end]))
            if (
                inside
                and not any(p.intersects_path(disc, filled=True) for p in solids)
                and not any(p.intersects_path(pointer, filled=False) for p in covering)
            ):
                return centre
    raise ValueError("cue card: no free spot beside the hips in the view from behind for the badge")
