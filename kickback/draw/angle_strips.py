"""The angles under the hip in a set timeline, each body part in its own strip with its own scale.

The lower back has its strip and its arched-back limit; the trunk's lean is drawn as its change from
the start of the set (a trunk leaning 20° and held there is still, and must not sit over the arch's
limit); the pelvis's turn and side tilt share a third strip in two colours and line styles. Each line
is named at its right end. Standing, the trunk's lean is drawn with the lower back and pelvis; on all
fours, where the hands and knees on the floor hold the trunk, only when neither was recorded.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ..form.recordings import Recording
from ..form.thresholds import threshold
from ..model.variants import QUADRUPED
from .curves import decorate
from .style import COLORS, FONT_SIZES, LINESTYLES
from .traces import TRACE_STYLES, draw_trace, label_line_ends, last_value

OTHER_ANGLES: tuple[tuple[str, str], ...] = (
    ("lumbar_extension", "lower back arch"),
    ("trunk_lean", "trunk lean"),
    ("pelvic_rotation", "pelvis turn"),
    ("pelvic_hike", "pelvis side tilt"),
)
ALL_FOURS_ANGLES: tuple[str, ...] = ("lumbar_extension", "pelvic_rotation", "pelvic_hike")
"""On all fours: the lower back and the pelvis; the trunk's lean only when neither was recorded."""
STRIPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lower back (°)", ("lumbar_extension",)),
    ("trunk (°)", ("trunk_lean",)),
    ("pelvis (°)", ("pelvic_rotation", "pelvic_hike")),
)
"""Each strip: its y label and the angles it draws, in order from the top."""
START_S = 1.0
"""The first second of a set is its start: the trunk's lean is drawn as its change from then."""
NOTE_WIDTH = 100
"""Characters a line of the note over the strips holds."""
LEAST_SPAN_DEG = 8.0
"""A strip spans at least this many degrees, so a still trace looks still rather than magnified noise."""
LIMIT_ROOM = 0.25
"""Room above the highest level a strip must show, as a fraction of the strip's span."""
TICK_STEPS: tuple[tuple[float, ...], ...] = ((1, 2, 5), (4,))
"""The steps a strip's y ticks may take (times a power of ten), the first group first: 0/5/10, not 0/6."""


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


