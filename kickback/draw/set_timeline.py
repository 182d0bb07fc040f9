"""A recorded set drawn over time: the angles, the reps and their phases.

The checker's report is beside it. Below the hip, the angles that show how still the body stayed:
standing, the trunk's lean with the lower back and pelvis; on all fours, where the hands and knees on
the floor hold the trunk's lean, the lower back and the pelvis (a weak core shows there, not as a tip).
"""

from __future__ import annotations

import base64
import textwrap
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..form.analysis import analyze_set
from ..form.recordings import (
    RECORDINGS_DIR,
    Recording,
    guess_format,
    list_recordings,
    read_recording,
)
from ..form.report import SetReport
from ..form.signal import lowpass
from ..form.thresholds import threshold
from ..model.variants import QUADRUPED
from .curves import decorate
from .rep_labels import FAULT_WORDS as FAULT_WORDS  # noqa: F401 (kept here for older imports)
from .rep_labels import label_offset, label_room, rep_faults, rep_label
from .shapes import mark_panel
from .style import COLORS, FONT_SIZES, HATCHES, LINESTYLES, MARKS, new_figure, render_png

PHASES: tuple[tuple[str, str], ...] = (
    # (words, meaning in style.COLORS and style.HATCHES): colour and hatch both tell the phases apart
    ("lift", "lift"),
    ("hold at the top", "hold"),
    ("lower", "lower"),
)
OTHER_ANGLES: tuple[tuple[str, str], ...] = (
    ("lumbar_extension", "lower back arch"),
    ("trunk_lean", "trunk lean"),
    ("pelvic_rotation", "pelvis turn"),
    ("pelvic_hike", "pelvis side tilt"),
)
ALL_FOURS_ANGLES: tuple[str, ...] = ("lumbar_extension", "pelvic_rotation", "pelvic_hike")
"""On all fours: the lower back and the pelvis; the trunk's lean only when neither was recorded."""
# The pelvis's turn and side tilt share the pelvis's colour and differ in dash (and in words).
TRACE_STYLES: dict[str, tuple[str, Any]] = {
    "lumbar_extension": (COLORS["lumbar_extension"], LINESTYLES["lumbar_extension"]),
    "trunk_lean": (COLORS["trunk_lean"], LINESTYLES["trunk_lean"]),
    "pelvic_rotation": (COLORS["pelvic_rotation"], LINESTYLES["pelvic_rotation"]),
    "pelvic_hike": (COLORS["pelvic_rotation"], (0, (7, 2, 1.5, 2))),
}


