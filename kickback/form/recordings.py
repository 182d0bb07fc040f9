"""Recorded sets: read an angles or keypoints CSV into a `Recording`, write one out.

Also lists the shipped examples.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

import numpy as np

from ..data_files import DATA_DIR
from ..files import write_atomically
from ..model.pose import POSE_FIELDS, read_limits
from ..validate import check_choice
from .csv_text import CsvTable, columns, listed, read_file_bytes, rows_from_bytes
from .keypoint_frames import KeypointFrames, keypoint_frames
from .keypoints import ROLES, SIDES, SKELETONS, angles_from_points, facing_from_points, joint_name
from .recording_checks import (
    RecordingError,
    check_recording_parts,
    file_where,
    hip_span,
    looks_like_radians,
    radians_hint,
    signal_problem,
)
from .thresholds import threshold

FORMATS: tuple[str, ...] = ("angles",) + tuple(SKELETONS)
ANGLE_COLUMNS: dict[str, str] = {f"{name}_deg": name for name in POSE_FIELDS}
REQUIRED_ANGLE_COLUMNS: tuple[str, ...] = ("time_s", "hip_extension_deg", "knee_flexion_deg")

SIDE_VIEW_NOTES: tuple[str, ...] = (
    "Seen from the side, the hip angle is the thigh's angle to the trunk line (shoulder to hip): "
    "it includes whatever the lower back lent.",
    "Trunk lean is the shoulder-hip line against the image's vertical; it assumes the camera is level.",
)
"""Notes every keypoint report carries; what a side view cannot judge at all is listed in `cannot_judge`."""


@dataclass(frozen=True)
class Recording:
    """A recorded set: times (s) and joint angles (degrees) frame by frame.

    `angles` maps Pose field names ("hip_extension", "knee_flexion", and those measured of
    "lumbar_extension", "trunk_lean", "pelvic_rotation") to arrays; NaN marks a missing or
    low-confidence frame. `source` is "angles" or the keypoint skeleton; `hip_measure` is "hip"
    when the hip angle is the hip's own, "thigh_to_trunk" when it is the thigh against the trunk
    line (a side view, which includes what the lower back lends). `label` is the mistake a
    simulated set was made to show ("good" for none); None for a real recording.

    Parameters
    ----------
    time_s : numpy.ndarray
        Frame times (s), increasing.
    angles : Mapping[str, numpy.ndarray]
        Pose field name -> angle per frame (degrees); NaN where missing.
    source : str, optional
        "angles" or the keypoint skeleton, e.g. "coco17".
    hip_measure : str, optional
        "hip" or "thigh_to_trunk".
    side : str or None, optional
        "left" or "right", the side facing the camera (keypoints only).
    notes : tuple of str, optional
        Remarks made while reading, e.g. columns not used.
    label : str or None, optional
        The mistake a simulated set shows, "good", or None for a real recording.
    keypoints : KeypointFrames or None, optional
        For a keypoints file, every joint as read (what the gate judges: the file is parsed once).
    """

    time_s: np.ndarray
    angles: Mapping[str, np.ndarray]
    source: str = "angles"
    hip_measure: str = "hip"
    side: str | None = None
    notes: tuple[str, ...] = ()
    label: str | None = None
    keypoints: KeypointFrames | None = dataclass_field(default=None, repr=False, compare=False)

    def shifted(self, seconds: float) -> Recording:
        """The same recording with every time moved by `seconds` (its keypoints are not carried over)."""
        return Recording(
            self.time_s + seconds,
            self.angles,
            self.source,
            self.hip_measure,
            self.side,
            self.notes,
            self.label,
        )


# --- reading ---------------------------------------------------------------------------------


def read_angles_csv(path: str | Path) -> Recording:
    """Read an angles CSV: `time_s, hip_extension_deg, knee_flexion_deg` and, where measured,
    `lumbar_extension_deg, trunk_lean_deg, pelvic_rotation_deg` (degrees, the course's signs).

    Commas, semicolons (with decimal commas) or tabs may separate the cells.
    Raises RecordingError (one line) on any problem with the file.
    """
    path = Path(path)
    return _angles_from_rows(rows_from_bytes(path.name, read_file_bytes(path)))


def _angles_from_rows(table: CsvTable) -> Recording:
    """A Recording from the rows of an angles file, every cell and the time checked."""
    name, names = table.name, table.names
    missing = [column for column in REQUIRED_ANGLE_COLUMNS if column not in names]
    if missing:
        hint = (
            "; this looks like a keypoints file: give its --format"
            if any(column.endswith("_x") for column in names)
            else ""
        )
        raise RecordingError(f"{name}: missing column {missing[0]} (the header has: {listed(names)}){hint}")
    present = ["time_s"] + [column for column in ANGLE_COLUMNS if column in names]
    data, lines = columns(table, present)
    where = file_where(name, lines)
    time_s, angles = check_recording_parts(
        data["time_s"], {ANGLE_COLUMNS[column]: data[column] for column in present[1:]}, where
    )
    if not np.isfinite(angles["hip_extension"]).any():
        raise RecordingError(
            f"{name}: hip_extension_deg is blank or NaN on every line: there is no hip angle"
        )
    if looks_like_radians(angles):
        raise RecordingError(f"{name}: {radians_hint(angles)}")
    ignored = [column for column in names if column not in present]
    notes = (f"Columns not used: {listed(ignored)}.",) if ignored else ()
    return Recording(time_s=time_s, angles=angles, source="angles", notes=notes)


def read_keypoints_csv(path: str | Path, skeleton: str, side: str) -> Recording:
    """Read a keypoints CSV (`time_s`, `<joint>_x`, `<joint>_y`, optional `<joint>_score`; pixels, y down)
    and turn the side facing the camera into angles (see keypoints.py).

    A frame where a joint needed is missing or scores below `keypoint_score_min` has NaN angles.
    Which way the learner faces in the image (left or right) is read from the keypoints (the
    shoulder and the nose ahead of the hip), so a camera on the other side gives the same verdict.
    """
    check_choice("format", skeleton, SKELETONS)
    check_choice("side", side, SIDES)
    path = Path(path)
    return _keypoints_from_rows(rows_from_bytes(path.name, read_file_bytes(path)), skeleton, side)


def _joints(skeleton: str, side: str) -> dict[str, str]:
    """The skeleton's joint names used for one side: shoulder, hip, knee, ankle."""
    return {role: joint_name(skeleton, role, side) for role in ROLES}


def _check_side_columns(name: str, names: Sequence[str], skeleton: str, side: str) -> None:
    """Refuse a keypoints file that lacks `time_s` or the x or y of a joint the angles need."""
    wanted = ["time_s"] + [f"{joint}_{axis}" for joint in _joints(skeleton, side).values() for axis in "xy"]
    missing = [column for column in wanted if column not in names]
    if missing:
        hint = "; this looks like an angles file: use --format angles" if "hip_extension_deg" in names else ""
        raise RecordingError(
            f"{name}: missing column {missing[0]} ({skeleton} names, {side} side facing the camera){hint}"
        )


def _keypoints_from_rows(table: CsvTable, skeleton: str, side: str) -> Recording:
    """A Recording from the rows of a keypoints file (see `read_keypoints_csv`)."""
    _check_side_columns(table.name, table.names, skeleton, side)
    return recording_from_keypoints(keypoint_frames(table, skeleton), side)


def recording_from_keypoints(frames: KeypointFrames, side: str) -> Recording:
    """The angles of the side facing the camera, from keypoints already read (`keypoint_frames`).

    Refuses (RecordingError, one line) keypoints that lack the side's joints or give no hip angle.
    """
    check_choice("side", side, SIDES)
    skeleton, name = frames.skeleton, frames.name
    joints = _joints(skeleton, side)
    _check_side_columns(name, ["time_s"] + [f"{j}_{a}" for j in frames.present for a in "xy"], skeleton, side)
    other = _joints(skeleton, "left" if side == "right" else "right")
    points = {role: frames.confident(joint) for role, joint in joints.items()}
    head = {"head": frames.confident(frames.nose)} if frames.nose in frames.present else {}
    facing = facing_from_points({**points, **head})
    angles, outside = _plausible(angles_from_points(points, facing or side))
    _refuse_no_signal(name, angles, frames, other, side, facing or side)
    return Recording(
        time_s=frames.time_s,
        angles=angles,
        source=skeleton,
        hip_measure="thigh_to_trunk",
        side=side,
        notes=SIDE_VIEW_NOTES + _facing_notes(facing, side, outside),
        keypoints=frames,
    )


def _facing_notes(facing: str | None, side: str, outside: int) -> tuple[str, ...]:
    """Notes on the facing direction read from the keypoints and on frames set aside."""
    notes = []
    if facing is None:
        notes.append(
            f"Which way the learner faces could not be read from the keypoints; the {side} side toward "
            f"the camera was taken to mean facing the image's {side}."
        )
    if outside:
        notes.append(
            f"{outside} frame{'s' if outside != 1 else ''} gave angles outside the body's range "
            "(most likely a misplaced keypoint) and were treated as missing."
        )
    return tuple(notes)


def _plausible(angles: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], int]:
    """Angles from keypoints with frames outside the model's limits set to NaN; and how many such frames."""
    limits = read_limits()
    bad = np.zeros(len(next(iter(angles.values()))), dtype=bool)
    for field, values in angles.items():
        low, high, _ = limits[field]
        with np.errstate(invalid="ignore"):
            bad |= (values < low) | (values > high)
    return {field: np.where(bad, np.nan, values) for field, values in angles.items()}, int(bad.sum())


