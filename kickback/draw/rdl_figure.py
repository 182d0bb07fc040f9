"""The single-leg Romanian deadlift from the side: standing tall, and the bottom of the hinge with its cues.

Steps: build both poses with `kickback.model.hinge` (balanced over the standing foot); draw each body
with the course's outlines (`anatomy`). Blue means the leg that moves in every figure of the course, so
the free leg, which swings up behind, is blue, and the standing leg, nearest the viewer, is grey and
named in words ("standing leg: the glute works here"). The hand on the free leg's side holds a hex
dumbbell, seen end-on, in front of the thighs. Trace the hip and the free heel on the way down; label
the angles in free space; point the lesson's four cues at the body with numbered badges, and list them
below.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.path import Path
from matplotlib.transforms import Bbox

from ..model.anthropometrics import Body, default_body
from ..model.hinge import RDL_BOTTOM_LEAN, hinge_skeleton
from ..model.skeleton import Skeleton
from .body import describe_hip
from .course_figure import CourseFigure
from .cue_badge import badge_text_style
from .equipment import draw_floor
from .labels import Label, add_label, place_label
from .rdl_body import (
    STANDING_WORDS,
    arm_brought_forward,
    draw_rdl_body,
    rdl_shapes,
)
from .shapes import arc_points, mark_panel
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure, styled

FIGURE_NAME = "single_leg_rdl"
FIGURE_WIDTH = 9.6  # inches: shown 900 px wide, 8.5 pt text is still 11 px (draw/style.py)
TRAIL_STEPS = 17
STAND_XLIM, HINGE_XLIM, YLIM = (-0.62, 0.62), (-1.42, 1.02), (-0.06, 1.86)  # metres, for a 1.75 m body

# The lesson's four cues (notebooks/08, "The single-leg Romanian deadlift"), short, and where each points.
# tests/test_rdl_figure.py checks that each still appears in the lesson, word for word.
RDL_CUES: tuple[tuple[str, str, str], ...] = (
    ("Hips back, not down", "it is a hinge, not a squat; the knee bend stays the same", "hip_trail"),
    ("One long line from head to free heel", "", "long_line"),
    ("Both hips square to the floor", "the free side does not open toward the ceiling", "sacrum"),
    ("Stand up with the glute, not the lower back", "", "glute"),
)

TARGET_WORDS: dict[str, str] = {
    "hip_trail": "the hip's path, moving back",
    "long_line": "a green dashed straight line through the head and the free heel, each marked with a dot",
    "sacrum": "the back of the pelvis",
    "glute": "the buttock of the standing leg",
}


def _stop_short_of(points: np.ndarray, outline: Path, gap: float) -> np.ndarray:
    """The path cut `gap` (m, along it) before it first enters `outline`: an arrow ending there points
    at the part it names instead of hiding its head under it."""
    steps = np.hypot(*np.diff(points, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    fine = np.linspace(0.0, along[-1], 400)
    dense = np.column_stack([np.interp(fine, along, points[:, k]) for k in (0, 1)])
    inside = outline.contains_points(dense)
    if not inside.any():
        return points
    stop = fine[int(np.argmax(inside))] - gap
    if stop <= 0.0:
        return points
    kept = along < stop
    end = [np.interp(stop, along, points[:, k]) for k in (0, 1)]
    return np.vstack([points[kept], end])


def _ghost_foot(ax: Axes, skeleton: Skeleton, body: Body) -> Path:
    """The free foot where it was at the start, in grey dashes: where the heel's path begins."""
    outline = rdl_shapes(skeleton, body)["free_foot"]
    closed = np.vstack([outline, outline[:1]])
    ax.plot(
        closed[:, 0],
        closed[:, 1],
        color=COLORS["reference"],
        linestyle=(0, (3, 2)),
        linewidth=1.1,
        zorder=1.9,
    )
    return Path(outline, closed=True)


