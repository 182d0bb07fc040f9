"""The levers picture (lesson 07's compare_levers): hip muscles on the body, their levers and torques as bars.

The body panel is a close-up of the hip and thigh on all fours, so the muscle shapes are big enough
to read, each named with a leader line: the gluteus medius and minimus above the trunk, the others
in a column on the left. Colours mean what they mean in the muscle map: the muscles by role (blue
the primary mover, sky blue the synergists, also hatched or dashed), on a grey body so they show;
the working leg is named in words and outlined in its blue.
The muscle with the best effective lever at this hip angle gets a thick solid outline on the body
and on its bar. An effective lever is per newton of the muscle's own force, so it leaves out how
strong the muscle is: a second set of bars gives the torque each muscle can make (effective lever ×
its greatest force), and the title names both the best-placed muscle and the one that makes the most
torque, often not the same. A bar left of zero is explained in words below the bars.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from textwrap import fill
from typing import Any

import numpy as np
from matplotlib import patheffects
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, Rectangle
from matplotlib.text import Text

from ..model.anthropometrics import Body
from ..model.lever_torque import max_isometric_force, rank_lever_torques
from ..model.muscles import Muscle, read_muscles
from ..model.pose import Pose
from .body import draw_pose, update_pose
from .curves import hip_in_words
from .muscle_map import spread_heights
from .muscle_shapes import ROLE_OUTLINES, SHAPES, muscle_anchor, muscle_outline
from .style import COLORS, FONT_SIZES, HATCHES, new_figure

LEVER_WORDS: dict[str, str] = {
    "glmax": "gluteus maximus",
    "bflh": "biceps femoris (long)",
    "semiten": "semitendinosus",
    "semimem": "semimembranosus",
    "addmag": "adductor magnus",
    "glmed": "gluteus medius",
    "glmin": "gluteus minimus",
}
EFFECTIVE_LEVER_WORDS = (
    "Effective lever = moment arm × force share: how well the muscle is placed, times the share of "
    "its greatest force it can still make at this length."
)
"""The one sentence that says what the bars measure, in the picture and in the widget's words."""
TORQUE_WORDS = (
    "Torque it can make = effective lever × the muscle's greatest force (Rajagopal 2016 table), so a "
    "strong muscle with a poorer lever can still make the most. A model estimate: read it as a ranking."
)
"""What the second bars measure, and how far to trust them, in the picture and in the widget's words."""
CAPTION_WIDTH_CHARS = 120
CAPTION_Y = 0.845  # figure fraction: the top of the caption, under the three-line title
OUTLINE_WIDTH = 1.0
BEST_OUTLINE_WIDTH = 3.2
LEADER_HALO = patheffects.withStroke(linewidth=2.2, foreground="white")
BEST_RIM = patheffects.withStroke(linewidth=BEST_OUTLINE_WIDTH + 4.0, foreground=COLORS["outline"])
FIGURE_SIZE = (8.6, 5.6)  # inches
BODY_BOX = (0.20, 0.02, 0.40, 0.66)  # figure fractions: the close-up of the hip and thigh
BAR_BOX = (0.765, 0.24, 0.10, 0.40)  # the effective levers (mm)
TORQUE_BOX = (0.885, 0.24, 0.10, 0.40)  # the torques (N·m), same rows
LEVER_LIMITS_MM = (-10.0, 95.0)
TORQUE_LIMITS_NM = (-25.0, 300.0)  # fixed, so a bar's length means the same at every slider angle
STRONGER_AT_LEAST = 1.05  # a ratio of greatest forces worth saying as "N× as strong"
CALLOUT_RANGE = (0.10, 0.65)  # figure fractions: the lowest and highest callout centres
ABOVE_SLOTS = {"glmed": 0.415, "glmin": 0.54}  # figure x of the names set above the trunk (left to right)
ABOVE_Y = 0.61  # figure fraction: the bottom of those names, clear of the trunk in every pose
CROP = ((-0.31, 0.13), (-0.03, 0.43))  # the close-up's x and y range, × body height, round the hip
LABEL_X = 0.195  # figure fraction: the callouts' right edge, left of the close-up
ROLE_WORDS = {"primary_mover": "primary mover", "synergist": "synergist"}
NEGATIVE_WORDS = (
    "Left of 0: at this angle the muscle pulls\nthe other way, drawing the knee toward the chest."
)


