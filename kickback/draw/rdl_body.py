"""The single-leg Romanian deadlift's body: its parts' outlines, their colours, and the dumbbell.

Blue means the leg that moves in every figure of the course: here the free leg. The standing leg is
grey and nearest the viewer. The hand on the free leg's side holds a hex dumbbell, seen end-on, in
front of the thighs.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon
from matplotlib.path import Path

from ..model.anthropometrics import Body
from ..model.skeleton import Skeleton
from .anatomy import foot_outline, hand_outline, pelvis_outline, trunk_outline
from .head import head_and_neck
from .shapes import segment_points, tube_outline
from .style import COLORS

DUMBBELL = {"head_height": 0.10}  # m: a light hex dumbbell's head, across the flats: a drawing choice
ARM_FORWARD_MAX = 30  # degrees: the most the start's arm is brought forward to hold the dumbbell clear
WEIGHT_GREY = "#A6A6A6"  # the weight plates' grey in the equipment drawings

LAYERS: tuple[tuple[str, str, float], ...] = (
    # (shape, colour key, z-order): the free leg, the one that moves, blue (as the moving leg in every
    # kickback figure) and farthest; the standing leg grey and nearest the viewer; the arm on the free
    # leg's side, which holds the dumbbell, between them and behind the trunk: only what reaches past
    # the trunk's outline shows, so it reads as the far arm.
    ("free_foot", "working_leg", 2.0),
    ("free_shank", "working_leg", 2.1),
    ("free_thigh", "working_leg", 2.2),
    ("upper_arm", "body_far", 2.5),
    ("forearm", "body_far", 2.6),
    ("hand", "body_far", 2.7),
    ("head", "body", 2.95),
    ("trunk", "body", 3.0),
    ("pelvis", "body", 3.05),
    ("foot", "body", 4.0),
    ("shank", "body", 4.1),
    ("thigh", "body", 4.2),
)
MOVING_LEG = ("free_foot", "free_shank", "free_thigh")  # drawn blue: the tests check that this leg moves
STANDING_WORDS = "standing leg:\nthe glute\nworks here"


def rdl_shapes(skeleton: Skeleton, body: Body) -> dict[str, np.ndarray]:
    """Every body part's outline (m) for a hinge skeleton, named as in `LAYERS`."""
    j = {name: np.array(point) for name, point in skeleton.joints.items()}
    g = body.geometry
    thigh, shank, arm = g["thigh_width"] / 2, g["shank_width"] / 2, g["arm_width"] / 2
    shapes = {"pelvis": pelvis_outline(skeleton, body), "trunk": trunk_outline(skeleton, body)[0]}
    head = head_and_neck(skeleton, body)
    shapes["head"] = head.head
    shapes["upper_arm"] = tube_outline(segment_points(j["shoulder_joint"], j["elbow"]), [arm * 1.15, arm])
    shapes["forearm"] = tube_outline(segment_points(j["elbow"], j["wrist"]), [arm * 0.95, arm * 0.7])
    shapes["hand"] = hand_outline(j["wrist"], j["knuckles"], False, arm * 0.62)
    for side in ("", "free_"):
        shapes[f"{side}thigh"] = tube_outline(
            segment_points(j["hip"], j[f"{side}knee"]), [thigh, shank * 1.02]
        )
        shapes[f"{side}shank"] = tube_outline(
            segment_points(j[f"{side}knee"], j[f"{side}ankle"]), [shank, shank * 0.62]
        )
        shapes[f"{side}foot"] = foot_outline(j[f"{side}heel"], j[f"{side}toe"], j[f"{side}ankle"], body)
    return shapes


def dumbbell_outlines(grip: tuple[float, float]) -> list[np.ndarray]:
    """A hex dumbbell held in an overhand grip, its bar across the body: from the side, seen end-on, its
    near head is a hexagon round the grip (m), hanging from the hand."""
    radius = DUMBBELL["head_height"] / math.sqrt(3)  # corner radius of a hexagon this tall across the flats
    angles = np.radians(np.arange(0, 360, 60))
    return [np.column_stack([grip[0] + radius * np.cos(angles), grip[1] + radius * np.sin(angles)])]


ARM_JOINTS = ("elbow", "wrist", "knuckles", "grip")


def arm_brought_forward(skeleton: Skeleton, body: Body) -> Skeleton:
    """The skeleton with the hanging arm turned forward at the shoulder, the least (whole degrees) that
    keeps the dumbbell clear of both thighs: held in front of the thighs, as a lifter holds it."""
    shapes = rdl_shapes(skeleton, body)
    thighs = [Path(shapes[name], closed=True) for name in ("thigh", "free_thigh")]
    shoulder = np.array(skeleton.joints["shoulder_joint"])
    for degrees in range(ARM_FORWARD_MAX + 1):
        a = math.radians(degrees)
        turn = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
        joints = dict(skeleton.joints)
        for name in ARM_JOINTS:
            joints[name] = tuple(shoulder + turn @ (np.array(skeleton.joints[name]) - shoulder))
        hexagon = Path(dumbbell_outlines(joints["grip"])[0], closed=True)
        if not any(thigh.intersects_path(hexagon, filled=True) for thigh in thighs):
            return replace(skeleton, joints=joints)
    return replace(skeleton, joints=joints)


def draw_rdl_body(ax: Axes, skeleton: Skeleton, body: Body) -> list[Path]:
    """Draw the body and its dumbbell; return the outlines (closed paths) labels must keep off."""
    outlines = rdl_shapes(skeleton, body)
    paths = []
    for name, colour, z in LAYERS:
        ax.add_patch(
            Polygon(
                outlines[name],
                closed=True,
                facecolor=COLORS[colour],
                edgecolor=COLORS["outline"],
                linewidth=0.8,
                zorder=z,
                joinstyle="round",
                gid=f"rdl:{name}",
            )
        )
        paths.append(Path(outlines[name], closed=True))
    eye = head_and_neck(skeleton, body).eye
    ax.plot([eye[0]], [eye[1]], marker="o", markersize=2.2, color=COLORS["outline"], zorder=3.0)
    back = trunk_outline(skeleton, body)[1]
    ax.plot(back[:, 0], back[:, 1], color=COLORS["outline"], linewidth=1.3, zorder=3.06)
    for part in dumbbell_outlines(skeleton.joints["grip"]):
        ax.add_patch(
            Polygon(
                part,
                closed=True,
                facecolor=WEIGHT_GREY,
                edgecolor=COLORS["equipment"],
                linewidth=0.9,
                zorder=2.8,  # over the fingers, under the trunk: the far hand's dumbbell
                joinstyle="round",
                gid="rdl:dumbbell",
            )
        )
        paths.append(Path(part, closed=True))
    return paths