def _trail(ax: Axes, points: np.ndarray, colour: str, *, halo: bool = False) -> Path:
    """A dotted path with an arrowhead at its end: where a point of the body travels on the way down.

    With `halo` the path is drawn over the body with a white stroke under it (it reads as white dashes
    and a white, black-edged arrowhead: the alt text says so), readable on any colour.
    Returns the path (a place labels keep off).
    """
    edge = [patheffects.Stroke(linewidth=4.0, foreground="white"), patheffects.Normal()] if halo else None
    z = 6.2 if halo else 4.8
    style = (0, (1.2, 1.6)) if halo else (0, (1, 2))
    ax.plot(
        points[:-1, 0],
        points[:-1, 1],
        color=colour,
        linestyle=style,
        linewidth=2.0,
        zorder=z,
        path_effects=edge,
    )
    ax.plot(*points[0], marker="o", markersize=5, color=colour, markeredgecolor="white", zorder=z)
    back = np.hypot(*(points - points[-1]).T)
    tail = points[int(np.flatnonzero(back >= 0.03)[-1])] if (back >= 0.03).any() else points[0]
    ax.annotate(
        "",
        xy=tuple(points[-1]),
        xytext=tuple(tail),  # far enough back for a steady direction
        zorder=z + 0.05,
        arrowprops={
            "arrowstyle": "-|>",
            "color": colour,
            "linewidth": 1.6,
            "mutation_scale": 16,
            "path_effects": edge,
        },
    )
    return Path(points)


def _long_line(ax: Axes, skeleton: Skeleton) -> tuple[np.ndarray, Path]:
    """A straight dashed line through the head and the free heel, each marked with a dot: the cue's
    "one long line". Drawn over the body (white under the dashes, readable on any colour), it shows
    how nearly the trunk and the free leg lie on it.

    Returns the line's end beyond the heel, in free air (for the cue's pointer), and the line.
    """
    start, end = np.array(skeleton.joints["head"]), np.array(skeleton.joints["free_heel"])
    along = (end - start) / float(np.hypot(*(end - start)))
    line = np.array([start - 0.05 * along, end + 0.07 * along])
    halo = [patheffects.Stroke(linewidth=3.2, foreground="white"), patheffects.Normal()]
    ax.plot(
        line[:, 0],
        line[:, 1],
        color=COLORS["correct"],  # the good form's colour, apart from the hip's white-dashed path
        linestyle=(0, (5, 3)),
        linewidth=1.8,
        zorder=5,
        path_effects=halo,
    )
    ends = np.array([start, end])
    ax.plot(
        ends[:, 0],
        ends[:, 1],
        "o",
        markersize=5,
        color=COLORS["correct"],
        markeredgecolor="white",
        zorder=5.05,
    )
    return end + 0.055 * along, Path(line)


def _setup_axes(ax: Axes, xlim: tuple[float, float], body: Body) -> None:
    """Equal-scale side view, no axes, the floor drawn across."""
    scale = body.height / 1.75
    ax.set_xlim(xlim[0] * scale, xlim[1] * scale)
    ax.set_ylim(YLIM[0] * scale, YLIM[1] * scale)
    ax.set_aspect("equal")
    ax.set_axis_off()
    draw_floor(ax, ax.get_xlim())


def _angle_of(vector: np.ndarray) -> float:
    return math.degrees(math.atan2(vector[1], vector[0]))