def shown_strips(shown: list[tuple[str, str]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The strips to draw, top to bottom: (y label, the shown angles it holds); empty strips left out."""
    strips = []
    for ylabel, names in STRIPS:
        inside = [(name, words) for name, words in shown if name in names]
        if inside:
            strips.append((ylabel, inside))
    return strips


def other_axis_words(variant: str | None, shown: list[tuple[str, str]]) -> str:
    """The note over the strips: on all fours, why the trunk is not drawn (or that only it could be)."""
    if variant == QUADRUPED and any(name in ALL_FOURS_ANGLES for name, _ in shown):
        return (
            "On all fours the hands and knees hold the trunk: a weak core shows as the lower back "
            "sagging (arch rises) and the pelvis dropping (side tilt below 0)"
        )
    if variant == QUADRUPED:
        return "Lower back and pelvis not recorded: only the shoulder-hip line is drawn"
    return ""


def draw_arch_limit(ax: Axes) -> Line2D:
    """The arched-back limit as a faint dotted line on the lower back's own strip."""
    limit = threshold("lumbar_extension_max")
    return ax.axhline(
        limit,
        color=COLORS["reference"],
        linestyle=LINESTYLES["reference"],
        linewidth=1.2,
        zorder=1,
        label=f"arch limit {limit:g}°",
    )


def start_value(time_s: np.ndarray, values: np.ndarray) -> float:
    """The angle at the start of the set: the median over its first second (degrees)."""
    early = values[(time_s <= time_s[0] + START_S) & np.isfinite(values)]
    return float(np.median(early)) if early.size else float(np.nanmedian(values))


def strip_limits(values: list[np.ndarray], must_show: tuple[float, ...] = (0.0,)) -> tuple[float, float]:
    """A strip's y range (degrees): its data, the levels it must show, at least LEAST_SPAN_DEG, a margin."""
    finite = [v[np.isfinite(v)] for v in values]
    low = min([float(v.min()) for v in finite if v.size] + list(must_show))
    high = max([float(v.max()) for v in finite if v.size] + list(must_show))
    if high - low < LEAST_SPAN_DEG:
        middle = (high + low) / 2
        low, high = middle - LEAST_SPAN_DEG / 2, middle + LEAST_SPAN_DEG / 2
    margin = 0.1 * (high - low)
    # a level drawn as a line (the arch limit) keeps room above it, so it does not run along the top edge
    above = max(margin, max(must_show) + LIMIT_ROOM * (high - low) - high)
    return low - margin, high + above


def draw_strip(ax: Axes, recording: Recording, ylabel: str, angles: list[tuple[str, str]]) -> list:
    """One strip: its angles raw and smoothed, a thin line at 0, the arch limit with the lower back.

    Returns what to name at the strip's right end, (height, words, colour), once the layout is final.
    """
    time = recording.time_s
    ends, drawn, must_show = [], [], [0.0]
    ax.axhline(0.0, color="#BDBDBD", linewidth=0.8, zorder=1)
    for rank, (name, words) in enumerate(angles):
        color, style = TRACE_STYLES[name]
        values = np.asarray(recording.angles[name], dtype=float)
        if name == "trunk_lean":
            start = start_value(time, values)
            values = values - start
            words = f"trunk lean\n(0 = {start:.0f}° at start)"
        smooth = draw_trace(ax, time, values, color=color, style=style, label=words, width=2.4 - 0.4 * rank)
        drawn.append(values)
        ends.append((last_value(smooth), words, color))
    if any(name == "lumbar_extension" for name, _ in angles):
        limit = draw_arch_limit(ax)
        must_show.append(float(limit.get_ydata()[0]))
        ends.append((must_show[-1], limit.get_label(), COLORS["reference"]))
    ax.set_ylim(*strip_limits(drawn, tuple(must_show)))
    decorate(ax, ylabel=ylabel)
    ax.set_yticks(strip_ticks(*ax.get_ylim()))
    return ends


def strip_ticks(low: float, high: float, most: int = 4) -> list[float]:
    """A strip's y ticks: multiples of the smallest step that puts 2 to `most` ticks inside (low, high).

    Steps of 1, 2 or 5 (times a power of ten) first, so 0/5/10 rather than 0/6; 4 only where none fits
    (a strip of ±4.8° gets -4/0/4, not a lone 0).

    >>> strip_ticks(-1.8, 13.3)
    [0.0, 5.0, 10.0]
    >>> strip_ticks(-4.8, 4.8)
    [-4.0, 0.0, 4.0]
    """
    span = high - low
    powers = range(int(np.floor(np.log10(span))) - 1, int(np.ceil(np.log10(span))) + 1)
    for bases in TICK_STEPS:
        for step in sorted(base * 10.0**power for power in powers for base in bases):
            ticks = np.arange(np.ceil(low / step), np.floor(high / step) + 1) * step
            if 2 <= len(ticks) <= most:
                return [float(t) + 0.0 for t in ticks]
    return [low, high]


def draw_other_angles(axes: list[Axes], recording: Recording, variant: str | None) -> list:
    """The strips under the hip, one body part each; returns the labels to put at their right ends.

    Give as many axes as `shown_strips` returns (at least one): with nothing recorded the one axes says so.
    """
    shown = shown_angles(recording, variant)
    strips = shown_strips(shown)
    note = other_axis_words(variant, shown)
    if not strips:
        axes[0].text(
            0.5,
            0.5,
            "no lower-back, trunk or pelvis angles in this recording",
            transform=axes[0].transAxes,
            ha="center",
            va="center",
            fontsize=FONT_SIZES["label"],
        )
        decorate(axes[0])
        return []
    pending = [draw_strip(ax, recording, ylabel, angles) for ax, (ylabel, angles) in zip(axes, strips)]
    if note:
        axes[0].set_title(
            textwrap.fill(note, NOTE_WIDTH), loc="left", fontsize=FONT_SIZES["small"], color=COLORS["outline"]
        )
    return list(zip(axes, pending))


def name_line_ends(pending: list) -> None:
    """Put each strip's line names at its right end (after the figure's layout is final)."""
    for ax, ends in pending:
        label_line_ends(ax, ends)


def strip_words(recording: Recording, variant: str | None) -> list[str]:
    """The words each strip's lines are named by (for tests and alt text)."""
    return [words for _, words in shown_angles(recording, variant)]


__all__ = [
    "ALL_FOURS_ANGLES",
    "NOTE_WIDTH",
    "OTHER_ANGLES",
    "STRIPS",
    "draw_arch_limit",
    "draw_other_angles",
    "name_line_ends",
    "other_axis_words",
    "shown_angles",
    "shown_strips",
]
