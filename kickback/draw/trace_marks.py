"""What a mistake's trace figure says about its reps: peaks, rep lengths, and the movement allowed per rep.

The words come from the simulated set as the checker reads it (`form.analysis.analyze_set`), so the
notes on the panels, the alt text and the proposed titles say what the picture shows: for too heavy a
load the top falling and the lift turning into a swing, for momentum the reps' pace and the missing pause,
for a weak core how far each part (the lower back and the pelvis on all fours, the trunk standing)
moves within each rep, judged against `trunk_excursion_max` (data/thresholds.csv, a teaching heuristic):
a window that tall per rep, and the checker's own ✓/✗ per rep and part.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from ..form.analysis import analyze_set
from ..form.recordings import Recording
from ..form.report import SetReport
from ..form.reps import Rep
from ..form.thresholds import threshold
from ..model.variants import QUADRUPED
from .rep_labels import measured_words
from .style import COLORS, FONT_SIZES, LINESTYLES, MARKS

PELVIS_TILT_WORDS = "pelvis side tilt (below 0: working side drops)"
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


def swung_at_the_end(recording: Recording, variant: str) -> bool:
    """Whether the checker calls the set's last rep momentum (a lift too quick, a burst, no pause, a bounce).

    A heavier load slows a clean lift; a quicker one late in a heavy set is a swing the lifter adds to
    get the weight up, and the checker's momentum findings are what say so (not recomputed here).
    """
    report = analyze_set(recording, variant)
    if not report.reps:
        return False
    last = report.reps[-1].number
    return any(f.mistake == "momentum" and f.rep == last for f in report.findings)


def lift_speed_words(first: Rep, last: Rep) -> str:
    """The lift's average speed, first rep to last, beside its range (alt text): a swing shows as a lift
    that gets quicker although its range shrinks, so part of the shorter lift is only the shorter range."""
    before, after = first.range_deg / first.concentric_s, last.range_deg / last.concentric_s
    return (
        f"the lift's average speed goes from {before:.0f} to {after:.0f} degrees a second while its range "
        f"goes from {first.range_deg:.0f} to {degrees(last.range_deg)}"
    )


def rep_words(recording: Recording, variant: str) -> str:
    """The reps in words: how long each took and how high the hip went, first rep to last (s, °); where
    the range shrinks, also the lift's average speed (°/s) and whether the checker calls it a swing."""
    reps = set_reps(recording, variant)
    if not reps:
        return "no reps found"
    lengths = [rep.end_s - rep.start_s for rep in reps]
    peaks = [rep.peak_hip_extension_deg for rep in reps]
    if max(peaks) - min(peaks) >= 2 or max(lengths) - min(lengths) >= 0.5:
        said = (
            f"{len(reps)} reps; the peaks fall from {peaks[0]:.0f} to {peaks[-1]:.0f} degrees of hip "
            f"extension and the reps shorten from {lengths[0]:.1f} to {lengths[-1]:.1f} seconds each"
        )
        if reps[-1].range_deg < reps[0].range_deg - 2:
            said += f"; {lift_speed_words(reps[0], reps[-1])}"
            if swung_at_the_end(recording, variant):
                said += ": a swing added to get the weight up, where a heavier load lifted cleanly is slower"
        return said
    return (
        f"{len(reps)} reps of about {float(np.mean(lengths)):.0f} seconds each, "
        f"each peaking at {float(np.mean(peaks)):.0f} degrees of hip extension"
    )


def hip_note(recording: Recording, variant: str, mistake: str) -> str:
    """The finding a hip trace shows, in a short line for the panel (computed from the checker's reps).

    For too heavy a load (`mistake`, on either panel) the top and the lift's time, first rep to last;
    otherwise the pace: reps in how many seconds, how long each lift took and the pause at the top (or
    that there was none).
    """
    reps = set_reps(recording, variant)
    if not reps:
        return "no reps found"
    if mistake == "excessive_load":
        return load_note(recording, variant, reps)
    seconds = reps[-1].end_s - reps[0].start_s
    lift = float(np.median([rep.concentric_s for rep in reps]))
    hold = float(np.median([rep.top_hold_s for rep in reps]))
    pause = "no pause at the top" if hold < threshold("top_hold_min_s") else f"{hold:.1f} s at the top"
    return f"{len(reps)} reps in {seconds:.0f} s: up in {lift:.1f} s, {pause}"


def load_note(recording: Recording, variant: str, reps: tuple[Rep, ...]) -> str:
    """Too heavy a load's panel note: the top and the lift's time, first rep to last, and whether the
    checker calls the last lift a swing ("top falls from 20° to 8°; lift 2.1 s → 0.9 s, a swing")."""
    first, last = reps[0], reps[-1]
    top_a, top_b = first.peak_hip_extension_deg, last.peak_hip_extension_deg
    top = (
        f"top falls from {top_a:.0f}° to {top_b:.0f}°" if top_a - top_b >= 2 else f"top stays at {top_a:.0f}°"
    )
    if abs(first.concentric_s - last.concentric_s) >= 0.3:
        lift = f"lift {first.concentric_s:.1f} s → {last.concentric_s:.1f} s"
    else:
        lift = f"lift {float(np.median([rep.concentric_s for rep in reps])):.1f} s every rep"
    return f"{top}; {lift}{', a swing' if swung_at_the_end(recording, variant) else ''}"


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


