"""The muscle map: the kickback's muscles drawn on the body, by role, with numbered callouts."""

from __future__ import annotations

import numpy as np

from ..model.anthropometrics import Body, default_body
from ..model.muscles import ROLES, muscles_by_role
from ..model.pose import preset_pose
from ..model.skeleton import build_skeleton
from .body import draw_pose
from .course_figure import CourseFigure
from .muscles import muscle_line
from .style import COLORS, FONT_SIZES, new_figure, styled

ROLE_TITLES: dict[str, str] = {
    "primary_mover": "Primary mover",
    "synergist": "Synergists (assist)",
    "stabilizer": "Stabilizers",
}
ROLE_WIDTHS: dict[str, float] = {"primary_mover": 14.0, "synergist": 5.0, "stabilizer": 5.0}
# Dash patterns for thick muscle lines (matplotlib scales dashes by line width).
ROLE_DASHES: dict[str, object] = {
    "primary_mover": "-",
    "synergist": (0, (2.2, 1.0)),
    "stabilizer": (0, (0.4, 1.1)),
}


@styled
def build_muscle_map(body: Body | None = None) -> CourseFigure:
    """The muscles of the kickback on a side view, by role: colour, line style and a number each."""
    body = body or default_body()
    pose = preset_pose("cable", "correct_top")
    figure = new_figure(11.0, 6.6)
    ax = figure.add_axes((0.0, 0.0, 0.55, 0.92))
    artists = draw_pose(ax, pose, body, "cable", angles=False, caption=False)
    for name in ("thigh", "shank", "foot"):
        artists.polygons[name].set_facecolor(COLORS["body"])
    artists.lines["spine"].set_visible(False)
    height = body.height
    ax.set_xlim(-0.50 * height, 0.30 * height)
    ax.set_ylim(0.20 * height, 1.02 * height)
    skeleton = build_skeleton(pose, body, "cable")
    groups = muscles_by_role()
    legend_ax = figure.add_axes((0.57, 0.0, 0.42, 0.92))
    legend_ax.set_axis_off()
    label_y = 0.96
    number = 0
    placed: list[np.ndarray] = []
    for role in ROLES:
        legend_ax.plot(
            [0.0, 0.10],
            [label_y, label_y],
            color=COLORS[role],
            linestyle=ROLE_DASHES[role],
            linewidth=ROLE_WIDTHS[role],
            solid_capstyle="round",
            dash_capstyle="round",
            transform=legend_ax.transAxes,
        )
        legend_ax.text(
            0.14,
            label_y,
            ROLE_TITLES[role],
            fontsize=FONT_SIZES["label"] + 1,
            fontweight="bold",
            color=COLORS["outline"],
            va="center",
            transform=legend_ax.transAxes,
        )
        label_y -= 0.07
        for muscle in groups[role]:
            number += 1
            line = muscle_line(skeleton, muscle, height)
            ax.plot(
                line[:, 0],
                line[:, 1],
                color=COLORS[role],
                linestyle=ROLE_DASHES[role],
                linewidth=ROLE_WIDTHS[role],
                solid_capstyle="round",
                dash_capstyle="round",
                zorder=6,
                alpha=0.95,
            )
            ax.plot(
                line[:, 0],
                line[:, 1],
                "o",
                color=COLORS[role],
                markeredgecolor=COLORS["outline"],
                markersize=5,
                zorder=6.1,
            )
            middle = place_number(line, placed, 0.045 * height)
            placed.append(middle)
            ax.text(
                *middle,
                str(number),
                fontsize=FONT_SIZES["small"],
                fontweight="bold",
                ha="center",
                va="center",
                zorder=7,
                bbox={
                    "boxstyle": "circle,pad=0.18",
                    "facecolor": "white",
                    "edgecolor": COLORS[role],
                    "linewidth": 1.5,
                },
            )
            legend_ax.text(
                0.04,
                label_y,
                str(number),
                fontsize=FONT_SIZES["small"],
                fontweight="bold",
                ha="center",
                va="center",
                transform=legend_ax.transAxes,
                bbox={
                    "boxstyle": "circle,pad=0.18",
                    "facecolor": "white",
                    "edgecolor": COLORS[role],
                    "linewidth": 1.5,
                },
            )
            legend_ax.text(
                0.14,
                label_y,
                muscle.name,
                fontsize=FONT_SIZES["label"],
                va="center",
                transform=legend_ax.transAxes,
            )
            label_y -= 0.06
        label_y -= 0.03
    legend_ax.text(
        0.0,
        0.01,
        (
            "Lines of pull are schematic, drawn from origin to insertion.\n"
            "Roles as the course article names them."
        ),
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
        transform=legend_ax.transAxes,
        va="bottom",
    )
    figure.suptitle(
        "The muscles of the kickback, by role", fontsize=FONT_SIZES["title"] + 1, fontweight="bold"
    )
    return CourseFigure(name="muscle_map", figure=figure, alt_text=describe_muscle_map(groups))


def place_number(line: np.ndarray, placed: list[np.ndarray], spacing: float) -> np.ndarray:
    """A point on `line` for a muscle's number, away from numbers already placed (so none overlap)."""
    for fraction in (0.5, 0.3, 0.7, 0.15, 0.85):
        point = line[0] + fraction * (line[1] - line[0])
        if all(np.hypot(*(point - other)) >= spacing for other in placed):
            return point
    return line[0] + 0.5 * (line[1] - line[0])


def describe_muscle_map(groups: dict) -> str:
    """Alt text for the muscle map, listing each role's muscles in the figure's order."""
    parts = [
        "Side view of the hips and trunk of a person at the top of a standing cable kickback, "
        "with the muscles drawn as numbered lines of pull."
    ]
    styles = {
        "primary_mover": "a thick solid line",
        "synergist": "dashed lines",
        "stabilizer": "dotted lines",
    }
    for role in ROLES:
        names = ", ".join(muscle.name.lower() for muscle in groups[role])
        parts.append(f"{ROLE_TITLES[role]}, drawn as {styles[role]}: {names}.")
    return " ".join(parts)
