"""Compare a recorded set's measured tempo with a prescribed one, phase by phase, in words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..form.analysis import analyze_set
from ..form.recordings import Recording
from ..table import Table
from .tempo import (
    PHASE_NAMES,
    TempoPrescription,
    _as_prescription,
    format_four_digit,
    read_tempo_settings,
)

VERDICTS: tuple[str, ...] = ("on tempo", "faster", "slower", "cannot judge")


@dataclass(frozen=True)
class PhaseCheck:
    """One phase of a recorded set against the prescription.

    Seconds measured and asked, and a verdict in words.
    """

    phase: str
    prescribed_s: int
    explosive: bool
    measured_s: float | None
    verdict: str
    message: str


@dataclass(frozen=True)
class TempoComparison:
    """A recorded set's tempo (median over its reps) against a prescribed tempo, phase by phase."""

    tempo: TempoPrescription
    variant: str
    reps: int
    phases: tuple[PhaseCheck, ...]

    @property
    def verdicts(self) -> dict[str, str]:
        """Phase -> verdict ("on tempo", "faster", "slower" or "cannot judge")."""
        return {check.phase: check.verdict for check in self.phases}

    def describe(self) -> str:
        """The comparison in words, a line per phase."""
        head = (
            f"{self.variant} set, {self.reps} rep{'s' if self.reps != 1 else ''}, "
            f"against the tempo {self.tempo} (gym notation {format_four_digit(self.tempo)}, down first):"
        )
        return "\n".join([head] + [f"- {check.message}" for check in self.phases])

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.describe())


_ADVICE = {
    ("up", "faster"): "lift more slowly: count {n} s",
    ("up", "slower"): "lift a little quicker: count {n} s",
    ("hold", "faster"): "hold the top longer: {n} s",
    ("hold", "slower"): "hold the top for {n} s only",
    ("down", "faster"): "lower more slowly: count {n} s",
    ("down", "slower"): "lower a little quicker: count {n} s",
    ("pause", "faster"): "pause {n} s at the bottom",
    ("pause", "slower"): "pause only {n} s at the bottom",
}


def _judge_phase(
    phase: str, seconds: int, explosive: bool, measured: float | None, reason: str
) -> PhaseCheck:
    """The verdict on one phase.

    Within the tolerance of the prescription is on tempo, else faster or slower.
    """
    name = PHASE_NAMES[phase].capitalize()
    asked = "X (explosive)" if explosive else f"{seconds} s"
    if measured is None:
        return PhaseCheck(
            phase, seconds, explosive, None, "cannot judge", f"{name}: {asked} asked; cannot judge: {reason}."
        )
    settings = read_tempo_settings()
    if explosive:
        verdict = "on tempo" if measured <= settings["explosive_max_s"] + 1e-9 else "slower"
        advice = (
            ""
            if verdict == "on tempo"
            else f": move as fast as you can control (within {settings['explosive_max_s']:g} s)"
        )
        return PhaseCheck(
            phase,
            seconds,
            True,
            measured,
            verdict,
            f"{name}: {measured:.1f} s measured, {asked} asked: {verdict}{advice}.",
        )
    difference = measured - seconds
    if abs(difference) <= settings["on_tempo_tolerance_s"] + 1e-9:
        return PhaseCheck(
            phase,
            seconds,
            False,
            measured,
            "on tempo",
            f"{name}: {measured:.1f} s measured, {asked} asked: on tempo.",
        )
    verdict = "faster" if difference < 0 else "slower"
    advice = _ADVICE[(phase, verdict)].format(n=seconds)
    message = (
        f"{name}: {measured:.1f} s measured, {asked} asked: {verdict} by {abs(difference):.1f} s; {advice}."
    )
    return PhaseCheck(phase, seconds, False, measured, verdict, message)


def compare_with_recording(
    tempo: TempoPrescription | str, recording: Recording | str | Path, variant: str
) -> TempoComparison:
    """Each phase of a recorded set against `tempo`.

    A phase's time is the median over the set's reps, timed by kickback.form.analyze_set.
    Within ±`on_tempo_tolerance_s` (data/tempo.csv, 0.5 s) a phase is "on tempo", else "faster" or
    "slower" than asked; an explosive (X) phase is on tempo up to `explosive_max_s`. The pause at the
    bottom needs two reps; a set without reps cannot be judged.

    Parameters
    ----------
    tempo : TempoPrescription or str
        The prescribed tempo, e.g. "2-1-3" (phases in whole seconds).
    recording : Recording, str or Path
        Time (s) and joint angles (degrees), or the path of an angles CSV.
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    TempoComparison
        Per phase: seconds prescribed and measured, and a verdict ("on tempo", "faster",
        "slower" or "cannot judge").

    >>> from kickback.form.simulate import simulate_set
    >>> compare_with_recording("2-1-3", simulate_set("cable"), "cable").verdicts["down"]
    'on tempo'
    """
    prescription = _as_prescription(tempo)
    report = analyze_set(recording, variant)
    reps = report.reps
    pauses = [rep.bottom_pause_s for rep in reps if rep.bottom_pause_s is not None]
    measured = {
        "up": float(np.median([rep.concentric_s for rep in reps])) if reps else None,
        "hold": float(np.median([rep.top_hold_s for rep in reps])) if reps else None,
        "down": float(np.median([rep.eccentric_s for rep in reps])) if reps else None,
        "pause": float(np.median(pauses)) if pauses else None,
    }
    if report.not_judged:
        reason = report.not_judged
    elif not reps:
        reason = "no rep was found in the recording"
    else:
        reason = "a pause between reps needs at least two reps"
    checks = tuple(
        _judge_phase(phase, seconds, explosive, measured[phase], reason)
        for phase, seconds, explosive in prescription.phases()
    )
    return TempoComparison(prescription, variant, len(reps), checks)


def show_comparison(comparison: TempoComparison) -> Table:
    """A comparison as a table for notebooks: phase, asked, measured, verdict.

    Parameters
    ----------
    comparison : TempoComparison
        The result of `compare_with_recording`.

    Returns
    -------
    Table
        One row per phase; times in seconds.
    """
    rows = [
        (
            PHASE_NAMES[c.phase],
            "X" if c.explosive else f"{c.prescribed_s} s",
            "-" if c.measured_s is None else f"{c.measured_s:.1f} s",
            c.verdict,
        )
        for c in comparison.phases
    ]
    caption = (
        f"Tempo {comparison.tempo} (gym notation {format_four_digit(comparison.tempo)}, down first); "
        f"on tempo = within {read_tempo_settings()['on_tempo_tolerance_s']:g} s (a coaching heuristic)."
    )
    return Table(("phase", "asked", "measured", "verdict"), rows, caption)
