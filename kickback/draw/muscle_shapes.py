"""The muscles and the bony landmarks on the drawn body: where each lies and which way its fibres run.

Every point is (segment, fraction along it, offset across it as a fraction of body height, + toward
the back), placed on the skeleton's joints, so the shapes follow the body in any pose: the muscle map
and the levers picture both draw them. Around the pelvis the points are written in centimetres on the
default 1.75 m body (`_pelvic`), in the pelvis's own frame (up from the hip joint toward L5/S1, and
toward the back), and scale with the body. SCHEMATIC (a teaching heuristic): a lateral view of the
working side, placed by the landmarks an anatomy text names, not traced from a scan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from ..model.muscles import Muscle
from ..model.skeleton import Skeleton
from .muscles import band_lines, band_outline, place_points, smooth_outline
from .style import COLORS

ROLE_OUTLINES: dict[str, object] = {
    "primary_mover": "-",
    "synergist": (0, (4, 2)),
    "stabilizer": (0, (1, 1.5)),
}

Point = tuple[str, float, float]

_HEIGHT_CM = 175.0  # the default body the centimetre positions were drawn on
_PELVIS_CM = 0.0576 * _HEIGHT_CM  # hip joint to L5/S1 on that body (data/body_geometry.csv)


def _pelvic(up_cm: float, back_cm: float) -> Point:
    """A point in the pelvis's frame: `up_cm` above the hip joint toward L5/S1, `back_cm` toward the back."""
    return ("pelvis", up_cm / _PELVIS_CM, back_cm / _HEIGHT_CM)


@dataclass(frozen=True)
class MuscleShape:
    """Where a muscle is drawn: an outline (or a band's centre line and widths) and its fibre direction.

    `fibres` gives two edges, (origin end, insertion end): the drawing runs thin lines between them,
    the way the fibres run (they are clipped to the outline, so an edge may run past it).
    """

    outline: tuple[Point, ...]
    widths: tuple[float, ...] = ()  # a band: the outline is its centre line, these its widths (× height)
    fibres: tuple[tuple[Point, Point], tuple[Point, Point]] | None = None
    where: str = ""  # "deep" (under another muscle) or "inner thigh": said in the callout
    label_side: str = "left"  # the margin the callout sits in
    anchor: float = 0.5  # where the leader line meets the shape, along its centre line (bands)
    layer: float = 0.0  # drawing order among the muscles: deep ones low, superficial ones high
    anchor_at: Point | None = None  # an outline's leader-line end, where the muscle shows (else its middle)
    label_drop: float = 0.0  # how far below its point the callout sits (figure fraction): the leader rises


@dataclass(frozen=True)
class Landmark:
    """A bony landmark drawn over the muscles so a viewer can check where each muscle sits."""

    name: str
    points: tuple[Point, ...]
    kind: str  # "ridge" (a bone edge drawn as a line), "bone" (a closed outline) or "line" (a joint line)
    label_side: str = "right"
    anchor: float = 0.5  # a ridge's or a line's leader-line end, as a fraction along it
    label_drop: float = 0.0  # how far below its point the callout sits (figure fraction)


# The landmarks (lateral view). Iliac crest from the ASIS over its highest point to the PSIS.
LANDMARKS: dict[str, Landmark] = {
    "iliac_crest": Landmark(
        "Iliac crest (top of the pelvis)",
        (_pelvic(7.0, -6.5), _pelvic(10.5, -3.5), _pelvic(12.0, 0.5), _pelvic(11.0, 5.5), _pelvic(7.5, 9.7)),
        "ridge",
        anchor=0.04,  # at its front end (the ASIS), in front of the muscles that hang from it
    ),
    "sacrum": Landmark(
        "Sacrum and coccyx",
        (
            _pelvic(10.5, 8.4),
            _pelvic(5.0, 9.6),
            _pelvic(0.0, 9.5),
            _pelvic(-3.0, 8.3),
            _pelvic(-2.0, 7.2),
            _pelvic(3.0, 6.4),
            _pelvic(8.0, 5.2),
            _pelvic(10.5, 4.2),
        ),
        "bone",
        label_side="left",
    ),
    "rib_margin": Landmark(
        "Lower ribs",
        (
            ("lumbar", 0.86, 0.034),
            ("lumbar", 0.68, 0.010),
            ("lumbar", 0.74, -0.030),
            ("thorax", 0.16, -0.056),
        ),
        "ridge",
        anchor=0.97,  # its front end, where the ribs turn up toward the breastbone
    ),
    "trochanter": Landmark(
        "Greater trochanter (femur)",
        (
            ("thigh", -0.02, 0.006),
            ("thigh", 0.03, 0.013),
            ("thigh", 0.10, 0.008),
            ("thigh", 0.09, -0.006),
            ("thigh", 0.02, -0.007),
        ),
        "bone",
        label_side="left",  # its leader runs in through the gluteus maximus, clear of the standing leg
    ),
    # The top of the tibia (the tibial plateau): across the shank at the knee joint, whatever the bend.
    "knee_line": Landmark(
        "Knee joint line",
        (("shank", 0.0, 0.029), ("shank", 0.0, -0.029)),
        "line",
        "left",
        anchor=1.0,  # its front end, in front of the tendons that cross the knee behind it
        label_drop=0.06,
    ),
    "fibular_head": Landmark(
        "Head of the fibula",
        (("shank", 0.03, 0.004), ("shank", 0.05, 0.014), ("shank", 0.09, 0.012), ("shank", 0.08, 0.002)),
        "bone",
        "left",
        label_drop=0.02,  # its leader rises from below, under the semitendinosus tendon
    ),
}

