"""The form diagrams: start, correct top and arched back, the steps, each mistake (cue cards: `cue_card`)."""

from __future__ import annotations

import re

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
from .close_up import describe_close_up, draw_close_up
from .course_figure import VARIANT_TITLES, CourseFigure, describe_thigh
from .cue_card import build_cue_card
from .machine import describe_machine
from .mistake_traces import trace_finding_title
from .pose_marks import (
    BACK_LINE_KEY,
    BACK_LINE_WORDS,
    GHOST_KEY,
    TRUNK_LINE_KEY,
    draw_back_line,
    draw_ghost,
    ghost_words,
    key_back_line,
    key_lines,
    mark_lower_back,
    mark_range_short,
)
from .set_timeline import draw_mistake_traces
from .shapes import mark_panel
from .step_poses import draw_step_motion, key_step_motion, knee_key, knee_note, step_poses
from .style import COLORS, FONT_SIZES, new_figure, styled

PANELS: tuple[tuple[str, str, str], ...] = (
    # (preset pose, panel kind, title)
    ("start", "plain", "Start"),
    ("correct_top", "correct", "Correct top"),
    ("arched_back", "mistake", "Arched back"),
)
FIGURE_WIDTH = 9.6  # inches: shown 900 px wide, 8.5 pt text is still 11 px (draw/style.py)
KEY_ROOM = 0.25  # inches along the figure's foot for the one-line key to the back's straight line
FORM_KEY = (BACK_LINE_KEY, TRUNK_LINE_KEY, GHOST_KEY)  # the form figure's key, a line each


def _panel_height(body: Body, variant: str, width: float) -> float:
    """Height (inches) of a side-view panel `width` inches wide, at the variant's aspect."""
    (x0, x1), (y0, y1) = view_limits(body, variant)
    return width * (y1 - y0) / (x1 - x0)


def _draw_correct_panel(ax, variant: str, body: Body, pose: Pose) -> PoseArtists:
    """The correct top, with the straight line along the back the arched panel shows too.

    (The line lies on the back, so the labels need not keep off it: the back label's leader must
    cross it to reach the lumbar spine.)
    """
    artists = draw_pose(ax, pose, body, variant)
    draw_back_line(artists)
    return artists


def _draw_arched_panel(
    ax, variant: str, body: Body, *, angles: bool = True, caption: bool = True
) -> tuple[PoseArtists, PoseArtists]:
    """The arched-back pose, behind it a ghost of the correct top's differing parts (where the model
    puts them: same hip, same stance foot, same handle), the lumbar band of the back hatched, and the
    straight line from sacrum to T12 along the back."""
    shown = preset_pose(variant, "arched_back")
    artists = draw_pose(ax, shown, body, variant, angles=angles, caption=caption)
    ghost = draw_ghost(ax, preset_pose(variant, "correct_top"), body, variant, shown=artists)
    mark = mark_lower_back(artists)
    draw_back_line(artists)
    if angles:  # place the labels again, off the ghost and the hatched lower back too
        artists.obstacles.extend([*body_paths(ghost), Path(mark.get_xy(), closed=True)])
        update_pose(artists, shown)
    return artists, ghost


@styled
def build_form_figure(variant: str, body: Body | None = None) -> CourseFigure:
    """Start, correct top and arched-back top of one variant, side by side, angles labelled.

    The arched panel is the correct top with one change (the lumbar spine), with a faint ghost of
    the correct top's differing parts behind it and the lower back hatched; the correct and the
    arched panels show the same straight line from the tailbone to the bottom of the ribs along the
    back, so the depth of the hollow reads against it (a key below says so).
    """
    body = body or default_body()
    panel = FIGURE_WIDTH / 3
    figure = new_figure(FIGURE_WIDTH, _panel_height(body, variant, panel) + 1.35)
    axes = figure.subplots(1, 3)
    height = figure.get_figheight()
    caption_room = (
        0.65 if variant == QUADRUPED else 0.5
    )  # on all fours the arched caption says why the chest tips
    caption_room += KEY_ROOM * len(FORM_KEY)
    figure.set_size_inches(FIGURE_WIDTH, height + caption_room - 0.5)
    height = figure.get_figheight()
    figure.subplots_adjust(
        left=0.01, right=0.99, bottom=caption_room / height, top=1 - 0.78 / height, wspace=0.04
    )
    described = []
    ghost_parts = ""
    for ax, (preset, kind, title) in zip(axes, PANELS):
        pose = preset_pose(variant, preset)
        if preset == "arched_back":
            ghost_parts = ghost_words(_draw_arched_panel(ax, variant, body)[1])
        elif preset == "correct_top":
            _draw_correct_panel(ax, variant, body, pose)
        else:
            draw_pose(ax, pose, body, variant)
        mark_panel(ax, kind, title)
        described.append((title, pose))
    key_back_line(figure, FORM_KEY[1:])
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}: where the height of the leg comes from",
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
    )
    return CourseFigure(
        name=f"{variant}_form",
        figure=figure,
        alt_text=describe_form_figure(variant, described, body, ghost_parts=ghost_parts),
    )


