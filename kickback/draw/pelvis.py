"""The body seen from behind: trunk, pelvis, legs, arms and head, showing a pelvic turn and a hip hike.

A side view cannot show either fault: the turn (the pelvis opening toward the working side) and
the hike (the pelvis tilted working side up) both happen across the camera's line of sight. From
behind they show: the line across the back of the pelvis (the two dimples over the sacrum) leaves
the level, the trunk follows, and the working leg drifts out to the side. A dashed ghost of the
square, level pose stays behind a turned one. The working side is on the right of the picture;
the geometry is in rear_geometry.py, sizes from data/body_geometry.csv.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Polygon
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ..model.anthropometrics import Body, default_body
from ..model.pose import Pose
from ..model.skeleton import Skeleton
from .equipment import MAT
from .labels import Label, add_label
from .rear_geometry import RearShapes, bar_ends, rear_view_shapes
from .rear_words import STILL, callout_words, is_square, rear_view_words
from .rear_words import rear_view_description as rear_view_description  # its callers import it from here
from .side_labels import side_spot
from .style import COLORS, FONT_SIZES, LINESTYLES

# Each part: its colour and its drawing order (what is nearer the viewer is drawn later).
PART_STYLES: dict[str, tuple[str, float]] = {
    "stance_forearm": ("body_far", 0.98),
    "working_forearm": ("body_far", 0.98),
    "stance_arm": ("body_far", 1.00),
    "working_arm": ("body_far", 1.00),
    "head": ("body", 1.02),
    "trunk": ("body", 1.05),
    "stance_leg": ("body_far", 1.10),
    "working_leg": ("working_leg", 1.12),
    "working_shank": ("working_leg", 1.13),
    "working_foot": ("working_leg", 1.14),
    "pelvis": ("body", 1.20),
}
WORKING_LEG_IN_FRONT_Z = 1.30
UPPER_ARM_BESIDE_TRUNK_Z = 1.07  # standing, the upper arm hangs beside the trunk, its back as near the
# viewer as the trunk's: drawn over the trunk's edge (the armpit's crease shows); on all fours the
# trunk lies between the viewer and the arms and hides them where they meet
# The ghost shows only what the fault moves: the pelvis and the working leg (the trunk follows a little,
# and a dashed copy over it hid more than it showed).
LEG_PARTS = ("working_leg", "working_shank", "working_foot")
GHOST_PARTS = ("pelvis", *LEG_PARTS)
THROUGH_LEG_Z = 1.335  # over the working leg in front (WORKING_LEG_IN_FRONT_Z and up), under the bar
BAR_Z = 5.95  # the pelvis bar and its end dots over everything drawn on the body (the leg in front, the
# ghost, the arrow) and over the ends of the callouts' leaders (5.9), so both hip bones always show
THROUGH_LEG_STYLE = {"color": "white", "linestyle": (0, (1, 1.5)), "linewidth": 1.2}
PLATFORM = "#BDBDBD"  # the machine's platform, as in the side view
CONTACT = "#7A8C99"  # a shadow where a hand, knee or foot rests on the floor
GHOST_STYLE = {"color": COLORS["reference"], "linestyle": (0, (3, 2)), "linewidth": 1.1}
CALLOUT_ROOM = 0.16  # room above the body for callouts (fraction of body height)
CALLOUT_SIDE_ROOM = 0.08  # and beside a standing body, whose shoulders and head fill the sides above
# the bar (on all fours the view is wide enough: the labels sit above the arms)
LEVEL_PAST_BAR = 0.3  # the dotted level line reaches this share of the bar's half-length past each end:
# enough to read a tilt against, short enough not to read as a stick through the body
BAR_FULL_SIZE_IN = 1.5  # inches: a rear view this wide or wider draws the pelvis bar at full size
HIKE_ARROW_OUT = 0.155  # share of body height from the middle: where a hike's arrow on all fours starts,
# beside the working side's arm, level with the working hip
HIKE_ARROW = 0.09  # share of body height: the arrow of a hike on all fours (a direction, not a distance)


@dataclass
class PelvisArtists:
    """The rear view's artists, kept so a new pose moves them in place."""

    ax: Axes
    outline: Polygon
    facing: Line2D
    label: Text
    body: Body
    variant: str = "cable"
    parts: dict[str, Polygon] = field(default_factory=dict)
    lines: dict[str, Line2D] = field(default_factory=dict)
    callouts: list[Label] = field(default_factory=list)


