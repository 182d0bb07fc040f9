"""The course's diagrams: build each figure, write its alt text, save PNG and SVG byte-identically."""

from __future__ import annotations

import json
from pathlib import Path

from ..content.mistakes import read_mistakes
from ..files import write_atomically
from ..model.anthropometrics import Body, default_body
from ..model.variants import VARIANTS
from .committed import ALT_TEXT_FILE, FIGURES_DIR
from .course_figure import CourseFigure
from .curves import (
    RESISTANCE_FOOTNOTE,
    draw_profile,
    label_panel_load,
    profile_cases,
    profile_key_handles,
    profile_limits,
    shared_profile_top,
    update_profile,
)
from .form_diagrams import build_cue_card, build_form_figure, build_mistake_figure, build_steps_figure
from .moment_arm_plot import draw_moment_arms
from .muscle_map import build_muscle_map
from .rdl_figure import build_rdl_figure
from .style import FONT_SIZES, new_figure, save_figure, styled


@styled
def build_resistance_figure(body: Body | None = None) -> CourseFigure:
    """Each way of loading the kickback on one y scale: where it is hardest and easiest."""
    body = body or default_body()
    cases = profile_cases()
    columns = 3
    rows = -(-len(cases) // columns)
    # Inches: a panel, the gap under it (x label, note, next title and ▲▽ words), the title band.
    panel, gap, head = 1.9, 2.0, 1.4
    foot = 1.8 if rows * columns > len(cases) else 2.45  # x label and note, and the key if no panel is spare
    height = head + rows * panel + (rows - 1) * gap + foot
    figure = new_figure(9.0, height)
    axes = figure.subplots(rows, columns, sharex=True, sharey=True).ravel()
    words = []
    top = shared_profile_top(cases, body)
    for ax, case in zip(axes, cases):
        artists = draw_profile(ax, case, body)
        label_panel_load(ax, case)
        words.append(update_profile(ax, artists, case, body))
    for index, ax in enumerate(axes[: len(cases)]):
        if index % columns:
            ax.set_ylabel("")
        ax.set_ylim(*profile_limits(top))
        ax.set_xlim(-95, 35)
        ax.tick_params(labelleft=True, labelbottom=True)
    spare = axes[len(cases) :]
    for ax in spare:
        ax.set_axis_off()
    key = {
        "handles": profile_key_handles(artists),
        "fontsize": FONT_SIZES["label"],
        "frameon": False,
    }
    if len(spare):
        spare[0].legend(loc="center", **key)
    else:
        figure.legend(loc="lower center", ncol=3, bbox_to_anchor=(0.5, 0.7 / height), **key)
    figure.text(0.01, 0.06 / height, RESISTANCE_FOOTNOTE, fontsize=FONT_SIZES["small"], va="bottom")
    figure.suptitle(
        f"One movement, {len(cases)} loads:\nthe load decides where in the range the hip works hardest",
        fontsize=FONT_SIZES["title"] + 1,
        fontweight="bold",
        y=0.995,
        va="top",
    )
    figure.subplots_adjust(
        left=0.08, right=0.985, bottom=foot / height, top=1 - head / height, wspace=0.22, hspace=gap / panel
    )
    alt = (
        f"{len(cases)} line charts of hip-extension torque (newton-metres) against hip extension (degrees) "
        f"for a {body.height:.2f} m, {body.mass:.0f} kg person, all on the same torque and angle scales, "
        "each with its set-up's taught range shaded (the start to the correct top); "
        "a thick solid blue line is the total demand inside that range and a thin light-blue line its "
        "continuation 10 degrees past the top (not taught), a grey dotted line the leg's own weight, "
        "a black upward triangle marks the hardest point within the taught range and a white downward "
        "triangle the easiest; a note under a panel's angle axis says what its dotted line shows where "
        "that is hard to see. " + " ".join(words) + " " + RESISTANCE_FOOTNOTE.replace("\n", " ")
    )
    return CourseFigure(name="resistance_profiles", figure=figure, alt_text=alt)


@styled
def build_moment_arm_figure() -> CourseFigure:
    """Hip-extension moment arms of the gluteus maximus and hamstrings from two musculoskeletal models."""
    figure = new_figure(9.0, 5.4)  # tall enough for the side note under the key
    ax = figure.add_subplot()
    words = draw_moment_arms(ax)
    figure.suptitle(
        "Near full hip extension the gluteus maximus keeps a long lever;\n"
        "the hamstrings' levers are longest with the hip flexed and shrink as it extends",
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
        y=0.99,
        va="top",
    )
    figure.subplots_adjust(left=0.08, right=0.70, bottom=0.11, top=0.85)
    alt = (
        "Line chart of hip-extension moment arm (millimetres) against hip angle "
        "from 100 degrees of flexion to 20 degrees of extension, knee straight, from 0 millimetres up, "
        "from a published musculoskeletal model (Rajagopal et al. 2016), with an older model's "
        "(OpenSim gait2392, after Delp et al. 1990) gluteus maximus for comparison; "
        "the 0 degree line is labelled standing straight, and dark bars capped at both ends along the foot "
        "show each kickback's start-to-top "
        "range. Finding: near full extension the gluteus maximus keeps a long lever while the hamstrings' "
        "levers, longest with the hip flexed, shrink. "
        "The gluteus maximus's upper, middle and lower fibres (the model splits the muscle into these "
        "three) are thick blue lines (solid, dashed, dotted); the three hamstrings are light blue lines, "
        "each with its own line style and marker (circle, square, diamond); the older model's line, the "
        "only grey one, is dotted. " + "; ".join(words) + "."
    )
    return CourseFigure(name="moment_arms", figure=figure, alt_text=alt)


def build_figures() -> list[CourseFigure]:
    """Every diagram of the course, in a fixed order."""
    forms = [build_form_figure(variant) for variant in VARIANTS]
    steps = [build_steps_figure(variant) for variant in VARIANTS]
    mistakes = [build_mistake_figure(mistake) for mistake in read_mistakes()]
    cards = [build_cue_card(variant) for variant in VARIANTS]
    return (
        forms
        + steps
        + mistakes
        + [build_muscle_map(), build_resistance_figure(), build_moment_arm_figure()]
        + cards
        + [build_rdl_figure()]
    )


def write_figures(folder: Path = FIGURES_DIR) -> list[Path]:
    """Save every figure as PNG and SVG into `folder`, with `alt_text.json`; return the paths written.

    Every file is written whole or not at all (`kickback.files.write_atomically`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    alt_texts: dict[str, str] = {}
    for item in build_figures():
        for suffix in item.formats:
            path = folder / f"{item.name}{suffix}"
            save_figure(item.figure, path)
            written.append(path)
        alt_texts[item.name] = item.alt_text
    alt_path = folder / ALT_TEXT_FILE
    write_atomically(alt_path, json.dumps(alt_texts, indent=2, ensure_ascii=False) + "\n")
    written.append(alt_path)
    gallery_path = folder / GALLERY_FILE
    write_atomically(gallery_path, gallery_markdown(alt_texts))
    written.append(gallery_path)
    return written


GALLERY_FILE = "gallery.md"


def gallery_markdown(alt_texts: dict[str, str]) -> str:
    """Every committed figure on one page (Markdown: GitHub and JupyterLab show it), its alt text as caption.

    Written with the figures, so it can never fall out of step with them.
    """
    lines = [
        "# Kickback Lab: every figure on one page",
        "",
        "Written by `python -m kickback figures` with the figures themselves; do not edit by hand.",
        "Each picture's caption is its alt text (the words a screen reader says).",
        'In a lesson: `import kickback as kb`, then `kb.show_figure("name")`.',
        "",
    ]
    for name, alt in alt_texts.items():
        plain = alt.replace("[", "(").replace("]", ")")
        lines += [f"## {name}", "", f"![{plain}]({name}.png)", "", f"*{alt}*", ""]
    return "\n".join(lines)
