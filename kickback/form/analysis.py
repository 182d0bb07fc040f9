"""Check a recorded set: count the reps, time their phases, and judge each against the six mistakes.

`analyze_set(recording, variant)` validates the recording, asks whether it shows the variant at all
("is this the exercise?", `kickback.form.exercise_gate`), finds the reps (`kickback.form.reps`),
runs every rep check that the recorded angles allow, and returns a `SetReport` that says in
words what it found and what it could not judge. A recording that is not the variant is not refused
with an error here (the command line and lesson 09 do that): its report says it was not judged, and why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from ..model.variants import check_variant
from .exercise_check import judge_recording, who_was_judged
from .exercise_gate import GateVerdict
from .findings import (
    CannotJudge,
    Finding,
)
from .recording_checks import check_recording_parts, frame_where, signal_problem
from .recordings import Recording
from .rep_checks import _absent_reasons, _judge_reps, _load_trend, _SetData
from .report import SetReport
from .reps import (
    Rep,
    count_reps,
    measured_time_under_tension,
    summarize_tempo,
    time_phases,
)
from .signal import lowpass, resample_uniform
from .thresholds import personal_hip_range, threshold


def _as_recording(recording: Recording | str | Path) -> Recording:
    """A Recording as given, or read from an angles CSV path; checked as the file reader checks.

    Time and angles go through the same checks as a file (`check_recording_parts`), so a Recording
    built in Python cannot ask for an endless grid or report a pelvis turned a million degrees.
    """
    from .recordings import Recording, read_angles_csv

    if isinstance(recording, (str, Path)):
        return read_angles_csv(recording)
    if not isinstance(recording, Recording):
        raise ValueError(
            f"recording must be a Recording or the path of an angles CSV; got {type(recording).__name__}"
        )
    time_s, angles = check_recording_parts(recording.time_s, recording.angles, frame_where())
    return dataclasses.replace(recording, time_s=time_s, angles=angles)


def analyze_set(
    recording: Recording | str | Path, variant: str, *, hip_range: float | None = None
) -> SetReport:
    """Reps, tempo and findings of a recorded set (a Recording, or the path of an angles CSV).

    Parameters
    ----------
    recording : Recording, str or Path
        Time (s) and joint angles (degrees), or the path of an angles CSV.
    variant : str
        "cable", "machine" or "bodyweight".
    hip_range : float or None, optional
        The person's own hip extension range (degrees); None for the course's typical range. The
        range of motion is judged against it, and so is the thigh-to-trunk angle of a side view.

    Returns
    -------
    SetReport
        `reps` (phase times in seconds, angles in degrees), `findings`, `cannot_judge`, `tempo`
        and `time_under_tension_s` (s). When the recording does not look like the variant named,
        `not_judged` holds the one line the command line prints, and there are no reps or findings.
        For keypoints, `notes` also say who was judged (the people seen, where the skeleton jumped:
        `who_was_judged`), whether the gate passed the recording or not.

    >>> from kickback.form.simulate import simulate_set
    >>> report = analyze_set(simulate_set("cable", "momentum"), "cable")
    >>> len(report.reps), "momentum" in report.mistakes()
    (8, True)
    """
    check_variant(variant)
    personal_hip_range(hip_range)  # a bad hip_range is refused before the recording is read
    recording = _as_recording(recording)
    grid, filled, missing = resample_uniform(recording.time_s, recording.angles)
    nothing = signal_problem(recording.time_s, recording.angles)
    step = float(grid[1] - grid[0]) if len(grid) > 1 else 1.0
    data = _SetData(
        variant,
        step,
        {name: lowpass(values, 1.0 / step) for name, values in filled.items()},
        missing,
        recording.hip_measure == "thigh_to_trunk",
        personal_hip_range(hip_range) if hip_range is not None else None,
    )
    unjudged = _absent_reasons(data)
    if nothing:
        return _report(data, recording, [], [], unjudged + [CannotJudge("", "reps", nothing)])
    share = float(missing["hip_extension"].mean())
    if share > threshold("missing_max_fraction"):
        reason = (
            f"The hip angle is missing or low-confidence in {share:.0%} of the frames: "
            "the set cannot be judged."
        )
        return _report(data, recording, [], [], unjudged + [CannotJudge("", "reps", reason)])
    verdict = _is_the_exercise(recording, variant)
    if not verdict.passed:
        return _refused(data, recording, verdict)
    hip = data.angles["hip_extension"]
    reps = time_phases(grid, hip, count_reps(hip, 1.0 / step))
    if not reps:
        reason = (
            "No rep was found: the hip angle never rose and fell back through a clear range, "
            "so form was not judged."
        )
        report = _report(data, recording, [], [], unjudged + [CannotJudge("", "reps", reason)])
        return _with_gate_notes(report, recording, verdict)
    findings, gaps = _judge_reps(data, reps)
    trend, too_few = _load_trend(data, reps, findings)
    report = _report(data, recording, reps, findings + trend, unjudged + gaps + too_few)
    return _with_gate_notes(report, recording, verdict)


def _is_the_exercise(recording: Recording, variant: str) -> GateVerdict:
    """The gate's verdict, the same one the command line and the lesson 09 widget give.

    Keypoints from the one bounded read are judged in full (one person, a side view, the support,
    then the angles); an angles file has only the angles: the trunk's lean, the thigh's range and
    its cycles.
    """
    return judge_recording(recording, variant)


def _with_gate_notes(report: SetReport, recording: Recording, verdict: GateVerdict) -> SetReport:
    """The report with the notes on who was judged (`who_was_judged`) after its own, each said once.

    A keypoints recording's report says whom the gate saw, passed or refused, in the words the
    command line prints; an angles recording's gets nothing added.
    """
    notes = tuple(report.notes) + who_was_judged(recording, verdict)
    return dataclasses.replace(report, notes=tuple(dict.fromkeys(notes)))


def _refused(data: _SetData, recording: Recording, verdict: GateVerdict) -> SetReport:
    """The report of a recording that is not the variant: not judged, the gate's one line, no reps."""
    message = verdict.message()
    report = _report(data, recording, [], [], [CannotJudge("", "exercise", message)])
    return dataclasses.replace(_with_gate_notes(report, recording, verdict), not_judged=message)


def _report(
    data: _SetData,
    recording: Recording,
    reps: Sequence[Rep],
    findings: Sequence[Finding],
    unjudged: Sequence[CannotJudge],
) -> SetReport:
    return SetReport(
        variant=data.variant,
        source=recording.source,
        reps=tuple(reps),
        findings=tuple(findings),
        cannot_judge=tuple(unjudged),
        tempo=summarize_tempo(reps),
        time_under_tension_s=measured_time_under_tension(reps),
        notes=tuple(recording.notes),
    )
