"""Draw a body in a kickback set-up with matplotlib, and move it in place when the pose changes.

`draw_pose` builds the artists once; `update_pose` moves them (no new figure, no new artists),
which keeps widgets fast. Computation lives in `kickback.body`; this module only draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon, Rectangle
from matplotlib.text import Text

from ..model.anthropometrics import Body
from ..model.leg_height import split_leg_height
from ..model.pose import Pose
from ..model.skeleton import Skeleton, build_skeleton
from ..model.variants import check_variant
from .style import COLORS, FONT_SIZES, LINESTYLES

ARC_POINTS = 32


# --- geometry helpers (pure functions of points) --------------------------------------------


def tube_outline(points: np.ndarray, radii: np.ndarray | float, *, cap_points: int = 13) -> np.ndarray:
    """Outline of a rounded tube of the given radius (or radii) along a polyline.

    Used for limbs and the torso: thick, with round ends, following the spine when it curves.
    """
    points = np.asarray(points, dtype=float)
    radii = np.broadcast_to(np.asarray(radii, dtype=float), (len(points),))
    tangents = np.gradient(points, axis=0) if len(points) > 2 else np.repeat([points[-1] - points[0]], len(points), axis=0)
    lengths = np.hypot(tangents[:, 0], tangents[:, 1])
    lengths[lengths < 1e-12] = 1.0
    tangents = tangents / lengths[:, None]
    normals = np.column_stack([-tangents[:, 1], tangents[:, 0]])
    left = points + normals * radii[:, None]
    right = points - normals * radii[:, None]
    end_angle = math.atan2(normals[-1, 1], normals[-1, 0])
    start_angle = math.atan2(-normals[0, 1], -normals[0, 0])
    sweep = np.linspace(0.0, -math.pi, cap_points)[1:-1]  # the ends are the side points already
    end_cap = points[-1] + radii[-1] * np.column_stack([np.cos(end_angle + sweep), np.sin(end_angle + sweep)])
    start_cap = points[0] + radii[0] * np.column_stack([np.cos(start_angle + sweep), np.sin(start_angle + sweep)])
    return np.vstack([left, end_cap, right[::-1], start_cap])


def back_line(spine: np.ndarray, offset: float) -> np.ndarray:
    """The spine's curve moved toward the back by `offset` (m), from the pelvis to the shoulder blades.

    Drawn on the torso so the lumbar curve (flat or arched) is plain to see.
    """
    tangents = np.gradient(spine, axis=0)
    tangents /= np.hypot(tangents[:, 0], tangents[:, 1])[:, None]
    behind = np.column_stack([-tangents[:, 1], tangents[:, 0]])
    shoulder_blades = spine[-2] + 0.6 * (spine[-1] - spine[-2])
    points = np.vstack([spine[:-1], shoulder_blades])
    behind = np.vstack([behind[:-1], behind[-1]])
    return (points + offset * behind)[1:]


def segment_points(start: tuple[float, float], end: tuple[float, float]) -> np.ndarray:
    """A straight segment as a two-point polyline."""
    return np.array([start, end], dtype=float)


def arc_points(center: tuple[float, float], radius: float, start_deg: float, end_deg: float) -> np.ndarray:
    """Points on a circular arc (angles counter-clockwise from +x, in degrees)."""
    angles = np.radians(np.linspace(start_deg, end_deg, ARC_POINTS))
    return np.column_stack([center[0] + radius * np.cos(angles), center[1] + radius * np.sin(angles)])


def down_angle_to_math(angle_deg: float) -> float:
    """Convert 'degrees behind hanging straight down' to matplotlib's counter-clockwise-from-+x."""
    return -90.0 - angle_deg


def up_angle_to_math(angle_deg: float) -> float:
    """Convert 'degrees forward of straight up' to matplotlib's counter-clockwise-from-+x."""
    return 90.0 - angle_deg


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


# --- the artists ----------------------------------------------------------------------------


@dataclass
class PoseArtists:
    """The artists of one drawn body, kept so `update_pose` can move them."""

    ax: Axes
    body: Body
    variant: str
    polygons: dict[str, Polygon] = field(default_factory=dict)
    lines: dict[str, Line2D] = field(default_factory=dict)
    circles: dict[str, Circle] = field(default_factory=dict)
    texts: dict[str, Text] = field(default_factory=dict)
    pose: Pose | None = None
    skeleton: Skeleton | None = None


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
        "support_shank": tube_outline(segment_points(j["support_knee"], j["support_ankle"]), np.array([r["shank"], r["shank"] * 0.7]) * 0.95),
        "support_foot": tube_outline(segment_points(j["support_heel"], j["support_toe"]), r["foot"]),
        "upper_arm": tube_outline(segment_points(j["shoulder"], j["elbow"]), r["arm"]),
        "forearm": tube_outline(segment_points(j["elbow"], j["wrist"]), np.array([r["arm"] * 0.9, r["arm"] * 0.7])),
        "hand": tube_outline(segment_points(j["wrist"], j["knuckles"]), r["arm"] * 0.6),
        "trunk": tube_outline(skeleton.spine, _trunk_radii(skeleton.spine, r["trunk"])),
        "neck": tube_outline(segment_points(j["shoulder"], j["neck"]), r["arm"] * 1.1),
        "thigh": tube_outline(segment_points(j["hip"], j["knee"]), leg_taper),
        "shank": tube_outline(segment_points(j["knee"], j["ankle"]), np.array([r["shank"], r["shank"] * 0.7])),
        "foot": tube_outline(_lift_sole(j["heel"], j["toe"], j["ankle"], r["foot"]), np.array([r["foot"], r["foot"] * 0.75])),
        "buttock": tube_outline(_buttock_points(skeleton, body), r["trunk"] * np.array([0.95, 0.8])),
    }
    if skeleton.variant == "machine":
        pad = np.array(j["pad"])
        pivot = np.array(j["pivot"])
        direction = pad - pivot
        direction /= np.hypot(*direction)
        shapes["pad"] = tube_outline(np.array([pad - 0.06 * direction, pad + 0.06 * direction]), 0.045)
    return shapes


