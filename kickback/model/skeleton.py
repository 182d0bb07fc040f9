"""Where the joints sit in each variant's set-up: forward kinematics from a `Pose` and a `Body`.

Conventions (see DESIGN.md): metres and degrees; the sagittal plane with x forward (the way the
learner faces) and y up; the working leg nearest the viewer; the floor (or the mat's top) is y = 0.
The spine is the trunk's centre line in three parts: a rigid pelvis, a lumbar curve that bends,
and a thorax; the neck and head continue it.
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
SPINE_STEPS = 12  # pieces in the lumbar curve and in the thoracic curve
ANKLE_TURNS = (-25, 90)  # how far a foot may turn from a right angle to the shank (deg), dorsi- / plantar-
ARM_LEAN_MAX = 35.0  # on all fours, the straight arm may lean this far from vertical (deg)
ANKLE_CLEARANCE = 0.03  # m: the ankle's own thickness, kept above the floor
FLOOR_TOLERANCE = 0.005  # the sole may press this far (m) into a shoe or mat before the knee must bend
SHOULDER_GLIDE = (-0.05, 0.06)  # on all fours, shoulder joint below C7's height (m): chest sinks - / rises +


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


def _spine_points(hip: np.ndarray, pose: Pose, body: Body) -> np.ndarray:
    """Points along the trunk's centre line from the hip to the base of the neck (C7).

    The pelvis is rigid and tilted by trunk lean + lumbar extension. The lumbar spine curves
    from the sacrum to T12 by its neutral lordosis plus `lumbar_extension` (hollow at the back);
    the thorax curves back the other way (kyphosis) and leans by `trunk_lean` on average. Every
    piece keeps its length, so the trunk's length never changes.
    """
    trunk = body.length("trunk")
    pelvis_length = body.geometry["pelvis_length"]
    lumbar_length = body.geometry["lumbar_length"]
    thorax_length = trunk - pelvis_length - lumbar_length
    lordosis = body.geometry["neutral_lordosis"]
    points = [hip, hip + pelvis_length * _up(pose.trunk_lean + pose.lumbar_extension)]
    lumbar_start = pose.trunk_lean + pose.lumbar_extension + lordosis / 2
    lumbar_end = pose.trunk_lean - lordosis / 2
    for i in range(SPINE_STEPS):
        angle = lumbar_start + (lumbar_end - lumbar_start) * (i + 0.5) / SPINE_STEPS
        points.append(points[-1] + lumbar_length / SPINE_STEPS * _up(angle))
    for i in range(SPINE_STEPS):
        angle = lumbar_end + lordosis * (i + 0.5) / SPINE_STEPS
        points.append(points[-1] + thorax_length / SPINE_STEPS * _up(angle))
    return np.array(points)


def spine_landmarks(spine: np.ndarray) -> dict[str, np.ndarray]:
    """The named points of a spine curve from `_spine_points`: sacrum, L3 (lumbar apex), T12, C7."""
    return {
        "sacrum": spine[1],
        "l3": spine[1 + SPINE_STEPS // 2],
        "t12": spine[1 + SPINE_STEPS],
        "c7": spine[-1],
    }


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
    """Shoulder joint, elbow, wrist and knuckles: straight arms and flat hands on all fours, or on the grip.

    On all fours the shoulder blades let the thorax sink or rise a little between the arms
    (`SHOULDER_GLIDE`), so the shoulder joint sits over the hand with the arm straight and vertical
    when it can; beyond that the straight arm leans forward to reach the floor, up to
    `ARM_LEAN_MAX`; lower still, the elbows bend back as they do in a push-up. "shoulder_joint"
    is where the arm hangs from; "shoulder" stays C7, the top of the trunk line a camera reads.
    """
    upper, fore, hand = body.length("upper_arm"), body.length("forearm"), body.length("hand")
    thorax_top = (spine[-1] - spine[-2]) / float(np.hypot(*(spine[-1] - spine[-2])))
    base = spine[-1] - body.geometry["shoulder_drop"] * thorax_top
    if variant == "bodyweight":
        low, high = SHOULDER_GLIDE
        glide = min(max(base[1] - setup["wrist_height"] - (upper + fore), low), high)
        shoulder = base - np.array([0.0, glide])
        drop = shoulder[1] - setup["wrist_height"]
        lean = math.degrees(math.acos(min(1.0, max(-1.0, drop / (upper + fore)))))
        if lean <= ARM_LEAN_MAX:
            direction = _down(-lean)
            elbow, wrist = shoulder + upper * direction, shoulder + (upper + fore) * direction
        else:
            reach = max(drop, 0.0) * math.tan(math.radians(ARM_LEAN_MAX))
            target = np.array([shoulder[0] + reach, setup["wrist_height"]])
            elbow, wrist = _bend_toward(shoulder, target, upper, fore, -1.0)
        knuckles = wrist + np.array([hand, 0.0])
        return {"shoulder_joint": shoulder, "elbow": elbow, "wrist": wrist, "knuckles": knuckles}
    grip = handle_point(body, variant, setup)
    forearm = (grip - base) / max(float(np.hypot(*(grip - base))), 1e-12)
    for _ in range(4):  # the wrist sits so the forearm's line runs through the grip, inside the fist
        elbow, wrist = _bend_toward(base, grip - 0.45 * hand * forearm, upper, fore, -1.0)
        forearm = (grip - elbow) / max(float(np.hypot(*(grip - elbow))), 1e-12)
    forearm = (wrist - elbow) / fore
    return {"shoulder_joint": base, "elbow": elbow, "wrist": wrist, "knuckles": wrist + hand * forearm}


def place_foot(
    ankle: np.ndarray, shank_angle: float, body: Body, floor: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Heel and toe (on the sole) for a relaxed ankle: at a right angle to the shank, toes forward.

    Where that would push the foot (its whole outline, `foot_profile`) through the floor, the
    ankle turns the least it can (within `ANKLE_TURNS`) for the foot to rest on it, as a real
    foot does; if none fits, it takes the turn that comes closest.
    """
    foot = body.length("foot")
    low, high = ANKLE_TURNS
    turns = [0] + [sign * step for step in range(2, max(-low, high) + 1, 2) for sign in (1, -1)]
    turns = [t for t in turns if low <= t <= high]
    best = None
    for pointing in turns:
        toward_toe = _down(shank_angle - 90.0 + pointing)
        sole_drop = body.geometry["ankle_height"] * _down(shank_angle + pointing)
        heel = ankle + sole_drop - body.geometry["heel_offset"] * toward_toe
        toe = heel + foot * toward_toe
        lowest = _lowest(heel, toe, ankle, body) if math.isfinite(floor) else math.inf
        if lowest >= floor - 1e-9:
            return heel, toe
        if best is None or lowest > best[0]:
            best = (lowest, heel, toe)
    return best[1], best[2]


