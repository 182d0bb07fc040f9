"""A recorded set drawn over time: the angles, the reps and their phases.

The checker's report is beside it.
"""

from __future__ import annotations

import base64
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
from .curves import decorate
from .style import COLORS, FONT_SIZES, HATCHES, LINESTYLES, MARKS, new_figure, render_png

PHASES: tuple[tuple[str, str], ...] = (
    # (words, meaning in style.COLORS and style.HATCHES): colour and hatch both tell the phases apart
    ("lift", "lift"),
    ("hold at the top", "hold"),
    ("lower", "lower"),
)
OTHER_ANGLES: tuple[tuple[str, str], ...] = (
    ("lumbar_extension", "lumbar extension"),
    ("trunk_lean", "trunk lean"),
    ("pelvic_rotation", "pelvic rotation"),
)
FAULT_WORDS: dict[str, str] = {
    "arched_back": "arched back",
    "momentum": "momentum",
    "excessive_load": "too heavy",
    "incomplete_rom": "short range",
    "weak_core": "weak core",
    "pelvic_rotation": "hips turn",
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


def rep_faults(report: SetReport, rep: int) -> list[str]:
    """The faults found in one rep, in words, each once."""
    faults: list[str] = []
    for finding in report.findings:
        words = FAULT_WORDS.get(finding.mistake, finding.mistake.replace("_", " "))
        if finding.rep == rep and words not in faults:
            faults.append(words)
    return faults


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
        mark = MARKS["mistake"] if faults else MARKS["correct"]
        ax.annotate(
            f"{rep.number} {mark}" + (" " + ", ".join(faults) if faults else ""),
            xy=((rep.start_s + rep.end_s) / 2, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 3 if rep.number % 2 else 17),  # alternate rows, so neighbours' words never collide
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=FONT_SIZES["small"],
            color=COLORS["mistake"] if faults else COLORS["correct"],
            fontweight="bold",
            annotation_clip=False,
        )


def set_title(report: SetReport) -> str:
    """The set's verdict as a title: how many reps, how many clean, and the faults found."""
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


def draw_set(recording: Recording, report: SetReport) -> Any:
    """A figure: hip angle over time, each rep's phases shaded and faults named; other angles below."""
    figure = new_figure(9.0, 5.8)
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
    shown = 0
    for name, words in OTHER_ANGLES:
        values = recording.angles.get(name)
        if values is not None and np.isfinite(values).any():
            # each later line thinner and on top, so lines that coincide (all near 0°) all stay visible
            draw_trace(
                other_ax,
                time,
                values,
                color=COLORS[name],
                style=LINESTYLES[name],
                label=words,
                width=3.0 - 0.7 * shown,
                layer=3.0 + shown,
            )
            shown += 1
    if shown:
        other_ax.legend(
            fontsize=FONT_SIZES["small"],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            handlelength=2.6,
        )
    else:
        other_ax.text(
            0.5,
            0.5,
            "no lower-back, trunk or pelvis angles in this recording",
            transform=other_ax.transAxes,
            ha="center",
            va="center",
            fontsize=FONT_SIZES["label"],
        )
    decorate(other_ax, xlabel="time (s)", ylabel="other angles (°)")
    figure.suptitle(set_title(report), fontsize=FONT_SIZES["title"], fontweight="bold", y=0.99, va="top")
    figure.subplots_adjust(left=0.08, right=0.80, bottom=0.09, top=0.84, hspace=0.12)
    return figure


class SetView:
    """A recorded set as a picture plus the checker's report in words (for a notebook output)."""

    def __init__(self, recording: Recording, variant: str) -> None:
        self.recording = recording
        self.report = analyze_set(recording, variant)
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
