"""A mistake over time: correct (✓) beside the mistake (✗), simulated sets in the angles that show it.

The committed mistake_momentum, mistake_excessive_load and mistake_weak_core figures. Each trace is
drawn as the set timeline draws it (raw light, smoothed solid); the frame and the ✓/✗ say which panel
is the mistake. The hip's panels carry the taught top; a weak core's the movement allowed within each
rep, from that rep's start; every panel a short note of what the checker measured.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes

from ..form.recordings import Recording
from ..form.reps import Rep
from ..form.simulate import simulate_set
from ..form.thresholds import target_top, threshold
from .curves import decorate
from .shapes import add_headroom, frame_chart, mark_panel
from .style import COLORS, FONT_SIZES, MARKS
from .trace_marks import (
    PART_WORDS,
    PELVIS_TILT_WORDS,
    RepWindow,
    hip_note,
    mark_angle_movement,
    mistake_angles,
    rep_windows,
    set_reps,
    swung_at_the_end,
)
from .traces import TRACE_STYLES, draw_trace, smooth_trace

SEED, NOISE_DEG = 1, 0.5
"""The simulated sets the figures draw: one seed, half a degree of noise."""


def simulated(variant: str, mistake: str | None, reps_of: str) -> Recording:
    """The simulated set a mistake figure draws (None: the correct set), as many reps as the mistake needs."""
    reps = 8 if reps_of == "excessive_load" else 3
    return simulate_set(variant, mistake, reps=reps, seed=SEED, noise_deg=NOISE_DEG)


def core_windows(recording: Recording, variant: str) -> dict[str, list[RepWindow]]:
    """Per part a weak core shows in the variant, each rep's window and the checker's verdict on it.

    On all fours the lower back's arch and the pelvis's side tilt, standing the trunk's lean: what
    `form.rep_checks` judges against `trunk_excursion_max` (highest minus lowest within a rep).
    """
    return {
        name: rep_windows(recording, variant, name, smooth_trace(recording.time_s, recording.angles[name]))
        for name, _ in mistake_angles("weak_core", variant)
    }


def core_movements(recording: Recording, variant: str) -> dict[str, list[float]]:
    """Per part and rep, how far the part moved within the rep (highest minus lowest, degrees)."""
    return {name: [w.moved for w in windows] for name, windows in core_windows(recording, variant).items()}


PART_NAMES = {"lumbar_extension": "lower back", "pelvic_hike": "pelvis", "trunk_lean": "trunk"}
"""Each part's name in a title or note."""


def part_finding(name: str, windows: list[RepWindow], short: bool = False) -> str:
    """One part's finding over a set: how far it moved at most and the checker's verdict ("the lower back
    moves 8° ✗ every rep"; `short`, after the first part: "the pelvis 4° ✓")."""
    flagged = sum(w.verdict == "mistake" for w in windows)
    most = max((w.moved for w in windows), default=0.0)
    if not windows:
        return f"the {PART_NAMES[name]} not judged (no reps)"
    if flagged == len(windows):
        verdict = f"{MARKS['mistake']} every rep"
    elif flagged:
        verdict = f"{MARKS['mistake']} in {flagged} of {len(windows)} reps"
    else:
        verdict = MARKS["correct"]
    return f"the {PART_NAMES[name]} {'' if short else 'moves '}{most:.0f}° {verdict}"


def core_note(recording: Recording, variant: str) -> str:
    """A weak core's panel note: what the checker judged, per part, against the allowance (degrees)."""
    allowed = threshold("trunk_excursion_max")
    parts = ", ".join(
        f"{PART_WORDS[n]} {max((w.moved for w in ws), default=0.0):.0f}°"
        for n, ws in core_windows(recording, variant).items()
    )
    return f"moved at most: {parts} (allowed {allowed:g}°)"