def _tip_words(pose: Pose, height) -> str:
    """The caption's note on the chest tipping (all fours, back arched), for alt text; "" if none."""
    note = describe_chest_tip(pose, height).replace("\n", " ").strip()
    return f" {note.replace('°', ' degrees')}" if note else ""


def arched_words(ghost_parts: str) -> str:
    """What the arched panel draws besides the body, for alt text; `ghost_parts` from `ghost_words`."""
    return (
        "a dashed grey ghost of the correct top, from the same hip, shows from under it where it "
        f"differs ({ghost_parts}); "
        "the lumbar part of the back, from the tailbone to the bottom of the ribs, is hatched; "
        f"a dashed {BACK_LINE_WORDS} runs along the back, and the back hollows well beneath it. "
    )


def describe_form_figure(
    variant: str, panels: list, body: Body | None = None, *, ghost_parts: str = ""
) -> str:
    """Alt text for a form figure, written from the same poses and skeletons the panels draw.

    `ghost_parts` names the ghost's parts in the arched panel (`ghost_words`).
    """
    body = body or default_body()
    parts = [f"{VARIANT_TITLES[variant]}, three side views of a person, working leg in blue."]
    if variant == "machine":
        parts.append(describe_machine())
    for title, pose in panels:
        height = drawn_leg_height(pose, build_skeleton(pose, body, variant))
        words = describe_angles(pose, height)
        marker = ""
        if "Correct" in title:
            marker = (
                f"Marked correct with a tick and a solid frame; a dashed {BACK_LINE_WORDS} runs along "
                "the back, which curves only a little beneath it. "
            )
        if "Arched" in title:
            marker = f"Marked as a mistake with a cross and a dashed frame; {arched_words(ghost_parts)}"
        parts.append(
            f"{title}: {marker}{words['hip'].replace('°', ' degrees').capitalize()}, "
            f"{words['back'].replace('°', ' degrees')}, "
            f"trunk leaning {height.trunk:.0f} degrees{_tip_words(pose, height)}; "
            f"{describe_thigh(height.apparent)}."
        )
    parts.append(
        "In each view a grey dotted line carries the trunk's line on past the hip; the hip angle is "
        "measured from it. A key below the views says what the lines mean."
    )
    return " ".join(parts)


