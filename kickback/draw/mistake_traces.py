"""A mistake over time: correct (✓) beside the mistake (✗), simulated sets in the angles that show it.

The committed mistake_momentum, mistake_excessive_load and mistake_weak_core figures. Each trace is
drawn as the set timeline draws it (raw light, smoothed solid); the frame and the ✓/✗ say which panel
is the mistake. The hip's panels carry the taught top; a weak core's the movement allowed within each
rep, from that rep's start; every panel a short note of what the checker measured.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes

from ..form.recordings import Recording
from ..form.simulate import simulate_set
from ..form.thresholds import target_top, threshold
from ..model.variants import QUADRUPED
from .angle_strips import draw_arch_limit
from .curves import decorate
from .shapes import add_headroom, frame_chart, mark_panel
from .style import COLORS, FONT_SIZES
from .trace_marks import (
    PELVIS_TILT_WORDS,
    hip_note,
    mark_angle_movement,
    mistake_angles,
    rep_movements,
    set_reps,
)
from .traces import TRACE_STYLES, draw_trace, smooth_trace

SEED, NOISE_DEG = 1, 0.5
"""The simulated sets the figures draw: one seed, half a degree of noise."""


def simulated(variant: str, mistake: str | None, reps_of: str) -> Recording:
    """The simulated set a mistake figure draws (None: the correct set), as many reps as the mistake needs."""
    reps = 8 if reps_of == "excessive_load" else 3
    return simulate_set(variant, mistake, reps=reps, seed=SEED, noise_deg=NOISE_DEG)


def core_movements(recording: Recording, variant: str) -> dict[str, list[float]]:
    """Per rep, how far the lower back (or trunk) moved and how far the pelvis dropped (degrees).

    On all fours the lower back's movement (highest minus lowest within the rep) and the pelvis's drop
    below its level at the rep's start; standing, the trunk's movement.
    """
    time = recording.time_s
    found: dict[str, list[float]] = {}
    for name in ("lumbar_extension", "trunk_lean", "pelvic_hike"):
        if variant == QUADRUPED and name == "trunk_lean" or variant != QUADRUPED and name != "trunk_lean":
            continue
        smooth = smooth_trace(time, recording.angles[name])
        moves = rep_movements(recording, variant, smooth)
        if name == "pelvic_hike":
            found[name] = [
                max(0.0, base - float(np.nanmin(smooth[(time >= rep.start_s) & (time <= rep.end_s)])))
                for rep, base, _ in moves
            ]
        else:
            found[name] = [span for _, _, span in moves]
    return found


def core_note(recording: Recording, variant: str) -> str:
    """A weak core's panel note: the largest movement in a rep against the allowance (degrees)."""
    moved = core_movements(recording, variant)
    allowed = threshold("trunk_excursion_max")
    if variant == QUADRUPED:
        back, drop = max(moved["lumbar_extension"], default=0.0), max(moved["pelvic_hike"], default=0.0)
        return f"a rep: lower back moves {back:.0f}°, pelvis drops {drop:.0f}° (allowed {allowed:g}°)"
    return f"a rep: trunk moves {max(moved['trunk_lean'], default=0.0):.0f}° (allowed {allowed:g}°)"


def trace_finding_title(mistake: str, variant: str) -> str:
    """A title for a mistake's trace figure that states its finding, computed from the simulated set.

    >>> trace_finding_title("weak_core", "bodyweight")
    'Without core control the lower back arches 8° and the pelvis drops 4° every rep'
    """
    recording = simulated(variant, mistake, mistake)
    if mistake == "weak_core":
        moved = core_movements(recording, variant)
        if variant == QUADRUPED:
            back, drop = min(moved["lumbar_extension"]), min(moved["pelvic_hike"])
            return (
                f"Without core control the lower back arches {back:.0f}° and the pelvis drops "
                f"{drop:.0f}° every rep"
            )
        return f"Without core control the trunk rocks {min(moved['trunk_lean']):.0f}° every rep"
    reps = set_reps(recording, variant)
    if mistake == "excessive_load":
        return (
            f"Too heavy: over {len(reps)} reps the top falls from {reps[0].peak_hip_extension_deg:.0f}° "
            f"to {reps[-1].peak_hip_extension_deg:.0f}° and the lift speeds up"
        )
    return f"Swinging with momentum: {hip_note(recording, variant, mistake).replace(': ', ', ', 1)}"


