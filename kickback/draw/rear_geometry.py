"""Geometry of the body seen from behind: the side view's joints lifted into 3-D, turned, and projected.

The side view gives every joint as (forward, up). Each is given a sideways position (the hips,
shoulders and legs apart by the widths in data/body_geometry.csv) and the pelvis is turned as a
solid about the body's own axes, taken from the side view's spine (sacrum to C7): `pelvic_rotation`
about the long axis, `pelvic_hike` (a tilt in the body's frontal plane, working side toward the
ribs) about the front-back axis. The axes are what make the same fault look different per set-up:
standing the long axis is upright, so a turn twists the pelvis and shifts its back to the stance
side, and the front-back axis points at the viewer, so a hike tilts the pelvis in the picture; on
all fours the long axis points away from the viewer, so a turn rolls the working hip up, and the
front-back axis is vertical, so a hike draws the working hip away from the viewer, toward the ribs.
The trunk follows the pelvis part of the way, and the working leg drifts out to the side as the
hip opens (a teaching heuristic for how the fault looks, not a measured coupling). The picture is
an orthographic projection: x to the working side, y up from the hip joints (m); depth (forward, m)
orders what hides what and gives two depth cues only: a limb's nearer end is drawn thicker, and the
mat's far edge narrower.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ..model.anthropometrics import Body
from ..model.pose import Pose
from ..model.skeleton import Skeleton, build_skeleton
from .anatomy import smooth_closed
from .shapes import tube_outline

LATERAL = np.array([1.0, 0.0, 0.0])  # 3-D points are (x sideways, y up, u forward)
IDENTITY = np.eye(3)
IDENTITY.setflags(write=False)  # shared: never written
TRUNK_FOLLOWS = (0.8, 0.6, 0.45, 0.3)  # share of the pelvis's turn at the sacrum, L3, T12, C7 (heuristic)
LEG_DRIFT = 0.8  # working leg's sideways drift (abduction) per degree the pelvis opens (heuristic)
LEG_TURN_OUT = 0.5  # its turn outward about the thigh, per degree the pelvis opens (heuristic)
LEG_TURN_MAX = 15.0  # degrees out (half that in) at most, so a bent leg's foot stays near the body
ELLIPSE = np.radians(np.arange(0, 360, 20))
HULL_DIRECTIONS = np.column_stack(
    [np.cos(np.radians(np.arange(0, 360, 5))), np.sin(np.radians(np.arange(0, 360, 5)))]
)
VIEW_ELEVATION: dict[str, float] = {"bodyweight": 18.0}
"""Degrees the viewer looks down from behind: on all fours a trainer stands behind and sees the back
recede; standing, eye level. Other set-ups: 0."""
MAT_DEPTH = (-0.72, 0.75)  # the mat's near and far edges (m, forward from the hip joints), on all fours
MAT_FAR_NARROWS = 0.72  # the mat's far edge drawn this share of its near edge's width: a floor seen
# from behind and above recedes (the one perspective cue; the body itself is drawn orthographically)
VIEW_DISTANCE = 2.5  # m from the viewer to the hip joints: a limb's near end is drawn thicker than its
# far end by the ratio of their distances (a depth cue, so a thigh coming toward the viewer does not
# look like a teardrop with its thick hip end taken for the knee)
PLATFORM_HALF_WIDTH = 0.17  # m, half the machine's platform seen from behind (drawing convention)
KNEE_END, SHIN_START = 0.85, 0.9  # the thigh's radius at the knee (of its own at the hip) and the shin's
# there (of the shank's): a thigh pointing at the viewer ends in a knee disc wider than the shin rising
BAR_INSET = 0.006  # m: the bar's ends sit this far inside the pelvis's outline, on the hip bones (its end
# dots drawn whole on the pelvis, not half off its edge)


class RearShapes(NamedTuple):
    """The rear view of one pose: outlines (2-D, m) by part, lines by name, and where the parts are."""

    parts: dict[str, np.ndarray]
    lines: dict[str, np.ndarray]
    working_leg_in_front: bool  # the working thigh comes toward the viewer, in front of the pelvis
    axis_vertical: bool  # the pelvis's long axis is upright (standing): a turn is a twist, not a roll
    leg_order: tuple[str, ...] = ("working_leg", "working_shank", "working_foot")  # far to near
    working_hip_depth: float = 0.0  # m the working hip joint lies forward of the hip joints' middle:
    # away from the viewer (> 0), the depth a hike on all fours changes


def rotation(axis: np.ndarray, angle_deg: float) -> np.ndarray:
    """The 3x3 matrix turning vectors by `angle_deg` about the unit vector `axis` (right hand)."""
    if angle_deg == 0.0:  # the square pose, most of the time: no work
        return IDENTITY
    k = axis / np.linalg.norm(axis)
    cross = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    a = math.radians(angle_deg)
    return np.eye(3) + math.sin(a) * cross + (1 - math.cos(a)) * cross @ cross


def _oriented(axis: np.ndarray, moves: np.ndarray, toward: np.ndarray) -> np.ndarray:
    """`axis` or its opposite: the one about which a positive turn moves `moves` toward `toward`."""
    (a0, a1, a2), (m0, m1, m2) = axis, moves
    cross = (a1 * m2 - a2 * m1, a2 * m0 - a0 * m2, a0 * m1 - a1 * m0)  # np.cross, without its overhead
    return axis if float(np.dot(cross, toward)) > 0 else -axis


def _trunk_axes(sacrum: np.ndarray, c7: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The body's long axis (sacrum toward C7, the trunk's direction in the side view) and its
    front-back axis pointing out of the back: the long axis turned a quarter turn in the side view's
    plane, toward the viewer when upright, up on all fours (the body faces forward, +u)."""
    long_axis = (c7 - sacrum) / np.linalg.norm(c7 - sacrum)
    return long_axis, np.array([0.0, long_axis[2], -long_axis[1]])