# SCHEMATIC drawing geometry (a teaching heuristic): lateral view of the working side.
SHAPES: dict[str, MuscleShape] = {
    # The broad, thick quadrilateral of the buttock. Upper border: the back third of the iliac crest,
    # the sacrum and the coccyx. Front border: from the crest down and forward over the greater
    # trochanter (the muscle lies over it) to the iliotibial band. Lower border: from the coccyx down
    # and forward across the buttock's fold to the gluteal tuberosity, a third of the way down the femur.
    # Its fibres slant down and forward from the pelvis to the femur and the band.
    "glmax": MuscleShape(
        outline=(  # each corner given twice: the smoothing rounds it a little and keeps it a corner
            _pelvic(11.6, 2.0),
            _pelvic(11.6, 2.0),
            _pelvic(11.0, 6.0),
            _pelvic(8.6, 9.9),
            _pelvic(8.6, 9.9),
            _pelvic(3.0, 10.8),
            _pelvic(-3.5, 10.4),
            _pelvic(-8.5, 8.8),
            _pelvic(-8.5, 8.8),
            ("thigh", 0.30, 0.030),
            ("thigh", 0.40, 0.017),
            ("thigh", 0.40, 0.017),
            ("thigh", 0.38, -0.004),
            ("thigh", 0.12, -0.012),
            _pelvic(4.5, -2.0),
        ),
        # Each fibre runs from the crest's back, the sacrum or the coccyx down and forward (outward) to
        # the iliotibial band below the trochanter or the gluteal tuberosity: about 45° to the femur.
        fibres=(
            (_pelvic(12.0, 6.0), _pelvic(-8.0, 11.0)),
            (("thigh", 0.05, -0.003), ("thigh", 0.45, 0.003)),
        ),
        anchor_at=_pelvic(-6.0, 7.0),  # below the coccyx and the trochanter's leader; clears the sacrum
        layer=1.0,
    ),
    # From the outer ilium just below the iliac crest, a fan converging on the greater trochanter.
    "glmed": MuscleShape(
        outline=(
            _pelvic(6.6, -5.6),
            _pelvic(9.6, -2.8),
            _pelvic(10.7, 0.8),
            _pelvic(9.8, 5.0),
            _pelvic(7.6, 7.6),
            _pelvic(3.0, 3.4),
            ("thigh", 0.03, 0.010),
            ("thigh", 0.03, -0.004),
            _pelvic(3.5, -3.4),
        ),
        fibres=(
            (_pelvic(12.5, -7.5), _pelvic(11.5, 9.0)),
            (("thigh", 0.03, -0.004), ("thigh", 0.03, 0.010)),
        ),
        label_side="right",
        anchor_at=_pelvic(4.6, -2.4),  # its front part, the part the gluteus maximus leaves uncovered
        layer=0.5,
    ),
    # Deep to the medius: lower and further forward on the ilium, to the front of the trochanter.
    "glmin": MuscleShape(
        outline=(
            _pelvic(5.6, -8.0),
            _pelvic(7.8, -4.4),
            _pelvic(8.4, 0.0),
            _pelvic(7.0, 3.0),
            _pelvic(3.0, 1.6),
            ("thigh", 0.02, 0.002),
            ("thigh", 0.02, -0.009),
            _pelvic(2.4, -6.4),
        ),
        fibres=(
            (_pelvic(10.0, -9.0), _pelvic(9.0, 4.0)),
            (("thigh", 0.02, -0.009), ("thigh", 0.02, 0.002)),
        ),
        where="deep",
        label_side="right",
        anchor_at=_pelvic(2.2, -4.6),  # low on its front strip, clear of the medius and its leader
        layer=0.2,
    ),
    # The three hamstrings from the sitting bone down the back of the thigh and across the knee: biceps
    # femoris to the head of the fibula (outside), the other two to the tibia (inside). Seen from the
    # working side, the biceps femoris is the near (lateral) one, drawn over the others: it forms the back
    # edge just below the buttock, then runs obliquely forward to the fibular head. Behind it, seen through
    # the leg, the semitendinosus shows at the back edge along the middle of the thigh; above the knee the
    # fleshy belly of the semimembranosus bulges past it and forms the back edge, and the semitendinosus
    # tendon shows again behind the knee.
    "bflh": MuscleShape(
        outline=(
            _pelvic(-6.0, 5.0),
            ("thigh", 0.25, 0.026),
            ("thigh", 0.45, 0.027),
            ("thigh", 0.65, 0.018),
            ("thigh", 0.85, 0.011),
            ("thigh", 1.00, 0.009),
            ("shank", 0.06, 0.009),
        ),
        widths=(0.006, 0.010, 0.010, 0.010, 0.008, 0.006, 0.005),
        anchor=0.34,
        layer=0.8,
    ),
    "semimem": MuscleShape(
        outline=(
            _pelvic(-6.5, 4.2),
            ("thigh", 0.25, 0.015),
            ("thigh", 0.55, 0.018),
            ("thigh", 0.80, 0.0265),
            ("thigh", 1.00, 0.024),
            ("shank", 0.07, 0.019),
        ),
        widths=(0.004, 0.006, 0.008, 0.014, 0.009, 0.005),
        where="inner side",
        anchor=0.68,
        layer=0.7,
    ),
    "semiten": MuscleShape(
        outline=(
            _pelvic(-5.5, 6.0),
            ("thigh", 0.25, 0.023),
            ("thigh", 0.45, 0.025),
            ("thigh", 0.62, 0.029),
            ("thigh", 0.80, 0.025),
            ("thigh", 1.00, 0.022),
            ("shank", 0.07, 0.021),
            ("shank", 0.12, 0.017),
        ),
        widths=(0.005, 0.006, 0.006, 0.006, 0.004, 0.003, 0.003, 0.003),
        where="inner side",
        anchor=0.52,
        layer=0.6,
    ),
    # Deep, on the inner thigh: from the ischiopubic ramus and sitting bone to the adductor tubercle,
    # just above the knee (it does not cross the knee). Its lower part lies right under the
    # semimembranosus, so its leader reaches it through that muscle, as for any deep muscle.
    "addmag": MuscleShape(
        outline=(
            _pelvic(-7.5, 1.5),
            ("thigh", 0.20, 0.003),
            ("thigh", 0.50, 0.006),
            ("thigh", 0.75, 0.018),
            ("thigh", 0.92, 0.024),
        ),
        widths=(0.006, 0.011, 0.011, 0.010, 0.004),
        where="deep, inner thigh",
        anchor=0.96,
        layer=0.1,
    ),
    # Along the spine, from the sacrum and the back of the iliac crest up the back.
    "erector_spinae": MuscleShape(
        outline=(
            _pelvic(9.0, 6.0),
            ("lumbar", 0.10, 0.034),
            ("lumbar", 0.55, 0.031),
            ("thorax", 0.20, 0.037),
            ("thorax", 0.45, 0.042),
            ("thorax", 0.58, 0.043),
        ),
        widths=(0.008, 0.017, 0.018, 0.017, 0.015, 0.010),
        anchor=0.30,
        layer=0.4,
    ),
    # The side of the waist, from the lower ribs to the iliac crest; the external oblique's fibres run
    # down and forward (the internal oblique's lie under them, at right angles).
    "obliques": MuscleShape(
        outline=(
            ("lumbar", 0.84, 0.024),
            ("lumbar", 0.80, -0.030),
            ("lumbar", 0.55, -0.043),
            _pelvic(8.0, -6.8),
            _pelvic(10.8, -3.0),
            _pelvic(12.6, 0.6),
            _pelvic(11.8, 4.6),
            ("lumbar", 0.30, 0.030),
        ),
        fibres=(
            (("thorax", 0.60, 0.045), _pelvic(1.0, 7.0)),
            (("lumbar", 0.55, -0.080), _pelvic(-20.0, -14.0)),
        ),
        label_side="right",
        anchor_at=("lumbar", 0.62, -0.043),  # its front part, over the transverse abdominis
        layer=0.3,
    ),
    # Deep, across the belly like a belt: fibres run horizontally, from the lower ribs to the pubis.
    "transverse_abdominis": MuscleShape(
        outline=(
            ("thorax", 0.22, -0.040),
            ("thorax", 0.22, -0.060),
            ("lumbar", 0.40, -0.063),
            _pelvic(4.0, -9.6),
            _pelvic(6.2, -5.6),
            _pelvic(9.8, -4.0),
            ("lumbar", 0.45, -0.036),
        ),
        fibres=(
            (("thorax", 0.30, -0.040), _pelvic(1.0, -4.0)),
            (("thorax", 0.30, -0.070), _pelvic(1.0, -7.0)),
        ),
        where="deep",
        label_side="right",
        layer=0.0,
    ),
}

