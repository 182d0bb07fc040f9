"""The single-leg Romanian deadlift's hinge: where the joints sit, standing on one foot, balanced over it.

Steps, for one forward lean of the trunk:

1. the standing foot is planted flat where it is in every pose (ankle above the floor at x = 0);
2. the standing knee keeps one bend throughout (the lesson's "softly bent, about 15-20°");
3. the spine keeps its neutral curves (the same spine as the kickback's, `skeleton._spine_points`);
4. the free leg stays in line with the trunk (its hip neutral), its knee bending only as much as it
   must for the foot to clear the floor while the trunk is still upright;
5. the arms hang straight down, a light dumbbell (data/loads.csv) in one hand;
6. the shank tilts until the body's centre of mass (Winter's segment masses) sits over the middle of
   the foot: that is what sends the hips back as the trunk tips forward.

Conventions as in `skeleton`: metres and degrees, x forward, y up, the floor at y = 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ..validate import check_in_range
from .anthropometrics import Body
from .load_table import check_load_field, load_default
from .pose import Pose
from .skeleton import Skeleton, _spine_points, foot_profile, place_foot, spine_landmarks

RDL_KNEE_FLEXION = 18.0  # deg: the lesson's "softly bent, about 15-20°" (a coaching choice), held throughout
RDL_BOTTOM_LEAN = (
    80.0  # deg from upright: the lesson's "trunk nearly level" (a coaching choice for the picture)
)
TRUNK_LEAN_RANGE = (0.0, 90.0)  # deg: upright to level; the hinge stops at level
KNEE_RANGE = (0.0, 40.0)  # deg: a soft knee, not a squat
FREE_FOOT_CLEARANCE = 0.03  # m: the free foot's lowest point above the floor (a drawing choice)
SHANK_TILT_SEARCH = (-20.0, 45.0)  # deg: shank tilts forward + or back - from upright, searched for balance
VARIANT_NAME = "single_leg_rdl"


def _direction(angle_deg: float) -> np.ndarray:
    """Unit vector `angle_deg` behind hanging straight down (0 = down, 90 = straight back)."""
    a = math.radians(angle_deg)
    return np.array([-math.sin(a), -math.cos(a)])


def _free_leg(hip: np.ndarray, trunk_lean: float, body: Body) -> dict[str, np.ndarray]:
    """The free leg in line with the trunk, its knee bent the least that keeps the foot off the floor."""
    thigh_dir = _direction(trunk_lean)
    knee = hip + body.length("thigh") * thigh_dir

    def leg_at(bend: float) -> dict[str, np.ndarray]:
        shank_angle = trunk_lean + bend
        ankle = knee + body.length("shank") * _direction(shank_angle)
        heel, toe = place_foot(ankle, shank_angle, body, floor=-math.inf)  # relaxed: at a right angle
        return {"free_knee": knee, "free_ankle": ankle, "free_heel": heel, "free_toe": toe}

    def clears(bend: float) -> bool:
        leg = leg_at(bend)
        lowest = foot_profile(leg["free_heel"], leg["free_toe"], leg["free_ankle"], body)[:, 1].min()
        return bool(lowest >= FREE_FOOT_CLEARANCE)

    if clears(0.0):
        return leg_at(0.0)
    low, high = 0.0, 120.0
    while high - low > 0.01:  # bisect: the smallest bend that clears, smooth as the trunk tips
        middle = (low + high) / 2
        low, high = (low, middle) if clears(middle) else (middle, high)
    return leg_at(high)


def _hanging_arm(spine: np.ndarray, body: Body) -> dict[str, np.ndarray]:
    """Shoulder joint, elbow, wrist, knuckles and the grip of an arm hanging straight down."""
    thorax_top = (spine[-1] - spine[-2]) / float(np.hypot(*(spine[-1] - spine[-2])))
    shoulder = spine[-1] - body.geometry["shoulder_drop"] * thorax_top
    down = np.array([0.0, -1.0])
    elbow = shoulder + body.length("upper_arm") * down
    wrist = elbow + body.length("forearm") * down
    knuckles = wrist + body.length("hand") * down
    return {
        "shoulder_joint": shoulder,
        "elbow": elbow,
        "wrist": wrist,
        "knuckles": knuckles,
        "grip": wrist + 0.45 * body.length("hand") * down,
    }


def _joints_at(body: Body, trunk_lean: float, knee_flexion: float, shank_tilt: float) -> dict:
    """Every joint for a trunk lean, a standing-knee bend and a forward tilt of the standing shank."""
    ankle = np.array([0.0, body.geometry["ankle_height"]])
    heel, toe = place_foot(ankle, 0.0, body)  # flat on the floor, whatever the shank does
    knee = ankle - body.length("shank") * _direction(shank_tilt)  # forward of the ankle when tilt > 0
    hip = knee - body.length("thigh") * _direction(shank_tilt - knee_flexion)  # the thigh leans back
    spine = _spine_points(hip, Pose(trunk_lean=trunk_lean), body)
    neck_angle = math.radians(trunk_lean + body.geometry["neutral_lordosis"] / 2 - 10.0)  # as in skeleton
    neck_dir = np.array([math.sin(neck_angle), math.cos(neck_angle)])
    neck = spine[-1] + body.geometry["neck_length"] * neck_dir
    head = neck + (body.length("head_neck") - body.geometry["neck_length"]) / 2 * neck_dir
    landmarks = spine_landmarks(spine)
    joints = {
        "hip": hip,
        **landmarks,
        "shoulder": spine[-1],
        "neck": neck,
        "head": head,
        "knee": knee,
        "ankle": ankle,
        "heel": heel,
        "toe": toe,
        **_free_leg(hip, trunk_lean, body),
        **_hanging_arm(spine, body),
    }
    return {"joints": joints, "spine": spine}


def _along(start: np.ndarray, end: np.ndarray, fraction: float | None) -> np.ndarray:
    """The point `fraction` of the way from `start` to `end` (the middle when the table gives none)."""
    return start + (0.5 if fraction is None else fraction) * (end - start)


def centre_of_mass(joints: Mapping[str, np.ndarray], body: Body, dumbbell_kg: float = 0.0) -> np.ndarray:
    """The whole body's centre of mass (m) from Winter's segment masses, both arms hanging alike.

    Parameters
    ----------
    joints : Mapping[str, array]
        The joints of a hinge pose (`hinge_skeleton(...).joints`), in metres.
    body : Body
        Segment masses (kg) and centres of mass.
    dumbbell_kg : float, optional
        A dumbbell held at the grip (kg).

    Returns
    -------
    numpy.ndarray
        (x, y) in metres.
    """
    j = {name: np.asarray(point, dtype=float) for name, point in joints.items()}
    seg = body.segments
    parts = [
        (seg["trunk"].mass, _along(j["hip"], j["c7"], seg["trunk"].com_fraction)),
        (seg["head_neck"].mass, j["head"]),
        (dumbbell_kg, j["grip"]),
    ]
    for side in ("", "free_"):
        parts += [
            (seg["thigh"].mass, _along(j["hip"], j[f"{side}knee"], seg["thigh"].com_fraction)),
            (seg["shank"].mass, _along(j[f"{side}knee"], j[f"{side}ankle"], seg["shank"].com_fraction)),
            (seg["foot"].mass, _along(j[f"{side}heel"], j[f"{side}toe"], seg["foot"].com_fraction)),
        ]
    for name, start, end in (
        ("upper_arm", "shoulder_joint", "elbow"),
        ("forearm", "elbow", "wrist"),
        ("hand", "wrist", "knuckles"),
    ):
        parts.append((2 * seg[name].mass, _along(j[start], j[end], seg[name].com_fraction)))
    masses = np.array([mass for mass, _ in parts])
    points = np.array([point for _, point in parts])
    return (masses[:, None] * points).sum(axis=0) / masses.sum()


def balance_point(body: Body) -> float:
    """Where (x, m) the centre of mass sits to balance: over the middle of the standing foot's sole."""
    heel, toe = place_foot(np.array([0.0, body.geometry["ankle_height"]]), 0.0, body)
    return float((heel[0] + toe[0]) / 2)


