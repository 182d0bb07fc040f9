"""Planar kinematics every body model shares: limb directions, a two-link chain and the spine's curve.

Conventions (see DESIGN.md): metres and degrees; the sagittal plane with x forward (the way the
learner faces) and y up. The spine is the trunk's centre line in three parts: a rigid pelvis, a
lumbar curve that bends, and a thorax.
"""

from __future__ import annotations

import math

import numpy as np

from .anthropometrics import Body

SPINE_STEPS = 12  # pieces in the lumbar curve and in the thoracic curve


def down(angle_deg: float) -> np.ndarray:
    """Unit vector of a limb `angle_deg` behind hanging straight down (x forward, y up)."""
    a = math.radians(angle_deg)
    return np.array([-math.sin(a), -math.cos(a)])


def up(angle_deg: float) -> np.ndarray:
    """Unit vector of a trunk part leaning `angle_deg` forward from vertical."""
    a = math.radians(angle_deg)
    return np.array([math.sin(a), math.cos(a)])


def lean_of(vector: np.ndarray) -> float:
    """How far (degrees) a vector leans forward from pointing straight up: the inverse of `up`."""
    return math.degrees(math.atan2(float(vector[0]), float(vector[1])))


def rotate(points: np.ndarray, about: np.ndarray, lean_deg: float) -> np.ndarray:
    """`points` turned about `about` so that every direction leans `lean_deg` further forward.

    Leaning forward is clockwise in x-forward, y-up axes, so `up(a)` becomes `up(a + lean_deg)`.
    """
    a = math.radians(lean_deg)
    turn = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
    return about + (np.asarray(points) - about) @ turn.T


def bend_toward(
    start: np.ndarray, target: np.ndarray, first: float, second: float, side: float
) -> tuple[np.ndarray, np.ndarray]:
    """Two-link chain from `start` toward `target` (a stance leg); lengths are kept exactly.

    Returns the middle joint and the end. `side` (+1 or -1) picks which way the middle joint
    bends. A target out of reach leaves the chain straight, pointing at it.
    """
    offset = target - start
    distance = float(np.hypot(*offset))
    direction = offset / distance if distance > 1e-12 else np.array([0.0, -1.0])
    reach = min(max(distance, abs(first - second) + 1e-9), first + second)
    cos_angle = (first**2 + reach**2 - second**2) / (2 * first * reach)
    angle = math.acos(max(-1.0, min(1.0, cos_angle))) * side
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    middle = start + first * (rotation @ direction)
    toward = target - middle
    toward_length = float(np.hypot(*toward))
    end = middle + second * (toward / toward_length if toward_length > 1e-12 else direction)
    return middle, end


def spine_curve(hip: np.ndarray, trunk_lean: float, lumbar_extension: float, body: Body) -> np.ndarray:
    """Points along the trunk's centre line from the hip to the base of the neck (C7), in metres.

    The pelvis is rigid and tilted by trunk lean + lumbar extension. The lumbar spine curves
    from the sacrum to T12 by its neutral lordosis plus `lumbar_extension` (hollow at the back);
    the thorax curves back the other way (kyphosis) and leans by `trunk_lean` on average. Every
    piece keeps its length, so the trunk's length never changes.

    Parameters
    ----------
    hip : numpy.ndarray
        Where the curve starts (m).
    trunk_lean : float
        The thorax's mean lean forward from vertical (degrees).
    lumbar_extension : float
        The lumbar spine beyond its neutral curve (degrees), arching +.
    body : Body
        Trunk, pelvis and lumbar lengths (m) and the neutral lordosis (degrees).

    Returns
    -------
    numpy.ndarray
        Shape (2 + 2 * SPINE_STEPS, 2): hip, sacrum, the lumbar points, then the thoracic points to C7.
    """
    trunk = body.length("trunk")
    pelvis_length = body.geometry["pelvis_length"]
    lumbar_length = body.geometry["lumbar_length"]
    thorax_length = trunk - pelvis_length - lumbar_length
    lordosis = body.geometry["neutral_lordosis"]
    lumbar_start = trunk_lean + lumbar_extension + lordosis / 2
    lumbar_end = trunk_lean - lordosis / 2
    middles = (np.arange(SPINE_STEPS) + 0.5) / SPINE_STEPS
    angles = np.radians(
        np.concatenate(
            (
                [trunk_lean + lumbar_extension],
                lumbar_start + (lumbar_end - lumbar_start) * middles,
                lumbar_end + lordosis * middles,
            )
        )
    )
    lengths = np.concatenate(
        (
            [pelvis_length],
            np.full(SPINE_STEPS, lumbar_length / SPINE_STEPS),
            np.full(SPINE_STEPS, thorax_length / SPINE_STEPS),
        )
    )
    steps = lengths[:, None] * np.column_stack((np.sin(angles), np.cos(angles)))
    return np.vstack((hip, hip + np.cumsum(steps, axis=0)))


def spine_landmarks(spine: np.ndarray) -> dict[str, np.ndarray]:
    """The named points of a spine curve from `spine_curve`: sacrum, L3 (lumbar apex), T12, C7."""
    return {
        "sacrum": spine[1],
        "l3": spine[1 + SPINE_STEPS // 2],
        "t12": spine[1 + SPINE_STEPS],
        "c7": spine[-1],
    }
