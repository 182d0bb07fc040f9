"""Draw a body in a kickback set-up with matplotlib, and move it in place when the pose changes.

`draw_pose` builds the artists once; `update_pose` moves them (no new figure, no new artists),
which keeps widgets fast. Computation lives in `kickback.body`; this module only draws.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Polygon

from ..model.anthropometrics import Body
from ..model.leg_height import split_leg_height
from ..model.pose import Pose
from ..model.skeleton import Skeleton, build_skeleton
from ..model.variants import check_variant
from .artists import PoseArtists
from .equipment import draw_floor, draw_moving_equipment, draw_static_equipment
from .shapes import arc_points, back_line, down_angle_to_math, segment_points, tube_outline, up_angle_to_math
from .style import COLORS, FONT_SIZES, LINESTYLES

# --- what the drawing shows in words --------------------------------------------------------


def describe_angles(pose: Pose) -> dict[str, str]:
    """Short labels for the angle marks: hip, lower back, and the leg-height sum."""
    height = split_leg_height(pose)
    if abs(pose.lumbar_extension) < 0.5:
        back = "lower back neutral"
    elif pose.lumbar_extension > 0:
        back = f"lower back arched {pose.lumbar_extension:.0f}°"
    else:
        back = f"lower back rounded {-pose.lumbar_extension:.0f}°"
    return {
        "hip": f"hip {pose.hip_extension:.0f}°",
        "back": back,
        "sum": (
            f"leg {height.apparent:.0f}° from hanging = hip {height.hip:.0f}°"
            f" + back {height.lumbar:.0f}° + trunk {height.trunk:.0f}°"
        ),
    }


def _radii(body: Body) -> dict[str, float]:
    """Drawn half-thicknesses (m) of the body parts, from data/body_geometry.csv."""
    g = body.geometry
    return {
        "thigh": g["thigh_width"] / 2,
        "shank": g["shank_width"] / 2,
        "arm": g["arm_width"] / 2,
        "trunk": g["trunk_width"] / 2,
        "foot": g["shank_width"] / 3.2,
        "head": (body.length("head_neck") - g["neck_length"]) / 2,
    }


def _trunk_radii(spine: np.ndarray, trunk_radius: float) -> np.ndarray:
    """Torso thickness along the spine: fuller at the hips and chest, a little narrower at the waist."""
    s = np.linspace(0.0, 1.0, len(spine))
    return trunk_radius * (1.0 - 0.12 * np.sin(math.pi * s) ** 2 + 0.05 * s)


def _shapes(skeleton: Skeleton, body: Body) -> dict[str, np.ndarray]:
    """Every body polygon's outline for one skeleton."""
    j = skeleton.joints
    r = _radii(body)
    leg_taper = np.array([r["thigh"], r["shank"] * 1.05])
    shapes = {
        "support_thigh": tube_outline(segment_points(j["hip"], j["support_knee"]), leg_taper * 0.95),
        "support_shank": tube_outline(
            segment_points(j["support_knee"], j["support_ankle"]),
            np.array([r["shank"], r["shank"] * 0.7]) * 0.95,
        ),
        "support_foot": tube_outline(segment_points(j["support_heel"], j["support_toe"]), r["foot"]),
        "upper_arm": tube_outline(segment_points(j["shoulder"], j["elbow"]), r["arm"]),
        "forearm": tube_outline(
            segment_points(j["elbow"], j["wrist"]), np.array([r["arm"] * 0.9, r["arm"] * 0.7])
        ),
        "hand": tube_outline(segment_points(j["wrist"], j["knuckles"]), r["arm"] * 0.6),
        "trunk": tube_outline(skeleton.spine, _trunk_radii(skeleton.spine, r["trunk"])),
        "neck": tube_outline(segment_points(j["shoulder"], j["neck"]), r["arm"] * 1.1),
        "thigh": tube_outline(segment_points(j["hip"], j["knee"]), leg_taper),
        "shank": tube_outline(
            segment_points(j["knee"], j["ankle"]), np.array([r["shank"], r["shank"] * 0.7])
        ),
        "foot": tube_outline(
            _lift_sole(j["heel"], j["toe"], j["ankle"], r["foot"]), np.array([r["foot"], r["foot"] * 0.75])
        ),
        "buttock": tube_outline(_buttock_points(skeleton, body), r["trunk"] * np.array([0.95, 0.8])),
    }
    if skeleton.variant == "machine":
        pad = np.array(j["pad"])
        pivot = np.array(j["pivot"])
        direction = pad - pivot
        direction /= np.hypot(*direction)
        shapes["pad"] = tube_outline(np.array([pad - 0.06 * direction, pad + 0.06 * direction]), 0.045)
    return shapes