def convex_hull(points: np.ndarray) -> np.ndarray:
    """The corners of the convex hull of 2-D points that are farthest out in one of HULL_DIRECTIONS
    directions, counter-clockwise: one matrix product, fast enough for every slider step. With
    directions 5 degrees apart no corner of a rounded body outline is lost to the eye."""
    points = np.asarray(points, dtype=float)
    corners = np.argmax(points @ HULL_DIRECTIONS.T, axis=0)
    keep = np.append(corners[1:] != corners[:-1], corners[-1] != corners[0])
    return points[corners[keep]]


class _Frame:
    """The side view's joints in 3-D, the pelvis's axes, and the turns a pose gives them."""

    def __init__(self, pose: Pose, body: Body, variant: str, skeleton: Skeleton | None = None) -> None:
        self.g, self.height = body.geometry, body.height
        self.joints = (skeleton or build_skeleton(pose, body, variant)).joints
        self.hip = self.joints["hip"]
        long_axis = self.lift("sacrum") - self.lift("hip")
        self.along = long_axis / np.linalg.norm(long_axis)  # hip joints toward the sacrum
        self.back = np.array([0.0, self.along[2], -self.along[1]])  # dorsal, in the side view's plane
        if self.back[2] > 0 or (abs(self.back[2]) < 1e-9 and self.back[1] < 0):
            self.back = -self.back
        self.long, self.dorsal = _trunk_axes(self.lift("sacrum"), self.lift("c7"))
        # pelvic rotation: about the body's long axis, the working side toward the back (standing the
        # axis is near vertical: a twist; on all fours it points away from the viewer: a roll up);
        # a hike: in the body's frontal plane, about its front-back axis, the working side toward the
        # ribs (standing that axis points at the viewer: a tilt in the picture; on all fours it is
        # near vertical: the working hip goes away from the viewer, seen only through perspective)
        self.turn_axis = _oriented(self.long, LATERAL, self.dorsal)
        self.hike_axis = _oriented(self.dorsal, LATERAL, self.long)
        self.pose = pose
        self.elevation = math.radians(VIEW_ELEVATION.get(variant, 0.0))
        stance_foot = [self.joints[name][1] for name in ("support_heel", "support_toe")]
        self.floor = 0.0 if variant == "bodyweight" else float(min(stance_foot))  # the machine's platform
        self.variant = variant

    def lift(self, name: str, side: float = 0.0) -> np.ndarray:
        """A side-view joint as a 3-D point, `side` metres to the working side."""
        u, y = self.joints[name]
        return np.array([side, y, u])

    def turn(self, share: float = 1.0) -> np.ndarray:
        """The pelvis's turn (rotation, then hike), or `share` of it for the trunk following."""
        twist = rotation(self.turn_axis, share * self.pose.pelvic_rotation)
        return rotation(self.hike_axis, share * self.pose.pelvic_hike) @ twist

    def project(self, points: np.ndarray) -> np.ndarray:
        """3-D points to the picture: x, and height above the hip joints seen from the view's elevation."""
        points = np.atleast_2d(points)
        up, forward = points[:, 1] - self.hip[1], points[:, 2] - self.hip[0]
        return np.column_stack(
            [points[:, 0], up * math.cos(self.elevation) + forward * math.sin(self.elevation)]
        )

    def floor_outline(self, half_width: float) -> np.ndarray:
        """The floor: the ground line under the feet seen level, the mat (a trapezoid, its far edge
        narrower) seen from behind and above."""
        if self.elevation == 0.0:
            return self.project(np.array([(-half_width, 0.0, 0.0), (half_width, 0.0, 0.0)]))
        near, far = (self.hip[0] + d for d in MAT_DEPTH)
        narrow = half_width * MAT_FAR_NARROWS
        corners = [(-half_width, 0.0, near), (half_width, 0.0, near), (narrow, 0.0, far)]
        corners += [(-narrow, 0.0, far), (-half_width, 0.0, near)]
        return self.project(np.array(corners))

    def platform_outline(self, centre_x: float) -> np.ndarray | None:
        """The machine's platform under the stance foot, seen from behind: a block from the ground to
        its top (None where the stance foot is on the ground)."""
        if self.floor <= 1e-6:
            return None
        x0, x1 = centre_x - PLATFORM_HALF_WIDTH, centre_x + PLATFORM_HALF_WIDTH
        block = [(x0, 0.0, 0.0), (x1, 0.0, 0.0), (x1, self.floor, 0.0), (x0, self.floor, 0.0)]
        return self.project(np.array(block))

    def nearness(self, points: np.ndarray) -> np.ndarray:
        """How much nearer the viewer each 3-D point is than the hip joints, as a scale for its
        drawn thickness (> 1 nearer): VIEW_DISTANCE over the point's distance."""
        depth = np.atleast_2d(points)[:, 2] - self.hip[0]  # forward: away from the viewer
        return VIEW_DISTANCE / np.clip(VIEW_DISTANCE + depth, 0.6 * VIEW_DISTANCE, 1.6 * VIEW_DISTANCE)

    def section(
        self, centre: np.ndarray, half_width: float, half_depth: float, turn: np.ndarray
    ) -> np.ndarray:
        """An elliptical cross-section of the body (sideways by dorsal), turned about its own centre."""
        ring = np.outer(np.cos(ELLIPSE) * half_width, LATERAL) + np.outer(
            np.sin(ELLIPSE) * half_depth, self.back
        )
        return centre + ring @ turn.T


