"""The form diagrams: start, correct top and arched back, the steps, each mistake (cue cards: `cue_card`)."""

from __future__ import annotations

import re

import numpy as np
from matplotlib.path import Path

from ..content.mistakes import read_mistakes
from ..model.anthropometrics import Body, default_body
from ..model.pose import Pose, preset_pose
from ..model.skeleton import build_skeleton
from ..model.variants import QUADRUPED
from .artists import PoseArtists
from .body import (
    body_paths,
    describe_angles,
    describe_chest_tip,
    draw_pose,
    drawn_leg_height,
    update_pose,
    view_limits,
)
from .course_figure import VARIANT_TITLES, CourseFigure, describe_thigh
from .cue_card import build_cue_card
from .machine import describe_machine
from .pose_marks import blend, draw_ghost, draw_trail, mark_lower_back
from .set_timeline import draw_mistake_traces
from .shapes import mark_panel
from .style import COLORS, FONT_SIZES, new_figure, styled

PANELS: tuple[tuple[str, str, str], ...] = (
    # (preset pose, panel kind, title)
    ("start", "plain", "Start"),
    ("correct_top", "correct", "Correct top"),
    ("arched_back", "mistake", "Arched back"),
)
FIGURE_WIDTH = 9.6  # inches: shown 900 px wide, 8.5 pt text is still 11 px (draw/style.py)


def _panel_height(body: Body, variant: str, width: float) -> float:
    """Height (inches) of a side-view panel `width` inches wide, at the variant's aspect."""
    (x0, x1), (y0, y1) = view_limits(body, variant)
    return width * (y1 - y0) / (x1 - x0)


def chest_offset(variant: str, reference: Pose, shown: Pose, body: Body) -> np.ndarray:
    """How far (metres, x and y) to move a ghost of `reference` so its chest (C7) sits on `shown`'s.

    Standing, an arch moves the chest as well as the pelvis; a ghost left where it is would make the
    head and shoulders look moved too. Set on the chest, the ghost differs only where the fault is:
    the lower back, the pelvis and the leg. On all fours the hands and shoulders hold the chest
    already (the model keeps them still), so there is nothing to move.
    """
    if variant == QUADRUPED:
        return np.zeros(2)
    shown_c7 = np.array(build_skeleton(shown, body, variant).joints["c7"], dtype=float)
    reference_c7 = np.array(build_skeleton(reference, body, variant).joints["c7"], dtype=float)
    return shown_c7 - reference_c7


def draw_aligned_ghost(ax, reference: Pose, shown: Pose, body: Body, variant: str) -> PoseArtists:
    """`draw_ghost` of `reference`, shifted by `chest_offset` so it lines up with `shown` at the chest."""
    ghost = draw_ghost(ax, reference, body, variant)
    offset = chest_offset(variant, reference, shown, body)
    for patch in ghost.polygons.values():
        patch.set_xy(np.asarray(patch.get_xy(), dtype=float) + offset)
    return ghost


def _draw_arched_panel(
    ax, variant: str, body: Body, *, angles: bool = True, caption: bool = True
) -> tuple[PoseArtists, PoseArtists]:
    """The arched-back pose, a ghost of the correct top set on its chest, and the lower back hatched."""
    shown = preset_pose(variant, "arched_back")
    artists = draw_pose(ax, shown, body, variant, angles=angles, caption=caption)
    ghost = draw_aligned_ghost(ax, preset_pose(variant, "correct_top"), shown, body, variant)
    before = set(ax.patches)
    mark_lower_back(artists)
    if angles:  # place the labels again, off the ghost and the hatched lower back too
        marks = [Path(patch.get_xy(), closed=True) for patch in ax.patches if patch not in before]
        artists.obstacles.extend([*body_paths(ghost), *marks])
        update_pose(artists, shown)
    return artists, ghost


