"""The selectorised kickback machine, drawn to scale around the posed body.

What a trainer looks for, and where each part's size comes from (`data/equipment.csv`, machine rows;
the drawing conventions there size the parts, the set-up rows place them):

- a base rail on the floor carrying the platform the stance foot stands on and a weight-stack tower
  in front (plates, guide rods, selector pin and rod, top pulley);
- a beam from the tower that carries the lever's pivot at the hip's height, in line with the hip
  joint (`pivot` in `kickback.model.skeleton`), ending in a round hub there, handles on it where the
  hands hold. It runs on the near side of the body: drawn over the trunk and pelvis, under the arms
  and the working leg, so it reads as one piece from the tower to the hub beside the hip;
- a cable from the stack over the pulleys to a cam on the pivot, wrapped round the cam's rim: the cam
  is what keeps the machine's own torque even (`MachineLoad(kind="cam")` in `kickback.model.loads`);
- the lever arm, a thin outlined steel bar (not a limb), from the pivot to a roller pad resting on
  the back of the working thigh at `pad_position` of its length from the hip: where the model's
  pad pushes (`measure_pad_force`);
- a chest pad placed against the posed body's chest (from the trunk's outline, so it touches in
  every pose): a black upholstered cushion with rounded corners (not a bulge of the chest: it is
  darker than every body grey and a thin white line parts it from the chest), on a metal backing
  plate carried by an adjustable post from the tower. The pad is wider than the chest, so from the
  side its near end lies over the chest and the near arm, hanging beside it, passes in front of it
  (drawn over it, `chest_pad.pad_tuck`): the hands reach past the pad to the handles, not pinned.

Static parts are drawn once; the chest pad, its arm, the cam, the lever and the roller follow the
pose. Every shape is computed by `machine_parts` (pure geometry, metres) so tests can measure it.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Polygon
from matplotlib.path import Path

from ..model.anthropometrics import Body
from ..model.skeleton import Skeleton, equipment
from .artists import PoseArtists
from .chest_pad import chest_pad, chest_plate
from .shapes import tube_outline
from .style import COLORS

METAL = "#D9D9D9"
# Black vinyl upholstery (chest pad and roller). No hue: every Okabe–Ito hue already carries a meaning in
# the course (draw/style.py's COLORS), and black reads as padding, far darker than the body's greys.
PADDING = "#262626"
PAD_GAP_LINE = 2.6  # points: the white line round the cushion that parts it from the chest
PLATES = "#A6A6A6"
UPRIGHT = 0.04  # m, width of a tower upright (drawing convention, as the cable tower's)
PULLEY = 0.035  # m, radius of a cable pulley (drawing convention)
CHEST_ARM_ANCHOR = 0.06  # m above the pivot beam: where the chest pad's arm meets the tower
HUB = 0.06  # m, radius of the round hub at the beam's end that carries the pivot (drawing convention)
BEAM_Z = 3.15  # the beam, its hub, the cable and its pulleys: over trunk and pelvis, under arms and leg
WRAP_TURN = 160.0  # degrees of the cam's rim the cable wraps, from its underside round the back

# Moving parts: outline name -> (facecolor, z-order). Above the static machine and, where they lie on
# the side nearest the viewer (cam, lever, roller), above the working leg.
MOVING_PARTS: dict[str, tuple[str, float]] = {
    "chest_arm": (METAL, 3.07),
    "chest_plate": (METAL, 3.08),
    "chest_pad": (PADDING, 3.1),
    "roller": (PADDING, 4.3),
    "cam": ("#BDBDBD", 4.4),
    "lever": (METAL, 4.45),
}


# --- geometry (metres; x forward from the stance ankle, y up from the floor) --------------------------


def _rectangle(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], dtype=float)


def tower_frame(skeleton: Skeleton, dims: dict[str, float]) -> dict[str, float]:
    """The tower's back and front x, its top, and the pivot beam's height (m)."""
    pivot_y = skeleton.joints["pivot"][1]
    back = dims["tower_distance"]
    return {
        "back": back,
        "front": back + dims["tower_depth"],
        "top": pivot_y + dims["tower_above_pivot"],
        "beam": pivot_y,
    }


def static_parts(skeleton: Skeleton, dims: dict[str, float]) -> dict[str, np.ndarray]:
    """Outlines (m) of the parts that do not move: base rail, platform and its tread, the tower's
    uprights and top bar, the pivot beam, and the stack's plates ("plate_0" at the bottom)."""
    j = skeleton.joints
    t = tower_frame(skeleton, dims)
    rail = dims["frame_rail_height"]
    platform_back, platform_front = j["platform_back"][0], j["platform_front"][0]
    platform_top = j["platform_front"][1]
    inner_back, inner_front = t["back"] + UPRIGHT, t["front"] - UPRIGHT
    plate = dims["plate_thickness"]
    gap = 0.012  # between the plates and each guide rod's upright
    stack_bottom = rail + 0.02
    parts = {
        "rail": _rectangle(-dims["frame_back"], 0.0, t["front"] + 0.03, rail),
        "platform": _rectangle(platform_back, rail, platform_front, platform_top),
        "tread": _rectangle(platform_back, platform_top - 0.012, platform_front, platform_top),
        "back_upright": _rectangle(t["back"], rail, inner_back, t["top"]),
        "front_upright": _rectangle(inner_front, rail, t["front"], t["top"]),
        "top_bar": _rectangle(t["back"] - 0.01, t["top"] - 0.04, t["front"] + 0.01, t["top"]),
        "beam": _rectangle(j["pivot"][0] - 0.05, t["beam"] - 0.025, inner_back, t["beam"] + 0.025),
    }
    for i in range(int(dims["stack_plates"])):
        y = stack_bottom + i * plate
        parts[f"plate_{i}"] = _rectangle(inner_back + gap, y, inner_front - gap, y + plate - 0.004)
    return parts