def foot_profile(heel: np.ndarray, toe: np.ndarray, ankle: np.ndarray, body: Body) -> np.ndarray:
    """Points round a foot seen from the side (heel, sole, toes, instep, ankle), in metres.

    The drawing rounds these into the foot's outline; the model keeps them all off the floor.
    """
    heel, toe, ankle = (np.asarray(p, dtype=float) for p in (heel, toe, ankle))
    along = (toe - heel) / max(float(np.hypot(*(toe - heel))), 1e-12)
    across = np.array([-along[1], along[0]])
    if np.dot(ankle - heel, across) < 0:
        across = -across
    length = body.length("foot")
    height = float(np.dot(ankle - heel, across))
    local = np.array(
        [
            (0.06 * length, 0.0),
            (0.72 * length, 0.0),
            (0.97 * length, 0.004),
            (length, 0.012),
            (0.90 * length, 0.028),
            (0.72 * length, 0.04),
            (0.45 * length, 0.7 * height + 0.012),
            (0.34 * length, height + 0.018),
            (0.14 * length, height + 0.02),
            (0.0, 0.45 * height),
            (0.005 * length, 0.1 * height),
        ]
    )
    return heel + local[:, :1] * along + local[:, 1:2] * across


def _foot_clears(knee: np.ndarray, angle: float, body: Body) -> bool:
    """True when a shank at `angle` (from hanging) leaves the ankle and the whole foot off the floor."""
    ankle = knee + body.length("shank") * _down(angle)
    if ankle[1] < ANKLE_CLEARANCE:
        return False
    heel, toe = place_foot(ankle, angle, body)
    return _lowest(heel, toe, ankle, body) >= -FLOOR_TOLERANCE


