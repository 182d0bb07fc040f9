"""A recorded set drawn over time: the angles, the reps and their phases.

The checker's report is beside it.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
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
from .curves import decorate
from .style import COLORS, FONT_SIZES, OKABE_ITO, new_figure, render_png

PHASES: tuple[tuple[str, str, str], ...] = (
    # (name, colour, hatch): colour and hatch both tell the phases apart
    ("lift", OKABE_ITO["sky_blue"], "//"),
    ("hold at the top", OKABE_ITO["yellow"], ".."),
    ("lower", OKABE_ITO["reddish_purple"], "\\\\"),
)
OTHER_ANGLES: tuple[tuple[str, str, str], ...] = (
    ("lumbar_extension", "lumbar extension", "-"),
    ("trunk_lean", "trunk lean", "--"),
    ("pelvic_rotation", "pelvic rotation", ":"),
)


def draw_set(recording: Recording, report: SetReport) -> Any:
    """A figure: hip angle over time with each rep's phases shaded and numbered, the other angles below."""
    figure = new_figure(10.0, 5.4)
    hip_ax, other_ax = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    time = recording.time_s
    hip = recording.angles["hip_extension"]
    label = "thigh to trunk line (°)" if recording.hip_measure == "thigh_to_trunk" else "hip extension (°)"
    for rep in report.reps:
        start = rep.start_s
        for (_name, colour, hatch), length in zip(
            PHASES, (rep.concentric_s, rep.top_hold_s, rep.eccentric_s)
        ):
            hip_ax.axvspan(
                start,
                start + length,
                facecolor=colour,
                alpha=0.35,
                hatch=hatch,
                edgecolor=COLORS["outline"],
                linewidth=0,
            )
            start += length
        flagged = any(finding.rep == rep.number for finding in report.findings)
        mark = "✗" if flagged else "✓"
        hip_ax.text(
            (rep.start_s + rep.end_s) / 2,
            1.02,
            f"{rep.number} {mark}",
            transform=hip_ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=FONT_SIZES["small"],
            color=COLORS["mistake"] if flagged else COLORS["correct"],
            fontweight="bold",
        )
    hip_ax.plot(time, hip, color=COLORS["working_leg"], linewidth=1.6)
    decorate(hip_ax, ylabel=label)
    handles = [
        Patch(facecolor=c, alpha=0.35, hatch=h, edgecolor=COLORS["outline"], label=n) for n, c, h in PHASES
    ]
    hip_ax.legend(handles=handles, fontsize=FONT_SIZES["small"], loc="lower right", ncol=3, frameon=True)
    shown = 0
    for name, words, style in OTHER_ANGLES:
        values = recording.angles.get(name)
        if values is not None and np.isfinite(values).any():
            other_ax.plot(time, values, color=COLORS["outline"], linestyle=style, linewidth=1.3, label=words)
            shown += 1
    if shown:
        other_ax.legend(fontsize=FONT_SIZES["small"], loc="upper left", ncol=3, frameon=True)
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
    figure.suptitle(
        f"{len(report.reps)} reps: numbered, ✓ clean or ✗ with a finding; phases shaded",
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
    )
    figure.subplots_adjust(left=0.08, right=0.99, bottom=0.1, top=0.88, hspace=0.12)
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