def _refuse_no_signal(
    name: str,
    angles: Mapping[str, np.ndarray],
    frames: KeypointFrames,
    other: Mapping[str, str],
    side: str,
    facing: str,
) -> None:
    """Refuse keypoints that give no hip angle, or a still hip while the other side's hip moves."""
    other_side = "left" if side == "right" else "right"
    span = hip_span(angles["hip_extension"])
    other_span = 0.0
    if all(joint in frames.present for joint in other.values()):
        points = {role: frames.confident(joint) for role, joint in other.items()}
        other_span = hip_span(_plausible(angles_from_points(points, facing))[0]["hip_extension"])
    moves = other_span >= threshold("count_min_range_deg")
    wrong_side = (
        f"; the {other_side} hip moves {other_span:.0f}°: is the {other_side} side facing the camera "
        f"(--side {other_side})?"
        if moves
        else ""
    )
    if not np.isfinite(angles["hip_extension"]).any():
        raise RecordingError(
            f"{name}: no hip angle in any frame: the {side} shoulder, hip or knee is blank, NaN or below "
            f"the confidence {threshold('keypoint_score_min'):g} on every line{wrong_side}"
        )
    # The leg that works moves far more than the one that stands: a third of the other's range is not it.
    if moves and (span < threshold("count_min_range_deg") or span < other_span / 3):
        raise RecordingError(f"{name}: the {side} hip moves only {span:.0f}°{wrong_side}")


