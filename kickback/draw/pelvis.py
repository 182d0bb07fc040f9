"""The body seen from behind: pelvis, lower trunk and legs, showing a pelvic hike and a pelvic turn.

A side view cannot show either fault: the hike (the pelvis tilted in the frontal plane, working
side up) and the turn (the pelvis opening toward the working side) both happen across the
camera's line of sight. From behind, the hike tilts the line across the iliac crests away from
the level; the turn brings the working side's hip toward the viewer and narrows the pelvis.
The working side is on the right of the picture. Sizes from data/body_geometry.csv.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text

from ..model.anthropometrics import Body, default_body
from ..model.leg_height import split_leg_height
from ..model.pose import Pose
from ..model.skeleton import build_skeleton
from .anatomy import smooth_closed
from .shapes import tube_outline
from .style import COLORS, FONT_SIZES, LINESTYLES

# --- geometry of the rear view (metres; x to the working side, y up from the hip joints) ------


def _rotate(points: np.ndarray, angle_deg: float, about: np.ndarray) -> np.ndarray:
    a = math.radians(angle_deg)
    rotation = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    return (np.asarray(points) - about) @ rotation.T + about


def rear_view_shapes(pose: Pose, body: Body, variant: str = "cable") -> dict[str, np.ndarray]:
    """Outlines of the rear view for `pose`: trunk, pelvis, both legs, the crest line and the floor.

    Heights come from the side view's joints (a true projection from behind, the hip joints at
    y = 0); the pelvis tilts by `pelvic_hike` and narrows with `pelvic_rotation`.
    """
    g = body.geometry
    joints = {name: np.array(p) for name, p in build_skeleton(pose, body, variant).joints.items()}
    hip_y = joints["hip"][1]
    turn = math.cos(math.radians(pose.pelvic_rotation))
    half_hips = g["hip_width"] / 2 * turn
    half_pelvis = g["pelvis_width"] / 2 * turn
    tilt = pose.pelvic_hike
    centre = np.array([0.0, 0.0])
    crest_height = g["pelvis_length"] * 1.1
    near = 1.0 + 0.6 * math.sin(
        math.radians(pose.pelvic_rotation)
    )  # the working side comes toward the viewer
    far = 2.0 - near
    hip_out = g["hip_width"] / 2 + g["thigh_width"] / 2
    pelvis_local = np.array(
        [
            (-half_pelvis * far, crest_height),
            (half_pelvis * near, crest_height),
            (hip_out * near * turn, 0.02),
            (hip_out * near * 0.9, -0.12 * near),
            (0.0, -0.10),
            (-hip_out * far * 0.9, -0.12 * far),
            (-hip_out * far * turn, 0.02),
        ]
    )
    pelvis = smooth_closed(_rotate(pelvis_local, tilt, centre), 2)
    crest = _rotate(
        np.array([(-half_pelvis * 1.5, crest_height), (half_pelvis * 1.5, crest_height)]), tilt, centre
    )
    hips = _rotate(np.array([(-half_hips, 0.0), (half_hips, 0.0)]), tilt, centre)
    top = max(joints["shoulder"][1] - hip_y, crest_height + 0.08)
    shoulders = g["shoulder_width"] / 2
    waist = _rotate(
        np.array([(-half_pelvis * 0.9, crest_height * 0.6), (half_pelvis * 0.9, crest_height * 0.6)]),
        tilt,
        centre,
    )
    middle = crest_height + 0.35 * (top - crest_height)
    trunk = smooth_closed(
        np.array(
            [
                waist[0],
                (-half_pelvis * 0.88, middle),
                (-shoulders * 1.05, top - 0.05),
                (-shoulders * 0.6, top + 0.02),
                (shoulders * 0.6, top + 0.02),
                (shoulders * 1.05, top - 0.05),
                (half_pelvis * 0.88, middle),
                waist[1],
            ]
        ),
        2,
    )
    radius = g["thigh_width"] / 2

    def leg(hip: np.ndarray, knee: str, ankle: str) -> np.ndarray:
        points = np.array([hip, (hip[0], joints[knee][1] - hip_y), (hip[0], joints[ankle][1] - hip_y)])
        return tube_outline(points, [radius, radius * 0.75, radius * 0.55])

    return {
        "trunk": trunk,
        "stance_leg": leg(hips[0], "support_knee", "support_ankle"),
        "working_leg": leg(hips[1], "knee", "ankle"),
        "pelvis": pelvis,
        "crest": crest,
        "spine": np.vstack(
            [_rotate(np.array([[0.0, crest_height * 0.3]]), tilt, centre), [(0.0, top - 0.02)]]
        ),
        "floor": np.array([(-0.5, -hip_y), (0.5, -hip_y)]),
    }


# --- drawing -----------------------------------------------------------------------------------


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


def rear_view_limits(body: Body, variant: str = "cable") -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits of the rear view (m, hip joints at y = 0): from the floor to above the shoulders."""
    from ..model.pose import start_pose

    hip_y = build_skeleton(start_pose(variant), body, variant).joints["hip"][1]
    half = 0.27 * body.height
    return (-half, half), (-hip_y - 0.03 * body.height, 0.36 * body.height)


