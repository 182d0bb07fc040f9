"""Joint angles from 2-D keypoints of a side-view recording, and the skeletons' joint names.

Conventions (as in Sports2D): angles come from arctan2 of the cross and dot products of two
segment vectors. Image pixels have y pointing down; they are turned into the course's frame
(x the way the learner faces, y up) using the side of the body that faces the camera: with the
right side toward the camera the learner faces the image's right, with the left side its left.

- hip extension: the thigh (hip to knee) against the trunk line (shoulder to hip); 0 when in
  line, + behind. From the side the lumbar spine is not seen, so this is the hip's extension
  plus whatever the lower back lent.
- knee flexion: the shank (knee to ankle) against the thigh; 0 straight, + bent.
- trunk lean: the trunk line (hip to shoulder) from the image's vertical, + forward; it assumes a
  level camera.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..validate import check_choice, check_in_range

SIDES: tuple[str, ...] = ("left", "right")
ROLES: tuple[str, ...] = ("shoulder", "hip", "knee", "ankle")

_COCO17 = (
    "nose left_eye right_eye left_ear right_ear left_shoulder right_shoulder left_elbow right_elbow "
    "left_wrist right_wrist left_hip right_hip left_knee right_knee left_ankle right_ankle"
).split()
_MEDIAPIPE33 = (
    "nose left_eye_inner left_eye left_eye_outer right_eye_inner right_eye right_eye_outer "
    "left_ear right_ear "
    "mouth_left mouth_right left_shoulder right_shoulder left_elbow right_elbow left_wrist right_wrist "
    "left_pinky right_pinky left_index right_index left_thumb right_thumb left_hip right_hip "
    "left_knee right_knee "
    "left_ankle right_ankle left_heel right_heel left_foot_index right_foot_index"
).split()
_HALPE26 = (
    "Nose LEye REye LEar REar LShoulder RShoulder LElbow RElbow LWrist RWrist LHip RHip LKnee RKnee "
    "LAnkle RAnkle Head Neck Hip LBigToe RBigToe LSmallToe RSmallToe LHeel RHeel"
).split()
_BODY25 = (
    "Nose Neck RShoulder RElbow RWrist LShoulder LElbow LWrist MidHip RHip RKnee RAnkle LHip LKnee LAnkle "
    "REye LEye REar LEar LBigToe LSmallToe LHeel RBigToe RSmallToe RHeel"
).split()

SKELETONS: dict[str, tuple[str, ...]] = {
    "coco17": tuple(_COCO17),
    "mediapipe33": tuple(_MEDIAPIPE33),
    "halpe26": tuple(_HALPE26),
    "body25": tuple(_BODY25),
}
"""Joint names of each skeleton in its own order: COCO-17; MediaPipe Pose's 33 landmarks (lower case);
HALPE-26 and OpenPose BODY_25 as Pose2Sim and Sports2D name them."""

_CAPITALISED = {"halpe26", "body25"}


def joint_name(skeleton: str, role: str, side: str) -> str:
    """The skeleton's own name for a joint on one side, e.g. ("coco17", "hip", "right") -> "right_hip".

    >>> joint_name("body25", "knee", "left")
    'LKnee'
    """
    check_choice("skeleton", skeleton, SKELETONS)
    check_choice("side", side, SIDES)
    if skeleton in _CAPITALISED:
        return side[0].upper() + role.capitalize()
    return f"{side}_{role}"


def _course_frame(x_px: np.ndarray, y_px: np.ndarray, side: str) -> np.ndarray:
    """Pixels (y down) to the course's frame: x the way the learner faces, y up (still in pixels)."""
    facing = 1.0 if side == "right" else -1.0
    return np.stack([facing * np.asarray(x_px, dtype=float), -np.asarray(y_px, dtype=float)], axis=-1)


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[..., 0] * b[..., 0] + a[..., 1] * b[..., 1]