def _lift_sole(
    heel: tuple[float, float], toe: tuple[float, float], ankle: tuple[float, float], radius: float
) -> np.ndarray:
    """The foot's centre line: the sole (heel to toe) moved toward the ankle by the foot's half-thickness."""
    heel_point, toe_point, ankle_point = np.array(heel), np.array(toe), np.array(ankle)
    along = (toe_point - heel_point) / np.hypot(*(toe_point - heel_point))
    normal = np.array([-along[1], along[0]])
    if np.dot(ankle_point - heel_point, normal) < 0:
        normal = -normal
    return np.array([heel_point + radius * normal, toe_point + radius * normal])


def _buttock_points(skeleton: Skeleton, body: Body) -> np.ndarray:
    """The seat of the pelvis, behind the hip joint; it tilts with the pelvis (where the glutes are)."""
    hip = np.array(skeleton.joints["hip"])
    base = np.array(skeleton.joints["lumbar_base"])
    up = (base - hip) / np.hypot(*(base - hip))
    behind = np.array([-up[1], up[0]])
    seat = hip + behind * 0.22 * body.geometry["trunk_width"]
    return np.array(
        [seat + up * 0.3 * np.hypot(*(base - hip)), seat - up * 0.25 * body.geometry["trunk_width"]]
    )


BODY_LAYERS: tuple[tuple[str, str, float], ...] = (
    # (shape, colour key, z-order): far limbs first, the working leg nearest the viewer.
    ("support_foot", "body_far", 2.0),
    ("support_shank", "body_far", 2.1),
    ("support_thigh", "body_far", 2.2),
    ("buttock", "body", 2.95),
    ("trunk", "body", 3.0),
    ("neck", "body", 2.9),
    ("upper_arm", "body_far", 3.2),
    ("forearm", "body_far", 3.3),
    ("hand", "body_far", 3.4),
    ("pad", "pad", 3.5),
    ("foot", "working_leg", 4.0),
    ("shank", "working_leg", 4.1),
    ("thigh", "working_leg", 4.2),
)