def read_recording(path: str | Path, *, format: str = "angles", side: str | None = None) -> Recording:
    """Read a recording in any supported format; keypoint formats need the `side` facing the camera.

    Parameters
    ----------
    path : str or Path
        The CSV file (cells separated by commas, semicolons or tabs).
    format : str, optional
        "angles" (default, degrees) or a keypoint skeleton: "coco17", "mediapipe33", "halpe26",
        "body25" (image pixels, y down).
    side : str or None, optional
        "left" or "right": the side of the body facing the camera (keypoint formats only).

    Returns
    -------
    Recording
        Times (s) and joint angles (degrees).

    Raises
    ------
    RecordingError
        A one-line message on any problem with the file.
    """
    path = Path(path)
    check_choice("format", format, FORMATS)
    if format != "angles":
        _need_side(side)
    return recording_from_bytes(read_file_bytes(path), path.name, format=format, side=side)


def _need_side(side: str | None) -> str:
    if side is None:
        raise RecordingError(
            "a keypoints file needs --side left or --side right: the side of the body facing the camera"
        )
    return check_choice("side", side, SIDES)


def recording_from_bytes(
    data: bytes, name: str, *, format: str = "angles", side: str | None = None
) -> Recording:
    """Read a recording from the bytes of a file (an upload) without writing it to disk.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name, used in messages.
    format : str, optional
        As for `read_recording`.
    side : str or None, optional
        As for `read_recording`.

    Returns
    -------
    Recording
        Times (s) and joint angles (degrees).
    """
    check_choice("format", format, FORMATS)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ValueError(f"data must be the bytes of a file; got {type(data).__name__}")
    if format == "angles":
        return _angles_from_rows(rows_from_bytes(name, bytes(data)))
    side = _need_side(side)
    return _keypoints_from_rows(rows_from_bytes(name, bytes(data)), format, side)


def check_signal(recording: Recording, name: str = "recording") -> Recording:
    """Refuse a recording with no signal to judge (no hip angle, radians, a flat line, too short).

    Returns the recording; raises RecordingError (a ValueError) saying in one line what is missing.
    """
    problem = signal_problem(recording.time_s, recording.angles)
    if problem:
        raise RecordingError(f"{name}: {problem[0].lower()}{problem[1:]}")
    return recording


# --- writing ---------------------------------------------------------------------------------


def write_angles_csv(path: str | Path, recording: Recording, *, comments: Iterable[str] = ()) -> Path:
    """Write a recording as an angles CSV (with `#` comment lines first); returns the path."""
    path = Path(path)
    names = [name for name in POSE_FIELDS if name in recording.angles]
    header = ["time_s"] + [f"{name}_deg" for name in names]
    columns = [recording.time_s] + [recording.angles[name] for name in names]
    _write(path, comments, header, columns, decimals=[4] + [2] * len(names))
    return path


def _write(
    path: Path,
    comments: Iterable[str],
    header: Sequence[str],
    columns: Sequence[np.ndarray],
    decimals: Sequence[int],
) -> None:
    """Write columns of numbers as CSV, NaN as a blank cell; whole or not at all (`write_atomically`)."""
    lines = [f"# {comment}" for comment in comments] + [",".join(header)]
    for row in zip(*columns):
        lines.append(",".join("" if math.isnan(v) else f"{v:.{d}f}" for v, d in zip(row, decimals)))
    write_atomically(path, "\n".join(lines) + "\n")


RECORDINGS_DIR = DATA_DIR / "recordings"


def list_recordings() -> list[str]:
    """The shipped example recordings (file names in data/recordings).

    Returns
    -------
    list of str
        File names, sorted, e.g. "cable_momentum_angles.csv".
    """
    return sorted(path.name for path in RECORDINGS_DIR.glob("*.csv"))


def guess_format(name: str) -> str:
    """The format a shipped recording is in, from its file name (e.g. ..._coco17.csv)."""
    stem = Path(name).stem
    return next((fmt for fmt in FORMATS if stem.endswith("_" + fmt)), "angles")