def _pelvis(frame: _Frame) -> tuple[np.ndarray, np.ndarray, float]:
    """The pelvis's outline, the line across the back of the pelvis (the two dimples), and its depth."""
    g, centre = frame.g, frame.lift("hip")
    turn = frame.turn()
    hip_out = g["hip_width"] / 2 + g["thigh_width"] / 2
    depth = g["trunk_width"] / 2
    length = g["pelvis_length"]
    levels = (
        (-0.07, hip_out * 0.8),
        (0.0, hip_out),
        (length * 0.6, g["pelvis_width"] / 2),
        (length * 1.1, g["pelvis_width"] * 0.45),
    )
    rings = [frame.section(centre + s * frame.along, w, depth, np.eye(3)) for s, w in levels]
    solid = centre + (np.vstack(rings) - centre) @ turn.T
    dimples = np.array(
        [
            centre
            + length * 0.75 * frame.along
            + side * g["pelvis_width"] * 0.3 * LATERAL
            + depth * 0.92 * frame.back
            for side in (-1, 1)
        ]
    )
    dimples = centre + (dimples - centre) @ turn.T
    outline = smooth_closed(convex_hull(frame.project(solid)), 2)
    return outline, frame.project(dimples), float(solid[:, 2].min())


def _trunk(frame: _Frame) -> tuple[np.ndarray, np.ndarray]:
    """The trunk's outline (its cross-sections following the pelvis part way) and the spine down its back."""
    g = frame.g
    half_pelvis, half_shoulders, depth = g["pelvis_width"] / 2, g["shoulder_width"] / 2, g["trunk_width"] / 2
    widths = (half_pelvis * 0.95, half_pelvis * 0.85, half_pelvis * 1.05, half_shoulders * 1.12)
    rings, spine = [], []
    for name, width, share in zip(("sacrum", "l3", "t12", "c7"), widths, TRUNK_FOLLOWS):
        turn = frame.turn(share)
        centre = frame.lift(name)
        rings.append(frame.section(centre, width, depth, turn))
        spine.append(centre + depth * 0.95 * (turn @ frame.back))
    return smooth_closed(convex_hull(frame.project(np.vstack(rings))), 2), frame.project(np.array(spine))