WINDOW_DIRECTION: dict[str, int] = {"lumbar_extension": 1, "trunk_lean": 1, "pelvic_hike": -1}
"""Which way a loose core lets each angle go: the lower back sags (its arch grows), the standing trunk
tips forward (its lean grows), the working side of the pelvis drops (its side tilt falls below 0)."""
PART_WORDS: dict[str, str] = {"lumbar_extension": "back", "trunk_lean": "trunk", "pelvic_hike": "pelvis"}
"""The short name of each part on its per-rep mark."""
CORE_CHECKS: dict[str, tuple[str, str]] = {
    "lumbar_extension": ("weak_core", "lumbar_excursion"),
    "pelvic_hike": ("weak_core", "pelvic_hike_excursion"),
    "trunk_lean": ("weak_core", "trunk_excursion"),
}
"""The checker's (mistake, check) that judges each part's movement within a rep (form/rep_checks.py)."""
POSITION_CHECKS: dict[str, tuple[str, str, str]] = {
    "lumbar_extension": ("arched_back", "lumbar_extension", "arched back"),
    "pelvic_hike": ("pelvic_rotation", "pelvic_hike", "pelvic tilt"),
}
"""Past its position limit a part is judged as this other mistake instead (mistake, check, words)."""


@dataclass(frozen=True)
class RepWindow:
    """One rep of one part as the weak-core figure draws it.

    `low` is the bottom of the allowance window (degrees), `moved` how far the drawn trace moved in the
    rep (highest minus lowest, degrees), `verdict` the checker's: "correct" (no finding), "mistake" (a
    weak_core finding, `measured` its value) or "other" (judged as `other`, the position mistake, instead).
    """

    rep: Rep
    low: float
    high_trace: float
    low_trace: float
    moved: float
    verdict: str
    measured: float
    other: str = ""


def rep_verdict(report: SetReport, name: str, rep: Rep, moved: float) -> tuple[str, float, str]:
    """The checker's verdict on one part's movement in one rep, from its findings (not recomputed here)."""
    mistake, check = CORE_CHECKS[name]
    for finding in report.findings:
        if finding.rep == rep.number and (finding.mistake, finding.check) == (mistake, check):
            return "mistake", finding.measured, ""
    if name in POSITION_CHECKS:
        other, other_check, words = POSITION_CHECKS[name]
        for finding in report.findings:
            if finding.rep == rep.number and (finding.mistake, finding.check) == (other, other_check):
                return "other", finding.measured, words
    return "correct", moved, ""


def rep_windows(recording: Recording, variant: str, name: str, smooth: np.ndarray) -> list[RepWindow]:
    """Per rep, where the allowance window sits on the drawn trace and what the checker found.

    The window is `trunk_excursion_max` tall and laid from the rep's lowest point up (its highest point
    down for the pelvis, which drops), so the rep's trace fits inside it exactly when it moved no more
    than the allowance: the checker's rule, highest minus lowest within the rep.
    """
    report = analyze_set(recording, variant)
    allowed = threshold("trunk_excursion_max")
    found = []
    for rep in report.reps:
        inside = (recording.time_s >= rep.start_s) & (recording.time_s <= rep.end_s) & np.isfinite(smooth)
        values = smooth[inside]
        if not values.size:
            continue
        low_trace, high_trace = float(values.min()), float(values.max())
        low = low_trace if WINDOW_DIRECTION[name] > 0 else high_trace - allowed
        verdict, measured, other = rep_verdict(report, name, rep, high_trace - low_trace)
        found.append(
            RepWindow(rep, low, high_trace, low_trace, high_trace - low_trace, verdict, measured, other)
        )
    return found


WINDOW_HATCH: dict[str, str] = {"lumbar_extension": "..", "trunk_lean": "..", "pelvic_hike": "////"}
"""Each part's window has its own hatch (and its edge the part's line colour and style), so the lower
back's window and the pelvis's, which meet where both parts start, never read as one taller band."""
WINDOW_EDGED = ("lumbar_extension", "pelvic_hike")
"""The parts drawn two to a panel, whose windows take their trace's colour and line on the edge."""
WINDOW_WORDS: dict[str, str] = {
    "lumbar_extension": "lower back: allowed movement, {allowed:g}° per rep up from its lowest",
    "trunk_lean": "trunk: allowed movement (a teaching heuristic), {allowed:g}° per rep up from its lowest",
    "pelvic_hike": "pelvis: allowed movement, {allowed:g}° per rep down from its highest",
}
"""The key's words for each part's window."""