def draw_taught_top(ax: Axes, variant: str) -> float:
    """The variant's taught top (data/poses.csv, through the form layer) as a named dashed line."""
    top = target_top(variant)
    ax.axhline(top, color=COLORS["reference"], linestyle=(0, (6, 3)), linewidth=1.3, zorder=1.5)
    ax.annotate(
        f"taught top {top:.0f}°",
        xy=(1.0, top),
        xycoords=ax.get_yaxis_transform(),
        xytext=(-3, 3),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
    )
    return top


def draw_note(ax: Axes, note: str, kind: str) -> None:
    """The panel's finding in a short line at its foot: bold and in the verdict's colour on the mistake."""
    ax.text(
        0.98,
        0.03,
        note,
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["mistake"] if kind == "mistake" else COLORS["outline"],
        fontweight="bold" if kind == "mistake" else "normal",
        gid="finding_note",
    )


def draw_panel(ax: Axes, mistake: str, variant: str, kind: str) -> tuple[list[str], str]:
    """One panel's traces, allowances and taught top; returns what it shows in words and its note."""
    angles = mistake_angles(mistake, variant)
    many = len(angles) > 1
    recording = simulated(variant, mistake if kind == "mistake" else None, mistake)
    said = []
    for rank, (name, angle_words) in enumerate(angles):
        color, style = TRACE_STYLES[name] if many else (COLORS[kind], "-")
        label = (PELVIS_TILT_WORDS if name == "pelvic_hike" else angle_words) if many else None
        smooth = draw_trace(
            ax,
            recording.time_s,
            recording.angles[name],
            color=color,
            style=style,
            label=label,
            width=2.6 - 0.6 * rank if many else 2.2,
        )
        said.append(mark_angle_movement(ax, recording, variant, name, angle_words, smooth, kind))
    if many:
        draw_arch_limit(ax)
    if angles[0][0] == "hip_extension":
        top = draw_taught_top(ax, variant)
        said.append(f"the taught top, {top:.0f} degrees, is a dashed line")
        note = hip_note(recording, variant, mistake if kind == "mistake" else "")
    else:
        note = core_note(recording, variant)
    return said, note


def draw_mistake_traces(figure: Any, mistake: str, variant: str, title: str) -> list[str]:
    """Correct (✓) beside the mistake (✗): simulated sets over time, in the angles that show it.

    One angle is drawn raw (light) and smoothed (solid) in the verdict's colour; two (the lower back and
    pelvis on all fours) in their own colours and lines, with a key below and the arched-back limit.
    A weak core's panels shade the movement allowed within each rep from the rep's start; the hip's carry
    the taught top; each panel a note of what the checker measured. Frames go outside the axes and the
    y-limits leave headroom, so no trace touches a frame. Returns the sentences for alt text.
    """
    angles = mistake_angles(mistake, variant)
    axes = figure.subplots(1, 2, sharex=True, sharey=True)
    many = len(angles) > 1
    ylabel = "lower back and pelvis (°)" if many else f"{angles[0][1]} (°)"
    correct_title = "Correct: trunk held still" if mistake == "weak_core" else "Correct: 2-1-3 tempo"
    words = []
    for ax, kind in zip(axes, ("correct", "mistake")):
        said, note = draw_panel(ax, mistake, variant, kind)
        draw_note(ax, note, kind)
        decorate(ax, xlabel="time (s)", ylabel=ylabel if kind == "correct" else "")
        name = correct_title if kind == "correct" else title
        mark_panel(ax, kind, name, frame=False)
        words.append(f"{name}: {'; '.join(said)}; the panel notes: {note}.")
    add_headroom(list(axes), share=0.22)
    bottom = 0.18
    handles, labels = axes[0].get_legend_handles_labels()
    if handles:
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
        rows = -(-len(handles) // 2)
        figure.set_size_inches(figure.get_figwidth(), figure.get_figheight() + 0.2 * rows)
        bottom = 0.18 + 0.05 * rows
    if many or angles[0][0] == "trunk_lean":
        allowed = threshold("trunk_excursion_max")
        words.append(
            f"Each rep's shaded band starts at the angle the rep began with, spans the {allowed:g} degrees "
            "a still trunk may move within a rep (a teaching heuristic); the checker judges how far the "
            "angle moves within the rep, not where it sits."
        )
    figure.subplots_adjust(left=0.09, right=0.985, bottom=bottom, top=0.78, wspace=0.1)
    for ax, kind in zip(axes, ("correct", "mistake")):
        frame_chart(ax, kind)
    return words


__all__ = ["core_movements", "core_note", "draw_mistake_traces", "trace_finding_title"]