@styled
def build_form_figure(variant: str, body: Body | None = None) -> CourseFigure:
    """Start, correct top and arched-back top of one variant, side by side, angles labelled.

    The arched panel is the correct top with one change (the lumbar spine), drawn over a faint
    ghost of the correct top, with the lower back hatched.
    """
    body = body or default_body()
    panel = FIGURE_WIDTH / 3
    figure = new_figure(FIGURE_WIDTH, _panel_height(body, variant, panel) + 1.35)
    axes = figure.subplots(1, 3)
    height = figure.get_figheight()
    caption_room = (
        0.8 if variant == QUADRUPED else 0.5
    )  # on all fours the arched caption says why the chest tips
    figure.set_size_inches(FIGURE_WIDTH, height + caption_room - 0.5)
    height = figure.get_figheight()
    figure.subplots_adjust(
        left=0.01, right=0.99, bottom=caption_room / height, top=1 - 0.78 / height, wspace=0.04
    )
    described = []
    for ax, (preset, kind, title) in zip(axes, PANELS):
        pose = preset_pose(variant, preset)
        if preset == "arched_back":
            _draw_arched_panel(ax, variant, body)
        else:
            draw_pose(ax, pose, body, variant)
        mark_panel(ax, kind, title)
        described.append((title, pose))
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}: where the height of the leg comes from",
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
    )
    return CourseFigure(
        name=f"{variant}_form", figure=figure, alt_text=describe_form_figure(variant, described, body)
    )


def _tip_words(pose: Pose, height) -> str:
    """The caption's note on the chest tipping (all fours, back arched), for alt text; "" if none."""
    note = describe_chest_tip(pose, height).replace("\n", " ").strip()
    return f" {note.replace('°', ' degrees')}" if note else ""


def describe_form_figure(variant: str, panels: list, body: Body | None = None) -> str:
    """Alt text for a form figure, written from the same poses and skeletons the panels draw."""
    body = body or default_body()
    parts = [f"{VARIANT_TITLES[variant]}, three side views of a person, working leg in blue."]
    if variant == "machine":
        parts.append(describe_machine())
    for title, pose in panels:
        height = drawn_leg_height(pose, build_skeleton(pose, body, variant))
        words = describe_angles(pose, height)
        marker = "Marked correct with a tick and a solid frame. " if "Correct" in title else ""
        if "Arched" in title:
            marker = (
                "Marked as a mistake with a cross and a dashed frame; a dashed grey ghost of the correct top "
                "is drawn over it and the lower back is hatched. "
            )
        parts.append(
            f"{title}: {marker}{words['hip'].replace('°', ' degrees').capitalize()}, "
            f"{words['back'].replace('°', ' degrees')}, "
            f"trunk leaning {height.trunk:.0f} degrees{_tip_words(pose, height)}; "
            f"{describe_thigh(height.apparent)}."
        )
    return " ".join(parts)


STEP_PHASES: tuple[tuple[str, float, str], ...] = (
    # (title, least share of the way from start to top, which way the leg moves); the moving steps are
    # pushed further along where the foot would still be on the floor (`step_shares`)
    ("Set up", 0.0, ""),
    ("Lift", 0.45, "up"),
    ("Top", 1.0, ""),
    ("Lower", 0.25, "down"),
)
FOOT_CLEARANCE = (
    0.05  # m: in a moving step the working foot's lowest point is at least this far off the floor
)


def foot_clearance(pose: Pose, body: Body, variant: str) -> float:
    """How high (m) the working foot's lowest point (toe or heel) is above the floor, or the mat's top."""
    joints = build_skeleton(pose, body, variant).joints
    return float(min(joints["toe"][1], joints["heel"][1]))


def step_shares(variant: str, body: Body) -> list[float]:
    """The share of the way from start to top each step panel shows.

    A moving step (lift, lower) must show the foot clearly off the floor, or the leg looks as if it
    drags: its share is at least the first at which the foot clears the floor by FOOT_CLEARANCE. Lift
    and lower are kept apart, so the two panels differ.
    """
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    grid = np.linspace(0.0, 1.0, 81)
    clear = next(
        (float(s) for s in grid if foot_clearance(blend(start, top, s), body, variant) >= FOOT_CLEARANCE), 1.0
    )
    lift = max(STEP_PHASES[1][1], clear)
    lower = max(STEP_PHASES[3][1], clear)
    if abs(lift - lower) < 0.1:
        lower = lift + (1.0 - lift) / 2
    return [STEP_PHASES[0][1], lift, STEP_PHASES[2][1], lower]


