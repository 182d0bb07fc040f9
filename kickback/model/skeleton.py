"""Where the joints sit in each variant's set-up: forward kinematics from a `Pose` and a `Body`.

Conventions (see DESIGN.md): metres and degrees; the sagittal plane with x forward (the way the
learner faces) and y up; the working leg nearest the viewer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..data_files import read_table
from ..validate import check_choice, check_in_range
from .anthropometrics import Body
from .leg_height import split_leg_height
from .pose import Pose, start_pose
from .variants import check_variant

Point = tuple[float, float]


# --- forward kinematics ---------------------------------------------------------------------


def _down(angle_deg: float) -> np.ndarray:
    """Unit vector of a limb `angle_deg` behind hanging straight down (x forward, y up)."""
    a = math.radians(angle_deg)
    return np.array([-math.sin(a), -math.cos(a)])


def _up(angle_deg: float) -> np.ndarray:
    """Unit vector of a trunk part leaning `angle_deg` forward from vertical."""
    a = math.radians(angle_deg)
    return np.array([math.sin(a), math.cos(a)])


def _bend_toward(
    start: np.ndarray, target: np.ndarray, first: float, second: float, side: float
) -> tuple[np.ndarray, np.ndarray]:
    """Two-link chain from `start` toward `target` (an arm or a stance leg); lengths are kept exactly.

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


def _spine_points(hip: np.ndarray, pose: Pose, body: Body, steps: int = 12) -> np.ndarray:
    """Points along the spine from the hip to the shoulder.

    The pelvis is tilted by trunk lean + lumbar extension; the lumbar spine turns smoothly from
    the pelvis's tilt to the thorax's; the thorax leans by `trunk_lean`. Its length never changes.
    """
    trunk = body.length("trunk")
    pelvis_length = body.geometry["pelvis_length"]
    lumbar_length = body.geometry["lumbar_length"]
    thorax_length = trunk - pelvis_length - lumbar_length
    pelvis_tilt = pose.trunk_lean + pose.lumbar_extension
    points = [hip, hip + pelvis_length * _up(pelvis_tilt)]
    piece = lumbar_length / steps
    for i in range(steps):
        middle_angle = pelvis_tilt - pose.lumbar_extension * (i + 0.5) / steps
        points.append(points[-1] + piece * _up(middle_angle))
    points.append(points[-1] + thorax_length * _up(pose.trunk_lean))
    return np.array(points)


@dataclass(frozen=True)
class Skeleton:
    """Everything the drawing needs for one pose: named joints and the spine's curve."""

    joints: dict[str, Point]
    spine: np.ndarray
    variant: str
    extras: dict[str, float] = field(default_factory=dict)


def _hip_anchor(body: Body, variant: str, setup: Mapping[str, float]) -> np.ndarray:
    """Where the hip joint sits for a variant: held by the stance leg or the support knee."""
    thigh, shank = body.length("thigh"), body.length("shank")
    if variant == "bodyweight":
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


def _hand_target(body: Body, variant: str, setup: Mapping[str, float]) -> np.ndarray:
    """Where the hands hold on: the frame, the handles, or the floor under the shoulders.

    Fixed for the variant (found from its start pose), so the arms reach for it as the trunk moves.
    """
    hip = _hip_anchor(body, variant, setup)
    shoulder = _spine_points(hip, start_pose(variant), body)[-1]
    if variant == "bodyweight":
        return np.array([shoulder[0], setup["wrist_height"]])
    arm = body.length("upper_arm") + body.length("forearm")
    if variant == "cable":
        post_x = setup["pulley_distance"]
    else:
        post_x = setup["handle_distance"]
    drop = math.sqrt(max(arm**2 * 0.85**2 - (post_x - shoulder[0]) ** 2, 0.0))
    return np.array([post_x - 0.03, shoulder[1] - drop])


