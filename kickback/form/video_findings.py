"""Findings read from a video: the frame where each was worst, and whether it lies within the camera's error.

A single side-view camera measures the thigh against the trunk line to within several degrees at
best (`video_angle_error_deg` in data/thresholds.csv, with its sources) and times a phase to about
0.2 s (`video_time_error_s`). A finding whose measure sits closer to its limit than that is marked
uncertain: the video cannot tell it from a good rep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .findings import Finding
from .keypoint_frames import KeypointFrames
from .keypoints import joint_name
from .recordings import Recording
from .report import SetReport
from .reps import Rep
from .signal import resample_uniform
from .thresholds import threshold

CAMERA_LIMITS: tuple[str, ...] = (
    "A single camera at the side sees the thigh, the trunk line and the knee. It does not see the lumbar "
    "spine (an arched back shows only as the thigh passing the trunk line further than a hip can go), nor "
    "any rotation of the pelvis or trunk toward or away from the camera.",
    "Angles from a markerless pose estimator are uncertain: published studies report errors of several "
    "degrees, and more at the hip in some tasks. A finding closer to its limit than that is marked "
    "uncertain.",
)
"""What a report from video must say about what it cannot see and how exact it is."""


def person_jumps(frames: KeypointFrames, side: str) -> list[int]:
    """Frames where the followed person's hip lands more than `person_jump_trunk_lengths` from where it was.

    Compares each frame where the side's shoulder and hip are seen with the last such frame before it;
    a step that long is not a movement but the pose estimator following someone else (or losing the
    person and finding them elsewhere). Returns the frame numbers (rows) where the new place starts.
    """
    shoulder = np.stack(frames.confident(joint_name(frames.skeleton, "shoulder", side)), axis=-1)
    hip = np.stack(frames.confident(joint_name(frames.skeleton, "hip", side)), axis=-1)
    seen = np.flatnonzero(np.isfinite(shoulder).all(axis=-1) & np.isfinite(hip).all(axis=-1))
    if len(seen) < 2:
        return []
    trunk = float(np.median(np.linalg.norm(shoulder[seen] - hip[seen], axis=-1)))
    steps = np.linalg.norm(np.diff(hip[seen], axis=0), axis=-1)
    return [int(i) for i in seen[1:][steps > threshold("person_jump_trunk_lengths") * trunk]]


def jumps_note(jumps: Sequence[int]) -> str | None:
    """The report's sentence on where the followed skeleton jumped to another place (None if it never did).

    Names no picture, as `people_note`: the command line shows none; the video report adds where to look.

    >>> jumps_note([169, 202]).split(":")[0]
    'The skeleton jumped across the image 2 times (at frames 169, 202)'
    """
    if not jumps:
        return None
    shown = ", ".join(str(frame) for frame in jumps[:5]) + (", ..." if len(jumps) > 5 else "")
    times = "once" if len(jumps) == 1 else f"{len(jumps)} times"
    return (
        f"The skeleton jumped across the image {times} (at frame{'s' if len(jumps) > 1 else ''} {shown}): "
        "there the pose estimator most likely switched to another person, or lost the person and found "
        "them elsewhere, so the reps around those frames may show someone else."
    )


@dataclass(frozen=True)
class VideoFinding:
    """A finding with the video frame where it was worst and whether the camera's error could explain it.

    `frame` is the row of the keypoints CSV (the video's frame number), `margin` how far past its limit
    the measure went (in the finding's unit), `uncertain` True when that is within the camera's error.
    """

    finding: Finding
    frame: int
    margin: float
    uncertain: bool


def camera_error(unit: str) -> float | None:
    """The camera's error in a finding's unit: degrees or seconds; None for a unit it has no number for."""
    if unit == "deg":
        return threshold("video_angle_error_deg")
    if unit == "s":
        return threshold("video_time_error_s")
    return None


def is_uncertain(finding: Finding) -> bool:
    """True when the finding's measure lies within the camera's error of its limit (or no error is known).

    >>> from kickback.form.findings import Finding
    >>> is_uncertain(Finding("arched_back", 1, "mild", 28.0, 25.0, "deg", "", ""))
    True
    """
    error = camera_error(finding.unit)
    return error is None or abs(finding.measured - finding.limit) < error


def _grid_frame(grid: np.ndarray, time_s: np.ndarray, index: int) -> int:
    """The recording's frame nearest to a point of the resampled grid."""
    index = int(np.clip(index, 0, len(grid) - 1))
    return int(np.argmin(np.abs(time_s - grid[index])))


def _worst_index(finding: Finding, rep: Rep, angles: dict[str, np.ndarray]) -> int:
    """Where in the rep (a grid index) the finding was worst."""
    if finding.mistake == "momentum":
        return rep.lift_peak_index
    span = slice(rep.start_index, rep.end_index + 1)
    trunk = angles.get("trunk_lean")
    if finding.mistake == "weak_core" and trunk is not None:
        values = trunk[span]
        return rep.start_index + int(np.nanargmax(np.abs(values - values[0])))
    return rep.start_index + int(np.nanargmax(angles["hip_extension"][span]))


def locate_findings(report: SetReport, recording: Recording) -> list[VideoFinding]:
    """Each finding with the frame where it was worst (a set-wide finding: the last rep's top) and its margin.

    Parameters
    ----------
    report : SetReport
        From `analyze_set(recording, variant)`.
    recording : Recording
        The recording the report was made from (times in s, angles in degrees).

    Returns
    -------
    list of VideoFinding
        In the report's order.
    """
    grid, filled, _ = resample_uniform(recording.time_s, recording.angles)
    reps = {rep.number: rep for rep in report.reps}
    located = []
    for finding in report.findings:
        rep = reps.get(finding.rep) or (report.reps[-1] if report.reps else None)
        index = _worst_index(finding, rep, filled) if rep else 0
        located.append(
            VideoFinding(
                finding=finding,
                frame=_grid_frame(grid, recording.time_s, index),
                margin=abs(finding.measured - finding.limit),
                uncertain=is_uncertain(finding),
            )
        )
    return located


def rep_top_frames(report: SetReport, recording: Recording) -> list[int]:
    """The frame at the top of each rep (the hip's largest angle), in rep order."""
    grid, filled, _ = resample_uniform(recording.time_s, recording.angles)
    hip = filled["hip_extension"]
    return [
        _grid_frame(
            grid, recording.time_s, rep.start_index + int(np.argmax(hip[rep.start_index : rep.end_index + 1]))
        )
        for rep in report.reps
    ]


def contact_frames(frames: int, count: int = 12) -> list[int]:
    """`count` frame numbers spread evenly over a clip of `frames` frames (all of them if fewer).

    >>> contact_frames(100, 5)
    [0, 25, 50, 74, 99]
    """
    if frames <= 0:
        return []
    return sorted({int(round(i)) for i in np.linspace(0, frames - 1, min(count, frames))})


def frames_to_show(located: Sequence[VideoFinding], tops: Sequence[int], frames: int) -> list[int]:
    """Every frame the report shows: the findings' worst frames, the reps' tops and the contact sheet."""
    return sorted({item.frame for item in located} | set(tops) | set(contact_frames(frames)))
