"""The equipment around the body: the floor, the cable tower, the machine, and its moving parts."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import Circle, Rectangle

from ..model.anthropometrics import Body
from ..model.skeleton import Skeleton
from .artists import PoseArtists
from .style import COLORS


def draw_floor(ax: Axes, xlim: tuple[float, float]) -> None:
    """The floor line with a light strip beneath it."""
    ax.add_patch(
        Rectangle((xlim[0], -0.2), xlim[1] - xlim[0], 0.2, facecolor="#EDEDED", edgecolor="none", zorder=0.5)
    )
    ax.plot(xlim, [0, 0], color=COLORS["floor"], linewidth=1.5, zorder=0.6)


def draw_static_equipment(ax: Axes, skeleton: Skeleton, body: Body) -> None:
    """Parts of the equipment that do not move with the pose: tower, platform, column."""
    j = skeleton.joints
    grey = COLORS["equipment"]
    if skeleton.variant == "cable":
        base, top = j["frame_base"], j["frame_top"]
        ax.add_patch(
            Rectangle(
                (base[0] - 0.02, 0.0),
                0.10,
                top[1],
                facecolor="#D9D9D9",
                edgecolor=grey,
                linewidth=1.0,
                zorder=1.0,
            )
        )
        ax.plot(
            [j["handle"][0], base[0] + 0.02],
            [j["handle"][1]] * 2,
            color=grey,
            linewidth=3,
            solid_capstyle="round",
            zorder=1.1,
        )
        ax.add_patch(Circle(j["pulley"], 0.035, facecolor="white", edgecolor=grey, linewidth=1.5, zorder=1.2))
    elif skeleton.variant == "machine":
        front, back = j["platform_front"], j["platform_back"]
        ax.add_patch(
            Rectangle(
                (back[0], 0.0),
                front[0] - back[0],
                front[1],
                facecolor="#D9D9D9",
                edgecolor=grey,
                linewidth=1.0,
                zorder=1.0,
            )
        )
        base, top = j["column_base"], j["column_top"]
        ax.add_patch(
            Rectangle(
                (base[0] - 0.03, 0.0),
                0.08,
                top[1],
                facecolor="#D9D9D9",
                edgecolor=grey,
                linewidth=1.0,
                zorder=1.0,
            )
        )
        ax.plot(
            [j["handle"][0] - 0.02, base[0]],
            [j["handle"][1]] * 2,
            color=grey,
            linewidth=3,
            solid_capstyle="round",
            zorder=1.1,
        )
    else:
        hand = j["support_hand"]
        ax.add_patch(
            Rectangle((hand[0] - 0.05, 0.0), 0.25, 0.012, facecolor="#D9D9D9", edgecolor="none", zorder=0.7)
        )


def draw_moving_equipment(artists: PoseArtists, skeleton: Skeleton) -> None:
    """The cable to the ankle strap, or the machine's lever; they follow the leg."""
    ax = artists.ax
    if skeleton.variant == "cable":
        (line,) = ax.plot([], [], color=COLORS["cable"], linewidth=2.0, zorder=1.5, solid_capstyle="round")
        artists.lines["cable"] = line
        strap = Circle(
            (0, 0), 0.03, facecolor=COLORS["cable"], edgecolor=COLORS["outline"], linewidth=0.8, zorder=4.3
        )
        ax.add_patch(strap)
        artists.circles["strap"] = strap
    elif skeleton.variant == "machine":
        (line,) = ax.plot(
            [], [], color=COLORS["equipment"], linewidth=4.0, zorder=3.45, solid_capstyle="round"
        )
        artists.lines["lever"] = line
        pivot = Circle(
            skeleton.joints["pivot"],
            0.035,
            facecolor="white",
            edgecolor=COLORS["equipment"],
            linewidth=1.5,
            zorder=4.5,
        )
        ax.add_patch(pivot)
        artists.circles["pivot"] = pivot
