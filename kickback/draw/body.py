"""Draw a body in a kickback set-up with matplotlib, and move it in place when the pose changes.

`draw_pose` builds the artists once; `update_pose` moves them (no new figure, no new artists),
which keeps widgets fast. The joints come from `kickback.model.skeleton`; the outlines of the
parts from `anatomy`; this module only draws.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Polygon
from matplotlib.path import Path
from matplotlib.transforms import ScaledTranslation

from ..model.anthropometrics import Body
from ..model.leg_height import LegHeight, split_leg_height
from ..model.pose import Pose, describe_hip
from ..model.skeleton import SPINE_STEPS, Skeleton, build_skeleton, leg_height_of
from ..model.variants import check_variant
from .anatomy import foot_outline, hand_outline, pelvis_outline, torso_lines, torso_outline, trunk_outline
from .artists import PoseArtists
from .equipment import draw_floor, draw_moving_equipment, draw_static_equipment, update_moving_equipment
from .head import HeadShapes, head_and_neck
from .labels import add_label, place_label
from .shapes import FRAME_PAD, arc_points, down_angle_to_math, segment_points, tube_outline, up_angle_to_math
from .style import COLORS, FONT_SIZES, LINESTYLES

# --- what the drawing shows in words --------------------------------------------------------


CAPTION_GAP_PT = 5.0  # points between a panel's frame (just outside its axes) and its caption below


def describe_back(lumbar_extension: float) -> str:
    """The lower back in words: neutral, arched or rounded, by how much beyond its natural curve."""
    if abs(lumbar_extension) < 0.5:
        return "lower back neutral"
    if lumbar_extension > 0:
        return f"lower back arched {lumbar_extension:.0f}°"
    return f"lower back rounded {-lumbar_extension:.0f}°"


LEVEL = 90.0  # degrees from hanging straight down: the thigh level with the floor


def describe_thigh_angle(apparent: float) -> str:
    """Where the thigh points, in plain words: from vertical, or from level once it reaches level.

    "thigh vertical", "thigh 40° back from vertical", "thigh 15° forward of vertical", "thigh level
    with the floor", "thigh 14° above level" (`apparent` is degrees behind hanging straight down).
    """
    if abs(apparent - LEVEL) < 0.5:
        return "thigh level with the floor"
    if apparent > LEVEL:
        return f"thigh {apparent - LEVEL:.0f}° above level"
    if abs(apparent) < 0.5:
        return "thigh vertical"
    return f"thigh {abs(apparent):.0f}° {'back from' if apparent > 0 else 'forward of'} vertical"


def drawn_leg_height(pose: Pose, skeleton: Skeleton) -> LegHeight:
    """The thigh's height as this skeleton draws it: on all fours an arch tips the chest up a little."""
    return leg_height_of(pose, skeleton)


# The parts of the thigh's angle in a gym-goer's words: (adds to the angle, takes from it).
PART_WORDS: dict[str, tuple[str, str]] = {
    "hip": ("hip extended", "hip still bent"),
    "lumbar": ("back arches", "back rounds"),
    "trunk": ("trunk leans", "trunk leans back"),
}


def thigh_parts(height: LegHeight) -> list[tuple[str, int]]:
    """The parts of the thigh's angle as the caption says them: (words, signed whole degrees).

    Additions first (a sum reads more easily that way); parts under half a degree are left out.
    """
    parts = []
    for name, (adds, takes) in PART_WORDS.items():
        value = round(getattr(height, name))
        if value:
            parts.append((adds if value > 0 else takes, value))
    return sorted(parts, key=lambda part: part[1] < 0)


def describe_angles(pose: Pose, height: LegHeight | None = None) -> dict[str, str]:
    """Short labels for the angle marks: hip, lower back, and how the thigh's angle adds up.

    `height` is the split as drawn (`drawn_leg_height`); by default, the pose's own. The "sum"
    caption says where the thigh points and then its parts in plain words, e.g. "thigh 5° back from
    vertical:" / "trunk leans 20°, hip still bent 15°". Its numbers always add up: the thigh's angle
    (from vertical, or 90° plus the angle above level) is the sum of the parts, each taken away
    where the words say so ("still bent", "rounds", "leans back"), and is the drawn angle to within
    the parts' rounding.
    """
    height = height or split_leg_height(pose)
    parts = thigh_parts(height)
    total = sum(value for _, value in parts)
    said = ", ".join(f"{words} {abs(value)}°" for words, value in parts)
    return {
        "hip": describe_hip(pose.hip_extension),
        "back": describe_back(pose.lumbar_extension),
        "sum": f"{describe_thigh_angle(total)}:\n{said or 'hip, back and trunk all neutral'}"
        + describe_chest_tip(pose, height),
    }


