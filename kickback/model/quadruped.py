"""The body on all fours (the "bodyweight" variant): hands, shoulders and the supporting knee hold still.

On hands and knees the floor holds the body at three places: the hands (under the shoulders, arms
straight), the supporting knee (under the hip) and the foot behind it. What the lower back does
happens between them. So the solver works in two steps:

1. The neutral back (`lumbar_extension` 0) at the pose's trunk lean fixes where the shoulder joint
   and the arms are, and the supporting leg is fixed for the body. These depend only on the body,
   the set-up and the trunk lean, so they are worked out once and remembered.
2. With the lower back arched (or rounded), the spine's own shape comes from `spine_curve`, and the
   whole trunk is placed, in closed form, so that the shoulder joint lands exactly where it was:
   the hip swings on the supporting thigh about the knee (the thigh keeps its length) and the trunk
   turns about the hip. An arch therefore lets the lower back sag toward the floor: the pelvis tilts
   forward, L3 drops, and the thorax turns a little nose-up (`tilt` < 0) because its lower end sinks
   with the lumbar spine while its upper end stays on the arms. The working thigh turns with the
   pelvis, so the hip's own angle is unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

import numpy as np

from .anthropometrics import Body
from .feet import place_foot
from .kinematics import bend_toward, down, lean_of, rotate, spine_curve

ARM_LEAN_MAX = 35.0  # on all fours, the straight arm may lean this far from vertical (deg)
SHOULDER_GLIDE = (-0.05, 0.06)  # on all fours, shoulder joint below C7's height (m): chest sinks - / rises +
_CACHE_SIZE = 512  # remembered bodies × set-ups × trunk leans; the oldest is forgotten first

_REMEMBERED: dict[Hashable, object] = {}


@dataclass(frozen=True)
class QuadrupedTrunk:
    """The trunk, arms and supporting leg on all fours for one pose (metres, degrees).

    `tilt` is how far (degrees, forward +) the whole trunk and the working thigh are turned from
    where `trunk_lean` alone would put them, to keep the shoulders on the arms: 0 with a neutral
    back, negative (nose-up) when the back arches.
    """

    hip: np.ndarray
    spine: np.ndarray
    tilt: float
    arm: dict[str, np.ndarray]
    support: dict[str, np.ndarray]


def _remember(key: Hashable, compute: Callable[[], object]) -> object:
    """`compute()`, worked out once per `key` (a small bounded cache; the values are never changed)."""
    if key not in _REMEMBERED:
        if len(_REMEMBERED) >= _CACHE_SIZE:
            del _REMEMBERED[next(iter(_REMEMBERED))]
        _REMEMBERED[key] = compute()
    return _REMEMBERED[key]


def body_key(body: Body) -> tuple:
    """What the geometry depends on in a `Body`: its segment lengths and extra dimensions."""
    return (
        tuple(sorted((name, segment.length) for name, segment in body.segments.items())),
        tuple(sorted(body.geometry.items())),
    )


def neutral_hip(body: Body) -> np.ndarray:
    """The hip on all fours with the supporting thigh vertical and its knee on the mat (m)."""
    return np.array([0.0, body.length("thigh") + body.geometry["shank_width"] / 2])


def support_leg(body: Body, key: tuple | None = None) -> dict[str, np.ndarray]:
    """The leg the body kneels on: knee on the mat under the neutral hip, shank and foot flat behind.

    `key` is `body_key(body)` where the caller has it already.
    """

    def compute() -> dict[str, np.ndarray]:
        knee = neutral_hip(body) + body.length("thigh") * down(0.0)
        ankle = knee + body.length("shank") * down(90.0)
        heel, toe = place_foot(ankle, 90.0, body, 0.01)
        return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}

    return _copied(_remember(("support", key or body_key(body)), compute))


def _straight_arm(body: Body, base: np.ndarray, wrist_height: float) -> dict[str, np.ndarray]:
    """Shoulder joint, elbow, wrist and knuckles for a thorax whose shoulder joint would sit at `base`.

    The shoulder blades let the thorax sink or rise a little between the arms (`SHOULDER_GLIDE`),
    so the shoulder joint sits over the hand with the arm straight and vertical when it can;
    beyond that the straight arm leans forward to reach the floor, up to `ARM_LEAN_MAX`; lower
    still, the elbows bend back as they do in a push-up.
    """
    upper, fore, hand = body.length("upper_arm"), body.length("forearm"), body.length("hand")
    low, high = SHOULDER_GLIDE
    glide = min(max(base[1] - wrist_height - (upper + fore), low), high)
    shoulder = base - np.array([0.0, glide])
    drop = shoulder[1] - wrist_height
    lean = math.degrees(math.acos(min(1.0, max(-1.0, drop / (upper + fore)))))
    if lean <= ARM_LEAN_MAX:
        direction = down(-lean)
        elbow, wrist = shoulder + upper * direction, shoulder + (upper + fore) * direction
    else:
        reach = max(drop, 0.0) * math.tan(math.radians(ARM_LEAN_MAX))
        target = np.array([shoulder[0] + reach, wrist_height])
        elbow, wrist = bend_toward(shoulder, target, upper, fore, -1.0)
    knuckles = wrist + np.array([hand, 0.0])
    return {"shoulder_joint": shoulder, "elbow": elbow, "wrist": wrist, "knuckles": knuckles}


def _neutral(
    body: Body, key: tuple, trunk_lean: float, wrist_height: float
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The neutral back's spine and arms at this trunk lean (remembered per body, lean and set-up)."""

    def compute() -> tuple[np.ndarray, dict[str, np.ndarray]]:
        spine = spine_curve(neutral_hip(body), trunk_lean, 0.0, body)
        thorax_top = (spine[-1] - spine[-2]) / float(np.hypot(*(spine[-1] - spine[-2])))
        base = spine[-1] - body.geometry["shoulder_drop"] * thorax_top
        return spine, _straight_arm(body, base, wrist_height)

    return _remember(("neutral", key, float(trunk_lean), float(wrist_height)), compute)


