"""What a mistake's trace figure says about its reps: peaks, rep lengths, and the movement allowed per rep.

The words come from the simulated set as the checker reads it (`form.analysis.analyze_set`), so the
notes on the panels, the alt text and the proposed titles say what the picture shows: for too heavy a
load the range falling and the lifts speeding up, for momentum the reps' pace and the missing pause,
for a weak core how far the lower back (or the trunk) moves within each rep against the allowed
`trunk_excursion_max` (data/thresholds.csv, a teaching heuristic), drawn from each rep's own start.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from ..form.analysis import analyze_set
from ..form.recordings import Recording
from ..form.reps import Rep
from ..form.thresholds import threshold
from ..model.variants import QUADRUPED
from .style import COLORS

PELVIS_TILT_WORDS = "pelvis side tilt (below 0: working side drops)"
ALLOWANCE_EDGE = (0.0, 0.62, 0.45, 0.55)
"""The allowance band's edge: the correct colour, half transparent."""
BAND_INSET_S = 0.15
"""Each rep's allowance band starts and ends this far (s) inside the rep, so neighbouring bands stay apart."""


def mistake_angles(mistake: str, variant: str) -> tuple[tuple[str, str], ...]:
    """The angles that show a mistake over time, (name, words): what the body can do in the variant.

    Momentum and too heavy a load show in the hip's timing and range. A weak core standing shows as the
    trunk rocking; on all fours the hands and knees hold the trunk's lean, so it shows as the lower back
    sagging and the pelvis dropping on the working side.
    """
    if mistake == "weak_core" and variant == QUADRUPED:
        return (("lumbar_extension", "lower back arch"), ("pelvic_hike", "pelvis side tilt"))
    if mistake == "weak_core":
        return (("trunk_lean", "trunk lean"),)
    return (("hip_extension", "hip extension"),)


def set_reps(recording: Recording, variant: str) -> tuple[Rep, ...]:
    """The reps the checker finds in a simulated set."""
    return analyze_set(recording, variant).reps


def rep_words(recording: Recording, variant: str) -> str:
    """The reps in words: how long each took and how high the hip went, first rep to last (s, °)."""
    reps = set_reps(recording, variant)
    if not reps:
        return "no reps found"
    lengths = [rep.end_s - rep.start_s for rep in reps]
    peaks = [rep.peak_hip_extension_deg for rep in reps]
    if max(peaks) - min(peaks) >= 2 or max(lengths) - min(lengths) >= 0.5:
        return (
            f"{len(reps)} reps; the peaks fall from {peaks[0]:.0f} to {peaks[-1]:.0f} degrees of hip "
            f"extension and the reps speed up from {lengths[0]:.1f} to {lengths[-1]:.1f} seconds each"
        )
    return (
        f"{len(reps)} reps of about {float(np.mean(lengths)):.0f} seconds each, "
        f"each peaking at {float(np.mean(peaks)):.0f} degrees of hip extension"
    )


def hip_note(recording: Recording, variant: str, mistake: str) -> str:
    """The finding a hip trace shows, in a short line for the panel (computed from the checker's reps).

    For too heavy a load the range falling and the lift speeding up; otherwise the pace: reps in how
    many seconds, how long each lift took and the pause at the top (or that there was none).
    """
    reps = set_reps(recording, variant)
    if not reps:
        return "no reps found"
    if mistake == "excessive_load":
        first, last = reps[0], reps[-1]
        return (
            f"range falls from {first.peak_hip_extension_deg:.0f}° to {last.peak_hip_extension_deg:.0f}°; "
            f"lift {first.concentric_s:.1f} s → {last.concentric_s:.1f} s"
        )
    seconds = reps[-1].end_s - reps[0].start_s
    lift = float(np.median([rep.concentric_s for rep in reps]))
    hold = float(np.median([rep.top_hold_s for rep in reps]))
    pause = "no pause at the top" if hold < threshold("top_hold_min_s") else f"{hold:.1f} s at the top"
    return f"{len(reps)} reps in {seconds:.0f} s: up {lift:.1f} s, {pause}"


