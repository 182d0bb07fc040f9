"""A recorded set drawn over time: the angles, the reps and their phases.

The checker's report is beside it. On the hip's chart, the taught top and the short-range cut-off as
named lines, and under each rep flagged for momentum how long its lift took, so each ✗ shows its
reason. Below the hip, one strip a body part (`angle_strips`): the lower back with its arch limit, the
trunk's lean as its change from the start, the pelvis's turn and side tilt.
"""

from __future__ import annotations

import base64
import textwrap
from typing import Any

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
from ..form.thresholds import read_thresholds, target_top, thigh_trunk_limit, threshold
from .angle_strips import (  # noqa: F401 (kept here for older imports)
    ALL_FOURS_ANGLES,
    NOTE_WIDTH,
    OTHER_ANGLES,
    draw_arch_limit,
    draw_other_angles,
    name_line_ends,
    other_axis_words,
    shown_angles,
    shown_strips,
)
from .curves import decorate
from .mistake_traces import draw_mistake_traces as draw_mistake_traces
from .rep_labels import FAULT_WORDS as FAULT_WORDS  # noqa: F401 (kept here for older imports)
from .rep_labels import (
    LINE_PT,
    UNCERTAIN_MARK,
    label_offset,
    label_room,
    lift_time_words,
    rep_faults,
    rep_label,
)
from .set_verdicts import TITLE_LINE_IN, set_title, title_lines
from .style import COLORS, FONT_SIZES, HATCHES, LINESTYLES, new_figure, render_png
from .traces import RAW_ALPHA, RAW_COLOR, draw_trace, label_line_ends
from .traces import TRACE_STYLES as TRACE_STYLES  # noqa: F401 (kept here for older imports)
from .traces import smooth_trace as smooth_trace  # noqa: F401 (kept here for older imports)

PHASES: tuple[tuple[str, str], ...] = (
    # (words, meaning in style.COLORS and style.HATCHES): colour and hatch both tell the phases apart
    ("lift", "lift"),
    ("hold at the top", "hold"),
    ("lower", "lower"),
)
TOP_STYLE = (0, (6, 3))
"""The taught top's line on the hip chart: grey and dashed (the short-range cut-off is grey and dotted)."""


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


def hip_targets(report: SetReport, *, side_view: bool = False) -> list[tuple[float, str, Any]]:
    """The hip's taught top and the short-range cut-off below it, (degrees, words, line style).

    The top is the variant's correct top (data/poses.csv) and the cut-off `rom_shortfall_max` below it
    (data/thresholds.csv), both through the form layer; where the checker judged a rep short against
    the person's own range, its limit is the cut-off drawn. From a side view (the thigh's angle to the
    trunk line), also the angle past which the back lent the rest (`thigh_trunk_limit`).
    """
    shortfall = threshold("rom_shortfall_max")
    cut = next(
        (f.limit for f in report.findings if f.mistake == "incomplete_rom" and f.check == "top_position"),
        target_top(report.variant) - shortfall,
    )
    top = cut + shortfall
    targets = [
        (top, f"taught top {top:.0f}°", TOP_STYLE),
        (cut, f"short range below {cut:.0f}°", LINESTYLES["reference"]),
    ]
    if side_view:
        lent = next(
            (f.limit for f in report.findings if f.mistake == "arched_back" and f.check == "thigh_to_trunk"),
            thigh_trunk_limit(),
        )
        targets.insert(0, (lent, f"back lends past {lent:.0f}°", LINESTYLES["mistake"]))
    return targets


def draw_hip_targets(ax: Axes, report: SetReport, *, side_view: bool = False) -> list[tuple[float, str, str]]:
    """Draw the taught top and the short-range cut-off; return their names for the chart's right end."""
    ends = []
    for value, words, style in hip_targets(report, side_view=side_view):
        ax.axhline(value, color=COLORS["reference"], linestyle=style, linewidth=1.3, zorder=1.5, label=words)
        ends.append((value, words, COLORS["outline"]))
    return ends


def lift_time_rows(report: SetReport) -> dict[int, tuple[str, float]]:
    """Per rep flagged for momentum: its words and how far below the chart they start (points).

    Odd reps' words sit just under the chart, even reps' under their neighbours', so words of narrow
    reps side by side do not run into each other.
    """
    lines = {rep.number: lift_time_words(report, rep.number) for rep in report.reps}
    rows = {}
    for number, words in lines.items():
        if not words:
            continue
        below = [lines.get(n, "") for n in (number - 1, number + 1)] if number % 2 == 0 else []
        rows[number] = (words, 3 + max((len(w.splitlines()) for w in below if w), default=0) * LINE_PT)
    return rows


def lift_time_room(report: SetReport) -> float:
    """The height (points) the momentum numbers need under the hip's chart (0 with none)."""
    rows = lift_time_rows(report)
    return max((drop + len(words.splitlines()) * LINE_PT for words, drop in rows.values()), default=0.0)