def trace_finding_title(mistake: str, variant: str) -> str:
    """A title for a mistake's trace figure that states its finding, computed from the simulated set.

    Too heavy a load: the top falling and the lift turning into a swing where the checker calls the last
    rep momentum (a heavier load slows a clean lift; part of the shorter time is the shorter range).
    Momentum: the set's pace against the correct set's.

    >>> trace_finding_title("weak_core", "bodyweight")
    'Movement in a rep, judged against 6°: the lower back moves 8° ✗ every rep, the pelvis 4° ✓'
    """
    recording = simulated(variant, mistake, mistake)
    if mistake == "weak_core":
        allowed = threshold("trunk_excursion_max")
        parts = ", ".join(
            part_finding(n, w, i > 0) for i, (n, w) in enumerate(core_windows(recording, variant).items())
        )
        return f"Movement in a rep, judged against {allowed:g}°: {parts}"
    reps = set_reps(recording, variant)
    if not reps:
        return f"{mistake.replace('_', ' ').capitalize()}: no reps found"
    if mistake == "excessive_load":
        first, last = reps[0], reps[-1]
        lift = "turns into a swing" if swung_at_the_end(recording, variant) else "gets shorter"
        return (
            f"Too heavy: by rep {last.number} the top falls from {first.peak_hip_extension_deg:.0f}° "
            f"to {last.peak_hip_extension_deg:.0f}° and the lift {lift} "
            f"({first.concentric_s:.1f} s → {last.concentric_s:.1f} s)"
        )
    correct = set_reps(simulated(variant, None, mistake), variant)
    pace = hip_note(recording, variant, mistake).split(": ", 1)[1]
    return (
        f"Swinging with momentum: {len(reps)} reps in {set_seconds(reps):.0f} s instead of "
        f"{set_seconds(correct):.0f} s, {pace}"
    )


def set_seconds(reps: tuple[Rep, ...]) -> float:
    """How long the reps took, the first's start to the last's end (s); 0 without reps."""
    return reps[-1].end_s - reps[0].start_s if reps else 0.0


def draw_taught_top(ax: Axes, variant: str) -> float:
    """The variant's taught top (data/poses.csv, through the form layer) as a named dashed line."""
    top = target_top(variant)
    ax.axhline(top, color=COLORS["reference"], linestyle=(0, (6, 3)), linewidth=1.3, zorder=1.5)
    ax.annotate(
        f"taught top {top:.0f}°",
        xy=(1.0, top),
        xycoords=ax.get_yaxis_transform(),
        xytext=(-3, 6),  # clear of the noisy raw trace's peaks, which reach a degree or two past the top
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["outline"],
    )
    return top


