"""Where the joints sit in each variant's set-up: forward kinematics from a `Pose` and a `Body`.

Conventions (see DESIGN.md): metres and degrees; the sagittal plane with x forward (the way the
learner faces) and y up; the working leg nearest the viewer; the floor (or the mat's top) is y = 0.
The spine is the trunk's centre line in three parts: a rigid pelvis, a lumbar curve that bends,
and a thorax; the neck and head continue it (`kinematics.spine_curve`). Standing (cable, machine)
the stance leg holds the hip and the thorax keeps `trunk_lean`; on all fours (bodyweight) the
hands, shoulders and supporting knee hold still and the lower back moves between them
(`quadruped.place_quadruped_trunk`). Feet are placed by `feet`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..data_files import read_table
from ..validate import check_choice, check_in_range
from .anthropometrics import Body
from .feet import ANKLE_CLEARANCE, ANKLE_TURNS, FLOOR_TOLERANCE, foot_profile, place_foot, working_shank_angle
from .kinematics import SPINE_STEPS, bend_toward, down, spine_curve, spine_landmarks, up
from .leg_height import LegHeight, split_leg_height
from .pose import Pose, start_pose
from .quadruped import ARM_LEAN_MAX, SHOULDER_GLIDE, place_quadruped_trunk
from .variants import QUADRUPED, check_variant

__all__ = [
    "ANKLE_CLEARANCE",
    "ANKLE_TURNS",
    "ARM_LEAN_MAX",
    "FLOOR_TOLERANCE",
    "SHOULDER_GLIDE",
    "SPINE_STEPS",
    "Point",
    "Skeleton",
    "build_skeleton",
    "equipment",
    "foot_profile",
    "handle_point",
    "leg_height_as_drawn",
    "leg_height_of",
    "place_foot",
    "pose_joints",
    "spine_landmarks",
]

Point = tuple[float, float]


def _spine_points(hip: np.ndarray, pose: Pose, body: Body) -> np.ndarray:
    """The trunk's centre line from the hip to C7 for `pose` (see `kinematics.spine_curve`)."""
    return spine_curve(hip, pose.trunk_lean, pose.lumbar_extension, body)


@dataclass(frozen=True)
class Skeleton:
    """Everything the drawing needs for one pose: named joints and the spine's curve."""

    joints: dict[str, Point]
    spine: np.ndarray
    variant: str
    extras: dict[str, float] = field(default_factory=dict)


def _hip_anchor(body: Body, variant: str, setup: Mapping[str, float]) -> np.ndarray:
    """Where the hip joint sits standing: held by the stance leg (on all fours see `quadruped`)."""
    thigh, shank = body.length("thigh"), body.length("shank")
    if variant == QUADRUPED:
        return np.array([0.0, thigh + body.geometry["shank_width"] / 2])
    bend = math.radians(setup["stance_knee_flexion"])
    hip_to_ankle = math.sqrt(thigh**2 + shank**2 + 2 * thigh * shank * math.cos(bend))
    floor = setup.get("platform_height", 0.0)
    return np.array([0.0, floor + body.geometry["ankle_height"] + hip_to_ankle])


def equipment(variant: str, changes: Mapping[str, float] | None = None) -> dict[str, float]:
    """The variant's equipment set-up from `data/equipment.csv` (metres, degrees or fractions).

    `changes` overrides some values (e.g. a pulley moved higher); unknown names are refused.
    """
    check_variant(variant)
    rows = {row["name"]: row for row in read_table("equipment") if row["variant"] == variant}
    setup = {name: float(row["value"]) for name, row in rows.items()}
    for name, value in (changes or {}).items():
        check_choice(f"{variant} set-up", name, tuple(rows))
        row = rows[name]
        setup[name] = check_in_range(name, value, float(row["low"]), float(row["high"]), row["unit"])
    return setup


_HANDLES: dict[tuple, np.ndarray] = {}


def handle_point(body: Body, variant: str, setup: Mapping[str, float]) -> np.ndarray:
    """Where the hands hold on standing (cable tower's grip or machine's handle), in metres.

    Fixed for the variant: set from its start pose so the arm is comfortably bent there.
    """
    key = (body.height, body.table, variant, tuple(sorted(setup.items())))
    if key not in _HANDLES:
        _HANDLES[key] = _find_handle(body, variant, setup)
    return _HANDLES[key].copy()


def _find_handle(body: Body, variant: str, setup: Mapping[str, float]) -> np.ndarray:
    """`handle_point` computed afresh."""
    hip = _hip_anchor(body, variant, setup)
    spine = _spine_points(hip, start_pose(variant), body)
    shoulder = spine[-1] - body.geometry["shoulder_drop"] * (spine[-1] - spine[-2]) / np.hypot(
        *(spine[-1] - spine[-2])
    )
    arm = body.length("upper_arm") + body.length("forearm")
    grip_x = setup["pulley_distance"] - 0.10 if variant == "cable" else setup["handle_distance"]
    drop = math.sqrt(max((arm * 0.85) ** 2 - (grip_x - shoulder[0]) ** 2, 0.0))
    return np.array([grip_x, shoulder[1] - drop])