def _lift_sole(heel: tuple[float, float], toe: tuple[float, float], ankle: tuple[float, float], radius: float) -> np.ndarray:
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
    return np.array([seat + up * 0.3 * np.hypot(*(base - hip)), seat - up * 0.25 * body.geometry["trunk_width"]])


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


def draw_pose(ax: Axes, pose: Pose, body: Body, variant: str, *, angles: bool = True, caption: bool = True) -> PoseArtists:
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
    _draw_floor(ax, xlim)
    skeleton = build_skeleton(pose, body, variant)
    _draw_static_equipment(ax, skeleton, body)

    shapes = _shapes(skeleton, body)
    for name, colour, z in BODY_LAYERS:
        if name not in shapes:
            continue
        patch = Polygon(shapes[name], closed=True, facecolor=COLORS[colour], edgecolor=COLORS["outline"], linewidth=0.8, zorder=z, joinstyle="round")
        ax.add_patch(patch)
        artists.polygons[name] = patch
    head = Circle(skeleton.joints["head"], _radii(body)["head"], facecolor=COLORS["body"], edgecolor=COLORS["outline"], linewidth=0.8, zorder=3.1)
    ax.add_patch(head)
    artists.circles["head"] = head

    (spine_line,) = ax.plot([], [], color=COLORS["outline"], linewidth=1.6, zorder=3.05, solid_capstyle="round")
    artists.lines["spine"] = spine_line
    _draw_moving_equipment(artists, skeleton)
    if angles:
        _draw_angle_marks(artists, pose, skeleton)
    if caption:
        artists.texts["sum"] = ax.text(
            0.5, -0.01, "", transform=ax.transAxes, ha="center", va="top",
            fontsize=FONT_SIZES["small"], color=COLORS["outline"], zorder=6,
        )
    update_pose(artists, pose)
    return artists


def _draw_floor(ax: Axes, xlim: tuple[float, float]) -> None:
    """The floor line with a light strip beneath it."""
    ax.add_patch(Rectangle((xlim[0], -0.2), xlim[1] - xlim[0], 0.2, facecolor="#EDEDED", edgecolor="none", zorder=0.5))
    ax.plot(xlim, [0, 0], color=COLORS["floor"], linewidth=1.5, zorder=0.6)


def _draw_static_equipment(ax: Axes, skeleton: Skeleton, body: Body) -> None:
    """Parts of the equipment that do not move with the pose: tower, platform, column."""
    j = skeleton.joints
    grey = COLORS["equipment"]
    if skeleton.variant == "cable":
        base, top = j["frame_base"], j["frame_top"]
        ax.add_patch(Rectangle((base[0] - 0.02, 0.0), 0.10, top[1], facecolor="#D9D9D9", edgecolor=grey, linewidth=1.0, zorder=1.0))
        ax.plot([j["handle"][0], base[0] + 0.02], [j["handle"][1]] * 2, color=grey, linewidth=3, solid_capstyle="round", zorder=1.1)
        ax.add_patch(Circle(j["pulley"], 0.035, facecolor="white", edgecolor=grey, linewidth=1.5, zorder=1.2))
    elif skeleton.variant == "machine":
        front, back = j["platform_front"], j["platform_back"]
        ax.add_patch(Rectangle((back[0], 0.0), front[0] - back[0], front[1], facecolor="#D9D9D9", edgecolor=grey, linewidth=1.0, zorder=1.0))
        base, top = j["column_base"], j["column_top"]
        ax.add_patch(Rectangle((base[0] - 0.03, 0.0), 0.08, top[1], facecolor="#D9D9D9", edgecolor=grey, linewidth=1.0, zorder=1.0))
        ax.plot([j["handle"][0] - 0.02, base[0]], [j["handle"][1]] * 2, color=grey, linewidth=3, solid_capstyle="round", zorder=1.1)
    else:
        hand = j["support_hand"]
        ax.add_patch(Rectangle((hand[0] - 0.05, 0.0), 0.25, 0.012, facecolor="#D9D9D9", edgecolor="none", zorder=0.7))