STEP_PHASES: tuple[tuple[str, float, str], ...] = (
    # (title, share of the way from start to top, which way the leg moves). Lift and lower sit well
    # apart from each other and from set-up and top, so the four panels show four poses, and each
    # moving step is far enough from the step before it for its trail to read; a moving step bends
    # the drawn knee where the foot would still brush the floor (`step_poses.step_poses`).
    ("Set up", 0.0, ""),
    ("Lift", 0.35, "up"),
    ("Top", 1.0, ""),
    ("Lower", 0.6, "down"),
)


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
    texts = _step_texts(variant)
    panel = FIGURE_WIDTH / 4
    shares = [least for _, least, _ in STEP_PHASES]
    drawn = step_poses(variant, body, shares, [way for _, _, way in STEP_PHASES])
    knee = knee_key(variant, [title for title, _, _ in STEP_PHASES], drawn)
    key_room = KEY_ROOM * (2 if knee else 1)  # the key's lines: the marks, and the knee where drawn bent
    figure = new_figure(FIGURE_WIDTH, _panel_height(body, variant, panel) + 1.5 + key_room)
    axes = figure.subplots(1, 4)
    height = figure.get_figheight()
    bottom = (0.7 + key_room) / height
    figure.subplots_adjust(left=0.01, right=0.99, bottom=bottom, top=1 - 0.7 / height, wspace=0.04)
    words = []
    for number, (ax, (title, _, way), share, text) in enumerate(
        zip(axes, STEP_PHASES, shares, texts), start=1
    ):
        pose = drawn[number - 1]
        shown = draw_pose(ax, pose, body, variant, angles=False, caption=False)
        if way:
            draw_step_motion(ax, variant, body, shown, share, way)
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
            + (
                f", moving {way}: a grey dashed outline shows the leg where step {number - 1} drew it, and a "
                "dotted trail from there, along or beside the foot's path, ends in an arrowhead "
                f"pointing {way}, short of the foot."
                if way
                else "."
            )
        )
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}, step by step", fontsize=FONT_SIZES["title"], fontweight="bold"
    )
    key_step_motion(figure, knee)
    alt = (
        f"{VARIANT_TITLES[variant]} in 4 side-view drawings (set up, lift, top, lower), working leg in blue, "
        "each with its instruction below. " + " ".join(words)
    )
    note = knee_note(variant, [title for title, _, _ in STEP_PHASES], drawn)
    alt += f" {in_words(note)}" if note else ""
    return CourseFigure(name=f"{variant}_steps", figure=figure, alt_text=alt)


MISTAKE_POSES: dict[str, tuple[str, str]] = {
    "arched_back": ("correct_top", "arched_back"),
    "incomplete_rom": ("correct_top", "too_little_range"),
    "pelvic_rotation": ("correct_top", "pelvis_rotated"),
}


def _draw_short_panel(ax, variant: str, body: Body, shown: Pose, correct: Pose) -> tuple[str, float]:
    """The fault's pose, behind it a ghost of the correct top's differing parts, and an arc at the hip
    from the shown thigh to the ghost's labelled with the degrees short; returns the ghost's parts in
    words and the degrees short."""
    artists = draw_pose(ax, shown, body, variant)
    ghost = draw_ghost(ax, correct, body, variant, shown=artists)
    artists.obstacles.extend(body_paths(ghost))
    short = mark_range_short(artists, ghost, correct)
    return ghost_words(ghost), short


def _side_mistake_panels(
    figure, mistake: str, variant: str, body: Body, title: str, key_room: float = 0.0
) -> list[str]:
    """Correct top beside the fault's pose (one change), ghost of the correct top behind the fault."""
    axes = figure.subplots(1, 2)
    height = figure.get_figheight()
    figure.subplots_adjust(
        left=0.01, right=0.99, bottom=(0.5 + key_room) / height, top=1 - 0.78 / height, wspace=0.04
    )
    correct_name, fault_name = MISTAKE_POSES[mistake]
    correct = preset_pose(variant, correct_name)
    words = []
    for ax, preset, kind in zip(axes, (correct_name, fault_name), ("correct", "mistake")):
        pose = preset_pose(variant, preset)
        angles = describe_angles(pose)
        said = f"{angles['hip'].replace('°', ' degrees')}, {angles['back'].replace('°', ' degrees')}"
        if kind == "correct" and mistake == "arched_back":
            close_up = draw_close_up(ax, _draw_correct_panel(ax, variant, body, pose))
            said += (
                f"; a dashed {BACK_LINE_WORDS} runs along the back, which curves only a little beneath it; "
                f"{describe_close_up(close_up)}."
            )
        elif kind == "correct":
            draw_pose(ax, pose, body, variant)
            said += "."
        elif mistake == "arched_back":
            arched, ghost = _draw_arched_panel(ax, variant, body)
            said += "; " + arched_words(ghost_words(ghost)).strip()
            said += f" Beside it {describe_close_up(draw_close_up(ax, arched, kind='mistake'))}."
        else:
            parts, short = _draw_short_panel(ax, variant, body, pose, correct)
            said += (
                "; a dashed grey ghost of the correct top, from the same hip, shows from under it where "
                f"it differs ({parts}); an arrowed arc about the hip, just past the knees, from the thigh's "
                f"line up to the ghost's is labelled {short:.0f} degrees short of the top."
            )
        mark_panel(ax, kind, "Correct" if kind == "correct" else title)
        words.append(f"{'Correct' if kind == 'correct' else title}: {said}")
    return words


