"""The equipment around the body, drawn to scale: floor and mat, cable tower, kickback machine.

Static parts (tower, stack, frame, platform, mat) are drawn once; the moving parts (the cable to the
ankle cuff; the machine's chest pad, cam, lever and roller, `kickback.draw.machine`) follow the body
in `update_moving_equipment`. Sizes are drawing choices for a typical gym (teaching heuristics);
positions come from `data/equipment.csv` through the skeleton.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, FancyBboxPatch, Polygon, Rectangle
from matplotlib.path import Path

from ..model.anthropometrics import Body
from ..model.skeleton import Skeleton
from .anatomy import smooth_closed
from .artists import PoseArtists
from .machine import METAL, add_moving_machine, draw_machine, move_machine
from .style import COLORS

MAT = "#E2D7C1"  # a neutral beige: blue means the working leg, so the mat must not be blue
MAT_THICKNESS = 0.02  # m; the mat's top is the model's floor (y = 0)
TOWER_DEPTH = 0.36  # m, front upright to back upright
PLATE = 0.045  # m, one weight plate's thickness


def _box(ax: Axes, x: float, y: float, width: float, height: float, *, z: float = 1.0, **style) -> Path:
    """A filled rectangle; returns its outline as a path (an obstacle for labels)."""
    style = {"facecolor": METAL, "edgecolor": COLORS["equipment"], "linewidth": 1.0, **style}
    ax.add_patch(Rectangle((x, y), width, height, zorder=z, **style))
    return Path([(x, y), (x + width, y), (x + width, y + height), (x, y + height), (x, y)], closed=True)


def draw_floor(ax: Axes, xlim: tuple[float, float], variant: str = "cable") -> None:
    """The floor line with a light strip beneath it; on all fours, an exercise mat on it."""
    floor = -MAT_THICKNESS if variant == "bodyweight" else 0.0
    ax.add_patch(
        Rectangle(
            (xlim[0], floor - 0.2), xlim[1] - xlim[0], 0.2, facecolor="#EDEDED", edgecolor="none", zorder=0.5
        )
    )
    ax.plot(xlim, [floor, floor], color=COLORS["floor"], linewidth=1.5, zorder=0.6)
    if variant == "bodyweight":
        ax.add_patch(
            FancyBboxPatch(
                (-0.80, floor),
                1.75,
                MAT_THICKNESS,
                boxstyle="round,pad=0,rounding_size=0.01",
                facecolor=MAT,
                edgecolor=COLORS["equipment"],
                linewidth=0.8,
                zorder=0.7,
            )
        )


def _cable_tower(ax: Axes, skeleton: Skeleton) -> list[Path]:
    """Tower with two uprights, a weight stack, top pulleys, the low pulley's carriage, and a grip."""
    j = skeleton.joints
    front = j["pulley"][0] + 0.03
    top = j["frame_top"][1]
    grey = COLORS["equipment"]
    paths = [
        _box(ax, front, 0.0, 0.05, top),
        _box(ax, front + TOWER_DEPTH - 0.05, 0.0, 0.05, top),
        _box(ax, front - 0.04, top - 0.06, TOWER_DEPTH + 0.08, 0.06),
        _box(ax, front - 0.06, 0.0, TOWER_DEPTH + 0.12, 0.04),
    ]
    stack_x, stack_w = front + 0.10, TOWER_DEPTH - 0.20
    for i in range(14):
        _box(
            ax, stack_x, 0.05 + i * PLATE, stack_w, PLATE - 0.004, z=1.05, facecolor="#A6A6A6", linewidth=0.6
        )
    middle = stack_x + stack_w / 2
    for x in (stack_x + 0.025, stack_x + stack_w - 0.025):  # guide rods
        ax.plot([x, x], [0.05, top - 0.06], color=grey, linewidth=0.8, zorder=1.01)
    upper_back = np.array([middle, top - 0.12])
    upper_front = np.array([front + 0.025, top - 0.12])
    for wheel in (upper_back, upper_front):
        ax.add_patch(Circle(wheel, 0.035, facecolor="white", edgecolor=grey, linewidth=1.2, zorder=1.2))
    ax.plot(
        [middle, middle, upper_front[0] - 0.035, upper_front[0] - 0.035, j["pulley"][0]],
        [0.05 + 14 * PLATE, upper_back[1], upper_front[1] + 0.035, upper_front[1], j["pulley"][1] + 0.04],
        color=COLORS["cable"],
        linewidth=1.0,
        zorder=1.15,
    )
    carriage_y = j["pulley"][1]
    _box(ax, front - 0.03, carriage_y - 0.07, 0.11, 0.14, z=1.1, facecolor="#BDBDBD")
    ax.add_patch(Circle(j["pulley"], 0.04, facecolor="white", edgecolor=grey, linewidth=1.5, zorder=1.2))
    grip = np.array(j["handle"])
    paths.append(_box(ax, grip[0], grip[1] - 0.015, front - grip[0], 0.03, z=1.1))
    ax.plot(
        [grip[0], grip[0]],
        [grip[1] - 0.07, grip[1] + 0.07],
        color=grey,
        linewidth=5,
        zorder=3.35,
        solid_capstyle="round",
    )
    return paths


def draw_static_equipment(ax: Axes, skeleton: Skeleton, body: Body) -> list[Path]:
    """Parts of the equipment that do not move with the pose; returns their outlines as paths."""
    if skeleton.variant == "cable":
        return _cable_tower(ax, skeleton)
    if skeleton.variant == "machine":
        return draw_machine(ax, skeleton)
    return []


def draw_moving_equipment(artists: PoseArtists, skeleton: Skeleton) -> None:
    """The cable and ankle cuff, or the machine's lever and pad; `update_moving_equipment` moves them."""
    ax = artists.ax
    if skeleton.variant == "cable":
        (line,) = ax.plot([], [], color=COLORS["cable"], linewidth=1.6, zorder=1.5, solid_capstyle="round")
        artists.lines["cable"] = line
        cuff = Polygon(
            np.zeros((3, 2)),
            closed=True,
            facecolor="#333333",
            edgecolor=COLORS["outline"],
            linewidth=0.6,
            zorder=4.3,
        )
        ax.add_patch(cuff)
        artists.polygons["cuff"] = cuff
    elif skeleton.variant == "machine":
        add_moving_machine(artists, skeleton)


def update_moving_equipment(artists: PoseArtists, skeleton: Skeleton) -> None:
    """Move the cable to the ankle cuff, or the lever to the pad behind the thigh."""
    j = {name: np.array(point) for name, point in skeleton.joints.items()}
    if "cable" in artists.lines:
        ankle, knee = j["ankle"], j["knee"]
        up = (knee - ankle) / np.hypot(*(knee - ankle))
        band = ankle + up * 0.05
        across = np.array([up[1], -up[0]])
        width = artists.body.geometry["shank_width"] * 0.42
        cuff = np.array(
            [
                band + across * width,
                band - across * width,
                band - across * width + up * 0.05,
                band + across * width + up * 0.05,
            ]
        )
        artists.polygons["cuff"].set_xy(smooth_closed(cuff, 1))
        ring = band + up * 0.025
        artists.lines["cable"].set_data([j["pulley"][0], ring[0]], [j["pulley"][1], ring[1]])
    if "lever" in artists.polygons:
        move_machine(artists, skeleton)