def hinge_skeleton(
    body: Body,
    trunk_lean: float,
    *,
    knee_flexion: float = RDL_KNEE_FLEXION,
    dumbbell_kg: float | None = None,
) -> Skeleton:
    """Joint positions (m) of the single-leg RDL at one trunk lean, balanced over the standing foot.

    Parameters
    ----------
    body : Body
        Segment lengths (m) and masses (kg).
    trunk_lean : float
        The trunk's forward lean from upright (degrees): 0 standing tall, 90 level.
    knee_flexion : float, optional
        The standing knee's bend (degrees), the same in every pose; default 18, the lesson's 15-20°.
    dumbbell_kg : float or None, optional
        A dumbbell in the hand (kg); None takes the course's light dumbbell from data/loads.csv, 0 none.

    Returns
    -------
    Skeleton
        `joints`: the standing leg as "hip", "knee", "ankle", "heel", "toe"; the free leg as "free_knee",
        "free_ankle", "free_heel", "free_toe"; the spine landmarks, head, hanging arm and "grip".
        `extras` (degrees, metres): "knee_flexion", "shank_tilt", "hip_flexion" (standing hip),
        "free_hip_flexion", "trunk_lean", "trunk_above_level", "dumbbell_kg", "com_x", "balance_x".

    >>> from kickback.model.anthropometrics import default_body
    >>> bottom = hinge_skeleton(default_body(), 80.0)
    >>> round(bottom.extras["com_x"] - bottom.extras["balance_x"], 3)
    0.0
    """
    trunk_lean = check_in_range("trunk_lean", trunk_lean, *TRUNK_LEAN_RANGE, "deg")
    knee_flexion = check_in_range("knee_flexion", knee_flexion, *KNEE_RANGE, "deg")
    load = float(load_default("dumbbell", "mass_kg")) if dumbbell_kg is None else dumbbell_kg
    load = check_load_field("dumbbell", "mass_kg", load)
    target = balance_point(body)

    def com_x(tilt: float) -> float:
        return float(
            centre_of_mass(_joints_at(body, trunk_lean, knee_flexion, tilt)["joints"], body, load)[0]
        )

    low, high = SHANK_TILT_SEARCH  # the centre of mass moves forward as the shank tilts forward
    for _ in range(48):
        middle = (low + high) / 2
        low, high = (middle, high) if com_x(middle) < target else (low, middle)
    tilt = (low + high) / 2
    built = _joints_at(body, trunk_lean, knee_flexion, tilt)
    joints = built["joints"]
    thigh_from_hanging = tilt - knee_flexion  # negative: the standing thigh runs forward to the knee
    extras = {
        "knee_flexion": knee_flexion,
        "shank_tilt": tilt,
        "hip_flexion": trunk_lean - thigh_from_hanging,
        "free_hip_flexion": 0.0,
        "trunk_lean": trunk_lean,
        "trunk_above_level": 90.0 - trunk_lean,
        "dumbbell_kg": load,
        "com_x": float(centre_of_mass(joints, body, load)[0]),
        "balance_x": target,
    }
    points = {name: (float(p[0]), float(p[1])) for name, p in joints.items()}
    return Skeleton(joints=points, spine=built["spine"], variant=VARIANT_NAME, extras=extras)