def _arm(body: Body, variant: str, spine: np.ndarray, setup: Mapping[str, float]) -> dict[str, np.ndarray]:
    """Shoulder joint, elbow, wrist and knuckles standing: the hand closes round the grip.

    "shoulder_joint" is where the arm hangs from; "shoulder" stays C7, the top of the trunk line a
    camera reads. (On all fours the arms come from `quadruped`.)
    """
    upper, fore, hand = body.length("upper_arm"), body.length("forearm"), body.length("hand")
    thorax_top = (spine[-1] - spine[-2]) / float(np.hypot(*(spine[-1] - spine[-2])))
    base = spine[-1] - body.geometry["shoulder_drop"] * thorax_top
    grip = handle_point(body, variant, setup)
    forearm = (grip - base) / max(float(np.hypot(*(grip - base))), 1e-12)
    for _ in range(4):  # the wrist sits so the forearm's line runs through the grip, inside the fist
        elbow, wrist = bend_toward(base, grip - 0.45 * hand * forearm, upper, fore, -1.0)
        forearm = (grip - elbow) / max(float(np.hypot(*(grip - elbow))), 1e-12)
    forearm = (wrist - elbow) / fore
    return {"shoulder_joint": base, "elbow": elbow, "wrist": wrist, "knuckles": wrist + hand * forearm}


def build_skeleton(
    pose: Pose, body: Body, variant: str, *, setup: Mapping[str, float] | None = None
) -> Skeleton:
    """Joint positions (m) and the spine curve for `pose` in the variant's set-up.

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    body : Body
        Segment lengths (m).
    variant : str
        "cable", "machine" or "bodyweight".
    setup : Mapping[str, float] or None, optional
        Equipment values to override, in the units of `data/equipment.csv` (m, degrees or fractions).

    Returns
    -------
    Skeleton
        `joints` (name -> (x, y) in metres, x forward, y up, floor at y = 0), the `spine` curve
        (an array of (x, y) points in metres, hip to C7) and the `variant`. `extras` holds
        `knee_flexion_drawn` (degrees): the knee as drawn after keeping the foot off the floor;
        `neck_angle` (degrees forward from vertical); and `thorax_tilt` (degrees, forward +): how far
        the trunk and working thigh are turned from `trunk_lean` so the hands, shoulders and
        supporting knee stay still on all fours (0 standing and with a neutral back; an arch turns
        the thorax nose-up, < 0, as the lower back sags between the arms and the knee).
    """
    check_variant(variant)
    if not isinstance(pose, Pose):
        raise ValueError(f"pose must be a Pose; got {type(pose).__name__}")
    setup = equipment(variant, setup)
    hip, spine, tilt, held = _trunk(pose, body, variant, setup)
    landmarks = spine_landmarks(spine)
    shoulder = spine[-1]
    # The neck keeps the head's aim when an arch on all fours turns the thorax (`tilt`): only the back moves.
    neck_angle = pose.trunk_lean + body.geometry["neutral_lordosis"] / 2 - 10.0
    head_neck = body.length("head_neck")
    neck = shoulder + body.geometry["neck_length"] * up(neck_angle)
    head = neck + (head_neck - body.geometry["neck_length"]) / 2 * up(neck_angle)

    thigh_angle = split_leg_height(pose).apparent + tilt
    knee = hip + body.length("thigh") * down(thigh_angle)
    shank_angle = working_shank_angle(knee, thigh_angle + pose.knee_flexion, body)
    ankle = knee + body.length("shank") * down(shank_angle)
    heel, toe = place_foot(ankle, shank_angle, body)

    joints: dict[str, np.ndarray] = {
        "hip": hip,
        **landmarks,
        "lumbar_base": landmarks["sacrum"],
        "lumbar_top": landmarks["t12"],
        "shoulder": shoulder,
        "neck": neck,
        "head": head,
        "knee": knee,
        "ankle": ankle,
        "heel": heel,
        "toe": toe,
        **held,
    }
    joints.update(_equipment_points(body, variant, joints, setup, thigh_angle))
    as_points = {name: (float(p[0]), float(p[1])) for name, p in joints.items()}
    extras = {"knee_flexion_drawn": shank_angle - thigh_angle, "neck_angle": neck_angle, "thorax_tilt": tilt}
    return Skeleton(joints=as_points, spine=spine, variant=variant, extras=extras)


