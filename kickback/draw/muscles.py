"""Muscles drawn as lines of action on the body, and moved in place with it."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..model.anthropometrics import Body
from ..model.skeleton import Skeleton
from .style import COLORS, LINESTYLES

# --- muscles on the body --------------------------------------------------------------------

SEGMENT_ENDS: dict[str, tuple[str, str]] = {
    "pelvis": ("hip", "lumbar_base"),
    "lumbar": ("lumbar_base", "lumbar_top"),
    "thorax": ("lumbar_top", "shoulder"),
    "thigh": ("hip", "knee"),
    "shank": ("knee", "ankle"),
}
LEG_SEGMENTS = ("thigh", "shank")


def attachment_point(
    skeleton: Skeleton, segment: str, fraction: float, offset: float, height: float
) -> np.ndarray:
    """Where a schematic muscle attachment sits on the drawn body (m).

    `fraction` runs along the segment from its proximal end; `offset` (a fraction of body height)
    is perpendicular to it, + toward the back of the body.
    """
    start, end = (np.array(skeleton.joints[name]) for name in SEGMENT_ENDS[segment])
    direction = (end - start) / np.hypot(*(end - start))
    if segment in LEG_SEGMENTS:
        posterior = np.array([direction[1], -direction[0]])
    else:
        posterior = np.array([-direction[1], direction[0]])
    return start + fraction * (end - start) + offset * height * posterior


def muscle_line(skeleton: Skeleton, muscle, height: float) -> np.ndarray:
    """A muscle's line of pull on the drawn body: origin to insertion (schematic)."""
    origin = muscle.origin_point
    insertion = muscle.insertion_point
    return np.array(
        [
            attachment_point(skeleton, origin.segment, origin.fraction, origin.offset, height),
            attachment_point(skeleton, insertion.segment, insertion.fraction, insertion.offset, height),
        ]
    )


def draw_muscles(ax: Axes, skeleton: Skeleton, body: Body) -> dict[str, Line2D]:
    """Every muscle's line of pull on the drawn body, coloured and styled by role (schematic)."""
    from ..model.muscles import read_muscles

    lines = {}
    for muscle in read_muscles():
        (line,) = ax.plot(
            [],
            [],
            color=COLORS[muscle.role],
            linestyle=LINESTYLES[muscle.role],
            linewidth=4.0,
            solid_capstyle="round",
            dash_capstyle="round",
            alpha=0.95,
            zorder=6,
        )
        lines[muscle.id] = line
    update_muscles(lines, skeleton, body)
    return lines


def update_muscles(
    lines: dict[str, Line2D], skeleton: Skeleton, body: Body, *, best: str | None = None
) -> None:
    """Move the muscle lines to a new pose; draw the `best` one thick and solid."""
    from ..model.muscles import read_muscles

    for muscle in read_muscles():
        points = muscle_line(skeleton, muscle, body.height)
        line = lines[muscle.id]
        line.set_data(points[:, 0], points[:, 1])
        line.set_linewidth(9.0 if muscle.id == best else 4.0)
        line.set_linestyle("-" if muscle.id == best else LINESTYLES[muscle.role])