@dataclass
class LeverArtists:
    """The moving parts of the levers picture: the body, each hip muscle's shape, its callout, the bars."""

    figure: Any
    pose_artists: Any
    shapes: dict[str, Polygon]
    bars: dict[str, Any]
    values: dict[str, Text]
    title: Text
    muscles: dict[str, Muscle]
    callouts: dict[str, Text] = field(default_factory=dict)
    leaders: dict[str, Line2D] = field(default_factory=dict)
    torque_bars: dict[str, Any] = field(default_factory=dict)
    torque_values: dict[str, Text] = field(default_factory=dict)


def _close_up(body_ax, pose_artists, body: Body) -> None:
    """Crop round the hip and thigh (the leg anywhere in its arc), framed so the crop reads as one."""
    hip = np.asarray(pose_artists.skeleton.joints["hip"], dtype=float)
    (x0, x1), (y0, y1) = CROP
    body_ax.set_xlim(hip[0] + x0 * body.height, hip[0] + x1 * body.height)
    body_ax.set_ylim(y0 * body.height, y1 * body.height)
    body_ax.set_aspect("equal", adjustable="box", anchor="W")
    body_ax.add_patch(
        Rectangle((0, 0), 1, 1, transform=body_ax.transAxes, fill=False, edgecolor=COLORS["outline"], lw=0.8)
    )
    for name in ("thigh", "shank", "foot"):  # grey, so the muscles show; its outline keeps the leg's blue
        if name in pose_artists.polygons:
            pose_artists.polygons[name].set(facecolor=COLORS["body"], edgecolor=COLORS["working_leg"], lw=2.0)


def _bars(
    bar_ax, order: list[str], muscles: dict[str, Muscle], xlabel: str, limits: tuple[float, float]
) -> tuple[dict, dict]:
    """One bar per muscle, coloured and hatched by role, zero marked, a value beside each bar."""
    bars, values = {}, {}
    for row, muscle_id in enumerate(order):
        role = muscles[muscle_id].role
        (bar,) = bar_ax.barh(
            [row], [0.0], color=COLORS[role], hatch=HATCHES[role], edgecolor=COLORS["outline"], linewidth=0.8
        )
        bars[muscle_id] = bar
        values[muscle_id] = bar_ax.text(0, row, "", va="center", fontsize=FONT_SIZES["small"])
    bar_ax.set_xlim(*limits)
    bar_ax.axvline(0, color=COLORS["outline"], linewidth=0.8)
    bar_ax.set_xlabel(xlabel, fontsize=FONT_SIZES["small"])
    bar_ax.tick_params(axis="x", labelsize=FONT_SIZES["small"])
    return bars, values


def _bar_panels(figure, order: list[str], muscles: dict[str, Muscle]) -> tuple[dict, dict, dict, dict]:
    """The effective levers (mm) and, on the same rows, the torques each muscle can make (N·m)."""
    bar_ax = figure.add_axes(BAR_BOX)
    torque_ax = figure.add_axes(TORQUE_BOX, sharey=bar_ax)
    bar_ax.set_yticks(range(len(order)), [LEVER_WORDS[m] for m in order], fontsize=FONT_SIZES["small"])
    bar_ax.invert_yaxis()  # the shared rows: first muscle on top in both panels
    bars, values = _bars(bar_ax, order, muscles, "effective\nlever (mm)", LEVER_LIMITS_MM)
    torque_bars, torque_values = _bars(
        torque_ax, order, muscles, "torque it can\nmake (N·m)", TORQUE_LIMITS_NM
    )
    torque_ax.tick_params(axis="y", labelleft=False)
    torque_ax.set_xticks([0, 200])
    left, top = BAR_BOX[0], BAR_BOX[1] + BAR_BOX[3]
    figure.text(
        (left + TORQUE_BOX[0] + TORQUE_BOX[2]) / 2,
        top + 0.012,
        "Rajagopal 2016 model",
        ha="center",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
    )
    figure.text(
        0.62,
        0.085,
        NEGATIVE_WORDS,
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        va="top",
        ha="left",
        gid="negative_words",
    )
    return bars, values, torque_bars, torque_values