def _lowest(heel: np.ndarray, toe: np.ndarray, ankle: np.ndarray, body: Body) -> float:
    """Height (m) of the lowest point of a foot: its sole or anywhere round its outline."""
    return float(min(heel[1], toe[1], foot_profile(heel, toe, ankle, body)[:, 1].min()))


def _working_shank_angle(knee: np.ndarray, shank_angle: float, body: Body) -> float:
    """The shank's angle from hanging, folded back just enough that the foot stays off the floor.

    A knee that would drive the foot into the floor bends further instead (the foot rests on
    the floor as the knee folds); the pose's knee flexion is kept wherever it fits. The extra
    bend is found to a hundredth of a degree, so it changes smoothly as the leg moves.
    """
    if _foot_clears(knee, shank_angle, body):
        return shank_angle
    low = 0.0
    for high in range(2, 182, 2):
        if _foot_clears(knee, shank_angle + high, body):
            break
        low = float(high)
    else:
        return shank_angle + 180.0
    high = float(high)
    while high - low > 0.01:
        middle = (low + high) / 2
        low, high = (low, middle) if _foot_clears(knee, shank_angle + middle, body) else (middle, high)
    return shank_angle + high


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
        `knee_flexion_drawn` (degrees): the knee as drawn after keeping the foot off the floor.
    """
    check_variant(variant)
    if not isinstance(pose, Pose):
        raise ValueError(f"pose must be a Pose; got {type(pose).__name__}")
    setup = equipment(variant, setup)
    hip = _hip_anchor(body, variant, setup)
    spine = _spine_points(hip, pose, body)
    landmarks = spine_landmarks(spine)
    shoulder = spine[-1]
    neck_angle = pose.trunk_lean + body.geometry["neutral_lordosis"] / 2 - 10.0
    head_neck = body.length("head_neck")
    neck = shoulder + body.geometry["neck_length"] * _up(neck_angle)
    head = neck + (head_neck - body.geometry["neck_length"]) / 2 * _up(neck_angle)

    thigh_angle = split_leg_height(pose).apparent
    knee = hip + body.length("thigh") * _down(thigh_angle)
    shank_angle = _working_shank_angle(knee, thigh_angle + pose.knee_flexion, body)
    ankle = knee + body.length("shank") * _down(shank_angle)
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
        **_arm(body, variant, spine, setup),
    }
    joints.update(_support_limb(body, variant, hip, setup))
    joints.update(_equipment_points(body, variant, joints, setup, pose))
    as_points = {name: (float(p[0]), float(p[1])) for name, p in joints.items()}
    extras = {"knee_flexion_drawn": shank_angle - thigh_angle, "neck_angle": neck_angle}
    return Skeleton(joints=as_points, spine=spine, variant=variant, extras=extras)


def _support_limb(
    body: Body, variant: str, hip: np.ndarray, setup: Mapping[str, float]
) -> dict[str, np.ndarray]:
    """The leg the body stands or kneels on: fixed for the variant."""
    thigh, shank = body.length("thigh"), body.length("shank")
    if variant == "bodyweight":
        knee = hip + thigh * _down(0.0)
        ankle = knee + shank * _down(90.0)
        heel, toe = place_foot(ankle, 90.0, body, 0.01)
        return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}
    floor = setup.get("platform_height", 0.0)
    ankle_target = np.array([0.0, floor + body.geometry["ankle_height"]])
    knee, ankle = _bend_toward(hip, ankle_target, thigh, shank, 1.0)
    heel, toe = place_foot(ankle, 0.0, body, floor)
    return {"support_knee": knee, "support_ankle": ankle, "support_heel": heel, "support_toe": toe}


def _equipment_points(
    body: Body, variant: str, joints: Mapping[str, np.ndarray], setup: Mapping[str, float], pose: Pose
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
        thigh_angle = split_leg_height(pose).apparent
        along = setup["pad_position"] * body.length("thigh")
        behind = np.array([-math.cos(math.radians(thigh_angle)), math.sin(math.radians(thigh_angle))])
        offset = body.geometry["thigh_width"] / 2 + 0.05
        pivot = joints["hip"]
        pad = pivot + along * _down(thigh_angle) + offset * behind
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