def _draw_moving_equipment(artists: PoseArtists, skeleton: Skeleton) -> None:
    """The cable to the ankle strap, or the machine's lever; they follow the leg."""
    ax = artists.ax
    if skeleton.variant == "cable":
        (line,) = ax.plot([], [], color=COLORS["cable"], linewidth=2.0, zorder=1.5, solid_capstyle="round")
        artists.lines["cable"] = line
        strap = Circle((0, 0), 0.03, facecolor=COLORS["cable"], edgecolor=COLORS["outline"], linewidth=0.8, zorder=4.3)
        ax.add_patch(strap)
        artists.circles["strap"] = strap
    elif skeleton.variant == "machine":
        (line,) = ax.plot([], [], color=COLORS["equipment"], linewidth=4.0, zorder=3.45, solid_capstyle="round")
        artists.lines["lever"] = line
        pivot = Circle(skeleton.joints["pivot"], 0.035, facecolor="white", edgecolor=COLORS["equipment"], linewidth=1.5, zorder=4.5)
        ax.add_patch(pivot)
        artists.circles["pivot"] = pivot


def _draw_angle_marks(artists: PoseArtists, pose: Pose, skeleton: Skeleton) -> None:
    """Arcs with labels for the hip angle and the lower back; a dotted trunk line for reference."""
    ax = artists.ax
    for name in ("trunk_line", "thorax_line"):
        (line,) = ax.plot([], [], color=COLORS["reference"], linestyle=LINESTYLES["reference"], linewidth=1.2, zorder=5)
        artists.lines[name] = line
    for name in ("hip_arc", "back_arc"):
        (line,) = ax.plot([], [], color=COLORS["outline"], linewidth=1.4, zorder=5.1)
        artists.lines[name] = line
    for name in ("hip", "back"):
        artists.texts[name] = ax.text(
            0, 0, "", fontsize=FONT_SIZES["small"], ha="center", va="center", zorder=6,
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
    line_end = hip + 0.20 * height * np.array([math.cos(math.radians(reference)), math.sin(math.radians(reference))])
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
    thorax_back = top - 0.16 * height * np.array([math.cos(math.radians(thorax)), math.sin(math.radians(thorax))])
    artists.lines["thorax_line"].set_data([top[0], thorax_back[0]], [top[1], thorax_back[1]])
    back_arc = arc_points(tuple(base), 0.09 * height, pelvis, thorax) if abs(pose.lumbar_extension) >= 0.5 else np.empty((0, 2))
    artists.lines["back_arc"].set_data(back_arc[:, 0], back_arc[:, 1])
    behind = np.array([-math.cos(math.radians(pose.trunk_lean)), math.sin(math.radians(pose.trunk_lean))])
    label_at = (base + top) / 2 + behind * 0.17 * height
    artists.texts["back"].set_position(tuple(label_at))
    artists.texts["back"].set_text(labels["back"])


def mark_panel(ax: Axes, kind: str, title: str) -> None:
    """Title a panel and frame it: a tick and solid line for correct, a cross and dashes for a mistake."""
    if kind in ("correct", "mistake"):
        from .style import MARKS

        ax.set_title(f"{MARKS[kind]} {title}", color=COLORS[kind], fontsize=FONT_SIZES["title"])
        frame = Rectangle(
            (0.005, 0.005), 0.99, 0.99, transform=ax.transAxes, fill=False,
            edgecolor=COLORS[kind], linestyle=LINESTYLES[kind], linewidth=2.2, zorder=7, clip_on=False,
        )
        ax.add_patch(frame)
    else:
        ax.set_title(title, color=COLORS["outline"], fontsize=FONT_SIZES["title"])


def reach_line_points(hip: tuple[float, float], apparent_deg: float, length: float) -> np.ndarray:
    """The line the thigh would follow at `apparent_deg` from hanging, from the hip (m)."""
    direction = np.array([-math.sin(math.radians(apparent_deg)), -math.cos(math.radians(apparent_deg))])
    return np.array([hip, np.array(hip) + length * direction])


def draw_motion_arrow(ax: Axes, center: tuple[float, float], from_deg: float, to_deg: float, radius: float, label: str) -> None:
    """A curved arrow around a joint showing which way the limb moves (angles from hanging, behind +)."""
    points = arc_points(center, radius, down_angle_to_math(from_deg), down_angle_to_math(to_deg))
    ax.plot(points[:-1, 0], points[:-1, 1], color=COLORS["outline"], linewidth=2.0, zorder=5.5)
    ax.annotate("", xy=tuple(points[-1]), xytext=tuple(points[-3]), zorder=5.6,
                arrowprops={"arrowstyle": "-|>", "color": COLORS["outline"], "linewidth": 2.0, "mutation_scale": 20})
    middle = np.array(center) + (points[len(points) // 2] - np.array(center)) * 1.12
    ax.text(middle[0], middle[1], label, fontsize=FONT_SIZES["label"], ha="center", va="center", color=COLORS["outline"], zorder=6,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