def draw_note(ax: Axes, note: str, kind: str, *, top: bool = False) -> None:
    """The panel's finding in a short line at its foot (`top`: its top left, where a weak core's panel
    keeps its foot for the pelvis's marks): bold and in the verdict's colour on the mistake."""
    ax.text(
        0.02 if top else 0.98,
        0.97 if top else 0.03,
        note,
        transform=ax.transAxes,
        ha="left" if top else "right",
        va="top" if top else "bottom",
        fontsize=FONT_SIZES["small"],
        color=COLORS["mistake"] if kind == "mistake" else COLORS["outline"],  # "neutral": outline
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
    if angles[0][0] == "hip_extension":
        top = draw_taught_top(ax, variant)
        said.append(f"the taught top, {top:.0f} degrees, is a dashed line")
        note = hip_note(recording, variant, mistake)  # the same finding on both panels, to compare
    else:
        note = core_note(recording, variant)
    return said, note


def position_limits_words() -> str:
    """Where weak_core stops and the other mistakes start on all fours (data/thresholds.csv)."""
    back, pelvis = threshold("lumbar_extension_max"), threshold("pelvic_hike_max")
    allowed = threshold("trunk_excursion_max")
    return (
        f"{allowed:g}° is a teaching heuristic. Past {back:g}° of arch or {pelvis:g}° of side tilt a rep is "
        "judged as an arched back or a tilted pelvis instead"
    )


def window_sentence(variant: str) -> str:
    """The alt text's sentence on how a weak core's windows and marks are to be read."""
    allowed = threshold("trunk_excursion_max")
    if len(mistake_angles("weak_core", variant)) > 1:
        who = "the lower back and the pelvis each get a grey hatched window edged in its own line"
        laid = "laid from the part's lowest point in the rep (the pelvis's from its highest, as it drops)"
    else:
        who, laid = "the trunk gets a grey hatched window", "laid from the trunk's lowest point in the rep"
    return (
        f"For each rep, {who} {allowed:g} degrees tall (a teaching heuristic), {laid}, so the trace fits "
        "inside exactly when the part moved no more than that: the checker judges how far the part moves "
        "within the rep, not where it sits, and its verdict is written beside each window with a tick or "
        "a cross."
    )


CORRECT_TITLES = {
    "weak_core": "Correct: trunk held still",
    "excessive_load": "Correct: full range, 2-1-3 tempo",
}
"""What the correct panel shows, where it is more than the 2-1-3 tempo."""


def draw_mistake_traces(figure: Any, mistake: str, variant: str, title: str) -> list[str]:
    """Correct (✓) beside the mistake (✗): simulated sets over time, in the angles that show it.

    One angle is drawn raw (light) and smoothed (solid) in the verdict's colour; two (the lower back and
    pelvis on all fours) in their own colours and lines, with a key below. A weak core's panels draw,
    per rep and part, a window as tall as the movement allowed within a rep and the checker's ✓/✗ with
    how far the part moved (on all fours a line below says where the other mistakes take over); the
    hip's carry the taught top; each panel a note of what the checker measured. Frames go outside the
    axes and the y-limits leave headroom, so no trace touches a frame. Returns the sentences for alt text.
    """
    angles = mistake_angles(mistake, variant)
    axes = figure.subplots(1, 2, sharex=True, sharey=True)
    many = len(angles) > 1
    ylabel = "lower back and pelvis (°)" if many else f"{angles[0][1]} (°)"
    correct_title = CORRECT_TITLES.get(mistake, "Correct: 2-1-3 tempo")
    words = []
    core = mistake == "weak_core"
    for ax, kind in zip(axes, ("correct", "mistake")):
        said, note = draw_panel(ax, mistake, variant, kind)
        draw_note(ax, note, "neutral" if core else kind, top=core)  # a core's verdicts are its marks
        decorate(ax, xlabel="time (s)", ylabel=ylabel if kind == "correct" else "")
        name = correct_title if kind == "correct" else title
        mark_panel(ax, kind, name, frame=False)
        words.append(f"{name}: {'; '.join(said)}; the panel notes: {note}.")
    low, high = add_headroom(list(axes), share=0.22)
    if core:  # room at the top for the note above the reps' marks
        axes[0].set_ylim(low, high + 0.22 * (high - low))
    bottom = 0.18
    handles, labels = axes[0].get_legend_handles_labels()
    if handles:
        figure.legend(
            handles,
            labels,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.06 if many else 0.0),
            ncol=2,
            frameon=False,
            fontsize=FONT_SIZES["caption"],
            handlelength=2.6,
            columnspacing=1.5,
            borderaxespad=0.2,
        )
        rows = -(-len(handles) // 2)
        figure.set_size_inches(figure.get_figwidth(), figure.get_figheight() + 0.2 * rows)
        bottom = 0.18 + 0.05 * rows
    if core:
        words.append(window_sentence(variant))
    if many:
        figure.text(
            0.5,
            0.01,
            position_limits_words(),
            ha="center",
            va="bottom",
            fontsize=FONT_SIZES["caption"],
            color=COLORS["outline"],
        )
        figure.set_size_inches(figure.get_figwidth(), figure.get_figheight() + 0.25)
        bottom += 0.05
        words.append(position_limits_words().replace("°", " degrees") + ".")
    figure.subplots_adjust(left=0.09, right=0.985, bottom=bottom, top=0.78, wspace=0.1)
    for ax, kind in zip(axes, ("correct", "mistake")):
        frame_chart(ax, kind)
    return words


__all__ = ["core_movements", "core_note", "core_windows", "draw_mistake_traces", "trace_finding_title"]