def mark_lift_times(ax: Axes, report: SetReport) -> list[str]:
    """Under each rep flagged for momentum, the numbers behind it ("up 0.9 s"), just under the chart."""
    said = []
    for rep in report.reps:
        words, drop = lift_time_rows(report).get(rep.number, ("", 0.0))
        if not words:
            continue
        ax.annotate(
            words,
            xy=((rep.start_s + rep.end_s) / 2, 0.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, -drop),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=FONT_SIZES["small"],
            color=COLORS["mistake"],
            linespacing=1.1,
            annotation_clip=False,
            gid="lift_time",
        )
        said.append(f"rep {rep.number}: {words.replace(chr(10), ', ')}")
    return said


def hip_key(report: SetReport) -> list[Any]:
    """The hip chart's key: the phases, the raw and smoothed trace, and what "up" under a rep means."""
    handles: list[Any] = [
        Patch(facecolor=COLORS[m], alpha=0.45, hatch=HATCHES[m], edgecolor="#B0B0B0", label=w)
        for w, m in PHASES
    ]
    handles += [
        Line2D([], [], color=RAW_COLOR, linewidth=1.2, alpha=RAW_ALPHA, label="recorded"),
        Line2D([], [], color=COLORS["working_leg"], linewidth=2.0, label="smoothed"),
    ]
    shown = "\n".join(lift_time_words(report, rep.number) for rep in report.reps)
    for check, words in (
        ("up", f"up: lift time\n(momentum: < {threshold('concentric_min_s'):g} s)"),
        ("hold", f"hold: top pause\n(momentum: < {threshold('top_hold_min_s'):g} s)"),
        ("kick", "kick: lift's top speed\n(momentum: too fast)"),
    ):
        if any(line.startswith(check) for line in shown.splitlines()):
            handles.append(Line2D([], [], linestyle="none", label=words))
    if any(fault.endswith(UNCERTAIN_MARK) for rep in report.reps for fault in rep_faults(report, rep.number)):
        handles.append(Line2D([], [], linestyle="none", label=UNCERTAIN_WORDS))
    return handles


DRAWN_LIMITS: tuple[tuple[str, str], ...] = (
    # (threshold id in data/thresholds.csv, what the chart draws from it)
    ("thigh_trunk_margin", "back lends"),
    ("rom_shortfall_max", "short range"),
    ("lumbar_extension_max", "arch limit"),
    ("concentric_min_s", "momentum times"),
    ("top_hold_min_s", "momentum times"),
    ("peak_speed_factor", "momentum times"),
)
UNCERTAIN_WORDS = "?: within the\ncamera's error"
"""The key's line for a fault marked "?" (from video only)."""
HEURISTIC_NOTE_IN = 0.3
"""The height under the time axis for the note on the limits drawn (inches)."""


def drawn_limits(recording: Recording, report: SetReport) -> list[str]:
    """The thresholds (ids in data/thresholds.csv) this set's picture draws or writes a number against."""
    if not report.judged:
        return []
    drawn = ["rom_shortfall_max"]
    if recording.hip_measure == "thigh_to_trunk":
        drawn.append("thigh_trunk_margin")
    if any(name == "lumbar_extension" for name, _ in shown_angles(recording, report.variant)):
        drawn.append("lumbar_extension_max")
    checks = {f.check for f in report.findings if f.mistake == "momentum" and f.rep is not None}
    for check, name in (("lift_time", "concentric_min_s"), ("top_hold", "top_hold_min_s")):
        if check in checks:
            drawn.append(name)
    if "peak_speed" in checks:
        drawn.append("peak_speed_factor")
    return drawn


def heuristic_note(drawn: list[str]) -> str:
    """One line under the chart: which of the limits drawn are teaching heuristics (per the table's source).

    Said once for the picture, so every line and number drawn against a limit need not repeat it.
    """
    rows = read_thresholds()
    heuristic = {name for name in drawn if "teaching heuristic" in rows[name].source.lower()}
    named = [words for name, words in DRAWN_LIMITS if name in heuristic]
    if not named:
        return ""
    return (
        f"The limits drawn ({', '.join(dict.fromkeys(named))}) are teaching heuristics "
        "(data/thresholds.csv), not clinical cut-offs."
    )


