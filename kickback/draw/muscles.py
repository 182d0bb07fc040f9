"""Geometry for muscles on the drawn body: points placed on the skeleton, lines of pull, smooth outlines.

Every point is placed relative to the skeleton's joints (a segment, a fraction along it and an offset
across it), so the muscles follow the body whatever pose or drawing style it has. The shapes themselves
are in muscle_shapes.py. SCHEMATIC: where each muscle lies, not its exact outline.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model.skeleton import Skeleton

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
    start, along, posterior = segment_frame(skeleton, segment)
    return start + fraction * along + offset * height * posterior


def segment_frame(skeleton: Skeleton, segment: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A segment's proximal end, its vector to the distal end, and its unit posterior normal (m)."""
    start, end = (np.array(skeleton.joints[name], dtype=float) for name in SEGMENT_ENDS[segment])
    along = end - start
    direction = along / np.hypot(*along)
    if segment in LEG_SEGMENTS:
        posterior = np.array([direction[1], -direction[0]])
    else:
        posterior = np.array([-direction[1], direction[0]])
    return start, along, posterior


def place_points(skeleton: Skeleton, points: Sequence[tuple[str, float, float]], height: float) -> np.ndarray:
    """Turn (segment, fraction along, offset across as a fraction of height) into drawing points (m).

    Fractions below 0 or above 1 run on past the segment's ends (the iliac crest above the pelvis
    segment, the ischium below the hip).
    """
    placed = []
    for segment, fraction, offset in points:
        start, along, posterior = segment_frame(skeleton, segment)
        placed.append(start + fraction * along + offset * height * posterior)
    return np.array(placed)


def smooth_outline(points: np.ndarray, *, closed: bool, rounds: int = 3) -> np.ndarray:
    """Round the corners of a polygon or a polyline (Chaikin's corner cutting)."""
    result = np.asarray(points, dtype=float)
    for _ in range(rounds):
        following = np.roll(result, -1, axis=0) if closed else result[1:]
        current = result if closed else result[:-1]
        cut = np.empty((2 * len(current), 2))
        cut[0::2] = 0.75 * current + 0.25 * following
        cut[1::2] = 0.25 * current + 0.75 * following
        result = cut if closed else np.vstack([result[:1], cut, result[-1:]])
    return result


def band_outline(centre: np.ndarray, widths: Sequence[float]) -> np.ndarray:
    """A closed outline around a centre line, `widths` (m) wide at its points: a muscle belly or a tendon."""
    left, right = band_lines(centre, widths, (0.5, -0.5))
    return np.vstack([left, right[::-1]])


def band_lines(centre: np.ndarray, widths: Sequence[float], across: Sequence[float]) -> list[np.ndarray]:
    """Lines along a band, each `across` × its width from the centre line (+ to the left of its run).

    At ±0.5 they are the band's edges; inside, they run the way a strap muscle's fibres run.
    """
    line = smooth_outline(centre, closed=False, rounds=3)
    along = np.linspace(0.0, 1.0, len(line))
    width = np.interp(along, np.linspace(0.0, 1.0, len(widths)), widths)
    tangent = np.gradient(line, axis=0)
    tangent /= np.hypot(tangent[:, 0], tangent[:, 1])[:, None]
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    return [line + normal * (share * width)[:, None] for share in across]


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