def stack_top(skeleton: Skeleton, dims: dict[str, float]) -> np.ndarray:
    """The middle of the top plate's upper face (m): where the selector rod and the cable start."""
    t = tower_frame(skeleton, dims)
    height = dims["frame_rail_height"] + 0.02 + dims["stack_plates"] * dims["plate_thickness"]
    return np.array([(t["back"] + t["front"]) / 2, height])


def cable_path(skeleton: Skeleton, dims: dict[str, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cable from the stack over the top pulley, round the beam's pulley, to the cam (m).

    Returns the cable's points and the two pulleys' centres. It leaves the stack straight up, runs
    over the tower's top pulley and down the tower's back to a pulley under the beam, then back along
    the beam to the cam's rim below the pivot.
    """
    t = tower_frame(skeleton, dims)
    start = stack_top(skeleton, dims) + np.array([0.0, 0.06])
    top = np.array([start[0] - PULLEY, t["top"] - 0.04 - PULLEY - 0.01])
    run_y = skeleton.joints["pivot"][1] - 0.8 * dims["cam_radius"]
    low = np.array([top[0] - 2 * PULLEY, run_y + PULLEY])  # its front edge under the top pulley's back
    over = top + PULLEY * np.array([[math.cos(a), math.sin(a)] for a in np.linspace(0, math.pi, 9)])
    under = low + PULLEY * np.array([[math.cos(a), math.sin(a)] for a in np.linspace(0, -math.pi / 2, 5)])
    cam = np.array([skeleton.joints["pivot"][0], run_y])
    points = np.vstack([[start[0], start[1] - 0.06], start, over, under, cam])
    return points, top, low


def chest_arm(
    skeleton: Skeleton, dims: dict[str, float], holder: np.ndarray, outward: np.ndarray
) -> np.ndarray:
    """The adjustable arm from the tower's back upright to the chest pad's holder (m).

    A short stem leaves the pad square to its face, then a straight bar runs to the tower: the pad
    tilts and slides on it to meet the chest, as a real chest pad is adjusted to the person.
    """
    t = tower_frame(skeleton, dims)
    anchor = np.array([t["back"] + UPRIGHT / 2, t["beam"] + CHEST_ARM_ANCHOR])
    stem = holder + outward * 0.035
    return tube_outline(np.array([holder - outward * 0.01, stem, anchor]), 0.013)


def cam_outline(skeleton: Skeleton, dims: dict[str, float], thigh_angle: float) -> np.ndarray:
    """A spiral cam on the pivot, turned with the lever (`thigh_angle` degrees behind hanging)."""
    largest = dims["cam_radius"]
    turn = np.linspace(0.0, 2 * math.pi, 48, endpoint=False)
    radius = largest * (0.55 + 0.45 * turn / (2 * math.pi))
    angle = turn - math.radians(thigh_angle) - math.pi / 2
    return np.array(skeleton.joints["pivot"]) + np.column_stack(
        [radius * np.cos(angle), radius * np.sin(angle)]
    )


def cable_wrap(skeleton: Skeleton, dims: dict[str, float], thigh_angle: float) -> np.ndarray:
    """The cable's last stretch (m): from its run under the beam onto the cam's rim and round it.

    The cable comes back along the beam at `cable_path`'s height, meets the cam's underside and lies
    on the rim (the spiral as turned by `thigh_angle`) for WRAP_TURN degrees round the back.
    """
    largest = dims["cam_radius"]
    pivot = np.array(skeleton.joints["pivot"], dtype=float)
    at = np.radians(np.linspace(-90.0, -90.0 - WRAP_TURN, 24))
    turn = np.mod(at + math.radians(thigh_angle) + math.pi / 2, 2 * math.pi)
    radius = largest * (0.55 + 0.45 * turn / (2 * math.pi)) * 0.97  # in the rim's groove
    rim = pivot + np.column_stack([radius * np.cos(at), radius * np.sin(at)])
    lead = pivot + np.array([0.9 * largest, -0.8 * largest])  # on the run, just ahead of the cam
    return np.vstack([lead, rim])


def _thigh_angle(skeleton: Skeleton) -> float:
    """The thigh's angle behind hanging (degrees): the lever's, and so the cam's, turn."""
    thigh = np.array(skeleton.joints["knee"]) - np.array(skeleton.joints["hip"])
    return math.degrees(math.atan2(-thigh[0], -thigh[1]))


def roller_outline(skeleton: Skeleton, dims: dict[str, float]) -> np.ndarray:
    """The roller pad seen end on: a circle round the model's pad point, resting on the thigh (m)."""
    turn = np.linspace(0.0, 2 * math.pi, 40, endpoint=False)
    return np.array(skeleton.joints["pad"]) + dims["roller_radius"] * np.column_stack(
        [np.cos(turn), np.sin(turn)]
    )


def moving_parts(
    skeleton: Skeleton, body: Body, dims: dict[str, float] | None = None
) -> dict[str, np.ndarray]:
    """Outlines (m) of the parts that follow the pose: chest pad, its plate and post, cam, lever, roller."""
    dims = dims or equipment("machine")
    j = {name: np.array(point) for name, point in skeleton.joints.items()}
    pad, holder, outward = chest_pad(skeleton, body, dims)
    thigh_angle = _thigh_angle(skeleton)
    return {
        "chest_arm": chest_arm(skeleton, dims, holder, outward),
        "chest_plate": chest_plate(skeleton, body, dims),
        "chest_pad": pad,
        "roller": roller_outline(skeleton, dims),
        "cam": cam_outline(skeleton, dims, thigh_angle),
        "lever": tube_outline(np.array([j["pivot"], j["pad"]]), dims["lever_width"] / 2),
    }


def machine_parts(skeleton: Skeleton, body: Body) -> dict[str, np.ndarray]:
    """Every outline of the drawn machine for one pose (m): the static parts and the moving ones."""
    dims = equipment("machine")
    return {**static_parts(skeleton, dims), **moving_parts(skeleton, body, dims)}


def describe_machine() -> str:
    """The drawn machine in words, for alt text: what each part is and where it touches the body."""
    dims = equipment("machine")
    return (
        "The machine stands on a base rail on the floor: a platform under the standing foot and, in front, "
        f"a weight-stack tower ({int(dims['stack_plates'])} plates on two guide rods, a selector pin). "
        "A cable runs from the stack over two pulleys and along a beam to the beam's round hub beside the "
        "hip, and wraps round a cam on the lever's pivot there, at the hip's height and in line with the "
        "hip joint. The lever arm, a thin grey outlined bar, turns on "
        f"the pivot; its round roller pad rests on the back of the thigh, {dims['pad_position']:.0%} of "
        "the way from the hip to the knee, where it pushes. A black cushioned chest pad, on a metal plate "
        "and a post from the tower, rests on the lower chest; the near arm passes in front of it, and "
        "the hands hold handles on the beam."
    )


# --- drawing ---------------------------------------------------------------------------------------


def _patch(ax: Axes, outline: np.ndarray, z: float, **style) -> Polygon:
    style = {"facecolor": METAL, "edgecolor": COLORS["equipment"], "linewidth": 1.0, **style}
    patch = Polygon(outline, closed=True, zorder=z, **style)
    ax.add_patch(patch)
    return patch


def draw_machine(ax: Axes, skeleton: Skeleton) -> list[Path]:
    """The machine's static parts; returns outlines the angle labels keep off."""
    dims = equipment("machine")
    parts = static_parts(skeleton, dims)
    grey = COLORS["equipment"]
    _patch(ax, parts["rail"], 1.0)
    _patch(ax, parts["platform"], 1.0, facecolor="#BDBDBD")
    _patch(ax, parts["tread"], 1.01, facecolor=grey, linewidth=0.6)
    for name in ("back_upright", "front_upright", "top_bar"):
        _patch(ax, parts[name], 1.0)
    plates = [name for name in parts if name.startswith("plate_")]
    for name in plates:
        _patch(ax, parts[name], 1.05, facecolor=PLATES, linewidth=0.6)
    _draw_stack_details(ax, skeleton, dims, parts, plates)
    grip = np.array(skeleton.joints["handle"])
    ax.plot(
        [grip[0], grip[0]],
        [grip[1] - 0.07, grip[1] + 0.07],
        color=grey,
        linewidth=5,
        zorder=3.35,
        solid_capstyle="round",
    )
    t = tower_frame(skeleton, dims)
    tower = _rectangle(t["back"], 0.0, t["front"], t["top"])
    return [Path(np.vstack([outline, outline[:1]]), closed=True) for outline in (tower, parts["platform"])]


def _draw_stack_details(
    ax: Axes, skeleton: Skeleton, dims: dict[str, float], parts: dict[str, np.ndarray], plates: list[str]
) -> None:
    """Guide rods through the plates, the selector rod and its pin."""
    grey = COLORS["equipment"]
    t = tower_frame(skeleton, dims)
    left, right = parts[plates[0]][0, 0], parts[plates[0]][1, 0]
    for x in (left + 0.015, right - 0.015):
        ax.plot([x, x], [dims["frame_rail_height"], t["top"] - 0.04], color=grey, linewidth=0.8, zorder=1.06)
    top = stack_top(skeleton, dims)
    ax.plot([top[0], top[0]], [top[1], top[1] + 0.06], color=grey, linewidth=2.0, zorder=1.07)
    pinned = parts[plates[len(plates) // 2]]
    pin_y = (pinned[0, 1] + pinned[2, 1]) / 2
    ax.plot(
        [top[0] - 0.02, right + 0.02],
        [pin_y, pin_y],
        color="#333333",
        linewidth=2.2,
        zorder=1.07,
        solid_capstyle="round",
    )


def _add_beam(artists: PoseArtists, skeleton: Skeleton, dims: dict[str, float]) -> None:
    """The beam with its hub at the pivot, the cable and its pulleys. They do not move, but they lie over
    the trunk and pelvis (which do), so they are kept with the moving artists: a blitted redraw then
    puts them back in the right order."""
    ax, grey = artists.ax, COLORS["equipment"]
    artists.polygons["beam"] = _patch(ax, static_parts(skeleton, dims)["beam"], BEAM_Z)
    pivot = skeleton.joints["pivot"]
    artists.circles["hub"] = Circle(
        pivot, HUB, facecolor=METAL, edgecolor=grey, linewidth=1.0, zorder=BEAM_Z + 0.01
    )
    ax.add_patch(artists.circles["hub"])
    cable, top, low = cable_path(skeleton, dims)
    (artists.lines["machine_cable"],) = ax.plot(
        cable[:, 0], cable[:, 1], color=COLORS["cable"], linewidth=1.0, zorder=BEAM_Z + 0.02
    )
    for name, wheel in (("top_pulley", top), ("beam_pulley", low)):
        artists.circles[name] = Circle(
            wheel, PULLEY, facecolor="white", edgecolor=grey, linewidth=1.2, zorder=BEAM_Z + 0.03
        )
        artists.circles[f"{name}_axle"] = Circle(
            wheel, 0.008, facecolor=grey, edgecolor="none", zorder=BEAM_Z + 0.04
        )
        ax.add_patch(artists.circles[name])
        ax.add_patch(artists.circles[f"{name}_axle"])


def add_moving_machine(artists: PoseArtists, skeleton: Skeleton) -> None:
    """The chest pad and its arm, the cam with the cable round it, the lever arm and its roller, the
    pivot's axle, and the beam, its hub and the cable (which lie over the moving trunk)."""
    ax = artists.ax
    _add_beam(artists, skeleton, equipment("machine"))
    for name, (face, z) in MOVING_PARTS.items():
        artists.polygons[name] = _patch(
            ax, np.zeros((3, 2)), z, facecolor=face, edgecolor=COLORS["outline"], linewidth=0.9
        )
    artists.polygons["chest_pad"].set_path_effects(  # a white line parts the cushion from the chest
        [patheffects.Stroke(linewidth=PAD_GAP_LINE, foreground="white"), patheffects.Normal()]
    )
    (artists.lines["cable_wrap"],) = ax.plot(
        [], [], color=COLORS["cable"], linewidth=1.6, zorder=MOVING_PARTS["cam"][1] + 0.02
    )
    artists.circles["pivot"] = Circle(
        skeleton.joints["pivot"],
        0.025,
        facecolor="white",
        edgecolor=COLORS["outline"],
        linewidth=1.3,
        zorder=4.5,
    )
    ax.add_patch(artists.circles["pivot"])
    artists.circles["roller_axle"] = Circle(
        skeleton.joints["pad"], 0.014, facecolor=METAL, edgecolor=COLORS["outline"], linewidth=0.8, zorder=4.5
    )
    ax.add_patch(artists.circles["roller_axle"])


def move_machine(artists: PoseArtists, skeleton: Skeleton) -> None:
    """Move the machine's moving parts to the pose in `skeleton`."""
    dims = equipment("machine")
    for name, outline in moving_parts(skeleton, artists.body, dims).items():
        artists.polygons[name].set_xy(outline)
    wrap = cable_wrap(skeleton, dims, _thigh_angle(skeleton))
    artists.lines["cable_wrap"].set_data(wrap[:, 0], wrap[:, 1])
    artists.circles["roller_axle"].set_center(skeleton.joints["pad"])