def _head(frame: _Frame) -> np.ndarray:
    """Head and neck from behind: the hull of a ring at the neck's base and the head's circle."""
    h = frame.height
    circle = np.column_stack([np.cos(ELLIPSE), np.sin(ELLIPSE)])
    neck, head = frame.project(frame.lift("c7"))[0], frame.project(frame.lift("head"))[0]
    return smooth_closed(convex_hull(np.vstack([neck + 0.03 * h * circle, head + 0.045 * h * circle])), 1)


def _limb(frame: _Frame, points: np.ndarray, radii: list[float]) -> np.ndarray:
    """A rounded limb along 3-D points kept off the floor, thicker where nearer the viewer, skipping
    joints seen so close behind the previous one that a tube between them would fold over itself."""
    points = np.array(points, dtype=float)
    radii = list(np.asarray(radii) * frame.nearness(points))
    points[:, 1] = np.maximum(points[:, 1], frame.floor + np.asarray(radii))
    points = frame.project(points)
    kept, kept_radii = [points[0]], [radii[0]]
    for point, radius in zip(points[1:], radii[1:]):
        if np.hypot(*(point - kept[-1])) > max(0.02, abs(radius - kept_radii[-1]) * 1.5):
            kept.append(point)
            kept_radii.append(radius)
        else:
            kept_radii[-1] = max(kept_radii[-1], radius)
    if len(kept) == 1:  # seen end-on: a round end
        kept.append(kept[0] + (0.0, -1e-3))
        kept_radii.append(kept_radii[0])
    return tube_outline(np.array(kept), kept_radii)


def _capsule(frame: _Frame, points: np.ndarray, radii: tuple[float, ...]) -> np.ndarray:
    """A limb segment through 3-D points (two, or three nearly in line): the hull of a circle round
    each, each thicker the nearer the viewer it is. Convex, so it never folds over itself however
    short it is seen."""
    scaled = np.asarray(radii) * frame.nearness(points)
    points = np.array(points, dtype=float)
    points[:, 1] = np.maximum(points[:, 1], frame.floor + scaled)  # kept off the floor, as `_limb` does
    ends = frame.project(points)
    circle = np.column_stack([np.cos(ELLIPSE), np.sin(ELLIPSE)])
    return convex_hull(np.vstack([end + radius * circle for end, radius in zip(ends, scaled)]))


def arm_points(frame: _Frame, side: float) -> np.ndarray:
    """One arm in 3-D: shoulder joint, elbow, wrist and knuckles where the side view has them, in the
    plane of its own shoulder joint (`side` -1 stance, +1 working). The side view draws the two arms
    as one, full length in its plane, so each arm lies straight ahead of its shoulder: on all fours
    the hands are on the mat under the shoulders; standing they hold the handles in front of them."""
    half = side * frame.g["shoulder_width"] / 2
    return np.array([frame.lift(name, half) for name in ("shoulder_joint", "elbow", "wrist", "knuckles")])


def _arm(frame: _Frame, side: float) -> tuple[np.ndarray, np.ndarray]:
    """An arm seen from behind: the upper arm (shoulder to elbow) and the forearm with the hand
    (elbow to knuckles), each foreshortened as far as it reaches forward. Standing, the forearms
    point ahead, so little of them shows past the elbow; on all fours the arm goes straight down."""
    shoulder, elbow, wrist, knuckles = arm_points(frame, side)
    radius = frame.g["arm_width"] / 2  # the side view's radii: upper arm 1.15 to 1, forearm 0.95 to 0.7
    upper = _capsule(frame, np.array([shoulder, elbow]), (radius * 1.15, radius))
    lower = _capsule(frame, np.array([elbow, wrist, knuckles]), (radius * 0.95, radius * 0.7, radius * 0.6))
    return upper, lower


