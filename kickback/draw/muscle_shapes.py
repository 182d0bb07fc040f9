"""The muscles as shapes on the drawn body: where each lies and which way its fibres run (schematic).

Every point is (segment, fraction along it, offset across it as a fraction of body height), placed on
the skeleton's joints, so the shapes follow the body in any pose: the muscle map and the levers picture
both draw them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Polygon

from ..model.muscles import Muscle
from ..model.skeleton import Skeleton
from .muscles import band_outline, place_points, smooth_outline
from .style import COLORS

ROLE_OUTLINES: dict[str, object] = {
    "primary_mover": "-",
    "synergist": (0, (4, 2)),
    "stabilizer": (0, (1, 1.5)),
}

Point = tuple[str, float, float]


@dataclass(frozen=True)
class MuscleShape:
    """Where a muscle is drawn: an outline (or a band's centre line and widths) and its fibre direction.

    Every point is (segment, fraction along it, offset across it as a fraction of body height, + toward
    the back), as in data/muscles.csv. `fibres` gives two edges, (origin end, insertion end): the
    drawing runs thin lines between them, the way the fibres run.
    """

    outline: tuple[Point, ...]
    widths: tuple[float, ...] = ()  # a band: the outline is its centre line, these its widths (× height)
    fibres: tuple[tuple[Point, Point], tuple[Point, Point]] | None = None
    where: str = ""  # "deep" (under another muscle) or "inner thigh": said in the callout
    label_side: str = "left"  # the margin the callout sits in
    anchor: float = 0.5  # where the leader line meets the shape, along its centre line (bands)


# SCHEMATIC drawing geometry (a teaching heuristic): lateral view of the working side.
SHAPES: dict[str, MuscleShape] = {
    "glmax": MuscleShape(
        outline=(
            ("pelvis", 1.60, 0.044),
            ("pelvis", 1.00, 0.068),
            ("pelvis", 0.30, 0.078),
            ("pelvis", -0.35, 0.072),
            ("thigh", 0.18, 0.046),
            ("thigh", 0.36, 0.022),
            ("thigh", 0.40, 0.004),
            ("thigh", 0.30, -0.016),
            ("thigh", 0.10, -0.014),
            ("pelvis", 0.75, -0.004),
            ("pelvis", 1.40, 0.016),
        ),
        fibres=(
            (("pelvis", 1.62, 0.046), ("pelvis", -0.40, 0.076)),
            (("thigh", 0.16, -0.016), ("thigh", 0.40, 0.020)),
        ),
    ),
    "glmed": MuscleShape(
        outline=(
            ("pelvis", 1.80, 0.020),
            ("pelvis", 1.75, -0.046),
            ("pelvis", 1.00, -0.052),
            ("thigh", 0.03, -0.022),
            ("pelvis", 0.80, -0.004),
            ("pelvis", 1.45, 0.030),
        ),
        fibres=(
            (("pelvis", 1.82, 0.024), ("pelvis", 1.72, -0.048)),
            (("pelvis", 0.40, 0.000), ("pelvis", 0.30, -0.028)),
        ),
    ),
    "glmin": MuscleShape(
        outline=(
            ("pelvis", 1.25, -0.024),
            ("pelvis", 1.20, -0.052),
            ("pelvis", 0.55, -0.056),
            ("thigh", 0.03, -0.030),
            ("pelvis", 0.65, -0.022),
        ),
        fibres=(
            (("pelvis", 1.27, -0.024), ("pelvis", 1.18, -0.054)),
            (("pelvis", 0.20, -0.020), ("pelvis", 0.25, -0.034)),
        ),
        where="deep",
        label_side="right",
    ),
    "bflh": MuscleShape(
        outline=(
            ("pelvis", -0.45, 0.052),
            ("thigh", 0.25, 0.036),
            ("thigh", 0.65, 0.034),
            ("thigh", 0.95, 0.026),
            ("shank", 0.20, 0.012),
        ),
        widths=(0.008, 0.013, 0.013, 0.008, 0.005),
        anchor=0.30,
    ),
    "semiten": MuscleShape(
        outline=(
            ("pelvis", -0.50, 0.040),
            ("thigh", 0.25, 0.020),
            ("thigh", 0.65, 0.018),
            ("thigh", 0.97, 0.008),
            ("shank", 0.24, -0.008),
        ),
        widths=(0.008, 0.012, 0.008, 0.004, 0.004),
        anchor=0.50,
    ),
    "semimem": MuscleShape(
        outline=(
            ("pelvis", -0.55, 0.028),
            ("thigh", 0.25, 0.004),
            ("thigh", 0.65, 0.002),
            ("thigh", 0.97, -0.008),
            ("shank", 0.12, -0.016),
        ),
        widths=(0.005, 0.010, 0.013, 0.007, 0.005),
        anchor=0.70,
    ),
    "addmag": MuscleShape(
        outline=(
            ("pelvis", -0.40, 0.010),
            ("thigh", 0.20, -0.012),
            ("thigh", 0.55, -0.016),
            ("thigh", 0.88, -0.018),
        ),
        widths=(0.008, 0.016, 0.012, 0.004),
        where="inner thigh",
        label_side="right",
        anchor=0.55,
    ),
    "erector_spinae": MuscleShape(
        outline=(
            ("pelvis", 1.10, 0.054),
            ("lumbar", 0.10, 0.050),
            ("lumbar", 0.60, 0.044),
            ("thorax", 0.30, 0.044),
            ("thorax", 0.95, 0.036),
        ),
        widths=(0.016, 0.026, 0.026, 0.022, 0.010),
        anchor=0.62,
    ),
    "obliques": MuscleShape(
        outline=(
            ("thorax", 0.62, 0.022),
            ("thorax", 0.58, -0.040),
            ("lumbar", 0.40, -0.040),
            ("pelvis", 1.45, -0.004),
            ("lumbar", 0.40, 0.026),
        ),
        fibres=(
            (("thorax", 0.75, 0.030), ("thorax", 0.20, 0.034)),
            (("thorax", 0.50, -0.048), ("lumbar", 0.00, -0.030)),
        ),
        label_side="right",
    ),
    "transverse_abdominis": MuscleShape(
        outline=(
            ("thorax", 0.30, -0.044),
            ("thorax", 0.30, -0.058),
            ("pelvis", 1.15, -0.058),
            ("pelvis", 1.15, -0.044),
        ),
        fibres=(
            (("thorax", 0.34, -0.040), ("pelvis", 1.10, -0.040)),
            (("thorax", 0.34, -0.064), ("pelvis", 1.10, -0.064)),
        ),
        where="deep",
        label_side="right",
    ),
}


def muscle_outline(skeleton: Skeleton, shape: MuscleShape, height: float) -> np.ndarray:
    """The closed outline of one muscle on the drawn body (m)."""
    points = place_points(skeleton, shape.outline, height)
    if shape.widths:
        return band_outline(points, [width * height for width in shape.widths])
    return smooth_outline(points, closed=True, rounds=1)


def muscle_anchor(skeleton: Skeleton, shape: MuscleShape, height: float) -> np.ndarray:
    """The point a callout's leader line ends on: along a band's centre, or the middle of an outline."""
    points = place_points(skeleton, shape.outline, height)
    if shape.widths:
        line = smooth_outline(points, closed=False)
        steps = np.hypot(*np.diff(line, axis=0).T)
        along = np.concatenate([[0.0], np.cumsum(steps)]) / steps.sum()
        return np.array([np.interp(shape.anchor, along, line[:, i]) for i in (0, 1)])
    outline = smooth_outline(points, closed=True)
    return outline.mean(axis=0)


def fibre_lines(skeleton: Skeleton, shape: MuscleShape, height: float, count: int = 9) -> list[np.ndarray]:
    """Thin lines across a muscle the way its fibres run, from its origin edge to its insertion edge."""
    if shape.fibres is None:
        return []
    (a0, a1), (b0, b1) = (place_points(skeleton, edge, height) for edge in shape.fibres)
    return [
        np.array([a0 + t * (a1 - a0), b0 + t * (b1 - b0)]) for t in np.linspace(0.0, 1.0, count + 2)[1:-1]
    ]


def draw_muscle_shape(ax, skeleton: Skeleton, muscle: Muscle, height: float) -> Polygon:
    """One muscle as a filled shape: colour and outline style by role, thin fibre lines inside."""
    shape = SHAPES[muscle.id]
    z = 6.0 if muscle.role == "primary_mover" else 5.8
    patch = Polygon(
        muscle_outline(skeleton, shape, height),
        closed=True,
        facecolor=COLORS[muscle.role],
        alpha=0.9,
        edgecolor=COLORS["outline"],
        linestyle=ROLE_OUTLINES[muscle.role],
        linewidth=1.4,
        zorder=z,
        gid=f"muscle:{muscle.id}",
    )
    ax.add_patch(patch)
    for line in fibre_lines(skeleton, shape, height):
        (fibre,) = ax.plot(line[:, 0], line[:, 1], color="white", linewidth=0.7, alpha=0.8, zorder=z + 0.05)
        fibre.set_clip_path(patch)
    return patch
