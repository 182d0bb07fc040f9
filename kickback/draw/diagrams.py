"""The course's diagrams: build each figure, write its alt text, save PNG and SVG byte-identically."""

from __future__ import annotations

import json
from pathlib import Path

from ..content.mistakes import read_mistakes
from ..model.anthropometrics import Body, default_body
from ..model.variants import VARIANTS
from .committed import ALT_TEXT_FILE, FIGURES_DIR
from .course_figure import CourseFigure
from .curves import (
    draw_moment_arms,
    draw_profile,
    profile_cases,
    update_profile,
)
from .form_diagrams import build_cue_card, build_form_figure, build_mistake_figure, build_steps_figure
from .muscle_map import build_muscle_map
from .style import FONT_SIZES, new_figure, save_figure, styled


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
    axes[0].legend(
        handles=[artists.total, artists.own_weight],
        fontsize=FONT_SIZES["small"],
        loc="upper left",
        frameon=False,
    )
    figure.suptitle(
        "The same movement, five loads: the torque the hip extensors must produce",
        fontsize=FONT_SIZES["title"] + 1,
        fontweight="bold",
    )
    figure.subplots_adjust(left=0.045, right=0.995, bottom=0.14, top=0.80, wspace=0.32)
    alt = (
        "Five line charts of hip-extension torque (newton-metres) against hip extension (degrees) "
        "for a 1.75 m, 75 kg person; "
        "a solid line is the total demand, a dotted line the leg's own weight, "
        "an upward triangle marks the hardest point "
        "and a downward triangle the easiest. " + " ".join(words)
    )
    return CourseFigure(name="resistance_profiles", figure=figure, alt_text=alt)


@styled
def build_moment_arm_figure() -> CourseFigure:
    """Hip-extension moment arms of the gluteus maximus and hamstrings from two musculoskeletal models."""
    figure = new_figure(9.0, 5.2)
    ax = figure.add_subplot()
    words = draw_moment_arms(ax)
    ax.set_title(
        "Moment arms: how much hip torque each newton of muscle force makes",
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
    )
    figure.subplots_adjust(left=0.09, right=0.98, bottom=0.11, top=0.91)
    alt = (
        "Line chart of hip-extension moment arm (millimetres) against hip extension "
        "from -100 to 20 degrees, knee straight, "
        "from the Rajagopal 2016 model, with the gait2392 model's gluteus maximus for comparison. "
        + "; ".join(words)
        + "."
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
    )


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
