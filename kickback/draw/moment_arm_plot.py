"""The hip-extension moment arms of the gluteus maximus and hamstrings against hip angle, in plain words.

From data/moment_arms.csv: the Rajagopal et al. (2016) model's three gluteus maximus paths and three
hamstrings, and the older gait2392 model's (Delp et al. 1990) mean gluteus maximus for comparison.
The model splits the gluteus maximus into three paths, numbered 1 to 3; by OpenSim's naming they run
from the upper (iliac) fibres to the lower (sacral) ones. The legend names them by their fibres (a
learner does not know a model's parts); the source note says the model splits the muscle in three.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from ..model.muscles import moment_arm_curve, muscle_length
from ..model.pose import preset_pose
from ..model.variants import VARIANTS
from .curves import HIP_AXIS_LABEL, decorate
from .style import COLORS, FONT_SIZES, LINESTYLES

GLMAX_STYLES: dict[str, tuple[str, Any]] = {
    "glmax1": ("upper fibres", "-"),
    "glmax2": ("middle fibres", (0, (6, 2))),
    "glmax3": ("lower fibres", (0, (2, 1.5))),
}
# The three hamstrings share the synergist colour; each has its own line style and marker, so the
# legend's three entries differ and the lines can be told apart where they cross. The markers only
# identify the lines (the lines carry the values), so each hamstring's sit at its own angles, 5° apart
# from the next one's: where two hamstrings have nearly the same moment arm (biceps femoris and
# semitendinosus at 0°, semitendinosus and semimembranosus at +20°) their markers never stack.
HAMSTRING_STYLES: dict[str, tuple[str, Any, str, float]] = {
    "bflh": ("biceps femoris long head", "-", "o", 10.5),
    "semiten": ("semitendinosus", (0, (5, 2)), "s", 7.0),
    "semimem": ("semimembranosus", (0, (1.5, 1.5)), "D", 6.0),
}
MARKER_STEP = 20.0
"""Degrees between one hamstring's markers."""
MARKER_OFFSETS: dict[str, float] = {"bflh": 0.0, "semimem": 5.0, "semiten": 10.0}
"""Where each hamstring's first marker sits, degrees after the table's first hip angle: 5° apart."""
RANGE_WORDS: dict[str, str] = {"bodyweight": "on all fours", "machine": "machine", "cable": "cable"}
"""Each variant's taught range, as its bar under the curves is named."""
SOURCE_NOTE = (
    "Blue: Rajagopal et al. 2016, which\nsplits the gluteus maximus into\nupper, middle and lower fibres.",
    "Grey dotted: OpenSim gait2392 (after\nDelp et al. 1990), mean of its 3 parts.",
)
RANGE_NOTE = "Bars at the foot: start to top."
RANGE_COLOR = COLORS["outline"]
"""The taught-range bars: drawn like a dimension line (dark, capped at both ends), not in the grey that
means the older model here."""


def kink(hip: np.ndarray, arm: np.ndarray, *, bend_mm: float = 1.0, ratio: float = 4.0) -> float | None:
    """Where a moment-arm curve bends sharply at one sample (degrees), or None.

    A bend is the change of slope at a sample (the second difference, mm); a kink is a bend over
    `bend_mm` and `ratio` times the bends either side of it, so a curve that merely curves more and
    more (glmax3 near full extension) is not one. The glmax1 path has one at hip flexed 15° in the
    model's own numbers (the length-change check in data/moment_arms.csv agrees), so the figure says so.
    """
    bends = np.abs(np.diff(np.asarray(arm) * 1000, 2))
    for i in range(1, len(bends) - 1):
        if bends[i] > bend_mm and bends[i] > ratio * max(bends[i - 1], bends[i + 1]):
            return float(hip[i + 1])
    return None


