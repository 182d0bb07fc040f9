"""The levers picture (lesson 07's compare_levers): hip muscles on the body, their effective levers as bars.

The muscle with the best effective lever at this hip angle gets a thick solid outline on the body and
on its bar, and is named in the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import fill
from typing import Any

from matplotlib.patches import Polygon
from matplotlib.text import Text

from ..model.anthropometrics import Body
from ..model.muscles import Muscle, read_muscles
from ..model.pose import Pose
from .body import draw_pose, update_pose
from .curves import hip_in_words
from .muscle_shapes import ROLE_OUTLINES, SHAPES, muscle_outline
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
CAPTION_WIDTH_CHARS = 100
OUTLINE_WIDTH = 1.0
BEST_OUTLINE_WIDTH = 3.2


@dataclass
class LeverArtists:
    """The moving parts of the levers picture: the body, each hip muscle's shape, and the bars."""

    figure: Any
    pose_artists: Any
    shapes: dict[str, Polygon]
    bars: dict[str, Any]
    values: dict[str, Text]
    title: Text
    muscles: dict[str, Muscle]


def draw_lever_figure(pose: Pose, body: Body, variant: str = "bodyweight") -> LeverArtists:
    """The whole body with the hip muscles as shapes (left), their effective levers (mm) as bars (right)."""
    figure = new_figure(8.6, 3.7)
    body_ax = figure.add_axes((0.0, 0.02, 0.5, 0.66))
    bar_ax = figure.add_axes((0.70, 0.13, 0.22, 0.54))
    pose_artists = draw_pose(body_ax, pose, body, variant, angles=False, caption=False)
    for name in ("thigh", "shank", "foot"):  # grey leg, so the muscles stand out on it
        if name in pose_artists.polygons:
            pose_artists.polygons[name].set_facecolor(COLORS["body"])
    body_ax.set_xlim(-0.64 * body.height, 0.52 * body.height)  # the whole body: foot to head and hands
    body_ax.set_ylim(-0.03 * body.height, 0.62 * body.height)  # room for the foot at the top
    muscles = {muscle.id: muscle for muscle in read_muscles() if muscle.id in LEVER_WORDS}
    order = [muscle_id for muscle_id in LEVER_WORDS if muscle_id in muscles]
    shapes: dict[str, Polygon] = {}
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
            zorder=6,
        )
        body_ax.add_patch(shapes[muscle_id])
    bars, values = {}, {}
    for row, muscle_id in enumerate(order):
        role = muscles[muscle_id].role
        (bar,) = bar_ax.barh(
            [row], [0.0], color=COLORS[role], hatch=HATCHES[role], edgecolor=COLORS["outline"], linewidth=0.8
        )
        bars[muscle_id] = bar
        values[muscle_id] = bar_ax.text(0, row, "", va="center", fontsize=FONT_SIZES["small"])
    bar_ax.set_yticks(range(len(order)), [LEVER_WORDS[m] for m in order], fontsize=FONT_SIZES["small"])
    bar_ax.invert_yaxis()
    bar_ax.set_xlim(-10, 95)
    bar_ax.axvline(0, color=COLORS["outline"], linewidth=0.8)
    bar_ax.set_xlabel("effective lever (mm)", fontsize=FONT_SIZES["small"])
    bar_ax.tick_params(axis="x", labelsize=FONT_SIZES["small"])
    bar_ax.set_title("Rajagopal 2016 model", fontsize=FONT_SIZES["small"], color=COLORS["outline"])
    title = figure.text(0.02, 0.97, "", fontsize=FONT_SIZES["title"], fontweight="bold", va="top")
    figure.text(
        0.02,
        0.85,
        fill(EFFECTIVE_LEVER_WORDS, CAPTION_WIDTH_CHARS) + "\n"
        "Thick outline: the best effective lever. Shapes are schematic; hatched bars: synergists.",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        va="top",
    )
    return LeverArtists(figure, pose_artists, shapes, bars, values, title, muscles)


def update_lever_figure(
    artists: LeverArtists, pose: Pose, body: Body, ranking: list[tuple[str, float]]
) -> None:
    """Move the body and the muscles to `pose`, set the bars to `ranking` (m) and name the best lever."""
    update_pose(artists.pose_artists, pose)
    skeleton = artists.pose_artists.skeleton
    best = ranking[0][0]
    for muscle_id, patch in artists.shapes.items():
        patch.set_xy(muscle_outline(skeleton, SHAPES[muscle_id], body.height))
        is_best = muscle_id == best
        patch.set_linewidth(BEST_OUTLINE_WIDTH if is_best else OUTLINE_WIDTH)
        patch.set_linestyle("-" if is_best else ROLE_OUTLINES[artists.muscles[muscle_id].role])
        patch.set_zorder(6.5 if is_best else 6)
    for muscle_id, arm in ranking:
        if muscle_id in artists.bars:
            millimetres = arm * 1000
            artists.bars[muscle_id].set_width(millimetres)
            artists.bars[muscle_id].set_linewidth(2.4 if muscle_id == best else 0.8)
            artists.values[muscle_id].set_text(f"{millimetres:.0f}")
            artists.values[muscle_id].set_x(max(millimetres, 0) + 2)
    artists.title.set_text(
        f"On all fours, {hip_in_words(pose.hip_extension)}:\n"
        f"the {LEVER_WORDS.get(best, best)} has the best effective lever"
    )