def behind_angle(reference: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Angle (degrees) from `reference` to `segment`, + where the segment has turned behind.

    Behind means clockwise in x-forward, y-up.

    >>> float(behind_angle(np.array([0.0, -1.0]), np.array([-1.0, -1.0])))
    45.0
    """
    return np.degrees(np.arctan2(_cross(segment, reference), _dot(segment, reference)))


def angles_from_points(
    points: Mapping[str, tuple[np.ndarray, np.ndarray]], side: str
) -> dict[str, np.ndarray]:
    """Hip extension, knee flexion and trunk lean (degrees) from pixel coordinates of one side's joints.

    `points` maps "shoulder", "hip", "knee", "ankle" to (x, y) arrays in image pixels, y down.
    NaN in, NaN out.
    """
    check_choice("side", side, SIDES)
    p = {role: _course_frame(*points[role], side) for role in ROLES}
    trunk = p["shoulder"] - p["hip"]
    thigh = p["knee"] - p["hip"]
    shank = p["ankle"] - p["knee"]
    return {
        "hip_extension": behind_angle(-trunk, thigh),
        "knee_flexion": behind_angle(thigh, shank),
        "trunk_lean": np.degrees(np.arctan2(trunk[..., 0], trunk[..., 1])),
    }


def facing_from_points(points: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> str | None:
    """Which way the learner faces in the image, "right" or "left", read from the keypoints; None if unclear.

    In every kickback the trunk leans forward (20° to 80°, data/poses.csv), so the shoulder lies
    ahead of the hip, and the head ahead of the hip too. Each ("shoulder", and "head" when given)
    votes with the median of its horizontal offset from the hip as a share of its distance, so the
    answer does not depend on the image's scale or on which side of the body is named.
    """
    hip_x, hip_y = (np.asarray(a, dtype=float) for a in points["hip"])
    votes = []
    for role in ("shoulder", "head"):
        if role not in points:
            continue
        x, y = (np.asarray(a, dtype=float) for a in points[role])
        with np.errstate(invalid="ignore", divide="ignore"):
            share = (x - hip_x) / np.hypot(x - hip_x, y - hip_y)
        share = share[np.isfinite(share)]
        if len(share):
            votes.append(float(np.median(share)))
    total = sum(votes)
    if not votes or abs(total) < 0.1 * len(votes):
        return None
    return "right" if total > 0 else "left"


# --- the other way: the body model seen by a camera ---------------------------------------------


@dataclass(frozen=True)
class Camera:
    """A side-on camera: metres in the course's frame to image pixels (y down).

    `floor_px` is the image row of the floor, `centre_px` the image column of the model's origin
    (under the hip), `pixels_per_m` the scale. The body is seen from `side`.
    """

    pixels_per_m: float = 350.0
    centre_px: float = 640.0
    floor_px: float = 680.0
    width_px: int = 1280
    height_px: int = 720

    def __post_init__(self) -> None:
        check_in_range("pixels_per_m", self.pixels_per_m, 10, 10000, "px/m")

    def to_pixels(self, point: tuple[float, float], side: str) -> tuple[float, float]:
        """One point (x forward, y up; metres) to image pixels for a learner whose `side` faces the camera."""
        facing = 1.0 if side == "right" else -1.0
        return (
            self.centre_px + facing * self.pixels_per_m * point[0],
            self.floor_px - self.pixels_per_m * point[1],
        )


# Which model point stands for each joint of a skeleton, on the side facing the camera ("near")
# and the other ("far"). The model has one arm; the far arm and the head's points share its places.
_NEAR = {
    "shoulder": "shoulder",
    "elbow": "elbow",
    "wrist": "wrist",
    "hip": "hip",
    "knee": "knee",
    "ankle": "ankle",
    "heel": "heel",
    "toe": "toe",
    "hand": "knuckles",
}
_FAR = dict(_NEAR, knee="support_knee", ankle="support_ankle", heel="support_heel", toe="support_toe")
_CENTRAL = {
    "nose": "head",
    "head": "head",
    "neck": "neck",
    "eye": "head",
    "ear": "head",
    "mouth": "head",
    "midhip": "hip",
    "hip": "hip",
}


def _role_of(joint: str) -> tuple[str | None, str]:
    """(side or None, role) of a skeleton joint name, e.g. "RBigToe" -> ("right", "toe")."""
    lower = joint.lower()
    for side in SIDES:
        if lower.startswith(side + "_") or lower.endswith("_" + side):
            return side, _role_word(lower.replace(side, "").strip("_"))
    if joint[:1] in "LR" and joint[1:2].isupper():
        return ("left" if joint[0] == "L" else "right"), _role_word(joint[1:].lower())
    return None, _role_word(lower)


def _role_word(word: str) -> str:
    """A joint word reduced to a model role.

    E.g. "bigtoe", "foot_index", "smalltoe" -> "toe", "pinky" -> "hand".
    """
    for key, role in (
        ("toe", "toe"),
        ("foot", "toe"),
        ("pinky", "hand"),
        ("index", "hand"),
        ("thumb", "hand"),
        ("eye", "eye"),
        ("ear", "ear"),
        ("mouth", "mouth"),
    ):
        if key in word:
            return role
    return word


def model_point_name(joint: str, side_facing: str) -> str:
    """The body-model point (see `pose_joints`) drawn for a skeleton joint.

    For a learner whose `side_facing` side faces the camera.
    """
    side, role = _role_of(joint)
    if side is None:
        return _CENTRAL[role]
    table = _NEAR if side == side_facing else _FAR
    return table[role] if role in table else _CENTRAL[role]