def draw_variant_ranges(ax: Axes) -> list[str]:
    """Each variant's taught range (start to correct top) as a named bar, capped at both ends, at the foot."""
    said = []
    for row, variant in enumerate(sorted(VARIANTS, key=lambda v: preset_pose(v, "start").hip_extension)):
        start = preset_pose(variant, "start").hip_extension
        top = preset_pose(variant, "correct_top").hip_extension
        height = 3.0 + 4.0 * row
        ax.plot(
            [start, top],
            [height, height],
            color=RANGE_COLOR,
            linewidth=1.6,
            marker="|",
            markersize=8,
            markeredgewidth=1.6,
            solid_capstyle="butt",
            gid="taught_range",
        )
        ax.text(
            start - 2, height, RANGE_WORDS[variant], ha="right", va="center", fontsize=FONT_SIZES["small"]
        )
        said.append(f"{RANGE_WORDS[variant]} from {start:.0f} to {top:.0f} degrees")
    return said


def plot_moment_arm(
    ax: Axes, muscle: str, knee_flexion: float, *, model: str = "rajagopal2016", **style: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Draw one muscle's moment arm (mm) against hip angle; return the hip angles (deg) and arms (m).

    A line with markers gets one every sixth of the sweep, so the markers tell the lines apart without
    hiding them.
    """
    hip, arm = moment_arm_curve(muscle, knee_flexion=knee_flexion, model=model)
    if "marker" in style:
        style.setdefault("markevery", max(1, len(hip) // 6))
    ax.plot(hip, arm * 1000, **style)
    return hip, arm


def marker_indices(hip: np.ndarray, offset: float, step: float = MARKER_STEP) -> list[int]:
    """The samples of `hip` (deg) that get a marker: every `step` degrees from `offset` past the first.

    Each hamstring has its own `offset`, so two lines that meet never carry markers at the same angle.
    """
    wanted = np.arange(hip[0] + offset, hip[-1] + 1e-9, step)
    return [int(i) for i in np.flatnonzero(np.isclose(hip[:, None], wanted[None, :]).any(axis=1))]


def draw_moment_arms(ax: Axes, *, knee_flexion: float = 0.0) -> list[str]:
    """Gluteus maximus and hamstring hip-extension moment arms (mm) against hip angle, from 0 mm up.

    The 0° line is named "standing straight"; each variant's taught range is a capped bar at the foot;
    the legend and the source sit outside the axes, to the right. Returns a sentence per curve for
    the alt text.
    """
    words = []
    for muscle, (fibres, style) in GLMAX_STYLES.items():
        hip, arm = plot_moment_arm(
            ax,
            muscle,
            knee_flexion,
            label=f"gluteus maximus, {fibres}",
            color=COLORS["primary_mover"],
            linestyle=style,
            linewidth=2.4,
        )
        words.append(
            f"gluteus maximus {fibres}: {arm[hip == 0][0] * 1000:.0f} mm "
            f"standing straight, {arm[hip == -80][0] * 1000:.0f} mm at 80° of flexion"
        )
        step = kink(hip, arm)
        if step is not None:
            words.append(
                f"its line bends sharply at hip flexed {abs(step):.0f} degrees, as the model's own numbers do"
            )
    for order, (muscle, (label, style, marker, size)) in enumerate(HAMSTRING_STYLES.items()):
        hip, arm = plot_moment_arm(
            ax,
            muscle,
            knee_flexion,
            label=label,
            color=COLORS["synergist"],
            linestyle=style,
            linewidth=1.8,
            marker=marker,
            markersize=size,
            markevery=marker_indices(moment_arm_curve(muscle)[0], MARKER_OFFSETS[muscle]),
            zorder=2.1 + 0.1 * order,
            markeredgecolor=COLORS["outline"],
            markeredgewidth=0.7,
        )
        words.append(f"{label}: largest {arm.max() * 1000:.0f} mm at hip {hip[np.argmax(arm)]:.0f}°")
    hip, arm = plot_moment_arm(
        ax,
        "glmax",
        knee_flexion,
        model="gait2392",
        label="gluteus maximus (mean),\nthe older model",
        color=COLORS["reference"],
        linestyle=LINESTYLES["reference"],
        linewidth=2.2,
    )
    words.append(
        "the older model's (OpenSim gait2392, after Delp et al. 1990) gluteus maximus, the mean of its 3 "
        f"parts: {arm[hip == 0][0] * 1000:.0f} mm standing straight, "
        f"{arm[hip == -90][0] * 1000:.0f} mm at 90° of flexion"
    )
    ax.axvline(0, color=COLORS["outline"], linewidth=0.8, zorder=1.5)  # under every line and marker
    words += draw_variant_ranges(ax)
    ax.set_ylim(0, None)
    ax.set_xlim(-112, 24)
    ax.text(1.0, 17.0, "standing\nstraight", ha="left", va="center", fontsize=FONT_SIZES["small"])
    knee = "straight" if knee_flexion == 0 else f"bent {knee_flexion:.0f}°"
    decorate(ax, xlabel=f"{HIP_AXIS_LABEL} (knee {knee})", ylabel="hip-extension moment arm (mm)")
    ax.legend(
        fontsize=FONT_SIZES["small"],
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        frameon=False,
        handlelength=3.2,
    )
    write_side_note(ax, note_paragraphs(knee_flexion), gap_pt=4.0)
    return words


def note_paragraphs(knee_flexion: float) -> list[str]:
    """The side note's paragraphs: the sources, the range bars, and the upper fibres' bend if it has one."""
    step = kink(*moment_arm_curve("glmax1", knee_flexion=knee_flexion))
    said = [*SOURCE_NOTE, RANGE_NOTE, knee_note()]
    if step is not None:
        bend = f"The upper fibres' bend at hip flexed {abs(step):.0f}° is in the model's own numbers."
        said.append(textwrap.fill(bend, NOTE_WIDTH))
    return said


def knee_note(bent: float = 90.0) -> str:
    """What bending the knee does to these knee-straight curves, computed from the same model's table.

    The machine and on-all-fours kickbacks are done with the knee bent (poses.csv); in Rajagopal et al.
    2016 a knee bent `bent` degrees barely moves the hip moment arms but shortens the hamstrings
    (EVIDENCE.md). The numbers: the largest change of any curve drawn over the taught hips, and each
    hamstring's shortening standing straight.
    """
    knees = sorted(
        (preset_pose(v, "start").knee_flexion, RANGE_WORDS[v])
        for v in VARIANTS
        if preset_pose(v, "start").knee_flexion > 45
    )
    change = 0.0
    for muscle in [*GLMAX_STYLES, *HAMSTRING_STYLES]:
        hip, straight = moment_arm_curve(muscle, knee_flexion=0.0)
        _, flexed = moment_arm_curve(muscle, knee_flexion=bent)
        change = max(change, float(np.max(np.abs(flexed - straight)[(hip >= -80) & (hip <= 20)])) * 1000)
    shorter = [
        (muscle_length(m, hip_extension=0.0) - muscle_length(m, hip_extension=0.0, knee_flexion=bent)) * 100
        for m in HAMSTRING_STYLES
    ]
    names = " and ".join(words.replace("on all fours", "all-fours") for _, words in knees)
    bends = sorted({f"{knee:.0f}" for knee, _ in knees}, key=float)
    sentence = (
        f"Drawn with the knee straight. The {names} kickbacks bend it to {'–'.join(bends)}°: that changes "
        f"these levers by under {np.ceil(change):.0f} mm, but shortens the hamstrings by "
        f"{min(shorter):.0f}–{max(shorter):.0f} cm."
    )
    return textwrap.fill(sentence, width=NOTE_WIDTH)


NOTE_WIDTH = 38
"""Characters per line of the side note, so it fits the column right of the plot."""


def write_side_note(ax: Axes, paragraphs: list[str], *, gap_pt: float = 6.0) -> None:
    """Stack `paragraphs` in the column right of `ax`, the last on the axes' foot, `gap_pt` apart.

    Each paragraph hangs from the top of the one after it (placed at draw time), so the gaps stay even
    whatever the lines' heights.
    """
    style: dict[str, Any] = {"fontsize": FONT_SIZES["small"], "color": COLORS["outline"], "va": "bottom"}
    below = ax.text(1.02, 0.0, paragraphs[-1], transform=ax.transAxes, **style)
    for words in reversed(paragraphs[:-1]):
        below = ax.annotate(
            words, xy=(0, 1), xycoords=below, xytext=(0, gap_pt), textcoords="offset points", **style
        )


__all__ = [
    "GLMAX_STYLES",
    "HAMSTRING_STYLES",
    "draw_moment_arms",
    "draw_variant_ranges",
    "kink",
    "knee_note",
    "marker_indices",
    "note_paragraphs",
    "plot_moment_arm",
    "write_side_note",
]
