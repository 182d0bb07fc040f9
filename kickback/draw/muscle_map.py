"""The muscle map: the kickback's muscles as shapes on the body, by role, with bony landmarks, named outside.

A close-up from the ribs to the knee carries the muscles, the landmarks that fix where each one sits
(the iliac crest, the sacrum, the greater trochanter, the lower ribs, the knee joint line and the head
of the fibula) and the callouts; in its empty upper left, behind the back, the whole body with the
same shapes shows where the close-up is. Role is shown three ways: colour, the outline's line style
and the word in the callout. Thin white lines run the way the fibres run. SCHEMATIC: placed on the
skeleton's joints, not traced.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon, Rectangle

from ..model.anthropometrics import Body, default_body
from ..model.muscles import ROLES, Muscle, muscles_by_role
from ..model.pose import preset_pose
from ..model.skeleton import Skeleton, build_skeleton
from .body import draw_pose
from .context_muscles import CONTEXT, draw_context_muscle
from .course_figure import CourseFigure
from .muscle_shapes import (
    ITB_SHAPE,
    LANDMARKS,
    ROLE_OUTLINES,
    SHAPES,
    draw_muscle_shape,
    landmark_points,
    muscle_anchor,
    muscle_outline,
)
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
BONE = "#F3EAD3"  # ivory: bone, apart from every role colour and the grey body
TENDON = "#FFFFFF"
CONTEXT_WORDS = "Other muscle, for context: grey"
FIGURE_SIZE = (9.0, 10.2)  # inches
CLOSE_UP = ((-0.215, 0.135), (0.245, 0.76))  # (x0, x1), (y0, y1) of the close-up, × body height
CLOSE_UP_BOX = (0.175, 0.142, 0.60, 0.7686)  # figure fraction: left, bottom, width, height
WHOLE_BOX = (0.183, 0.7089, 0.18, 0.1922)  # in the close-up's empty upper left, behind the back
COLUMNS = {"left": (0.165, 0.157, 0.656), "right": (0.785, 0.157, 0.906)}  # x, lowest, highest (fig)


@dataclass(frozen=True)
class Callout:
    """One name in a margin, with the point (data, m) its leader line ends on."""

    text: str
    anchor: np.ndarray
    side: str
    landmark: bool = False
    drop: float = 0.0  # how far below the point the words sit (figure fraction)
    key: str = ""  # what it names, as the shape's gid: "muscle:glmed", "tendon:itb", "landmark:sacrum"


# What a synergist that does not extend the hip does in the kickback (data/muscles.csv, `action`): the
# article lists these as synergists, but their job is to hold still, and for the gluteus medius and
# minimus it is the STANDING side's muscles that do it, not the working side's drawn here.
KICKBACK_JOBS: dict[str, str] = {
    "glmed": "on the standing side it holds the pelvis level",
    "glmin": "with the medius, holds the pelvis level",
    "erector_spinae": "holds the lower back still",
}


def callout_text(muscle: Muscle) -> str:
    """A callout's words: the name (wrapped), the role, where it lies and, if it does not move the leg,
    what it does instead."""
    role = ROLE_TITLES[muscle.role].split(" (")[0].lower()
    details = ", ".join(part for part in (role, SHAPES[muscle.id].where) if part)
    if muscle.id in KICKBACK_JOBS:
        details += f": {KICKBACK_JOBS[muscle.id]}"
    return "\n".join(textwrap.wrap(muscle.name, 17) + textwrap.wrap(details, 21))


def spread_heights(targets: list[float], sizes: list[float], *, low: float, high: float) -> list[float]:
    """Centres (figure fraction) near `targets` for boxes `sizes` tall, in order, none overlapping.

    Keeps the targets' order (so leader lines never cross) and packs from the top down, then pushes
    back up from the bottom if the column overflows.
    """
    order = list(np.argsort(targets)[::-1])
    ys = [0.0] * len(targets)
    previous: int | None = None
    for index in order:
        y = min(targets[index], high - sizes[index] / 2)
        if previous is not None:
            y = min(y, ys[previous] - (sizes[previous] + sizes[index]) / 2)
        ys[index], previous = y, index
    following: int | None = None
    for index in reversed(order):
        y = max(ys[index], low + sizes[index] / 2)
        if following is not None:
            y = max(y, ys[following] + (sizes[following] + sizes[index]) / 2)
        ys[index], following = y, index
    return ys


def along_line(points: np.ndarray, fraction: float) -> np.ndarray:
    """The point `fraction` of the way along a polyline, by length (m)."""
    steps = np.hypot(*np.diff(points, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(steps)]) / steps.sum()
    return np.array([np.interp(fraction, along, points[:, i]) for i in (0, 1)])


def collect_callouts(skeleton: Skeleton, muscles: list[Muscle], height: float) -> list[Callout]:
    """Every name the close-up carries: the muscles, the iliotibial band and the landmarks."""
    found = [
        Callout(
            callout_text(m),
            muscle_anchor(skeleton, SHAPES[m.id], height),
            SHAPES[m.id].label_side,
            drop=SHAPES[m.id].label_drop,
            key=f"muscle:{m.id}",
        )
        for m in muscles
    ]
    itb, words = muscle_anchor(skeleton, ITB_SHAPE, height), "Iliotibial band\n(tendon)"
    found.append(Callout(words, itb, ITB_SHAPE.label_side, drop=ITB_SHAPE.label_drop, key="tendon:itb"))
    for key, landmark in LANDMARKS.items():
        points = landmark_points(skeleton, landmark, height)
        anchor = points.mean(axis=0) if landmark.kind == "bone" else along_line(points, landmark.anchor)
        words = "\n".join(textwrap.wrap(landmark.name, 17))
        found.append(
            Callout(words, anchor, landmark.label_side, True, drop=landmark.label_drop, key=f"landmark:{key}")
        )
    return found


def draw_callouts(ax: Axes, figure: Figure, callouts: list[Callout]) -> None:
    """Name each item in the margin beside the close-up, with a thin leader line to it."""
    fontsize = FONT_SIZES["small"] + 0.5
    line_height = fontsize * 1.18 / 72 / figure.get_figheight()
    to_figure = figure.transFigure.inverted()
    for side, (x_text, low, high) in COLUMNS.items():
        chosen = [c for c in callouts if c.side == side]
        targets = [float(to_figure.transform(ax.transData.transform(c.anchor))[1]) - c.drop for c in chosen]
        sizes = [line_height * (c.text.count("\n") + 1) + 0.012 for c in chosen]
        for callout, y in zip(chosen, spread_heights(targets, sizes, low=low, high=high)):
            colour = "#5A4A2A" if callout.landmark else COLORS["outline"]
            figure.text(
                x_text,
                y,
                callout.text,
                ha="right" if side == "left" else "left",
                va="center",
                fontsize=fontsize,
                fontstyle="italic" if callout.landmark else "normal",
                color=colour,
                linespacing=1.05,
                zorder=9,
                gid="callout",
            )
            ax.annotate(  # the leader line alone, from the words' edge to the point they name
                "",
                xy=tuple(callout.anchor),
                xytext=(x_text + (-0.004 if side == "right" else 0.004), y),
                textcoords="figure fraction",
                annotation_clip=False,
                zorder=9,
                gid=f"leader:{callout.key}",
                arrowprops={
                    "arrowstyle": "-",
                    "color": colour,
                    "linewidth": 0.8,
                    "linestyle": (0, (3, 1.5)) if callout.landmark else "-",
                    "shrinkA": 0,
                    "shrinkB": 0,
                },
            )
            ax.plot(*callout.anchor, "o", color=colour, markersize=2.8, zorder=9)


def draw_landmarks(ax: Axes, skeleton: Skeleton, height: float) -> None:
    """The bony landmarks in ivory over the muscles: ridges as lines, bones as outlines, the knee line."""
    edge = [patheffects.Stroke(linewidth=3.6, foreground=COLORS["outline"]), patheffects.Normal()]
    for key, landmark in LANDMARKS.items():
        points = landmark_points(skeleton, landmark, height)
        if landmark.kind == "ridge":
            ax.plot(
                *points.T,
                color=BONE,
                linewidth=2.2,
                solid_capstyle="round",
                zorder=7,
                path_effects=edge,
                gid=f"landmark:{key}",
            )
        elif landmark.kind == "bone":
            ax.add_patch(
                Polygon(
                    points,
                    closed=True,
                    facecolor=BONE,
                    alpha=0.45,
                    edgecolor=COLORS["outline"],
                    linewidth=0.9,
                    zorder=7,
                    gid=f"landmark:{key}",
                )
            )
        else:
            ax.plot(
                *points.T,
                color=COLORS["outline"],
                linewidth=1.3,
                linestyle=(0, (2, 1.2)),
                zorder=7,
                gid=f"landmark:{key}",
            )


def draw_muscles(
    ax: Axes, skeleton: Skeleton, muscles: list[Muscle], height: float, *, landmarks: bool
) -> None:
    """Every muscle of the table as a shape, the iliotibial band, and (in the close-up) the landmarks.

    A deep muscle is drawn under the ones over it, and its outline again on top, thin, as if seen
    through them: the gluteus minimus under the medius, the transverse abdominis under the obliques.
    """
    draw_context_muscle(ax, skeleton, height)
    ordered = sorted(muscles, key=lambda m: SHAPES[m.id].layer)
    for muscle in ordered:
        draw_muscle_shape(ax, skeleton, muscle, height)
        if "deep" in SHAPES[muscle.id].where:
            ax.add_patch(
                Polygon(
                    muscle_outline(skeleton, SHAPES[muscle.id], height),
                    closed=True,
                    fill=False,
                    edgecolor=COLORS["outline"],
                    linestyle=ROLE_OUTLINES[muscle.role],
                    linewidth=0.8,
                    alpha=0.85,
                    zorder=6.6,
                    gid=f"seen-through:{muscle.id}",
                )
            )
    ax.add_patch(
        Polygon(
            muscle_outline(skeleton, ITB_SHAPE, height),
            closed=True,
            facecolor=TENDON,
            alpha=0.9,
            edgecolor=COLORS["outline"],
            linewidth=0.8,
            zorder=5.95,
            gid="tendon:itb",
        )
    )
    if landmarks:
        draw_landmarks(ax, skeleton, height)


def draw_body(ax: Axes, body: Body, *, fade_arm: bool = False) -> None:
    """The body at the top of a cable kickback, grey all over so the muscles stand out on it.

    `fade_arm` (the close-up) fades the arm, which only enters the crop's corner and carries no muscle.
    """
    artists = draw_pose(ax, preset_pose("cable", "correct_top"), body, "cable", angles=False, caption=False)
    for name in ("upper_arm", "forearm", "hand"):
        if fade_arm and name in artists.polygons:
            artists.polygons[name].set_alpha(0.3)
    for name in ("thigh", "shank", "foot"):
        if name in artists.polygons:
            artists.polygons[name].set_facecolor(COLORS["body"])
    for name in ("support_thigh", "support_shank", "support_foot"):
        if name in artists.polygons:
            artists.polygons[name].set_gid(f"standing_leg:{name.removeprefix('support_')}")
    if "spine" in artists.lines:
        artists.lines["spine"].set_visible(False)


@styled
def build_muscle_map(body: Body | None = None) -> CourseFigure:
    """The muscles of the kickback as shapes on the body at the top of a cable kickback, by role."""
    body = body or default_body()
    height = body.height
    figure = new_figure(*FIGURE_SIZE)
    skeleton = build_skeleton(preset_pose("cable", "correct_top"), body, "cable")
    groups = muscles_by_role()
    shown = [muscle for role in ROLES for muscle in groups[role] if muscle.id in SHAPES]

    ax = figure.add_axes(CLOSE_UP_BOX)
    draw_body(ax, body, fade_arm=True)
    (x0, x1), (y0, y1) = CLOSE_UP
    ax.set_xlim(x0 * height, x1 * height)
    ax.set_ylim(y0 * height, y1 * height)
    ax.set_aspect("equal", adjustable="box", anchor="C")
    draw_muscles(ax, skeleton, shown, height, landmarks=True)
    draw_callouts(ax, figure, collect_callouts(skeleton, shown, height))
    ax.add_patch(
        Rectangle(
            (0, 0),
            1,
            1,
            transform=ax.transAxes,
            fill=False,
            edgecolor=COLORS["outline"],
            linewidth=0.8,
            zorder=10,
        )
    )

    whole = figure.add_axes(WHOLE_BOX)
    draw_body(whole, body)
    whole.set_xlim(-0.43 * height, 0.46 * height)
    whole.set_ylim(-0.02 * height, 1.00 * height)
    whole.set_aspect("equal", adjustable="box", anchor="NW")
    draw_muscles(whole, skeleton, shown, height, landmarks=False)
    whole.add_patch(
        Rectangle(
            (x0 * height, y0 * height),
            (x1 - x0) * height,
            (y1 - y0) * height,
            fill=False,
            edgecolor=COLORS["outline"],
            linewidth=1.0,
            linestyle=(0, (3, 1.5)),
            zorder=10,
        )
    )
    whole.text(
        0.5,
        -0.02,
        "Whole body; the box\nis the close-up",
        transform=whole.transAxes,
        ha="center",
        va="top",
        fontsize=FONT_SIZES["small"] + 0.5,
        color=COLORS["outline"],
    )
    add_key(figure)
    return CourseFigure(name="muscle_map", figure=figure, alt_text=describe_muscle_map(groups))


def add_key(figure: Figure) -> None:
    """The legend of roles (colour and outline style), the note on what is schematic, and the title."""
    handles = [
        Patch(
            facecolor=COLORS[role],
            edgecolor=COLORS["outline"],
            linestyle=ROLE_OUTLINES[role],
            linewidth=1.4,
            label=f"{ROLE_TITLES[role]}: {ROLE_STYLE_WORDS[role]}",
        )
        for role in ROLES
    ]
    handles.append(Patch(facecolor=BONE, edgecolor=COLORS["outline"], linewidth=0.9, label="Bone (landmark)"))
    handles.append(Patch(facecolor=CONTEXT, edgecolor=COLORS["outline"], linewidth=0.8, label=CONTEXT_WORDS))
    figure.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.072),
        ncol=2,
        frameon=False,
        fontsize=FONT_SIZES["small"] + 0.5,
        handlelength=2.4,
        handleheight=1.1,
        columnspacing=1.5,
    )
    figure.text(
        0.5,
        0.006,
        "Schematic side view of the working side, placed by its landmarks, not traced. White lines run "
        "the way the fibres run.\nA thin outline shows a deep muscle through the ones over it. "
        "Semitendinosus, semimembranosus and\nadductor magnus lie on the inner thigh, seen here through "
        "the leg. The grey muscle under the iliotibial band is the\nvastus lateralis (front of the "
        "thigh): it straightens the knee and does not extend the hip.",
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


def describe_muscle_map(groups: dict[str, list[Muscle]]) -> str:
    """Alt text for the muscle map, listing each role's muscles in the figure's order."""
    parts = [
        "Side view of the working side at the top of a standing cable kickback, the working leg pushed "
        "back: a close-up from the lower ribs to the knee, with a picture of the whole body in its upper "
        "left corner that marks the close-up with a dashed box. The muscles are drawn as shapes and named "
        "in the margins, with bony landmarks in ivory: the iliac crest, the sacrum and coccyx, the greater "
        "trochanter, the lower ribs, the knee joint line and the head of the fibula. The gluteus maximus is"
        " the largest shape, a broad four-sided sheet from the back of the iliac crest, the sacrum and the "
        "coccyx down and forward over the greater trochanter to the iliotibial band and a third of the way "
        "down the femur; its fibres slant down and forward to the femur and the band. The gluteus medius "
        "fans from just below the iliac crest down to the greater trochanter, with the gluteus minimus "
        "under it, lower and further forward. The three hamstrings run as separate bands from the sitting "
        "bone down the back of the thigh and across the knee joint line: the biceps femoris to the head of "
        "the fibula on the outside, the semitendinosus and semimembranosus to the inner side of the tibia. "
        "The biceps femoris, the one nearest the viewer, forms the back of the thigh just below the buttock"
        " and runs slantwise forward to the fibula; behind it the semitendinosus shows along the middle of "
        "the thigh and the semimembranosus just above the knee. "
        "The iliotibial band, a broad white tendon, runs down the middle of the side of the thigh, between "
        "its front and the hamstrings, from under the gluteus maximus to the outer side of the tibia just "
        "below the knee, over the vastus lateralis, drawn in plain grey for context: it straightens the "
        "knee and does not extend the hip. "
        "The erector spinae runs along the back of the spine; the obliques cover the side of the waist "
        "between the lower ribs and the iliac crest, fibres on the diagonal; the transverse abdominis lies "
        "deep across the belly with fibres running around the waist. A deep muscle's outline is also drawn "
        "thin over the muscles that cover it. The callouts add what the gluteus medius and minimus and the "
        "erector spinae do in the kickback: the medius and minimus of the standing side hold the pelvis "
        "level, and the erector spinae holds the lower back still."
    ]
    if any(muscle.id == "addmag" for role in ROLES for muscle in groups[role]):
        parts.append("The adductor magnus lies deep on the inner thigh and ends just above the knee.")
    for role in ROLES:
        names = ", ".join(muscle.name.lower() for muscle in groups[role])
        parts.append(f"{ROLE_TITLES[role]}, with a {ROLE_STYLE_WORDS[role]}: {names}.")
    return " ".join(parts)