def in_words(label: str) -> str:
    """An angle label for alt text: "°" spelt out, singular for 1 ("hip extended 1 degree")."""
    words = label.replace("°", " degrees")
    return re.sub(r"(?<![\d.])1 degrees", "1 degree", words)


def _step_texts(variant: str) -> list[str]:
    """The words under each step panel: the set-up step with a pose, then the execution steps."""
    from ..content.cues import read_steps

    setup = [step.text for step in read_steps(variant, "setup") if step.pose]
    execution = [step.text for step in read_steps(variant, "execution") if step.pose]
    return [setup[-1] if setup else execution[0], *execution]


@styled
def build_steps_figure(variant: str, body: Body | None = None) -> CourseFigure:
    """Set-up, lift, top and lower, each its own pose, with the ankle's path as a motion trail."""
    import textwrap

    body = body or default_body()
    start, top = preset_pose(variant, "start"), preset_pose(variant, "correct_top")
    texts = _step_texts(variant)
    panel = FIGURE_WIDTH / 4
    figure = new_figure(FIGURE_WIDTH, _panel_height(body, variant, panel) + 1.75)
    axes = figure.subplots(1, 4)
    height = figure.get_figheight()
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.95 / height, top=1 - 0.7 / height, wspace=0.04)
    words = []
    shares = step_shares(variant, body)
    for number, (ax, (title, _, way), share, text) in enumerate(
        zip(axes, STEP_PHASES, shares, texts), start=1
    ):
        pose = blend(start, top, share)
        draw_pose(ax, pose, body, variant, angles=False, caption=False)
        if way:
            path = [blend(start, top, s) for s in np.linspace(0.0 if way == "up" else 1.0, share, 9)]
            draw_trail(ax, path, body, variant)
        ax.set_title(
            f"{number}. {title}", fontsize=FONT_SIZES["title"], fontweight="bold", color=COLORS["outline"]
        )
        ax.text(
            0.5,
            -0.02,
            textwrap.fill(text, 30),
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
        )
        words.append(
            f"Step {number}, {title.lower()}: {text} The drawing shows "
            f"{in_words(describe_angles(pose)['hip'])}, {in_words(describe_angles(pose)['back'])}"
            + (f", with a dotted trail of the ankle moving {way}." if way else ".")
        )
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}, step by step", fontsize=FONT_SIZES["title"], fontweight="bold"
    )
    alt = (
        f"{VARIANT_TITLES[variant]} in 4 side-view drawings (set up, lift, top, lower), working leg in blue, "
        "each with its instruction below. " + " ".join(words)
    )
    return CourseFigure(name=f"{variant}_steps", figure=figure, alt_text=alt)


MISTAKE_POSES: dict[str, tuple[str, str]] = {
    "arched_back": ("correct_top", "arched_back"),
    "incomplete_rom": ("correct_top", "too_little_range"),
    "pelvic_rotation": ("correct_top", "pelvis_rotated"),
}

REGION_WORDS: dict[str, str] = {
    "arched_back": "the lower back arches",
    "incomplete_rom": "the thigh stops short",
}