def _hip_arc(ax: Axes, skeleton: Skeleton, body: Body) -> tuple[np.ndarray, Path]:
    """The standing hip's flexion: an arc from the trunk's line, continued past the hip, to the thigh.

    As in the kickback drawings, the hip is at 0° when the thigh lies on the trunk's line continued
    (dotted); here that line runs along the free leg. Returns a point a quarter along the arc (for
    its label) and the arc with its centre (a place labels keep off).
    """
    j = {name: np.array(point) for name, point in skeleton.joints.items()}
    hip = j["hip"]
    behind = (hip - j["sacrum"]) / float(np.hypot(*(hip - j["sacrum"])))
    start = _angle_of(behind)
    end = start + (_angle_of(j["knee"] - hip) - start) % 360.0  # counter-clockwise: forward under the hip
    arc = arc_points(tuple(hip), 0.085 * body.height, start, end)
    reach = hip + 0.2 * body.height * behind
    ax.plot(
        [hip[0], reach[0]],
        [hip[1], reach[1]],
        color=COLORS["reference"],
        linestyle=LINESTYLES["reference"],
        linewidth=1.2,
        zorder=5,
    )
    ax.plot(arc[:, 0], arc[:, 1], color=COLORS["outline"], linewidth=1.4, zorder=5.1)
    return arc[len(arc) // 4], Path(np.vstack([[hip], arc]), closed=False)


def _label(
    ax: Axes, text: str, anchor, obstacles: list[Path], taken: list[Bbox], prefer, height: float
) -> Label:
    """One angle label in free space with its leader line."""
    label = add_label(ax)
    distances = tuple(f * height for f in (0.10, 0.15, 0.21, 0.28, 0.36))
    place_label(
        label, text, tuple(anchor), obstacles=obstacles, taken=taken, distances=distances, prefer=prefer
    )
    return label


def _badge(
    ax: Axes, number: int, anchor, obstacles: list[Path], taken: list[Bbox], prefer, height: float
) -> None:
    """A numbered badge in free space, its leader line ending on the part of the body the cue is about."""
    label = add_label(ax, fontsize=FONT_SIZES["label"], color="white")
    label.set(fontweight="bold", zorder=6.8)
    label.set_bbox(badge_text_style()["bbox"])  # the course's one badge disc
    label.leader.set(linewidth=1.0)
    distances = tuple(f * height for f in (0.09, 0.13, 0.18, 0.24, 0.3))
    place_label(
        label,
        f" {number} ",  # placed as three characters wide: the room its round badge takes
        tuple(anchor),
        obstacles=obstacles,
        taken=taken,
        distances=distances,
        prefer=prefer,
    )
    label.set_text(str(number))
    ax.plot([anchor[0]], [anchor[1]], marker="o", markersize=3.5, color=COLORS["outline"], zorder=6.6)


def _surface(skeleton: Skeleton, body: Body, where: str) -> np.ndarray:
    """A point on the body's outline a cue points at: the buttock ("glute") or the back of the pelvis."""
    j = {name: np.array(point) for name, point in skeleton.joints.items()}
    up = (j["sacrum"] - j["hip"]) / float(np.hypot(*(j["sacrum"] - j["hip"])))
    back = np.array([-up[1], up[0]])
    width = body.geometry["trunk_width"]
    if where == "glute":
        return j["hip"] + back * 0.5 * width - up * 0.4 * width  # the buttock's back, apart from the sacrum
    return j["sacrum"] + back * 0.46 * width


def _draw_start(ax: Axes, body: Body) -> tuple[Skeleton, list[str]]:
    """The start: standing tall on the working leg, the free foot just off the floor."""
    _setup_axes(ax, STAND_XLIM, body)
    skeleton = arm_brought_forward(hinge_skeleton(body, 0.0), body)
    obstacles = draw_rdl_body(ax, skeleton, body)
    j, e, h = skeleton.joints, skeleton.extras, body.height
    taken: list[Bbox] = []
    words = [
        (f"knee bent {e['knee_flexion']:.0f}°", j["knee"], (0, 20, -20, 40)),
        (describe_hip(-e["hip_flexion"]), j["hip"], (0, 20, -20, 40, 160)),
        ("trunk upright", j["t12"], (0, 20, 160, 180, -20)),
        ("free foot just\noff the floor", j["free_heel"], (150, 135, 165, 120)),
        (STANDING_WORDS, _surface(skeleton, body, "glute"), (200, 180, 220, 160, 240)),
    ]
    # The standing leg's words first: the only free room with a leader to the glute that crosses
    # neither thigh is just behind the buttock, below the hip's height; the angles find room round it.
    for text, anchor, prefer in [words[-1], *words[:-1]]:
        _label(ax, text, anchor, obstacles, taken, prefer, h)
    mark_panel(ax, "plain", "Start: stand tall on one leg")
    return skeleton, [text.replace("\n", " ") for text, _, _ in words]


def _draw_bottom(ax: Axes, body: Body) -> tuple[Skeleton, list[str]]:
    """The bottom of the hinge, the paths the hip and the free heel took, the angles and the cues."""
    _setup_axes(ax, HINGE_XLIM, body)
    leans = np.linspace(0.0, RDL_BOTTOM_LEAN, TRAIL_STEPS)
    path = [hinge_skeleton(body, float(lean)) for lean in leans]
    bottom = path[-1]
    obstacles = draw_rdl_body(ax, bottom, body)
    hips = np.array([s.joints["hip"] for s in path])
    heels = np.array([s.joints["free_heel"] for s in path])
    obstacles.append(_trail(ax, hips, COLORS["outline"], halo=True))
    obstacles.append(_ghost_foot(ax, path[0], body))
    free_foot = Path(rdl_shapes(bottom, body)["free_foot"], closed=True)
    obstacles.append(_trail(ax, _stop_short_of(heels, free_foot, 0.012 * body.height), COLORS["reference"]))
    line_point, line = _long_line(ax, bottom)
    obstacles.append(line)
    j, e, h = bottom.joints, bottom.extras, body.height
    taken: list[Bbox] = []
    arc_middle, arc = _hip_arc(ax, bottom, body)
    obstacles.append(arc)
    anchors = {
        "hip_trail": hips[0],  # where the hip's path starts, in front of the standing thigh
        "long_line": line_point,
        "sacrum": _surface(bottom, body, "sacrum"),
        "glute": _surface(bottom, body, "glute"),
    }
    prefer = {
        "hip_trail": (300, 315, 285, 330),  # below, between the standing thigh and the arm: room to spare
        "long_line": (90, 75, 105, 60, 120),
        "sacrum": (95, 80, 110, 65),
        "glute": (125, 140, 110, 155),  # up and toward the free heel, apart from the sacrum's badge
    }
    for number, (_, _, target) in enumerate(RDL_CUES, start=1):
        _badge(ax, number, anchors[target], obstacles, taken, prefer[target], h)
    free_mid = (np.array(j["hip"]) + np.array(j["free_knee"])) / 2
    words = [
        (describe_hip(-e["hip_flexion"]), arc_middle, (200, 190, 210, 220, 235)),
        (f"knee still bent {e['knee_flexion']:.0f}°", j["knee"], (0, 340, 20, 320)),
        (f"trunk {e['trunk_above_level']:.0f}° above level", j["c7"], (80, 60, 100, 45)),
        ("free leg in line\nwith the trunk", free_mid, (100, 115, 85, 130, 70)),
    ]
    for text, anchor, prefer_words in words:
        _label(ax, text, anchor, obstacles, taken, prefer_words, h)
    mark_panel(ax, "plain", "Bottom of the hinge: trunk nearly level")
    return bottom, [text.replace("\n", " ") for text, _, _ in words]


KEY_ROWS_IN = (1.12, 0.66)  # inches above the figure's bottom: the two rows of cues
KEY_NOTE_IN = 0.2  # inches above the bottom: what the colours and arrows mean


def _cue_key(figure, height: float) -> None:
    """The four cues below the pictures, in two columns, each after its numbered badge; then the key."""
    for index, (cue, why, _) in enumerate(RDL_CUES):
        x = 0.03 + 0.5 * (index % 2)
        y = KEY_ROWS_IN[index // 2] / height
        figure.text(
            x,
            y,
            str(index + 1),
            **badge_text_style(),
        )
        text = f"{cue}" + (f": {why}" if why else "")
        figure.text(
            x + 0.025,
            y,
            textwrap.fill(text, 52),
            fontsize=FONT_SIZES["label"],
            color=COLORS["outline"],
            ha="left",
            va="center",
            linespacing=1.25,
        )
    figure.text(
        0.02,
        KEY_NOTE_IN / height,
        "Blue: the free leg, which moves. Grey, nearest you: the standing leg, whose glute does the work.\n"
        "Arrows: where the hip (white dashes, over the body) and the free heel (grey dots, from the dashed "
        "foot where it started) travel on the way down.",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        ha="left",
        va="center",
    )


@styled
def build_rdl_figure(body: Body | None = None) -> CourseFigure:
    """The single-leg Romanian deadlift from the side: standing tall, the bottom of the hinge, the cues."""
    body = body or default_body()
    widths = (STAND_XLIM[1] - STAND_XLIM[0], HINGE_XLIM[1] - HINGE_XLIM[0])
    panel_height = FIGURE_WIDTH * 0.98 * (YLIM[1] - YLIM[0]) / sum(widths)
    height = panel_height + 2.2
    figure = new_figure(FIGURE_WIDTH, height)
    grid = figure.add_gridspec(
        1,
        2,
        width_ratios=widths,
        left=0.01,
        right=0.99,
        wspace=0.0,
        top=1 - 0.75 / height,
        bottom=1.45 / height,
    )
    start, start_words = _draw_start(figure.add_subplot(grid[0]), body)
    bottom, bottom_words = _draw_bottom(figure.add_subplot(grid[1]), body)
    _cue_key(figure, height)
    figure.suptitle(
        "Single-leg Romanian deadlift: hinge at the hip, the knee keeps its bend",
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
    )
    return CourseFigure(
        name=FIGURE_NAME,
        figure=figure,
        alt_text=describe_rdl_figure(start, bottom, start_words, bottom_words),
    )


def describe_rdl_figure(
    start: Skeleton, bottom: Skeleton, start_words: list[str], bottom_words: list[str]
) -> str:
    """Alt text written from the same two poses the figure draws."""
    s, b = start.extras, bottom.extras
    hip_back = (start.joints["hip"][0] - bottom.joints["hip"][0]) * 100
    hip_drop = (start.joints["hip"][1] - bottom.joints["hip"][1]) * 100
    drop = "hardly dropping" if abs(hip_drop) < 1.0 else f"dropping {hip_drop:.0f} cm"
    cues = " ".join(
        f"{i}. {cue} (points at {TARGET_WORDS[target]})."
        for i, (cue, _, target) in enumerate(RDL_CUES, start=1)
    )
    return (
        "Single-leg Romanian deadlift, two side views of one person: the free leg, the one that moves, in "
        "blue; the standing leg grey and nearest the viewer; a light hex dumbbell, seen end-on, hanging "
        "from the hand on the free leg's side, in front of the thighs. "
        f"Left, the start: standing tall on one leg; {'; '.join(start_words)}. "
        f"Right, the bottom of the hinge: {'; '.join(bottom_words)}; the standing foot has not moved. "
        "A short arrow of white dashes, drawn over the body and ending in a white arrowhead outlined in "
        f"black, shows the hip moving {hip_back:.0f} cm back, {drop}, on the way down; a dotted grey arrow "
        "the free heel's path as the leg swings up behind, from a dashed outline of the free foot where it "
        "started to just below the foot at the bottom. The hips go back so that "
        "the body's centre of mass stays over the middle of the standing foot (the course's body model, "
        f"Winter's segment masses). Numbered pointers match the cues listed below the drawings: {cues} "
        "From the side the pelvis turning open cannot be seen; lesson 06 shows it from behind. "
        f"The {s['knee_flexion']:.0f}-degree knee and the trunk {b['trunk_above_level']:.0f} degrees "
        "above level are coaching choices for the picture (the lesson's 15 to 20 degrees and 'nearly level')."
    ).replace("°", " degrees")