def _working_leg(frame: _Frame) -> tuple[np.ndarray, np.ndarray]:
    """The working leg in 3-D (hip, knee, ankle, toe): it drifts out and turns out as the pelvis opens."""
    g, opening = frame.g, frame.pose.pelvic_rotation
    hip_local = frame.lift("hip", g["hip_width"] / 2)
    centre = frame.lift("hip")
    hip = centre + (hip_local - centre) @ frame.turn().T
    knee, ankle, toe = (frame.lift(name) - frame.lift("hip") for name in ("knee", "ankle", "toe"))
    thigh_axis = knee / max(np.linalg.norm(knee), 1e-9)
    turn_out = float(np.clip(LEG_TURN_OUT * opening, -LEG_TURN_MAX / 2, LEG_TURN_MAX))
    out = rotation(_oriented(thigh_axis, frame.back, LATERAL), turn_out)
    lower = [knee + (p - knee) @ out.T for p in (ankle, toe)]
    sideways = float(np.clip(LEG_DRIFT * opening, -LEG_TURN_MAX / 2, LEG_TURN_MAX))
    drift = rotation(_oriented(frame.back, -frame.along, LATERAL), sideways)
    leg = [np.zeros(3), knee, *lower]
    # the hip goes where the pelvis takes it; the leg's direction changes only by the drift and the
    # turn out (carried rigidly by a twist, a foot far behind a bent knee would swing in instead)
    return np.array([hip + drift @ p for p in leg]), hip


def rear_view_shapes(
    pose: Pose, body: Body, variant: str = "cable", skeleton: Skeleton | None = None
) -> RearShapes:
    """Outlines of the rear view for `pose`: trunk, pelvis, head, arms, both legs, and the lines on them.

    Parameters
    ----------
    pose : Pose
        The pose; `pelvic_rotation` and `pelvic_hike` (degrees) turn the pelvis.
    body : Body
        Sizes (m).
    variant : str
        The set-up, which decides where the joints are.
    skeleton : Skeleton, optional
        The side view's joints for this very pose, if already built (the explorer has them).

    Returns
    -------
    RearShapes
        Parts and lines in metres, x to the working side, y up from the hip joints.
    """
    frame = _Frame(pose, body, variant, skeleton)
    g = body.geometry
    still, still_lines, pelvis_depth = _still_shapes(frame)
    leg, working_hip = _working_leg(frame)
    thigh, shank = g["thigh_width"] / 2, g["shank_width"] / 2
    knee = thigh * KNEE_END  # the thigh's end at the knee, round the shank's start: the knee disc
    joint_radii = np.array([thigh, knee, shank * 0.75, shank * 0.5]) * frame.nearness(leg)
    leg = leg.copy()
    leg[:, 1] = np.maximum(leg[:, 1], frame.floor + joint_radii)  # off the floor, each joint once
    parts = {
        "working_leg": _capsule(frame, leg[:2], (thigh, knee)),
        "working_shank": _capsule(frame, leg[1:3], (shank * SHIN_START, shank * 0.75)),
        "working_foot": _capsule(frame, leg[2:4], (shank * 0.7, shank * 0.5)),
        **still,
    }
    lines = dict(still_lines)
    for name, point in (("working_knee", leg[1]), ("working_ankle", leg[2]), ("working_hip", working_hip)):
        lines[name] = frame.project(point)
    depths = {"working_leg": leg[:2, 2].mean(), "working_shank": leg[1:3, 2].mean()}
    depths["working_foot"] = leg[2:, 2].mean()
    order = tuple(sorted(depths, key=lambda name: -depths[name]))  # far to near
    in_front, upright = bool(leg[1][2] < pelvis_depth - 0.05), bool(abs(frame.long[1]) > 0.7)
    if in_front and not upright:  # on all fours the thigh points at the viewer: its knee end, the nearest
        # thing, over the shin's start, so it reads as foreshortened, not as a leg hanging down
        order = tuple(name for name in order if name != "working_leg") + ("working_leg",)
    return RearShapes(parts, lines, in_front, upright, order, float(working_hip[2] - frame.hip[0]))


_STILL_KEPT: dict[tuple, tuple[dict[str, np.ndarray], dict[str, np.ndarray], float]] = {}
STILL_JOINTS = ("hip", "sacrum", "l3", "t12", "c7", "head", "shoulder_joint", "elbow", "wrist", "knuckles")
STILL_JOINTS += ("support_knee", "support_ankle", "support_heel", "support_toe")


def _still_shapes(frame: _Frame) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], float]:
    """Everything but the working leg: trunk, pelvis, head, arms, stance leg and the lines on them,
    and the pelvis's depth. Kept by the joints and turns they are made from, so a slider that moves
    only the working leg (the hip, the knee) does not build them again."""
    joints = tuple(float(c) for name in STILL_JOINTS if name in frame.joints for c in frame.joints[name])
    key = (frame.variant, frame.pose.pelvic_rotation, frame.pose.pelvic_hike, frame.height, joints)
    key += tuple(sorted(frame.g.items()))
    if key not in _STILL_KEPT:
        if len(_STILL_KEPT) >= 128:
            _STILL_KEPT.clear()
        _STILL_KEPT[key] = _build_still_shapes(frame)
    return _STILL_KEPT[key]


