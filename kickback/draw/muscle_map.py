"""The muscle map: the kickback's muscles as shapes on the whole body, by role, named in the margins.

Role is shown three ways: colour, the outline's line style and the word in the callout. Each shape's thin
inner lines run the way its fibres run (the gluteus maximus fans, the obliques run on the diagonal, the
transverse abdominis runs across). SCHEMATIC: placed on the skeleton's joints, not traced from a scan.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.patches import Patch

from ..model.anthropometrics import Body, default_body
from ..model.muscles import ROLES, Muscle, muscles_by_role
from ..model.pose import preset_pose
from ..model.skeleton import Skeleton, build_skeleton
from .body import draw_pose
from .course_figure import CourseFigure
from .muscle_shapes import ROLE_OUTLINES, SHAPES, draw_muscle_shape, muscle_anchor
from .style import COLORS, FONT_SIZES, new_figure, styled

ROLE_TITLES: dict[str, str] = {
    "primary_mover": "Primary mover",
    "synergist": "Synergist (assists)",
    "stabilizer": "Stabilizer (holds still)",
}
ROLE_STYLE_WORDS: dict[str, str] = {
    "primary_mover": "solid outline",
    "synergist": "dashed outline",
    "stabilizer": "dotted outline",
}


def callout_text(muscle: Muscle) -> str:
    """A callout's words: the muscle's name (wrapped) and its role, 'deep' where it lies under another."""
    role = ROLE_TITLES[muscle.role].split(" (")[0].lower()
    where = f", {SHAPES[muscle.id].where}" if SHAPES[muscle.id].where else ""
    return "\n".join(textwrap.wrap(muscle.name, 16)) + f"\n{role}{where}"


def callout_heights(anchors: list[float], *, low: float, high: float) -> list[float]:
    """Heights (figure fraction) for a margin's callouts, in the anchors' order: leaders never cross."""
    order = np.argsort(anchors)[::-1]
    slots = np.linspace(high, low, len(anchors)) if len(anchors) > 1 else np.array([(low + high) / 2])
    heights = [0.0] * len(anchors)
    for slot, index in zip(slots, order):
        heights[index] = float(slot)
    return heights


def draw_callouts(ax, figure, skeleton: Skeleton, muscles: list[Muscle], height: float) -> None:
    """Name each muscle in the margin beside the body, with a thin leader line to the shape."""
    for side, x_text, band in (("left", 0.185, (0.30, 0.86)), ("right", 0.815, (0.42, 0.82))):
        chosen = [muscle for muscle in muscles if SHAPES[muscle.id].label_side == side]
        anchors = [muscle_anchor(skeleton, SHAPES[muscle.id], height) for muscle in chosen]
        figure_y = [figure.transFigure.inverted().transform(ax.transData.transform(a))[1] for a in anchors]
        low, high = band
        for muscle, anchor, y in zip(chosen, anchors, callout_heights(figure_y, low=low, high=high)):
            ax.annotate(
                callout_text(muscle),
                xy=tuple(anchor),
                xytext=(x_text, y),
                textcoords="figure fraction",
                ha="right" if side == "left" else "left",
                va="center",
                fontsize=FONT_SIZES["label"],
                color=COLORS["outline"],
                linespacing=1.1,
                annotation_clip=False,
                zorder=8,
                arrowprops={
                    "arrowstyle": "-",
                    "color": COLORS["outline"],
                    "linewidth": 0.9,
                    "shrinkA": 3,
                    "shrinkB": 0,
                },
            )
            ax.plot(*anchor, "o", color=COLORS["outline"], markersize=3.2, zorder=8)


@styled
def build_muscle_map(body: Body | None = None) -> CourseFigure:
    """The muscles of the kickback as shapes on the whole body at the top of a cable kickback, by role."""
    body = body or default_body()
    pose = preset_pose("cable", "correct_top")
    figure = new_figure(9.0, 8.2)
    ax = figure.add_axes((0.19, 0.10, 0.62, 0.83))
    artists = draw_pose(ax, pose, body, "cable", angles=False, caption=False)
    for name in ("thigh", "shank", "foot"):  # grey leg, so the muscles stand out on it
        if name in artists.polygons:
            artists.polygons[name].set_facecolor(COLORS["body"])
    if "spine" in artists.lines:
        artists.lines["spine"].set_visible(False)
    height = body.height
    ax.set_xlim(-0.43 * height, 0.46 * height)
    ax.set_ylim(-0.02 * height, 1.00 * height)
    ax.set_aspect("equal", adjustable="box")
    skeleton = build_skeleton(pose, body, "cable")
    groups = muscles_by_role()
    shown = [muscle for role in ROLES for muscle in groups[role] if muscle.id in SHAPES]
    for muscle in shown:
        draw_muscle_shape(ax, skeleton, muscle, height)
    draw_callouts(ax, figure, skeleton, shown, height)
    figure.legend(
        handles=[
            Patch(
                facecolor=COLORS[role],
                edgecolor=COLORS["outline"],
                linestyle=ROLE_OUTLINES[role],
                linewidth=1.4,
                label=f"{ROLE_TITLES[role]}: {ROLE_STYLE_WORDS[role]}",
            )
            for role in ROLES
        ],
        loc="lower center",
        bbox_to_anchor=(0.5, 0.045),
        ncol=3,
        frameon=False,
        fontsize=FONT_SIZES["small"] + 0.5,
        handlelength=2.4,
        handleheight=1.2,
        columnspacing=1.2,
    )
    figure.text(
        0.5,
        0.008,
        "Schematic: shapes placed on the skeleton, not traced. White lines run the way the fibres run.\n"
        "The three hamstrings are drawn side by side; in the body two of them lie on the inner thigh.",
        ha="center",
        va="bottom",
        fontsize=FONT_SIZES["small"] + 0.5,
        color=COLORS["outline"],
        linespacing=1.2,
    )
    figure.suptitle(
        "The gluteus maximus drives the kickback;\nthe hamstrings assist and the core holds the trunk still",
        fontsize=FONT_SIZES["title"] + 1,
        fontweight="bold",
        y=0.99,
        va="top",
        linespacing=1.2,
    )
    return CourseFigure(name="muscle_map", figure=figure, alt_text=describe_muscle_map(groups))


def describe_muscle_map(groups: dict[str, list[Muscle]]) -> str:
    """Alt text for the muscle map, listing each role's muscles in the figure's order."""
    parts = [
        "Side view of a whole person at the top of a standing cable kickback, the working leg pushed back, "
        "with the muscles drawn as shapes and named in the margins. The gluteus maximus is a broad fan "
        "from the back of the pelvis to the upper thigh; the gluteus medius and minimus sit above and in "
        "front of it; the three hamstrings run as separate bands down the back of the thigh and cross the "
        "knee; the erector spinae runs along the back; the obliques run diagonally on the side of the "
        "trunk and the transverse abdominis across the belly."
    ]
    if any(muscle.id == "addmag" for role in ROLES for muscle in groups[role]):
        parts.append("The adductor magnus runs down the inner thigh, in front of the hamstrings.")
    for role in ROLES:
        names = ", ".join(muscle.name.lower() for muscle in groups[role])
        parts.append(f"{ROLE_TITLES[role]}, with a {ROLE_STYLE_WORDS[role]}: {names}.")
    return " ".join(parts)
