"""Outlines of the body's parts for the side view: pelvis, trunk, head with a face, hands and feet.

Pure geometry (numpy arrays of (x, y) points in metres); `body.py` turns them into patches.
Each part is drawn in its own frame (e.g. the pelvis's tilt, the foot's sole), so it moves
with the model's joints and landmarks. Proportions are drawing choices (a teaching
schematic), scaled from `data/body_geometry.csv`.
"""

from __future__ import annotations

import numpy as np

from ..model.anthropometrics import Body
from ..model.skeleton import SPINE_STEPS, Skeleton, foot_profile
from .shapes import tube_outline

# Depth of the trunk behind and in front of its centre line (fractions of the trunk's drawn
# thickness) along the spine from the sacrum (0) to C7 (1): a hollow at the lumbar spine behind,
# shoulder blades above it; belly and chest in front.
_BACK_DEPTH = ((0.0, 0.44), (0.19, 0.36), (0.375, 0.42), (0.62, 0.52), (0.86, 0.50), (1.0, 0.30))
_FRONT_DEPTH = ((0.0, 0.50), (0.2, 0.56), (0.375, 0.53), (0.62, 0.56), (0.84, 0.50), (1.0, 0.34))


def smooth_closed(points: np.ndarray, rounds: int = 3) -> np.ndarray:
    """A closed outline rounded by corner cutting (Chaikin): no new bumps, corners softened."""
    points = np.asarray(points, dtype=float)
    for _ in range(rounds):
        following = np.roll(points, -1, axis=0)
        points = np.column_stack(
            [0.75 * points + 0.25 * following, 0.25 * points + 0.75 * following]
        ).reshape(-1, 2)
    return points


def _in_frame(origin: np.ndarray, along: np.ndarray, across: np.ndarray, local: np.ndarray) -> np.ndarray:
    """Points given as (along, across) coordinates in a frame at `origin`, in metres."""
    local = np.asarray(local, dtype=float)
    return origin + local[:, :1] * along + local[:, 1:2] * across


def _unit(vector: np.ndarray) -> np.ndarray:
    length = float(np.hypot(*vector))
    return vector / length if length > 1e-12 else np.array([0.0, 1.0])


def _dorsal(tangent: np.ndarray) -> np.ndarray:
    """The normal toward the back for a spine tangent pointing head-ward (x forward, y up)."""
    return np.array([-tangent[1], tangent[0]])


def trunk_outline(skeleton: Skeleton, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """The trunk from the sacrum to the neck, and its back's contour (m).

    The back contour follows the spine's own curve, so a deeper lordosis hollows it visibly.
    """
    spine = skeleton.spine[1:]
    width = body.geometry["trunk_width"]
    steps = np.hypot(*np.diff(spine, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(steps)]) / steps.sum()
    tangents = np.gradient(spine, axis=0)
    tangents /= np.hypot(tangents[:, 0], tangents[:, 1])[:, None]
    dorsal = np.column_stack([-tangents[:, 1], tangents[:, 0]])
    back_depth = np.interp(s, *zip(*_BACK_DEPTH)) * width
    front_depth = np.interp(s, *zip(*_FRONT_DEPTH)) * width
    back = spine + dorsal * back_depth[:, None]
    front = spine - dorsal * front_depth[:, None]
    top = spine[-1] + tangents[-1] * 0.04 * width
    outline = np.vstack([back, [top], front[::-1]])
    return outline, back


def pelvis_outline(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The pelvis and buttock in the pelvis's own frame: it tilts as one piece with the pelvis."""
    hip = np.array(skeleton.joints["hip"])
    up = _unit(np.array(skeleton.joints["sacrum"]) - hip)
    back = _dorsal(up)
    w = body.geometry["trunk_width"]
    top = body.geometry["pelvis_length"]
    local = np.array(
        [
            (top, 0.44 * w),
            (0.4 * top, 0.52 * w),
            (-0.10 * w, 0.58 * w),
            (-0.34 * w, 0.46 * w),
            (-0.44 * w, 0.22 * w),
            (-0.36 * w, -0.10 * w),
            (-0.14 * w, -0.40 * w),
            (0.3 * top, -0.48 * w),
            (top, -0.50 * w),
        ]
    )
    return smooth_closed(_in_frame(hip, up, back, local), 2)


def head_outline(skeleton: Skeleton, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """The head in profile (skull, brow, nose, mouth, chin) and where the eye is (m).

    The face looks the way the neck points, so the head's direction reads at a glance.
    """
    radius = (body.length("head_neck") - body.geometry["neck_length"]) / 2
    centre = np.array(skeleton.joints["head"])
    up = _unit(centre - np.array(skeleton.joints["neck"]))
    forward = np.array([up[1], -up[0]])
    angles = np.radians(np.linspace(55, 235, 19))
    skull = np.column_stack([np.cos(angles) * 1.02, np.sin(angles) * 1.06])
    face = np.array(
        [
            (-0.25, -0.98),
            (0.35, -1.08),
            (0.78, -1.02),
            (0.90, -0.78),
            (0.93, -0.52),
            (0.98, -0.36),
            (1.20, -0.18),
            (1.03, 0.02),
            (1.00, 0.30),
            (0.78, 0.66),
        ]
    )
    local = np.vstack([skull, face]) * radius
    outline = _in_frame(centre, forward, up, local)
    eye = centre + radius * (0.62 * forward + 0.18 * up)
    return smooth_closed(outline, 2), eye


def foot_outline(heel: np.ndarray, toe: np.ndarray, ankle: np.ndarray, body: Body) -> np.ndarray:
    """A foot from the side: heel, sole, ball and toes, instep up to the ankle (m), rounded."""
    return smooth_closed(foot_profile(heel, toe, ankle, body), 2)


def hand_outline(wrist: np.ndarray, knuckles: np.ndarray, flat: bool, radius: float) -> np.ndarray:
    """A flat hand on the floor (palm down, fingers forward) or a fist closed round a grip (m)."""
    wrist, knuckles = np.asarray(wrist, dtype=float), np.asarray(knuckles, dtype=float)
    if flat:
        along = knuckles - wrist
        palm = np.array([wrist, wrist + 0.55 * along, knuckles])
        return tube_outline(palm, np.array([radius, radius * 0.9, radius * 0.55]))
    middle = wrist + 0.55 * (knuckles - wrist)
    return tube_outline(np.array([wrist, middle]), np.array([radius * 0.9, radius * 1.45]))


def lower_back_region(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The band of the back from the sacrum to T12, where an arch happens (m), for marking a fault."""
    _, back = trunk_outline(skeleton, body)
    lumbar = back[: SPINE_STEPS + 1]
    centre = skeleton.spine[1 : SPINE_STEPS + 2]
    outside = lumbar + (lumbar - centre) * 0.15
    inside = lumbar - (lumbar - centre) * 0.85
    return np.vstack([outside, inside[::-1]])