def place_foot(
    ankle: np.ndarray, shank_angle: float, body: Body, floor: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Heel and toe (on the sole) for a relaxed ankle: at a right angle to the shank, toes forward.

    Where that would push the foot through the floor, the ankle turns just enough (the least
    turn either way) for the foot to rest on it, as a real foot does.
    """
    foot = body.length("foot")
    turns = [0] + [sign * step for step in range(2, 182, 2) for sign in (-1, 1)]
    for pointing in turns:
        toward_toe = _down(shank_angle - 90.0 + pointing)
        sole_drop = body.geometry["ankle_height"] * _down(shank_angle + pointing)
        heel = ankle + sole_drop - body.geometry["heel_offset"] * toward_toe
        toe = heel + foot * toward_toe
        if min(heel[1], toe[1]) >= floor - 1e-9:
            break
    return heel, toe


def build_skeleton(
    pose: Pose, body: Body, variant: str, *, setup: Mapping[str, float] | None = None
) -> Skeleton:
    """Joint positions (m) and the spine curve for `pose` in the variant's set-up.

    `setup` changes some of the equipment's positions (see `equipment`).

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
        (an array of (x, y) points in metres) and the `variant`.
    """
    check_variant(variant)
    if not isinstance(pose, Pose):
        raise ValueError(f"pose must be a Pose; got {type(pose).__name__}")
    setup = equipment(variant, setup)
    hip = _hip_anchor(body, variant, setup)
    spine = _spine_points(hip, pose, body)
    shoulder = spine[-1]
    head_neck = body.length("head_neck")
    neck = shoulder + body.geometry["neck_length"] * _up(pose.trunk_lean)
    head = neck + (head_neck - body.geometry["neck_length"]) / 2 * _up(pose.trunk_lean)

    thigh_angle = split_leg_height(pose).apparent
    shank_angle = thigh_angle + pose.knee_flexion
    knee = hip + body.length("thigh") * _down(thigh_angle)
    ankle = knee + body.length("shank") * _down(shank_angle)
    heel, toe = place_foot(ankle, shank_angle, body)

    hand = _hand_target(body, variant, setup)
    elbow_side = 1.0 if variant == "bodyweight" else -1.0
    elbow, wrist = _bend_toward(shoulder, hand, body.length("upper_arm"), body.length("forearm"), elbow_side)
    knuckles = wrist + body.length("hand") * np.array(
        [1.0, 0.0] if variant == "bodyweight" else (wrist - elbow) / body.length("forearm")
    )

    joints: dict[str, np.ndarray] = {
        "hip": hip,
        "lumbar_base": spine[1],
        "lumbar_top": spine[-2],
        "shoulder": shoulder,
        "neck": neck,
        "head": head,
        "knee": knee,
        "ankle": ankle,
        "heel": heel,
        "toe": toe,
        "elbow": elbow,
        "wrist": wrist,
        "knuckles": knuckles,
    }
    joints.update(_support_limb(body, variant, hip, setup))
    joints.update(_equipment_points(body, variant, joints, setup, pose))
    as_points = {name: (float(p[0]), float(p[1])) for name, p in joints.items()}
    return Skeleton(joints=as_points, spine=spine, variant=variant)


def _support_limb(
    body: Body, variant: str, hip: np.ndarray, setup: Mapping[str, float]
) -> dict[str, np.ndarray]:
    """The leg the body stands or kneels on: fixed for the variant."""
    thigh, shank = body.length("thigh"), body.length("shank")
    if variant == "bodyweight":
        knee = hip + thigh * _down(0.0)
        ankle = knee + shank * _down(90.0)
        toe = ankle + body.length("foot") * 0.75 * _down(90.0)
        heel = ankle + body.geometry["ankle_height"] * np.array([0.0, 1.0])
        return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}
    floor = setup.get("platform_height", 0.0)
    ankle_target = np.array([0.0, floor + body.geometry["ankle_height"]])
    knee, ankle = _bend_toward(hip, ankle_target, thigh, shank, 1.0)
    heel, toe = place_foot(ankle, 0.0, body, floor)
    return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}


def _equipment_points(
    body: Body, variant: str, joints: Mapping[str, np.ndarray], setup: Mapping[str, float], pose: Pose
) -> dict[str, np.ndarray]:
    """The equipment's points: pulley and frame, lever and pad, or the floor contacts."""
    if variant == "cable":
        post = setup["pulley_distance"]
        return {
            "pulley": np.array([post, setup["pulley_height"]]),
            "strap": joints["ankle"],
            "frame_base": np.array([post + 0.05, 0.0]),
            "frame_top": np.array([post + 0.05, setup["frame_height"]]),
            "handle": joints["wrist"],
        }
    if variant == "machine":
        thigh_angle = split_leg_height(pose).apparent
        along = setup["pad_position"] * body.length("thigh")
        behind = np.array([-math.cos(math.radians(thigh_angle)), math.sin(math.radians(thigh_angle))])
        offset = body.geometry["thigh_width"] / 2 + 0.05
        pivot = joints["hip"]
        pad = pivot + along * _down(thigh_angle) + offset * behind
        floor = setup["platform_height"]
        return {
            "pivot": pivot,
            "pad": pad,
            "platform_front": np.array([0.30, floor]),
            "platform_back": np.array([-0.30, floor]),
            "handle": joints["wrist"],
            "column_base": np.array([setup["handle_distance"] + 0.05, 0.0]),
            "column_top": np.array([setup["handle_distance"] + 0.05, joints["wrist"][1] + 0.25]),
        }
    return {"support_hand": joints["wrist"]}


def pose_joints(
    pose: Pose, body: Body, variant: str, *, setup: Mapping[str, float] | None = None
) -> dict[str, Point]:
    """Named joint and equipment positions (x forward, y up; metres) for `pose` in `variant`.

    Always holds at least "shoulder", "hip", "knee" and "ankle".

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