def movement_per_rep(recording: Recording, variant: str, name: str, smooth: np.ndarray) -> float:
    """The largest movement (highest minus lowest, degrees) of the smoothed angle `name` within one rep."""
    spans = [span for _, _, span in rep_movements(recording, variant, smooth)]
    if not spans:
        return float(np.nanmax(smooth) - np.nanmin(smooth))
    return max(spans)


def rep_movements(recording: Recording, variant: str, smooth: np.ndarray) -> list[tuple[Rep, float, float]]:
    """Per rep: the rep, the angle at its start, and how far it moved within it (highest minus lowest, °)."""
    found = []
    for rep in set_reps(recording, variant):
        inside = (recording.time_s >= rep.start_s) & (recording.time_s <= rep.end_s) & np.isfinite(smooth)
        values = smooth[inside]
        if values.size:
            found.append((rep, float(values[0]), float(values.max() - values.min())))
    return found


def draw_allowed_band(ax: Axes, start: float, end: float, base: float, label: bool) -> Rectangle:
    """Shade the movement a still core allows within one rep: from the angle at its start (`base`, °) up.

    The band spans the rep's own time, `start` to `end` (s), a little inset so neighbouring reps' bands
    stay apart. Upward, because that is the way a loose core lets the angle go: the lower back sags (its
    arch grows), the standing trunk tips forward (its lean grows).
    """
    allowed = threshold("trunk_excursion_max")
    inset = min(BAND_INSET_S, (end - start) / 4)
    band = Rectangle(
        (start + inset, base),
        end - start - 2 * inset,
        allowed,
        facecolor=COLORS["correct"],
        alpha=0.14,
        hatch="..",
        edgecolor=ALLOWANCE_EDGE,
        linewidth=0.8,
        zorder=0.5,
        label=f"allowed movement within a rep ({allowed:g}°, a teaching heuristic), from the rep's start"
        if label
        else None,
    )
    ax.add_patch(band)
    return band


def draw_rep_allowances(ax: Axes, recording: Recording, variant: str, smooth: np.ndarray) -> list[float]:
    """One allowance band per rep, from the angle at the rep's start; returns how far it moved in each rep."""
    moved = []
    for index, (rep, base, span) in enumerate(rep_movements(recording, variant, smooth)):
        draw_allowed_band(ax, rep.start_s, rep.end_s, base, label=index == 0)
        moved.append(span)
    return moved


def degrees(value: float) -> str:
    """A whole number of degrees in words, singular for 1."""
    whole = round(value)
    return f"{whole} degree" if abs(whole) == 1 else f"{whole} degrees"


def mark_angle_movement(
    ax: Axes,
    recording: Recording,
    variant: str,
    name: str,
    words: str,
    smooth: np.ndarray,
    kind: str,
) -> str:
    """Mark on `ax` what one angle's trace shows, and say it in words (for alt text).

    The lower back (all fours) and the trunk (standing): the movement allowed within each rep shaded
    from that rep's start. The pelvis's side tilt: how far the working side drops. The hip: the reps'
    length and peaks. Any other angle: its range.
    """
    if name in ("lumbar_extension", "trunk_lean"):
        moved = draw_rep_allowances(ax, recording, variant, smooth) or [
            movement_per_rep(recording, variant, name, smooth)
        ]
        allowed = threshold("trunk_excursion_max")
        return f"{words} moves up to {degrees(max(moved))} within a rep (allowed {degrees(allowed)})"
    if name == "pelvic_hike":
        drop = max(0.0, -float(np.nanmin(smooth)))
        if drop < 0.5:
            return f"{words} stays level (the working side does not drop)"
        return f"{words} down to {-drop:.0f} (the working side drops up to {degrees(drop)})"
    if name == "hip_extension":
        return rep_words(recording, variant)
    low, high = float(np.nanmin(smooth)), float(np.nanmax(smooth))
    return f"{words} from {low:.0f} to {degrees(high)}"


__all__ = [
    "PELVIS_TILT_WORDS",
    "degrees",
    "draw_allowed_band",
    "draw_rep_allowances",
    "hip_note",
    "mark_angle_movement",
    "mistake_angles",
    "movement_per_rep",
    "rep_movements",
    "rep_words",
]