def draw_set(recording: Recording, report: SetReport) -> Any:
    """A figure: hip angle over time, each rep's phases shaded and faults named; a strip a body part below.

    On the hip's chart the taught top and the short-range cut-off are named lines; a rep flagged for
    momentum has its lift time under it. Below the hip, `angle_strips` picks what the variant can show
    (on all fours the lower back and pelvis, since the hands and knees hold the trunk's lean), one strip
    a body part, each line named at its right end.
    """
    variant = None if report.not_judged else report.variant
    strips = max(1, len(shown_strips(shown_angles(recording, variant))))
    extra_pt = label_room(report)  # the figure grows by what the rep labels need
    top_in = 1.05 + extra_pt / 72 + (title_lines(report) - 1) * TITLE_LINE_IN
    bottom_in, hip_in, strip_in, gap_in = 0.55 + HEURISTIC_NOTE_IN, 3.0, 0.95, 0.3
    note = other_axis_words(variant, shown_angles(recording, variant))
    note_pt = len(textwrap.wrap(note, NOTE_WIDTH)) * LINE_PT + 4 if note else 0.0
    # under the hip's chart: the momentum numbers, then the strips' note
    under_in = gap_in + (lift_time_room(report) + note_pt) / 72
    height_in = top_in + hip_in + under_in + strips * strip_in + (strips - 1) * gap_in + bottom_in
    figure = new_figure(9.0, height_in)
    grid = figure.add_gridspec(
        2 * strips + 1,
        1,
        height_ratios=(hip_in, under_in, *[strip_in, gap_in] * (strips - 1), strip_in),
        hspace=0.0,
        left=0.08,
        right=0.79,
        bottom=bottom_in / height_in,
        top=1.0 - top_in / height_in,
    )
    hip_ax = figure.add_subplot(grid[0])
    strip_axes = [figure.add_subplot(grid[2 + 2 * k], sharex=hip_ax) for k in range(strips)]
    for ax in [hip_ax, *strip_axes[:-1]]:
        ax.tick_params(labelbottom=False)
    time = recording.time_s
    hip = recording.angles["hip_extension"]
    label = "thigh to trunk line (°)" if recording.hip_measure == "thigh_to_trunk" else "hip extension (°)"
    shade_phases(hip_ax, report)
    draw_trace(hip_ax, time, hip, color=COLORS["working_leg"], style="-", label="smoothed")
    side_view = recording.hip_measure == "thigh_to_trunk"
    hip_ends = draw_hip_targets(hip_ax, report, side_view=side_view) if report.judged else []
    mark_lift_times(hip_ax, report)
    decorate(hip_ax, ylabel=label)
    hip_ax.legend(
        handles=hip_key(report),
        fontsize=FONT_SIZES["small"],
        loc="lower left",
        bbox_to_anchor=(1.01, 0.0),
        frameon=False,
    )
    pending = draw_other_angles(strip_axes, recording, variant)
    strip_axes[-1].set_xlabel("time (s)", fontsize=FONT_SIZES["label"])
    figure.suptitle(
        set_title(report),
        fontsize=FONT_SIZES["title"],
        fontweight="bold",
        y=0.99,
        va="top",
    )
    note = heuristic_note(drawn_limits(recording, report))
    if note:
        figure.text(
            0.01,
            0.08 / height_in,
            note,
            ha="left",
            va="bottom",
            fontsize=FONT_SIZES["small"],
            color=COLORS["outline"],
            gid="heuristic_note",
        )
    for ax in figure.axes:
        ax.yaxis.set_label_coords(-0.055, 0.5)  # the y labels of all charts in one column
    label_line_ends(hip_ax, hip_ends)
    name_line_ends(pending)
    return figure


def set_alt_text(recording: Recording, report: SetReport) -> str:
    """What the set's picture draws, in words (its alt text): the charts, the lines and the numbers shown."""
    seconds = float(recording.time_s[-1] - recording.time_s[0])
    said = [
        f"Chart of the hip angle (degrees) over {seconds:.0f} seconds with {len(report.reps)} reps, "
        "each rep's lift, hold and lower shaded and its number, tick or cross and faults written above it"
    ]
    if report.judged:
        said.append(
            " and ".join(
                words.replace("°", " degrees")
                for _, words, _ in hip_targets(report, side_view=recording.hip_measure == "thigh_to_trunk")
            )
            + " drawn as grey dashed and dotted lines"
        )
    numbers = [
        f"rep {rep.number}: {lift_time_words(report, rep.number).replace(chr(10), ', ')}"
        for rep in report.reps
        if lift_time_words(report, rep.number)
    ]
    if numbers:
        said.append("under the reps flagged for momentum, " + "; ".join(numbers))
    variant = None if report.not_judged else report.variant
    for ylabel, angles in shown_strips(shown_angles(recording, variant)):
        names = " and ".join(words for _, words in angles)
        extra = ""
        if any(name == "lumbar_extension" for name, _ in angles):
            extra = f", with the arch limit ({threshold('lumbar_extension_max'):g} degrees) dotted"
        if any(name == "trunk_lean" for name, _ in angles):
            extra = ", drawn as its change from the start of the set"
        said.append(f"a strip below for the {ylabel.split(' (')[0]}: {names}{extra}")
    if any(fault.endswith(UNCERTAIN_MARK) for rep in report.reps for fault in rep_faults(report, rep.number)):
        said.append('a "?" after a fault marks it within the camera\'s error of its limit')
    note = heuristic_note(drawn_limits(recording, report))
    return "; ".join(said) + "." + (f" {note}" if note else "")


class SetView:
    """A recorded set as a picture plus the checker's report in words (for a notebook output)."""

    def __init__(self, recording: Recording, variant: str, *, hip_range: float | None = None) -> None:
        self.recording = recording
        self.report = analyze_set(recording, variant, hip_range=hip_range)
        self.png = render_png(draw_set(recording, self.report))
        self.alt_text = set_alt_text(recording, self.report)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"[{self.alt_text}]\n\n{self.report.describe()}",
        }


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