def view_limits(body: Body, variant: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """Fixed axis limits for a variant, wide enough for the leg anywhere in its arc."""
    check_variant(variant)
    height = body.height
    if variant == "bodyweight":
        return (-0.62 * height, 0.55 * height), (-0.04 * height, 0.72 * height)
    if variant == "machine":
        return (-0.62 * height, 0.45 * height), (-0.04 * height, 1.12 * height)
    return (-0.62 * height, 0.50 * height), (-0.04 * height, 1.24 * height)


def draw_pose(
    ax: Axes, pose: Pose, body: Body, variant: str, *, angles: bool = True, caption: bool = True
) -> PoseArtists:
    """Draw `pose` in the variant's set-up on `ax` and return the artists for `update_pose`.

    Shows the floor, the equipment, the body (the working leg in blue, nearest the viewer),
    and, with `angles`, arcs with degree labels for the hip and the lower back.
    """
    check_variant(variant)
    artists = PoseArtists(ax=ax, body=body, variant=variant)
    xlim, ylim = view_limits(body, variant)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()
    draw_floor(ax, xlim)
    skeleton = build_skeleton(pose, body, variant)
    draw_static_equipment(ax, skeleton, body)

    shapes = _shapes(skeleton, body)
    for name, colour, z in BODY_LAYERS:
        if name not in shapes:
            continue
        patch = Polygon(
            shapes[name],
            closed=True,
            facecolor=COLORS[colour],
            edgecolor=COLORS["outline"],
            linewidth=0.8,
            zorder=z,
            joinstyle="round",
        )
        ax.add_patch(patch)
        artists.polygons[name] = patch
    head = Circle(
        skeleton.joints["head"],
        _radii(body)["head"],
        facecolor=COLORS["body"],
        edgecolor=COLORS["outline"],
        linewidth=0.8,
        zorder=3.1,
    )
    ax.add_patch(head)
    artists.circles["head"] = head

    (spine_line,) = ax.plot(
        [], [], color=COLORS["outline"], linewidth=1.6, zorder=3.05, solid_capstyle="round"
    )
    artists.lines["spine"] = spine_line
    draw_moving_equipment(artists, skeleton)
    if angles:
        _draw_angle_marks(artists, pose, skeleton)
    if caption:
        artists.texts["sum"] = ax.text(
            0.5,
            -0.01,
            "",
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            zorder=6,
        )
    update_pose(artists, pose)
    return artists


def _draw_angle_marks(artists: PoseArtists, pose: Pose, skeleton: Skeleton) -> None:
    """Arcs with labels for the hip angle and the lower back; a dotted trunk line for reference."""
    ax = artists.ax
    for name in ("trunk_line", "thorax_line"):
        (line,) = ax.plot(
            [], [], color=COLORS["reference"], linestyle=LINESTYLES["reference"], linewidth=1.2, zorder=5
        )
        artists.lines[name] = line
    for name in ("hip_arc", "back_arc"):
        (line,) = ax.plot([], [], color=COLORS["outline"], linewidth=1.4, zorder=5.1)
        artists.lines[name] = line
    for name in ("hip", "back"):
        artists.texts[name] = ax.text(
            0,
            0,
            "",
            fontsize=FONT_SIZES["small"],
            ha="center",
            va="center",
            zorder=6,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )


def update_pose(artists: PoseArtists, pose: Pose) -> None:
    """Move the drawn body to `pose`: same artists, new positions and labels (no new figure)."""
    skeleton = build_skeleton(pose, artists.body, artists.variant)
    for name, outline in _shapes(skeleton, artists.body).items():
        if name in artists.polygons:
            artists.polygons[name].set_xy(outline)
    j = skeleton.joints
    artists.circles["head"].set_center(j["head"])
    back = back_line(skeleton.spine, 0.55 * _radii(artists.body)["trunk"])
    artists.lines["spine"].set_data(back[:, 0], back[:, 1])
    if "cable" in artists.lines:
        artists.lines["cable"].set_data([j["pulley"][0], j["strap"][0]], [j["pulley"][1], j["strap"][1]])
        artists.circles["strap"].set_center(j["strap"])
    if "lever" in artists.lines:
        artists.lines["lever"].set_data([j["pivot"][0], j["pad"][0]], [j["pivot"][1], j["pad"][1]])
    if "hip_arc" in artists.lines:
        _update_angle_marks(artists, pose, skeleton)
    if "sum" in artists.texts:
        artists.texts["sum"].set_text(describe_angles(pose)["sum"])
    artists.pose = pose
    artists.skeleton = skeleton


def _update_angle_marks(artists: PoseArtists, pose: Pose, skeleton: Skeleton) -> None:
    """Place the hip and lower-back arcs and their labels for `pose`."""
    j = skeleton.joints
    height = artists.body.height
    labels = describe_angles(pose)
    hip = np.array(j["hip"])
    pelvis_tilt = pose.trunk_lean + pose.lumbar_extension
    reference = down_angle_to_math(pelvis_tilt)
    thigh = down_angle_to_math(split_leg_height(pose).apparent)
    line_end = hip + 0.20 * height * np.array(
        [math.cos(math.radians(reference)), math.sin(math.radians(reference))]
    )
    artists.lines["trunk_line"].set_data([hip[0], line_end[0]], [hip[1], line_end[1]])
    radius = 0.075 * height
    arc = arc_points(tuple(hip), radius, reference, thigh)
    artists.lines["hip_arc"].set_data(arc[:, 0], arc[:, 1])
    away = -30.0 if thigh > reference else 30.0
    label_angle = math.radians(reference + away)
    label_at = hip + radius * 1.9 * np.array([math.cos(label_angle), math.sin(label_angle)])
    artists.texts["hip"].set_position(tuple(label_at))
    artists.texts["hip"].set_text(labels["hip"])

    base = np.array(j["lumbar_base"])
    thorax = up_angle_to_math(pose.trunk_lean)
    pelvis = up_angle_to_math(pelvis_tilt)
    top = np.array(j["lumbar_top"])
    thorax_back = top - 0.16 * height * np.array(
        [math.cos(math.radians(thorax)), math.sin(math.radians(thorax))]
    )
    artists.lines["thorax_line"].set_data([top[0], thorax_back[0]], [top[1], thorax_back[1]])
    back_arc = (
        arc_points(tuple(base), 0.09 * height, pelvis, thorax)
        if abs(pose.lumbar_extension) >= 0.5
        else np.empty((0, 2))
    )
    artists.lines["back_arc"].set_data(back_arc[:, 0], back_arc[:, 1])
    behind = np.array([-math.cos(math.radians(pose.trunk_lean)), math.sin(math.radians(pose.trunk_lean))])
    label_at = (base + top) / 2 + behind * 0.17 * height
    artists.texts["back"].set_position(tuple(label_at))
    artists.texts["back"].set_text(labels["back"])