def draw_lever_figure(pose: Pose, body: Body, variant: str = "bodyweight") -> LeverArtists:
    """A close-up of the hip and thigh with the hip muscles as named shapes (left), their effective
    levers (mm) as bars (right)."""
    figure = new_figure(*FIGURE_SIZE)
    body_ax = figure.add_axes(BODY_BOX)
    pose_artists = draw_pose(body_ax, pose, body, variant, angles=False, caption=False)
    _close_up(body_ax, pose_artists, body)
    muscles = {muscle.id: muscle for muscle in read_muscles() if muscle.id in LEVER_WORDS}
    order = [muscle_id for muscle_id in LEVER_WORDS if muscle_id in muscles]
    shapes: dict[str, Polygon] = {}
    callouts: dict[str, Text] = {}
    leaders: dict[str, Line2D] = {}
    for muscle_id in order:
        role = muscles[muscle_id].role
        shapes[muscle_id] = Polygon(
            [[0, 0]],
            closed=True,
            facecolor=COLORS[role],
            alpha=0.9,
            edgecolor=COLORS["outline"],
            linestyle=ROLE_OUTLINES[role],
            linewidth=OUTLINE_WIDTH,
            zorder=6 + SHAPES[muscle_id].layer / 10,
            gid=f"muscle:{muscle_id}",
        )
        body_ax.add_patch(shapes[muscle_id])
        callouts[muscle_id] = figure.text(
            LABEL_X,
            0.5,
            f"{LEVER_WORDS[muscle_id]}\n{ROLE_WORDS.get(role, role)}",
            ha="right",
            va="center",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            linespacing=1.0,
            gid=f"callout:{muscle_id}",
        )
        leaders[muscle_id] = Line2D(
            [],
            [],
            color=COLORS["outline"],
            linewidth=0.7,
            transform=figure.transFigure,
            path_effects=[LEADER_HALO],  # a white edge: the line reads where it crosses the body
            gid=f"leader:{muscle_id}",
        )
        figure.add_artist(leaders[muscle_id])
    figure.text(
        LABEL_X,
        0.03,
        "working leg:\nblue outline",
        ha="right",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["working_leg"],
    )
    bars, values, torque_bars, torque_values = _bar_panels(figure, order, muscles)
    title = figure.text(0.02, 0.975, "", fontsize=FONT_SIZES["title"], fontweight="bold", va="top")
    figure.text(
        0.02,
        CAPTION_Y,
        fill(f"{EFFECTIVE_LEVER_WORDS} {TORQUE_WORDS}", CAPTION_WIDTH_CHARS) + "\n"
        "Colours as in the muscle map: blue the primary mover, sky blue and hatched the synergists.\n"
        "Thick outline: the best lever (on the body and its bar); in the torque bars, the most torque.",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        va="top",
    )
    body_ax.apply_aspect()
    return LeverArtists(
        figure,
        pose_artists,
        shapes,
        bars,
        values,
        title,
        muscles,
        callouts,
        leaders,
        torque_bars,
        torque_values,
    )


def _place_callouts(artists: LeverArtists, skeleton, height: float) -> None:
    """Each muscle's name beside the close-up, its leader line ending on the muscle.

    The gluteus medius and minimus lie in front of the hip, on the side of the pelvis: their names sit
    above the trunk (free space in every pose of the slider), so their leaders stay short and off the
    leg. The others stand in the column on the left, in the order of the points they name.
    """
    ax = artists.pose_artists.ax
    to_figure = artists.figure.transFigure.inverted()
    anchors = {
        m: to_figure.transform(ax.transData.transform(muscle_anchor(skeleton, SHAPES[m], height)))
        for m in artists.callouts
    }
    above = sorted((m for m in anchors if m in ABOVE_SLOTS), key=lambda m: anchors[m][0])
    for muscle_id, x in zip(above, sorted(ABOVE_SLOTS.values())):
        artists.callouts[muscle_id].set(x=x, y=ABOVE_Y, ha="center", va="bottom")
        artists.leaders[muscle_id].set_data(
            [x, anchors[muscle_id][0]], [ABOVE_Y - 0.006, anchors[muscle_id][1]]
        )
    order = sorted((m for m in anchors if m not in ABOVE_SLOTS), key=lambda m: -anchors[m][1])
    line = FONT_SIZES["small"] * 1.05 / 72 / artists.figure.get_figheight()
    sizes = [2 * line + 0.018 for _ in order]
    low, high = CALLOUT_RANGE
    ys = spread_heights([float(anchors[m][1]) for m in order], sizes, low=low, high=high)
    for muscle_id, y in zip(order, ys):
        artists.callouts[muscle_id].set(x=LABEL_X, y=y, ha="right", va="center")
        end = anchors[muscle_id]
        artists.leaders[muscle_id].set_data([LABEL_X + 0.004, end[0]], [y, end[1]])