def describe_chest_tip(pose: Pose, height: LegHeight) -> str:
    """Why the drawn trunk lean differs from the pose's, in one short line ("" when it does not).

    On all fours the hands and shoulders stay put, so a sagging lower back tips the chest up.
    """
    tip = split_leg_height(pose).trunk - height.trunk
    if abs(tip) < 0.5:
        return ""
    way = "up" if tip > 0 else "down"
    return f"\n(the chest tips {way} {abs(tip):.0f}° because the hands stay put)"


def _radii(body: Body) -> dict[str, float]:
    """Drawn half-thicknesses (m) of the limbs, from data/body_geometry.csv."""
    g = body.geometry
    return {
        "thigh": g["thigh_width"] / 2,
        "shank": g["shank_width"] / 2,
        "arm": g["arm_width"] / 2,
        "trunk": g["trunk_width"] / 2,
        "head": (body.length("head_neck") - g["neck_length"]) / 2,
    }


KNEECAP_RISE = 0.38  # the kneecap stands this far (knee radii) proud of the thigh's rounded end
KNEECAP_WIDTH = 0.75  # knee radii: how far along the outline either side of its peak the kneecap spreads


def knee_flexion_of(hip: np.ndarray, knee: np.ndarray, ankle: np.ndarray) -> float:
    """The knee's bend as drawn (degrees, 0 straight): the angle between the thigh's and shank's lines."""
    thigh, shank = knee - hip, ankle - knee
    cosine = float(np.dot(thigh, shank) / max(float(np.hypot(*thigh) * np.hypot(*shank)), 1e-12))
    return math.degrees(math.acos(min(1.0, max(-1.0, cosine))))


def kneecap_point(hip: np.ndarray, knee: np.ndarray, ankle: np.ndarray, radius: float) -> np.ndarray:
    """Where the kneecap's peak sits on the thigh's rounded end (m), before it is raised.

    It faces the front of the thigh when the leg is straight and slides round the end of the femur
    as the knee bends (half the bend), as the kneecap rides the front of the knee.
    """
    down = (knee - hip) / max(float(np.hypot(*(knee - hip))), 1e-12)
    front = np.array([-down[1], down[0]])  # the thigh's front (x forward, y up: the working side faces +x)
    turn = -math.radians(knee_flexion_of(hip, knee, ankle)) / 2
    c, s = math.cos(turn), math.sin(turn)
    return knee + radius * np.array([c * front[0] - s * front[1], s * front[0] + c * front[1]])


def thigh_with_kneecap(
    hip: np.ndarray, knee: np.ndarray, ankle: np.ndarray, radii: tuple[float, float]
) -> np.ndarray:
    """The thigh from the hip to a rounded knee with the kneecap standing out on its front (m).

    A straight tube hides a bent knee (the two tubes meet in a smooth elbow); the kneecap's bump on
    the front of the knee makes even a soft bend read. The bump never reaches below the tube's own
    lowest point, so a knee resting on the mat stays on it.
    """
    hip, knee, ankle = (np.asarray(p, dtype=float) for p in (hip, knee, ankle))
    outline = tube_outline(segment_points(hip, knee), list(radii), cap_points=25)
    peak = kneecap_point(hip, knee, ankle, radii[1])
    offsets = outline - knee
    distance = np.hypot(*(outline - peak).T)
    outward = offsets / np.maximum(np.hypot(*offsets.T), 1e-12)[:, None]
    width = KNEECAP_WIDTH * radii[1]
    rise = KNEECAP_RISE * radii[1] * np.exp(-((distance / width) ** 2))
    bumped = outline + outward * rise[:, None]
    bumped[:, 1] = np.maximum(bumped[:, 1], outline[:, 1].min())
    return bumped


def _shapes(skeleton: Skeleton, body: Body, head: HeadShapes | None = None) -> dict[str, np.ndarray]:
    """Every body polygon's outline for one skeleton (the head and neck shaped once: `head`, if given)."""
    head = head or head_and_neck(skeleton, body)
    j = {name: np.array(point) for name, point in skeleton.joints.items()}
    r = _radii(body)
    flat_hand = skeleton.variant == "bodyweight"
    shapes = {
        "support_thigh": thigh_with_kneecap(
            j["hip"], j["support_knee"], j["support_ankle"], (r["thigh"], r["shank"])
        ),
        "support_shank": tube_outline(
            segment_points(j["support_knee"], j["support_ankle"]), [r["shank"], r["shank"] * 0.62]
        ),
        "support_foot": foot_outline(j["support_heel"], j["support_toe"], j["support_ankle"], body),
        "pelvis": pelvis_outline(skeleton, body),
        "trunk": torso_outline(skeleton, body),  # pelvis included: one smooth outline, no notch
        "neck_join": head.neck,
        "head": head.head,
        "upper_arm": tube_outline(
            segment_points(j["shoulder_joint"], j["elbow"]), [r["arm"] * 1.15, r["arm"]]
        ),
        "forearm": tube_outline(segment_points(j["elbow"], j["wrist"]), [r["arm"] * 0.95, r["arm"] * 0.7]),
        "hand": hand_outline(j["wrist"], j["knuckles"], flat_hand, r["arm"] * 0.62),
        "foot": foot_outline(j["heel"], j["toe"], j["ankle"], body),
        "shank": tube_outline(segment_points(j["knee"], j["ankle"]), [r["shank"], r["shank"] * 0.62]),
        "thigh": thigh_with_kneecap(j["hip"], j["knee"], j["ankle"], (r["thigh"], r["shank"] * 1.02)),
    }
    return shapes


