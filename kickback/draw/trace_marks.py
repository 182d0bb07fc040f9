"""What a mistake's trace figure says about its reps: peaks, rep lengths, and the movement allowed per rep.

The words come from the simulated set as the checker reads it (`form.analysis.analyze_set`), so the
alt text says what the picture shows: for too heavy a load the peaks falling and the reps speeding
up, for momentum the reps' length, for a weak core how far the lower back moves within each rep
against the allowed `trunk_excursion_max` (data/thresholds.csv, a teaching heuristic).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from ..form.analysis import analyze_set
from ..form.recordings import Recording
from ..form.thresholds import threshold
from ..model.variants import QUADRUPED
from .style import COLORS, FONT_SIZES

PELVIS_TILT_WORDS = "pelvis side tilt (below 0: working side drops)"


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


def rep_words(recording: Recording, variant: str) -> str:
    """The reps in words: how long each took and how high the hip went, first rep to last (s, °)."""
    reps = analyze_set(recording, variant).reps
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


def movement_per_rep(recording: Recording, variant: str, name: str, smooth: np.ndarray) -> float:
    """The largest movement (highest minus lowest, degrees) of the smoothed angle `name` within one rep."""
    reps = analyze_set(recording, variant).reps
    spans = []
    for rep in reps:
        inside = (recording.time_s >= rep.start_s) & (recording.time_s <= rep.end_s)
        values = smooth[inside & np.isfinite(smooth)]
        if values.size:
            spans.append(float(values.max() - values.min()))
    if not spans:
        return float(np.nanmax(smooth) - np.nanmin(smooth))
    return max(spans)


def draw_allowed_band(ax: Axes, base: float, label: bool) -> Rectangle:
    """Shade the movement a still lower back may make within a rep: `base` (°) up by trunk_excursion_max."""
    allowed = threshold("trunk_excursion_max")
    band = ax.axhspan(
        base,
        base + allowed,
        facecolor=COLORS["correct"],
        alpha=0.12,
        hatch="..",
        edgecolor=(0.0, 0.62, 0.45, 0.35),
        linewidth=0.0,
        zorder=0.5,
        label=f"allowed movement within a rep ({allowed:g}°, a teaching heuristic)" if label else None,
    )
    return band


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

    The lower back (all fours): the movement allowed within a rep shaded, and how far it moved in
    words on the panel. The pelvis's side tilt: how far the working side drops. The hip: the reps'
    length and peaks. Any other angle: its range.
    """
    if name == "lumbar_extension":
        base = float(np.nanmedian(smooth[recording.time_s < 1.0]))
        draw_allowed_band(ax, base, label=kind == "correct")
        moved = movement_per_rep(recording, variant, name, smooth)
        allowed = threshold("trunk_excursion_max")
        ax.text(
            0.98,
            0.03,
            f"lower back moves {moved:.0f}° within a rep (allowed {allowed:g}°)",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=FONT_SIZES["small"],
            color=COLORS["mistake" if moved > allowed else "outline"],
            fontweight="bold",
        )
        return f"{words} moves up to {degrees(moved)} within a rep (allowed {degrees(allowed)})"
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
    "mark_angle_movement",
    "mistake_angles",
    "movement_per_rep",
    "rep_words",
]