def draw_rear_view(
    ax: Axes,
    pose: Pose,
    body: Body | None = None,
    *,
    words: bool = True,
    variant: str = "cable",
    sides: bool = True,
) -> PelvisArtists:
    """The body from behind, with the level line and the line across the iliac crests.

    `sides` names the stance and working sides under the view; `words` says the hike and turn.
    """
    body = body or default_body()
    (x0, x1), (y0, y1) = rear_view_limits(body, variant)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    parts = {}
    for name, colour, z in (
        ("stance_leg", "body_far", 1.0),
        ("working_leg", "working_leg", 1.1),
        ("trunk", "body", 1.2),
        ("pelvis", "body", 1.3),
    ):
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
    level_y = body.geometry["pelvis_length"] * 1.1
    ax.plot(
        [x0 * 0.62, x1 * 0.62],
        [level_y, level_y],
        color=COLORS["reference"],
        linestyle=LINESTYLES["reference"],
        linewidth=1.1,
        zorder=1.4,
    )
    (crest,) = ax.plot([], [], color=COLORS["outline"], linewidth=1.8, zorder=1.5)
    (spine,) = ax.plot([], [], color=COLORS["outline"], linewidth=1.0, linestyle=(0, (1, 2)), zorder=1.45)
    (turn,) = ax.plot([], [], color=COLORS["mistake"], linewidth=1.6, zorder=1.6)
    (head,) = ax.plot(
        [], [], color=COLORS["mistake"], linewidth=0, marker=(3, 0, 0), markersize=8, zorder=1.6
    )
    ax.text(
        0.99,
        -0.04,
        "working\nside",
        transform=ax.transAxes,
        ha="right",
        va="top",
        visible=sides,
        fontsize=FONT_SIZES["small"],
        color=COLORS["working_leg"],
    )
    ax.text(
        0.01,
        -0.04,
        "stance\nside",
        transform=ax.transAxes,
        ha="left",
        va="top",
        visible=sides,
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
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
    (floor,) = ax.plot([], [], color=COLORS["floor"], linewidth=1.5, zorder=0.6)
    artists = PelvisArtists(
        ax=ax,
        outline=parts["pelvis"],
        facing=crest,
        label=label,
        body=body,
        variant=variant,
        parts=parts,
        lines={"crest": crest, "spine": spine, "turn": turn, "turn_head": head, "floor": floor},
    )
    update_rear_view(artists, pose)
    return artists


def update_rear_view(artists: PelvisArtists, pose: Pose) -> None:
    """Move the rear view to `pose` (hike and turn) and say both in words."""
    shapes = rear_view_shapes(pose, artists.body, artists.variant)
    for name, patch in artists.parts.items():
        patch.set_xy(shapes[name])
    # a thigh swung back comes toward the viewer, in front of the pelvis; hanging, it is below it
    artists.parts["working_leg"].set_zorder(1.35 if split_leg_height(pose).apparent > 30 else 1.1)
    crest = shapes["crest"]
    artists.lines["crest"].set_data(crest[:, 0], crest[:, 1])
    artists.lines["spine"].set_data(shapes["spine"][:, 0], shapes["spine"][:, 1])
    artists.lines["floor"].set_data(shapes["floor"][:, 0], shapes["floor"][:, 1])
    _update_turn_arrow(artists, pose)
    artists.label.set_text(rear_view_words(pose))


def _update_turn_arrow(artists: PelvisArtists, pose: Pose) -> None:
    """A curved arrow round the pelvis (an ellipse seen from behind) the way it turns; none when square."""
    if abs(pose.pelvic_rotation) < 0.5:
        artists.lines["turn"].set_data([], [])
        artists.lines["turn_head"].set_data([], [])
        return
    g = artists.body.geometry
    sweep = np.radians(np.linspace(200, 340, 24))
    if pose.pelvic_rotation < 0:
        sweep = sweep[::-1]
    width, depth = g["pelvis_width"] * 0.75, 0.05
    y = -0.20
    xs, ys = width * np.cos(sweep), y + depth * np.sin(sweep)
    artists.lines["turn"].set_data(xs[:-1], ys[:-1])
    angle = math.degrees(math.atan2(ys[-1] - ys[-3], xs[-1] - xs[-3])) - 90
    artists.lines["turn_head"].set_data([xs[-1]], [ys[-1]])
    artists.lines["turn_head"].set_marker((3, 0, angle))


def rear_view_words(pose: Pose) -> str:
    """What the rear view shows, in two short lines."""
    hike = (
        "level"
        if abs(pose.pelvic_hike) < 0.5
        else (
            f"hiked {abs(pose.pelvic_hike):.0f}° ({'working' if pose.pelvic_hike > 0 else 'stance'} side up)"
        )
    )
    turn = (
        "square"
        if abs(pose.pelvic_rotation) < 0.5
        else (f"turned {abs(pose.pelvic_rotation):.0f}° {'open' if pose.pelvic_rotation > 0 else 'closed'}")
    )
    return f"pelvis {hike}\n{turn}"


def draw_pelvis_from_above(ax: Axes, rotation_deg: float) -> PelvisArtists:
    """Kept for callers of the old top view: now the rear view, with the pelvis turned `rotation_deg`."""
    return draw_rear_view(ax, Pose(pelvic_rotation=rotation_deg))


def update_pelvis_from_above(artists: PelvisArtists, rotation_deg: float) -> None:
    """Kept for callers of the old top view: turn the rear view's pelvis to `rotation_deg`."""
    update_rear_view(artists, Pose(pelvic_rotation=rotation_deg))
