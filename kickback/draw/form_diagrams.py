"""The form diagrams: start, correct top and arched back, the steps, each mistake, the cue cards."""

from __future__ import annotations

from ..content.mistakes import read_mistakes
from ..model.anthropometrics import Body, default_body
from ..model.leg_height import split_leg_height
from ..model.pose import preset_pose
from ..model.skeleton import build_skeleton
from .body import describe_angles, draw_pose, view_limits
from .course_figure import VARIANT_TITLES, CourseFigure, describe_thigh
from .curves import (
    decorate,
)
from .shapes import draw_motion_arrow, mark_panel
from .style import COLORS, FONT_SIZES, LINESTYLES, new_figure, styled

PANELS: tuple[tuple[str, str, str], ...] = (
    # (preset pose, panel kind, title)
    ("start", "plain", "Start position"),
    ("correct_top", "correct", "Correct top: height from the hip"),
    ("arched_back", "mistake", "Arched back: height borrowed from the spine"),
)


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
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}: where the height of the leg comes from",
        fontsize=FONT_SIZES["title"] + 1,
        fontweight="bold",
    )
    height = figure.get_figheight()
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.45 / height, top=1 - 0.85 / height, wspace=0.06)
    return CourseFigure(
        name=f"{variant}_form", figure=figure, alt_text=describe_form_figure(variant, described)
    )


def describe_form_figure(variant: str, panels: list) -> str:
    """Alt text for a form figure, written from the same poses the panels draw."""
    parts = [f"{VARIANT_TITLES[variant]}, three side views of a person, working leg in blue."]
    for title, pose in panels:
        height = split_leg_height(pose)
        words = describe_angles(pose)
        marker = "Marked correct with a tick and a solid frame. " if "Correct" in title else ""
        marker = "Marked as a mistake with a cross and a dashed frame. " if "Arched" in title else marker
        parts.append(
            f"{title}: {marker}Hip {pose.hip_extension:.0f} degrees, "
            f"{words['back'].replace('°', ' degrees')}, "
            f"trunk leaning {pose.trunk_lean:.0f} degrees; {describe_thigh(height.apparent)}."
        )
    return " ".join(parts)


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
        ax.set_title(
            f"Step {step.order}", fontsize=FONT_SIZES["title"], fontweight="bold", color=COLORS["outline"]
        )
        start, top = (
            split_leg_height(preset_pose(variant, name)).apparent for name in ("start", "correct_top")
        )
        hip = build_skeleton(pose, body, variant).joints["hip"]
        reach = body.length("thigh") + 0.75 * body.length("shank")
        if step.order == 1:
            draw_motion_arrow(ax, hip, start + 5, top, reach, "lift")
        elif step.order == len(steps):
            draw_motion_arrow(ax, hip, top, start + 5, reach, "lower slowly")
        ax.text(
            0.5,
            -0.02,
            textwrap.fill(step.text, 44),
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=FONT_SIZES["label"],
            color=COLORS["outline"],
        )
        words.append(
            f"Step {step.order}: {step.text} The drawing shows hip {pose.hip_extension:.0f} degrees, "
            f"{describe_angles(pose)['back'].replace('°', ' degrees')}."
        )
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}, step by step", fontsize=FONT_SIZES["title"] + 1, fontweight="bold"
    )
    height = figure.get_figheight()
    figure.subplots_adjust(left=0.01, right=0.99, bottom=1.25 / height, top=1 - 0.75 / height, wspace=0.05)
    alt = (
        f"{VARIANT_TITLES[variant]} in {len(steps)} side-view drawings, working leg in blue, "
        "each with its instruction below. " + " ".join(words)
    )
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
            words.append(
                f"{'Correct' if kind == 'correct' else row['title']}: hip {pose.hip_extension:.0f} degrees, "
                f"{describe_angles(pose)['back'].replace('°', ' degrees')}, "
                f"pelvis turned {pose.pelvic_rotation:.0f} degrees."
            )
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
            words.append(
                f"{'Correct' if kind == 'correct' else row['title']}: {label} from {values.min():.0f} "
                f"to {values.max():.0f} over {recording.time_s[-1]:.0f} seconds."
            )
        figure.subplots_adjust(left=0.07, right=0.99, bottom=0.16, top=0.82, wspace=0.06)
    figure.suptitle(
        f"{row['title']} ({VARIANT_TITLES[variant].lower()})",
        fontsize=FONT_SIZES["title"] + 1,
        fontweight="bold",
    )
    alt = (
        f"{row['title']}, shown on the {VARIANT_TITLES[variant].lower()}: "
        "correct on the left (tick, solid line), the mistake on the right (cross, dashed line). "
        + " ".join(words)
    )
    return CourseFigure(name=f"mistake_{mistake}", figure=figure, alt_text=alt)


@styled
def build_cue_card(variant: str, body: Body | None = None) -> CourseFigure:
    """A printable cue card: correct top beside the arched back, and the variant's top three cues."""
    from ..content.cues import top_cues

    body = body or default_body()
    figure = new_figure(8.27, 5.83)  # A5 landscape, in inches
    axes = figure.subplots(1, 2)
    for ax, (preset, kind, title) in zip(axes, PANELS[1:]):
        draw_pose(ax, preset_pose(variant, preset), body, variant, caption=False)
        mark_panel(ax, kind, title.split(":")[0])
    cues = top_cues(variant)
    lines = "\n".join(f"{i}.  {cue.text}" for i, cue in enumerate(cues, start=1))
    figure.text(
        0.05,
        0.04,
        lines,
        fontsize=FONT_SIZES["title"],
        va="bottom",
        ha="left",
        color=COLORS["outline"],
        linespacing=1.6,
    )
    figure.suptitle(
        f"{VARIANT_TITLES[variant]}: cue card", fontsize=FONT_SIZES["title"] + 3, fontweight="bold"
    )
    figure.subplots_adjust(left=0.02, right=0.98, bottom=0.30, top=0.84, wspace=0.06)
    alt = (
        f"Cue card for the {VARIANT_TITLES[variant].lower()}: "
        "the correct top position (tick, solid frame) beside the arched back "
        f"(cross, dashed frame), and three cues: "
        + " ".join(f"{i}. {cue.text}" for i, cue in enumerate(cues, start=1))
    )
    return CourseFigure(name=f"cue_card_{variant}", figure=figure, alt_text=alt, formats=(".png", ".pdf"))
