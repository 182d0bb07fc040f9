"""The course's diagrams: build each figure, write its alt text, save PNG and SVG byte-identically."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from ..content.mistakes import read_mistakes
from ..model.anthropometrics import Body, default_body
from ..model.leg_height import split_leg_height
from ..model.muscles import ROLES, muscles_by_role
from ..model.pose import preset_pose
from ..model.skeleton import build_skeleton
from ..model.variants import VARIANTS
from .body import describe_angles, draw_motion_arrow, draw_pose, mark_panel, view_limits
from .committed import ALT_TEXT_FILE, FIGURES_DIR
from .curves import (
    decorate,
    draw_moment_arms,
    draw_profile,
    profile_cases,
    update_profile,
)
from .muscles import muscle_line
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure, save_figure, styled

VARIANT_TITLES: dict[str, str] = {
    "cable": "Standing cable kickback",
    "machine": "Machine kickback",
    "bodyweight": "Bodyweight (quadruped) kickback",
}

PANELS: tuple[tuple[str, str, str], ...] = (
    # (preset pose, panel kind, title)
    ("start", "plain", "Start position"),
    ("correct_top", "correct", "Correct top: height from the hip"),
    ("arched_back", "mistake", "Arched back: height borrowed from the spine"),
)


@dataclass(frozen=True)
class CourseFigure:
    """A figure ready to save, with the words that describe it for people who cannot see it."""

    name: str
    figure: Figure
    alt_text: str
    formats: tuple[str, ...] = (".png", ".svg")


@styled
def build_form_figure(variant: str, body: Body | None = None) -> CourseFigure:
    """Start, correct top and arched-back top of one variant, side by side, angles labelled."""
    body = body or default_body()
    (x0, x1), (y0, y1) = view_limits(body, variant)
    panel_width = 4.5
    figure = new_figure(3 * panel_width, panel_width * (y1 - y0) / (x1 - x0) + 1.3)
    axes = figure.subplots(1, 3)
    described = []
    for ax, (preset, kind, title) in zip(axes, PANELS):
        pose = preset_pose(variant, preset)
        draw_pose(ax, pose, body, variant)
        mark_panel(ax, kind, title)
        described.append((title, pose))
    figure.suptitle(f"{VARIANT_TITLES[variant]}: where the height of the leg comes from", fontsize=FONT_SIZES["title"] + 1, fontweight="bold")
    height = figure.get_figheight()
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.45 / height, top=1 - 0.85 / height, wspace=0.06)
    return CourseFigure(name=f"{variant}_form", figure=figure, alt_text=describe_form_figure(variant, described))


def describe_form_figure(variant: str, panels: list) -> str:
    """Alt text for a form figure, written from the same poses the panels draw."""
    parts = [f"{VARIANT_TITLES[variant]}, three side views of a person, working leg in blue."]
    for title, pose in panels:
        height = split_leg_height(pose)
        words = describe_angles(pose)
        marker = "Marked correct with a tick and a solid frame. " if "Correct" in title else ""
        marker = "Marked as a mistake with a cross and a dashed frame. " if "Arched" in title else marker
        parts.append(
            f"{title}: {marker}Hip {pose.hip_extension:.0f} degrees, {words['back'].replace('°', ' degrees')}, "
            f"trunk leaning {pose.trunk_lean:.0f} degrees; {describe_thigh(height.apparent)}."
        )
    return " ".join(parts)


ROLE_TITLES: dict[str, str] = {
    "primary_mover": "Primary mover",
    "synergist": "Synergists (assist)",
    "stabilizer": "Stabilizers",
}
ROLE_WIDTHS: dict[str, float] = {"primary_mover": 14.0, "synergist": 5.0, "stabilizer": 5.0}
# Dash patterns for thick muscle lines (matplotlib scales dashes by line width).
ROLE_DASHES: dict[str, object] = {"primary_mover": "-", "synergist": (0, (2.2, 1.0)), "stabilizer": (0, (0.4, 1.1))}


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
        legend_ax.plot([0.0, 0.10], [label_y, label_y], color=COLORS[role], linestyle=ROLE_DASHES[role], linewidth=ROLE_WIDTHS[role], solid_capstyle="round", dash_capstyle="round", transform=legend_ax.transAxes)
        legend_ax.text(0.14, label_y, ROLE_TITLES[role], fontsize=FONT_SIZES["label"] + 1, fontweight="bold", color=COLORS["outline"], va="center", transform=legend_ax.transAxes)
        label_y -= 0.07
        for muscle in groups[role]:
            number += 1
            line = muscle_line(skeleton, muscle, height)
            ax.plot(line[:, 0], line[:, 1], color=COLORS[role], linestyle=ROLE_DASHES[role], linewidth=ROLE_WIDTHS[role], solid_capstyle="round", dash_capstyle="round", zorder=6, alpha=0.95)
            ax.plot(line[:, 0], line[:, 1], "o", color=COLORS[role], markeredgecolor=COLORS["outline"], markersize=5, zorder=6.1)
            middle = place_number(line, placed, 0.045 * height)
            placed.append(middle)
            ax.text(*middle, str(number), fontsize=FONT_SIZES["small"], fontweight="bold", ha="center", va="center", zorder=7,
                    bbox={"boxstyle": "circle,pad=0.18", "facecolor": "white", "edgecolor": COLORS[role], "linewidth": 1.5})
            legend_ax.text(0.04, label_y, str(number), fontsize=FONT_SIZES["small"], fontweight="bold", ha="center", va="center", transform=legend_ax.transAxes,
                           bbox={"boxstyle": "circle,pad=0.18", "facecolor": "white", "edgecolor": COLORS[role], "linewidth": 1.5})
            legend_ax.text(0.14, label_y, muscle.name, fontsize=FONT_SIZES["label"], va="center", transform=legend_ax.transAxes)
            label_y -= 0.06
        label_y -= 0.03
    legend_ax.text(0.0, 0.01, "Lines of pull are schematic, drawn from origin to insertion.\nRoles as the course article names them.", fontsize=FONT_SIZES["small"], color=COLORS["outline"], transform=legend_ax.transAxes, va="bottom")
    figure.suptitle("The muscles of the kickback, by role", fontsize=FONT_SIZES["title"] + 1, fontweight="bold")
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
    parts = ["Side view of the hips and trunk of a person at the top of a standing cable kickback, with the muscles drawn as numbered lines of pull."]
    styles = {"primary_mover": "a thick solid line", "synergist": "dashed lines", "stabilizer": "dotted lines"}
    for role in ROLES:
        names = ", ".join(muscle.name.lower() for muscle in groups[role])
        parts.append(f"{ROLE_TITLES[role]}, drawn as {styles[role]}: {names}.")
    return " ".join(parts)


def describe_thigh(apparent: float) -> str:
    """The thigh's angle from hanging straight down, in words for alt text."""
    if apparent < -0.5:
        return f"the thigh is {-apparent:.0f} degrees in front of hanging straight down"
    return f"the thigh is {apparent:.0f} degrees behind hanging straight down" if apparent >= 0.5 else "the thigh hangs straight down"


