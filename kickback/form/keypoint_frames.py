"""A keypoints file read once: every joint the checker and the gate look at, the people count and its words.

Steps: from a `CsvTable` (csv_text.py, which bounds the file's size, rows and columns) take the columns
of the shoulders, hips, knees, ankles and wrists of both sides and the nose (x, y and a confidence
score where the file gives one), `time_s`, and the optional `people_seen` column that
scripts/video_to_keypoints.py writes; read them in one pass with `csv_text.columns` (every cell
checked); check the times and the people counts. `recordings.py` turns the result into angles, and
the gate (exercise_gate.py) judges the same arrays: the file is parsed once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..validate import check_choice
from .csv_text import CsvTable, columns, read_file_bytes, rows_from_bytes
from .keypoints import SIDES, SKELETONS, joint_name
from .recording_checks import RecordingError, check_time, file_where
from .thresholds import threshold

FRAME_ROLES: tuple[str, ...] = ("shoulder", "hip", "knee", "ankle", "wrist")
"""The joints read on both sides: the angles need the first four, the gate also looks at the wrists."""
PEOPLE_COLUMN = "people_seen"
"""Optional column: how many people were seen in the frame (blank where they were not counted)."""

Points = Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
"""Joint name -> (x, y, score) arrays in image pixels (y down), one value per frame."""


@dataclass(frozen=True)
class KeypointFrames:
    """A keypoints file's joints frame by frame, as read (pixels, y down).

    Parameters
    ----------
    name : str
        The file's name, for messages.
    skeleton : str
        "coco17", "mediapipe33", "halpe26" or "body25".
    time_s : numpy.ndarray
        Frame times (s), checked: finite and increasing.
    points : Mapping
        Joint name (the skeleton's own) -> (x, y, score) arrays. A joint the file lacks is NaN with
        score 0 in every frame; a joint without a score column has score 1.
    present : frozenset of str
        The joints whose x and y columns the file has.
    people : numpy.ndarray or None
        People seen per frame (whole numbers), NaN where not counted; None when the file has no
        `people_seen` column.
    lines : numpy.ndarray
        The file line of each frame, for messages.
    """

    name: str
    skeleton: str
    time_s: np.ndarray
    points: Points
    present: frozenset[str]
    people: np.ndarray | None
    lines: np.ndarray

    def confident(self, joint: str) -> tuple[np.ndarray, np.ndarray]:
        """A joint's (x, y) pixels with frames below `keypoint_score_min` set to NaN."""
        x, y, score = self.points[joint]
        low = ~(score >= threshold("keypoint_score_min"))
        return np.where(low, np.nan, x), np.where(low, np.nan, y)

    @property
    def nose(self) -> str:
        """The skeleton's name for the nose ("nose" or "Nose")."""
        return next(joint for joint in SKELETONS[self.skeleton] if joint.lower() == "nose")


def frame_joints(skeleton: str) -> list[str]:
    """The joints read from a file: both sides' shoulder, hip, knee, ankle and wrist, and the nose."""
    joints = [joint_name(skeleton, role, side) for role in FRAME_ROLES for side in SIDES]
    return joints + [next(joint for joint in SKELETONS[skeleton] if joint.lower() == "nose")]


def score_column(names: Sequence[str], joint: str) -> str | None:
    """The confidence column of a joint: `<joint>_score`, or MediaPipe's `<joint>_visibility`."""
    for suffix in ("_score", "_visibility"):
        if joint + suffix in names:
            return joint + suffix
    return None


def keypoint_frames(table: CsvTable, skeleton: str) -> KeypointFrames:
    """Read the joints, times and people counts of a keypoints file's table in one pass.

    Parameters
    ----------
    table : CsvTable
        From `csv_text.rows_from_bytes` (the file's size, rows and columns already bounded).
    skeleton : str
        The skeleton whose joint names the header uses.

    Returns
    -------
    KeypointFrames
        Raises RecordingError (one line) on a missing `time_s`, a bad cell, bad times or a people
        count that is not a whole number in range.
    """
    names = table.names
    if "time_s" not in names:
        raise RecordingError(f"{table.name}: missing column time_s (the frame times, in seconds)")
    present = [joint for joint in frame_joints(skeleton) if f"{joint}_x" in names and f"{joint}_y" in names]
    scores = {joint: score_column(names, joint) for joint in present}
    wanted = ["time_s"] + [f"{joint}_{axis}" for joint in present for axis in "xy"]
    wanted += [column for column in scores.values() if column]
    wanted += [PEOPLE_COLUMN] if PEOPLE_COLUMN in names else []
    data, lines = columns(table, wanted)
    time_s = check_time(data["time_s"], file_where(table.name, lines))
    frames = len(time_s)
    points = {
        joint: (np.full(frames, np.nan), np.full(frames, np.nan), np.zeros(frames))
        for joint in frame_joints(skeleton)
    }
    for joint in present:
        score = data[scores[joint]] if scores[joint] else np.ones(frames)
        points[joint] = (data[f"{joint}_x"], data[f"{joint}_y"], score)
    people = data.get(PEOPLE_COLUMN)
    if people is not None:
        check_people(table.name, people, lines)
    return KeypointFrames(table.name, skeleton, time_s, points, frozenset(present), people, lines)


def check_people(name: str, people: np.ndarray, lines: Sequence[int]) -> None:
    """Refuse a people count that is not a whole number from 0 to `max_people_seen` (blank is allowed)."""
    most = threshold("max_people_seen")
    with np.errstate(invalid="ignore"):
        bad = np.isfinite(people) & ((people < 0) | (people > most) | (people != np.round(people)))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise RecordingError(
            f"{name}: line {lines[i]}, column {PEOPLE_COLUMN}: {people[i]:g} is not a count of people "
            f"(a whole number from 0 to {most:g}, or blank where people were not counted)"
        )


def people_counts(people: np.ndarray | None) -> tuple[int, int, int]:
    """(frames where people were counted, of them frames with more than one person, most people at once).

    >>> people_counts(np.array([1, np.nan, 2, np.nan, 3]))
    (3, 2, 3)
    >>> people_counts(None)
    (0, 0, 0)
    """
    if people is None:
        return 0, 0, 0
    counted = people[np.isfinite(people)]
    if len(counted) == 0:
        return 0, 0, 0
    return len(counted), int((counted > 1).sum()), int(counted.max())


def read_keypoint_frames(path: str | Path, skeleton: str) -> KeypointFrames:
    """Read a keypoints CSV's joints, times and people counts through the bounded reader (csv_text.py).

    Parameters
    ----------
    path : str or Path
        The keypoints CSV (pixels, y down; cells separated by commas, semicolons or tabs).
    skeleton : str
        "coco17", "mediapipe33", "halpe26" or "body25".

    Returns
    -------
    KeypointFrames
        Raises RecordingError (one line) on any problem with the file.
    """
    check_choice("format", skeleton, SKELETONS)
    path = Path(path)
    return keypoint_frames(rows_from_bytes(path.name, read_file_bytes(path)), skeleton)


# --- the sentences the report and the gate say about the people seen ---------------------------


ONE_PERSON_NOTE = "The pose estimator follows one person; if several were in view, only one was judged."


def _counted_every(people: np.ndarray) -> int:
    """How many frames apart the people were counted (the commonest gap between counted frames)."""
    gaps = np.diff(np.flatnonzero(np.isfinite(people)))
    return int(np.bincount(gaps).argmax()) if len(gaps) else 1


def people_note(people: np.ndarray | None, skeleton: str = "") -> str:
    """The report's sentence on how many people were seen and which one was followed.

    Said the same wherever it is shown (the command line, a report's notes, the video report), so it
    names no picture: the video report adds where to look (`kickback.draw.video_report`).

    Parameters
    ----------
    people : numpy.ndarray or None
        People seen per frame (NaN where not counted), from the `people_seen` column; None when the
        file has none.
    skeleton : str, optional
        The keypoints' skeleton; "mediapipe33" names MediaPipe Pose as the estimator.

    Returns
    -------
    str
        One or two sentences in plain words.

    >>> people_note(np.array([2.0, np.nan, 1.0, np.nan, 2.0, np.nan]), "mediapipe33")[:72]
    'Several people were seen in 2 of the 3 frames where people were counted '
    """
    counted, several, _ = people_counts(people)
    if people is None or counted == 0:
        return ONE_PERSON_NOTE
    every = _counted_every(people)
    where = f"{counted} frames where people were counted" + (f" (one frame in {every})" if every > 1 else "")
    if several == 0:
        return f"No more than one person was seen in any of the {where}: the person judged was alone in view."
    estimator = "MediaPipe Pose" if skeleton == "mediapipe33" else "The pose estimator"
    return (
        f"Several people were seen in {several} of the {where}. {estimator} follows one person, the most "
        "prominent in view (usually the largest, nearest the camera); only that person was judged."
    )


def people_clause(people: np.ndarray | None) -> str | None:
    """A clause for a one-line refusal when several people were seen, else None.

    >>> people_clause(np.array([2.0, np.nan, 1.0]))
    'several people were seen in 1 of the 2 frames where people were counted, and only one was followed'
    """
    counted, several, _ = people_counts(people)
    if several == 0:
        return None
    return (
        f"several people were seen in {several} of the {counted} frames where people were counted, "
        "and only one was followed"
    )