def _side_mistake_panels(figure, mistake: str, variant: str, body: Body, title: str) -> list[str]:
    """Correct top beside the fault's pose (one change), ghost of the correct top over the fault."""
    axes = figure.subplots(1, 2)
    height = figure.get_figheight()
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.5 / height, top=1 - 0.78 / height, wspace=0.04)
    correct_name, fault_name = MISTAKE_POSES[mistake]
    words = []
    for ax, preset, kind in zip(axes, (correct_name, fault_name), ("correct", "mistake")):
        pose = preset_pose(variant, preset)
        if kind == "mistake" and mistake == "arched_back":
            _draw_arched_panel(ax, variant, body)
        else:
            ghost = (
                draw_ghost(ax, preset_pose(variant, correct_name), body, variant)
                if kind == "mistake"
                else None
            )
            draw_pose(ax, pose, body, variant, obstacles=body_paths(ghost) if ghost else None)
        mark_panel(ax, kind, "Correct" if kind == "correct" else title)
        angles = describe_angles(pose)
        words.append(
            f"{'Correct' if kind == 'correct' else title}: {angles['hip'].replace('°', ' degrees')}, "
            f"{angles['back'].replace('°', ' degrees')}"
            + ("; a dashed grey ghost of the correct top is drawn over it." if kind == "mistake" else ".")
        )
    return words


def _rear_mistake_panels(figure, variant: str, body: Body, title: str) -> list[str]:
    """Pelvic rotation and hip hike need a view from behind: a side view, then three rear views."""
    from .pelvis import draw_rear_view, rear_view_description, rear_view_words

    grid = figure.add_gridspec(1, 4, width_ratios=(1.35, 1, 1, 1))
    side = figure.add_subplot(grid[0])
    top = preset_pose(variant, "correct_top")
    draw_pose(side, top, body, variant, caption=False)
    mark_panel(side, "plain", "From the side")
    figure.text(
        0.66,
        0.905,
        "From behind (working side on the right)",
        ha="center",
        va="bottom",
        fontsize=FONT_SIZES["label"],
        color=COLORS["outline"],
    )
    cases = (
        ("correct", "Square, level", top),
        ("mistake", "Turned open", preset_pose(variant, "pelvis_rotated")),
        ("mistake", "Hiked", top.replace(pelvic_hike=12.0)),
    )
    words = [
        "From the side the three look the same (the pelvis turns and tilts across the line of sight): "
        f"{describe_angles(top)['hip'].replace('°', ' degrees')}."
    ]
    for column, (kind, name, pose) in enumerate(cases, start=1):
        ax = figure.add_subplot(grid[column])
        draw_rear_view(ax, pose, body, words=False, variant=variant, sides=False, callouts=True)
        mark_panel(ax, kind, name)
        said = rear_view_description(pose, variant)
        ax.text(
            0.5,
            -0.02,
            rear_view_words(pose),
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
        )
        words.append(f"From behind, {name.lower()}: {said}.")
    return words


@styled
def build_mistake_figure(mistake: str, body: Body | None = None) -> CourseFigure:
    """Correct (✓, solid) beside the mistake (✗, dashed), for the variant where it shows best."""
    body = body or default_body()
    row = read_mistakes()[mistake]
    variant = row["figure_variant"]
    if mistake == "pelvic_rotation":
        figure = new_figure(FIGURE_WIDTH, 4.6)
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.14, top=0.8, wspace=0.08)
        words = _rear_mistake_panels(figure, variant, body, row["title"])
    elif mistake in MISTAKE_POSES:
        figure = new_figure(FIGURE_WIDTH, _panel_height(body, variant, FIGURE_WIDTH / 2) + 1.3)
        words = _side_mistake_panels(figure, mistake, variant, body, row["title"])
    else:
        figure = new_figure(FIGURE_WIDTH, 3.6)
        words = draw_mistake_traces(figure, mistake, variant, row["title"])
    heading = f"{row['title']} on the {VARIANT_TITLES[variant].lower()}"
    figure.suptitle(heading, fontsize=FONT_SIZES["title"], fontweight="bold")
    alt = (
        f"{row['title']}, shown on the {VARIANT_TITLES[variant].lower()}: "
        "correct (tick, solid frame) and the mistake (cross, dashed frame). " + " ".join(words)
    )
    return CourseFigure(name=f"mistake_{mistake}", figure=figure, alt_text=alt)


__all__ = ["build_cue_card", "build_form_figure", "build_mistake_figure", "build_steps_figure"]