@styled
def build_resistance_figure(body: Body | None = None) -> CourseFigure:
    """Five loads, five torque curves: where each way of loading the kickback is hardest and easiest."""
    body = body or default_body()
    figure = new_figure(16.0, 4.4)
    axes = figure.subplots(1, 5)
    words = []
    for ax, case in zip(axes, profile_cases()):
        artists = draw_profile(ax, case, body)
        words.append(update_profile(ax, artists, case, body))
    axes[0].legend(handles=[artists.total, artists.own_weight], fontsize=FONT_SIZES["small"], loc="upper left", frameon=False)
    figure.suptitle("The same movement, five loads: the torque the hip extensors must produce", fontsize=FONT_SIZES["title"] + 1, fontweight="bold")
    figure.subplots_adjust(left=0.045, right=0.995, bottom=0.14, top=0.80, wspace=0.32)
    alt = (
        "Five line charts of hip-extension torque (newton-metres) against hip extension (degrees) for a 1.75 m, 75 kg person; "
        "a solid line is the total demand, a dotted line the leg's own weight, an upward triangle marks the hardest point "
        "and a downward triangle the easiest. " + " ".join(words)
    )
    return CourseFigure(name="resistance_profiles", figure=figure, alt_text=alt)


@styled
def build_moment_arm_figure() -> CourseFigure:
    """Hip-extension moment arms of the gluteus maximus and hamstrings from two musculoskeletal models."""
    figure = new_figure(9.0, 5.2)
    ax = figure.add_subplot()
    words = draw_moment_arms(ax)
    ax.set_title("Moment arms: how much hip torque each newton of muscle force makes", fontsize=FONT_SIZES["title"], fontweight="bold")
    figure.subplots_adjust(left=0.09, right=0.98, bottom=0.11, top=0.91)
    alt = (
        "Line chart of hip-extension moment arm (millimetres) against hip extension from -100 to 20 degrees, knee straight, "
        "from the Rajagopal 2016 model, with the gait2392 model's gluteus maximus for comparison. " + "; ".join(words) + "."
    )
    return CourseFigure(name="moment_arms", figure=figure, alt_text=alt)