def draw_allowed_band(
    ax: Axes, start: float, end: float, low: float, label: bool, name: str = "lumbar_extension"
) -> Rectangle:
    """Shade the movement a still core allows within one rep: a window `trunk_excursion_max` tall from `low`.

    The band spans the rep's own time, `start` to `end` (s), a little inset so neighbouring reps' bands
    stay apart; where two parts share a panel its edge takes the part's (`name`) colour and line style.
    The fill is the neutral reference grey: green and vermillion are kept for the checker's ✓ and ✗.
    """
    allowed = threshold("trunk_excursion_max")
    inset = min(BAND_INSET_S, (end - start) / 4)
    band = Rectangle(
        (start + inset, low),
        end - start - 2 * inset,
        allowed,
        facecolor=to_rgba(COLORS["reference"], 0.10),  # an allowance, not a verdict: never the ✓ green
        hatch=WINDOW_HATCH.get(name, ".."),
        edgecolor=to_rgba(COLORS[name if name in WINDOW_EDGED else "reference"], 0.55),
        linestyle=LINESTYLES[name] if name in WINDOW_EDGED else "-",
        linewidth=1.0,
        zorder=0.5,
        label=WINDOW_WORDS.get(name, WINDOW_WORDS["lumbar_extension"]).format(allowed=allowed)
        if label
        else None,
    )
    ax.add_patch(band)
    return band


def rep_mark_words(name: str, window: RepWindow) -> str:
    """A rep's mark: the part, how far it moved and the checker's verdict ("back 8° ✗")."""
    part = PART_WORDS[name]
    if window.verdict == "other":
        return f"{part}: {window.other}"
    limit = threshold("trunk_excursion_max")
    return f"{part} {measured_words(window.measured, limit, 'deg')}° {MARKS[window.verdict]}"


def draw_rep_mark(ax: Axes, name: str, window: RepWindow) -> None:
    """Write a rep's mark beyond its window (above for the parts that rise, below for the pelvis)."""
    allowed = threshold("trunk_excursion_max")
    up = WINDOW_DIRECTION[name] > 0
    edge = max(window.low + allowed, window.high_trace) if up else min(window.low, window.low_trace)
    flagged = window.verdict != "correct"
    ax.annotate(
        rep_mark_words(name, window),
        xy=((window.rep.start_s + window.rep.end_s) / 2, edge),
        xytext=(0, 3 if up else -3),
        textcoords="offset points",
        ha="center",
        va="bottom" if up else "top",
        fontsize=FONT_SIZES["small"],
        color=COLORS["mistake" if flagged else "correct"],
        fontweight="bold" if flagged else "normal",
        gid=f"rep_mark {name} {window.rep.number} {window.verdict}",
    )


def draw_rep_allowances(
    ax: Axes,
    recording: Recording,
    variant: str,
    smooth: np.ndarray,
    name: str = "lumbar_extension",
    *,
    label: bool = True,
) -> list[RepWindow]:
    """One allowance window and one ✓/✗ mark per rep; returns the reps' windows."""
    windows = rep_windows(recording, variant, name, smooth)
    for index, window in enumerate(windows):
        draw_allowed_band(
            ax, window.rep.start_s, window.rep.end_s, window.low, label=label and index == 0, name=name
        )
        draw_rep_mark(ax, name, window)
    return windows


def verdict_words(windows: list[RepWindow]) -> str:
    """What the checker found over the reps, in words ("too much in reps 1, 2 and 3")."""
    flagged = [str(w.rep.number) for w in windows if w.verdict == "mistake"]
    other = [w for w in windows if w.verdict == "other"]
    said = (
        "within the allowance in every rep"
        if not flagged
        else "too much in rep"
        + (f" {flagged[0]}" if len(flagged) == 1 else f"s {', '.join(flagged[:-1])} and {flagged[-1]}")
    )
    if other:
        said += f"; past its position limit, judged as {other[0].other}, in {len(other)} rep(s)"
    return said


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

    The lower back and the pelvis's side tilt (all fours) and the trunk (standing): per rep, a window
    as tall as the movement allowed within a rep, and the checker's ✓/✗ with how far the part moved.
    The hip: the reps' length and peaks. Any other angle: its range.
    """
    if name in WINDOW_DIRECTION:
        windows = draw_rep_allowances(ax, recording, variant, smooth, name, label=True)
        allowed = threshold("trunk_excursion_max")
        if not windows:
            moved = movement_per_rep(recording, variant, name, smooth)
            return f"{words} moves {degrees(moved)} (no reps found to judge against {degrees(allowed)})"
        moved = ", ".join(f"{w.moved:.0f}" for w in windows)
        return (
            f"{words} moves {moved} degrees in reps {windows[0].rep.number} to {windows[-1].rep.number}, "
            f"judged against {degrees(allowed)} within a rep: {verdict_words(windows)}"
        )
    if name == "hip_extension":
        return rep_words(recording, variant)
    low, high = float(np.nanmin(smooth)), float(np.nanmax(smooth))
    return f"{words} from {low:.0f} to {degrees(high)}"


__all__ = [
    "PELVIS_TILT_WORDS",
    "RepWindow",
    "WINDOW_DIRECTION",
    "degrees",
    "draw_allowed_band",
    "draw_rep_allowances",
    "hip_note",
    "mark_angle_movement",
    "mistake_angles",
    "movement_per_rep",
    "rep_movements",
    "rep_verdict",
    "rep_windows",
    "rep_words",
    "verdict_words",
]
