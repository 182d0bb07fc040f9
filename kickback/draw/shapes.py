"""Shapes every drawing uses: rounded limbs, arcs, arrows, panel marks, and the angle conventions."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from .style import COLORS, FONT_SIZES, LINESTYLES

ARC_POINTS = 32
FRAME_PAD = 0.008  # axes fraction: a panel's frame sits just outside the axes, so the floor ends inside it


# --- geometry helpers (pure functions of points) --------------------------------------------


def tube_outline(points: np.ndarray, radii: np.ndarray | float, *, cap_points: int = 13) -> np.ndarray:
    """Outline of a rounded tube of the given radius (or radii) along a polyline.

    Used for limbs and the torso: thick, with round ends, following the spine when it curves.
    """
    points = np.asarray(points, dtype=float)
    radii = np.broadcast_to(np.asarray(radii, dtype=float), (len(points),))
    tangents = (
        np.gradient(points, axis=0)
        if len(points) > 2
        else np.repeat([points[-1] - points[0]], len(points), axis=0)
    )
    lengths = np.hypot(tangents[:, 0], tangents[:, 1])
    lengths[lengths < 1e-12] = 1.0
    tangents = tangents / lengths[:, None]
    normals = np.column_stack([-tangents[:, 1], tangents[:, 0]])
    left = points + normals * radii[:, None]
    right = points - normals * radii[:, None]
    end_angle = math.atan2(normals[-1, 1], normals[-1, 0])
    start_angle = math.atan2(-normals[0, 1], -normals[0, 0])
    sweep = np.linspace(0.0, -math.pi, cap_points)[1:-1]  # the ends are the side points already
    end_cap = points[-1] + radii[-1] * np.column_stack([np.cos(end_angle + sweep), np.sin(end_angle + sweep)])
    start_cap = points[0] + radii[0] * np.column_stack(
        [np.cos(start_angle + sweep), np.sin(start_angle + sweep)]
    )
    return np.vstack([left, end_cap, right[::-1], start_cap])


def back_line(spine: np.ndarray, offset: float) -> np.ndarray:
    """The spine's curve moved toward the back by `offset` (m), from the pelvis to the shoulder blades.

    Drawn on the torso so the lumbar curve (flat or arched) is plain to see.
    """
    tangents = np.gradient(spine, axis=0)
    tangents /= np.hypot(tangents[:, 0], tangents[:, 1])[:, None]
    behind = np.column_stack([-tangents[:, 1], tangents[:, 0]])
    shoulder_blades = spine[-2] + 0.6 * (spine[-1] - spine[-2])
    points = np.vstack([spine[:-1], shoulder_blades])
    behind = np.vstack([behind[:-1], behind[-1]])
    return (points + offset * behind)[1:]


def segment_points(start: tuple[float, float], end: tuple[float, float]) -> np.ndarray:
    """A straight segment as a two-point polyline."""
    return np.array([start, end], dtype=float)


def arc_points(center: tuple[float, float], radius: float, start_deg: float, end_deg: float) -> np.ndarray:
    """Points on a circular arc (angles counter-clockwise from +x, in degrees)."""
    angles = np.radians(np.linspace(start_deg, end_deg, ARC_POINTS))
    return np.column_stack([center[0] + radius * np.cos(angles), center[1] + radius * np.sin(angles)])


def down_angle_to_math(angle_deg: float) -> float:
    """Convert 'degrees behind hanging straight down' to matplotlib's counter-clockwise-from-+x."""
    return -90.0 - angle_deg


def up_angle_to_math(angle_deg: float) -> float:
    """Convert 'degrees forward of straight up' to matplotlib's counter-clockwise-from-+x."""
    return 90.0 - angle_deg