def _hip_on_support(
    knee: np.ndarray, thigh: float, shoulder: np.ndarray, reach: float, near: np.ndarray
) -> np.ndarray:
    """The hip `thigh` from the knee and `reach` from the shoulder joint: the crossing nearer `near`.

    Two circles meet in at most two points; out of reach, the hip goes as close as the thigh lets it.
    """
    offset = shoulder - knee
    apart = max(float(np.hypot(*offset)), 1e-12)
    along = offset / apart
    across = np.array([-along[1], along[0]])
    forward = (thigh**2 - reach**2 + apart**2) / (2 * apart)
    forward = min(max(forward, -thigh), thigh)
    side = math.sqrt(max(thigh**2 - forward**2, 0.0))
    crossings = [knee + forward * along + sign * side * across for sign in (1.0, -1.0)]
    return min(crossings, key=lambda point: float(np.hypot(*(point - near))))


def place_quadruped_trunk(
    body: Body, trunk_lean: float, lumbar_extension: float, setup: Mapping[str, float]
) -> QuadrupedTrunk:
    """The trunk, arms and supporting leg on all fours, with the hands, shoulders and knee held still.

    Parameters
    ----------
    body : Body
        Segment lengths (m).
    trunk_lean : float
        The thorax's lean forward from vertical with a neutral back (degrees); it sets where the
        shoulders are over the hands.
    lumbar_extension : float
        The lower back beyond its neutral curve (degrees), arching +.
    setup : Mapping[str, float]
        The variant's set-up; `wrist_height` (m) is used.

    Returns
    -------
    QuadrupedTrunk
        Hip and spine (m), the `tilt` that kept the shoulders still (degrees), arms and supporting leg.
    """
    key = body_key(body)
    spine, arm = _neutral(body, key, trunk_lean, setup["wrist_height"])
    support = support_leg(body, key)
    hip = spine[0]
    if lumbar_extension == 0:
        return QuadrupedTrunk(hip.copy(), spine.copy(), 0.0, _copied(arm), support)
    curved = spine_curve(hip, trunk_lean, lumbar_extension, body)
    shoulder = arm["shoulder_joint"]
    # From the hip to the shoulder joint, which the thorax carries as it did with the back neutral.
    chord = curved[-1] + (shoulder - spine[-1]) - hip
    new_hip = _hip_on_support(
        support["support_knee"], body.length("thigh"), shoulder, float(np.hypot(*chord)), hip
    )
    tilt = (lean_of(shoulder - new_hip) - lean_of(chord) + 180.0) % 360.0 - 180.0
    placed = rotate(curved, hip, tilt) + (new_hip - hip)
    placed[0] = new_hip
    return QuadrupedTrunk(new_hip, placed, tilt, _copied(arm), support)


def _copied(points: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A fresh copy of remembered points, so a caller's changes never reach the cache."""
    return {name: point.copy() for name, point in points.items()}