def rear_view_limits(
    body: Body, variant: str = "cable", *, headroom: float = 0.0, sideroom: float = 0.0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits of the rear view (m, hip joints at y = 0): everything the variant's presets show,
    and `headroom` (m) more above and `sideroom` (m) more each side for callouts."""
    from ..model.pose import PRESET_NAMES, preset_pose

    heights = [
        outline[:, 1]
        for name in PRESET_NAMES
        for shapes in [rear_view_shapes(preset_pose(variant, name), body, variant)]
        for outline in (*shapes.parts.values(), shapes.lines["floor"])
    ]
    low, high = float(min(map(np.min, heights))), float(max(map(np.max, heights)))
    half, margin = 0.27 * body.height, 0.03 * body.height
    return (-half - sideroom, half + sideroom), (low - margin, high + margin + headroom)


def draw_rear_view(
    ax: Axes,
    pose: Pose,
    body: Body | None = None,
    *,
    words: bool = True,
    variant: str = "cable",
    sides: bool = True,
    callouts: bool = False,
) -> PelvisArtists:
    """The body from behind, the line across the back of the pelvis, and a ghost of the square pose.

    `sides` names the stance and working sides under the view; `words` says the hike and turn under
    it; `callouts` names what moved (the hip, the leg) with labels and leader lines in free space.
    """
    body = body or default_body()
    side = CALLOUT_SIDE_ROOM * body.height * (callouts and variant != "bodyweight")
    (x0, x1), (y0, y1) = rear_view_limits(
        body, variant, headroom=CALLOUT_ROOM * body.height * callouts, sideroom=side
    )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    parts = {}
    for name, (colour, z) in PART_STYLES.items():
        patch = Polygon(
            np.zeros((3, 2)),
            closed=True,
            facecolor=COLORS[colour],
            edgecolor=COLORS["outline"],
            linewidth=0.8,
            zorder=z,
        )
        ax.add_patch(patch)
        parts[name] = patch
    if variant != "bodyweight":
        for name in ("stance_arm", "working_arm"):
            parts[name].set_zorder(UPPER_ARM_BESIDE_TRUNK_Z)
    lines = {
        "level": ax.plot(  # a white edge: it crosses the grey pelvis it is read against
            [],
            [],
            color=COLORS["reference"],
            linestyle=LINESTYLES["reference"],
            linewidth=1.2,
            zorder=1.34,
            path_effects=[patheffects.withStroke(linewidth=2.6, foreground="white")],
        )[0],
        "dimples": ax.plot(  # the pelvis bar: hip bone to hip bone, a dot on each
            [],
            [],
            color=COLORS["outline"],
            linewidth=2.2 * _bar_scale(ax),
            marker="o",
            markersize=4.5 * _bar_scale(ax),
            markerfacecolor="white",
            markeredgewidth=1.4 * _bar_scale(ax),
            solid_capstyle="butt",
            zorder=BAR_Z,
        )[0],
        "spine": ax.plot([], [], color=COLORS["outline"], linewidth=1.0, linestyle=(0, (1, 2)), zorder=1.06)[
            0
        ],
        "ghost": ax.plot([], [], zorder=1.8, **GHOST_STYLE)[0],
        **_pelvis_through_leg(ax, parts),
        "turn": ax.plot([], [], color=COLORS["mistake"], linewidth=1.6, zorder=1.85)[0],
        "turn_head": ax.plot(
            [], [], color=COLORS["mistake"], linewidth=0, marker=(3, 0, 0), markersize=8, zorder=1.85
        )[0],
    }
    for text, x, ha, colour in (
        ("stance\nside", 0.01, "left", "outline"),
        ("working\nside", 0.99, "right", "working_leg"),
    ):
        ax.text(
            x,
            -0.04,
            text,
            transform=ax.transAxes,
            ha=ha,
            va="top",
            visible=sides,
            fontsize=FONT_SIZES["small"],
            color=COLORS[colour],
        )
    label = ax.text(
        0.5,
        0.01,
        "",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        visible=words,
    )
    artists = PelvisArtists(
        ax=ax,
        outline=parts["pelvis"],
        facing=lines["dimples"],
        label=label,
        body=body,
        variant=variant,
        parts=parts,
        lines=lines,
    )
    update_rear_view(artists, pose)
    _draw_floor(ax, pose, body, variant)
    if callouts:
        _place_callouts(artists, pose)
    return artists


def _pelvis_through_leg(ax: Axes, parts: dict[str, Polygon]) -> dict[str, Line2D]:
    """The pelvis's edge seen through the working leg (one line per leg part, clipped to it): on all
    fours the lifted leg is nearer the viewer than the pelvis and covers its working side, and without
    this edge the pelvis's tilt there could not be read. A white dotted line: an edge behind, not a part."""
    lines = {}
    for name in LEG_PARTS:
        (line,) = ax.plot([], [], zorder=THROUGH_LEG_Z, **THROUGH_LEG_STYLE)
        line.set_clip_path(parts[name])
        lines[f"pelvis_through_{name}"] = line
    return lines


def _bar_scale(ax: Axes) -> float:
    """The pelvis bar's line and end dots (sized in points) against the view's width: full size from
    BAR_FULL_SIZE_IN inches up, smaller in a thumbnail (a printable's, 1 inch), so the hip bones' dots
    stay dots on the pelvis and do not become buttons bigger than it."""
    width = ax.get_position().width * ax.figure.get_figwidth()
    return float(np.clip(width / BAR_FULL_SIZE_IN, 0.75, 1.0))


def _draw_floor(ax: Axes, pose: Pose, body: Body, variant: str) -> None:
    """The floor, drawn once (it does not move with the pose): on all fours the mat, a floor seen from
    behind and above; standing the ground line and, on the machine, the platform under the stance foot.
    A small shadow marks each place the body rests on it."""
    shapes = rear_view_shapes(pose, body, variant)
    floor = shapes.lines["floor"]
    if len(floor) > 2:
        ax.add_patch(Polygon(floor, closed=True, facecolor=MAT, edgecolor="none", zorder=0.55))
    ax.plot(floor[:, 0], floor[:, 1], color=COLORS["floor"], linewidth=1.2, zorder=0.6)
    if "platform" in shapes.lines:
        ax.add_patch(
            Polygon(
                shapes.lines["platform"],
                closed=True,
                facecolor=PLATFORM,
                edgecolor=COLORS["equipment"],
                linewidth=1.0,
                zorder=0.65,
            )
        )
    half = 0.035 * body.height
    for x, y in shapes.lines["contacts"]:
        shadow = Ellipse((x, y), 2 * half, 0.6 * half, facecolor=CONTACT, edgecolor="none", alpha=0.5)
        shadow.set_zorder(0.7)
        ax.add_patch(shadow)


def _set_line(line: Line2D, points: np.ndarray) -> None:
    line.set_data(points[:, 0], points[:, 1])


def _with_gaps(outlines: list[np.ndarray]) -> np.ndarray:
    """Several closed outlines as one line, a gap (NaN) between them."""
    gap = np.array([[np.nan, np.nan]])
    return np.vstack([piece for outline in outlines for piece in (outline, outline[:1], gap)])


def _square(pose: Pose) -> Pose:
    return pose.replace(pelvic_rotation=0.0, pelvic_hike=0.0)


def update_rear_view(artists: PelvisArtists, pose: Pose, skeleton: Skeleton | None = None) -> None:
    """Move the rear view to `pose` (turn and hike), with the square pose's ghost and level line.

    `skeleton`, the side view's joints for `pose` if already built, saves building them again.
    """
    shapes = rear_view_shapes(pose, artists.body, artists.variant, skeleton)
    square = shapes if is_square(pose) else rear_view_shapes(_square(pose), artists.body, artists.variant)
    for name, patch in artists.parts.items():
        patch.set_xy(shapes.parts[name])
    base = WORKING_LEG_IN_FRONT_Z if shapes.working_leg_in_front else PART_STYLES["working_leg"][1]
    for rank, name in enumerate(shapes.leg_order):  # far to near: the nearer segment drawn over
        artists.parts[name].set_zorder(base + 0.01 * rank)
    lines = artists.lines
    through = shapes.parts["pelvis"] if shapes.working_leg_in_front else np.zeros((0, 2))
    for name in LEG_PARTS:
        _set_line(lines[f"pelvis_through_{name}"], np.vstack([through, through[:1]]))
    _set_line(lines["spine"], shapes.lines["spine"])
    _set_line(lines["dimples"], bar_ends(shapes))
    level = bar_ends(square)
    middle, half = level.mean(axis=0), (level[1] - level[0]) / 2 * (1 + LEVEL_PAST_BAR)
    _set_line(lines["level"], np.array([middle - half, middle + half]))
    ghost = [] if is_square(pose) else [square.parts[name] for name in GHOST_PARTS]
    _set_line(lines["ghost"], _with_gaps(ghost) if ghost else np.zeros((0, 2)))
    _update_turn_arrow(artists, pose, shapes)
    artists.label.set_text(rear_view_words(pose, artists.variant))


def marks_drawn(artists: PelvisArtists) -> set[str]:
    """The names (rear_words.MARK_KEYS) of the marks this view draws: the bar, the level line, the
    square pose's ghost and the pelvis's edge through the leg, each only where it has points."""
    lines = artists.lines
    drawn = {name for name in ("dimples", "level", "ghost") if len(lines[name].get_xydata())}
    if any(len(lines[f"pelvis_through_{name}"].get_xydata()) for name in LEG_PARTS):
        drawn.add("through")
    return drawn


def hikes_away(pose: Pose, shapes: RearShapes) -> bool:
    """Whether the view shows a hike (and no turn) whose axis is near vertical: on all fours the working
    hip goes away from the viewer, toward the ribs, and the picture needs an arrow into its depth."""
    return not shapes.axis_vertical and abs(pose.pelvic_hike) >= STILL and abs(pose.pelvic_rotation) < STILL


def _update_turn_arrow(artists: PelvisArtists, pose: Pose, shapes: RearShapes) -> None:
    """An arrow the way the pelvis moved: round it (a twist, standing), up its working side (a roll, a
    hike standing) or, a hike on all fours, into the picture along the mat's receding edge (toward
    the head); none when square."""
    turn, head = artists.lines["turn"], artists.lines["turn_head"]
    if is_square(pose):
        turn.set_data([], [])
        head.set_data([], [])
        return
    g = artists.body.geometry
    twisting = shapes.axis_vertical and abs(pose.pelvic_rotation) >= STILL
    if twisting:  # a turn about the vertical: an ellipse under the pelvis, seen from behind
        sweep = np.radians(np.linspace(200, 340, 24))
        sign = pose.pelvic_rotation
        xs, ys = g["pelvis_width"] * 0.75 * np.cos(sweep), -0.20 + 0.05 * np.sin(sweep)
    elif hikes_away(pose, shapes):  # toward the ribs: along the mat's working-side edge, into the depth
        sign = pose.pelvic_hike
        floor = shapes.lines["floor"]
        direction = (floor[2] - floor[1]) / np.hypot(*(floor[2] - floor[1]))
        start = np.array([HIKE_ARROW_OUT * artists.body.height + 0.02, shapes.lines["working_hip"][0, 1]])
        steps = np.linspace(0.0, HIKE_ARROW * artists.body.height, 24)
        xs, ys = start[0] + steps * direction[0], start[1] + steps * direction[1]
    else:  # a roll or a hike: an arc beside the working hip, up (or down) the way that side went
        sign = pose.pelvic_rotation if abs(pose.pelvic_rotation) >= STILL else pose.pelvic_hike
        radius = g["hip_width"] / 2 + g["thigh_width"] * 1.3
        sweep = np.radians(np.linspace(-35, 35, 24))
        xs, ys = radius * np.cos(sweep), radius * np.sin(sweep)
    if sign < 0:
        xs, ys = xs[::-1], ys[::-1]
    turn.set_data(xs[:-1], ys[:-1])
    angle = math.degrees(math.atan2(ys[-1] - ys[-3], xs[-1] - xs[-3])) - 90
    head.set_data([xs[-1]], [ys[-1]])
    head.set_marker((3, 0, angle))


def _place_callouts(artists: PelvisArtists, pose: Pose) -> None:
    """Labels at the panel's sides, off the body and off each other, inside the view. A label about
    the bar points at its end on the hip bone, its leader crossing at most the pelvis and the trunk it
    lies under (never a limb, where a spot allows); the leg's label points at the ankle."""
    shapes = rear_view_shapes(pose, artists.body, artists.variant)
    paths = {name: Path(outline, closed=True) for name, outline in shapes.parts.items()}
    obstacles = list(paths.values())
    ends = bar_ends(shapes)
    taken: list[Bbox] = []
    for text, landmark in callout_words(pose, artists.variant):
        if landmark.startswith("bar_"):
            anchor = ends[1] if landmark == "bar_working" else ends[0]
        else:
            anchor = shapes.lines[landmark][0]
        label = add_label(artists.ax, color=COLORS["outline"])
        artists.callouts.append(label)
        on_bar = landmark.startswith("bar_")
        either = not on_bar  # the leg's label may go to the other side
        crossable = None
        if on_bar:  # the pelvis and trunk it lies on, and a leg drawn over the hip bone
            crossable = [paths["pelvis"], paths["trunk"]]
            crossable += [paths[name] for name in LEG_PARTS if paths[name].contains_point(anchor)]
        top = on_bar and artists.variant == "bodyweight"  # on all fours low beside the hip is the mat
        box, leader = side_spot(artists.ax, label, text, anchor, obstacles, taken, either, crossable, top)
        label.set_text(text)
        label.set_position(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))
        label.leader.set_data(leader[:, 0], leader[:, 1])
        label.leader.set_path_effects([patheffects.withStroke(linewidth=2.4, foreground="white")])  # it
        # crosses the body to the hip bone: a white edge keeps it a line over the parts, not a seam in them
        taken.append(box)
