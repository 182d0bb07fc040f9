"""Is this the exercise? The gate applied to a recording file: what the command line and lesson 09 call.

Steps: read the file as the checker does (`read_recording`, which refuses a bad file in one line);
for a keypoints file also read every joint the gate looks at (both shoulders, hips, knees, ankles and
wrists); then run the gate (`kickback.form.exercise_gate`) and refuse, in one line, a recording that
does not show the variant named.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np

from ..model.variants import check_variant
from .exercise_gate import GateVerdict, NotTheExerciseError, Points, judge_angles, judge_keypoints
from .keypoints import SIDES, joint_name
from .recordings import RECORDINGS_DIR, guess_format, read_recording

GATE_ROLES: tuple[str, ...] = ("shoulder", "hip", "knee", "ankle", "wrist")


def _cell(text: str) -> float:
    """A cell as a number; blank, "nan" or text that is not a finite number reads as missing."""
    try:
        value = float(text.strip())
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def read_gate_points(path: str | Path, skeleton: str) -> tuple[np.ndarray, Points]:
    """Times (s) and (x, y, score) of the joints the gate looks at, from a keypoints CSV.

    A joint the file lacks reads as missing in every frame (score 0); a joint without a score column
    gets score 1. The file itself is assumed already checked by `read_recording`.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    delimiter = max((",", ";", "\t"), key=lambda mark: lines[0].count(mark))
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    names = [name.strip() for name in rows[0]]
    table = np.array([[_cell(c) for c in row[: len(names)]] for row in rows[1:] if len(row) >= len(names)])
    column = {name: i for i, name in enumerate(names)}
    frames = len(table)

    def get(name: str, default: float) -> np.ndarray:
        return table[:, column[name]] if name in column else np.full(frames, default)

    points = {}
    for role in GATE_ROLES:
        for side in SIDES:
            joint = joint_name(skeleton, role, side)
            score = joint + "_score" if joint + "_score" in column else joint + "_visibility"
            present = joint + "_x" in column
            points[joint] = (
                get(joint + "_x", math.nan),
                get(joint + "_y", math.nan),
                get(score, 1.0 if present else 0.0),
            )
    return get("time_s", math.nan), points


def judge_file(
    path: str | Path, variant: str, *, format: str = "angles", side: str | None = None
) -> GateVerdict:
    """The gate's verdict on a recording file (angles or keypoints), without raising.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    variant : str
        "cable", "machine" or "bodyweight".
    format : str, optional
        "angles" or a keypoint skeleton ("coco17", "mediapipe33", "halpe26", "body25").
    side : str or None, optional
        For keypoints: "left" or "right", the side facing the camera.

    Returns
    -------
    GateVerdict
        `reason` None when the recording looks like the variant.
    """
    check_variant(variant)
    recording = read_recording(path, format=format, side=side)
    if format == "angles":
        return judge_angles(recording, variant)
    time_s, points = read_gate_points(path, format)
    return judge_keypoints(time_s, points, format, recording.side or side or "right", variant)


def check_exercise_file(
    path: str | Path, variant: str, *, format: str = "angles", side: str | None = None
) -> GateVerdict:
    """Refuse a recording file that does not show the variant named (one line); else its verdict.

    Raises
    ------
    NotTheExerciseError
        A ValueError such as "this does not look like a quadruped kickback: the trunk is upright in
        96 % of frames (...)".

    >>> from kickback.form.recordings import RECORDINGS_DIR
    >>> check_exercise_file(RECORDINGS_DIR / "cable_good_angles.csv", "cable").passed
    True
    """
    verdict = judge_file(path, variant, format=format, side=side)
    if not verdict.passed:
        raise NotTheExerciseError(verdict.message())
    return verdict


def is_this_the_exercise(
    recording: str | Path, variant: str, *, format: str | None = None, side: str | None = None
) -> GateVerdict:
    """Ask the gate about a shipped example (by name, e.g. "bodyweight_good_angles.csv") or any CSV file.

    Parameters
    ----------
    recording : str or Path
        A name from `list_recordings()` or the path of a CSV file.
    variant : str
        The variant it is said to show: "cable", "machine" or "bodyweight".
    format : str or None, optional
        "angles" or a keypoint skeleton; None guesses it from the name.
    side : str or None, optional
        For keypoints, the side facing the camera (the shipped examples: "right").

    Returns
    -------
    GateVerdict
        Prints as a sentence with a tick or a cross.

    >>> print(is_this_the_exercise("bodyweight_good_angles.csv", "cable"))  # doctest: +ELLIPSIS
    ✗ This does not look like a cable kickback: the trunk is near horizontal in 100 % of frames ...
    """
    path = Path(recording)
    if not path.exists() and (RECORDINGS_DIR / path.name).exists():
        path = RECORDINGS_DIR / path.name
    format = format or guess_format(path.name)
    if format != "angles" and side is None:
        side = "right"
    return judge_file(path, variant, format=format, side=side)