@styled
def build_steps_figure(variant: str, body: Body | None = None) -> CourseFigure:
    """The execution of one variant step by step: each diagram beside its instruction."""
    import textwrap

    from ..content.cues import read_steps

    body = body or default_body()
    steps = [step for step in read_steps(variant, "execution") if step.pose]
    (x0, x1), (y0, y1) = view_limits(body, variant)
    panel_width = 4.2
    figure = new_figure(len(steps) * panel_width, panel_width * (y1 - y0) / (x1 - x0) + 2.0)
    axes = figure.subplots(1, len(steps))
    words = []
    for ax, step in zip(axes, steps):
        pose = preset_pose(variant, step.pose)
        draw_pose(ax, pose, body, variant, caption=False)
        ax.set_title(f"Step {step.order}", fontsize=FONT_SIZES["title"], fontweight="bold", color=COLORS["outline"])
        start, top = (split_leg_height(preset_pose(variant, name)).apparent for name in ("start", "correct_top"))
        hip = build_skeleton(pose, body, variant).joints["hip"]
        reach = body.length("thigh") + 0.75 * body.length("shank")
        if step.order == 1:
            draw_motion_arrow(ax, hip, start + 5, top, reach, "lift")
        elif step.order == len(steps):
            draw_motion_arrow(ax, hip, top, start + 5, reach, "lower slowly")
        ax.text(0.5, -0.02, textwrap.fill(step.text, 44), transform=ax.transAxes, ha="center", va="top", fontsize=FONT_SIZES["label"], color=COLORS["outline"])
        words.append(f"Step {step.order}: {step.text} The drawing shows hip {pose.hip_extension:.0f} degrees, {describe_angles(pose)['back'].replace('°', ' degrees')}.")
    figure.suptitle(f"{VARIANT_TITLES[variant]}, step by step", fontsize=FONT_SIZES["title"] + 1, fontweight="bold")
    height = figure.get_figheight()
    figure.subplots_adjust(left=0.01, right=0.99, bottom=1.25 / height, top=1 - 0.75 / height, wspace=0.05)
    alt = f"{VARIANT_TITLES[variant]} in {len(steps)} side-view drawings, working leg in blue, each with its instruction below. " + " ".join(words)
    return CourseFigure(name=f"{variant}_steps", figure=figure, alt_text=alt)


MISTAKE_POSES: dict[str, tuple[str, str]] = {
    "arched_back": ("correct_top", "arched_back"),
    "incomplete_rom": ("correct_top", "too_little_range"),
    "pelvic_rotation": ("correct_top", "pelvis_rotated"),
}
MISTAKE_TRACES: dict[str, tuple[str, str]] = {
    # which angle shows the mistake over time, and its label
    "momentum": ("hip_extension", "hip extension (°)"),
    "excessive_load": ("hip_extension", "hip extension (°)"),
    "weak_core": ("trunk_lean", "trunk lean (°)"),
}