def _trunk(
    pose: Pose, body: Body, variant: str, setup: Mapping[str, float]
) -> tuple[np.ndarray, np.ndarray, float, dict[str, np.ndarray]]:
    """Hip, spine, the trunk's tilt from `trunk_lean` (degrees) and the arms and support leg.

    Standing, the stance leg holds the hip and the thorax keeps the pose's lean (tilt 0). On all
    fours, the hands, shoulders and supporting knee hold still and an arch sags the lower back
    between them (see `quadruped`).
    """
    if variant == QUADRUPED:
        placed = place_quadruped_trunk(body, pose.trunk_lean, pose.lumbar_extension, setup)
        return placed.hip, placed.spine, placed.tilt, {**placed.arm, **placed.support}
    hip = _hip_anchor(body, variant, setup)
    spine = _spine_points(hip, pose, body)
    return hip, spine, 0.0, {**_arm(body, variant, spine, setup), **_stance_leg(body, hip, setup)}


def _stance_leg(body: Body, hip: np.ndarray, setup: Mapping[str, float]) -> dict[str, np.ndarray]:
    """The leg the body stands on, foot flat on the floor or platform under the hip."""
    thigh, shank = body.length("thigh"), body.length("shank")
    floor = setup.get("platform_height", 0.0)
    ankle_target = np.array([0.0, floor + body.geometry["ankle_height"]])
    knee, ankle = bend_toward(hip, ankle_target, thigh, shank, 1.0)
    heel, toe = place_foot(ankle, 0.0, body, floor)
    return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}


def leg_height_as_drawn(pose: Pose, body: Body, variant: str) -> LegHeight:
    """How high the working thigh is drawn, split into hip, lower back and trunk (degrees).

    Standing this is `split_leg_height(pose)`. On all fours an arch turns the thorax nose-up a
    little (the arms hold the shoulders still), so the trunk's part is the thorax's lean as
    drawn and the parts still add up to the thigh's angle in the drawing.

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    body : Body
        Segment lengths (m).
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    LegHeight
        `hip`, `lumbar` and `trunk` parts (degrees); `apparent` is the drawn thigh's angle from hanging.
    """
    return leg_height_of(pose, build_skeleton(pose, body, variant))


def leg_height_of(pose: Pose, skeleton: Skeleton) -> LegHeight:
    """The thigh's height split as `skeleton` draws `pose`: the trunk's part includes its thorax tilt."""
    height = split_leg_height(pose)
    tilt = float(skeleton.extras.get("thorax_tilt", 0.0))
    return LegHeight(hip=height.hip, lumbar=height.lumbar, trunk=height.trunk + tilt)


def _equipment_points(
    body: Body, variant: str, joints: Mapping[str, np.ndarray], setup: Mapping[str, float], thigh_angle: float
) -> dict[str, np.ndarray]:
    """The equipment's points: pulley and tower, lever and pad, or the hands and knees on the mat."""
    if variant == "cable":
        post = setup["pulley_distance"]
        return {
            "pulley": np.array([post, setup["pulley_height"]]),
            "strap": joints["ankle"],
            "frame_base": np.array([post + 0.05, 0.0]),
            "frame_top": np.array([post + 0.05, setup["frame_height"]]),
            "handle": handle_point(body, variant, setup),
        }
    if variant == "machine":
        along = setup["pad_position"] * body.length("thigh")
        behind = np.array([-math.cos(math.radians(thigh_angle)), math.sin(math.radians(thigh_angle))])
        offset = body.geometry["thigh_width"] / 2 + 0.05
        pivot = joints["hip"]
        pad = pivot + along * down(thigh_angle) + offset * behind
        floor = setup["platform_height"]
        grip = handle_point(body, variant, setup)
        return {
            "pivot": pivot,
            "pad": pad,
            "platform_front": np.array([0.30, floor]),
            "platform_back": np.array([-0.30, floor]),
            "handle": grip,
            "column_base": np.array([setup["handle_distance"] + 0.12, 0.0]),
            "column_top": np.array([setup["handle_distance"] + 0.12, grip[1] + 0.30]),
        }
    return {"support_hand": joints["wrist"]}


def pose_joints(
    pose: Pose, body: Body, variant: str, *, setup: Mapping[str, float] | None = None
) -> dict[str, Point]:
    """Named joint, spine and equipment positions (x forward, y up; metres) for `pose` in `variant`.

    Always holds at least "shoulder", "hip", "knee" and "ankle", and the spine as "sacrum",
    "l3" (apex of the lumbar curve), "t12" and "c7" on the trunk's centre line.

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).
    body : Body
        Segment lengths (m).
    variant : str
        "cable", "machine" or "bodyweight".
    setup : Mapping[str, float] or None, optional
        Equipment values to override, in the units of `data/equipment.csv` (m, degrees or fractions).

    Returns
    -------
    dict of str to (float, float)
        Joint or equipment name -> (x, y) in metres; the floor is y = 0.

    >>> joints = pose_joints(Pose(), Body.from_height_mass(1.75, 75), "cable")
    >>> round(joints["hip"][0] - joints["knee"][0], 6)
    0.0
    """
    return build_skeleton(pose, body, variant, setup=setup).joints