def _build_still_shapes(frame: _Frame) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], float]:
    """`_still_shapes` built afresh."""
    g, h = frame.g, frame.height
    pelvis, dimples, pelvis_depth = _pelvis(frame)
    trunk, spine = _trunk(frame)
    stance_hip = (
        frame.lift("hip") + (frame.lift("hip", -g["hip_width"] / 2) - frame.lift("hip")) @ frame.turn().T
    )
    standing = frame.variant != "bodyweight"
    below_hip = (
        ("support_knee", "support_ankle", "support_heel") if standing else ("support_knee", "support_ankle")
    )
    stance = [stance_hip] + [frame.lift(n, -g["hip_width"] / 2) for n in below_hip]
    thigh, shank = g["thigh_width"] / 2, g["shank_width"] / 2
    foot = [shank * 0.55] if standing else []  # standing, the heel on the floor
    parts = {
        "stance_leg": _limb(frame, stance, [thigh, shank * 1.1, shank * 0.75, *foot]),
        "trunk": trunk,
        "pelvis": pelvis,
        "head": _head(frame),
    }
    for side, name in ((-1.0, "stance"), (1.0, "working")):
        parts[f"{name}_arm"], parts[f"{name}_forearm"] = _arm(frame, side)
    lines = {
        "dimples": dimples,
        "spine": np.vstack([dimples.mean(axis=0), spine[1:]]),
        "floor": frame.floor_outline(0.22 * h),  # on all fours the mat's outline; standing the ground
    }
    platform = frame.platform_outline(-g["hip_width"] / 2)
    if platform is not None:
        lines["platform"] = platform
    lines["contacts"] = _contacts(frame, stance, standing)
    lines["hands"] = frame.project(np.array([arm_points(frame, side)[2] for side in (-1.0, 1.0)]))
    for outline in (*parts.values(), *lines.values()):
        outline.setflags(write=False)  # shared by every pose that keeps them
    return parts, lines, pelvis_depth


def _contacts(frame: _Frame, stance: list[np.ndarray], standing: bool) -> np.ndarray:
    """Where the body rests on the floor (the picture's points): the hands and the stance knee on the
    mat on all fours, the stance heel on the floor or platform standing."""
    if standing:
        return frame.project(np.array([stance[-1] * (1, 0, 1) + (0, frame.floor, 0)]))
    hands = [arm_points(frame, side)[2] * (1, 0, 1) for side in (-1.0, 1.0)]
    return frame.project(np.array([*hands, stance[1] * (1, 0, 1)]))


def bar_ends(shapes: RearShapes) -> np.ndarray:
    """The pelvis bar: the line across the back of the pelvis (through the two dimples over the sacrum)
    carried out to the hip bones, the pelvis's outline each side, less BAR_INSET. It ends on the body,
    so it reads as the pelvis, not as a stick through it; its tilt reads against the dotted level line.

    Returns
    -------
    np.ndarray
        The stance-side and working-side ends (m, picture coordinates), in that order.
    """
    dimples = shapes.lines["dimples"]
    middle, along = dimples.mean(axis=0), dimples[1] - dimples[0]
    along = along / max(float(np.hypot(*along)), 1e-12)
    outline = shapes.parts["pelvis"]
    a, b = outline, np.roll(outline, -1, axis=0)
    edge = b - a
    # where the line middle + t * along meets each edge a + s * edge (0 <= s <= 1): Cramer's rule
    det = edge[:, 0] * along[1] - edge[:, 1] * along[0]
    ok = np.abs(det) > 1e-12
    rel = a - middle
    t = np.where(ok, (edge[:, 0] * rel[:, 1] - edge[:, 1] * rel[:, 0]) / np.where(ok, det, 1.0), np.nan)
    s = np.where(ok, (along[0] * rel[:, 1] - along[1] * rel[:, 0]) / np.where(ok, det, 1.0), np.nan)
    hits = t[ok & (s >= 0.0) & (s <= 1.0)]
    low = float(hits[hits < 0].max()) if np.any(hits < 0) else -1.5 * float(np.hypot(*(dimples[1] - middle)))
    high = float(hits[hits > 0].min()) if np.any(hits > 0) else 1.5 * float(np.hypot(*(dimples[1] - middle)))
    return np.array([middle + (low + BAR_INSET) * along, middle + (high - BAR_INSET) * along])