# The iliotibial band: a tendon, not a muscle of the table, but half the gluteus maximus ends in it.
# Seen from the side it runs down the middle of the outer thigh, from the gluteus maximus and tensor
# fasciae latae below the iliac crest to the lateral knee: the biceps femoris behind it, the front of
# the thigh (vastus lateralis, not drawn) in front.
ITB_SHAPE = MuscleShape(
    outline=(
        _pelvic(1.0, 1.0),
        ("thigh", 0.20, -0.004),
        ("thigh", 0.55, -0.004),
        ("thigh", 0.90, -0.006),
        ("shank", 0.06, -0.005),
    ),
    widths=(0.018, 0.013, 0.011, 0.009, 0.006),  # broad where the gluteus maximus joins it
    anchor=0.97,  # its end on the tibia's outer side (Gerdy's tubercle), below the knee joint line
    label_drop=0.035,
)


def muscle_outline(skeleton: Skeleton, shape: MuscleShape, height: float) -> np.ndarray:
    """The closed outline of one muscle on the drawn body (m)."""
    points = place_points(skeleton, shape.outline, height)
    if shape.widths:
        return band_outline(points, [width * height for width in shape.widths])
    return smooth_outline(points, closed=True, rounds=2)


def muscle_anchor(skeleton: Skeleton, shape: MuscleShape, height: float) -> np.ndarray:
    """The point a callout's leader line ends on: along a band's centre, or the middle of an outline."""
    points = place_points(skeleton, shape.outline, height)
    if shape.widths:
        line = smooth_outline(points, closed=False)
        steps = np.hypot(*np.diff(line, axis=0).T)
        along = np.concatenate([[0.0], np.cumsum(steps)]) / steps.sum()
        return np.array([np.interp(shape.anchor, along, line[:, i]) for i in (0, 1)])
    if shape.anchor_at is not None:
        return place_points(skeleton, (shape.anchor_at,), height)[0]
    outline = smooth_outline(points, closed=True)
    return outline.mean(axis=0)