SIDE_VIEW_POINT = "From the side all three look alike:\nonly the view from behind\nshows the fault."


def _rear_mistake_panels(figure, variant: str, body: Body, title: str) -> list[str]:
    """Pelvic rotation and hip hike need a view from behind: a side view, then three rear views."""
    from .pelvis import draw_rear_view, marks_drawn, rear_view_description, rear_view_words
    from .rear_geometry import rear_view_shapes
    from .rear_words import rear_key, seen_bar_tilt

    grid = figure.add_gridspec(1, 4, width_ratios=(1.35, 1, 1, 1))
    side = figure.add_subplot(grid[0])
    top = preset_pose(variant, "correct_top")
    draw_pose(side, top, body, variant, caption=False)
    mark_panel(side, "plain", "From the side")
    side.text(
        0.5,
        -0.02,
        SIDE_VIEW_POINT,
        transform=side.transAxes,
        ha="center",
        va="top",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
    )
    figure.text(
        0.66,
        0.91,
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
    hip = describe_angles(top)["hip"].replace("°", " degrees")
    words = [
        f'From the side, captioned "{SIDE_VIEW_POINT.replace(chr(10), " ")}": the pelvis turns and tilts '
        f"across the line of sight, so this view shows only {hip}."
    ]
    drawn: set[str] = set()
    for column, (kind, name, pose) in enumerate(cases, start=1):
        ax = figure.add_subplot(grid[column])
        artists = draw_rear_view(ax, pose, body, words=False, variant=variant, sides=False, callouts=True)
        drawn |= marks_drawn(artists)
        mark_panel(ax, kind, name)
        said = rear_view_description(pose, variant)
        ax.text(
            0.5,
            -0.02,
            rear_view_words(pose, variant, seen_bar_tilt(rear_view_shapes(pose, body, variant))),
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
        )
        words.append(f"From behind, {name.lower()}: {said}.")
    key_lines(figure, (rear_key(drawn),))
    return [*words, f"Key to the views from behind: {rear_key(drawn)}"]


@styled
def build_mistake_figure(mistake: str, body: Body | None = None) -> CourseFigure:
    """Correct (✓, solid) beside the mistake (✗, dashed), for the variant where it shows best."""
    body = body or default_body()
    row = read_mistakes()[mistake]
    variant = row["figure_variant"]
    heading = f"{row['title']} on the {VARIANT_TITLES[variant].lower()}"
    if mistake == "pelvic_rotation":
        figure = new_figure(FIGURE_WIDTH, 4.6 + KEY_ROOM)  # the panels as tall as before, a key under them
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.185, top=0.81, wspace=0.08)
        words = _rear_mistake_panels(figure, variant, body, row["title"])
    elif mistake in MISTAKE_POSES:
        keys = FORM_KEY if mistake == "arched_back" else FORM_KEY[1:]  # only the arched draws the back line
        key = KEY_ROOM * len(keys)
        figure = new_figure(FIGURE_WIDTH, _panel_height(body, variant, FIGURE_WIDTH / 2) + 1.3 + key)
        words = _side_mistake_panels(figure, mistake, variant, body, row["title"], key)
        key_lines(figure, keys)
    else:
        figure = new_figure(FIGURE_WIDTH, 3.6)
        words = draw_mistake_traces(figure, mistake, variant, row["title"])
        heading = trace_finding_title(mistake, variant)  # a set's traces: the title states what it shows
    figure.suptitle(heading, fontsize=FONT_SIZES["title"], fontweight="bold")
    alt = (
        f"{row['title']}, shown on the {VARIANT_TITLES[variant].lower()}: "
        "correct (tick, solid frame) and the mistake (cross, dashed frame). " + " ".join(words)
    )
    return CourseFigure(name=f"mistake_{mistake}", figure=figure, alt_text=alt)


__all__ = ["build_cue_card", "build_form_figure", "build_mistake_figure", "build_steps_figure"]