def mark_panel(ax: Axes, kind: str, title: str, *, frame: bool = True) -> None:
    """Title a panel and frame it: a tick and solid line for correct, a cross and dashes for a mistake.

    `frame=False` leaves the frame to `frame_chart` (a chart's frame goes round its tick labels, drawn
    once the figure's layout is final).
    """
    if kind in ("correct", "mistake"):
        from .style import MARKS

        ax.set_title(
            f"{MARKS[kind]} {title}",
            color=COLORS[kind],
            fontsize=FONT_SIZES["title"],
            pad=6.0 if frame else 14.0,
        )
        if not frame:
            return
        frame_patch = Rectangle(
            (-FRAME_PAD, -FRAME_PAD),
            1 + 2 * FRAME_PAD,
            1 + 2 * FRAME_PAD,
            transform=ax.transAxes,
            fill=False,
            edgecolor=COLORS[kind],
            linestyle=LINESTYLES[kind],
            linewidth=2.2,
            zorder=7,
            clip_on=False,
        )
        ax.add_patch(frame_patch)
    else:
        ax.set_title(title, color=COLORS["outline"], fontsize=FONT_SIZES["title"])


def chart_box(ax: Axes, pad_px: float = 6.0) -> Bbox:
    """The box (display pixels) round a chart's axes, tick labels and axis labels, `pad_px` outside them."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = [ax.bbox, ax.xaxis.get_tightbbox(renderer), ax.yaxis.get_tightbbox(renderer)]
    box = Bbox.union([b for b in boxes if b is not None and b.width > 0])
    return Bbox.from_extents(box.x0 - pad_px, box.y0 - pad_px, box.x1 + pad_px, box.y1 + pad_px)


def frame_chart(ax: Axes, kind: str, pad_px: float = 6.0) -> Rectangle:
    """Frame a chart panel as `mark_panel` frames a drawing, but outside its axes and tick labels.

    On the axes' border the frame's dashes would sit on the traces' own lines; padded outside, the
    frame is plainly the panel's verdict and the traces keep their own room. Call it once the figure's
    layout is final (the box is in figure fractions).
    """
    figure = ax.figure
    box = chart_box(ax, pad_px).transformed(figure.transFigure.inverted())
    frame = Rectangle(
        (box.x0, box.y0),
        box.width,
        box.height,
        transform=figure.transFigure,
        fill=False,
        edgecolor=COLORS[kind],
        linestyle=LINESTYLES[kind],
        linewidth=2.2,
        zorder=7,
        clip_on=False,
    )
    figure.add_artist(frame)
    return frame


def add_headroom(axes: list[Axes], share: float = 0.14) -> tuple[float, float]:
    """Set the y-limits of `axes` (sharing y) to their data's span and `share` of it more each side.

    With the room, no trace touches the axes' top or bottom (nor the frame round them).
    """
    low = min(ax.dataLim.y0 for ax in axes)
    high = max(ax.dataLim.y1 for ax in axes)
    span = max(high - low, 1.0)
    limits = (low - share * span, high + share * span)
    for ax in axes:
        ax.set_ylim(*limits)
    return limits


def reach_line_points(hip: tuple[float, float], apparent_deg: float, length: float) -> np.ndarray:
    """The line the thigh would follow at `apparent_deg` from hanging, from the hip (m)."""
    direction = np.array([-math.sin(math.radians(apparent_deg)), -math.cos(math.radians(apparent_deg))])
    return np.array([hip, np.array(hip) + length * direction])


def draw_motion_arrow(
    ax: Axes, center: tuple[float, float], from_deg: float, to_deg: float, radius: float, label: str
) -> None:
    """A curved arrow around a joint showing which way the limb moves (angles from hanging, behind +)."""
    points = arc_points(center, radius, down_angle_to_math(from_deg), down_angle_to_math(to_deg))
    ax.plot(points[:-1, 0], points[:-1, 1], color=COLORS["outline"], linewidth=2.0, zorder=5.5)
    ax.annotate(
        "",
        xy=tuple(points[-1]),
        xytext=tuple(points[-3]),
        zorder=5.6,
        arrowprops={"arrowstyle": "-|>", "color": COLORS["outline"], "linewidth": 2.0, "mutation_scale": 20},
    )
    middle = np.array(center) + (points[len(points) // 2] - np.array(center)) * 1.12
    ax.text(
        middle[0],
        middle[1],
        label,
        fontsize=FONT_SIZES["label"],
        ha="center",
        va="center",
        color=COLORS["outline"],
        zorder=6,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
    )