def update_lever_figure(
    artists: LeverArtists, pose: Pose, body: Body, ranking: list[tuple[str, float]]
) -> None:
    """Move the body and the muscles to `pose`, set the bars to `ranking` (m) and name the best lever."""
    update_pose(artists.pose_artists, pose)
    skeleton = artists.pose_artists.skeleton
    best = ranking[0][0]
    _place_callouts(artists, skeleton, body.height)
    for muscle_id, patch in artists.shapes.items():
        patch.set_xy(muscle_outline(skeleton, SHAPES[muscle_id], body.height))
        is_best = muscle_id == best
        role = artists.muscles[muscle_id].role
        patch.set_linewidth(BEST_OUTLINE_WIDTH if is_best else OUTLINE_WIDTH)
        patch.set_linestyle("-" if is_best else ROLE_OUTLINES[role])
        # the best: a thick dark rim outside a rim of its own colour, so even a thin band keeps its fill
        patch.set_edgecolor(COLORS[role] if is_best else COLORS["outline"])
        patch.set_path_effects([BEST_RIM] if is_best else [])
        patch.set_zorder(6.5 if is_best else 6 + SHAPES[muscle_id].layer / 10)
    for muscle_id, arm in ranking:
        if muscle_id in artists.bars:
            millimetres = arm * 1000
            artists.bars[muscle_id].set_width(millimetres)
            artists.bars[muscle_id].set_linewidth(2.4 if muscle_id == best else 0.8)
            artists.values[muscle_id].set_text(f"{millimetres:.0f}")
            artists.values[muscle_id].set_x(max(millimetres, 0) + 2)
    torques = rank_lever_torques(hip_extension=pose.hip_extension, knee_flexion=pose.knee_flexion)
    for muscle_id, torque in torques:
        if muscle_id in artists.torque_bars:
            artists.torque_bars[muscle_id].set_width(torque)
            artists.torque_bars[muscle_id].set_linewidth(2.4 if muscle_id == torques[0][0] else 0.8)
            artists.torque_values[muscle_id].set_text(f"{torque:.0f}")
            artists.torque_values[muscle_id].set_x(max(torque, 0) + 5)
    artists.title.set_text(lever_title(hip_in_words(pose.hip_extension), best, torques))


def lever_title(hip_words: str, best_lever: str, torques: list[tuple[str, float]]) -> str:
    """The picture's finding in three lines: where the hip is, the best-placed muscle per newton of
    its own force, and the muscle that makes the most torque (and how much stronger it is).

    An effective lever leaves out how strong a muscle is; saying only "best lever" would suggest the
    best-placed muscle does the most work, which the torques (effective lever × greatest force) refute
    whenever a stronger muscle wins them.
    """
    top, torque = torques[0]
    placed, strongest = LEVER_WORDS.get(best_lever, best_lever), LEVER_WORDS.get(top, top)
    if top == best_lever:
        return (
            f"On all fours, {hip_words}:\n"
            f"the {placed} is placed best per newton of its own force\n"
            f"and makes the most torque ({torque:.0f} N·m)"
        )
    ratio = max_isometric_force(top) / max_isometric_force(best_lever)
    stronger = f", {ratio:.1f}× as strong," if ratio >= STRONGER_AT_LEAST else ""
    return (
        f"On all fours, {hip_words}: per newton of its own force\n"
        f"the {placed} is placed best, but the {strongest}{stronger}\n"
        f"makes the most torque ({torque:.0f} N·m)"
    )