@styled
def build_mistake_figure(mistake: str, body: Body | None = None) -> CourseFigure:
    """Correct (✓, solid) beside the mistake (✗, dashed), for the variant where it shows best."""
    from .pelvis import draw_pelvis_from_above

    body = body or default_body()
    row = read_mistakes()[mistake]
    variant = row["figure_variant"]
    if mistake in MISTAKE_POSES:
        (x0, x1), (y0, y1) = view_limits(body, variant)
        figure = new_figure(9.0, 4.5 * (y1 - y0) / (x1 - x0) + 1.2)
        axes = figure.subplots(1, 2)
        words = []
        for ax, preset, kind in zip(axes, MISTAKE_POSES[mistake], ("correct", "mistake")):
            pose = preset_pose(variant, preset)
            draw_pose(ax, pose, body, variant)
            mark_panel(ax, kind, "Correct" if kind == "correct" else row["title"])
            if mistake == "pelvic_rotation":
                draw_pelvis_from_above(ax.inset_axes((0.60, 0.70, 0.39, 0.29)), pose.pelvic_rotation)
            words.append(f"{'Correct' if kind == 'correct' else row['title']}: hip {pose.hip_extension:.0f} degrees, "
                         f"{describe_angles(pose)['back'].replace('°', ' degrees')}, pelvis turned {pose.pelvic_rotation:.0f} degrees.")
        height = figure.get_figheight()
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.45 / height, top=1 - 0.8 / height, wspace=0.05)
    else:
        from ..form.simulate import simulate_set

        angle, label = MISTAKE_TRACES[mistake]
        reps = 8 if mistake == "excessive_load" else 3
        figure = new_figure(11.0, 3.6)
        axes = figure.subplots(1, 2, sharex=True, sharey=True)
        words = []
        for ax, label_set, kind in zip(axes, (None, mistake), ("correct", "mistake")):
            recording = simulate_set(variant, label_set, reps=reps, seed=1, noise_deg=0.5)
            values = recording.angles[angle]
            ax.plot(recording.time_s, values, color=COLORS[kind], linestyle=LINESTYLES[kind], linewidth=2.0)
            decorate(ax, xlabel="time (s)", ylabel=label if kind == "correct" else "")
            mark_panel(ax, kind, "Correct: 2-1-3 tempo" if kind == "correct" else row["title"])
            words.append(f"{'Correct' if kind == 'correct' else row['title']}: {label} from {values.min():.0f} to {values.max():.0f} over {recording.time_s[-1]:.0f} seconds.")
        figure.subplots_adjust(left=0.07, right=0.99, bottom=0.16, top=0.82, wspace=0.06)
    figure.suptitle(f"{row['title']} ({VARIANT_TITLES[variant].lower()})", fontsize=FONT_SIZES["title"] + 1, fontweight="bold")
    alt = f"{row['title']}, shown on the {VARIANT_TITLES[variant].lower()}: correct on the left (tick, solid line), the mistake on the right (cross, dashed line). " + " ".join(words)
    return CourseFigure(name=f"mistake_{mistake}", figure=figure, alt_text=alt)


@styled
def build_cue_card(variant: str, body: Body | None = None) -> CourseFigure:
    """A printable cue card: correct top beside the arched back, and the variant's three most important cues."""
    from ..content.cues import top_cues

    body = body or default_body()
    figure = new_figure(8.27, 5.83)  # A5 landscape, in inches
    axes = figure.subplots(1, 2)
    for ax, (preset, kind, title) in zip(axes, PANELS[1:]):
        draw_pose(ax, preset_pose(variant, preset), body, variant, caption=False)
        mark_panel(ax, kind, title.split(":")[0])
    cues = top_cues(variant)
    lines = "\n".join(f"{i}.  {cue.text}" for i, cue in enumerate(cues, start=1))
    figure.text(0.05, 0.04, lines, fontsize=FONT_SIZES["title"], va="bottom", ha="left", color=COLORS["outline"], linespacing=1.6)
    figure.suptitle(f"{VARIANT_TITLES[variant]}: cue card", fontsize=FONT_SIZES["title"] + 3, fontweight="bold")
    figure.subplots_adjust(left=0.02, right=0.98, bottom=0.30, top=0.84, wspace=0.06)
    alt = (f"Cue card for the {VARIANT_TITLES[variant].lower()}: the correct top position (tick, solid frame) beside the arched back "
           f"(cross, dashed frame), and three cues: " + " ".join(f"{i}. {cue.text}" for i, cue in enumerate(cues, start=1)))
    return CourseFigure(name=f"cue_card_{variant}", figure=figure, alt_text=alt, formats=(".png", ".pdf"))


def build_figures() -> list[CourseFigure]:
    """Every diagram of the course, in a fixed order."""
    forms = [build_form_figure(variant) for variant in VARIANTS]
    steps = [build_steps_figure(variant) for variant in VARIANTS]
    mistakes = [build_mistake_figure(mistake) for mistake in read_mistakes()]
    cards = [build_cue_card(variant) for variant in VARIANTS]
    return forms + steps + mistakes + [build_muscle_map(), build_resistance_figure(), build_moment_arm_figure()] + cards


def write_figures(folder: Path = FIGURES_DIR) -> list[Path]:
    """Save every figure as PNG and SVG into `folder`, with `alt_text.json`; return the paths written.

    Files are written to a temporary name first and moved into place, so an error never
    leaves a half-written figure behind.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    alt_texts: dict[str, str] = {}
    for item in build_figures():
        for suffix in item.formats:
            path = folder / f"{item.name}{suffix}"
            partial = folder / f".partial-{item.name}{suffix}"
            save_figure(item.figure, partial)
            partial.replace(path)
            written.append(path)
        alt_texts[item.name] = item.alt_text
    alt_path = folder / ALT_TEXT_FILE
    alt_path.write_text(json.dumps(alt_texts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(alt_path)
    return written