def smooth_trace(time_s: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The trace low-passed as the rep counter sees it (gaps bridged for the filter, kept as gaps after)."""
    finite = np.isfinite(values)
    if finite.sum() < 3:
        return values.copy()
    filled = np.interp(time_s, time_s[finite], values[finite])
    rate = 1.0 / float(np.median(np.diff(time_s)))
    smooth = lowpass(filled, rate)
    smooth[~finite] = np.nan
    return smooth


def draw_trace(
    ax: Axes,
    time_s: np.ndarray,
    values: np.ndarray,
    *,
    color: str,
    style: Any,
    label: str,
    width: float = 2.0,
    layer: float = 3.0,
) -> None:
    """A recorded angle: the raw samples light and thin, the smoothed line over them."""
    ax.plot(time_s, values, color=color, linewidth=0.8, alpha=0.3, zorder=2)
    ax.plot(
        time_s,
        smooth_trace(time_s, values),
        color=color,
        linestyle=style,
        linewidth=width,
        label=label,
        zorder=layer,
    )


def shade_phases(ax: Axes, report: SetReport) -> None:
    """Each rep's lift, hold and lower shaded (colour and hatch), with its number, ✓/✗ and faults above."""
    for rep in report.reps:
        start = rep.start_s
        for (_words, meaning), length in zip(PHASES, (rep.concentric_s, rep.top_hold_s, rep.eccentric_s)):
            ax.axvspan(
                start,
                start + length,
                facecolor=COLORS[meaning],
                alpha=0.45,
                hatch=HATCHES[meaning],
                edgecolor="#B0B0B0",
                linewidth=0,
                zorder=0.5,
            )
            start += length
        faults = rep_faults(report, rep.number)
        ax.annotate(
            rep_label(rep.number, faults),
            xy=((rep.start_s + rep.end_s) / 2, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, label_offset(report, rep.number)),
            textcoords="offset points",
            ha="center",
            va="bottom",
            multialignment="center",
            linespacing=1.1,
            fontsize=FONT_SIZES["small"],
            color=COLORS["mistake"] if faults else COLORS["correct"],
            annotation_clip=False,
        )


def set_title(report: SetReport) -> str:
    """The set's verdict as a title: how many reps, how many clean, and the faults found."""
    if report.not_judged is not None:
        return f"Not judged {MARKS['mistake']}: {report.not_judged}"
    total = len(report.reps)
    flagged = [rep for rep in report.reps if rep_faults(report, rep.number)]
    if not total:
        return "No reps found in this recording"
    if not flagged:
        return f"{total} reps, every one clean {MARKS['correct']}"
    faults: list[str] = []
    for rep in flagged:
        faults += [fault for fault in rep_faults(report, rep.number) if fault not in faults]
    who = "every rep" if len(flagged) == total else f"{len(flagged)} of {total} reps"
    return f"{total} reps; {who} {MARKS['mistake']}: {', '.join(faults)}"


def shown_angles(recording: Recording, variant: str | None) -> list[tuple[str, str]]:
    """The angles drawn below the hip, (name, words), each only where the recording has it.

    On all fours the hands and knees hold the trunk's lean, so the lower back and pelvis are drawn;
    the trunk's lean (the shoulder-hip line) only when neither was recorded, e.g. from a side view.
    `variant` None (a recording the checker did not judge as the variant) draws every angle recorded.
    """
    present = [
        (name, words)
        for name, words in OTHER_ANGLES
        if (values := recording.angles.get(name)) is not None and np.isfinite(values).any()
    ]
    if variant != QUADRUPED:
        return present
    held = [(name, words) for name, words in present if name in ALL_FOURS_ANGLES]
    return held or [(name, words) for name, words in present if name == "trunk_lean"]


def other_axis_words(variant: str | None, shown: list[tuple[str, str]]) -> tuple[str, str]:
    """The lower panel's y label and its note: what is drawn, and on all fours why the trunk is not."""
    if variant == QUADRUPED and any(name in ALL_FOURS_ANGLES for name, _ in shown):
        return "lower back and pelvis (°)", (
            "On all fours the hands and knees hold the trunk: a weak core shows as the lower back "
            "sagging (arch rises) and the pelvis dropping (side tilt below 0)"
        )
    if variant == QUADRUPED:
        return "trunk lean (°)", "Lower back and pelvis not recorded: only the shoulder-hip line is drawn"
    return "trunk, lower back, pelvis (°)", ""


def draw_arch_limit(ax: Axes) -> Line2D:
    """The arched-back limit as a faint line (the lower back may move below it and still be no arch)."""
    limit = threshold("lumbar_extension_max")
    return ax.axhline(
        limit,
        color=COLORS["reference"],
        linestyle=LINESTYLES["reference"],
        linewidth=1.2,
        zorder=1,
        label=f"arch limit ({limit:g}°)",
    )


def draw_other_angles(ax: Axes, recording: Recording, variant: str | None) -> list[str]:
    """The angles below the hip, raw and smoothed, with their legend and note; returns their words.

    With the lower back drawn, the arched-back limit is drawn too: a back that sags and rises below
    it is the wobble of a weak core, past it the arched back.
    """
    time = recording.time_s
    shown = shown_angles(recording, variant)
    for rank, (name, words) in enumerate(shown):
        color, style = TRACE_STYLES[name]
        # each later line thinner and on top, so lines that coincide (all near 0°) all stay visible
        draw_trace(
            ax,
            time,
            recording.angles[name],
            color=color,
            style=style,
            label=words,
            width=3.0 - 0.6 * rank,
            layer=3.0 + rank,
        )
    if any(name == "lumbar_extension" for name, _ in shown):
        draw_arch_limit(ax)  # drawn last, so its legend entry comes last
    ylabel, note = other_axis_words(variant, shown)
    if shown:
        ax.legend(
            fontsize=FONT_SIZES["small"],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            handlelength=2.6,
        )
    else:
        ax.text(
            0.5,
            0.5,
            "no lower-back, trunk or pelvis angles in this recording",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=FONT_SIZES["label"],
        )
    if note:
        ax.set_title(
            textwrap.fill(note, 95), loc="left", fontsize=FONT_SIZES["small"], color=COLORS["outline"]
        )
    decorate(ax, xlabel="time (s)", ylabel=ylabel)
    return [words for _, words in shown]


def draw_set(recording: Recording, report: SetReport) -> Any:
    """A figure: hip angle over time, each rep's phases shaded and faults named; other angles below.

    Below the hip, `shown_angles` picks what the variant can show: on all fours the lower back and
    pelvis, since the hands and knees on the floor hold the trunk's lean.
    """
    extra_pt = label_room(report)  # the figure grows by what the rep labels need
    height_in = 5.8 + extra_pt / 72
    figure = new_figure(9.0, height_in)
    hip_ax, other_ax = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    time = recording.time_s
    hip = recording.angles["hip_extension"]
    label = "thigh to trunk line (°)" if recording.hip_measure == "thigh_to_trunk" else "hip extension (°)"
    shade_phases(hip_ax, report)
    draw_trace(hip_ax, time, hip, color=COLORS["working_leg"], style="-", label="smoothed")
    decorate(hip_ax, ylabel=label)
    handles = [
        Patch(facecolor=COLORS[m], alpha=0.45, hatch=HATCHES[m], edgecolor="#B0B0B0", label=w)
        for w, m in PHASES
    ]
    handles += [
        Line2D([], [], color=COLORS["working_leg"], linewidth=0.8, alpha=0.3, label="recorded"),
        Line2D([], [], color=COLORS["working_leg"], linewidth=2.0, label="smoothed"),
    ]
    hip_ax.legend(
        handles=handles,
        fontsize=FONT_SIZES["small"],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
    )
    draw_other_angles(other_ax, recording, None if report.not_judged else report.variant)
    figure.suptitle(
        textwrap.fill(set_title(report), 80),
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
        y=0.99,
        va="top",
    )
    top = 1.0 - (0.16 * 5.8 * 72 + extra_pt) / (height_in * 72)  # the title's room, then the labels'
    bottom = 0.09 * 5.8 / height_in
    figure.subplots_adjust(left=0.08, right=0.80, bottom=bottom, top=top, hspace=0.22)
    return figure


# --- a mistake over time: correct beside the mistake (the committed mistake_* trace figures) ---------------


def draw_mistake_traces(figure: Any, mistake: str, variant: str, title: str) -> list[str]:
    """Correct (✓) beside the mistake (✗): simulated sets over time, in the angles that show it.

    One angle is drawn in the verdict's colour and line (as the other mistake figures); two or more
    (the lower back and pelvis on all fours) in their own colours and lines, with a legend below, the
    arched-back limit and the movement allowed within a rep. Frames go outside the axes and the
    y-limits leave headroom, so no trace touches a frame. Returns the sentences for alt text.
    """
    from ..form.simulate import simulate_set
    from .shapes import add_headroom, frame_chart
    from .trace_marks import PELVIS_TILT_WORDS, mark_angle_movement, mistake_angles

    angles = mistake_angles(mistake, variant)
    reps = 8 if mistake == "excessive_load" else 3
    axes = figure.subplots(1, 2, sharex=True, sharey=True)
    many = len(angles) > 1
    ylabel = "lower back and pelvis (°)" if many else f"{angles[0][1]} (°)"
    correct_title = "Correct: trunk held still" if mistake == "weak_core" else "Correct: 2-1-3 tempo"
    words = []
    for ax, label_set, kind in zip(axes, (None, mistake), ("correct", "mistake")):
        recording = simulate_set(variant, label_set, reps=reps, seed=1, noise_deg=0.5)
        said = []
        for rank, (name, angle_words) in enumerate(angles):
            color, style = TRACE_STYLES[name] if many else (COLORS[kind], LINESTYLES[kind])
            values = recording.angles[name]
            label = PELVIS_TILT_WORDS if name == "pelvic_hike" else angle_words
            if many:
                draw_trace(ax, recording.time_s, values, color=color, style=style, label=label)
                ax.get_lines()[-1].set_linewidth(2.6 - 0.6 * rank)
            else:
                ax.plot(recording.time_s, values, color=color, linestyle=style, linewidth=2.0)
            smooth = smooth_trace(recording.time_s, values)
            said.append(mark_angle_movement(ax, recording, variant, name, angle_words, smooth, kind))
        if many:
            draw_arch_limit(ax)
        decorate(ax, xlabel="time (s)", ylabel=ylabel if kind == "correct" else "")
        mark_panel(ax, kind, correct_title if kind == "correct" else title, frame=False)
        words.append(f"{correct_title if kind == 'correct' else title}: {'; '.join(said)}.")
    add_headroom(list(axes))
    bottom = 0.18
    if many:
        handles, labels = axes[0].get_legend_handles_labels()
        figure.legend(
            handles,
            labels,
            loc="lower center",
            ncol=2,
            frameon=False,
            fontsize=FONT_SIZES["small"],
            handlelength=2.6,
            borderaxespad=0.2,
        )
        figure.set_size_inches(figure.get_figwidth(), figure.get_figheight() + 0.6)
        bottom = 0.27
        words.append(
            "On all fours the hands and knees hold the trunk's lean; a weak core lets the lower back sag "
            "and the pelvis drop on the working side as the leg rises. Both stay below the dotted "
            f"arched-back limit, but the lower back moves more within each rep than the shaded "
            f"{threshold('trunk_excursion_max'):g} degrees a still trunk allows: that movement is the fault."
        )
    figure.subplots_adjust(left=0.09, right=0.985, bottom=bottom, top=0.78, wspace=0.1)
    for ax, kind in zip(axes, ("correct", "mistake")):
        frame_chart(ax, kind)
    return words


class SetView:
    """A recorded set as a picture plus the checker's report in words (for a notebook output)."""

    def __init__(self, recording: Recording, variant: str, *, hip_range: float | None = None) -> None:
        self.recording = recording
        self.report = analyze_set(recording, variant, hip_range=hip_range)
        self.png = render_png(draw_set(recording, self.report))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.report.describe()}


def show_set(name: str, variant: str, *, format: str | None = None, side: str = "right") -> SetView:
    """Check one of the shipped recordings (by file name) and show it.

    Parameters
    ----------
    name : str
        A file name from `list_recordings()`.
    variant : str
        "cable", "machine" or "bodyweight".
    format : str or None, optional
        The file's format; None to guess it from the name.
    side : str, optional
        "left" or "right": the side facing the camera (keypoint files only).

    Returns
    -------
    SetView
        The angles (degrees) against time (s) with the reps marked, and the report in words.
    """
    from ..validate import check_choice

    check_choice("recording", name, list_recordings())
    chosen = format or guess_format(name)
    recording = read_recording(
        RECORDINGS_DIR / name, format=chosen, side=None if chosen == "angles" else side
    )
    return SetView(recording, variant)