def landmark_points(skeleton: Skeleton, landmark: Landmark, height: float) -> np.ndarray:
    """A landmark's points on the drawn body (m): a bone's closed outline, a ridge or a joint line."""
    points = place_points(skeleton, landmark.points, height)
    if landmark.kind == "bone":
        return smooth_outline(points, closed=True, rounds=2)
    if landmark.kind == "ridge":
        return smooth_outline(points, closed=False, rounds=2)
    return points


def fibre_lines(skeleton: Skeleton, shape: MuscleShape, height: float, count: int = 9) -> list[np.ndarray]:
    """Thin lines across a muscle the way its fibres run, from its origin edge to its insertion edge.

    A band (a strap muscle such as a hamstring) without fibre edges gets one line down its middle.
    """
    if shape.fibres is None:
        if not shape.widths:
            return []
        centre = place_points(skeleton, shape.outline, height)
        return band_lines(centre, [width * height for width in shape.widths], (0.0,))
    (a0, a1), (b0, b1) = (place_points(skeleton, edge, height) for edge in shape.fibres)
    return [
        np.array([a0 + t * (a1 - a0), b0 + t * (b1 - b0)]) for t in np.linspace(0.0, 1.0, count + 2)[1:-1]
    ]


def draw_muscle_shape(ax: Axes, skeleton: Skeleton, muscle: Muscle, height: float) -> Polygon:
    """One muscle as a filled shape: colour and outline style by role, thin fibre lines inside."""
    shape = SHAPES[muscle.id]
    z = 5.0 + shape.layer
    patch = Polygon(
        muscle_outline(skeleton, shape, height),
        closed=True,
        facecolor=COLORS[muscle.role],
        alpha=0.92,
        edgecolor=COLORS["outline"],
        linestyle=ROLE_OUTLINES[muscle.role],
        linewidth=1.3,
        zorder=z,
        gid=f"muscle:{muscle.id}",
    )
    ax.add_patch(patch)
    for line in fibre_lines(skeleton, shape, height, count=11 if muscle.id == "glmax" else 9):
        (fibre,) = ax.plot(line[:, 0], line[:, 1], color="white", linewidth=0.7, alpha=0.85, zorder=z + 0.05)
        fibre.set_clip_path(patch)
    return patch
