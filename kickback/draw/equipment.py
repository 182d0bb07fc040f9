"""The equipment around the body, drawn to scale: floor and mat, cable tower, kickback machine.

Static parts (tower, stack, frame, platform, chest pad, mat) are drawn once; the moving parts
(the cable to the ankle cuff, the machine's lever and pad) follow the leg in `update_moving_equipment`.
Sizes are drawing choices for a typical gym (teaching heuristics); positions come from
`data/equipment.csv` through the skeleton.
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
from .shapes import tube_outline
from .style import COLORS

METAL = "#D9D9D9"
PADDING = "#6B6B6B"
MAT = "#BFD9EA"
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


def _machine(ax: Axes, skeleton: Skeleton, body: Body) -> list[Path]:
    """Base frame, platform, the pivot's post, front column, chest pad and handles."""
    j = skeleton.joints
    front, back = j["platform_front"], j["platform_back"]
    column = j["column_base"][0]
    pivot = np.array(j["pivot"])
    paths = [
        _box(ax, back[0] - 0.15, 0.0, column - back[0] + 0.25, 0.05),
        _box(ax, back[0], 0.05, front[0] - back[0], front[1] - 0.05, facecolor="#BDBDBD"),
        _box(ax, column - 0.04, 0.05, 0.08, j["column_top"][1] - 0.05),
        _box(ax, pivot[0] - 0.03, front[1], 0.06, pivot[1] - front[1], z=0.9),
    ]
    ax.add_patch(
        Circle(pivot, 0.075, facecolor=METAL, edgecolor=COLORS["equipment"], linewidth=1.0, zorder=0.95)
    )
    chest = _chest_pad(skeleton, body)
    ax.add_patch(
        Polygon(chest, closed=True, facecolor=PADDING, edgecolor=COLORS["outline"], linewidth=0.8, zorder=2.8)
    )
    centre = chest.mean(axis=0)
    ax.plot([centre[0], column], [centre[1], centre[1]], color=COLORS["equipment"], linewidth=4, zorder=0.95)
    grip = np.array(j["handle"])
    ax.plot([grip[0], column], [grip[1], grip[1]], color=COLORS["equipment"], linewidth=4, zorder=1.1)
    ax.plot(
        [grip[0], grip[0]],
        [grip[1] - 0.07, grip[1] + 0.07],
        color=COLORS["equipment"],
        linewidth=5,
        zorder=3.35,
        solid_capstyle="round",
    )
    paths.append(Path(chest, closed=True))
    return paths


def _chest_pad(skeleton: Skeleton, body: Body) -> np.ndarray:
    """A padded cushion in front of the chest, parallel to the thorax in the start set-up."""
    from ..model.pose import start_pose
    from ..model.skeleton import build_skeleton

    start = build_skeleton(start_pose("machine"), body, "machine").spine
    a, b = start[-9], start[-3]
    along = (b - a) / np.hypot(*(b - a))
    forward = np.array([along[1], -along[0]])
    offset = 0.62 * body.geometry["trunk_width"] + 0.045
    return tube_outline(np.array([a + forward * offset, b + forward * offset]), 0.045)


def draw_static_equipment(ax: Axes, skeleton: Skeleton, body: Body) -> list[Path]:
    """Parts of the equipment that do not move with the pose; returns their outlines as paths."""
    if skeleton.variant == "cable":
        return _cable_tower(ax, skeleton)
    if skeleton.variant == "machine":
        return _machine(ax, skeleton, body)
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
        (line,) = ax.plot(
            [], [], color=COLORS["equipment"], linewidth=5.0, zorder=3.45, solid_capstyle="round"
        )
        artists.lines["lever"] = line
        pad = Polygon(
            np.zeros((3, 2)),
            closed=True,
            facecolor=PADDING,
            edgecolor=COLORS["outline"],
            linewidth=0.8,
            zorder=3.5,
        )
        ax.add_patch(pad)
        artists.polygons["pad"] = pad
        hub = Circle(
            skeleton.joints["pivot"],
            0.03,
            facecolor="white",
            edgecolor=COLORS["equipment"],
            linewidth=1.5,
            zorder=4.5,
        )
        ax.add_patch(hub)
        artists.circles["pivot"] = hub


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
    if "lever" in artists.lines:
        pad, pivot = j["pad"], j["pivot"]
        artists.lines["lever"].set_data([pivot[0], pad[0]], [pivot[1], pad[1]])
        along = (pad - pivot) / np.hypot(*(pad - pivot))
        artists.polygons["pad"].set_xy(tube_outline(np.array([pad - along * 0.08, pad + along * 0.08]), 0.04))