BODY_LAYERS: tuple[tuple[str, str, float], ...] = (
    # (shape, colour key, z-order): far limbs first, the working leg nearest the viewer.
    ("support_foot", "body_far", 2.0),
    ("support_shank", "body_far", 2.1),
    ("support_thigh", "body_far", 2.2),
    ("head", "body", 2.95),
    ("pelvis", "body", 2.99),  # inside the torso's outline, under it: the torso is one smooth shape
    ("trunk", "body", 3.0),
    ("neck_join", "body", 3.01),  # no outline: covers the top of the thorax where the neck leaves it
    ("upper_arm", "body_far", 3.2),
    ("forearm", "body_far", 3.3),
    ("hand", "body_far", 3.4),
    ("foot", "working_leg", 4.0),
    ("shank", "working_leg", 4.1),
    ("thigh", "working_leg", 4.2),
)


def body_paths(artists: PoseArtists) -> list[Path]:
    """The drawn body parts as closed paths in data coordinates (for keeping labels off them)."""
    return [Path(patch.get_xy(), closed=True) for patch in artists.polygons.values()]


def view_limits(body: Body, variant: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """Fixed axis limits for a variant, wide enough for the leg anywhere in its arc and the equipment."""
    check_variant(variant)
    height = body.height
    if variant == "bodyweight":
        return (-0.66 * height, 0.56 * height), (-0.04 * height, 0.74 * height)
    if variant == "machine":
        return (-0.62 * height, 0.50 * height), (-0.04 * height, 1.12 * height)
    return (-0.62 * height, 0.66 * height), (-0.04 * height, 1.26 * height)


def draw_pose(
    ax: Axes,
    pose: Pose,
    body: Body,
    variant: str,
    *,
    angles: bool = True,
    caption: bool = True,
    static: bool = True,
    obstacles: list[Path] | None = None,
) -> PoseArtists:
    """Draw `pose` in the variant's set-up on `ax` and return the artists for `update_pose`.

    Shows the floor, the equipment, the body (the working leg in blue, nearest the viewer),
    and, with `angles`, the hip's arc and labels for the hip and the lower back in free space.
    `static=False` leaves out the floor and fixed equipment (for a ghost drawn over a body);
    `obstacles` (closed paths in data coordinates) are more places the labels keep off.
    """
    check_variant(variant)
    artists = PoseArtists(ax=ax, body=body, variant=variant, obstacles=list(obstacles or []))
    xlim, ylim = view_limits(body, variant)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()
    skeleton = build_skeleton(pose, body, variant)
    if static:
        draw_floor(ax, xlim, variant)
        artists.obstacles.extend(draw_static_equipment(ax, skeleton, body))
    for name, colour, z in BODY_LAYERS:
        patch = Polygon(
            np.zeros((3, 2)),
            closed=True,
            facecolor=COLORS[colour],
            edgecolor="none" if name == "neck_join" else COLORS["outline"],
            linewidth=0.8,
            zorder=z,
            joinstyle="round",
        )
        ax.add_patch(patch)
        artists.polygons[name] = patch
    eye = Circle((0, 0), 0.009, facecolor=COLORS["outline"], edgecolor="none", zorder=3.0)
    ax.add_patch(eye)
    artists.circles["eye"] = eye
    (ear,) = ax.plot([], [], color=COLORS["outline"], linewidth=0.7, zorder=2.96)
    artists.lines["ear"] = ear
    (back_line,) = ax.plot(
        [], [], color=COLORS["outline"], linewidth=1.3, zorder=3.06, solid_capstyle="round"
    )
    artists.lines["spine"] = back_line
    if static:
        draw_moving_equipment(artists, skeleton)
    if angles:
        _draw_angle_marks(artists)
    if caption:
        artists.texts["sum"] = ax.text(
            0.5,
            -FRAME_PAD,
            "",
            transform=ax.transAxes + ScaledTranslation(0, -CAPTION_GAP_PT / 72, ax.figure.dpi_scale_trans),
            ha="center",
            va="top",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            zorder=6,
        )
    update_pose(artists, pose)
    return artists


def _draw_angle_marks(artists: PoseArtists) -> None:
    """The hip's arc against the dotted line of the pelvis, and labels with leader lines."""
    ax = artists.ax
    (line,) = ax.plot(
        [], [], color=COLORS["reference"], linestyle=LINESTYLES["reference"], linewidth=1.2, zorder=5
    )
    artists.lines["trunk_line"] = line
    (arc,) = ax.plot([], [], color=COLORS["outline"], linewidth=1.4, zorder=5.1)
    artists.lines["hip_arc"] = arc
    for name in ("hip", "back"):
        artists.texts[name] = add_label(ax)


def update_pose(artists: PoseArtists, pose: Pose) -> None:
    """Move the drawn body to `pose`: same artists, new positions and labels (no new figure)."""
    skeleton = build_skeleton(pose, artists.body, artists.variant)
    head = head_and_neck(skeleton, artists.body)
    for name, outline in _shapes(skeleton, artists.body, head).items():
        artists.polygons[name].set_xy(outline)
    artists.circles["eye"].set_center(tuple(head.eye))
    artists.lines["ear"].set_data(head.ear[:, 0], head.ear[:, 1])
    _, back = trunk_outline(skeleton, artists.body)
    artists.lines["spine"].set_data(back[:, 0], back[:, 1])
    update_moving_equipment(artists, skeleton)
    artists.pose = pose
    artists.skeleton = skeleton
    if "hip_arc" in artists.lines:
        _update_angle_marks(artists, pose, skeleton)
    if "sum" in artists.texts:
        artists.texts["sum"].set_text(describe_angles(pose, drawn_leg_height(pose, skeleton))["sum"])


def _update_angle_marks(artists: PoseArtists, pose: Pose, skeleton: Skeleton) -> None:
    """Place the hip arc, and the hip and lower-back labels in free space beside the body."""
    j = skeleton.joints
    height = artists.body.height
    labels = describe_angles(pose)
    hip = np.array(j["hip"])
    drawn = drawn_leg_height(pose, skeleton)
    reference = down_angle_to_math(drawn.trunk + drawn.lumbar)  # the trunk line as drawn
    thigh = down_angle_to_math(drawn.apparent)
    line_end = hip + 0.2 * height * np.array(
        [math.cos(math.radians(reference)), math.sin(math.radians(reference))]
    )
    artists.lines["trunk_line"].set_data([hip[0], line_end[0]], [hip[1], line_end[1]])
    radius = 0.075 * height
    arc = arc_points(tuple(hip), radius, reference, thigh)
    artists.lines["hip_arc"].set_data(arc[:, 0], arc[:, 1])
    obstacles = body_paths(artists) + artists.obstacles
    taken = list(artists.reserved)
    # the lower back first: it has the less room (its side of the body), the hip label more
    dorsal = np.array(_back_direction(skeleton))
    lines = torso_lines(skeleton, artists.body)  # the leader ends on the back's outline at L3
    place_label(
        artists.texts["back"],
        labels["back"],
        tuple(lines.back[lines.at_spine[1 + SPINE_STEPS // 2]]),
        obstacles=obstacles,
        taken=taken,
        distances=tuple(share * height for share in (0.12, 0.18, 0.22, 0.26, 0.30, 0.34, 0.40)),
        prefer=_toward(dorsal),
    )
    middle = arc[len(arc) // 2]
    place_label(
        artists.texts["hip"],
        labels["hip"],
        tuple(middle),
        obstacles=obstacles,
        taken=taken,
        distances=(0.14 * height, 0.20 * height, 0.27 * height, 0.35 * height),
        prefer=(250, 290, 225, 315, 200, 340, 180, 160, 135, 110, 20, 45, 70, 90, 270),
    )


def _back_direction(skeleton: Skeleton) -> tuple[float, float]:
    """Unit vector from the spine at L3 toward the back."""
    spine = skeleton.spine
    t12, sacrum = np.array(skeleton.joints["t12"]), np.array(skeleton.joints["sacrum"])
    along = (t12 - sacrum) / max(float(np.hypot(*(t12 - sacrum))), 1e-12)
    del spine
    return (-along[1], along[0])


def _toward(direction: np.ndarray) -> tuple[float, ...]:
    """Directions (degrees) to try, starting with `direction` and fanning out either side."""
    base = math.degrees(math.atan2(direction[1], direction[0]))
    return tuple(base + offset for offset in (0, 25, -25, 50, -50, 75, -75, 100, -100, 125, -125, 150, -150))


__all__ = [
    "arc_points",
    "body_paths",
    "describe_angles",
    "describe_back",
    "describe_hip",
    "draw_pose",
    "tube_outline",
    "up_angle_to_math",
    "update_pose",
    "view_limits",
]
